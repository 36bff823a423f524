//! ICU4X: CLDR dates, times, numbers, lists and plural rules for one language, and the
//! Unicode properties search needs.
//!
//! This is the only module that talks to ICU4X (search uses its normalizer and character
//! properties through [`nfkd`] and [`char_kind`]). Formatters are built once per language and
//! shared (ICU4X's `sync` feature makes them `Send + Sync`), because building them is the
//! expensive part.

use icu::calendar::{Date, Gregorian};
use icu::datetime::fieldsets::zone::GenericLong;
use icu::datetime::fieldsets::{T, YMD};
use icu::datetime::input::Time;
use icu::datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu::decimal::DecimalFormatter;
use icu::decimal::input::Decimal;
use icu::list::ListFormatter;
use icu::list::options::{ListFormatterOptions, ListLength};
use icu::locale::Locale;
use icu::normalizer::DecomposingNormalizerBorrowed;
use icu::plurals::{PluralCategory, PluralRules};
use icu::properties::CodePointMapData;
use icu::properties::props::{GeneralCategory, GeneralCategoryGroup, Script};
use icu::time::zone::IanaParser;

use crate::lang::Language;

/// What a character is to word splitting, from the Unicode Character Database.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CharKind {
    /// Punctuation, symbols and spaces: between words.
    Separator,
    /// A nonspacing or enclosing mark (accents, Arabic harakat): part of a word, but
    /// ignorable when matching.
    Mark,
    /// A Han character: Chinese writes words without spaces between them.
    Han,
    /// Any other letter, number or spacing mark.
    Word,
}

/// Classifies `c` by its general category and script.
///
/// Search classifies every character it indexes, so the common ones are answered without a
/// trie lookup: ASCII directly, the rest of U+0080–U+07FF (Latin, Greek, Cyrillic, Arabic)
/// from a table filled once from ICU4X, and the CJK Unified Ideographs block (all Han
/// letters) by its range.
pub fn char_kind(c: char) -> CharKind {
    static TABLE: std::sync::OnceLock<Vec<CharKind>> = std::sync::OnceLock::new();
    match u32::from(c) {
        0..0x80 if c.is_ascii_alphanumeric() => CharKind::Word,
        0..0x80 => CharKind::Separator,
        code @ 0x80..0x800 => TABLE.get_or_init(|| {
            (0..0x800)
                .map(|code| char::from_u32(code).map_or(CharKind::Separator, lookup))
                .collect()
        })[code as usize],
        0x4E00..=0x9FFF => CharKind::Han,
        _ => lookup(c),
    }
}

/// [`char_kind`] from the Unicode Character Database itself.
fn lookup(c: char) -> CharKind {
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    if matches!(
        category,
        GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
    ) {
        CharKind::Mark
    } else if !(GeneralCategoryGroup::Letter.contains(category)
        || GeneralCategoryGroup::Number.contains(category)
        || GeneralCategoryGroup::Mark.contains(category))
    {
        CharKind::Separator
    } else if CodePointMapData::<Script>::new().get(c) == Script::Han {
        CharKind::Han
    } else {
        CharKind::Word
    }
}

/// `text` in Unicode compatibility decomposition (NFKD): full-width letters become
/// ASCII, ligatures split, accents become separate marks.
pub fn nfkd(text: &str) -> String {
    // ASCII is its own NFKD.
    if text.is_ascii() {
        return text.to_string();
    }
    DecomposingNormalizerBorrowed::new_nfkd()
        .normalize(text)
        .into_owned()
}

/// The CLDR formatters of one language.
pub struct Formatters {
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    time: NoCalendarFormatter<T>,
    zone: NoCalendarFormatter<GenericLong>,
    decimal: DecimalFormatter,
    percent: PercentPattern,
    and_list: ListFormatter,
    cardinal: PluralRules,
    ordinal: PluralRules,
}

/// The name CLDR gives a plural category, as Fluent variant keys spell it.
pub fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

impl Formatters {
    /// Builds the formatters for `language` from ICU4X's compiled CLDR data.
    pub fn new(language: Language) -> Result<Self, String> {
        let locale: Locale = language
            .code()
            .parse()
            .map_err(|e| format!("bad locale {language}: {e:?}"))?;
        let error = |what: &str, e: &dyn std::fmt::Debug| {
            format!("no CLDR {what} data for {language}: {e:?}")
        };
        Ok(Self {
            date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long())
                .map_err(|e| error("date", &e))?,
            time: NoCalendarFormatter::try_new((&locale).into(), T::hm())
                .map_err(|e| error("time", &e))?,
            zone: NoCalendarFormatter::try_new((&locale).into(), GenericLong)
                .map_err(|e| error("time zone", &e))?,
            percent: PercentPattern::of(language),
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default())
                .map_err(|e| error("number", &e))?,
            and_list: ListFormatter::try_new_and(
                (&locale).into(),
                ListFormatterOptions::default().with_length(ListLength::Wide),
            )
            .map_err(|e| error("list", &e))?,
            cardinal: PluralRules::try_new_cardinal((&locale).into())
                .map_err(|e| error("plural", &e))?,
            ordinal: PluralRules::try_new_ordinal((&locale).into())
                .map_err(|e| error("ordinal", &e))?,
        })
    }

    /// Formats a calendar date, e.g. "July 16, 2020" or "16 de julio de 2020".
    pub fn date(&self, year: i32, month: u8, day: u8) -> Option<String> {
        let date = Date::try_new_gregorian(year, month, day).ok()?;
        Some(self.date.format(&date).to_string())
    }

    /// Formats a time of day, e.g. "4:00 PM" or "16:00".
    pub fn time(&self, hour: u8, minute: u8) -> Option<String> {
        let time = Time::try_new(hour, minute, 0, 0).ok()?;
        Some(self.time.format(&time).to_string())
    }

    /// Formats a number with the language's digits and separators.
    pub fn number(&self, value: f64) -> String {
        let decimal = decimal_of(value);
        self.decimal.format(&decimal).to_string()
    }

    /// Formats a whole percentage, e.g. "51%", "51 %" or "51\u{200E}%\u{200E}": the number
    /// by ICU4X, placed in the language's CLDR percent pattern (see [`PercentPattern`]).
    pub fn percent(&self, value: u32) -> String {
        let PercentPattern { before, after } = self.percent;
        format!("{before}{}{after}", self.number(f64::from(value)))
    }

    /// The CLDR name of the time zone `iana_id` ("Europe/Paris") in this language at a local
    /// date and time, e.g. "Central European Time" or "中欧时间"; `None` for a zone ICU4X
    /// does not know.
    pub fn zone_name(&self, iana_id: &str, date: (i32, u8, u8), time: (u8, u8)) -> Option<String> {
        let zone = IanaParser::new().parse(iana_id);
        if zone.is_unknown() {
            return None;
        }
        let date = Date::try_new_iso(date.0, date.1, date.2).ok()?;
        let time = Time::try_new(time.0, time.1, 0, 0).ok()?;
        let info = zone
            .without_offset()
            .at_date_time(icu::time::DateTime { date, time });
        Some(self.zone.format(&info).to_string())
    }

    /// Joins items into "a, b and c" as the language does.
    pub fn and_list(&self, items: &[String]) -> String {
        self.and_list.format_to_string(items.iter())
    }

    /// The CLDR cardinal plural categories of this language, as Fluent variant keys.
    pub fn cardinal_categories(&self) -> Vec<&'static str> {
        self.cardinal.categories().map(category_name).collect()
    }

    /// The CLDR plural category of `value` (cardinal, or ordinal when `ordinal`).
    pub fn plural_category(&self, value: f64, ordinal: bool) -> PluralCategory {
        let rules = if ordinal {
            &self.ordinal
        } else {
            &self.cardinal
        };
        rules.category_for(&decimal_of(value))
    }
}

/// Where CLDR's percent pattern (`numbers/percentFormats`, latn) puts the sign around the
/// number in each language, with the spacing and direction marks ICU gives it.
///
/// ICU4X's stable crates have no percent formatter yet (it lives in `icu_experimental`, a
/// large crate for one pattern per language), so the number is formatted by
/// [`DecimalFormatter`] and placed in the pattern here.
#[derive(Clone, Copy)]
struct PercentPattern {
    before: &'static str,
    after: &'static str,
}

impl PercentPattern {
    fn of(language: Language) -> Self {
        let after = match language {
            Language::En | Language::ZhHans => "%",
            // U+00A0 NO-BREAK SPACE
            Language::Es | Language::De | Language::Ru => "\u{A0}%",
            // U+202F NARROW NO-BREAK SPACE
            Language::Fr => "\u{202F}%",
            // U+200E LEFT-TO-RIGHT MARK around the sign keeps it after the number in
            // right-to-left text.
            Language::Ar => "\u{200E}%\u{200E}",
        };
        Self { before: "", after }
    }
}

/// The decimal for `value`, integers exactly and fractions as written in shortest form.
fn decimal_of(value: f64) -> Decimal {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Decimal::from(value as i64)
    } else {
        value
            .to_string()
            .parse()
            .unwrap_or_else(|_| Decimal::from(value as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_plurals_follow_cldr_for_large_numbers() {
        let ar = Formatters::new(Language::Ar).unwrap();
        let got: Vec<_> = [0.0, 1.0, 2.0, 3.0, 11.0, 100.0, 103.0, 111.0]
            .iter()
            .map(|n| category_name(ar.plural_category(*n, false)))
            .collect();
        assert_eq!(
            got,
            ["zero", "one", "two", "few", "many", "other", "few", "many"]
        );
    }

    #[test]
    fn the_fast_paths_of_char_kind_agree_with_the_character_database() {
        for code in (0..0x800).chain(0x4E00..=0x9FFF) {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(char_kind(c), lookup(c), "U+{code:04X}");
            }
        }
        assert_eq!(nfkd("plain ASCII"), "plain ASCII");
        assert_eq!(nfkd("é"), "e\u{301}");
    }

    #[test]
    fn percentages_follow_cldr() {
        let got: Vec<String> = Language::ALL
            .iter()
            .map(|&l| Formatters::new(l).unwrap().percent(51))
            .collect();
        assert_eq!(
            got,
            [
                "51%",
                "51\u{A0}%",
                "51\u{202F}%",
                "51\u{200E}%\u{200E}",
                "51%",
                "51\u{A0}%",
                "51\u{A0}%"
            ]
        );
    }

    #[test]
    fn time_zones_have_their_cldr_names() {
        let name = |l| {
            Formatters::new(l)
                .unwrap()
                .zone_name("Europe/Paris", (2020, 7, 16), (16, 0))
                .unwrap()
        };
        assert_eq!(name(Language::En), "Central European Time");
        assert_eq!(name(Language::De), "Mitteleuropäische Zeit");
        assert_eq!(name(Language::ZhHans), "中欧时间");
        let en = Formatters::new(Language::En).unwrap();
        assert_eq!(
            en.zone_name("Nowhere/Special", (2020, 7, 16), (16, 0)),
            None
        );
        assert_eq!(en.time(9, 0).unwrap(), "9:00\u{202F}AM");
    }

    #[test]
    fn dates_are_localized() {
        let de = Formatters::new(Language::De).unwrap();
        assert_eq!(de.date(2020, 7, 16).unwrap(), "16. Juli 2020");
        let en = Formatters::new(Language::En).unwrap();
        assert_eq!(en.date(2020, 7, 16).unwrap(), "July 16, 2020");
    }
}
