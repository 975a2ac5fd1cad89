//! Reading numbers as people type them into Excel or WPS.

/// Maps a full-width form (U+FF01–U+FF5E) to its ASCII twin, the ideographic space
/// to a space and the minus sign U+2212 to '-'. Not NFKC: that would turn `10²` into `102`.
pub fn halfwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2212}' => '-',
        _ => c,
    }
}

/// [`halfwidth`] over a whole string, trimmed.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(halfwidth)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width() {
        assert_eq!(normalize("　３，２００人　"), "3,200人");
        assert_eq!(normalize("\u{2212}5"), "-5");
        assert_eq!(normalize("10²"), "10²");
    }
}
