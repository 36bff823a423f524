//! Atom feeds and the sitemap: XML written by hand, every value escaped.
