"""Benchmark workload inputs (bit-identical to the peer scripts' generators), the timing harness and JSON output."""
from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time

import numpy as np

TWO_PI = 2.0 * np.pi

# --------------------------------------------------------------------------
# W1: hardware-efficient ansatz gradient
# --------------------------------------------------------------------------
W1_SIZES = [(4, 4), (8, 8), (12, 12), (16, 16), (20, 4)]


def w1_params(n: int, L: int) -> np.ndarray:
    rng = np.random.default_rng(1234)
    return rng.uniform(0.0, TWO_PI, size=2 * n * L).reshape(L, n, 2)


# --------------------------------------------------------------------------
# W2: McClean et al. 2018 barren-plateau sweep
# --------------------------------------------------------------------------
W2_NS = [2, 4, 6, 8, 10, 12]
W2_LAYERS = 50
W2_SAMPLES = 200
AXES = "XYZ"  # axes[l, q] in {0,1,2} -> RX, RY, RZ


def bp_circuits(n: int, samples: int, L: int = W2_LAYERS):
    """Yield (axes, angles), both shape (L, n), for `samples` random circuits.

    rng = default_rng(2018 + n); per sample: axes = rng.integers(0, 3, (L, n))
    then angles = rng.uniform(0, 2*pi, (L, n)).  A run with fewer samples
    sees a prefix of the same stream.  The differentiated parameter is
    angles[0, 0] (first random layer, qubit 0).
    """
    rng = np.random.default_rng(2018 + n)
    for _ in range(samples):
        axes = rng.integers(0, 3, size=(L, n))
        angles = rng.uniform(0.0, TWO_PI, size=(L, n))
        yield axes, angles


# --------------------------------------------------------------------------
# W3: batched forward pass
# --------------------------------------------------------------------------
W3_B, W3_N, W3_L = 1024, 8, 4


def w3_data():
    X = np.random.default_rng(7).uniform(0.0, np.pi, size=(W3_B, W3_N))
    theta = w1_params(W3_N, W3_L)
    return X, theta


# --------------------------------------------------------------------------
# W4: one training epoch of a circuit-centric classifier
# --------------------------------------------------------------------------
W4_N, W4_L, W4_BATCH, W4_LR = 4, 3, 20, 0.1


def make_moons(n_samples: int = 200, noise: float = 0.1, seed: int = 0):
    """Two interleaving half-moons, same construction as sklearn.make_moons."""
    n_out = n_samples // 2
    n_in = n_samples - n_out
    outer = np.linspace(0.0, np.pi, n_out)
    inner = np.linspace(0.0, np.pi, n_in)
    X = np.vstack([
        np.append(np.cos(outer), 1.0 - np.cos(inner)),
        np.append(np.sin(outer), 1.0 - np.sin(inner) - 0.5),
    ]).T
    y = np.hstack([np.zeros(n_out), np.ones(n_in)])
    rng = np.random.default_rng(seed)
    X = X + rng.normal(scale=noise, size=X.shape)
    return X, y


def w4_data():
    X, y = make_moons(200, 0.1, 0)
    lo, hi = X.min(axis=0), X.max(axis=0)
    Xs = (X - lo) / (hi - lo) * np.pi  # each feature scaled to [0, pi]
    theta0 = w1_params(W4_N, W4_L)  # (3, 4, 2)
    perm = np.random.default_rng(1).permutation(len(y))
    batches = [perm[i:i + W4_BATCH] for i in range(0, len(y), W4_BATCH)]
    return Xs, y, theta0, batches


# --------------------------------------------------------------------------
# timing harness + output
# --------------------------------------------------------------------------
_HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stat():
    try:
        with open("/proc/stat") as fh:
            f = [int(v) for v in fh.readline().split()[1:]]
    except OSError:
        return None
    idle = f[3] + (f[4] if len(f) > 4 else 0)
    steal = f[7] if len(f) > 7 else 0
    return sum(f[:8]) - idle - steal, steal


def load_start():
    """Start watching the CPU time that OTHER processes use (Linux only)."""
    t = os.times()
    return (time.perf_counter(), t.user + t.system, _proc_stat())


def load_stop(state):
    """Cores' worth of CPU used by other processes (and hypervisor steal)
    while we ran; > ~0.1 means the measurement was contended."""
    wall0, mine0, st0 = state
    t = os.times()
    wall = time.perf_counter() - wall0
    st1 = _proc_stat()
    if st0 is None or st1 is None or wall <= 0:
        return dict(foreign_cores=None, steal_cores=None)
    busy = (st1[0] - st0[0]) / _HZ
    mine = t.user + t.system - mine0
    return dict(foreign_cores=round(max(0.0, busy - mine) / wall, 3),
                steal_cores=round((st1[1] - st0[1]) / _HZ / wall, 3))


def measure(fn, min_repeats=5, min_total=2.0, cap=45.0, max_repeats=500):
    """Warm up once, then repeat until >= min_total s in total, or until
    >= min_repeats repeats with >= min_total/2 s.  If the warm-up alone
    exceeds `cap` seconds, no repeat is made and the warm-up time is
    reported (cold_only=True)."""
    ld = load_start()
    t0 = time.perf_counter()
    out = fn()
    warm = time.perf_counter() - t0
    if warm > cap:
        return out, dict(median_s=warm, min_s=warm, repeats=0, warmup_s=warm,
                         cold_only=True, times_s=[warm], **load_stop(ld))
    ld = load_start()
    times = []
    while True:
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        tot = sum(times)
        if tot >= min_total or (len(times) >= min_repeats and tot >= min_total / 2) \
                or len(times) >= max_repeats:
            break
    return out, dict(median_s=statistics.median(times), min_s=min(times),
                     repeats=len(times), warmup_s=warm, cold_only=False,
                     times_s=[round(t, 6) for t in times[:20]], **load_stop(ld))


def w1_summary(cost, grad):
    g = np.asarray(grad, dtype=float).ravel()
    return dict(cost=float(cost), grad_sum=float(g.sum()),
                grad_abs_sum=float(np.abs(g).sum()),
                grad_norm=float(np.linalg.norm(g)),
                grad_first4=[float(v) for v in g[:4]],
                grad_last4=[float(v) for v in g[-4:]])


def w3_summary(ev):
    ev = np.asarray(ev, dtype=float).ravel()
    return dict(n_out=int(ev.size), sum=float(ev.sum()), mean=float(ev.mean()),
                first4=[float(v) for v in ev[:4]], last=float(ev[-1]))


def w4_summary(theta, loss_before, loss_after, acc_after):
    t = np.asarray(theta, dtype=float).ravel()
    return dict(theta_sum=float(t.sum()), theta_first4=[float(v) for v in t[:4]],
                loss_before=float(loss_before), loss_after=float(loss_after),
                acc_after=float(acc_after))


def env_info(**versions):
    info = dict(python=platform.python_version(), numpy=np.__version__,
                cpus=os.cpu_count(),
                omp_num_threads=os.environ.get("OMP_NUM_THREADS"),
                openblas_num_threads=os.environ.get("OPENBLAS_NUM_THREADS"),
                tag=os.environ.get("BENCH_TAG"))
    info.update(versions)
    return info


def emit(record: dict, out_path: str | None = None):
    line = json.dumps(record, sort_keys=False)
    print(line, flush=True)
    if out_path:
        with open(out_path, "a") as fh:
            fh.write(line + "\n")
