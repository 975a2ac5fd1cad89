//! Reading numbers as people type them into Excel or WPS.
//!
//! A department types `3200`, `3,200`, `３２００`, `3200人`, `8万`, `92%`; all of
//! them are read. What cannot be read without guessing is refused with a reason a
//! clerk understands: text, approximations (约3000), ranges (3000-4000), Excel
//! error values (#DIV/0!), negative numbers, or a unit that is not the indicator's.
//!
//! The other direction lives here too: [`num`], [`pct`] and [`round_half_away`]
//! write numbers as a notice does, for the domain's messages and every renderer.

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

/// Why a cell could not be read as a number.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueError {
    /// Words instead of a number (`已完成过半`, `三千`).
    Text,
    /// 约3000, 3000余, 3000左右, 3000以上.
    Approximate,
    /// 3000-4000, 3000~4000, 3000至4000.
    Range,
    /// #DIV/0!, #N/A, #VALUE! … copied from a formula cell.
    ExcelError,
    /// -5: progress is never negative.
    Negative,
    /// A unit after the number that is not the indicator's (`3200户` for 人).
    WrongUnit(String),
    /// More than 100 for a percentage.
    OverHundred,
}

/// Cells that mean "no value this month".
fn is_blank(s: &str) -> bool {
    s.is_empty()
        || s.chars()
            .all(|c| matches!(c, '-' | '—' | '–' | '/' | '\\' | '─' | ' '))
}

const APPROX_PREFIX: &[&str] = &[
    "约", "大约", "近", "将近", "超", "超过", "逾", "接近", "预计",
];
const APPROX_SUFFIX: &[&str] = &["余", "多", "左右", "以上", "以下", "上下", "许", "+"];
const RANGE_SEP: &[char] = &['-', '~', '至', '—', '–', '到'];

/// Reads a cell for an indicator whose unit of measure is `unit` (`人`, `元/月`,
/// `%` …). `Ok(None)` is a blank cell (also `-`, `—`, `/`). `万` multiplies by
/// 10 000 (`8万` = 80000, `14万方`); a unit written after the number must be the
/// indicator's own; `%` is accepted (and required to be ≤ 100) only when the
/// indicator's unit is `%`.
pub fn parse_value(cell: &str, unit: &str) -> Result<Option<f64>, ValueError> {
    if let Some(Ok(v)) = plain_digits(cell).map(str::parse::<f64>) {
        // 400 digits parse as infinity (found by fuzzing): not a figure.
        if !v.is_finite() {
            return Err(ValueError::Text);
        }
        if unit == "%" && v > 100.0 {
            return Err(ValueError::OverHundred);
        }
        return Ok(Some(v));
    }
    let mut folded = String::with_capacity(cell.len());
    fold_into(cell, &mut folded);
    let s = folded.as_str();
    if is_blank(s) {
        return Ok(None);
    }
    let body = number_part(s)?;
    let (number, rest) = split_number(body).ok_or(ValueError::Text)?;
    let (value, rest) = scale_by_wan(body, number, rest);
    check_after_number(rest, unit)?;
    if unit == "%" && value > 100.0 {
        return Err(ValueError::OverHundred);
    }
    if !value.is_finite() {
        return Err(ValueError::Text);
    }
    Ok(Some(value))
}

/// Most cells are plain digits (`1728`, `16.3`): the cell, trimmed, when it
/// is, to be read without folding; `None` when it is anything else.
#[inline]
fn plain_digits(cell: &str) -> Option<&str> {
    let plain = cell.trim_matches([' ', '\t']);
    let (int, frac) = plain.split_once('.').unwrap_or((plain, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(int) && digits(frac)).then_some(plain)
}

/// The cell with full-width forms folded ([`halfwidth`]) and every space
/// dropped, into `buf`: spaces inside a number (`3 200`, `3200 人`) carry no
/// meaning. (Filling a buffer the caller made, rather than returning a new
/// one, keeps the hot path's code as tight as it was inline.)
fn fold_into(cell: &str, buf: &mut String) {
    for c in cell.chars() {
        let c = halfwidth(c);
        if !c.is_whitespace() && c != '\u{a0}' {
            buf.push(c);
        }
    }
}

/// The folded cell from its number on (a leading `+` dropped), or why it is
/// not a figure before a digit is read: an Excel error, an approximation
/// (约3000), a negative number, or text.
fn number_part(s: &str) -> Result<&str, ValueError> {
    if s.starts_with('#') {
        return Err(ValueError::ExcelError);
    }
    if APPROX_PREFIX.iter().any(|p| s.starts_with(p)) {
        return Err(ValueError::Approximate);
    }
    let body = s.strip_prefix('+').unwrap_or(s);
    if let Some(rest) = body.strip_prefix('-') {
        if rest.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            return Err(ValueError::Negative);
        }
        return Err(ValueError::Text);
    }
    Ok(body)
}

/// `8万` and `1.2亿`: the number scaled, and the text after the magnitude.
/// Scaling in binary floating point is not exact (19.17 × 10 000 is
/// 191699.99999999997), so the result is rounded to the precision the cell
/// (`body`) was written with.
fn scale_by_wan<'a>(body: &str, number: f64, rest: &'a str) -> (f64, &'a str) {
    let scale = |shift: i32| {
        let written = decimals(body) as i32;
        let dp = (written - shift).max(0);
        let m = 10f64.powi(dp);
        (number * 10f64.powi(shift) * m).round() / m
    };
    if let Some(r) = rest.strip_prefix('万') {
        (scale(4), r)
    } else if let Some(r) = rest.strip_prefix('亿') {
        (scale(8), r)
    } else {
        (number, rest)
    }
}

/// What follows the number must be nothing or the indicator's own unit;
/// otherwise it says why: an approximation (3000余), a range (3000-4000) or
/// another unit (`3200户` for 人).
fn check_after_number(rest: &str, unit: &str) -> Result<(), ValueError> {
    if rest.is_empty() || rest == unit {
        Ok(())
    } else if APPROX_SUFFIX.iter().any(|p| rest.starts_with(p)) {
        Err(ValueError::Approximate)
    } else if rest.starts_with(RANGE_SEP)
        && split_number(rest.trim_start_matches(RANGE_SEP)).is_some()
    {
        Err(ValueError::Range)
    } else if APPROX_SUFFIX.iter().any(|p| rest.ends_with(p)) {
        Err(ValueError::Approximate)
    } else {
        Err(ValueError::WrongUnit(rest.to_string()))
    }
}

/// Digits after the decimal point of the number a cell starts with.
fn decimals(s: &str) -> usize {
    let number = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(s, |end| &s[..end]);
    number.split_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(char::is_ascii_digit).count()
    })
}

/// Splits a leading decimal number (with optional thousands separators in
/// groups of three) from the rest of the text. `None` when the text does not
/// start with a number or its separators are misplaced (`3,20`).
fn split_number(s: &str) -> Option<(f64, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut digits = String::new();
    let mut group = 0usize;
    let mut saw_comma = false;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => {
                digits.push(bytes[i] as char);
                group += 1;
            }
            b',' if !digits.is_empty() && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit() => {
                if (saw_comma && group != 3) || group > 3 {
                    return None;
                }
                saw_comma = true;
                group = 0;
            }
            _ => break,
        }
        i += 1;
    }
    if digits.is_empty() || (saw_comma && group != 3) {
        return None;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j == start {
            return None;
        }
        digits.push('.');
        digits.push_str(&s[start..j]);
        i = j;
    }
    let v: f64 = digits.parse().ok()?;
    Some((v, &s[i..]))
}

// Writing numbers: the other direction, as a notice writes them.

/// A quantity as a notice writes it: no needless decimals, at most two.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    // Whole hundredths as an integer: formatting an f64 with a precision
    // (`{:.0}`, `{:.2}`) takes thousands of instructions, and every finding of
    // a check quotes figures (issue 16). Below 10¹⁵ hundredths the f64
    // `cents / 100` prints as exactly these digits, so the text is the same.
    let cents = (x * 100.0).round();
    if cents.abs() < 1e15 {
        let c = cents as i64;
        let sign = if c < 0 { "-" } else { "" };
        let (int, frac) = (c.unsigned_abs() / 100, c.unsigned_abs() % 100);
        return match frac {
            0 => format!("{sign}{int}"),
            f if f % 10 == 0 => format!("{sign}{int}.{}", f / 10),
            f => format!("{sign}{int}.{f:02}"),
        };
    }
    // `+ 0.0` turns −0 into 0: a sum of no deductions is not "-0".
    let r = (x * 100.0).round() / 100.0 + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// A fraction as a percentage with one decimal: 0.5 → `50.0%`.
pub fn pct(x: f64) -> String {
    format!("{:.1}%", round_half_away(x * 100.0, 1))
}

/// Rounds half away from zero to `dp` decimals (87.45 → 87.5), as people round.
pub fn round_half_away(x: f64, dp: i32) -> f64 {
    let m = 10f64.powi(dp);
    // The nudge absorbs binary error such as 87.45 being stored as 87.4499…
    let y = x * m;
    let nudged = y + y.signum() * 1e-9 * y.abs().max(1.0);
    nudged.round() / m + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_digits_take_the_fast_path() {
        assert_eq!(plain_digits(" 1728\t"), Some("1728"));
        assert_eq!(plain_digits("16.3"), Some("16.3"));
        // 400 digits are plain, but infinity is not a figure; nor is 100.5%.
        assert!(plain_digits(&"9".repeat(400)).is_some());
        assert_eq!(parse_value(&"9".repeat(400), "人"), Err(ValueError::Text));
        assert_eq!(parse_value("100.5", "%"), Err(ValueError::OverHundred));
        // Everything else goes the long way, folded and checked.
        for cell in [
            "",
            ".5",
            "5.",
            "1.2.3",
            "3,200",
            "3200人",
            "３２００",
            "8万",
            "-5",
            "+5",
        ] {
            assert_eq!(plain_digits(cell), None, "{cell}");
        }
    }

    #[test]
    fn folds_full_width() {
        assert_eq!(normalize("　３，２００人　"), "3,200人");
        assert_eq!(normalize("\u{2212}5"), "-5");
        assert_eq!(normalize("10²"), "10²");
    }

    #[test]
    fn reads_what_people_type() {
        assert_eq!(parse_value("3200", "人"), Ok(Some(3200.0)));
        // Regression (fuzz/value): a number too long for f64 is no figure.
        assert_eq!(parse_value(&"9".repeat(400), "人"), Err(ValueError::Text));
        assert_eq!(parse_value(&"9".repeat(400), "%"), Err(ValueError::Text));
        assert_eq!(parse_value("3,200", "人"), Ok(Some(3200.0)));
        assert_eq!(parse_value("1,234,567.5", "人"), Ok(Some(1234567.5)));
        assert_eq!(parse_value("３２００", "人"), Ok(Some(3200.0)));
        assert_eq!(parse_value("３，２００人", "人"), Ok(Some(3200.0)));
        assert_eq!(parse_value(" 3200 人 ", "人"), Ok(Some(3200.0)));
        assert_eq!(parse_value("8万", "户"), Ok(Some(80000.0)));
        assert_eq!(parse_value("8.5万户", "户"), Ok(Some(85000.0)));
        assert_eq!(parse_value("14万方", "方"), Ok(Some(140000.0)));
        // Exact to the precision written, not 191699.99999999997.
        assert_eq!(parse_value("19.17万", "方"), Ok(Some(191700.0)));
        assert_eq!(parse_value("1.23456万", "人"), Ok(Some(12345.6)));
        assert_eq!(parse_value("0.07亿", "元"), Ok(Some(7000000.0)));
        assert_eq!(parse_value("92%", "%"), Ok(Some(92.0)));
        assert_eq!(parse_value("９２％", "%"), Ok(Some(92.0)));
        assert_eq!(parse_value("650元/月", "元/月"), Ok(Some(650.0)));
        assert_eq!(parse_value("0", "个"), Ok(Some(0.0)));
        assert_eq!(parse_value("7.5", "公里"), Ok(Some(7.5)));
    }

    #[test]
    fn blanks_are_no_value() {
        for s in ["", "  ", "-", "—", "——", "/", "－", "　", "--"] {
            assert_eq!(parse_value(s, "人"), Ok(None), "{s:?}");
        }
    }

    #[test]
    fn refuses_guesses() {
        assert_eq!(parse_value("约3000", "人"), Err(ValueError::Approximate));
        assert_eq!(parse_value("3000余", "人"), Err(ValueError::Approximate));
        assert_eq!(parse_value("3000左右", "人"), Err(ValueError::Approximate));
        assert_eq!(
            parse_value("3000人以上", "人"),
            Err(ValueError::Approximate)
        );
        assert_eq!(parse_value("3000-4000", "人"), Err(ValueError::Range));
        assert_eq!(parse_value("3000~4000", "人"), Err(ValueError::Range));
        assert_eq!(parse_value("3000至4000", "人"), Err(ValueError::Range));
        assert_eq!(parse_value("#DIV/0!", "人"), Err(ValueError::ExcelError));
        assert_eq!(parse_value("#N/A", "人"), Err(ValueError::ExcelError));
        assert_eq!(parse_value("-5", "人"), Err(ValueError::Negative));
        assert_eq!(parse_value("−5", "人"), Err(ValueError::Negative));
        assert_eq!(parse_value("已完成过半", "人"), Err(ValueError::Text));
        assert_eq!(parse_value("三千", "人"), Err(ValueError::Text));
        assert_eq!(parse_value("3,20", "人"), Err(ValueError::Text));
        assert_eq!(parse_value("1.", "人"), Err(ValueError::Text));
        assert_eq!(parse_value(".5", "人"), Err(ValueError::Text));
        assert_eq!(parse_value("101", "%"), Err(ValueError::OverHundred));
        assert_eq!(
            parse_value("3200户", "人"),
            Err(ValueError::WrongUnit("户".into()))
        );
        assert_eq!(
            parse_value("92%", "人"),
            Err(ValueError::WrongUnit("%".into()))
        );
        assert_eq!(parse_value("120%", "%"), Err(ValueError::OverHundred));
        assert_eq!(parse_value("120", "%"), Err(ValueError::OverHundred));
    }

    /// The formatting `num` did before its integer fast path (issue 16).
    fn num_by_precision(x: f64) -> String {
        let r = (x * 100.0).round() / 100.0 + 0.0;
        if r.fract() == 0.0 {
            format!("{r:.0}")
        } else {
            let s = format!("{r:.2}");
            s.trim_end_matches('0').to_string()
        }
    }

    #[test]
    fn num_is_the_same_text_as_formatting_with_a_precision() {
        let edges = [
            0.0,
            -0.0,
            0.004,
            -0.004,
            0.005,
            -0.005,
            0.125,
            1.005,
            2.675,
            99.995,
            -7.5,
            0.1,
            0.7,
            80000.0,
            191700.0,
            19.17,
            1e9 + 0.01,
            9.99e12,
            1e13 - 0.01,
            -1e13 + 0.01,
            1e14,
        ];
        for x in edges {
            assert_eq!(num(x), num_by_precision(x), "{x}");
        }
        // Values as wide as the figures and targets a plan holds, and wider.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mantissa = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let scale = 10f64.powi(((seed >> 3) % 16) as i32 - 3);
            let x = (mantissa - 0.3) * scale;
            assert_eq!(num(x), num_by_precision(x), "{x}");
        }
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(num(3200.0), "3200");
        assert_eq!(num(7.6), "7.6");
        assert_eq!(num(0.125), "0.13");
        assert_eq!(num(-3.0), "-3");
        assert_eq!(pct(0.5), "50.0%");
        assert_eq!(pct(0.87449), "87.4%");
        assert_eq!(pct(0.8745), "87.5%");
        assert_eq!(round_half_away(-2.5, 0), -3.0);
        assert_eq!(num(-0.0), "0");
        assert!(round_half_away(-0.0, 2).is_sign_positive());
    }
}
