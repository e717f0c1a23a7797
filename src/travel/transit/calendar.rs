//! Service days: which of a feed's services run on a date, from calendar.txt (weekdays within a
//! date range) and calendar_dates.txt (days added or removed), and the dates a feed covers.
//!
//! Dates are kept as days since 1970-01-01 ([`Day`]) so the day before a date, whose trips past
//! midnight (25:10:00) still run on it, is one subtraction away.

use std::collections::HashSet;

/// A civil date as days since 1970-01-01 (negative before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CalendarError {
    #[error("{0:?} is not a date: expected YYYY-MM-DD")]
    BadDate(String),
}

impl Day {
    /// The day of a year, month (1-12) and day of month (1-31), Howard Hinnant's
    /// days-from-civil; `None` for a month or day out of range.
    pub fn from_civil(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Day, CalendarError> {
        let bad = || CalendarError::BadDate(text.to_owned());
        let mut parts = text.trim().splitn(3, '-');
        let mut next = || parts.next().ok_or_else(bad);
        let (y, m, d) = (next()?, next()?, next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let y: i32 = y.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        let d: u32 = d.parse().map_err(|_| bad())?;
        Day::from_civil(y, m, d).ok_or_else(bad)
    }

    /// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> usize {
        (self.0 + 3).rem_euclid(7) as usize
    }

    /// `YYYY-MM-DD` (civil-from-days).
    pub fn civil(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One calendar.txt row: the weekdays (Monday first) a service runs between two days, both
/// included.
#[derive(Debug, Clone, PartialEq)]
pub struct Weekly {
    pub service: String,
    pub weekdays: [bool; 7],
    pub start: Day,
    pub end: Day,
}

/// One calendar_dates.txt row: a service added on (true) or removed from (false) a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    pub service: String,
    pub day: Day,
    pub added: bool,
}

/// A feed's calendar: its weekly patterns and exceptions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calendar {
    pub weekly: Vec<Weekly>,
    pub exceptions: Vec<Exception>,
}

impl Calendar {
    /// The services running on `day`: a weekly pattern covering it on its weekday, less the
    /// days removed, plus the days added (GTFS: calendar_dates overrides calendar).
    pub fn services_on(&self, day: Day) -> HashSet<String> {
        let mut on: HashSet<String> = self
            .weekly
            .iter()
            .filter(|w| w.start <= day && day <= w.end && w.weekdays[day.weekday()])
            .map(|w| w.service.clone())
            .collect();
        for e in self.exceptions.iter().filter(|e| e.day == day) {
            if e.added {
                on.insert(e.service.clone());
            } else {
                on.remove(&e.service);
            }
        }
        on
    }

    /// The first and last day the calendar names (calendar ranges and exception days); `None`
    /// for an empty calendar.
    pub fn validity(&self) -> Option<(Day, Day)> {
        let days = self
            .weekly
            .iter()
            .flat_map(|w| [w.start, w.end])
            .chain(self.exceptions.iter().map(|e| e.day));
        days.fold(None, |acc, d| match acc {
            None => Some((d, d)),
            Some((a, b)) => Some((a.min(d), b.max(d))),
        })
    }
}
