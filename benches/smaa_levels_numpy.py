"""SMAA-2 rank acceptabilities with weights drawn level by level, in NumPy: an independent
implementation for benches/smaa.rs to compare Appraise's level-by-level draw against.

Reads a JSON problem (written by the bench) from the path given: the criteria tree (code,
parent, local weight, group or leaf), the leaf criteria's 0-100 values per option, each
option's hurdle result, the top level's and each drawn group's weight model, the number of
draws and a seed. Writes the counts of each option at each rank as JSON to stdout.

Built from the tree alone, not from Appraise's code: a criterion carries weight when its local
weight and every ancestor's are above 0; each group (and the top level) draws its children's
local weights with NumPy's Dirichlet(1) (gamma variates, not Appraise's normalised
exponentials), a band or bounds by rejecting the Dirichlet draws outside them (Appraise uses a
box sampler or the simplex, whichever keeps more), a ranking by sorting the ranked children's
Dirichlet draws; a leaf's weight is the product of the local weights along its path. Each level
is drawn until it has its draws, independently of the others; Appraise instead rejects a whole
draw when any level's bounds reject it. Both give each level's uniform draw within its region,
so the two agree in distribution, and the counts agree within Monte Carlo error.

Run: python3 benches/smaa_levels_numpy.py problem.json  (needs numpy)
"""

import json
import sys

import numpy as np

TIE, CHUNK = 1e-9, 10_000


def draw_level(rng, n, model, codes, base):
    """n draws of the local weights of the children `codes` (base: their normalised weights)."""
    k = len(codes)
    if model is None:
        return np.broadcast_to(base, (n, k)).copy()
    kind = model["type"]
    if kind == "uniform":
        return rng.dirichlet(np.ones(k), size=n)
    if kind == "ranking":
        w = rng.dirichlet(np.ones(k), size=n)
        at = [codes.index(c) for c in model["ranking"]]
        w[:, at] = -np.sort(-w[:, at], axis=1)
        return w
    if kind == "around_base":
        share = model["share"]
        lo = np.clip(base * (1.0 - share), 0.0, 1.0)
        hi = np.clip(base * (1.0 + share), 0.0, 1.0)
    elif kind == "bounds":
        lo, hi = np.zeros(k), np.ones(k)
        for b in model["bounds"]:
            j = codes.index(b["criterion"])
            lo[j], hi[j] = b["min"], b["max"]
    else:
        raise ValueError(f"unknown weight model {kind}")
    kept = []
    have = 0
    while have < n:
        w = rng.dirichlet(np.ones(k), size=max(n, 1000))
        ok = np.all((w >= lo) & (w <= hi), axis=1)
        kept.append(w[ok])
        have += int(ok.sum())
    return np.concatenate(kept)[:n]


def main(path):
    with open(path) as f:
        p = json.load(f)
    criteria = p["criteria"]
    by_code = {c["code"]: c for c in criteria}

    def carries(c):
        while c is not None:
            if not c["weight"] > 0.0:
                return False
            c = by_code.get(c["parent"]) if c["parent"] is not None else None
        return True

    def children(parent):
        return [c for c in criteria if c["parent"] == parent and carries(c)]

    leaves = p["leaves"]  # codes, in the order of the value columns
    values = np.array(p["values"])  # options x leaves
    passes = np.array(p["passes"])
    groups = p["groups"]
    m = values.shape[0]
    rng = np.random.default_rng(p["seed"])
    counts = np.zeros((m, m), dtype=np.int64)
    n_all = p["samples"]
    for start in range(0, n_all, CHUNK):
        n = min(CHUNK, n_all - start)
        weight = {}
        queue = [None]
        while queue:
            parent = queue.pop(0)
            kids = children(parent)
            if not kids:
                continue
            codes = [c["code"] for c in kids]
            local = np.array([c["weight"] for c in kids])
            model = p["top"] if parent is None else groups.get(parent)
            w = draw_level(rng, n, model, codes, local / local.sum())
            above = np.ones(n) if parent is None else weight[parent]
            for j, c in enumerate(kids):
                weight[c["code"]] = above * w[:, j]
                if c["kind"] == "group":
                    queue.append(c["code"])
        w = np.stack([weight[code] for code in leaves], axis=1)  # n x leaves
        totals = w @ values.T  # n x options
        better = (totals[:, None, :] > totals[:, :, None] + TIE) & (
            passes[None, None, :] == passes[None, :, None]
        )
        better |= passes[None, None, :] & ~passes[None, :, None]
        rank = better.sum(axis=2)  # 0-based
        for o in range(m):
            counts[o] += np.bincount(rank[:, o], minlength=m)
    json.dump({"samples": n_all, "counts": counts.tolist()}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
