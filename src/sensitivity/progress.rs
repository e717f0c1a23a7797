//! How far an SMAA run has got, shared between the run and a window that shows it: a run of
//! 100,000 draws with uncertain scores takes long enough to want a progress bar, and the draws
//! are the only part of the analysis whose length the analyst controls.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;

/// The run's draws are counted every this many, so counting costs nothing measurable.
pub const STEP: u64 = 1024;

/// Draws done of draws planned, updated by the run as it goes.
#[derive(Debug, Default)]
pub struct DrawProgress {
    done: AtomicU64,
    total: AtomicU64,
    running: AtomicBool,
}

/// A moment's view of [`DrawProgress`], for the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DrawsView {
    pub done: u64,
    pub total: u64,
    pub running: bool,
}

impl DrawProgress {
    pub fn view(&self) -> DrawsView {
        DrawsView {
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            running: self.running.load(Ordering::Relaxed),
        }
    }

    /// Marks a run of `total` draws as started; the run stops counting when the guard drops,
    /// however it ends.
    pub(super) fn start(&self, total: u64) -> Running<'_> {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.running.store(true, Ordering::Relaxed);
        Running(self)
    }
}

/// A run in progress; see [`DrawProgress::start`].
pub(super) struct Running<'a>(&'a DrawProgress);

impl Running<'_> {
    /// Records `done` draws when it is a multiple of [`STEP`].
    pub fn at(&self, done: u64) {
        if done.is_multiple_of(STEP) {
            self.0.done.store(done, Ordering::Relaxed);
        }
    }

    /// Adds `done` draws made: for runs whose draws are made in blocks side by side.
    pub fn add(&self, done: u64) {
        self.0.done.fetch_add(done, Ordering::Relaxed);
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        let p = self.0;
        p.done
            .store(p.total.load(Ordering::Relaxed), Ordering::Relaxed);
        p.running.store(false, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_counts_in_steps_and_ends_at_its_total_however_it_ends() {
        let p = DrawProgress::default();
        {
            let run = p.start(5_000);
            run.at(1_023);
            assert_eq!(
                p.view(),
                DrawsView {
                    done: 0,
                    total: 5_000,
                    running: true
                }
            );
            run.at(2_048);
            assert_eq!(p.view().done, 2_048);
        }
        assert_eq!(
            p.view(),
            DrawsView {
                done: 5_000,
                total: 5_000,
                running: false
            }
        );
        let _again = p.start(300);
        assert_eq!(p.view().done, 0);
    }
}
