//! A dense map's zones on a grid (see [`super::zones_layer`]): each cell takes the band drawn
//! last among its zones. The cells' colours go in as one small indexed PNG, a pixel a cell,
//! scaled up unsmoothed (the PDF writer marks embedded images not to be interpolated), so a
//! national map's tens of thousands of squares are one image to typeset and compress instead of
//! 20,000 strokes; the outline of the most deprived cells stays vector, as on a sparse map.

use std::fmt::Write as _;

use base64::Engine as _;

use super::{BANDS, MAP, Placed, band_colour, rank};
use crate::charts::ChartError;

/// The cells from row `r0`, column `c0`, row by row: each one's palette entry (0 for no zone,
/// `1 + b` for band `b`) and whether a most deprived zone lies in it.
struct Cells {
    r0: i64,
    c0: i64,
    width: i64,
    height: i64,
    entry: Vec<u8>,
    deprived: Vec<bool>,
}

impl Cells {
    /// Each zone's cell of `side` pixels takes the band drawn last among its zones.
    fn of(zones: impl Iterator<Item = Placed>, side: i64) -> Option<Cells> {
        let cell_of = |v: f64| (v / side as f64).floor() as i64;
        let placed: Vec<((i64, i64), usize, bool)> = zones
            .map(|((x, y), band, most_deprived)| ((cell_of(y), cell_of(x)), band, most_deprived))
            .collect();
        let rows = || placed.iter().map(|p| p.0.0);
        let cols = || placed.iter().map(|p| p.0.1);
        let (r0, c0) = (rows().min()?, cols().min()?);
        let (width, height) = (cols().max()? - c0 + 1, rows().max()? - r0 + 1);
        let mut cells = Cells {
            r0,
            c0,
            width,
            height,
            entry: vec![0; (width * height) as usize],
            deprived: vec![false; (width * height) as usize],
        };
        for ((row, col), band, most_deprived) in placed {
            let i = ((row - r0) * width + col - c0) as usize;
            let entry = &mut cells.entry[i];
            if *entry == 0 || rank(band) > rank(usize::from(*entry - 1)) {
                *entry = 1 + band as u8;
            }
            cells.deprived[i] |= most_deprived;
        }
        Some(cells)
    }

    fn deprived(&self, (row, col): (i64, i64)) -> bool {
        let (r, c) = (row - self.r0, col - self.c0);
        (0..self.height).contains(&r)
            && (0..self.width).contains(&c)
            && self.deprived[(r * self.width + c) as usize]
    }
}

/// The zones on a grid of `side`-pixel cells: the `<image>` of the cells' bands, and the path
/// data of the most deprived cells' outline (the edges between a most deprived cell and one
/// that is not, joined where they run on).
pub(super) fn layer(
    zones: impl Iterator<Item = Placed>,
    side: i64,
) -> Result<(String, String), ChartError> {
    let Some(cells) = Cells::of(zones, side) else {
        return Ok((String::new(), String::new()));
    };
    Ok((image(&cells, side)?, outline(&cells, side)))
}

/// The cells as an `<image>` over the cells it covers, on the bands' palette.
fn image(cells: &Cells, side: i64) -> Result<String, ChartError> {
    let png = png_of(&cells.entry, cells.width as u32, cells.height as u32).map_err(|e| {
        ChartError::Draw {
            chart: MAP,
            message: format!("the zones' image could not be written: {e}"),
        }
    })?;
    Ok(format!(
        r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" image-rendering="optimizeSpeed" style="image-rendering:pixelated" href="data:image/png;base64,{}"/>"#,
        cells.c0 * side,
        cells.r0 * side,
        cells.width * side,
        cells.height * side,
        base64::engine::general_purpose::STANDARD.encode(png)
    ))
}

/// An 8-bit indexed PNG of `pixels` (row by row) on the bands' palette.
fn png_of(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut palette = vec![0u8; 3];
    let mut alpha = vec![0u8];
    for band in 0..=BANDS.len() {
        let colour = band_colour(band);
        palette.extend([colour.0, colour.1, colour.2]);
        alpha.push(255);
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(palette);
    encoder.set_trns(alpha);
    // Fast deflate: the pack's PDF writer decodes the image and compresses it again anyway.
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(out)
}

/// The most deprived cells' outline: a cell alone is one closed square; the others' edges are
/// (line, start cell), rows' top edges on line `row`, columns' left on `col`, joined in runs.
fn outline(cells: &Cells, side: i64) -> String {
    let deprived = |cell: (i64, i64)| cells.deprived(cell);
    let (mut alone, mut across, mut down) = (Vec::new(), Vec::new(), Vec::new());
    let all = (0..cells.height).flat_map(|r| (0..cells.width).map(move |c| (r, c)));
    for (row, col) in all.map(|(r, c)| (cells.r0 + r, cells.c0 + c)) {
        if !deprived((row, col)) {
            continue;
        }
        let around = [
            (row - 1, col),
            (row + 1, col),
            (row, col - 1),
            (row, col + 1),
        ];
        if !around.into_iter().any(deprived) {
            alone.push((row, col));
            continue;
        }
        for (line, other) in [(row, (row - 1, col)), (row + 1, (row + 1, col))] {
            if !deprived(other) {
                across.push((line, col));
            }
        }
        for (line, other) in [(col, (row, col - 1)), (col + 1, (row, col + 1))] {
            if !deprived(other) {
                down.push((line, row));
            }
        }
    }
    let mut outline = String::new();
    for (row, col) in alone {
        let _ = write!(
            outline,
            "M{} {}h{side}v{side}h-{side}z",
            col * side,
            row * side
        );
    }
    for (edges, direction) in [(&mut across, 'h'), (&mut down, 'v')] {
        edges.sort_unstable();
        for run in edges.chunk_by(|a, b| (a.0, a.1 + 1) == (b.0, b.1)) {
            let (line, start) = run[0];
            let (x, y) = if direction == 'h' {
                (start * side, line * side)
            } else {
                (line * side, start * side)
            };
            let _ = write!(outline, "M{x} {y}{direction}{}", run.len() as i64 * side);
        }
    }
    outline
}
