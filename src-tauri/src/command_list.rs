// The one list of the commands the window may call. `build.rs` includes this file to declare
// them to Tauri's ACL and to write `capabilities/main.json` and the UI's
// `ui/src/lib/generated/commands.ts`; `main.rs` expands it into `generate_handler!`. A command
// added here and in `commands.rs` is therefore registered, permitted and typed in the UI at once.

/// Calls `$callback!` with every command name, each once, in the order the ACL lists them.
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            document_state,
            view,
            sensitivity,
            sensitivity_progress,
            apply_edit,
            undo,
            redo,
            new_appraisal,
            open_file,
            save,
            save_as,
            recent_files,
            recovery,
            recover,
            discard_recovery,
            export_pack,
            open_pack,
            quit,
            glossary,
            changes_since_pack,
            pick_path,
            import_matrix,
            import_progress,
            cancel_import,
            preview_spreadsheet,
            import_spreadsheet,
            write_template,
            export_results,
            write_scoring_workbooks,
            preview_score_merge,
            apply_score_merge,
            workshop_view,
            preview_public_zones,
            import_public_zones,
            preview_public_sites,
            import_public_sites,
            public_data_progress,
            compute_road_times,
            road_times_progress,
            cancel_road_times,
            compute_transit_times,
            transit_times_progress,
            cancel_transit_times,
            chart,
            set_zoom,
            zones,
            about,
        }
    };
}
