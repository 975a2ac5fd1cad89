//! Bilingual text. Messages are built once with both languages and the renderer
//! picks one, so the loaders never need to know the user's `--lang`.

use std::fmt;

/// The language of messages and labels (`--lang`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// 中文（默认）
    #[default]
    Zh,
    /// English
    En,
}

/// A message in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The string for `lang`, owned; for a sentence built only to be printed once.
    pub fn take(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A name that reads the same in both languages (`[plan]`, a file name).
impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::new(s, s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new(s.clone(), s)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh)
    }
}

/// `tr!("「{name}」为 {n}", "`{name}` is {n}", n = num(x))` builds a [`Text`]
/// with `format!` on both sides. Name the arguments (or capture variables,
/// `{name}`) whenever a sentence has more than one: the two languages may put
/// them in different orders. A named argument may serve one language only
/// (`tr!("{zh_month}底", "end of {month}", zh_month = m.zh(), month = m)`): it
/// is bound once and captured, and one that neither sentence uses is a
/// warning. Positional arguments still work for one or two, used by both.
#[macro_export]
macro_rules! tr {
    ($zh:expr, $en:expr $(,)?) => {
        $crate::lang::Text::new(format!($zh), format!($en))
    };
    ($zh:literal, $en:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        $(let $name = &$value;)+
        $crate::lang::Text::new(format!($zh), format!($en))
    }};
    ($zh:expr, $en:expr, $($args:tt)+) => {
        $crate::lang::Text::new(format!($zh, $($args)+), format!($en, $($args)+))
    };
}

/// Picks the string for a language; for short labels known at compile time.
pub fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::month::Month;

    #[test]
    fn named_arguments_may_change_places_or_serve_one_language() {
        let t = crate::tr!("{a}多于{b}", "{b} is less than {a}", a = 3, b = 2);
        assert_eq!(
            (t.zh.as_str(), t.en.as_str()),
            ("3多于2", "2 is less than 3")
        );
        let m = Month::new(2023, 6).unwrap();
        let t = crate::tr!("{zh}底前", "by {m}", zh = m.zh());
        assert_eq!(
            (t.get(Lang::Zh), t.get(Lang::En)),
            ("2023年6月底前", "by 2023-06")
        );
        assert_eq!(t.take(Lang::En), "by 2023-06");
    }

    #[test]
    fn positional_arguments_serve_both() {
        let t = crate::tr!("共 {} 个", "{} in all", 7);
        assert_eq!((t.zh.as_str(), t.en.as_str()), ("共 7 个", "7 in all"));
        assert_eq!(pick(Lang::En, "错误", "error"), "error");
    }
}
