// Generated from src-tauri/src/command_list.rs by src-tauri/build.rs. Do not edit.

/** Every command the window may call. */
export const COMMANDS = [
  'document_state',
  'view',
  'sensitivity',
  'sensitivity_progress',
  'apply_edit',
  'undo',
  'redo',
  'new_appraisal',
  'open_file',
  'save',
  'save_as',
  'recent_files',
  'recovery',
  'recover',
  'discard_recovery',
  'export_pack',
  'open_pack',
  'quit',
  'pick_path',
  'import_matrix',
  'import_progress',
  'cancel_import',
  'preview_spreadsheet',
  'import_spreadsheet',
  'write_template',
  'export_results',
  'preview_public_zones',
  'import_public_zones',
  'preview_public_sites',
  'import_public_sites',
  'public_data_progress',
  'compute_road_times',
  'road_times_progress',
  'cancel_road_times',
  'travel_charts',
  'zones',
] as const;

/** A command's name: `invoke` with any other string fails `npm run check`. */
export type Command = (typeof COMMANDS)[number];
