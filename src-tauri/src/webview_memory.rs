//! What keeps the window's memory nearer WebKitGTK's own floor (README, "Figures"): its script
//! (forms and tables; the core does the sums) needs no optimising JIT tiers. The web context's
//! document-viewer cache model and the page cache off were measured too and saved nothing.

/// JavaScriptCore's DFG (and so FTL) JIT off in the web process, which inherits this process's
/// environment: 8-15 MB less with the demo open, and no slower an edit to results (the baseline
/// JIT stays). An explicit `JSC_useDFGJIT` in the environment wins.
///
/// Call first thing in `main`, before any thread starts.
pub fn before_start() {
    const DFG: &str = "JSC_useDFGJIT";
    if std::env::var_os(DFG).is_none() {
        // SAFETY: called at the top of `main`, while this is the only thread, so nothing else
        // reads or writes the environment meanwhile.
        unsafe { std::env::set_var(DFG, "0") };
    }
}
