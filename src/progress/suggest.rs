//! Did-you-mean for names people get slightly wrong: a unit in a file name
//! (`林业局2023年7月.csv`, `县林叶局.csv`), an indicator id, and the extension
//! Windows hides (`县妇联.csv.csv`).

use crate::plan::Plan;

/// How alike two names must be (Jaro-Winkler, 0–1) to be offered as a guess.
const ALIKE: f64 = 0.75;

/// The unit a file name most likely means: the longest unit name, alias or id
/// (two characters or more) that the name contains, else the most alike name.
pub fn nearest_unit(plan: &Plan, stem: &str) -> Option<usize> {
    let stem = stem.trim();
    let names = || {
        plan.units.iter().enumerate().flat_map(|(u, unit)| {
            std::iter::once(unit.name.as_str())
                .chain(unit.aliases.iter().map(String::as_str))
                .chain(std::iter::once(unit.id.as_str()))
                .map(move |n| (u, n))
        })
    };
    let contained = names()
        .filter(|(_, n)| n.chars().count() >= 2 && stem.contains(n))
        .max_by_key(|(_, n)| n.chars().count())
        .map(|(u, _)| u);
    contained.or_else(|| nearest(stem, names()))
}

/// The candidate whose name is most alike `want`, if alike enough.
pub fn nearest<'a, T>(want: &str, candidates: impl Iterator<Item = (T, &'a str)>) -> Option<T> {
    let mut best: Option<(f64, T)> = None;
    for (t, name) in candidates {
        let score = strsim::jaro_winkler(want, name);
        if score >= ALIKE && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, t));
        }
    }
    best.map(|(_, t)| t)
}

/// `县妇联.csv` as the stem of `县妇联.csv.csv`: Windows hid the extension, and
/// the clerk typed it again. The stem without the typed extension.
pub fn typed_extension(stem: &str) -> Option<&str> {
    let (base, ext) = stem.rsplit_once('.')?;
    let known = ["csv", "txt", "tsv", "xlsx", "xls"];
    (known.iter().any(|k| ext.eq_ignore_ascii_case(k)) && !base.trim().is_empty()).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/2023.toml"))
            .unwrap();
        let mut diags = crate::diag::Diagnostics::default();
        crate::plan::load::parse_plan_text("seeds/2023.toml", &src, &mut diags).unwrap()
    }

    #[test]
    fn a_file_name_with_extra_words_or_a_typo_finds_its_unit() {
        let p = plan();
        let name = |stem: &str| nearest_unit(&p, stem).map(|u| p.units[u].name.as_str());
        assert_eq!(name("林业局2023年7月"), Some("县林业局"));
        assert_eq!(name("县林叶局"), Some("县林业局"));
        assert_eq!(name("7月份报表-人社局"), Some("县人社局"));
        assert_eq!(name("新建 Microsoft Excel 工作表"), None);
    }

    #[test]
    fn a_typed_extension_is_found() {
        assert_eq!(typed_extension("县妇联.csv"), Some("县妇联"));
        assert_eq!(typed_extension("县妇联.XLSX"), Some("县妇联"));
        assert_eq!(typed_extension("县妇联"), None);
        assert_eq!(typed_extension(".csv"), None);
    }
}
