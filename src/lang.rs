//! The seven languages heptaglot publishes in: the Wikimedia Foundation's official languages.
//!
//! This is the lowest layer: notes validation, localization and rendering all name languages
//! through [`Language`], so a code outside the seven is caught wherever it appears.

use std::fmt;
use std::str::FromStr;

use unic_langid::{CharacterDirection, LanguageIdentifier};

/// One of the seven publication languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    /// English.
    En,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Arabic (right-to-left).
    Ar,
    /// Mandarin Chinese in simplified script.
    ZhHans,
    /// German.
    De,
    /// Russian.
    Ru,
}

impl Language {
    /// All seven, in the order the Foundation lists them.
    pub const ALL: [Language; 7] = [
        Language::En,
        Language::Es,
        Language::Fr,
        Language::Ar,
        Language::ZhHans,
        Language::De,
        Language::Ru,
    ];

    /// The BCP 47 code used in files, URLs and `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
            Language::Fr => "fr",
            Language::Ar => "ar",
            Language::ZhHans => "zh-Hans",
            Language::De => "de",
            Language::Ru => "ru",
        }
    }

    /// The language identifier for Fluent and ICU4X.
    pub fn langid(self) -> LanguageIdentifier {
        // The codes above are valid BCP 47; parsing them cannot fail.
        self.code().parse().unwrap_or_default()
    }

    /// Whether text in this language runs right to left.
    pub fn is_rtl(self) -> bool {
        self.langid().character_direction() == CharacterDirection::RTL
    }

    /// The value of an HTML `dir` attribute for this language.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The codes of all seven, for messages that list them.
    pub fn all_codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|l| l.code()).collect()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is not one of the seven.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts the exact codes, and the same codes in other letter cases or with `_`.
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let normalized = code.replace('_', "-").to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|l| l.code().to_ascii_lowercase() == normalized)
            .ok_or_else(|| UnknownLanguage(code.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_arabic_is_right_to_left() {
        let rtl: Vec<_> = Language::ALL.into_iter().filter(|l| l.is_rtl()).collect();
        assert_eq!(rtl, vec![Language::Ar]);
    }

    #[test]
    fn parses_codes_leniently_but_only_the_seven() {
        assert_eq!("zh-hans".parse(), Ok(Language::ZhHans));
        assert_eq!("zh_Hans".parse(), Ok(Language::ZhHans));
        assert!("zh".parse::<Language>().is_err());
        assert!("pt".parse::<Language>().is_err());
    }
}
