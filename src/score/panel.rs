//! Panel aggregation: one figure per option and criterion from several scorers' scores, with
//! the spread that shows where the panel disagreed and should discuss before the results stand.

use serde::Serialize;

use crate::model::Aggregation;

/// Spread of the scores in one option x criterion cell, on the panel scale.
///
/// `sd` is the sample standard deviation (divisor n - 1) when n > 1, because the panel is a
/// sample of the judgements that could have been made; it is 0 for a single score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Dispersion {
    pub n: usize,
    pub min: f64,
    pub max: f64,
    pub range: f64,
    pub mean: f64,
    pub median: f64,
    pub sd: f64,
}

/// Mean of the scores, or none when there are none.
pub fn mean(scores: &[f64]) -> Option<f64> {
    if scores.is_empty() {
        None
    } else {
        Some(scores.iter().sum::<f64>() / scores.len() as f64)
    }
}

/// Median of the scores (the mean of the middle two for an even count), or none.
pub fn median(scores: &[f64]) -> Option<f64> {
    if scores.is_empty() {
        return None;
    }
    let mut copy = Vec::new();
    let s = if scores.is_sorted() {
        scores
    } else {
        copy.extend_from_slice(scores);
        copy.sort_by(f64::total_cmp);
        &copy
    };
    let m = s.len() / 2;
    Some(if s.len() % 2 == 0 {
        (s[m - 1] + s[m]) / 2.0
    } else {
        s[m]
    })
}

/// The panel's figure for a cell by the appraisal's aggregation rule; missing scores are
/// simply absent from `scores` (never counted as zero).
pub fn aggregate(scores: &[f64], how: Aggregation) -> Option<f64> {
    match how {
        Aggregation::Mean => mean(scores),
        Aggregation::Median => median(scores),
    }
}

/// Whether a cell's scores spread more than the panel's disagreement range: the rule the
/// results, the pack and the workshop view all flag a disagreement by.
pub fn disagrees(d: &Dispersion, disagreement_range: f64) -> bool {
    d.range > disagreement_range
}

/// Spread of a cell's scores, or none when there are none.
pub fn dispersion(scores: &[f64]) -> Option<Dispersion> {
    let mean = mean(scores)?;
    let median = median(scores)?;
    let min = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let n = scores.len();
    let sd = if n > 1 {
        (scores.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    Some(Dispersion {
        n,
        min,
        max,
        range: max - min,
        mean,
        median,
        sd,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_median_differ_on_a_skewed_panel() {
        // Four scorers give 8, 7, 7 and 1: mean 23/4 = 5.75, median (7 + 7) / 2 = 7.
        let s = [8.0, 7.0, 1.0, 7.0];
        assert_eq!(aggregate(&s, Aggregation::Mean), Some(5.75));
        assert_eq!(aggregate(&s, Aggregation::Median), Some(7.0));
        assert_eq!(median(&[3.0, 9.0, 4.0]), Some(4.0));
        assert_eq!(aggregate(&[], Aggregation::Mean), None);
    }

    #[test]
    fn dispersion_uses_the_sample_standard_deviation() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, sample sd sqrt(32/7).
        let d = dispersion(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
        assert_eq!(
            (d.n, d.min, d.max, d.range, d.mean),
            (8, 2.0, 9.0, 7.0, 5.0)
        );
        assert_eq!(d.median, 4.5);
        assert!((d.sd - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
        let one = dispersion(&[6.0]).unwrap();
        assert_eq!((one.sd, one.range), (0.0, 0.0));
        assert_eq!(dispersion(&[]), None);
    }
}
