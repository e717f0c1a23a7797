//! The pipeline's seams, checked in the source: the engines run only inside the evaluation
//! (so one change runs each once), and the desktop shell reaches the core only through its
//! session (so no policy hides in the shell).
//!
//! These read the source text: a call through a renamed import (`use finance::model as m`)
//! would slip past, which review catches; test code (`tests.rs`, `*_tests.rs`, and anything
//! after `#[cfg(test)]`) and comments are not checked.

use std::path::{Path, PathBuf};

/// The engines' entry points, as called from outside their own modules.
const ENGINE_CALLS: [&str; 9] = [
    "finance::model(",
    "travel::assess(",
    "score::evaluate(",
    "score::evaluate_with(",
    "sensitivity::robustness(",
    "sensitivity::robustness_with(",
    "sensitivity::analyse(",
    "sensitivity::analyse_counted(",
    "validate::problems(",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read the source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The production code of each source file under `dir`, relative path first.
fn production_code(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join(dir), &mut files);
    files
        .into_iter()
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name != "tests.rs" && !name.ends_with("_tests.rs")
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read a source file");
            let code = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            (rel, code)
        })
        .collect()
}

#[test]
fn no_engine_runs_outside_the_evaluation() {
    let mut outside = Vec::new();
    for (file, code) in production_code("src") {
        if file.starts_with("src/evaluation/") {
            continue;
        }
        for call in ENGINE_CALLS {
            let engine = call.split("::").next().unwrap_or_default();
            let own =
                file.starts_with(&format!("src/{engine}/")) || file == format!("src/{engine}.rs");
            if !own && code.contains(call) {
                outside.push(format!("{file}: {call}"));
            }
        }
    }
    assert_eq!(
        outside,
        Vec::<String>::new(),
        "engines called outside src/evaluation"
    );
    // The check finds what it looks for: the evaluation itself calls every engine.
    let evaluation: String = production_code("src/evaluation")
        .into_iter()
        .map(|(_, code)| code)
        .collect();
    for call in [
        "finance::model(",
        "travel::assess(",
        "score::evaluate_with(",
        "validate::problems(",
    ] {
        assert!(evaluation.contains(call), "the evaluation calls {call}");
    }
}

#[test]
fn the_shell_reaches_the_core_only_through_the_session() {
    let mut reached = Vec::new();
    for (file, code) in production_code("src-tauri/src") {
        for (at, _) in code.match_indices("appraise::") {
            let module: String = code[at + "appraise::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // The model's plain data types (a status, a travel mode) may cross as arguments.
            if module != "session" && module != "model" {
                reached.push(format!("{file}: appraise::{module}"));
            }
        }
    }
    assert_eq!(
        reached,
        Vec::<String>::new(),
        "the shell bypasses the session"
    );
}
