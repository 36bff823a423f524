//! `corpus`: write a synthetic archive for benchmarks (`cargo run --release -p corpus --
//! --digests N --seed S --out DIR [--hugo DIR]`).

use std::process::ExitCode;

use clap::Parser;
use corpus::cli::{Cli, run};

fn main() -> ExitCode {
    match run(&Cli::parse().options()) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{error}");
            ExitCode::FAILURE
        }
    }
}
