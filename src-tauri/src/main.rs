//! Appraise desktop shell: one window over the `appraise` core.
//!
//! Thin by design: it loads an appraisal (a file, or the built-in demo), keeps it in managed
//! state and exposes commands that each call one core function. No domain logic lives here.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod session;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use session::{Session, Source};

const USAGE: &str = "usage: appraise-desktop [--print-summary] [FILE.appraisal]\n\
    Opens FILE, or the built-in illustrative demo when no FILE is given.\n\
    --print-summary  print the summary as JSON and exit (no window; used by the e2e test)";

/// What the command line asked for.
struct Args {
    source: Source,
    print_summary: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut print_summary = false;
    let mut file: Option<PathBuf> = None;
    for arg in std::env::args_os().skip(1) {
        match arg.to_str() {
            Some("--print-summary") => print_summary = true,
            Some("-h" | "--help") => return Err(String::new()),
            Some(flag) if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            _ if file.is_none() => file = Some(PathBuf::from(arg)),
            _ => return Err("only one FILE may be given".to_owned()),
        }
    }
    let source = file.map_or(Source::Demo, Source::File);
    Ok(Args {
        source,
        print_summary,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("appraise-desktop: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if message.is_empty() { 0 } else { 2 });
        }
    };
    let session = Arc::new(Session::new(args.source));
    if args.print_summary {
        return print_summary(&session);
    }
    let result = tauri::Builder::default()
        .manage(session)
        .invoke_handler(tauri::generate_handler![commands::summary])
        .run(tauri::generate_context!("../tauri.conf.json"));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("appraise-desktop: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Prints exactly what the `summary` command would return, so tests can compare the window
/// against the core without a second source of truth.
fn print_summary(session: &Session) -> ExitCode {
    let json = session
        .summary()
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::to_string_pretty(&s).map_err(|e| e.to_string()));
    match json {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("appraise-desktop: {message}");
            ExitCode::FAILURE
        }
    }
}
