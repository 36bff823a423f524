//! Offline search, a stage of its own between `render` and `site`: a compact index per
//! language, and the search page that queries it in the browser. Works on any static host;
//! no server, no external requests.
//!
//! It owns, one file each:
//!
//! - [`docs`]: the passages of a digest page, from its view;
//! - [`tokenize`]: folding text and cutting it into the tokens the index holds and the
//!   terms a query asks for (what `templates/search.js` does the same way);
//! - [`index`]: a page's passages tokenized ([`IndexedPage`]) and a language's whole index
//!   in memory ([`SearchIndex`]);
//! - [`shards`]: the published layout, the index split into small files;
//! - [`update`]: the published files updated in place after an edit ([`IndexState`]), for
//!   incremental builds and serving sessions;
//! - [`reader`]: a split index read file by file, as the browser reads it;
//! - [`page`]: the search page of a language.
//!
//! It may use `notes`, `l10n`, `translate` and `render`; `site` calls it (through the
//! items re-exported here) and it never reaches back into `site`.
//!
//! # Files
//!
//! Only with HTML output: the split index under `search/<lang>/`, `<lang>/search/index.html`
//! (the page, from `templates/search.html`) and `search.js` (copied from
//! `templates/search.js` by `site`, with the other assets).

mod docs;
mod index;
mod page;
mod reader;
mod shards;
mod tokenize;
mod update;

pub use docs::{SearchDoc, docs_from_digest};
pub use index::{IndexedPage, IndexedPageRef, SearchIndex};
pub use page::{PageSource, PluralText, SearchPageView, language_files};
pub use reader::{Passage, SplitIndex};
pub use shards::IndexState;
pub use shards::{Manifest, SHARD_BYTES};
pub use tokenize::{QueryTerm, fold, index_tokens, query_terms};
