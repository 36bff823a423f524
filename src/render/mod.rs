//! Rendering: digests, indexes and the root page to HTML and Markdown through the Tera
//! templates in `templates/`.

pub mod markdown;
pub mod templates;
pub mod view;
pub mod wikitext;

pub use templates::{Rendered, Templates};
pub use view::{ViewBuilder, not_found_view, root_view, version_links};
