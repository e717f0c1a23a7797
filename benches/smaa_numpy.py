"""SMAA-2 in vectorised NumPy: the computation of benches/smaa.rs, for comparison.

The generated appraisal of benches/score.rs (20 options, 6 groups of 9 panel-scored leaves and
1 derived metric, 12 scorers), 100,000 draws: weights uniform on the simplex (normalised
exponentials), panel scores normal with the panel's mean and sample sd truncated to 0-10 (or
fixed), rank acceptabilities, central weight vectors and confidence factors with standard
errors; confidence factors from 10,000 score draws (the default) or 100,000. Draws are processed
in chunks so the (draws x options x criteria) arrays fit in memory.

Run on one core, as the Rust benchmark runs:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 python3 benches/smaa_numpy.py
(times with time.perf_counter over a few repeats)
"""

import time

import numpy as np

OPTIONS, GROUPS, LEAVES, SCORERS = 20, 6, 10, 12
SAMPLES, CHUNK, REPEATS, TIE = 100_000, 5_000, 3, 1e-9
CONFIDENCE_SAMPLES = 10_000


def generated():
    """Values (options x criteria, 0-100), and the panel's mean and sd on the 0-10 scale
    (NaN sd for derived leaves, which stay fixed)."""
    o = np.arange(OPTIONS)[:, None, None]
    values = np.empty((OPTIONS, GROUPS * LEAVES))
    mean = np.full_like(values, np.nan)
    sd = np.full_like(values, np.nan)
    for g in range(GROUPS):
        for l in range(LEAVES):
            j = g * LEAVES + l
            if l == LEAVES - 1:
                raw = (np.arange(OPTIONS) * 7 + g * 13) % 100 - 20.0
                values[:, j] = np.clip((raw + 20.0) / 100.0 * 100.0, 0, 100)
            else:
                s = np.arange(SCORERS)[None, :]
                scores = ((o[:, :, 0] * 3 + l * 5 + s * 7 + g) % 11).astype(float)
                mean[:, j] = scores.mean(axis=1)
                sd[:, j] = scores.std(axis=1, ddof=1)
                values[:, j] = np.clip(mean[:, j] * 10.0, 0, 100)
    return values, mean, sd


def draw_values(rng, n, values, mean, sd, uncertain):
    """n draws of the value matrix: uncertain cells truncated normal (redrawing only the draws
    outside the scale), the rest fixed."""
    v = np.broadcast_to(values, (n,) + values.shape).copy()
    if not uncertain.any():
        return v
    mu, sigma = mean[uncertain], sd[uncertain]
    x = mu + sigma * rng.standard_normal((n, mu.size))
    for _ in range(32):
        bad = np.flatnonzero((x < 0.0) | (x > 10.0))
        if bad.size == 0:
            break
        col = bad % mu.size
        x.flat[bad] = mu[col] + sigma[col] * rng.standard_normal(bad.size)
    np.clip(x, 0.0, 10.0, out=x)
    x *= 10.0
    v[:, uncertain] = x
    return v


def ranks(totals):
    """Competition ranks per draw: 1 + options strictly better."""
    return 1 + (totals[:, None, :] > totals[:, :, None] + TIE).sum(axis=2)


def smaa(values, mean, sd, fixed, conf_samples=CONFIDENCE_SAMPLES, seed=1):
    rng = np.random.default_rng(seed)
    m, n = values.shape
    uncertain = np.zeros_like(values, dtype=bool) if fixed else (np.isfinite(sd) & (sd > 0))
    counts = np.zeros((m, m), dtype=np.int64)
    first_sum = np.zeros((m, n))
    first_sq = np.zeros((m, n))
    for start in range(0, SAMPLES, CHUNK):
        b = min(CHUNK, SAMPLES - start)
        w = rng.standard_exponential((b, n))
        w /= w.sum(axis=1, keepdims=True)
        if fixed:
            totals = w @ values.T
        else:
            v = draw_values(rng, b, values, mean, sd, uncertain)
            totals = np.matmul(v, w[:, :, None])[:, :, 0]
        r = ranks(totals)
        for o in range(m):
            counts[o] += np.bincount(r[:, o] - 1, minlength=m)
        first = (r == 1).astype(float)  # (b, m)
        first_sum += first.T @ w
        first_sq += first.T @ (w * w)
    b1 = counts / SAMPLES
    se = np.sqrt(b1 * (1 - b1) / SAMPLES)
    c = counts[:, 0]
    has = c > 0
    central = np.zeros((m, n))
    central[has] = first_sum[has] / c[has, None]
    var = np.zeros((m, n))
    big = c > 1
    var[big] = (first_sq[big] / c[big, None] - central[big] ** 2) * (c[big, None] / (c[big, None] - 1))
    central_se = np.zeros((m, n))
    central_se[has] = np.sqrt(np.maximum(var[has], 0) / c[has, None])
    # Confidence factors: weights fixed at each central vector, fresh score draws.
    cand = np.flatnonzero(has)
    firsts = np.zeros(m)
    conf_samples = 1 if fixed else conf_samples
    for start in range(0, conf_samples, CHUNK):
        b = min(CHUNK, conf_samples - start)
        v = values[None] if fixed else draw_values(rng, b, values, mean, sd, uncertain)
        t = v @ central[cand].T  # (b, m, k): every option's total under each central vector
        for k, o in enumerate(cand):
            firsts[o] += ((t[:, :, k] > t[:, o, k][:, None] + TIE).sum(axis=1) == 0).sum()
    conf = firsts / conf_samples
    return b1, se, central, central_se, conf


def main():
    values, mean, sd = generated()
    print(f"numpy {np.__version__}; {SAMPLES} draws x {OPTIONS} options x {values.shape[1]} criteria")
    for name, fixed, conf in [
        ("weights only", True, 1),
        ("weights and normal scores (10k confidence draws, the default)", False, CONFIDENCE_SAMPLES),
        ("weights and normal scores, 100k confidence draws", False, SAMPLES),
    ]:
        times, cpu = [], []
        for _ in range(REPEATS):
            t0, c0 = time.perf_counter(), time.process_time()
            b1, se, *_ = smaa(values, mean, sd, fixed, conf)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        firsts = {f"O{o}": round(b1[o, 0], 4) for o in range(OPTIONS) if b1[o, 0] > 0}
        # CPU time too: on a shared machine the wall clock also counts other processes' turns.
        print(f"{name}: min {min(times):.3f} s, median {sorted(times)[len(times) // 2]:.3f} s "
              f"(CPU min {min(cpu):.3f} s) over {REPEATS} runs; rank-1 acceptabilities {firsts}")


if __name__ == "__main__":
    main()
