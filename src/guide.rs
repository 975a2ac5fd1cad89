//! The departments' filling instructions (填报说明), compiled in from
//! `docs/填报说明.md` so that every copy says the same: the guide in the
//! Windows package, and the 填报说明 sheet of the xlsx template.

/// `docs/填报说明.md` as written (Markdown).
pub const FILLING_INSTRUCTIONS: &str = include_str!("../docs/填报说明.md");

/// The instructions as plain lines for a worksheet or a text box: Markdown
/// marks removed (`#`, `**`, backticks), table rows as cells joined by a
/// full-width space, table rules dropped. One entry a line; blank lines kept
/// as empty entries so paragraphs stay apart.
pub fn filling_instructions_lines() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut Vec<String>| {
        if !para.is_empty() {
            out.push(std::mem::take(para));
        }
    };
    for raw in FILLING_INSTRUCTIONS.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut para, &mut out);
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        let clean = |s: &str| s.replace("**", "").replace('`', "");
        if let Some(row) = line.strip_prefix('|') {
            flush(&mut para, &mut out);
            let cells: Vec<&str> = row
                .trim_end_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'))
            {
                continue;
            }
            out.push(clean(&cells.join("　")));
        } else if line.starts_with('#') {
            flush(&mut para, &mut out);
            out.push(clean(line.trim_start_matches('#').trim()));
        } else if line.starts_with("- ") || line.starts_with(|c: char| c.is_ascii_digit()) {
            // A list item starts a line of its own.
            flush(&mut para, &mut out);
            para.push_str(&clean(line.strip_prefix("- ").map_or(line, |l| l)));
            if line.starts_with("- ") {
                para.insert_str(0, "· ");
            }
        } else {
            // A continuation: Chinese needs no space between wrapped lines.
            para.push_str(&clean(line));
        }
    }
    flush(&mut para, &mut out);
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_are_compiled_in_and_plain() {
        assert!(FILLING_INSTRUCTIONS.starts_with("# 民生实事月度进展报表填报说明"));
        let lines = filling_instructions_lines();
        assert_eq!(lines[0], "民生实事月度进展报表填报说明");
        let text = lines.join("\n");
        for needed in [
            "累计完成",
            "3,200",
            "8万",
            "92%",
            "约3000",
            "bad-value",
            "wrong-unit",
        ] {
            assert!(text.contains(needed), "{needed}");
        }
        for mark in ["**", "`", "| ---", "##"] {
            assert!(!text.contains(mark), "{mark}");
        }
        // A list item and its continuation line form one line.
        assert!(lines
            .iter()
            .any(|l| l.starts_with("· 文字：已完成过半、三千——数字写在")));
    }
}
