//! `appraise`: the headless command line of Appraise.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("appraise: {e}");
            ExitCode::from(2)
        }
    }
}
