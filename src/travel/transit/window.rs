//! The departure window and the journey time stored for it: the median over the window's
//! departure minutes, as accessibility tools (Conveyal R5, the DfT's journey time statistics)
//! report public transport, so one lucky or unlucky departure does not decide a zone's time.
//!
//! The window `07:00-09:00` has the departure minutes 07:00, 07:01, ..., 08:59 (the end is not a
//! departure). A minute's journey time is its earliest arrival at the site less the minute
//! (waiting at home counts, as it does in those tools), or the direct walk if quicker; a minute
//! with no journey within the longest journey allowed has none. The median is the middle
//! time of the sorted minutes, the lower middle for an even count, a minute with no journey
//! sorting last: so a zone has a time when at least half its minutes have a journey, and none
//! otherwise.

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WindowError {
    #[error(
        "window {0:?}: expected HH:MM-HH:MM, e.g. 07:00-09:00 (hours up to 47 for times past midnight)"
    )]
    Format(String),
    #[error("window {0:?}: its end must be after its start")]
    Empty(String),
}

/// A window of departure minutes, in seconds from midnight of the date: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: i32,
    pub end: i32,
}

fn clock(text: &str) -> Option<i32> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    ((0..48).contains(&h) && (0..60).contains(&m)).then_some(h * 3600 + m * 60)
}

impl Window {
    /// Reads `HH:MM-HH:MM`.
    pub fn parse(text: &str) -> Result<Window, WindowError> {
        let bad = || WindowError::Format(text.to_owned());
        let (a, b) = text.split_once('-').ok_or_else(bad)?;
        let (start, end) = (clock(a).ok_or_else(bad)?, clock(b).ok_or_else(bad)?);
        if end <= start {
            return Err(WindowError::Empty(text.to_owned()));
        }
        Ok(Window { start, end })
    }

    /// The departure minutes, in seconds.
    pub fn minutes(&self) -> impl Iterator<Item = i32> + use<> {
        (self.start..self.end).step_by(60)
    }

    /// How many departure minutes.
    pub fn len(&self) -> usize {
        ((self.end - self.start + 59) / 60) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hm = |s: i32| format!("{:02}:{:02}", s / 3600, s % 3600 / 60);
        write!(f, "{}-{}", hm(self.start), hm(self.end))
    }
}

/// No journey within the longest allowed, in [`minute_times`].
pub const NO_JOURNEY: i32 = i32::MAX;

/// Each departure minute's journey time in seconds over `window`, from a zone's `profile`
/// (`(latest departure, arrival)` pairs, both rising) and its direct walk in seconds;
/// [`NO_JOURNEY`] for a minute with no journey of at most `longest` seconds.
pub fn minute_times(
    profile: &[(i32, i32)],
    walk: Option<i32>,
    window: &Window,
    longest: i32,
) -> Vec<i32> {
    let mut times: Vec<i32> = Vec::with_capacity(window.len());
    let mut at = 0usize;
    for d in window.minutes() {
        while at < profile.len() && profile[at].0 < d {
            at += 1;
        }
        let ride = profile.get(at).map(|&(_, arrive)| arrive - d);
        let best = match (ride, walk) {
            (Some(r), Some(w)) => Some(r.min(w)),
            (r, w) => r.or(w),
        };
        times.push(best.filter(|t| *t <= longest).unwrap_or(NO_JOURNEY));
    }
    times
}

/// The median of `times` (from [`minute_times`]) in minutes, sorting them: the lower middle
/// of the sorted times; None when that is [`NO_JOURNEY`] (fewer than half the minutes have a
/// journey).
pub fn median_of(times: &mut [i32]) -> Option<f32> {
    times.sort_unstable();
    let middle = *times.get((times.len().checked_sub(1)?) / 2)?;
    (middle != NO_JOURNEY).then(|| middle as f32 / 60.0)
}

/// Sets bit `i` of `out` (`ceil(len / 64)` words, little-endian bit order) where the `i`-th
/// minute's journey is within `limit_minutes`: the reliability bits of one zone and site.
pub fn within_bits(times: &[i32], limit_minutes: f64, out: &mut [u64]) {
    let limit = limit_minutes * 60.0;
    for (i, t) in times.iter().enumerate() {
        if *t != NO_JOURNEY && f64::from(*t) <= limit {
            out[i / 64] |= 1u64 << (i % 64);
        }
    }
}

/// The median journey time in minutes over `window`'s departure minutes, from a zone's
/// `profile` (`(latest departure, arrival)` pairs, both rising) and its direct walk in seconds;
/// `None` when fewer than half the minutes have a journey of at most `longest` seconds.
pub fn median_minutes(
    profile: &[(i32, i32)],
    walk: Option<i32>,
    window: &Window,
    longest: i32,
) -> Option<f32> {
    median_of(&mut minute_times(profile, walk, window, longest))
}
