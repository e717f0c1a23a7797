//! Equality impact: results split by Index of Multiple Deprivation quintile.

/// Number of IMD quintiles.
pub const QUINTILES: usize = 5;

/// The IMD quintile of a decile: (decile + 1) / 2, so deciles 1-2 are quintile 1, the most
/// deprived fifth of areas. None outside deciles 1-10.
pub fn quintile(decile: u8) -> Option<u8> {
    (1..=10).contains(&decile).then(|| decile.div_ceil(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deciles_pair_into_quintiles() {
        let got: Vec<Option<u8>> = (0..=11).map(quintile).collect();
        let want = [
            None,
            Some(1),
            Some(1),
            Some(2),
            Some(2),
            Some(3),
            Some(3),
            Some(4),
            Some(4),
            Some(5),
            Some(5),
            None,
        ];
        assert_eq!(got, want);
    }
}
