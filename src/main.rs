//! The heptaglot command line: parses arguments and calls the library.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use heptaglot::config::Formats;
use heptaglot::site::BuildOptions;

/// mimalloc instead of the system allocator: a build allocates millions of small strings
/// and template values from several threads, and glibc's malloc was a fifth of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn the notes of a community call into digests in seven languages.
#[derive(Parser)]
#[command(name = "heptaglot", version, about, long_about = None)]
struct Cli {
    /// The site folder (holding digests/, locales/ and templates/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render every digest in every language, as HTML, Markdown and wikitext.
    Build {
        /// The output folder, relative to the site folder [default: `output` in
        /// heptaglot.toml, else public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// The formats to write, comma-separated: html, md, wikitext.
        #[arg(long, default_value = "html,md,wikitext", value_parser = Formats::parse)]
        format: Formats,
        /// The site's public address, e.g. https://digests.example.org/ [default:
        /// `base_url` in heptaglot.toml]. Feeds and the sitemap need it.
        #[arg(long, value_parser = heptaglot::config::parse_base_url)]
        base_url: Option<String>,
        /// Render and write everything, even when only a few inputs changed since the last
        /// build.
        #[arg(long)]
        full: bool,
        /// Print how long each step of the build took.
        #[arg(long)]
        timings: bool,
    },
    /// Preview the site on 127.0.0.1, rebuilding on change and reloading the browser.
    Serve {
        /// The address to listen on; loopback unless you say otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        address: String,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The output folder [default: `output` in heptaglot.toml, else public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print how long each step of each build took.
        #[arg(long)]
        timings: bool,
    },
    /// Validate notes, locales and templates without writing anything.
    Check,
    /// Create a new site (the example digest, the seven languages' messages, the templates)
    /// from the files built into heptaglot. Never overwrites a file.
    Init {
        /// The folder of the new site (created when missing) [default: the current folder].
        dir: Option<PathBuf>,
    },
    /// Write the notes file for a new call, following the slug and title of the series'
    /// existing files.
    New {
        /// The series, e.g. "Wikimedia Clinics".
        #[arg(long)]
        series: String,
        /// The number of the call in its series, e.g. 7 (written 007 when the series'
        /// numbers have three digits).
        #[arg(long)]
        number: String,
        /// The title [default: the series' pattern, e.g. "Wikimedia Clinic #007", else
        /// "<series> #<number>"].
        #[arg(long)]
        title: Option<String>,
        /// The kind of record: call, interview, session or breakout [default: call].
        #[arg(long)]
        kind: Option<String>,
        /// The date of the call, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The language the call was held in.
        #[arg(long, default_value = "en")]
        held_in: String,
        /// The language the notes are written in.
        #[arg(long, default_value = "en")]
        written_in: String,
    },
    /// Create or update translators' files: new units added, changed ones marked outdated,
    /// vanished ones kept as obsolete, empty ones filled from the translation memory for
    /// review. Running it twice changes nothing.
    Translate {
        /// The digests (slugs or notes files); all when none is given.
        digests: Vec<String>,
        /// A language to translate into (repeatable), e.g. --to fr --to ar.
        #[arg(long = "to", value_name = "LANG")]
        to: Vec<String>,
        /// Every published language.
        #[arg(long, conflicts_with = "to")]
        all: bool,
        /// Rewrite the existing translation files in this format (po or yaml), changing
        /// nothing in them; set `[translation] format` in heptaglot.toml to keep it.
        #[arg(long, value_name = "FORMAT", conflicts_with_all = ["to", "all"])]
        convert: Option<String>,
    },
    /// Show how far each digest is translated into each language, check the locale files
    /// against English, and check that translations follow the glossary.
    Status {
        /// Output format: table or json.
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
        /// Fail when any translation is less than this percent complete (for CI).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
        min_percent: Option<u32>,
        /// List each outdated unit and memory proposal as file:line: id, instead of the table.
        #[arg(long)]
        outdated: bool,
    },
    /// Print the JSON Schema of notes files (for editor validation and completion).
    Schema,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            out,
            format,
            base_url,
            full,
            timings,
        } => cmd::build::run(
            &cli.root,
            &BuildOptions {
                out,
                formats: format,
                base_url,
                full,
            },
            timings,
        ),
        Command::Serve {
            address,
            port,
            out,
            timings,
        } => cmd::serve::run(&cli.root, &address, port, out, timings),
        Command::Check => cmd::check::run(&cli.root),
        Command::Init { dir } => cmd::init::run(&dir.unwrap_or(cli.root)),
        Command::New {
            series,
            number,
            title,
            kind,
            date,
            held_in,
            written_in,
        } => cmd::new::run(
            &cli.root,
            &heptaglot::notes::scaffold::Scaffold {
                series,
                number,
                date,
                held_in,
                written_in,
                title,
                kind,
            },
        ),
        Command::Schema => cmd::schema::run(),
        Command::Status {
            format,
            min_percent,
            outdated,
        } => cmd::status::run(&cli.root, format == "json", min_percent, outdated),
        Command::Translate {
            digests,
            to,
            all,
            convert,
        } => match convert {
            Some(format) => cmd::translate::convert(&cli.root, &digests, &format),
            None => cmd::translate::run(&cli.root, &digests, &to, all),
        },
    }
}
