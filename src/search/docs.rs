//! The passages of a digest page: what a search result points to. A page's opening and
//! each of its topics and subsections is one passage, its text gathered from the page's
//! view as plain text.

use crate::render::view::{DigestView, PointView, SectionView, Text};

/// One searchable passage of a digest page in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Link to the passage, relative to the site root (`fr/slug/index.html#topic-2`).
    pub url: String,
    /// The digest's title.
    pub title: String,
    /// The heading of the passage.
    pub section: String,
    /// Its plain text.
    pub text: String,
}

/// Plain text gathered from several view fields, one space between them.
#[derive(Default)]
struct Plain(String);

impl Plain {
    fn add(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        self.0.push_str(text);
    }

    fn text(&mut self, text: &Text) {
        self.add(&text.plain);
    }

    fn point(&mut self, point: &PointView) {
        if let Some(speaker) = &point.speaker {
            self.add(speaker);
        }
        if let Some(text) = &point.text {
            self.text(text);
        }
        if let Some(note) = &point.editor_note {
            self.text(note);
        }
        for child in &point.children {
            self.point(child);
        }
    }
}

/// The passages of one digest page whose HTML is at `url` (relative to the site root): its
/// opening, then every topic and subsection in page order.
pub fn docs_from_digest(view: &DigestView, url: &str) -> Vec<SearchDoc> {
    // The note-taker's introduction first: the standard opening sentence reads the same in
    // every digest, so it would make every snippet alike.
    let mut opening = Plain::default();
    if let Some(intro) = &view.intro {
        opening.text(intro);
    }
    for line in [&view.attendance, &view.facilitated].into_iter().flatten() {
        opening.add(line);
    }
    for link in &view.links {
        opening.text(&link.title);
    }
    opening.add(&view.opening);
    let mut docs = vec![SearchDoc {
        url: url.to_string(),
        title: view.title.clone(),
        section: String::new(),
        text: opening.0,
    }];
    for topic in &view.topics {
        section_docs(view, url, topic, &mut docs);
    }
    docs
}

fn section_docs(view: &DigestView, url: &str, section: &SectionView, docs: &mut Vec<SearchDoc>) {
    let mut text = Plain::default();
    for detail in &section.details {
        text.add(&detail.label);
        text.text(&detail.value);
    }
    for question in &section.prepared_questions {
        text.text(question);
    }
    if let Some(body) = &section.body {
        text.text(body);
    }
    if let Some(note) = &section.editor_note {
        text.text(note);
    }
    for point in &section.points {
        text.point(point);
    }
    for question in &section.questions {
        text.add(&question.label);
        text.text(&question.question);
        if let Some(note) = &question.editor_note {
            text.text(note);
        }
        for answer in &question.answers {
            text.point(answer);
        }
    }
    docs.push(SearchDoc {
        url: format!("{url}#{}", section.anchor),
        title: view.title.clone(),
        section: section.heading.clone(),
        text: text.0,
    });
    for sub in &section.sections {
        section_docs(view, url, sub, docs);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_text_keeps_inline_formatting_inside_words() {
        assert_eq!(
            crate::render::markdown::to_plain_text(
                "Hello *wor*ld and [a link](https://example.org)!\n\n- one\n- two"
            ),
            "Hello world and a link! one two"
        );
    }
}
