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

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh)
    }
}

/// `tr!("「{name}」为 {n}", "`{name}` is {n}", n = num(x))` builds a [`Text`]
/// with `format!` on both sides: the arguments after the two formats serve
/// both. Name them (or capture variables, `{name}`) whenever a sentence has
/// more than one: the two languages may put them in different orders.
/// Positional arguments still work for one or two.
#[macro_export]
macro_rules! tr {
    ($zh:expr, $en:expr $(,)?) => {
        $crate::lang::Text::new(format!($zh), format!($en))
    };
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
