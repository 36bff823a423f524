//! Notes: loading and validating the YAML a note-taker writes into typed [`model::Notes`].
//!
//! The flow for one file is [`yaml::parse`] (positioned tree) → [`schema::validate`] (every
//! structural problem, with line and column) → typed [`model::Notes`] → [`check::check`]
//! (dates, languages, speakers, ids, links), with [`lint::lint`]'s warnings beside. [`load::load_dir`] runs it for a whole folder.

pub mod address;
pub mod check;
pub mod lint;
pub mod load;
pub mod model;
pub mod path;
pub mod scaffold;
pub mod schema;
pub mod yaml;

pub use load::{Digest, Loaded, load_bytes, load_dir, load_file, load_str};
