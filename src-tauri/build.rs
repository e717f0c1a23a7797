//! Generates the Tauri context from the repository-top `tauri.conf.json` and the ACL for the
//! app's own commands, so only commands listed here can ever be granted to the window.

use std::path::Path;

/// Commands the front end may call; each gets an `allow-<name>` permission.
const COMMANDS: &[&str] = &[
    "summary",
    "document_state",
    "model",
    "results",
    "sensitivity",
    "sensitivity_progress",
    "apply_edit",
    "undo",
    "redo",
    "new_appraisal",
    "open_file",
    "save",
    "save_as",
    "recent_files",
    "recovery",
    "recover",
    "discard_recovery",
    "export_pack",
    "open_pack",
    "quit",
    "pick_path",
    "import_matrix",
    "import_progress",
    "cancel_import",
    "preview_spreadsheet",
    "import_spreadsheet",
    "write_template",
    "export_results",
    "travel_charts",
    "zones",
];

fn main() {
    // The embedded front end is built by `npm run build` in ui/; a missing dist would otherwise
    // surface as an obscure proc-macro error from `generate_context!`.
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dist = manifest_dir
        .parent()
        .unwrap_or(manifest_dir)
        .join("ui/dist");
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=capabilities");
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
