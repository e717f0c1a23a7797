// Generated from the shell's Rust types by ts-rs (UPDATE_TYPES=1 cargo test -p appraise-desktop generated). Do not edit.

/**
 * The app's version and provenance, as the About screen shows them.
 */
export type About = { 
/**
 * The version, as `appraise --version` prints it.
 */
version: string, 
/**
 * The git commit this binary was built from (40 hex digits), or "unknown".
 */
commit: string, 
/**
 * The app's own licence (SPDX).
 */
licence: string, 
/**
 * Every Rust crate's and npm package's licence, as generated at build time; empty when
 * this build was made without them.
 */
third_party: string, };

/**
 * What a native file dialog is for.
 */
export type Pick = "open" | "save_appraisal" | "save_pack" | "csv" | "spreadsheet" | "save_workbook" | "public_data" | "extract" | "feed";

/**
 * The shape [`ShellError`] serializes to; its `Serialize` is written by hand, so ts-rs cannot
 * read it off the enum.
 */
export type ShellError = { kind: ShellErrorKind, message: string, 
/**
 * For `edit`: the refused field's validation path, e.g. `criteria/QUA/weight`.
 */
field: string | null, 
/**
 * For `edit`: the reason without the field's name, for beside the field.
 */
short: string | null, };

/**
 * What went wrong, as [`ShellError`]'s `kind`.
 */
export type ShellErrorKind = "open" | "edit" | "save" | "export" | "import" | "analysis" | "internal";
