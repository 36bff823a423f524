//! `heptaglot schema`: print the JSON Schema of notes files, for editors.

use std::process::ExitCode;

/// Prints the schema to stdout.
pub fn run() -> ExitCode {
    print!("{}", heptaglot::notes::schema::notes_schema_json());
    ExitCode::SUCCESS
}
