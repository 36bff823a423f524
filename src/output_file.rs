//! One file of the built site, as the stages that make files hand it to the writer: its
//! path below the output folder and its text. It sits below both `search` and `site`, so
//! that search can make its files without reaching up into the stage that writes them.

/// One output file: its path below the output folder and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path, with `/` separators.
    pub path: String,
    /// Contents.
    pub contents: String,
}
