//! heptaglot turns the notes of a community call into parallel digests in seven languages.

pub mod config;
pub mod diag;
pub mod hash;
pub mod l10n;
pub mod lang;
pub mod notes;
pub mod output_file;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod starter;
pub mod text;
pub mod translate;
pub mod walk;
