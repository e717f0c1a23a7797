//! SMAA's figures for fixed seeds, pinned to the bit, so that speed work on the draws, the
//! ranking or the confidence pass cannot change a figure unseen. Each case pins the rank-1
//! counts in plain sight and a digest of every figure (each acceptability, holistic
//! acceptability, central weight and confidence factor with its standard error).

use super::*;
use crate::model::WeightDraw;

/// FNV-1a over the bits of every figure of `r`, in a fixed order.
fn digest(r: &SmaaResults) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |x: f64| {
        for b in x.to_bits().to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for o in &r.options {
        for e in &o.acceptability {
            eat(e.value);
            eat(e.se);
        }
        eat(o.holistic.value);
        eat(o.holistic.se);
        for e in o.central_weights.iter().flatten() {
            eat(e.value);
            eat(e.se);
        }
        if let Some(c) = o.confidence {
            eat(c.value);
            eat(c.se);
        }
    }
    eat(r.acceptance_rate);
    h
}

/// The demo's value matrix.
fn demo_matrix() -> ValueMatrix {
    let a = crate::demo::appraisal();
    let scored = crate::evaluation::Evaluation::of(&a)
        .score()
        .clone()
        .unwrap();
    ValueMatrix::new(&a, &scored).unwrap()
}

/// Each option's rank-1 count out of the draws, and the digest.
fn pinned(settings: &SmaaSettings) -> (Vec<(String, u64)>, u64) {
    let r = smaa::smaa(&demo_matrix(), settings).unwrap();
    let firsts = r
        .options
        .iter()
        .map(|o| {
            let count = o.acceptability[0].value * settings.samples as f64;
            assert!((count - count.round()).abs() < 1e-6, "{}: {count}", o.code);
            (o.code.clone(), count.round() as u64)
        })
        .collect();
    (firsts, digest(&r))
}

fn owned(firsts: &[(&str, u64)]) -> Vec<(String, u64)> {
    firsts.iter().map(|&(c, n)| (c.to_owned(), n)).collect()
}

#[test]
fn the_demo_default_draw_gives_its_pinned_figures() {
    // Level by level, the top level uniform, normal scores, 10,000 confidence draws.
    let settings = SmaaSettings::default();
    assert_eq!(settings.draw, WeightDraw::LevelByLevel);
    let (firsts, digest) = pinned(&settings);
    assert_eq!(
        firsts,
        owned(&[
            ("DM", 69),
            ("MERGE-N", 406),
            ("SPLIT", 4457),
            ("ICO", 5068),
            ("MERGE-E", 0)
        ])
    );
    assert_eq!(digest, 0xf09a4bd0f7c7dc1e);
}

#[test]
fn the_demo_flat_draw_with_fixed_scores_gives_its_pinned_figures() {
    let settings = SmaaSettings {
        samples: 20_000,
        seed: 7,
        draw: WeightDraw::Flat,
        scores: ScoreModel::Fixed,
        ..SmaaSettings::default()
    };
    let (firsts, digest) = pinned(&settings);
    assert_eq!(
        firsts,
        owned(&[
            ("DM", 4),
            ("MERGE-N", 39),
            ("SPLIT", 4826),
            ("ICO", 15131),
            ("MERGE-E", 0)
        ])
    );
    assert_eq!(digest, 0x81080d16bb70f062);
}

#[test]
fn the_demo_flat_draw_with_normal_scores_gives_its_pinned_figures() {
    let settings = SmaaSettings {
        samples: 20_000,
        seed: 42,
        draw: WeightDraw::Flat,
        confidence_samples: 5_000,
        ..SmaaSettings::default()
    };
    let (firsts, digest) = pinned(&settings);
    assert_eq!(
        firsts,
        owned(&[
            ("DM", 15),
            ("MERGE-N", 415),
            ("SPLIT", 5035),
            ("ICO", 14535),
            ("MERGE-E", 0)
        ])
    );
    assert_eq!(digest, 0x7e6d21eb97780522);
}

/// The demo's SMAA results for `settings`, run on a pool of `threads` threads.
fn on_threads(settings: &SmaaSettings, threads: usize) -> SmaaResults {
    let m = demo_matrix();
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(|| smaa::smaa(&m, settings).unwrap())
}

/// Drawn in blocks: the default draw's settings with 20,000 draws and 5,000 confidence draws
/// (20 and 5 blocks, the last of each short).
fn in_blocks() -> SmaaSettings {
    SmaaSettings {
        samples: 20_000,
        confidence_samples: 5_000,
        seed: 42,
        stream: DrawStream::Blocks,
        ..SmaaSettings::default()
    }
}

#[test]
fn blocks_give_the_same_figures_on_one_core_as_on_four() {
    let one = on_threads(&in_blocks(), 1);
    let four = on_threads(&in_blocks(), 4);
    assert_eq!(one, four);
    assert_eq!(digest(&one), digest(&four));
    assert_eq!(one.acceptance_rate, 1.0);
}

#[test]
fn the_demo_drawn_in_blocks_gives_its_pinned_figures() {
    let (firsts, digest) = pinned(&in_blocks());
    assert_eq!(
        firsts,
        owned(&[
            ("DM", 139),
            ("MERGE-N", 791),
            ("SPLIT", 9089),
            ("ICO", 9981),
            ("MERGE-E", 0)
        ])
    );
    assert_eq!(digest, 0xc5df60c55f040882);
}

/// Both streams draw from the same distribution: every acceptability and confidence factor of
/// one lies within four standard errors of the other's (of their difference).
#[test]
fn blocks_and_the_sequential_stream_agree_within_their_standard_errors() {
    let blocks = on_threads(&in_blocks(), 2);
    let sequential = on_threads(
        &SmaaSettings {
            stream: DrawStream::Sequential,
            ..in_blocks()
        },
        2,
    );
    assert_ne!(blocks, sequential);
    let close = |a: &Estimate, b: &Estimate, what: &str| {
        let se = (a.se * a.se + b.se * b.se).sqrt();
        assert!(
            (a.value - b.value).abs() <= 4.0 * se + 1e-12,
            "{what}: {} against {} (se {se})",
            a.value,
            b.value
        );
    };
    for (b, s) in blocks.options.iter().zip(&sequential.options) {
        for (r, (x, y)) in b.acceptability.iter().zip(&s.acceptability).enumerate() {
            close(x, y, &format!("{} rank {}", b.code, r + 1));
        }
        if let (Some(x), Some(y)) = (&b.confidence, &s.confidence) {
            close(x, y, &format!("{} confidence", b.code));
        }
    }
}

#[test]
fn a_run_s_blocks_are_full_but_the_last() {
    assert_eq!(smaa::block_sizes(0), Vec::<usize>::new());
    assert_eq!(smaa::block_sizes(1), [1]);
    assert_eq!(smaa::block_sizes(1024), [1024]);
    assert_eq!(smaa::block_sizes(2500), [1024, 1024, 452]);
    // The words the pack and the command line print name the block's size.
    assert_eq!(smaa::BLOCK, 1024);
    assert!(DrawStream::Blocks.label().contains("blocks of 1,024"));
}
