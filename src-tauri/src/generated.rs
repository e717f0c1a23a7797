//! Checks that the files generated for the window are current: the shell's own types in
//! `ui/src/lib/generated/shell.ts` (ts-rs), and the command list's `capabilities/main.json`
//! and `ui/src/lib/generated/commands.ts` (written by `build.rs`). Each test fails with the
//! command that regenerates the file: `UPDATE_TYPES=1 cargo test -p appraise-desktop generated`.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::{Config, TS};

use crate::about::About;
use crate::commands::Pick;
use appraise::session::SessionError as ShellError;

include!("command_files.rs");

const REGENERATE: &str = "UPDATE_TYPES=1 cargo test -p appraise-desktop generated";

/// The command list's names as strings.
macro_rules! names {
    ($($name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = with_commands!(names);

/// The shape [`ShellError`] serializes to; its `Serialize` is written by hand, so ts-rs cannot
/// read it off the enum.
#[derive(TS)]
#[ts(rename = "ShellError")]
#[allow(dead_code)]
struct ShellErrorShape {
    kind: ShellErrorKind,
    message: String,
    /// For `edit`: the refused field's validation path, e.g. `criteria/QUA/weight`.
    field: Option<String>,
    /// For `edit`: the reason without the field's name, for beside the field.
    short: Option<String>,
}

/// What went wrong, as [`ShellError`]'s `kind`.
#[derive(Debug, TS, Serialize)]
#[serde(rename_all = "snake_case")]
enum ShellErrorKind {
    Open,
    Edit,
    Save,
    Export,
    Import,
    Analysis,
    Internal,
}

/// The kind each error must serialize with; no wildcard, so a new variant fails to compile here
/// until it has a kind above.
fn kind_of(error: &ShellError) -> ShellErrorKind {
    match error {
        ShellError::Open(_) => ShellErrorKind::Open,
        ShellError::Edit { .. } => ShellErrorKind::Edit,
        ShellError::Save(_) => ShellErrorKind::Save,
        ShellError::Export(_) => ShellErrorKind::Export,
        ShellError::Import(_) => ShellErrorKind::Import,
        ShellError::Analysis(_) => ShellErrorKind::Analysis,
        ShellError::Internal(_) => ShellErrorKind::Internal,
    }
}

fn top() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_owned()
}

/// The declaration of `T` as it goes in the file.
fn decl<T: TS>(cfg: &Config) -> String {
    let mut out = T::docs().unwrap_or_default();
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push('\n');
    out
}

fn shell_ts() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        decl::<About>(&cfg),
        decl::<Pick>(&cfg),
        decl::<ShellErrorShape>(&cfg),
        decl::<ShellErrorKind>(&cfg),
    ];
    let mut out =
        format!("// Generated from the shell's Rust types by ts-rs ({REGENERATE}). Do not edit.\n");
    for d in decls {
        out.push('\n');
        out.push_str(&d);
    }
    out
}

/// Fails unless `path` holds `expected`; rewrites it instead under `UPDATE_TYPES`.
fn check(path: &Path, expected: &str) {
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale; regenerate it with\n    {REGENERATE}",
        path.display()
    );
}

#[test]
fn generated_shell_types_are_current() {
    check(&top().join("ui/src/lib/generated/shell.ts"), &shell_ts());
}

#[test]
fn generated_command_files_are_current() {
    check(
        &top().join("src-tauri/capabilities/main.json"),
        &capabilities_json(COMMANDS),
    );
    check(
        &top().join("ui/src/lib/generated/commands.ts"),
        &commands_ts(COMMANDS),
    );
}

#[test]
fn generated_error_kinds_are_what_errors_serialize_with() {
    let every = [
        ShellError::Open(String::new()),
        ShellError::Edit {
            field: String::new(),
            message: String::new(),
            short: String::new(),
        },
        ShellError::Save(String::new()),
        ShellError::Export(String::new()),
        ShellError::Import(String::new()),
        ShellError::Analysis(String::new()),
        ShellError::Internal(String::new()),
    ];
    for error in every {
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json["kind"],
            serde_json::to_value(kind_of(&error)).unwrap(),
            "{error:?}"
        );
    }
}
