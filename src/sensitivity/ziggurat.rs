//! Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, "The ziggurat method
//! for generating random variables", J. Stat. Softw. 5(8)), split so that SMAA's inner loop
//! can take the common case without a branch or a call.
//!
//! The 256-layer tables are those of `rand_distr` (same `R` and `V`, worked out the same way),
//! which keeps them private. One 64-bit word gives a layer (its low 8 bits) and a uniform
//! `u` in -1..1 (its high 52 bits); `x = u * X[i]` is a normal draw whenever `|x| < X[i + 1]`,
//! about 98.8% of the time ([`Ziggurat::quick`]). Otherwise [`Ziggurat::finish`] continues the
//! same draw, the wedge or tail test, exactly as the full algorithm would; the result is
//! exactly standard normal either way.

use rand::{Rng, RngExt};

/// Layers of the ziggurat.
const LAYERS: usize = 256;
/// Where the tail starts, and each layer's area, for 256 layers.
const R: f64 = 3.654_152_885_361_009;
const V: f64 = 0.004_928_673_233_99;

/// The layer edges `x[i]` and the density at each, `f[i] = exp(-x[i]^2 / 2)`.
#[derive(Debug, Clone)]
pub struct Ziggurat {
    x: [f64; LAYERS + 1],
    f: [f64; LAYERS + 1],
}

impl Default for Ziggurat {
    fn default() -> Self {
        Self::new()
    }
}

fn density(x: f64) -> f64 {
    (-0.5 * x * x).exp()
}

impl Ziggurat {
    pub fn new() -> Ziggurat {
        let mut x = [0.0; LAYERS + 1];
        x[0] = V / density(R);
        x[1] = R;
        for i in 2..LAYERS {
            // Each layer has area V: x[i] solves f(x[i]) = V / x[i - 1] + f(x[i - 1]).
            x[i] = (-2.0 * (V / x[i - 1] + density(x[i - 1])).ln()).sqrt();
        }
        x[LAYERS] = 0.0;
        Ziggurat {
            x,
            f: x.map(density),
        }
    }

    /// The first step of a draw from one random word: the candidate and whether it is
    /// accepted as it stands. Pass a rejected word to [`Ziggurat::finish`].
    #[inline(always)]
    pub fn quick(&self, bits: u64) -> (f64, bool) {
        let i = (bits & 0xff) as usize;
        let x = uniform(bits) * self.x[i];
        (x, x.abs() < self.x[i + 1])
    }

    /// Completes the draw that `bits` started: the candidate if `quick` accepted it, else the
    /// wedge test (or a tail draw in the base layer), and if that fails a fresh draw.
    #[inline(never)]
    pub fn finish<R: Rng + ?Sized>(&self, bits: u64, rng: &mut R) -> f64 {
        let i = (bits & 0xff) as usize;
        let u = uniform(bits);
        let x = u * self.x[i];
        if x.abs() < self.x[i + 1] {
            return x;
        }
        if i == 0 {
            return tail(u, rng);
        }
        let y: f64 = rng.random();
        if self.f[i + 1] + (self.f[i] - self.f[i + 1]) * y < density(x) {
            return x;
        }
        self.sample(rng)
    }

    /// One standard normal draw.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let bits = rng.next_u64();
        match self.quick(bits) {
            (x, true) => x,
            _ => self.finish(bits, rng),
        }
    }
}

/// The high 52 bits of `bits` as a uniform number in -1..1.
#[inline(always)]
fn uniform(bits: u64) -> f64 {
    f64::from_bits((bits >> 12) | 0x4000_0000_0000_0000) - 3.0
}

/// A draw beyond `R` (Marsaglia 1964), on the side of `u`'s sign.
fn tail<G: Rng + ?Sized>(u: f64, rng: &mut G) -> f64 {
    loop {
        let a: f64 = rng.random::<f64>();
        let b: f64 = rng.random::<f64>();
        // 1 - random() is in (0, 1], so the logarithms are finite.
        let x = -(1.0 - a).ln() / R;
        let y = -(1.0 - b).ln();
        if 2.0 * y >= x * x {
            return if u < 0.0 { -R - x } else { R + x };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn the_tables_match_rand_distr() {
        // rand_distr's ZIG_NORM_X[0], [2] and [255], from its ziggurat_tables.rs.
        let z = Ziggurat::new();
        assert!((z.x[0] - 3.910_757_959_537_09).abs() < 1e-12);
        assert!((z.x[2] - 3.449_278_298_560_964).abs() < 1e-12);
        assert!((z.x[255] - 0.215_241_895_913_273_8).abs() < 1e-9);
        assert_eq!(z.x[256], 0.0);
        assert_eq!(z.f[256], 1.0);
    }

    #[test]
    fn draws_are_standard_normal() {
        // 2 million draws: each share within 4 standard errors of the normal's
        // (P(|z| < 1) = 0.682689, P(|z| < 2) = 0.954500, P(|z| > 3) = 0.002700,
        // P(z > R) = 0.000129), mean 0 and variance 1.
        let z = Ziggurat::new();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(9);
        let n = 2_000_000;
        let (mut in1, mut in2, mut out3, mut beyond, mut sum, mut sq) = (0, 0, 0, 0, 0.0, 0.0);
        for _ in 0..n {
            let x = z.sample(&mut rng);
            in1 += usize::from(x.abs() < 1.0);
            in2 += usize::from(x.abs() < 2.0);
            out3 += usize::from(x.abs() > 3.0);
            beyond += usize::from(x > R);
            sum += x;
            sq += x * x;
        }
        let nf = n as f64;
        let near = |count: usize, p: f64| {
            let share = count as f64 / nf;
            assert!(
                (share - p).abs() < 4.0 * (p * (1.0 - p) / nf).sqrt(),
                "{share} vs {p}"
            );
        };
        near(in1, 0.682_689);
        near(in2, 0.954_500);
        near(out3, 0.002_700);
        near(beyond, 0.000_129);
        assert!((sum / nf).abs() < 4.0 / nf.sqrt());
        assert!((sq / nf - 1.0).abs() < 4.0 * (2.0 / nf).sqrt());
    }
}
