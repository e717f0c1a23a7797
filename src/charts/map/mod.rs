//! Maps: one option's change in journey time to a service, zone by zone, against do minimum,
//! with the sites that gain or lose services and the most deprived zones marked. Drawn from
//! the appraisal's own coordinates ([`projection`]) with no map tiles, so the pack is the same
//! offline as on.
//!
//! Where the road times came from an OpenStreetMap extract, its main roads are drawn faintly
//! over the zones ([`roads`]), credited as the licence asks.
//!
//! A map of every zone in England is tens of thousands of markers: a sparse map's zones are
//! written as one SVG path per colour band rather than an element per zone, each square a
//! stroke as wide as it is long on whole pixels (one segment for the pack's typesetter to draw,
//! not four); a dense map's are cells of a grid drawn as one image ([`grid`]), under the
//! sites and labels plotters draws.

mod data;
mod grid;
pub mod projection;
pub mod roads;

use std::fmt::Write as _;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rustc_hash::FxHashMap;

pub use data::{MapData, MapSite, MapZone, Mark};
use projection::Projection;

use super::frame::{self, DrawResult, Key, TICK_SIZE, text_style};
use super::{ChartError, Svg, palette, travel::by_mode};

/// The chart's name in errors.
pub const MAP: &str = "map";
/// The credit the OpenStreetMap licence (ODbL) asks of a map drawn from its data.
pub const OSM_CREDIT: &str = "Roads \u{a9} OpenStreetMap contributors";

/// Bands of the change in journey time (minutes): a diverging scale from ColorBrewer's PuOr,
/// which stays distinct under the common colour-vision deficiencies, with grey for "about the
/// same" so the eye goes to what changes.
pub const BANDS: [(&str, RGBColor); 5] = [
    ("Quicker by over 5 min", RGBColor(94, 60, 153)),
    ("Within 5 min either way", RGBColor(204, 204, 204)),
    ("5 to 15 min longer", RGBColor(253, 184, 99)),
    ("15 to 30 min longer", RGBColor(230, 97, 1)),
    ("Over 30 min longer", RGBColor(127, 59, 8)),
];
/// Zones with no journey under the option or do minimum.
pub const NO_JOURNEY: (&str, RGBColor) = ("No journey under one of the two", RGBColor(0, 0, 0));
/// The band limits, minutes: quicker below -5 (within 5 min from -5 to 5 inclusive), longer
/// above 5, 15 and 30.
const LIMITS: [f64; 4] = [-5.0, 5.0, 15.0, 30.0];

/// The index into [`BANDS`] of a change in minutes; [`BANDS`]`.len()` for no journey.
pub fn band(change: Option<f64>) -> usize {
    match change {
        Some(c) if c.is_finite() && c < LIMITS[0] => 0,
        Some(c) if c.is_finite() => LIMITS.iter().take_while(|l| c > **l).count().max(1),
        _ => BANDS.len(),
    }
}

/// The colour of a band index from [`band`].
pub fn band_colour(band: usize) -> RGBColor {
    BANDS.get(band).map_or(NO_JOURNEY.1, |b| b.1)
}

/// Site markers: a cross on a white disc where the site loses the service, a green triangle
/// where it gains it, a black dot where it keeps it, a small grey dot where it has none.
const LOSES_CLASS: &str = "site-loses";
const GAINS: RGBColor = RGBColor(0, 158, 115);
/// Pixels kept clear round the places, and below them for the scale bar.
const MARGIN: f64 = 28.0;
const SCALE_ROOM: f64 = 34.0;
/// Labels every site when there are no more than this many; beyond, only the changed ones.
const LABEL_ALL: usize = 30;
/// Labels keep off the zones of a map with no more zones than this (on a denser map the zones
/// cover it).
const AVOID_ZONES: usize = 2000;

/// The map of `m`, `width` wide.
pub fn option_map(m: &MapData, width: u32) -> Result<Svg, ChartError> {
    if m.zones.is_empty() && m.sites.is_empty() {
        return Err(ChartError::NoData {
            chart: MAP,
            reason: "no zone or site has a latitude and longitude".to_owned(),
        });
    }
    let width = frame::clamp_width(width);
    let places: Vec<(f64, f64)> = m
        .zones
        .iter()
        .map(|z| (z.latitude, z.longitude))
        .chain(m.sites.iter().map(|s| (s.latitude, s.longitude)))
        .collect();
    let w = f64::from(width);
    let plot_height = ((w - 2.0 * MARGIN) * Projection::aspect(&places) + 2.0 * MARGIN + SCALE_ROOM)
        .clamp(0.55 * w, 1.1 * w)
        .round() as u32;
    let title = format!(
        "{}: change in journey time to {} {}, against do minimum",
        m.option,
        m.service,
        by_mode(m.mode)
    );
    let legend = legend(m);
    let mut layer = String::new();
    let svg = frame::draw(MAP, width, plot_height, &title, &legend, |area| {
        let (x0, y0) = area.get_base_pixel();
        let (pw, ph) = area.dim_in_pixel();
        let size = (f64::from(pw), f64::from(ph) - SCALE_ROOM);
        let Some(p) = Projection::fit(&places, (f64::from(x0), f64::from(y0)), size, MARGIN) else {
            return Ok(());
        };
        layer = zones_layer(m, &p, size)?;
        let road_lines = m.roads.as_deref().map_or_else(String::new, |r| {
            roads::layer(r, &p, [f64::from(x0), f64::from(y0), size.0, size.1])
        });
        layer.push_str(&road_lines);
        sites_layer(m, &p, &mut layer);
        let bar = scale_bar(&p, size.0);
        let (bx, by) = (x0 + MARGIN as i32, y0 + ph as i32 - 12);
        let _ = write!(
            layer,
            r##"<path d="M{bx} {} v6 h{bar_px} v-6" fill="none" stroke="#000" stroke-width="2"/>"##,
            by - 6,
            bar_px = bar.1
        );
        let (ox, oy) = (x0, y0);
        let local = |x: i32, y: i32| (x - ox, y - oy);
        area.draw(&Text::new(
            format!("{} km", super::number(bar.0)),
            local(bx + bar.1 + 8, by - 3),
            text_style(TICK_SIZE).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        let mut notes = Vec::new();
        if m.unplaced_zones + m.unplaced_sites > 0 {
            notes.push(format!(
                "Not shown, without coordinates: {} zones, {} sites",
                m.unplaced_zones, m.unplaced_sites
            ));
        }
        if !road_lines.is_empty() {
            notes.push(OSM_CREDIT.to_owned());
        }
        if !notes.is_empty() {
            area.draw(&Text::new(
                notes.join("; "),
                local(x0 + pw as i32 - 8, by - 3),
                text_style(TICK_SIZE).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        labels(area, m, &p, (x0, y0), size)
    })?;
    Ok(with_layer(svg, &layer))
}

/// `svg` with `layer` drawn first, just above its white background.
fn with_layer(mut svg: String, layer: &str) -> String {
    let at = svg
        .find("<rect")
        .and_then(|r| svg[r..].find("/>").map(|e| r + e + 2));
    match at {
        Some(at) => svg.insert_str(at, layer),
        None => svg.push_str(layer),
    }
    svg
}

fn legend(m: &MapData) -> Vec<Key> {
    let mut keys: Vec<Key> = BANDS
        .iter()
        .map(|(label, colour)| Key {
            label: (*label).to_owned(),
            colour: *colour,
            marker: None,
        })
        .collect();
    if m.zones.iter().any(|z| z.change.is_none()) {
        keys.push(Key {
            label: NO_JOURNEY.0.to_owned(),
            colour: NO_JOURNEY.1,
            marker: None,
        });
    }
    if m.zones.iter().any(|z| z.most_deprived) {
        keys.push(Key {
            label: "Outlined: most deprived fifth of zones (IMD quintile 1)".to_owned(),
            colour: palette::INK,
            marker: Some(2),
        });
    }
    let present = |mark: Mark| m.sites.iter().any(|s| s.mark == mark);
    let sites = [
        (Mark::Loses, 3, palette::INK, "stops offering"),
        (Mark::Gains, 1, GAINS, "starts offering"),
        (Mark::Keeps, 0, palette::INK, "offers"),
        (Mark::Without, 0, palette::MUTED, "does not offer"),
    ];
    for (mark, marker, colour, verb) in sites {
        if present(mark) {
            keys.push(Key {
                label: format!("Site that {verb} {}", m.service),
                colour,
                marker: Some(marker),
            });
        }
    }
    keys
}

/// Bands in the order they are drawn: within 5 minutes first, then quicker, then longer and
/// longer, so what changes most is on top.
const DRAW_ORDER: [usize; BANDS.len() + 1] = [1, 0, 2, 3, 4, BANDS.len()];

/// The zones (worse drawn over better), and one outline path for the most deprived; a zone's
/// square is sized so the zones of a dense map just about touch.
///
/// A sparse map draws each zone's square where the zone is, one path per band; zones that fall
/// on the same pixel are one square, of the band drawn last there (the others would be wholly
/// covered by it). A dense map (over [`AVOID_ZONES`] zones, where the squares cover the map) is
/// a grid of squares instead ([`grid`]): each cell takes the band drawn last among its zones,
/// the cells are one image, and the most deprived cells are outlined together. The squares move
/// by under half a square (under half a millimetre in the pack).
fn zones_layer(m: &MapData, p: &Projection, size: (f64, f64)) -> Result<String, ChartError> {
    let side = zone_side(m, size);
    let zones = m.zones.iter().map(|z| {
        let (x, y) = p.pixel(z.latitude, z.longitude);
        ((x, y), band(z.change), z.most_deprived)
    });
    let mut out = String::from(r#"<g class="zones">"#);
    let outline = if m.zones.len() > AVOID_ZONES {
        let (image, outline) = grid::layer(zones, side)?;
        out.push_str(&image);
        outline
    } else {
        let (paths, outline) = placed_squares(zones, side);
        for b in DRAW_ORDER {
            if !paths[b].is_empty() {
                let _ = write!(
                    out,
                    r#"<path fill="none" stroke="{}" stroke-width="{side}" d="{}"/>"#,
                    palette::hex(band_colour(b)),
                    paths[b]
                );
            }
        }
        outline
    };
    if !outline.is_empty() {
        let _ = write!(
            out,
            r##"<path class="most-deprived" fill="none" stroke="#000" stroke-width="1.2" d="{outline}"/>"##
        );
    }
    out.push_str("</g>");
    Ok(out)
}

/// A zone as the map places it: its pixel, its band and whether it is among the most deprived.
type Placed = ((f64, f64), usize, bool);

/// Where `band` is drawn: later bands over earlier.
fn rank(band: usize) -> usize {
    DRAW_ORDER.iter().position(|b| *b == band).unwrap_or(0)
}

/// Each zone's square where it is (a stroke as wide as it is long: one segment to draw, not
/// four), one per pixel, and a square outline round each most deprived one: each band's path
/// data, and the outline's.
fn placed_squares(zones: impl Iterator<Item = Placed>, side: i64) -> (Vec<String>, String) {
    let half = side / 2;
    // Each pixel's band drawn on top and whether a most deprived zone lies there, in the
    // order the pixels are first met, so the same map always writes the same SVG.
    let mut at: FxHashMap<(i64, i64), usize> = FxHashMap::default();
    let mut squares: Vec<((i64, i64), usize, bool)> = Vec::new();
    for ((x, y), band, most_deprived) in zones {
        let corner = (x.round() as i64 - half, y.round() as i64 - half);
        match at.get(&corner) {
            Some(&i) => {
                let square = &mut squares[i];
                if rank(band) > rank(square.1) {
                    square.1 = band;
                }
                square.2 |= most_deprived;
            }
            None => {
                at.insert(corner, squares.len());
                squares.push((corner, band, most_deprived));
            }
        }
    }
    let mut paths = vec![String::new(); BANDS.len() + 1];
    let mut outline = String::new();
    for ((x, y), band, most_deprived) in squares {
        let _ = write!(paths[band], "M{x} {}h{side}", y as f64 + side as f64 / 2.0);
        if most_deprived {
            let s = side + 2;
            let _ = write!(outline, "M{} {}h{s}v{s}h-{s}z", x - 1, y - 1);
        }
    }
    (paths, outline)
}

/// A zone's square, in whole pixels: sized so the zones of a dense map just about touch.
fn zone_side(m: &MapData, size: (f64, f64)) -> i64 {
    let n = m.zones.len().max(1) as f64;
    (0.8 * (size.0 * size.1 / n).sqrt())
        .clamp(3.0, 22.0)
        .round() as i64
}

/// The sites' markers, those without the service first and those that lose it last.
fn sites_layer(m: &MapData, p: &Projection, out: &mut String) {
    for mark in [Mark::Without, Mark::Keeps, Mark::Gains, Mark::Loses] {
        for s in m.sites.iter().filter(|s| s.mark == mark) {
            let (x, y) = p.pixel(s.latitude, s.longitude);
            let (x, y) = (x.round() as i64, y.round() as i64);
            let _ = match mark {
                Mark::Without => write!(
                    out,
                    r##"<circle class="site" cx="{x}" cy="{y}" r="4" fill="{}" stroke="#fff"/>"##,
                    palette::hex(palette::MUTED)
                ),
                Mark::Keeps => write!(
                    out,
                    r##"<circle class="site-keeps" cx="{x}" cy="{y}" r="6" fill="#000" stroke="#fff" stroke-width="1.5"/>"##
                ),
                Mark::Gains => write!(
                    out,
                    r##"<path class="site-gains" d="M{x} {}l8 13h-16z" fill="{}" stroke="#000" stroke-width="1.5"/>"##,
                    y - 8,
                    palette::hex(GAINS)
                ),
                Mark::Loses => write!(
                    out,
                    r##"<g class="{LOSES_CLASS}"><circle cx="{x}" cy="{y}" r="10" fill="#fff" stroke="#000"/><path d="M{} {}l12 12m0 -12l-12 12" stroke="#000" stroke-width="3"/></g>"##,
                    x - 6,
                    y - 6
                ),
            };
        }
    }
}

/// A scale bar about a fifth of the map's width: its length in km (1, 2 or 5 times a power of
/// ten) and in whole pixels.
fn scale_bar(p: &Projection, width: f64) -> (f64, i32) {
    let target = (0.2 * width / p.scale).max(1e-3);
    let power = 10f64.powf(target.log10().floor());
    let km = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|k| k * power)
        .find(|k| *k <= target)
        .unwrap_or(power);
    (km, (km * p.scale).round() as i32)
}

/// A site's label: its name and the services it gains and loses under the option.
fn label(s: &MapSite) -> String {
    let mut changes = Vec::new();
    if !s.loses.is_empty() {
        changes.push(format!("loses {}", s.loses.join(", ")));
    }
    if !s.gains.is_empty() {
        changes.push(format!("gains {}", s.gains.join(", ")));
    }
    if changes.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, changes.join("; "))
    }
}

/// Labels the sites beside their markers on a white ground, the changed ones first: right of
/// the marker, else left, above, below or at a corner, wherever the label covers no other label (nor, on a
/// map of few zones, a zone); a label with no free place is left off (the pack's tables name
/// every site).
fn labels(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    m: &MapData,
    p: &Projection,
    base: (i32, i32),
    size: (f64, f64),
) -> DrawResult {
    let changed = |s: &MapSite| !s.gains.is_empty() || !s.loses.is_empty();
    let mut order: Vec<&MapSite> = m.sites.iter().filter(|s| changed(s)).collect();
    if m.sites.len() <= LABEL_ALL {
        order.extend(
            m.sites
                .iter()
                .filter(|s| !changed(s) && s.mark != Mark::Without),
        );
    }
    let style = text_style(TICK_SIZE);
    let step = frame::line_height(TICK_SIZE);
    let max = (size.0 / 2.6).max(140.0);
    let local = |lat: f64, lon: f64| {
        let (x, y) = p.pixel(lat, lon);
        (x - f64::from(base.0), y - f64::from(base.1))
    };
    // Zones and markers a label should not cover: every zone's square on a sparse map.
    let side = zone_side(m, size) as f64;
    let mut taken: Vec<[f64; 4]> = Vec::new();
    if m.zones.len() <= AVOID_ZONES {
        for z in &m.zones {
            let (x, y) = local(z.latitude, z.longitude);
            taken.push([
                x - side / 2.0 - 1.0,
                y - side / 2.0 - 1.0,
                x + side / 2.0 + 1.0,
                y + side / 2.0 + 1.0,
            ]);
        }
    }
    for s in &m.sites {
        let (x, y) = local(s.latitude, s.longitude);
        taken.push([x - 8.0, y - 8.0, x + 8.0, y + 8.0]);
    }
    let overlaps =
        |a: &[f64; 4], b: &[f64; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    let mut placed: Vec<[f64; 4]> = Vec::new();
    for s in order {
        let lines = frame::wrap(&super::plain(&label(s)), max, &style);
        let text_w = lines
            .iter()
            .map(|l| frame::measure(l, &style))
            .fold(0.0, f64::max);
        let text_h = step * lines.len() as f64;
        let (x, y) = local(s.latitude, s.longitude);
        let candidates = [
            (x + 14.0, y - text_h / 2.0),
            (x - 14.0 - text_w, y - text_h / 2.0),
            (x - text_w / 2.0, y - 14.0 - text_h),
            (x - text_w / 2.0, y + 14.0),
            (x + 10.0, y - 10.0 - text_h),
            (x - 10.0 - text_w, y - 10.0 - text_h),
            (x + 10.0, y + 10.0),
            (x - 10.0 - text_w, y + 10.0),
        ];
        let boxes: Vec<[f64; 4]> = candidates
            .iter()
            .map(|&(left, top)| {
                let left = left.clamp(4.0, (size.0 - text_w - 4.0).max(4.0));
                let top = top.clamp(2.0, (size.1 + SCALE_ROOM - text_h - 2.0).max(2.0));
                [
                    left - 3.0,
                    top - 1.0,
                    left + text_w + 3.0,
                    top + text_h + 1.0,
                ]
            })
            .collect();
        let free_of_labels = |r: &&[f64; 4]| !placed.iter().any(|q| overlaps(r, q));
        let clear = boxes
            .iter()
            .filter(free_of_labels)
            .find(|r| !taken.iter().any(|q| overlaps(r, q)))
            .or_else(|| boxes.iter().find(free_of_labels));
        let Some(&rect) = clear else { continue };
        placed.push(rect);
        area.draw(&Rectangle::new(
            [
                (rect[0].round() as i32, rect[1].round() as i32),
                (rect[2].round() as i32, rect[3].round() as i32),
            ],
            WHITE.mix(0.8).filled(),
        ))?;
        let first = (
            (rect[0] + 3.0).round() as i32,
            (rect[1] + 1.0 + step / 2.0).round() as i32,
        );
        let style = style.pos(Pos::new(HPos::Left, VPos::Center));
        frame::draw_lines(area, &lines, first, &style, false)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
