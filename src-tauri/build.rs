//! Generates the Tauri context from the repository-top `tauri.conf.json` and the ACL for the
//! app's own commands, so only commands in `src/command_list.rs` can ever be granted to the
//! window; writes that list's capability file and the UI's command names beside it.

use std::path::Path;

include!("src/command_list.rs");
include!("src/command_files.rs");

/// The command list's names as strings.
macro_rules! names {
    ($($name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

/// Commands the front end may call; each gets an `allow-<name>` permission.
const COMMANDS: &[&str] = with_commands!(names);

/// Writes `text` to `path` unless it already holds it, so an unchanged list never touches the
/// file (its mtime would rerun this script and rebuild the shell each time).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    if let Err(error) = std::fs::write(path, text) {
        eprintln!("error: could not write {}: {error}", path.display());
        std::process::exit(1);
    }
    println!(
        "cargo:warning=wrote {} from src/command_list.rs; commit it",
        path.display()
    );
}

/// The commit this build comes from, for the About screen: `APPRAISE_COMMIT` when set (a build
/// from a source archive), else git's HEAD, else "unknown" (no git, or not a checkout). Reruns
/// when HEAD moves, so a new commit is never shown with an old hash.
fn embed_commit(top: &Path) {
    println!("cargo:rerun-if-env-changed=APPRAISE_COMMIT");
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(top)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
    };
    let commit = std::env::var("APPRAISE_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_owned());
    // HEAD names the branch; the branch's ref (loose or packed) holds the commit. Only files
    // that exist are watched: cargo would rerun this script on every build for a missing one.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    for file in ["HEAD", "packed-refs"].into_iter().chain(branch.as_deref()) {
        if let Some(path) = git(&["rev-parse", "--git-path", file]).map(|p| top.join(p))
            && path.is_file()
        {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    println!("cargo:rustc-env=APPRAISE_COMMIT={commit}");
}

/// Relative relocations packed as RELR (glibc 2.36 and GNU ld 2.38 or later; an older glibc's
/// linker ignores the flag): the loader reads 34 KB of them at start instead of 2.7 MB, which
/// stayed in the app's resident memory for its lifetime (2.5 MB less in a release build,
/// README "Figures").
fn pack_relative_relocations() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

fn main() {
    // The embedded front end is built by `npm run build` in ui/; a missing dist would otherwise
    // surface as an obscure proc-macro error from `generate_context!`.
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let top = manifest_dir.parent().unwrap_or(manifest_dir);
    let dist = top.join("ui/dist");
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=capabilities");
    println!("cargo:rerun-if-changed=src/command_list.rs");
    println!("cargo:rerun-if-changed=src/command_files.rs");
    embed_commit(top);
    pack_relative_relocations();
    write_if_changed(
        &manifest_dir.join("capabilities/main.json"),
        &capabilities_json(COMMANDS),
    );
    write_if_changed(
        &top.join("ui/src/lib/generated/commands.ts"),
        &commands_ts(COMMANDS),
    );
    if !dist.join("index.html").is_file() {
        eprintln!(
            "error: {} has no index.html. Build the user interface first:\n    (cd ui && npm ci && npm run build)",
            dist.display()
        );
        std::process::exit(1);
    }
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("error: tauri build script failed: {error:#}");
        std::process::exit(1);
    }
}
