//! Terminal tables. comfy-table measures CJK text as double width, so columns line
//! up; box-drawing characters render double-width on some Chinese Windows consoles,
//! hence the ASCII style.

use comfy_table::{presets, Cell, Color, ContentArrangement, Table};

/// How a table is drawn.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
    pub ascii: bool,
}

pub fn new_table(style: Style, header: &[&str]) -> Table {
    let mut t = Table::new();
    if style.ascii {
        t.load_style(presets::ASCII_MARKDOWN);
    } else {
        t.load_style(presets::UTF8_FULL_CONDENSED);
    }
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.set_header(header.iter().map(|h| {
        let c = Cell::new(h);
        if style.color {
            c.add_attribute(comfy_table::Attribute::Bold)
        } else {
            c
        }
    }));
    t
}

/// A cell coloured when colour is on.
pub fn colored(text: impl ToString, color: Option<Color>, style: Style) -> Cell {
    let c = Cell::new(text);
    match (color, style.color) {
        (Some(col), true) => c.fg(col),
        _ => c,
    }
}

/// Right-aligned cell for numbers.
pub fn right(text: impl ToString) -> Cell {
    Cell::new(text).set_alignment(comfy_table::CellAlignment::Right)
}
