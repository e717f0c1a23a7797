//! Reading one GTFS feed (a zip or a folder of .txt files) with `gtfs-structures`' row-level
//! reader ([`RawGtfs`](gtfs_structures::RawGtfs)), so every problem can name its file, row and
//! field; then checking what routing needs: stops with positions, each trip's stop times in
//! order of `stop_sequence` with times that never go back, calendars, frequencies and transfers.
//!
//! Rows are numbered as a spreadsheet shows them: the header is row 1. A stop time without
//! times between two timed ones (a GTFS non-timepoint) is given times evenly spaced between
//! them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gtfs_structures::{Exception as GtfsException, GtfsReader, TransferType};

use super::calendar::{Calendar, Day, Exception, Weekly};

/// A problem with a feed, placed as precisely as the feed allows.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.placed())]
pub struct FeedError {
    pub feed: PathBuf,
    /// The file in the feed; empty when the problem is the feed as a whole.
    pub file: String,
    /// 1 is the header row.
    pub row: Option<usize>,
    pub field: Option<String>,
    pub reason: String,
}

impl FeedError {
    /// `feed: file row N, field F: reason`, leaving out what is not known.
    fn placed(&self) -> String {
        let mut out = self.feed.display().to_string();
        if !self.file.is_empty() {
            out.push_str(&format!(": {}", self.file));
        }
        if let Some(r) = self.row {
            out.push_str(&format!(" row {r}"));
        }
        if let Some(f) = &self.field {
            out.push_str(&format!(", field {f}"));
        }
        format!("{out}: {}", self.reason)
    }
}

/// A stop with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    pub id: String,
    pub lat: f64,
    pub lon: f64,
}

/// One stop time of a trip: the stop's index in [`Feed::stops`], seconds after the service
/// day's noon minus 12 h (GTFS times, 25:10:00 = 90,600).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    pub stop: u32,
    pub arrival: i32,
    pub departure: i32,
}

/// A trip: its service and its calls in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Trip {
    pub id: String,
    pub service: String,
    pub calls: Vec<Call>,
}

/// A frequencies.txt row: the trip runs every `headway` seconds, first departing at `start`,
/// while departures are before `end`; its stop times only give the gaps between calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frequency {
    pub trip: usize,
    pub start: i32,
    pub end: i32,
    pub headway: i32,
}

/// A transfers.txt row that allows the change: from one stop to another, with its minimum
/// time when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transfer {
    pub from: u32,
    pub to: u32,
    pub seconds: Option<i32>,
}

/// One feed, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub path: PathBuf,
    pub stops: Vec<Stop>,
    pub trips: Vec<Trip>,
    pub frequencies: Vec<Frequency>,
    pub transfers: Vec<Transfer>,
    pub calendar: Calendar,
    /// SHA-256 of the zip, or of the folder's files (names and contents in name order), hex.
    pub sha256: String,
    /// Stop times read.
    pub stop_times: usize,
}

struct Ctx<'a>(&'a Path);

impl Ctx<'_> {
    fn err(
        &self,
        file: &str,
        row: Option<usize>,
        field: Option<&str>,
        reason: impl Into<String>,
    ) -> FeedError {
        FeedError {
            feed: self.0.to_owned(),
            file: file.to_owned(),
            row,
            field: field.map(str::to_owned),
            reason: reason.into(),
        }
    }

    /// A reader error, placed at its file, row and field where the CSV reader says.
    fn gtfs(&self, file: &str, e: gtfs_structures::Error) -> FeedError {
        match e {
            gtfs_structures::Error::MissingFile(name) => {
                self.err(&name, None, None, "a required file is missing")
            }
            gtfs_structures::Error::CSVError {
                file_name,
                source,
                line_in_error,
            } => {
                let row = source.position().map(|p| p.line() as usize);
                let (field, reason) = match source.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => {
                        let field = err.field().and_then(|i| {
                            line_in_error
                                .as_ref()
                                .and_then(|l| l.headers.get(i as usize).cloned())
                        });
                        (field, err.kind().to_string())
                    }
                    _ => (None, source.to_string()),
                };
                self.err(&file_name, row, field.as_deref(), reason)
            }
            other => self.err(file, None, None, other.to_string()),
        }
    }
}

/// The [`Day`] of a `gtfs-structures` date (its type is the `jiff` crate's, not re-exported).
macro_rules! day_of {
    ($d:expr) => {
        Day::from_civil(
            i32::from($d.year()),
            u32::try_from($d.month()).unwrap_or(0),
            u32::try_from($d.day()).unwrap_or(0),
        )
    };
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a zip file, or of a folder's files (each name then its bytes, in name order).
pub fn sha256_of(path: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    if path.is_dir() {
        let mut names: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        names.sort();
        for name in names {
            hasher.update(
                name.file_name()
                    .map(|n| n.as_encoded_bytes())
                    .unwrap_or_default(),
            );
            hasher.update(std::fs::read(&name)?);
        }
    } else {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        let mut buffer = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
        }
    }
    Ok(hex(&hasher.finalize()))
}

/// Reads and checks the feed at `path` (a .zip or a folder).
pub fn read(path: &Path) -> Result<Feed, FeedError> {
    let ctx = Ctx(path);
    let raw = GtfsReader::default()
        .read_shapes(false)
        .trim_fields(true)
        .raw()
        .read_from_path(path)
        .map_err(|e| ctx.gtfs("", e))?;
    let sha256 = sha256_of(path).map_err(|e| ctx.err("", None, None, e.to_string()))?;

    // Required files (GTFS Schedule): agency, stops, routes, trips, stop_times, and a calendar.
    raw.agencies.map_err(|e| ctx.gtfs("agency.txt", e))?;
    raw.routes.map_err(|e| ctx.gtfs("routes.txt", e))?;
    let raw_stops = raw.stops.map_err(|e| ctx.gtfs("stops.txt", e))?;
    let raw_trips = raw.trips.map_err(|e| ctx.gtfs("trips.txt", e))?;
    let raw_times = raw.stop_times.map_err(|e| ctx.gtfs("stop_times.txt", e))?;

    let mut calendar = Calendar::default();
    let (mut has_calendar, mut has_dates) = (false, false);
    if let Some(rows) = raw.calendar {
        has_calendar = true;
        for (i, c) in rows
            .map_err(|e| ctx.gtfs("calendar.txt", e))?
            .iter()
            .enumerate()
        {
            let row = Some(i + 2);
            let bad = |field| ctx.err("calendar.txt", row, Some(field), "not a date");
            calendar.weekly.push(Weekly {
                service: c.id.clone(),
                weekdays: [
                    c.monday,
                    c.tuesday,
                    c.wednesday,
                    c.thursday,
                    c.friday,
                    c.saturday,
                    c.sunday,
                ],
                start: day_of!(c.start_date).ok_or_else(|| bad("start_date"))?,
                end: day_of!(c.end_date).ok_or_else(|| bad("end_date"))?,
            });
        }
    }
    if let Some(rows) = raw.calendar_dates {
        has_dates = true;
        for (i, c) in rows
            .map_err(|e| ctx.gtfs("calendar_dates.txt", e))?
            .iter()
            .enumerate()
        {
            calendar.exceptions.push(Exception {
                service: c.service_id.clone(),
                day: day_of!(c.date).ok_or_else(|| {
                    ctx.err(
                        "calendar_dates.txt",
                        Some(i + 2),
                        Some("date"),
                        "not a date",
                    )
                })?,
                added: c.exception_type == GtfsException::Added,
            });
        }
    }
    if !has_calendar && !has_dates {
        return Err(ctx.err(
            "calendar.txt",
            None,
            None,
            "a required file is missing (neither calendar.txt nor calendar_dates.txt)",
        ));
    }

    let mut stop_index: HashMap<&str, u32> = HashMap::with_capacity(raw_stops.len());
    let mut stops = Vec::with_capacity(raw_stops.len());
    // Stops without a position (a generic node, an entrance) are kept out; a stop time naming
    // one is an error below.
    let mut unplaced: HashMap<&str, usize> = HashMap::new();
    for (i, s) in raw_stops.iter().enumerate() {
        match (s.latitude, s.longitude) {
            (Some(lat), Some(lon)) if lat.is_finite() && lon.is_finite() => {
                stop_index.insert(s.id.as_str(), stops.len() as u32);
                stops.push(Stop {
                    id: s.id.clone(),
                    lat,
                    lon,
                });
            }
            _ => {
                unplaced.insert(s.id.as_str(), i + 2);
            }
        }
    }

    let mut trip_index: HashMap<&str, usize> = HashMap::with_capacity(raw_trips.len());
    let mut trips: Vec<Trip> = Vec::with_capacity(raw_trips.len());
    for t in &raw_trips {
        trip_index.insert(t.id.as_str(), trips.len());
        trips.push(Trip {
            id: t.id.clone(),
            service: t.service_id.clone(),
            calls: Vec::new(),
        });
    }

    // Each trip's rows, then sorted by stop_sequence.
    let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); trips.len()];
    for (i, st) in raw_times.iter().enumerate() {
        let row = Some(i + 2);
        let Some(&t) = trip_index.get(st.trip_id.as_str()) else {
            return Err(ctx.err(
                "stop_times.txt",
                row,
                Some("trip_id"),
                format!("trip {:?} is not in trips.txt", st.trip_id),
            ));
        };
        if !stop_index.contains_key(st.stop_id.as_str()) {
            let reason = match unplaced.get(st.stop_id.as_str()) {
                Some(r) => format!(
                    "stop {:?} has no stop_lat and stop_lon (stops.txt row {r})",
                    st.stop_id
                ),
                None => format!("stop {:?} is not in stops.txt", st.stop_id),
            };
            return Err(ctx.err("stop_times.txt", row, Some("stop_id"), reason));
        }
        rows_of[t].push(i);
    }
    for (t, rows) in rows_of.iter_mut().enumerate() {
        rows.sort_by_key(|&i| raw_times[i].stop_sequence);
        for pair in rows.windows(2) {
            if raw_times[pair[0]].stop_sequence == raw_times[pair[1]].stop_sequence {
                return Err(ctx.err(
                    "stop_times.txt",
                    Some(pair[1] + 2),
                    Some("stop_sequence"),
                    format!(
                        "trip {:?} has stop_sequence {} twice",
                        trips[t].id, raw_times[pair[1]].stop_sequence
                    ),
                ));
            }
        }
        trips[t].calls = calls(&ctx, &raw_times, rows, &trips[t].id, &stop_index)?;
    }

    let mut frequencies = Vec::new();
    if let Some(rows) = raw.frequencies {
        for (i, f) in rows
            .map_err(|e| ctx.gtfs("frequencies.txt", e))?
            .iter()
            .enumerate()
        {
            let row = Some(i + 2);
            let Some(&trip) = trip_index.get(f.trip_id.as_str()) else {
                return Err(ctx.err(
                    "frequencies.txt",
                    row,
                    Some("trip_id"),
                    format!("trip {:?} is not in trips.txt", f.trip_id),
                ));
            };
            if f.headway_secs == 0 {
                return Err(ctx.err(
                    "frequencies.txt",
                    row,
                    Some("headway_secs"),
                    "must be above 0",
                ));
            }
            if f.end_time < f.start_time {
                return Err(ctx.err(
                    "frequencies.txt",
                    row,
                    Some("end_time"),
                    "is before start_time",
                ));
            }
            frequencies.push(Frequency {
                trip,
                start: secs(f.start_time),
                end: secs(f.end_time),
                headway: secs(f.headway_secs),
            });
        }
    }

    let mut transfers = Vec::new();
    if let Some(rows) = raw.transfers {
        for (i, t) in rows
            .map_err(|e| ctx.gtfs("transfers.txt", e))?
            .iter()
            .enumerate()
        {
            if matches!(t.transfer_type, TransferType::Impossible) {
                continue;
            }
            let stop = |id: &str, field| {
                stop_index.get(id).copied().ok_or_else(|| {
                    ctx.err(
                        "transfers.txt",
                        Some(i + 2),
                        Some(field),
                        format!("stop {id:?} is not a placed stop in stops.txt"),
                    )
                })
            };
            transfers.push(Transfer {
                from: stop(&t.from_stop_id, "from_stop_id")?,
                to: stop(&t.to_stop_id, "to_stop_id")?,
                seconds: t.min_transfer_time.map(secs),
            });
        }
    }

    Ok(Feed {
        path: path.to_owned(),
        stops,
        trips,
        frequencies,
        transfers,
        calendar,
        sha256,
        stop_times: raw_times.len(),
    })
}

fn secs(s: u32) -> i32 {
    i32::try_from(s).unwrap_or(i32::MAX)
}

/// A trip's calls from its rows (sorted by stop_sequence): times filled in between timed
/// stops, and checked never to go back.
fn calls(
    ctx: &Ctx,
    raw: &[gtfs_structures::RawStopTime],
    rows: &[usize],
    trip: &str,
    stops: &HashMap<&str, u32>,
) -> Result<Vec<Call>, FeedError> {
    let file = "stop_times.txt";
    let mut out: Vec<Call> = Vec::with_capacity(rows.len());
    let mut timed: Vec<Option<(i32, i32)>> = Vec::with_capacity(rows.len());
    for &i in rows {
        let st = &raw[i];
        let (a, d) = match (st.arrival_time, st.departure_time) {
            (Some(a), Some(d)) => (Some(secs(a)), Some(secs(d))),
            (Some(a), None) => (Some(secs(a)), Some(secs(a))),
            (None, Some(d)) => (Some(secs(d)), Some(secs(d))),
            (None, None) => (None, None),
        };
        timed.push(a.zip(d));
        out.push(Call {
            stop: stops.get(st.stop_id.as_str()).copied().unwrap_or(0),
            arrival: a.unwrap_or(0),
            departure: d.unwrap_or(0),
        });
    }
    for (end, field) in [
        (0, "departure_time"),
        (rows.len().saturating_sub(1), "arrival_time"),
    ] {
        if timed.get(end).is_some_and(Option::is_none) {
            return Err(ctx.err(
                file,
                Some(rows[end] + 2),
                Some(field),
                format!("trip {trip:?}'s first and last stops need times"),
            ));
        }
    }
    // Untimed calls get times evenly spaced between the timed calls either side.
    let mut last = 0usize;
    for k in 1..out.len() {
        if timed[k].is_none() {
            continue;
        }
        if k > last + 1 {
            let (from, to) = (out[last].departure, out[k].arrival);
            let gaps = (k - last) as i64;
            for (step, j) in (last + 1..k).enumerate() {
                let t = i64::from(from) + i64::from(to - from) * (step as i64 + 1) / gaps;
                out[j].arrival = t as i32;
                out[j].departure = t as i32;
            }
        }
        last = k;
    }
    for (k, c) in out.iter().enumerate() {
        let row = Some(rows[k] + 2);
        if c.departure < c.arrival {
            return Err(ctx.err(
                file,
                row,
                Some("departure_time"),
                format!("trip {trip:?} departs before it arrives"),
            ));
        }
        if k > 0 && c.arrival < out[k - 1].departure {
            return Err(ctx.err(
                file,
                row,
                Some("arrival_time"),
                format!(
                    "trip {trip:?}'s stop times are out of order: it arrives before it left the stop before"
                ),
            ));
        }
    }
    Ok(out)
}
