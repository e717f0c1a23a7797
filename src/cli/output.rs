//! Standard output for the command line. A reader that stops early (`appraise show FILE |
//! head`) closes the pipe; like any Unix tool, the command then ends quietly with success
//! instead of panicking as `println!` does. Any other failure to write (a full disk behind a
//! redirection) is said on standard error with a failing exit code.

use std::io::Write;

/// Writes `args` to standard output, ending the process if it cannot be written.
pub fn write(args: std::fmt::Arguments) {
    let written = std::io::stdout()
        .lock()
        .write_fmt(args)
        .and_then(|()| std::io::stdout().lock().flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("appraise: standard output could not be written: {e}");
            std::process::exit(2);
        }
    }
}
