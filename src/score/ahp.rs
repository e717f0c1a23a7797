//! The analytic hierarchy process: weights from a pairwise comparison matrix by Saaty's
//! principal eigenvector, with his consistency index and ratio.

/// Saaty's random index RI for n = 1..=10 (the table in Saaty, "How to make a decision: the
/// analytic hierarchy process", EJOR 48 (1990)): the mean CI of random reciprocal matrices.
pub const RANDOM_INDEX: [f64; 10] = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/// Judgements with a consistency ratio above this should be revisited (Saaty: 10%).
pub const CR_THRESHOLD: f64 = 0.10;

/// Power iteration stops when no weight moves by more than this.
const TOLERANCE: f64 = 1e-12;
const MAX_ITERATIONS: usize = 100_000;
/// `a_ij * a_ji` must be 1 within this.
const RECIPROCAL_TOLERANCE: f64 = 1e-9;

/// Why a comparison matrix gives no weights.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AhpError {
    #[error("the comparison matrix is empty")]
    Empty,
    #[error("the comparison matrix has {n} rows but row {row} has {len} entries")]
    NotSquare { n: usize, row: usize, len: usize },
    #[error(
        "the comparison matrix is {0} x {0}; Saaty's random index, and so the consistency ratio, is tabled only up to 10"
    )]
    TooLarge(usize),
    #[error("comparison ({i}, {j}) is {value}: comparisons must be positive numbers")]
    NotPositive { i: usize, j: usize, value: f64 },
    #[error("comparisons ({i}, {j}) = {a_ij} and ({j}, {i}) = {a_ji} are not reciprocal")]
    NotReciprocal {
        i: usize,
        j: usize,
        a_ij: f64,
        a_ji: f64,
    },
    #[error("the principal eigenvector did not converge")]
    NoConvergence,
}

/// Weights and consistency of one comparison matrix.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Ahp {
    /// The principal right eigenvector, normalised to sum 1.
    pub weights: Vec<f64>,
    /// Principal eigenvalue; equals n for a perfectly consistent matrix.
    pub lambda_max: f64,
    /// Consistency index (lambda_max - n) / (n - 1); 0 for n <= 2.
    pub ci: f64,
    /// Consistency ratio CI / RI; 0 for n <= 2.
    pub cr: f64,
}

impl Ahp {
    /// Saaty's rule: judgements are acceptably consistent when CR <= 0.10.
    pub fn consistent(&self) -> bool {
        self.cr <= CR_THRESHOLD
    }
}

/// Saaty's random index for an n x n matrix, if tabled.
pub fn random_index(n: usize) -> Option<f64> {
    n.checked_sub(1).and_then(|i| RANDOM_INDEX.get(i).copied())
}

/// Weights from a positive reciprocal matrix (`matrix[i][j]` = how much i dominates j), by power
/// iteration to 1e-12, with lambda_max, CI and CR (Saaty 1990, 2008).
pub fn ahp(matrix: &[Vec<f64>]) -> Result<Ahp, AhpError> {
    let n = matrix.len();
    if n == 0 {
        return Err(AhpError::Empty);
    }
    for (row, r) in matrix.iter().enumerate() {
        if r.len() != n {
            return Err(AhpError::NotSquare {
                n,
                row: row + 1,
                len: r.len(),
            });
        }
    }
    let ri = random_index(n).ok_or(AhpError::TooLarge(n))?;
    for (i, row) in matrix.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            if !(v > 0.0 && v.is_finite()) {
                return Err(AhpError::NotPositive {
                    i: i + 1,
                    j: j + 1,
                    value: v,
                });
            }
            let a_ji = matrix[j][i];
            if j >= i && (v * a_ji - 1.0).abs() > RECIPROCAL_TOLERANCE {
                return Err(AhpError::NotReciprocal {
                    i: i + 1,
                    j: j + 1,
                    a_ij: v,
                    a_ji,
                });
            }
        }
    }
    let mut w = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    let mut converged = false;
    for _ in 0..MAX_ITERATIONS {
        for (i, row) in matrix.iter().enumerate() {
            next[i] = row.iter().zip(&w).map(|(a, x)| a * x).sum();
        }
        let sum: f64 = next.iter().sum();
        let mut change: f64 = 0.0;
        for (x, y) in w.iter_mut().zip(&next) {
            let y = y / sum;
            change = change.max((y - *x).abs());
            *x = y;
        }
        if change < TOLERANCE {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(AhpError::NoConvergence);
    }
    // With w summing to 1, A w = lambda w gives lambda = sum_i (A w)_i.
    let lambda_max: f64 = matrix
        .iter()
        .map(|row| row.iter().zip(&w).map(|(a, x)| a * x).sum::<f64>())
        .sum();
    let (ci, cr) = if n <= 2 {
        (0.0, 0.0)
    } else {
        let ci = (lambda_max - n as f64) / (n as f64 - 1.0);
        (ci, ci / ri)
    };
    Ok(Ahp {
        weights: w,
        lambda_max,
        ci,
        cr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(x: f64, places: i32) -> f64 {
        let f = 10f64.powi(places);
        (x * f).round() / f
    }

    fn rounded(v: &[f64], places: i32) -> Vec<f64> {
        v.iter().map(|&x| round(x, places)).collect()
    }

    #[test]
    fn saaty_2008_drinks_table() {
        // Saaty, T.L. (2008) "Decision making with the analytic hierarchy process", Int. J.
        // Services Sciences 1(1) 83-98, Table 2: "Which drink is consumed more in the US?".
        // Published eigenvector: coffee .177, wine .019, tea .042, beer .116, sodas .190,
        // milk .129, water .327. As printed, a(tea, wine) = 2 is not the reciprocal of
        // a(wine, tea) = 1/3 (a known typo); with a(tea, wine) = 3, as reproduced by AHPy's
        // README, every published figure follows, including C.R. = 0.022 (its README).
        let m = vec![
            vec![1.0, 9.0, 5.0, 2.0, 1.0, 1.0, 0.5],
            vec![1. / 9., 1.0, 1. / 3., 1. / 9., 1. / 9., 1. / 9., 1. / 9.],
            vec![0.2, 3.0, 1.0, 1. / 3., 0.25, 1. / 3., 1. / 9.],
            vec![0.5, 9.0, 3.0, 1.0, 0.5, 1.0, 1. / 3.],
            vec![1.0, 9.0, 4.0, 2.0, 1.0, 2.0, 0.5],
            vec![1.0, 9.0, 3.0, 1.0, 0.5, 1.0, 1. / 3.],
            vec![2.0, 9.0, 9.0, 3.0, 2.0, 3.0, 1.0],
        ];
        let a = ahp(&m).unwrap();
        assert_eq!(
            rounded(&a.weights, 3),
            [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
        );
        assert_eq!(round(a.cr, 3), 0.022);
        assert!(a.consistent());
    }

    #[test]
    fn saaty_2008_best_job_criteria_table_3() {
        // Saaty (2008), Int. J. Services Sciences 1(1), Table 3: criteria of the "best job"
        // decision (flexibility, opportunities, security, reputation, salary); published
        // priorities .036, .122, .262, .075, .506.
        let m = vec![
            vec![1.0, 0.25, 1. / 6., 0.25, 0.125],
            vec![4.0, 1.0, 1. / 3., 3.0, 1. / 7.],
            vec![6.0, 3.0, 1.0, 4.0, 0.5],
            vec![4.0, 1. / 3., 0.25, 1.0, 1. / 7.],
            vec![8.0, 7.0, 2.0, 7.0, 1.0],
        ];
        let a = ahp(&m).unwrap();
        assert_eq!(rounded(&a.weights, 3), [0.036, 0.122, 0.262, 0.075, 0.506]);
    }

    #[test]
    fn saaty_2008_flexibility_table_4() {
        // Saaty (2008), Int. J. Services Sciences 1(1), Table 4 (3 x 3 sub-criteria of
        // flexibility); published priorities .091, .218, .691.
        let m = vec![
            vec![1.0, 1. / 3., 1. / 6.],
            vec![3.0, 1.0, 0.25],
            vec![6.0, 4.0, 1.0],
        ];
        let a = ahp(&m).unwrap();
        assert_eq!(rounded(&a.weights, 3), [0.091, 0.218, 0.691]);
    }

    #[test]
    fn saaty_1990_house_size() {
        // Saaty (1990) "How to make a decision: the analytic hierarchy process", EJOR 48, 9-26:
        // houses A, B, C compared on size. Published eigenvector .754, .181, .065,
        // lambda_max = 3.136, C.I. = .068, C.R. = .117 (RI = 0.58), above 0.10.
        let m = vec![
            vec![1.0, 6.0, 8.0],
            vec![1. / 6., 1.0, 4.0],
            vec![0.125, 0.25, 1.0],
        ];
        let a = ahp(&m).unwrap();
        assert_eq!(rounded(&a.weights, 3), [0.754, 0.181, 0.065]);
        assert_eq!(round(a.lambda_max, 3), 3.136);
        assert_eq!(round(a.ci, 3), 0.068);
        assert_eq!(round(a.cr, 3), 0.117);
        assert!(!a.consistent());
    }

    #[test]
    fn a_consistent_matrix_gives_its_weights_exactly_and_cr_zero() {
        let w = [0.5, 0.25, 0.15, 0.1];
        let m: Vec<Vec<f64>> = w
            .iter()
            .map(|wi| w.iter().map(|wj| wi / wj).collect())
            .collect();
        let a = ahp(&m).unwrap();
        for (x, y) in a.weights.iter().zip(w) {
            assert!((x - y).abs() < 1e-12);
        }
        assert!((a.lambda_max - 4.0).abs() < 1e-12);
        assert!(a.ci.abs() < 1e-12);
        assert!(a.cr.abs() < 1e-12);
    }

    #[test]
    fn two_items_have_cr_zero_and_one_item_weight_one() {
        let a = ahp(&[vec![1.0, 3.0], vec![1. / 3., 1.0]]).unwrap();
        assert!((a.weights[0] - 0.75).abs() < 1e-12);
        assert_eq!(a.cr, 0.0);
        let a = ahp(&[vec![1.0]]).unwrap();
        assert_eq!(a.weights, [1.0]);
        assert_eq!(a.cr, 0.0);
    }

    #[test]
    fn random_index_table() {
        assert_eq!(
            (1..=10)
                .map(|n| random_index(n).unwrap())
                .collect::<Vec<_>>(),
            [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
        );
        assert_eq!(random_index(0), None);
        assert_eq!(random_index(11), None);
    }

    #[test]
    fn bad_matrices_are_errors() {
        assert_eq!(ahp(&[]), Err(AhpError::Empty));
        assert_eq!(
            ahp(&[vec![1.0, 2.0], vec![0.5]]),
            Err(AhpError::NotSquare {
                n: 2,
                row: 2,
                len: 1
            })
        );
        let e = ahp(&[vec![1.0, 3.0], vec![0.5, 1.0]]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "comparisons (1, 2) = 3 and (2, 1) = 0.5 are not reciprocal"
        );
        let e = ahp(&[vec![1.0, 0.0], vec![0.0, 1.0]]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "comparison (1, 2) is 0: comparisons must be positive numbers"
        );
        assert!(matches!(
            ahp(&[vec![1.0, -2.0], vec![-0.5, 1.0]]),
            Err(AhpError::NotPositive { .. })
        ));
        let big = vec![vec![1.0; 11]; 11];
        assert_eq!(ahp(&big), Err(AhpError::TooLarge(11)));
    }
}
