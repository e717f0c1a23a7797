//! The imported zone x site travel-time matrix, held dense: at national scale (35,000 zones x
//! 300 sites x 2 modes = 21 million cells) a list of keyed cells would take gigabytes, a dense
//! `f32` array takes 84 MB.

use std::collections::HashMap;
use std::sync::Arc;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{RoadBasis, RoadLayer, Transit, TravelMode};

/// Minutes from each zone to each site by each mode, laid out `[mode][site][zone]` so that one
/// site's times to every zone are contiguous: the nearest-site search is then an element-wise
/// minimum over such columns. NaN marks a cell with no value; the estimator fills those.
///
/// The matrix names its own zones, sites and modes (codes of the appraisal's zones and sites), so
/// zones or sites added to the appraisal after an import simply have no matrix values.
#[derive(Debug, Clone, Default)]
pub struct TravelMatrix {
    zones: Vec<String>,
    sites: Vec<String>,
    modes: Vec<TravelMode>,
    minutes: Vec<f32>,
    /// What the road times were computed from, one entry per run whose times are still here;
    /// empty for an imported matrix. Never names a mode the matrix lacks.
    bases: Vec<RoadBasis>,
    /// What the public transport times were computed from, and their reliability bits; None
    /// for imported public transport times or none. Only with public transport times.
    transit: Option<Box<Transit>>,
    /// The main roads of the extract of the newest road times, for maps; None without road
    /// times from an extract. Shared, as every undo step holds the matrix.
    roads: Option<Arc<RoadLayer>>,
}

/// The cells do not fit the axes.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MatrixShapeError {
    #[error(
        "the matrix has {found} cells but {modes} modes x {sites} sites x {zones} zones need {expected}"
    )]
    Size {
        found: usize,
        expected: usize,
        modes: usize,
        sites: usize,
        zones: usize,
    },
    #[error(
        "times[{index}] is for {found_mode} at {found_site}; expected {mode} at {site} (one entry per mode and site, modes first)"
    )]
    Order {
        index: usize,
        found_mode: String,
        found_site: String,
        mode: String,
        site: String,
    },
    #[error("times[{index}] has {found} values; expected one per zone ({zones})")]
    Column {
        index: usize,
        found: usize,
        zones: usize,
    },
    #[error("roads.lines[{index}]: {reason}")]
    RoadLine { index: usize, reason: &'static str },
}

/// How one matrix differs from another, cell by cell, keyed by zone, site and mode codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MatrixChange {
    /// Cells with a value now that had none (or did not exist) before.
    pub added: usize,
    /// Cells that had a value and now have none.
    pub removed: usize,
    /// Cells whose value changed.
    pub altered: usize,
}

impl MatrixChange {
    pub fn total(&self) -> usize {
        self.added + self.removed + self.altered
    }
}

impl TravelMatrix {
    /// A digest of the axes and every cell (bit for bit), to tell cheaply whether the matrix is
    /// still the one in the file without keeping a second copy of up to 84 MB.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        self.zones.hash(&mut h);
        self.sites.hash(&mut h);
        self.modes.hash(&mut h);
        for v in &self.minutes {
            h.write_u32(v.to_bits());
        }
        for b in &self.bases {
            serde_json::to_string(b).unwrap_or_default().hash(&mut h);
        }
        if let Some(t) = &self.transit {
            serde_json::to_string(t.basis())
                .unwrap_or_default()
                .hash(&mut h);
            let r = t.reliability();
            r.zones().hash(&mut h);
            r.sites().hash(&mut h);
            r.all_bits().hash(&mut h);
        }
        if let Some(roads) = &self.roads {
            roads.hash(&mut h);
        }
        h.finish()
    }

    /// A matrix over the given axes with no values yet.
    pub fn empty(zones: Vec<String>, sites: Vec<String>, modes: Vec<TravelMode>) -> Self {
        let cells = zones.len() * sites.len() * modes.len();
        TravelMatrix {
            zones,
            sites,
            modes,
            minutes: vec![f32::NAN; cells],
            bases: Vec::new(),
            transit: None,
            roads: None,
        }
    }

    /// A matrix from its axes and cells laid out `[mode][site][zone]` (NaN = no value).
    pub fn new(
        zones: Vec<String>,
        sites: Vec<String>,
        modes: Vec<TravelMode>,
        minutes: Vec<f32>,
    ) -> Result<Self, MatrixShapeError> {
        let expected = zones.len() * sites.len() * modes.len();
        if minutes.len() != expected {
            return Err(MatrixShapeError::Size {
                found: minutes.len(),
                expected,
                modes: modes.len(),
                sites: sites.len(),
                zones: zones.len(),
            });
        }
        Ok(TravelMatrix {
            zones,
            sites,
            modes,
            minutes,
            bases: Vec::new(),
            transit: None,
            roads: None,
        })
    }

    /// What the road times were computed from; empty when none was (an imported matrix).
    pub fn bases(&self) -> &[RoadBasis] {
        &self.bases
    }

    /// Sets what the road times were computed from, each basis narrowed to the modes the
    /// matrix has, so no basis claims times the matrix does not hold; with no basis left the
    /// road layer goes too, as no extract is behind the times any more.
    pub fn set_bases(&mut self, bases: Vec<RoadBasis>) {
        self.bases = bases
            .into_iter()
            .filter_map(|b| b.narrowed(&self.modes))
            .collect();
        if self.bases.is_empty() {
            self.roads = None;
        }
    }

    /// The main roads of the extract the newest road times came from, for maps.
    pub fn road_layer(&self) -> Option<&RoadLayer> {
        self.roads.as_deref()
    }

    /// The layer as shared, to hand on to a matrix made from this one.
    pub fn shared_road_layer(&self) -> Option<Arc<RoadLayer>> {
        self.roads.clone()
    }

    /// Sets the road layer; kept only while some road times have a basis (set the bases
    /// first).
    pub fn set_road_layer(&mut self, roads: Option<Arc<RoadLayer>>) {
        self.roads = roads.filter(|_| !self.bases.is_empty());
    }

    /// What the public transport times were computed from, with their reliability bits; None
    /// when they were imported or there are none.
    pub fn transit(&self) -> Option<&Transit> {
        self.transit.as_deref()
    }

    /// Sets what the public transport times were computed from; dropped when the matrix has no
    /// public transport times, so no basis claims times the matrix does not hold.
    pub fn set_transit(&mut self, transit: Option<Transit>) {
        self.transit = transit
            .filter(|_| self.modes.contains(&TravelMode::PublicTransport))
            .map(Box::new);
    }

    pub fn zones(&self) -> &[String] {
        &self.zones
    }
    pub fn sites(&self) -> &[String] {
        &self.sites
    }
    pub fn modes(&self) -> &[TravelMode] {
        &self.modes
    }
    /// Every cell, `[mode][site][zone]`.
    pub fn cells(&self) -> &[f32] {
        &self.minutes
    }

    /// The cells, `[mode][site][zone]`, giving up the matrix.
    pub fn into_cells(self) -> Vec<f32> {
        self.minutes
    }

    /// True when the matrix holds no cells at all.
    pub fn is_empty(&self) -> bool {
        self.minutes.is_empty()
    }

    /// Number of cells holding a value.
    pub fn values(&self) -> usize {
        self.minutes.iter().filter(|m| !m.is_nan()).count()
    }

    fn offset(&self, mode: usize, site: usize) -> usize {
        (mode * self.sites.len() + site) * self.zones.len()
    }

    /// One site's times to every zone (in [`zones`](Self::zones) order) by one mode.
    pub fn column(&self, mode: usize, site: usize) -> &[f32] {
        let start = self.offset(mode, site);
        &self.minutes[start..start + self.zones.len()]
    }

    pub fn column_mut(&mut self, mode: usize, site: usize) -> &mut [f32] {
        let start = self.offset(mode, site);
        let zones = self.zones.len();
        &mut self.minutes[start..start + zones]
    }

    pub fn mode_index(&self, mode: TravelMode) -> Option<usize> {
        self.modes.iter().position(|m| *m == mode)
    }

    /// How `self` differs from `old`, by codes (the axes may be ordered differently).
    pub fn change_from(&self, old: &TravelMatrix) -> MatrixChange {
        let mut change = MatrixChange::default();
        fn index(codes: &[String]) -> HashMap<&str, usize> {
            codes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i))
                .collect()
        }
        let (old_zones, old_sites) = (index(&old.zones), index(&old.sites));
        let zone_map: Vec<Option<usize>> = self
            .zones
            .iter()
            .map(|z| old_zones.get(z.as_str()).copied())
            .collect();
        let mut seen_old = 0usize;
        for (m, mode) in self.modes.iter().enumerate() {
            let old_mode = old.mode_index(*mode);
            for (s, site) in self.sites.iter().enumerate() {
                let old_column = old_mode
                    .zip(old_sites.get(site.as_str()))
                    .map(|(om, os)| old.column(om, *os));
                for (z, new) in self.column(m, s).iter().enumerate() {
                    let before = old_column.zip(zone_map[z]).map(|(c, oz)| c[oz]);
                    match before {
                        Some(b) => {
                            if !b.is_nan() {
                                seen_old += 1;
                            }
                            match (b.is_nan(), new.is_nan()) {
                                (true, false) => change.added += 1,
                                (false, true) => change.removed += 1,
                                (false, false) if b.to_bits() != new.to_bits() => {
                                    change.altered += 1
                                }
                                _ => {}
                            }
                        }
                        None if !new.is_nan() => change.added += 1,
                        None => {}
                    }
                }
            }
        }
        // Old values in cells the new matrix no longer has at all.
        change.removed += old.values() - seen_old;
        change
    }
}

/// Cells compare by value, and NaN (no value) equals NaN, so a matrix equals its round trip.
impl PartialEq for TravelMatrix {
    fn eq(&self, other: &Self) -> bool {
        self.zones == other.zones
            && self.sites == other.sites
            && self.modes == other.modes
            && self.bases == other.bases
            && self.transit == other.transit
            && self.roads == other.roads
            && self.minutes.len() == other.minutes.len()
            && self
                .minutes
                .iter()
                .zip(&other.minutes)
                .all(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()))
    }
}

/// Text form: `{"zones": [...], "sites": [...], "modes": [...], "times": [{"mode", "site",
/// "minutes": [one per zone, null = no value]}], "bases": [...]}`, one `times` entry per mode
/// and site, modes first; `bases` only when there are road times' bases, `transit` (see
/// [`Transit`]) only when the public transport times were computed from timetables, `roads`
/// (see [`RoadLayer`]) only with road times from an extract. Each value is an `f32` written in
/// its shortest exact decimal form.
impl Serialize for TravelMatrix {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(serializer, &Columns(self))
    }
}

impl TravelMatrix {
    /// The text form's fields, `times` given by `times`.
    fn serialize_with<S: Serializer>(
        &self,
        serializer: S,
        times: &impl Serialize,
    ) -> Result<S::Ok, S::Error> {
        let fields = 4
            + usize::from(!self.bases.is_empty())
            + usize::from(self.transit.is_some())
            + usize::from(self.roads.is_some());
        let mut s = serializer.serialize_struct("TravelMatrix", fields)?;
        s.serialize_field("zones", &self.zones)?;
        s.serialize_field("sites", &self.sites)?;
        s.serialize_field("modes", &self.modes)?;
        s.serialize_field("times", times)?;
        if self.bases.is_empty() {
            s.skip_field("bases")?;
        } else {
            s.serialize_field("bases", &self.bases)?;
        }
        match &self.transit {
            Some(t) => s.serialize_field("transit", t)?,
            None => s.skip_field("transit")?,
        }
        match &self.roads {
            Some(r) => s.serialize_field("roads", r.as_ref())?,
            None => s.skip_field("roads")?,
        }
        s.end()
    }
}

struct Columns<'a>(&'a TravelMatrix);

#[derive(Serialize)]
struct ColumnOut<'a> {
    mode: TravelMode,
    site: &'a str,
    minutes: Cells<'a>,
}

struct Cells<'a>(&'a [f32]);

/// The matrix serialized with its `times` empty: the rest of its text form, for a caller that
/// writes the columns itself ([`TravelMatrix::column_text`]), as the pack's fingerprint does.
pub struct WithoutTimes<'a>(pub &'a TravelMatrix);

impl Serialize for WithoutTimes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let none: &[f32] = &[];
        self.0.serialize_with(serializer, &none)
    }
}

impl TravelMatrix {
    /// Appends the `i`th element of the text form's `times` (modes first, then sites) to
    /// `out` as `serde_json`'s pretty printer writes it inside `depth` objects and arrays, the
    /// `times` list among them: the separator before it (`,` unless it is the first), its line
    /// break and indent, and its text.
    ///
    /// Written by hand rather than through serde, since a national matrix is 21 million
    /// numbers: each cell is its line's indent and its number, copied in two pieces.
    pub fn write_column_text(&self, i: usize, depth: usize, out: &mut Vec<u8>) {
        let sites = self.sites.len().max(1);
        let (mode, site) = (i / sites, i % sites);
        let cells = self.column(mode, site);
        // `,` and a line break, then two spaces a level: indents[k] is the text before a
        // line `depth + k` levels in.
        let indents: [Vec<u8>; 3] = std::array::from_fn(|k| {
            let mut line = b",\n".to_vec();
            line.resize(line.len() + 2 * (depth + k), b' ');
            line
        });
        let line = |out: &mut Vec<u8>, k: usize| out.extend_from_slice(&indents[k][1..]);
        out.reserve(cells.len() * (indents[2].len() + 8) + 64);
        if i > 0 {
            out.push(b',');
        }
        line(out, 0);
        out.push(b'{');
        line(out, 1);
        out.extend_from_slice(b"\"mode\": ");
        json(out, &self.modes[mode]);
        out.push(b',');
        line(out, 1);
        out.extend_from_slice(b"\"site\": ");
        json(out, &self.sites[site]);
        out.push(b',');
        line(out, 1);
        out.extend_from_slice(b"\"minutes\": [");
        for (k, v) in cells.iter().enumerate() {
            out.extend_from_slice(&indents[2][usize::from(k == 0)..]);
            write_minutes(*v, out);
        }
        if !cells.is_empty() {
            line(out, 1);
        }
        out.push(b']');
        line(out, 0);
        out.push(b'}');
    }
}

/// A code (a string on one line) as `serde_json` writes it.
fn json(out: &mut Vec<u8>, code: &impl Serialize) {
    // Writing a code into memory cannot fail.
    let _ = serde_json::to_writer(&mut *out, code);
}

/// A cell as `serde_json` writes an `Option<f32>`: `null` for no value (or an infinite one),
/// else its shortest exact form (zmij's, as `serde_json`'s). Times to a tenth of a minute,
/// which is what matrices hold, are written from their digits: [`tenths`] picks exactly those
/// whose shortest form is them.
fn write_minutes(v: f32, out: &mut Vec<u8>) {
    if !v.is_finite() {
        out.extend_from_slice(b"null");
    } else if let Some(k) = tenths(v) {
        let mut digits = [0u8; 8];
        let mut at = digits.len();
        digits[at - 1] = b'0' + (k % 10) as u8;
        digits[at - 2] = b'.';
        at -= 2;
        let mut whole = k / 10;
        loop {
            at -= 1;
            digits[at] = b'0' + (whole % 10) as u8;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        out.extend_from_slice(&digits[at..]);
    } else {
        out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
    }
}

/// `k` when `v` is the `f32` nearest `k / 10` for a `k` under a million: below 2^17 an
/// `f32`'s neighbours are under 0.008 apart, so no decimal with as few digits (a tenth or a
/// whole number other than `k / 10`) rounds to it, and the shortest form is `k / 10`'s
/// digits, whole numbers ending `.0`.
fn tenths(v: f32) -> Option<u32> {
    if !(0.0..100_000.0).contains(&v) || v.is_sign_negative() {
        return None;
    }
    let k = (v * 10.0).round() as u32;
    ((k as f32 / 10.0).to_bits() == v.to_bits()).then_some(k)
}

impl Serialize for Columns<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let m = self.0;
        let mut seq = serializer.serialize_seq(Some(m.modes.len() * m.sites.len()))?;
        for (i, mode) in m.modes.iter().enumerate() {
            for (j, site) in m.sites.iter().enumerate() {
                seq.serialize_element(&ColumnOut {
                    mode: *mode,
                    site,
                    minutes: Cells(m.column(i, j)),
                })?;
            }
        }
        seq.end()
    }
}

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for v in self.0 {
            seq.serialize_element(&(!v.is_nan()).then_some(*v))?;
        }
        seq.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MatrixIn {
    zones: Vec<String>,
    sites: Vec<String>,
    modes: Vec<TravelMode>,
    times: Vec<ColumnIn>,
    #[serde(default)]
    bases: Vec<RoadBasis>,
    #[serde(default)]
    transit: Option<Transit>,
    #[serde(default)]
    roads: Option<RoadLayer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnIn {
    mode: TravelMode,
    site: String,
    minutes: Vec<Option<f32>>,
}

impl TryFrom<MatrixIn> for TravelMatrix {
    type Error = MatrixShapeError;

    fn try_from(text: MatrixIn) -> Result<Self, Self::Error> {
        let (zones, sites, modes) = (text.zones.len(), text.sites.len(), text.modes.len());
        if text.times.len() != modes * sites {
            return Err(MatrixShapeError::Size {
                found: text.times.len() * zones,
                expected: modes * sites * zones,
                modes,
                sites,
                zones,
            });
        }
        let mut minutes = Vec::with_capacity(modes * sites * zones);
        for (index, column) in text.times.into_iter().enumerate() {
            let (mode, site) = (text.modes[index / sites], &text.sites[index % sites]);
            if column.mode != mode || &column.site != site {
                return Err(MatrixShapeError::Order {
                    index,
                    found_mode: column.mode.label().to_owned(),
                    found_site: column.site,
                    mode: mode.label().to_owned(),
                    site: site.clone(),
                });
            }
            if column.minutes.len() != zones {
                return Err(MatrixShapeError::Column {
                    index,
                    found: column.minutes.len(),
                    zones,
                });
            }
            minutes.extend(column.minutes.into_iter().map(|v| v.unwrap_or(f32::NAN)));
        }
        let mut m = TravelMatrix::new(text.zones, text.sites, text.modes, minutes)?;
        m.set_bases(text.bases);
        m.set_transit(text.transit);
        if let Some((index, reason)) = text.roads.as_ref().and_then(RoadLayer::fault) {
            return Err(MatrixShapeError::RoadLine { index, reason });
        }
        m.set_road_layer(text.roads.map(Arc::new));
        Ok(m)
    }
}

impl<'de> Deserialize<'de> for TravelMatrix {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = MatrixIn::deserialize(deserializer)?;
        TravelMatrix::try_from(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn small() -> TravelMatrix {
        TravelMatrix::new(
            codes(&["Z1", "Z2", "Z3"]),
            codes(&["S1", "S2"]),
            vec![TravelMode::Car],
            vec![1.5, f32::NAN, 3.0, 4.25, 5.0, 0.1],
        )
        .expect("shape")
    }

    /// Every time to a tenth under 100,000 minutes, each `f32` either side of it, and the
    /// values outside that range, written as `serde_json` writes an `Option<f32>`.
    #[test]
    fn a_cell_s_text_is_serde_json_s() {
        let serde = |v: f32| serde_json::to_vec(&(!v.is_nan()).then_some(v)).unwrap();
        let ours = |v: f32| {
            let mut out = Vec::new();
            write_minutes(v, &mut out);
            out
        };
        let mut fast = 0;
        for k in 0..1_000_000u32 {
            let v = k as f32 / 10.0;
            for v in [v, v.next_up(), v.next_down()] {
                assert_eq!(ours(v), serde(v), "{v:?}");
            }
            fast += usize::from(tenths(v) == Some(k));
        }
        assert_eq!(fast, 1_000_000);
        for v in [
            -0.0,
            -1.5,
            1e-7,
            100_000.0,
            123_456.7,
            3.4e38,
            f32::MIN_POSITIVE,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ] {
            assert_eq!(ours(v), serde(v), "{v:?}");
        }
        assert_eq!(ours(0.0), b"0.0");
        assert_eq!(ours(42.0), b"42.0");
        assert_eq!(ours(99_999.9), b"99999.9");
    }

    /// A column written by hand is the pretty printer's text of it, at any depth, with no
    /// zones, and for a code JSON escapes.
    #[test]
    fn a_column_s_text_is_the_pretty_printer_s() {
        let mut m = small();
        m.sites[1] = "S \"2\"\n\u{e9}".to_owned();
        let none = TravelMatrix::new(
            Vec::new(),
            codes(&["S1"]),
            vec![TravelMode::PublicTransport],
            Vec::new(),
        )
        .unwrap();
        for m in [m, none] {
            let columns = m.modes.len() * m.sites.len();
            for depth in [0, 3, 40] {
                let mut ours = Vec::new();
                (0..columns).for_each(|i| m.write_column_text(i, depth + 1, &mut ours));
                let mut pretty = serde_json::to_string_pretty(&Columns(&m)).unwrap();
                let indent = format!("\n{}", "  ".repeat(depth));
                pretty = pretty.replace('\n', &indent);
                let inner = &pretty[1..pretty.len() - 1 - indent.len()];
                assert_eq!(String::from_utf8(ours).unwrap(), inner, "depth {depth}");
            }
        }
    }

    #[test]
    fn text_form_is_readable_and_exact() {
        let m = small();
        let text = serde_json::to_string(&m).expect("json");
        assert_eq!(
            text,
            r#"{"zones":["Z1","Z2","Z3"],"sites":["S1","S2"],"modes":["car"],"times":[{"mode":"car","site":"S1","minutes":[1.5,null,3.0]},{"mode":"car","site":"S2","minutes":[4.25,5.0,0.1]}]}"#
        );
        let back: TravelMatrix = serde_json::from_str(&text).expect("parse");
        assert_eq!(back, m);
        assert_eq!(back.column(0, 1)[2].to_bits(), 0.1f32.to_bits());
    }

    fn basis() -> RoadBasis {
        RoadBasis {
            extract: "england-latest.osm.pbf".into(),
            extract_timestamp: None,
            sha256: "00".repeat(32),
            computed_at: "2026-12-04T23:00:00Z".into(),
            modes: vec![TravelMode::Car],
            settings: crate::model::RoadSettings::default(),
        }
    }

    fn layer() -> Arc<RoadLayer> {
        Arc::new(RoadLayer {
            extract: "england-latest.osm.pbf".into(),
            lines: vec![crate::model::RoadLine {
                class: crate::model::MainRoad::Motorway,
                points: vec![[52_000_000, -2_000_000], [52_500_000, -1_999_999]],
            }],
        })
    }

    /// The road layer goes with the road times' bases: it cannot be set without one, and
    /// leaves when the last goes; it is written, read back and hashed with the matrix.
    #[test]
    fn the_road_layer_lives_and_goes_with_the_road_times_bases() {
        let mut m = small();
        m.set_road_layer(Some(layer()));
        assert!(m.road_layer().is_none());
        m.set_bases(vec![basis()]);
        let before = m.fingerprint();
        m.set_road_layer(Some(layer()));
        assert_eq!(m.road_layer(), Some(layer().as_ref()));
        assert_ne!(m.fingerprint(), before);
        let text = serde_json::to_string(&m).expect("json");
        assert!(
            text.ends_with(r#""roads":{"extract":"england-latest.osm.pbf","lines":[{"class":"motorway","points":[[52000000,-2000000],[52500000,-1999999]]}]}}"#),
            "{text}"
        );
        let back: TravelMatrix = serde_json::from_str(&text).expect("parse");
        assert_eq!(back, m);
        m.set_bases(Vec::new());
        assert!(m.road_layer().is_none());
    }

    #[test]
    fn a_road_with_one_point_or_off_the_earth_is_refused_by_name() {
        let mut m = small();
        m.set_bases(vec![basis()]);
        m.set_road_layer(Some(layer()));
        let text = serde_json::to_string(&m).expect("json");
        let one = text.replace(",[52500000,-1999999]", "");
        let err = serde_json::from_str::<TravelMatrix>(&one).unwrap_err();
        assert!(
            err.to_string()
                .contains("roads.lines[0]: a road needs at least two points"),
            "{err}"
        );
        let off = text.replace("[52500000,", "[92500000,");
        let err = serde_json::from_str::<TravelMatrix>(&off).unwrap_err();
        assert!(
            err.to_string()
                .contains("roads.lines[0]: a point is off the Earth"),
            "{err}"
        );
    }

    #[test]
    fn every_f32_pattern_survives_json() {
        // A spread of bit patterns across the positive range, including subnormals.
        let values: Vec<f32> = (0..20_000u32)
            .map(|i| f32::from_bits(i.wrapping_mul(214_013).wrapping_add(2_531_011) >> 2))
            .filter(|v| v.is_finite())
            .collect();
        let m = TravelMatrix::new(
            codes(&["Z"]),
            (0..values.len()).map(|i| format!("S{i}")).collect(),
            vec![TravelMode::Car],
            values,
        )
        .expect("shape");
        let back: TravelMatrix =
            serde_json::from_str(&serde_json::to_string(&m).expect("json")).expect("parse");
        assert_eq!(back, m);
    }

    #[test]
    fn misordered_or_short_columns_are_refused() {
        let text = serde_json::to_string(&small()).expect("json");
        let swapped = text.replacen(r#""site":"S1""#, r#""site":"S9""#, 1);
        let err = serde_json::from_str::<TravelMatrix>(&swapped)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("times[0] is for Car (off-peak) at S9; expected Car (off-peak) at S1"),
            "{err}"
        );
        let short = text.replacen("[1.5,null,3.0]", "[1.5,null]", 1);
        let err = serde_json::from_str::<TravelMatrix>(&short)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("times[0] has 2 values; expected one per zone (3)"),
            "{err}"
        );
    }

    #[test]
    fn change_counts_cells_by_code() {
        let old = small();
        let mut new = TravelMatrix::new(
            codes(&["Z3", "Z2", "Z1"]),
            codes(&["S1"]),
            vec![TravelMode::Car],
            vec![3.0, 7.0, f32::NAN],
        )
        .expect("shape");
        // Z3/S1 same; Z2/S1 added; Z1/S1 removed; all of S2 (3 values) removed.
        assert_eq!(
            new.change_from(&old),
            MatrixChange {
                added: 1,
                removed: 4,
                altered: 0
            }
        );
        new.column_mut(0, 0)[0] = 3.5;
        assert_eq!(new.change_from(&old).altered, 1);
        assert_eq!(old.change_from(&old).total(), 0);
    }
}
