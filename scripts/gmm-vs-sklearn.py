#!/usr/bin/env python3
"""Fit scikit-learn's class-conditional GaussianMixture on the same .npy latents as `glr fit`.

Per class: GaussianMixture(n_components=k, covariance_type=..., max_iter=100, tol=1e-3,
reg_covar=1e-6, init_params='kmeans', random_state=seed + class), as the peer's run_peer.py
(ClassCondDiagGMM) does, on float64 data. Prints fit seconds, EM iterations per class and
train / held-out mean log-likelihood per sample (log p(z | y)) in the same format as
`glr fit`; with --glr it also runs `glr fit` on the same files and prints the time ratio.
--threads N limits scikit-learn's BLAS/OpenMP threads (threadpoolctl); --seeds runs several
seeds, sklearn and glr alternately, and ends with a table and the means.

  python3 scripts/gmm-vs-sklearn.py --latents X.npy --labels y.npy \
      [--test-latents Xt.npy --test-labels yt.npy] [--components 10] [--repeat 3] [--threads 2] \
      [--seeds 43769,1,2,3,4] [--glr .build/release/glr [--glr-args "--variance-floor 0"]]
  python3 scripts/gmm-vs-sklearn.py --make-synthetic DIR   # 10 classes x 6000 x 288, ~26% zeros
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import numpy as np


def make_synthetic(directory, classes=10, per_class=6000, test_per_class=1000, dim=288, seed=0):
    """Latents shaped like the reference CNN's: ReLU of a per-class mixture, ~26% exact zeros,
    and per class a few dimensions that are nearly always 0."""
    rng = np.random.default_rng(seed)
    os.makedirs(directory, exist_ok=True)
    out = {}
    for split, n in (("train", per_class), ("test", test_per_class)):
        xs, ys = [], []
        for c in range(classes):
            crng = np.random.default_rng(seed * 1000 + c)   # same class structure in both splits
            centres = crng.normal(0.45, 0.45, size=(5, dim))
            dead = crng.random(dim) < 0.08                      # dims almost always 0 for this class
            centres[:, dead] = -2.0
            scale = crng.uniform(0.15, 0.4, size=(5, dim))
            comp = rng.integers(0, 5, size=n)
            x = centres[comp] + scale[comp] * rng.standard_normal((n, dim))
            xs.append(np.maximum(x, 0).astype(np.float32))
            ys.append(np.full(n, c, dtype=np.int32))
        out[split] = (np.concatenate(xs), np.concatenate(ys))
    for split, (x, y) in out.items():
        np.save(os.path.join(directory, f"{split}-latents.npy"), x)
        np.save(os.path.join(directory, f"{split}-labels.npy"), y)
        print(f"{split}: {x.shape}, zeros {np.mean(x == 0):.3f}")


def fit_sklearn(x, y, k, covariance, seed):
    from sklearn.mixture import GaussianMixture
    x = x.astype(np.float64)
    classes = np.unique(y)
    models, iters = [], []
    t0 = time.perf_counter()
    for c in classes:
        g = GaussianMixture(n_components=k, covariance_type=covariance, max_iter=100, tol=1e-3,
                            reg_covar=1e-6, init_params="kmeans", random_state=seed + int(c))
        g.fit(x[y == c])
        models.append(g)
        iters.append(int(g.n_iter_))
    seconds = time.perf_counter() - t0
    return classes, models, iters, seconds


def mean_ll(classes, models, x, y):
    x = x.astype(np.float64)
    total = sum(models[i].score(x[y == c]) * np.sum(y == c) for i, c in enumerate(classes))
    return float(total / len(y))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--latents"); p.add_argument("--labels")
    p.add_argument("--test-latents"); p.add_argument("--test-labels")
    p.add_argument("--components", type=int, default=10)
    p.add_argument("--covariance", default="diag")
    p.add_argument("--seed", type=int, default=43769)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--glr", help="path of the glr binary to run on the same files")
    p.add_argument("--glr-args", default="", help="extra arguments for glr fit")
    p.add_argument("--make-synthetic", metavar="DIR")
    p.add_argument("--threads", type=int, help="scikit-learn's BLAS/OpenMP thread limit")
    p.add_argument("--seeds", help="comma-separated seeds (overrides --seed)")
    a = p.parse_args()
    if a.make_synthetic:
        make_synthetic(a.make_synthetic)
        return
    if not (a.latents and a.labels):
        p.error("--latents and --labels are required")
    x, y = np.load(a.latents), np.load(a.labels).astype(np.int64)
    test = None
    if a.test_latents and a.test_labels:
        test = (np.load(a.test_latents), np.load(a.test_labels).astype(np.int64))
    seeds = [int(v) for v in a.seeds.split(",")] if a.seeds else [a.seed]
    limit = None
    if a.threads:
        from threadpoolctl import threadpool_limits
        limit = threadpool_limits(limits=a.threads)
    rows = []
    for seed in seeds:
        print(f"fit: sklearn {a.covariance} components={a.components} label=class on {x.shape[0]}×{x.shape[1]} "
              f"({len(np.unique(y))} classes), seed {seed}, threads {a.threads or 'default'}")
        seconds = []
        for _ in range(max(1, a.repeat)):
            classes, models, iters, s = fit_sklearn(x, y, a.components, a.covariance, seed)
            seconds.append(s)
        sk_seconds = statistics.median(seconds)
        extra = f"  (all: {' '.join(f'{s:.3f}' for s in seconds)})" if len(seconds) > 1 else ""
        print(f"fit seconds: {sk_seconds:.3f}{extra}")
        print(f"em iterations per class: {' '.join(map(str, iters))}")
        sk_train = mean_ll(classes, models, x, y)
        print(f"train mean log-likelihood per sample: {sk_train:.4f}")
        sk_test = None
        if test is not None:
            sk_test = mean_ll(classes, models, *test)
            print(f"held-out mean log-likelihood per sample: {sk_test:.4f}")
        sys.stdout.flush()
        row = {"seed": seed, "sk_s": sk_seconds, "sk_train": sk_train, "sk_test": sk_test}
        if a.glr:
            cmd = [a.glr, "fit", "--latents", a.latents, "--labels", a.labels, "--components", str(a.components),
                   "--covariance", a.covariance, "--repeat", str(a.repeat), "--seed", str(seed)]
            if test is not None:
                cmd += ["--test-latents", a.test_latents, "--test-labels", a.test_labels]
            cmd += a.glr_args.split()
            print("$ " + " ".join(cmd))
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            print(out, end="")
            row["glr_s"] = float(re.search(r"fit seconds: ([0-9.]+)", out).group(1))
            row["glr_train"] = float(re.search(r"train mean log-likelihood per sample: (-?[0-9.]+)", out).group(1))
            m = re.search(r"held-out mean log-likelihood per sample: (-?[0-9.]+)", out)
            row["glr_test"] = float(m.group(1)) if m else None
            print(f"ratio glr/sklearn fit seconds: {row['glr_s'] / sk_seconds:.3f}")
        rows.append(row)
        sys.stdout.flush()
    if a.glr and len(rows) > 1:
        fmt = lambda v: "–" if v is None else f"{v:.3f}"
        print("\n| seed | sklearn s | glr s | ratio | sklearn train LL | glr train LL | sklearn held-out | glr held-out |")
        print("|---|---|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['seed']} | {r['sk_s']:.2f} | {r['glr_s']:.2f} | {r['glr_s'] / r['sk_s']:.3f} | {r['sk_train']:.3f} | "
                  f"{r['glr_train']:.3f} | {fmt(r['sk_test'])} | {fmt(r['glr_test'])} |")
        mean = lambda k: statistics.mean(r[k] for r in rows)
        print(f"| mean | {mean('sk_s'):.2f} | {mean('glr_s'):.2f} | {mean('glr_s') / mean('sk_s'):.3f} | "
              f"{mean('sk_train'):.3f} | {mean('glr_train'):.3f} | "
              f"{fmt(mean('sk_test') if test is not None else None)} | {fmt(mean('glr_test') if test is not None else None)} |")
    if limit is not None:
        limit.restore_original_limits()


if __name__ == "__main__":
    main()
