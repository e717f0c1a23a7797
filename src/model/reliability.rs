//! Which departure minutes of the window have a public transport journey within a threshold,
//! zone by zone and site by site: one bit per departure minute.
//!
//! Stored per site rather than as each option's figure so it composes over an option's sites
//! exactly: a zone has a journey within the threshold at a departure minute under an option
//! when it has one to at least one site offering the service, which is the OR of those sites'
//! bits; the share of minutes with none is then 1 - popcount / minutes. A median per site
//! could not be combined that way.

use serde::{Deserialize, Serialize};

/// Bits of one threshold: `[site][zone][word]`, `words` u64 per zone, bit `i % 64` of word
/// `i / 64` for the window's `i`-th departure minute. Bits past the last minute are 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reliability {
    minutes: u32,
    /// The zones and sites the bits cover, in order: those with a position when the times were
    /// computed. A zone or site missing here has no computed journeys (not "no journey").
    zones: Vec<String>,
    sites: Vec<String>,
    /// One per stored threshold, in the basis's order.
    bits: Vec<Vec<u64>>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReliabilityShapeError {
    #[error(
        "threshold {threshold}'s bits are {found} words; {sites} sites x {zones} zones x {words} words per zone need {expected}"
    )]
    Size {
        threshold: usize,
        found: usize,
        expected: usize,
        sites: usize,
        zones: usize,
        words: usize,
    },
    #[error("a window of {0} departure minutes: expected 1 to 2880")]
    Minutes(u32),
}

/// Most departure minutes a window can have: 00:00 to 47:59.
const MAX_MINUTES: u32 = 48 * 60;

impl Reliability {
    /// u64 words holding one zone's bits over `minutes` departure minutes.
    pub fn words_for(minutes: u32) -> usize {
        (minutes as usize).div_ceil(64)
    }

    /// Bits over `zones` x `sites`, one list per threshold laid out `[site][zone][word]`.
    pub fn new(
        minutes: u32,
        zones: Vec<String>,
        sites: Vec<String>,
        bits: Vec<Vec<u64>>,
    ) -> Result<Self, ReliabilityShapeError> {
        if minutes == 0 || minutes > MAX_MINUTES {
            return Err(ReliabilityShapeError::Minutes(minutes));
        }
        let words = Self::words_for(minutes);
        let expected = sites.len() * zones.len() * words;
        if let Some((threshold, b)) = bits.iter().enumerate().find(|(_, b)| b.len() != expected) {
            return Err(ReliabilityShapeError::Size {
                threshold,
                found: b.len(),
                expected,
                sites: sites.len(),
                zones: zones.len(),
                words,
            });
        }
        let mut r = Reliability {
            minutes,
            zones,
            sites,
            bits,
        };
        r.clear_spare_bits();
        Ok(r)
    }

    /// Bits past the last departure minute are 0, so a popcount counts minutes only.
    fn clear_spare_bits(&mut self) {
        let words = self.words();
        let used = self.minutes as usize - (words - 1) * 64;
        let mask = if used == 64 {
            u64::MAX
        } else {
            (1u64 << used) - 1
        };
        for b in &mut self.bits {
            for last in b.iter_mut().skip(words - 1).step_by(words) {
                *last &= mask;
            }
        }
    }

    /// Departure minutes in the window.
    pub fn minutes(&self) -> u32 {
        self.minutes
    }
    pub fn words(&self) -> usize {
        Self::words_for(self.minutes)
    }
    pub fn zones(&self) -> &[String] {
        &self.zones
    }
    pub fn sites(&self) -> &[String] {
        &self.sites
    }
    /// How many thresholds have bits.
    pub fn thresholds(&self) -> usize {
        self.bits.len()
    }

    /// One site's bits for every zone under threshold `t`: `zones x words` words.
    pub fn site(&self, t: usize, site: usize) -> &[u64] {
        let n = self.zones.len() * self.words();
        &self.bits[t][site * n..(site + 1) * n]
    }

    /// One zone's bits to one site under threshold `t`.
    pub fn cell(&self, t: usize, site: usize, zone: usize) -> &[u64] {
        let w = self.words();
        &self.site(t, site)[zone * w..(zone + 1) * w]
    }

    /// Bytes the bits take in memory (and in the file).
    pub fn bytes(&self) -> usize {
        self.bits.iter().map(|b| b.len() * 8).sum()
    }

    /// Every threshold's bits, `[site][zone][word]`.
    pub fn all_bits(&self) -> &[Vec<u64>] {
        &self.bits
    }
}

/// Little-endian bytes of `words`, as the file and the text form hold them.
pub fn bits_to_bytes(words: &[u64]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// The words of little-endian `bytes`; None when the length is not a whole number of words.
pub fn bits_from_bytes(bytes: &[u8]) -> Option<Vec<u64>> {
    bytes.len().is_multiple_of(8).then(|| {
        bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect()
    })
}

/// Text form: `{"zones": [...], "sites": [...], "bits": [[one base64 string per site] per
/// threshold]}`, each string the site's little-endian words for every zone. The minutes come
/// from the basis beside it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReliabilityText {
    pub zones: Vec<String>,
    pub sites: Vec<String>,
    pub bits: Vec<Vec<String>>,
}

impl Reliability {
    pub(crate) fn to_text(&self) -> ReliabilityText {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        ReliabilityText {
            zones: self.zones.clone(),
            sites: self.sites.clone(),
            bits: (0..self.thresholds())
                .map(|t| {
                    (0..self.sites.len())
                        .map(|s| b64.encode(bits_to_bytes(self.site(t, s))))
                        .collect()
                })
                .collect(),
        }
    }

    pub(crate) fn from_text(minutes: u32, text: ReliabilityText) -> Result<Self, String> {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut bits = Vec::with_capacity(text.bits.len());
        for (t, sites) in text.bits.iter().enumerate() {
            if sites.len() != text.sites.len() {
                return Err(format!(
                    "reliability bits[{t}] has {} sites; expected {}",
                    sites.len(),
                    text.sites.len()
                ));
            }
            let mut words = Vec::new();
            for (s, encoded) in sites.iter().enumerate() {
                let bytes = b64
                    .decode(encoded)
                    .map_err(|e| format!("reliability bits[{t}][{s}]: {e}"))?;
                words.extend(bits_from_bytes(&bytes).ok_or_else(|| {
                    format!(
                        "reliability bits[{t}][{s}]: {} bytes is not whole words",
                        bytes.len()
                    )
                })?);
            }
            bits.push(words);
        }
        Reliability::new(minutes, text.zones, text.sites, bits).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_past_the_window_are_cleared_and_cells_are_found() {
        // 70 minutes: two words per zone, the second using 6 bits.
        let zones = vec!["Z1".to_owned(), "Z2".to_owned()];
        let sites = vec!["S1".to_owned()];
        let r = Reliability::new(70, zones, sites, vec![vec![u64::MAX, u64::MAX, 1, 0]])
            .expect("shape");
        assert_eq!(r.words(), 2);
        assert_eq!(r.cell(0, 0, 0), [u64::MAX, 0b11_1111]);
        assert_eq!(r.cell(0, 0, 1), [1, 0]);
        assert_eq!(r.bytes(), 32);
        let text = r.to_text();
        assert_eq!(Reliability::from_text(70, text).expect("back"), r);
        let wrong = Reliability::new(70, vec!["Z".into()], vec![], vec![vec![1]]);
        assert!(matches!(
            wrong,
            Err(ReliabilityShapeError::Size { expected: 0, .. })
        ));
    }
}
