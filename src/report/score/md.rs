//! `score --format md`: the title, the basis, then both sheets as tables.

use super::sheets::{lines_sheet, scores_sheet};
use super::{basis, title};
use crate::lang::{pick, Lang};
use crate::score::{Evaluation, UnitScore};

pub fn render(e: &Evaluation, units: &[&UnitScore], l: Lang) -> String {
    format!(
        "# {}\n\n{}\n\n{}\n## {}\n\n{}",
        title(e, l),
        basis(e, l),
        scores_sheet(units, l).to_markdown(),
        pick(l, "扣分与加分明细", "Deductions and bonuses"),
        lines_sheet(e, units, l).to_markdown()
    )
}
