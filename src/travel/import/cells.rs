//! The cells an import fills, one zone x site block per mode, each block made only when the
//! file first gives its mode: a national car and public transport matrix then holds two blocks
//! (84 MB), not one for every mode there is.

use crate::model::TravelMode;

/// Cells laid out `[block][site][zone]`, blocks in the order their modes first appeared; NaN =
/// no value yet.
pub(super) struct ModeCells {
    block: usize,
    cells: Vec<f32>,
    /// The block of each mode, by its place in [`TravelMode::ALL`].
    slot: [Option<usize>; TravelMode::ALL.len()],
    filled: usize,
}

impl ModeCells {
    pub(super) fn new(zones: usize, sites: usize) -> Self {
        let block = zones * sites;
        ModeCells {
            block,
            // Address space for every mode; only the blocks filled below become resident.
            cells: Vec::with_capacity(block * TravelMode::ALL.len()),
            slot: [None; TravelMode::ALL.len()],
            filled: 0,
        }
    }

    /// The cell at `at` (`site * zones + zone`) of the mode at `mode` in [`TravelMode::ALL`].
    #[inline]
    pub(super) fn cell(&mut self, mode: usize, at: usize) -> &mut f32 {
        let slot = match self.slot[mode] {
            Some(s) => s,
            None => {
                let s = self.filled;
                self.cells.resize(self.cells.len() + self.block, f32::NAN);
                self.slot[mode] = Some(s);
                self.filled += 1;
                s
            }
        };
        &mut self.cells[slot * self.block + at]
    }

    /// The modes given, in [`TravelMode::ALL`] order, and their cells `[mode][site][zone]` in
    /// that order: the blocks are swapped into place, never copied whole.
    pub(super) fn into_modes_and_cells(mut self) -> (Vec<TravelMode>, Vec<f32>) {
        let block = self.block;
        let mut modes = Vec::new();
        for (m, mode) in TravelMode::ALL.into_iter().enumerate() {
            let Some(from) = self.slot[m] else { continue };
            let to = modes.len();
            modes.push(mode);
            if from != to {
                // `to` < `from`: the blocks before `to` are already in place.
                let (head, tail) = self.cells.split_at_mut(from * block);
                head[to * block..(to + 1) * block].swap_with_slice(&mut tail[..block]);
                if let Some(moved) = self.slot.iter_mut().find(|s| **s == Some(to)) {
                    *moved = Some(from);
                }
                self.slot[m] = Some(to);
            }
        }
        self.cells.shrink_to_fit();
        (modes, self.cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blue light first, then car, then public transport: the blocks come out in
    /// `TravelMode::ALL` order (car, blue light, public transport), each with its own cells.
    #[test]
    fn blocks_made_in_the_order_seen_come_out_in_mode_order() {
        let mut c = ModeCells::new(2, 1);
        *c.cell(2, 1) = 7.5; // blue light
        *c.cell(0, 0) = 10.0; // car
        *c.cell(3, 1) = 40.0; // public transport
        *c.cell(2, 0) = 6.0;
        let (modes, cells) = c.into_modes_and_cells();
        assert_eq!(
            modes,
            [
                TravelMode::Car,
                TravelMode::BlueLight,
                TravelMode::PublicTransport
            ]
        );
        let bits: Vec<u32> = cells.iter().map(|v| v.to_bits()).collect();
        let want: Vec<u32> = [10.0, f32::NAN, 6.0, 7.5, f32::NAN, 40.0]
            .iter()
            .map(|v: &f32| v.to_bits())
            .collect();
        assert_eq!(bits, want);
    }
}
