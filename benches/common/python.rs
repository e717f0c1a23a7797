//! Running the Python side of a comparison (NumPy, pandas, openpyxl ...) beside a benchmark.

use std::ffi::OsStr;

/// The standard output of `python3 args...`, or none, with why printed: the comparison is
/// skipped when Python or the package (`install` names what to `pip install`) is missing.
pub fn run<I, S>(what: &str, install: &str, args: I) -> Option<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    match std::process::Command::new("python3").args(args).output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let why = stderr.lines().last().unwrap_or("failed");
            println!("{what}: not run ({why}); pip install {install}");
            None
        }
        Err(e) => {
            println!("{what}: not run (python3: {e})");
            None
        }
    }
}
