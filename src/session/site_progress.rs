//! How far a computation of times to every site has got (road times from an extract, public
//! transport times from timetables): a reading phase, then sites searched of sites planned,
//! shared between the worker and whoever shows or cancels it. One computation of a kind at a
//! time.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Serialize;

/// Shared between the work and the window's polls.
#[derive(Debug, Default)]
pub struct SiteProgress {
    done: AtomicUsize,
    planned: AtomicUsize,
    running: AtomicBool,
    cancel: AtomicBool,
}

/// A moment's view of [`SiteProgress`], for the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SiteProgressView {
    /// Site searches done, of `planned`; both 0 while the input is read.
    pub done: usize,
    pub planned: usize,
    pub running: bool,
    /// Still reading the input (the extract, the feeds): the searches have not started.
    pub reading: bool,
}

impl SiteProgress {
    pub fn view(&self) -> SiteProgressView {
        let running = self.running.load(Ordering::Relaxed);
        let planned = self.planned.load(Ordering::Relaxed);
        SiteProgressView {
            done: self.done.load(Ordering::Relaxed),
            planned,
            running,
            reading: running && planned == 0,
        }
    }

    /// Asks the running computation to stop; it ends cancelled and nothing changes.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The flag the engines poll to stop.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }

    /// Starts a computation from nothing done and not cancelled; `None` while another runs.
    /// The running flag is cleared when the returned guard drops, however the work ends.
    pub fn begin(&self) -> Option<Running<'_>> {
        if self.running.swap(true, Ordering::Relaxed) {
            return None;
        }
        self.cancel.store(false, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
        self.planned.store(0, Ordering::Relaxed);
        Some(Running(self))
    }

    /// Told by the engine that `done` of `planned` sites are searched; searches ending out of
    /// order never move the count back.
    pub fn report(&self, done: usize, planned: usize) {
        self.planned.store(planned, Ordering::Relaxed);
        self.done.fetch_max(done, Ordering::Relaxed);
    }
}

/// A computation under way: clears the running flag when dropped.
pub struct Running<'a>(&'a SiteProgress);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_then_counts_sites_and_allows_one_run_at_a_time() {
        let p = SiteProgress::default();
        assert!(!p.view().running);
        let running = p.begin().unwrap();
        assert!(p.begin().is_none(), "a second run is refused");
        assert_eq!(
            p.view(),
            SiteProgressView {
                done: 0,
                planned: 0,
                running: true,
                reading: true
            }
        );
        p.report(0, 3);
        assert!(!p.view().reading);
        p.report(2, 3);
        p.report(1, 3);
        assert_eq!(p.view().done, 2, "never back");
        p.cancel();
        assert!(p.cancelled());
        drop(running);
        assert!(!p.view().running);
        let _again = p.begin().unwrap();
        assert!(!p.cancelled(), "the last run's cancel is forgotten");
        assert_eq!((p.view().done, p.view().planned), (0, 0));
    }
}
