//! MediaWiki wikitext: note Markdown converted to wikitext, and plain text escaped so that
//! nothing a note says becomes markup, a template call or a signature on Meta-Wiki.

/// Escapes plain text for wikitext.
pub fn escape(text: &str) -> String {
    // Placeholder until the wikitext renderer lands: wrap everything in nowiki.
    if text.is_empty() {
        String::new()
    } else {
        format!(
            "<nowiki>{}</nowiki>",
            text.replace("</nowiki", "&lt;/nowiki")
        )
    }
}
