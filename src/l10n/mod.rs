//! Localization: Fluent bundles for everything the templates say, in the seven languages,
//! with ICU4X behind the `DATE`, `TIME`, `NUMBER` and `PLURAL` functions.
//!
//! Locale files live in `locales/<code>/*.ftl`. English is the reference: a message missing
//! or broken in another language falls back to the English one, and the problem is reported
//! (a warning for a missing message, an error for a syntax error) so that `check` fails
//! while the build still publishes.

pub mod icu;
pub mod limits;
pub mod lint;
mod localizer;
pub mod plural;
mod syntax;

pub use localizer::{Arg, Localizer};
