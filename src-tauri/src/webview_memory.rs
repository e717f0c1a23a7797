//! What keeps the window's memory nearer WebKitGTK's own floor (README, "Figures"): its script
//! (forms and tables; the core does the sums) needs no JIT at all. The web context's
//! document-viewer cache model and the page cache off were measured too and saved nothing.

/// JavaScriptCore's JIT off in the web process, which inherits this process's environment:
/// 13-15 MB less with the demo open than with the baseline JIT alone (the optimising tiers were
/// already off), and no slower an edit to results (31 ms median either way in a debug build,
/// 24 ms in a release build). An explicit `JSC_useJIT` in the environment wins.
///
/// Call first thing in `main`, before any thread starts.
pub fn before_start() {
    const JIT: &str = "JSC_useJIT";
    if std::env::var_os(JIT).is_none() {
        // SAFETY: called at the top of `main`, while this is the only thread, so nothing else
        // reads or writes the environment meanwhile.
        unsafe { std::env::set_var(JIT, "0") };
    }
}
