//! A calendar month such as `2023-06`, the unit of time of the whole programme:
//! plans take effect by month, departments report by month, deadlines are months.
//! Neither chrono nor jiff has a year-month type, so this small one exists.

use std::fmt;
use std::str::FromStr;

/// A year and month, ordered in time. `index` counts months since year 0.
/// In JSON it is its text, `"2023-06"`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(into = "String", try_from = "String")]
pub struct Month {
    index: i32,
}

impl Month {
    /// Builds a month; `month` is 1..=12.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        if !(1..=12).contains(&month) || !(1900..=9999).contains(&year) {
            return None;
        }
        Some(Month {
            index: year * 12 + month as i32 - 1,
        })
    }

    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// 1 = January.
    pub fn month(self) -> u32 {
        self.index.rem_euclid(12) as u32 + 1
    }

    /// January of the given year.
    pub fn january(year: i32) -> Month {
        Month { index: year * 12 }
    }

    /// December of the given year.
    pub fn december(year: i32) -> Month {
        Month {
            index: year * 12 + 11,
        }
    }

    pub fn next(self) -> Month {
        Month {
            index: self.index + 1,
        }
    }

    pub fn prev(self) -> Month {
        Month {
            index: self.index - 1,
        }
    }

    /// Months from `self` to `later`, counting both ends: Jan..=Jun is 6.
    pub fn span_to(self, later: Month) -> i32 {
        later.index - self.index + 1
    }

    /// Signed distance in months: `a.offset(b)` is b - a.
    pub fn months_until(self, later: Month) -> i32 {
        later.index - self.index
    }

    /// The quarter this month falls in.
    pub fn quarter(self) -> Quarter {
        Quarter {
            year: self.year(),
            q: (self.month() - 1) / 3 + 1,
        }
    }

    /// Parses a month the way people write it: `2023-06`, `2023-6`, `2023/06`,
    /// `2023.06`, `202306`, `2023年6月`, `2023年6月底`, full-width digits included.
    pub fn parse_loose(text: &str) -> Option<Month> {
        let (y, m) = loose_numbers(text)?;
        Month::new(y, m)
    }

    /// Whether text is written like a month (four digits, a separator, one or
    /// two digits), valid or not: `2023-13` is shaped like one and is not.
    pub fn looks_like(text: &str) -> bool {
        loose_numbers(text).is_some()
    }
}

/// The year and month numbers of a month as people write it (see
/// [`Month::parse_loose`]), not yet checked to be a calendar month.
fn loose_numbers(text: &str) -> Option<(i32, u32)> {
    let ascii: String = text
        .trim()
        .chars()
        .map(crate::value::halfwidth)
        .filter(|c| !c.is_whitespace())
        .collect();
    let s = ascii
        .trim_end_matches("底前")
        .trim_end_matches('前')
        .trim_end_matches('底')
        .trim_end_matches('末');
    let s = s.strip_suffix('月').unwrap_or(s);
    let (y, m) = if let Some((y, m)) = s.split_once(['-', '/', '.', '年', '_']) {
        (y, m)
    } else if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.split_at(4)
    } else {
        return None;
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    if !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?))
}

impl Month {
    /// `2023年6月` for Chinese text.
    pub fn zh(self) -> String {
        format!("{}年{}月", self.year(), self.month())
    }

    /// The month as a sentence in `lang` names it: 2023年6月, or 2023-06.
    pub fn label(self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::Zh => self.zh(),
            crate::lang::Lang::En => self.to_string(),
        }
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

impl TryFrom<String> for Month {
    type Error = String;
    fn try_from(s: String) -> Result<Month, String> {
        s.parse()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// Strict form used in folder names, TOML and command lines: `YYYY-MM`.
impl FromStr for Month {
    type Err = String;
    fn from_str(s: &str) -> Result<Month, String> {
        let bad = || {
            format!("「{s}」不是月份，应写作 YYYY-MM，例如 2023-06 (not a month: write YYYY-MM, e.g. 2023-06)")
        };
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let y: i32 = y.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        Month::new(y, m).ok_or_else(bad)
    }
}

/// A quarter of a year, `2023Q2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    pub q: u32,
}

impl Quarter {
    pub fn first(self) -> Month {
        Month::new(self.year, (self.q - 1) * 3 + 1).expect("valid quarter")
    }
    pub fn last(self) -> Month {
        Month::new(self.year, self.q * 3).expect("valid quarter")
    }
    pub fn months(self) -> impl Iterator<Item = Month> {
        let first = self.first();
        (0..3).map(move |i| Month {
            index: first.index + i,
        })
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

impl FromStr for Quarter {
    type Err = String;
    fn from_str(s: &str) -> Result<Quarter, String> {
        let bad = || format!("「{s}」不是季度，应写作 2023Q2 (not a quarter: write 2023Q2)");
        let t = s.trim().to_ascii_uppercase();
        let (y, q) = t.split_once('Q').ok_or_else(bad)?;
        let year: i32 = y.trim_end_matches('-').parse().map_err(|_| bad())?;
        let q: u32 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) || !(1900..=9999).contains(&year) {
            return Err(bad());
        }
        Ok(Quarter { year, q })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_strict_and_loose_forms() {
        let june = Month::new(2023, 6).unwrap();
        assert_eq!("2023-06".parse::<Month>().unwrap(), june);
        assert!("2023-6".parse::<Month>().is_err());
        assert!("2023-13".parse::<Month>().is_err());
        for s in [
            "2023-06",
            "2023-6",
            "2023/06",
            "2023.6",
            "202306",
            "2023年6月",
            "2023年6月底前",
            "２０２３年６月",
        ] {
            assert_eq!(Month::parse_loose(s), Some(june), "{s}");
        }
        assert_eq!(Month::parse_loose("六月"), None);
        // Shaped like a month but not one: a folder the clerk must rename.
        assert!(Month::looks_like("2023-13") && Month::looks_like("2023_7"));
        assert_eq!(Month::parse_loose("2023-13"), None);
        assert!(!Month::looks_like("六月") && !Month::looks_like("备份"));
        assert_eq!(Month::parse_loose("2023-00"), None);
    }

    #[test]
    fn orders_steps_and_counts() {
        let jan = Month::january(2023);
        let dec = Month::december(2023);
        assert_eq!(jan.span_to(dec), 12);
        assert_eq!(jan.span_to(Month::new(2023, 6).unwrap()), 6);
        assert_eq!(dec.next(), Month::january(2024));
        assert_eq!(Month::january(2024).prev(), dec);
        assert!(jan < dec);
        assert_eq!(
            Month::new(2023, 6).unwrap().quarter(),
            Quarter { year: 2023, q: 2 }
        );
        assert_eq!(dec.to_string(), "2023-12");
        assert_eq!(dec.zh(), "2023年12月");
    }

    #[test]
    fn quarters() {
        let q: Quarter = "2023Q2".parse().unwrap();
        assert_eq!(q.first().to_string(), "2023-04");
        assert_eq!(q.last().to_string(), "2023-06");
        assert_eq!(q.months().count(), 3);
        assert!("2023Q5".parse::<Quarter>().is_err());
        assert_eq!("2023q3".parse::<Quarter>().unwrap().q, 3);
    }
}
