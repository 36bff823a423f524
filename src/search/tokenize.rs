//! Tokens: text folded for matching and cut into the tokens the index holds
//! ([`index_tokens`]) and the terms a query asks for ([`query_terms`]).
//!
//! `templates/search.js` tokenizes queries exactly as [`index_tokens`] and [`query_terms`]
//! do here; `tests/fixtures/search-tokens.json` holds the vectors both must agree on (the
//! tests below check this side, `tests/search_js.rs` runs `search.js` under Node on them).
//!
//! 1. NFKD, lowercase, then drop nonspacing and enclosing marks (so "mexico" finds
//!    "México" and Arabic tashkeel is ignored), drop the Arabic tatweel, map ٱ to ا, ى to
//!    ي, ة to ه, final ς to σ, and Arabic-Indic digits to ASCII ones.
//! 2. Split into runs of letters, numbers and marks, and split each run where Han
//!    characters start or stop.
//! 3. A Han segment (Chinese has no spaces) is indexed as every character and every pair
//!    of neighbours (Lucene's CJK bigrams); a query turns it into its bigrams, or the
//!    character itself when it is alone.
//! 4. Any other segment is one token; when it starts with an Arabic article (ال, وال, بال,
//!    كال, فال, لل) and at least two letters remain, the index also holds it without, and
//!    a query uses the form without.
//!
//! A query matches a passage that has every query term; the last term, unless it is Han,
//! matches as a prefix so results follow typing. Passages with more query terms in their
//! digest title or section heading come first; ties keep document order.

use crate::l10n::icu::{CharKind, char_kind, nfkd};

/// Folds text for matching (step 1 of the module docs): what the index and the browser
/// both compare.
pub fn fold(text: &str) -> String {
    // ASCII is its own NFKD, lowercases byte by byte and has nothing the steps below drop.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Lowercasing char by char differs from `str::to_lowercase` only for a final sigma,
    // which becomes `σ` either way below.
    let decomposed = nfkd(text);
    let mut folded = String::with_capacity(decomposed.len());
    for c in decomposed.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            continue;
        }
        folded.extend(c.to_lowercase().filter_map(|c| match c {
            '\u{0640}' => None,
            '\u{0671}' => Some('\u{0627}'),
            '\u{0649}' => Some('\u{064A}'),
            '\u{0629}' => Some('\u{0647}'),
            'ς' => Some('σ'),
            '\u{0660}'..='\u{0669}' => char::from_u32(u32::from(c) - 0x0660 + u32::from(b'0')),
            '\u{06F0}'..='\u{06F9}' => char::from_u32(u32::from(c) - 0x06F0 + u32::from(b'0')),
            _ if char_kind(c) == CharKind::Mark => None,
            _ => Some(c),
        }));
    }
    folded
}

/// A stretch of folded text between separators: Han characters, or a word. Both borrow
/// the folded text, so that splitting a page allocates nothing.
enum Segment<'a> {
    Han(&'a str),
    Word(&'a str),
}

/// The segments of `folded` (text as [`fold`] returns it), in order.
fn segments(folded: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    // Where the current segment starts, and whether it is Han.
    let mut current: Option<(usize, bool)> = None;
    let segment = |run, han| {
        if han {
            Segment::Han(run)
        } else {
            Segment::Word(run)
        }
    };
    for (at, c) in folded.char_indices() {
        let kind = char_kind(c);
        let han = kind == CharKind::Han;
        if kind != CharKind::Separator && current.is_some_and(|(_, h)| h == han) {
            continue;
        }
        if let Some((start, h)) = current.take() {
            out.push(segment(&folded[start..at], h));
        }
        if kind != CharKind::Separator {
            current = Some((at, han));
        }
    }
    if let Some((start, h)) = current {
        out.push(segment(&folded[start..], h));
    }
    out
}

/// Each Han character of `run` with the pair it starts (step 2 of the module docs): the
/// character, and the character with the next one when there is a next one.
fn han_tokens(run: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    (0..starts.len()).map(move |i| {
        let end = |j: usize| starts.get(j).copied().unwrap_or(run.len());
        let one = &run[starts[i]..end(i + 1)];
        let pair = (i + 1 < starts.len()).then(|| &run[starts[i]..end(i + 2)]);
        (one, pair)
    })
}

/// Arabic articles and the conjunctions and prepositions fused with them, longest first.
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// A folded word without its Arabic article, when at least two letters remain.
fn arabic_stem(word: &str) -> Option<&str> {
    ARTICLES
        .iter()
        .find_map(|article| word.strip_prefix(article))
        .filter(|rest| rest.chars().count() >= 2)
}

/// The tokens the index holds for `text`, in order, repeats included.
pub fn index_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    folded_tokens(&fold(text), |token| tokens.push(token.to_string()));
    tokens
}

/// Calls `each` with the tokens of `folded` (text as [`fold`] returns it), in order,
/// repeats included: each a slice of `folded`.
pub(super) fn folded_tokens<'a>(folded: &'a str, mut each: impl FnMut(&'a str)) {
    for segment in segments(folded) {
        match segment {
            Segment::Han(run) => {
                for (one, pair) in han_tokens(run) {
                    each(one);
                    if let Some(pair) = pair {
                        each(pair);
                    }
                }
            }
            Segment::Word(word) => {
                each(word);
                if let Some(stem) = arabic_stem(word) {
                    each(stem);
                }
            }
        }
    }
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The token to look up.
    pub term: String,
    /// Whether it matches any token starting with it (the word being typed).
    pub prefix: bool,
}

/// The terms of a query, without repeats; all must match.
pub fn query_terms(query: &str) -> Vec<QueryTerm> {
    let folded = fold(query);
    let segments = segments(&folded);
    let last = segments.len().saturating_sub(1);
    let mut terms: Vec<QueryTerm> = Vec::new();
    let mut push = |term: String, prefix: bool| {
        let term = QueryTerm { term, prefix };
        if !terms.contains(&term) {
            terms.push(term);
        }
    };
    for (i, segment) in segments.into_iter().enumerate() {
        match segment {
            Segment::Han(run) if run.chars().nth(1).is_none() => {
                push(run.to_string(), false);
            }
            Segment::Han(run) => {
                for (_, pair) in han_tokens(run) {
                    pair.into_iter()
                        .for_each(|pair| push(pair.to_string(), false));
                }
            }
            Segment::Word(word) => {
                push(arabic_stem(word).unwrap_or(word).to_string(), i == last);
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The folding as the module docs define it: the whole text decomposed, then
        /// lowercased, then Arabic letters and digits mapped and marks dropped. `fold`
        /// takes shortcuts (ASCII as is, lowercasing char by char); they must not show.
        #[test]
        fn fold_is_the_documented_folding(text in r"[a-zA-Z0-9 ΣσςΟΔÉéİ\u{0300}\u{0640}\u{0671}\u{0649}\u{0629}\u{0660}-\u{0669}\u{06F0}\u{06F9}ﻻＡ中-]{0,24}") {
            let documented: String = nfkd(&text)
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    '\u{0640}' => None,
                    '\u{0671}' => Some('\u{0627}'),
                    '\u{0649}' => Some('\u{064A}'),
                    '\u{0629}' => Some('\u{0647}'),
                    'ς' => Some('σ'),
                    '\u{0660}'..='\u{0669}' => char::from_u32(u32::from(c) - 0x0660 + 0x30),
                    '\u{06F0}'..='\u{06F9}' => char::from_u32(u32::from(c) - 0x06F0 + 0x30),
                    _ if char_kind(c) == CharKind::Mark => None,
                    _ => Some(c),
                })
                .collect();
            proptest::prop_assert_eq!(fold(&text), documented);
        }
    }

    fn terms(query: &str) -> Vec<String> {
        query_terms(query)
            .into_iter()
            .map(|t| {
                if t.prefix {
                    format!("{}*", t.term)
                } else {
                    t.term
                }
            })
            .collect()
    }

    #[test]
    fn latin_diacritics_and_case_fold_away() {
        assert_eq!(index_tokens("Wikimedia México"), ["wikimedia", "mexico"]);
        assert_eq!(
            index_tokens("Côte d'Ivoire, BOGOTÁ"),
            ["cote", "d", "ivoire", "bogota"]
        );
        assert_eq!(index_tokens("Ёлка ΟΔΟΣ"), ["елка", "οδοσ"]);
        // Compatibility forms (full-width letters) fold to the ordinary ones.
        assert_eq!(index_tokens("ＡＢＣ－ｄｅｆ"), ["abc", "def"]);
    }

    #[test]
    fn han_text_is_indexed_as_characters_and_bigrams() {
        assert_eq!(
            index_tokens("维基媒体"),
            ["维", "维基", "基", "基媒", "媒", "媒体", "体"]
        );
        // Numbers and Latin words inside Chinese text stay whole.
        assert_eq!(
            index_tokens("2020年Wiki会议"),
            ["2020", "年", "wiki", "会", "会议", "议"]
        );
    }

    #[test]
    fn han_queries_become_bigrams_and_a_lone_character_a_unigram() {
        assert_eq!(terms("维基媒体"), ["维基", "基媒", "媒体"]);
        assert_eq!(terms("媒"), ["媒"]);
        // A Han term is never a prefix; a Latin word after it is.
        assert_eq!(terms("会议 wik"), ["会议", "wik*"]);
    }

    #[test]
    fn arabic_letters_are_normalized_and_tashkeel_ignored() {
        assert_eq!(index_tokens("أحمد إسلام آمنة"), ["احمد", "اسلام", "امنه"]);
        assert_eq!(index_tokens("مُسْتَشْفَى"), ["مستشفي"]);
        assert_eq!(index_tokens("كتـــاب ٢٠٢٣"), ["كتاب", "2023"]);
        // Presentation forms (the lam-alef ligature) decompose.
        assert_eq!(index_tokens("\u{FEFB}"), ["لا"]);
    }

    #[test]
    fn arabic_articles_are_stripped_for_a_light_stem() {
        assert_eq!(index_tokens("المَكْتَبَةُ"), ["المكتبه", "مكتبه"]);
        assert_eq!(
            index_tokens("والطلاب للطلاب"),
            ["والطلاب", "طلاب", "للطلاب", "طلاب"]
        );
        // Too short to be an article plus a word.
        assert_eq!(index_tokens("ال والد"), ["ال", "والد"]);
        // Queries use the stem, so "the library" finds "library" and "and the library".
        assert_eq!(terms("المكتبة"), ["مكتبه*"]);
        assert_eq!(terms("بالمدرسة كالبحر"), ["مدرسه", "بحر*"]);
    }

    #[derive(serde::Deserialize)]
    struct Vector {
        input: String,
        index: Vec<String>,
        query: Vec<String>,
    }

    #[derive(serde::Deserialize)]
    struct Fixture {
        vectors: Vec<Vector>,
    }

    #[test]
    fn tokens_match_the_vectors_shared_with_search_js() {
        let fixture: Fixture =
            serde_json::from_str(include_str!("../../tests/fixtures/search-tokens.json"))
                .expect("the fixture is valid JSON");
        assert!(fixture.vectors.len() >= 10);
        for vector in fixture.vectors {
            assert_eq!(
                index_tokens(&vector.input),
                vector.index,
                "{}",
                vector.input
            );
            assert_eq!(terms(&vector.input), vector.query, "{}", vector.input);
        }
    }
}
