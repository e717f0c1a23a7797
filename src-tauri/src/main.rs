//! Appraise desktop shell: one window over the `appraise` core.
//!
//! Thin by design: it keeps the core's `appraise::session::Session` in managed state, exposes
//! commands that each call one of its methods, autosaves every few seconds and asks before a
//! window with unsaved changes closes. No domain logic or policy lives here.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod about;
#[macro_use]
mod command_list;
mod commands;
#[cfg(test)]
mod generated;
mod viewer;
mod webview_memory;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use appraise::session::{Dirs, Session, Source};
use tauri::{Emitter, Manager};

/// How often unsaved work is written to the autosave.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);

const USAGE: &str = "usage: appraise-desktop [--print-summary | --version] [FILE.appraisal]\n\
    Opens FILE, or the built-in illustrative demo when no FILE is given.\n\
    --version        print the version and the commit it was built from, and exit\n\
    --print-summary  print the summary as JSON and exit (no window; used by the e2e test)";

/// Tauri's handler for every command in the list, each `commands::<name>`.
macro_rules! handler {
    ($($name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}

/// What the command line asked for.
struct Args {
    source: Source,
    print_summary: bool,
    version: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut print_summary = false;
    let mut version = false;
    let mut file: Option<PathBuf> = None;
    for arg in std::env::args_os().skip(1) {
        match arg.to_str() {
            Some("--print-summary") => print_summary = true,
            Some("-h" | "--help") => return Err(String::new()),
            Some("-V" | "--version") => version = true,
            Some(flag) if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            _ if file.is_none() => file = Some(PathBuf::from(arg)),
            _ => return Err("only one FILE may be given".to_owned()),
        }
    }
    let source = Source::from_argument(file);
    Ok(Args {
        source,
        print_summary,
        version,
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
    if args.version {
        println!(
            "appraise-desktop {} (commit {})",
            appraise::session::VERSION,
            about::COMMIT
        );
        return ExitCode::SUCCESS;
    }
    if args.print_summary {
        let dirs = Dirs {
            data: std::env::temp_dir(),
            config: std::env::temp_dir(),
        };
        return print_summary(&Session::new(args.source, dirs));
    }
    let source = args.source;
    webview_memory::before_start();
    let result = tauri::Builder::default()
        // Only Rust opens file dialogs (`pick_path`); the window is granted none of its commands.
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let session = Arc::new(Session::new(source, dirs(app)?));
            spawn_autosave(Arc::clone(&session));
            app.manage(session);
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && window.state::<Arc<Session>>().is_dirty()
            {
                // The window asks Save / Discard / Cancel, then calls `quit` itself.
                api.prevent_close();
                if let Err(e) = window.emit("close-requested", ()) {
                    eprintln!("appraise-desktop: could not ask before closing: {e}");
                }
            }
        })
        .invoke_handler(with_commands!(handler))
        .run(tauri::generate_context!("../tauri.conf.json"));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("appraise-desktop: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The app's data and config folders; `APPRAISE_HOME` puts both under one folder (tests).
fn dirs(app: &tauri::App) -> tauri::Result<Dirs> {
    if let Some(home) = std::env::var_os("APPRAISE_HOME") {
        let home = PathBuf::from(home);
        return Ok(Dirs {
            data: home.join("data"),
            config: home.join("config"),
        });
    }
    Ok(Dirs {
        data: app.path().app_data_dir()?,
        config: app.path().app_config_dir()?,
    })
}

/// Writes unsaved work to the autosave every few seconds, so a crash loses seconds at most.
fn spawn_autosave(session: Arc<Session>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(AUTOSAVE_EVERY);
            if let Err(e) = session.autosave() {
                eprintln!("appraise-desktop: {e}");
            }
        }
    });
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
