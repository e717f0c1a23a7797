// The files generated from the command list, as text: `build.rs` writes them and the shell's
// tests check the checked-in copies against them. Plain Rust with no dependencies so the build
// script can `include!` it.

/// Permissions the window holds besides its own commands.
const CORE_PERMISSIONS: &[&str] = &[
    "core:event:allow-listen",
    "core:event:allow-unlisten",
    "core:window:allow-set-title",
];

/// `capabilities/main.json`: an `allow-<name>` for each command (Tauri's ACL spells command
/// names in kebab case) and the core permissions.
fn capabilities_json(commands: &[&str]) -> String {
    let mut permissions: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    permissions.extend(CORE_PERMISSIONS.iter().map(|p| (*p).to_owned()));
    let list = permissions
        .iter()
        .map(|p| format!("    \"{p}\""))
        .collect::<Vec<_>>()
        .join(",\n");
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main\",\n  \
         \"description\": \"Generated from src-tauri/src/command_list.rs by src-tauri/build.rs; do not edit. \
         The main window may call the app's own commands, listen for the close request and set its \
         own title; no file system, shell, dialog or network permission.\",\n  \
         \"windows\": [\"main\"],\n  \"permissions\": [\n{list}\n  ]\n}}\n"
    )
}

/// `ui/src/lib/generated/commands.ts`: the names the UI's `invoke` wrapper accepts.
fn commands_ts(commands: &[&str]) -> String {
    let list = commands
        .iter()
        .map(|c| format!("  '{c}',"))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "// Generated from src-tauri/src/command_list.rs by src-tauri/build.rs. Do not edit.\n\n\
         /** Every command the window may call. */\n\
         export const COMMANDS = [\n{list}\n] as const;\n\n\
         /** A command's name: `invoke` with any other string fails `npm run check`. */\n\
         export type Command = (typeof COMMANDS)[number];\n"
    )
}
