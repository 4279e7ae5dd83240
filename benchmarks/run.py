#!/usr/bin/env python
"""Time qmlkit on the benchmark workloads W1, W1F, W2, W3, W4 and, with --peers, the PennyLane and Qiskit peers.

Usage::

    python benchmarks/run.py                      # every workload, every size
    python benchmarks/run.py W1 --n 12 --L 12     # one W1 size
    python benchmarks/run.py W2 W3 --peers --peer-python PEERVENV/bin/python
    python benchmarks/run.py --table results.jsonl   # markdown table of saved lines

Standard output carries one JSON line per measurement, with the fields of the
peer scripts (``peer``, ``config``, ``workload``, ``size``, ``result``,
``median_s``, ``min_s``, ``repeats``, ``warmup_s``, ``foreign_cores``, ...).
With ``--peers`` each peer line also carries ``vs_qmlkit``: the ratio of its
median to qmlkit's median measured just before it in the same call, and
whether the computed results agree to 1e-8. Peer runs that would take more
than ``--budget`` seconds are skipped (a JSON line with ``"status": "skipped"``
says so); progress goes to standard error.

The workload functions (``w1_task``, ``w2_sweep``, ``run_w3``, ...) can be
called without any timing; ``tests/test_benchmarks.py`` does that.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import workloads as C  # noqa: E402

import qmlkit as qk  # noqa: E402
from qmlkit.landscape import mcclean_gradients  # noqa: E402

WORKLOADS = ("W1", "W1F", "W2", "W3", "W4")
TOL = 1e-8


# ============================================================================ qmlkit workloads
def add_ansatz(c: qk.Circuit, n: int, L: int) -> qk.Circuit:
    """The W1 ansatz: per layer RY(θ[l,q,0]) RZ(θ[l,q,1]) on every qubit, then CZ(0,1), …, CZ(n-2,n-1).

    Parameter index (l*n+q)*2+k, as in ``workloads.w1_params(n, L).ravel()``.
    """
    for l in range(L):
        for q in range(n):
            c.ry(qk.Param((l * n + q) * 2), q).rz(qk.Param((l * n + q) * 2 + 1), q)
        for q in range(n - 1):
            c.cz(q, q + 1)
    return c


@dataclass
class Task:
    """One workload instance: ``fn`` is the timed call, ``summarize`` turns its output into ``result``."""

    workload: str
    size: dict
    config: dict
    fn: Callable
    summarize: Callable

    def compute(self) -> dict:
        """The cross-check result, without timing."""
        return self.summarize(self.fn())


def w1_task(n: int, L: int) -> Task:
    c = add_ansatz(qk.Circuit(n), n, L)
    obs = qk.Z(0) @ qk.Z(1)
    theta = C.w1_params(n, L).ravel()
    c.program                                               # compile outside the timing
    return Task("W1", dict(n=n, L=L, n_params=2 * n * L), dict(diff_method="adjoint"),
                lambda: qk.value_and_jacobian(c, obs, theta, method="adjoint"),
                lambda out: C.w1_summary(out[0], out[1]))


def w1f_task(n: int, L: int) -> Task:
    c = add_ansatz(qk.Circuit(n), n, L)
    obs = qk.Z(0) @ qk.Z(1)
    theta = C.w1_params(n, L).ravel()
    c.program
    return Task("W1F", dict(n=n, L=L, n_params=2 * n * L), dict(),
                lambda: float(c.expval(obs, theta)),
                lambda v: dict(cost=float(v)))


def w2_inputs(n: int, samples: int):
    """The W2 random circuits as arrays ``(samples, 50, n)``, from the shared stream."""
    axes, angles = zip(*C.bp_circuits(n, samples))
    return np.array(axes), np.array(angles)


def w2_gradients(n: int, samples: int) -> np.ndarray:
    """∂⟨Z0 Z1⟩/∂angles[0, 0] of each of the ``samples`` circuits (drawing them included)."""
    return mcclean_gradients(*w2_inputs(n, samples))


def w2_sweep(ns=C.W2_NS, samples: int = C.W2_SAMPLES) -> tuple[dict, float]:
    """One W2 sweep: ``({str(n): time_s, variance, mean, first3}, total seconds)``."""
    per_n, total = {}, 0.0
    for n in ns:
        t0 = time.perf_counter()
        g = w2_gradients(n, samples)
        dt = time.perf_counter() - t0
        total += dt
        per_n[str(n)] = dict(time_s=dt, variance=float(np.var(g)), mean=float(np.mean(g)),
                             first3=[float(v) for v in g[:3]])
    return per_n, total


def w3_task() -> Task:
    X, theta = C.w3_data()
    n, L = C.W3_N, C.W3_L
    c = qk.Circuit(n)
    for i in range(n):
        c.ry(qk.Feature(i), i)
    add_ansatz(c, n, L)
    obs = qk.Z(0)
    th = theta.ravel()
    c.program
    return Task("W3", dict(B=C.W3_B, n=n, L=L), dict(mode="batch"),
                lambda: c.expval(obs, th, X), C.w3_summary)


def w4_model() -> qk.Circuit:
    m = qk.Circuit(C.W4_N)
    m.ry(qk.Feature(0), 0).ry(qk.Feature(1), 1).ry(qk.Feature(0), 2).ry(qk.Feature(1), 3)
    return add_ansatz(m, C.W4_N, C.W4_L)


def w4_epoch(m, Xs, y, theta0, batches) -> np.ndarray:
    """One epoch of minibatch SGD on the MSE of p = (1 + ⟨Z0⟩)/2, adjoint gradients."""
    obs = qk.Z(0)
    th = theta0.ravel().copy()
    for idx in batches:
        v, jac = qk.value_and_jacobian(m, obs, th, Xs[idx], method="adjoint")
        p = (1.0 + v) / 2.0
        dl_dv = 2.0 * (p - y[idx]) / len(idx) * 0.5          # dL/dp · dp/dv
        th = th - C.W4_LR * (dl_dv @ jac)
    return th


def w4_task() -> Task:
    Xs, y, theta0, batches = C.w4_data()
    m = w4_model()
    m.program
    obs = qk.Z(0)

    def full_eval(th):
        p = (1.0 + m.expval(obs, np.ravel(th), Xs)) / 2.0
        return float(np.mean((p - y) ** 2)), float(np.mean((p > 0.5) == y))

    def summarize(theta):
        lb, _ = full_eval(theta0)
        la, acc = full_eval(theta)
        return C.w4_summary(theta, lb, la, acc)

    return Task("W4", dict(n=C.W4_N, L=C.W4_L, N=len(y), batch=C.W4_BATCH, steps=len(batches)),
                dict(diff_method="adjoint", mode="batch"),
                lambda: w4_epoch(m, Xs, y, theta0, batches), summarize)


# untimed entry points (used by the tests)
def run_w1(n: int, L: int) -> dict:
    return w1_task(n, L).compute()


def run_w1f(n: int, L: int) -> dict:
    return w1f_task(n, L).compute()


def run_w2(ns=C.W2_NS, samples: int = C.W2_SAMPLES) -> dict:
    return w2_sweep(ns, samples)[0]


def run_w3() -> dict:
    return w3_task().compute()


def run_w4() -> dict:
    return w4_task().compute()


# ============================================================================ measuring
def progress(msg: str):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _cpu_sample():
    with open("/proc/stat") as fh:
        f = [int(v) for v in fh.readline().split()[1:9]]
    return sum(f), f[3] + f[4]                       # total, idle + iowait


def wait_idle(busy_pct: float, max_wait: float) -> None:
    """Wait until the machine is < busy_pct % busy over 2 s (as peers' run_all.sh), at most max_wait s."""
    start = time.monotonic()
    while True:
        try:
            a = _cpu_sample()
            time.sleep(2)
            b = _cpu_sample()
        except OSError:
            return
        busy = 100.0 * ((b[0] - a[0]) - (b[1] - a[1])) / max(1, b[0] - a[0])
        if busy < busy_pct:
            return
        if time.monotonic() - start >= max_wait:
            progress(f"proceeding although busy={busy:.0f}%")
            return
        progress(f"waiting for an idle machine (busy={busy:.0f}%)")
        time.sleep(10)


def measure_w2(ns, samples, cap=45.0, min_repeats=5, min_total=2.0):
    """W2 timing: the peers' 2-sample warm-up at n=4, then whole sweeps under `measure`'s repeat rule.

    The peers time a single sweep; qmlkit's is short, so it is repeated until
    the repeats add up to 2 s (or 5 repeats and 1 s). The per-n times are the
    medians over the sweeps.
    """
    t0 = time.perf_counter()
    w2_gradients(4, 2)
    warm = time.perf_counter() - t0
    ld = C.load_start()
    sweeps, totals = [], []
    while True:
        per_n, total = w2_sweep(ns, samples)
        sweeps.append(per_n)
        totals.append(total)
        tot = sum(totals)
        if tot >= min_total or (len(totals) >= min_repeats and tot >= min_total / 2) or tot > cap:
            break
    per_n = sweeps[-1]
    for k in per_n:
        per_n[k]["time_s"] = statistics.median(s[k]["time_s"] for s in sweeps)
    timing = dict(median_s=statistics.median(totals), min_s=min(totals), repeats=len(totals),
                  warmup_s=warm, cold_only=False,
                  note="2-sample warm-up at n=4, then whole sweeps; per-n times are medians",
                  times_s=[round(t, 6) for t in totals[:20]], **C.load_stop(ld))
    return per_n, timing


def qmlkit_version() -> dict:
    """qmlkit's version and, if the imported qmlkit sits in a git checkout, its commit
    (``+dirty`` when qmlkit/ has uncommitted edits)."""
    info = dict(qmlkit=qk.__version__)
    root = Path(qk.__file__).resolve().parent.parent
    if not (root / ".git").exists():
        return info
    try:
        git = ["git", "-C", str(root)]
        head = subprocess.run(git + ["rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(git + ["status", "--porcelain", "--", "qmlkit"], capture_output=True,
                               text=True, timeout=10).stdout.strip()
        if head:
            info["qmlkit_commit"] = head + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return info


def qmlkit_record(workload, size_key, cap):
    """Measure qmlkit once: the JSON record (without emitting it)."""
    if workload == "W2":
        ns, samples = size_key
        result, timing = measure_w2(list(ns), samples, cap=cap)
        size, config = dict(ns=list(ns), L=C.W2_LAYERS, samples=samples), \
            dict(diff_method="forward-mode tangent (landscape.mcclean_gradients)")
    else:
        task = {"W1": lambda: w1_task(*size_key), "W1F": lambda: w1f_task(*size_key),
                "W3": w3_task, "W4": w4_task}[workload]()
        out, timing = C.measure(task.fn, cap=cap)
        result, size, config = task.summarize(out), task.size, task.config
    return dict(peer="qmlkit", config=config, workload=workload, size=size, result=result,
                **timing, env=C.env_info(**qmlkit_version()))


# ============================================================================ peers
@dataclass
class PeerConfig:
    label: str            # the configuration, as the summary table names it
    script: str           # file in benchmarks/peers/
    args: list            # extra command-line arguments
    module: str           # what must be importable in the peer interpreter
    core: bool = True     # run by --peers; the others need --all-peers
    column: str = ""      # summary-table column (default: the label)

    def __post_init__(self):
        self.column = self.column or self.label


def peer_configs(workload: str) -> list[PeerConfig]:
    """The peer configurations for a workload: the best method of default.qubit, lightning.qubit
    adjoint, Qiskit Aer; plus (core=False) the slower ones measured in the peers' RESULTS.md."""
    pl, qs = "bench_pennylane.py", "bench_qiskit.py"
    dq, lq = ["--device", "default.qubit"], ["--device", "lightning.qubit"]
    DQ, LQ = "default.qubit (best method)", "lightning.qubit (adjoint)"
    aer = PeerConfig("Qiskit Aer", qs, ["--impl", "aer"], "qiskit_aer")
    if workload == "W1F":
        return [PeerConfig("default.qubit", pl, dq, "pennylane", column=DQ),
                PeerConfig("lightning.qubit", pl, lq, "pennylane", column=LQ), aer,
                PeerConfig("Qiskit Statevector", qs, ["--impl", "sv"], "qiskit", False)]
    if workload == "W3":
        return [PeerConfig("default.qubit broadcast", pl, dq + ["--mode", "broadcast"], "pennylane",
                           column=DQ),
                PeerConfig("lightning.qubit broadcast", pl, lq + ["--mode", "broadcast"], "pennylane",
                           column=LQ), aer,
                PeerConfig("default.qubit loop", pl, dq + ["--mode", "loop"], "pennylane", False),
                PeerConfig("lightning.qubit loop", pl, lq + ["--mode", "loop"], "pennylane", False),
                PeerConfig("Qiskit Statevector", qs, ["--impl", "sv"], "qiskit", False),
                PeerConfig("Qiskit StatevectorEstimator", qs, ["--impl", "estimator"], "qiskit",
                           False)]
    mode = ["--mode", "broadcast"] if workload == "W4" else []
    out = [PeerConfig("default.qubit backprop", pl, dq + ["--diff", "backprop"] + mode, "pennylane",
                      column=DQ),
           PeerConfig("lightning.qubit adjoint", pl, lq + ["--diff", "adjoint"] + mode, "pennylane",
                      column=LQ),
           aer,
           PeerConfig("default.qubit adjoint", pl, dq + ["--diff", "adjoint"] + mode, "pennylane",
                      False),
           PeerConfig("default.qubit parameter-shift", pl, dq + ["--diff", "parameter-shift"] + mode,
                      "pennylane", False),
           PeerConfig("Qiskit Statevector", qs, ["--impl", "sv"], "qiskit", False),
           PeerConfig("Qiskit StatevectorEstimator", qs, ["--impl", "estimator"], "qiskit", False)]
    if workload == "W4":
        out.append(PeerConfig("default.qubit loop", pl, dq + ["--diff", "backprop", "--mode", "loop"],
                              "pennylane", False))
    return out


# Seconds for ONE evaluation on this machine when idle (peers' RESULTS.md), for the
# configurations that can exceed the budget; W2 entries are a whole 200-sample sweep.
PEER_SECONDS = {
    ("W1", "default.qubit backprop", (20, 4)): 9.9,        # first call; 2.5 s after
    ("W1", "default.qubit adjoint", (20, 4)): 3.7,
    ("W1", "default.qubit parameter-shift", (8, 8)): 1.72,
    ("W1", "default.qubit parameter-shift", (12, 12)): 10.6,
    ("W1", "default.qubit parameter-shift", (16, 16)): 350.0,
    ("W1", "default.qubit parameter-shift", (20, 4)): 290.0,
    ("W1", "Qiskit Statevector", (12, 12)): 6.9,
    ("W1", "Qiskit Statevector", (16, 16)): 410.0,
    ("W1", "Qiskit Statevector", (20, 4)): 420.0,
    ("W1", "Qiskit StatevectorEstimator", (12, 12)): 7.0,
    ("W1", "Qiskit StatevectorEstimator", (16, 16)): 410.0,
    ("W1", "Qiskit StatevectorEstimator", (20, 4)): 420.0,
    ("W1", "Qiskit Aer", (12, 12)): 2.3,
    ("W1", "Qiskit Aer", (16, 16)): 52.0,
    ("W1", "Qiskit Aer", (20, 4)): 55.0,
    ("W2", "default.qubit backprop", None): 154.0,
    ("W2", "default.qubit adjoint", None): 155.0,
    ("W2", "default.qubit parameter-shift", None): 172.0,
    ("W2", "lightning.qubit adjoint", None): 38.3,
    ("W2", "Qiskit Statevector", None): 35.6,
    ("W2", "Qiskit StatevectorEstimator", None): 35.5,
    ("W2", "Qiskit Aer", None): 18.5,
    ("W3", "default.qubit loop", None): 5.6,
    ("W3", "lightning.qubit loop", None): 2.8,
    ("W4", "Qiskit Statevector", None): 7.4,
    ("W4", "Qiskit StatevectorEstimator", None): 7.7,
    ("W4", "default.qubit loop", None): 3.5,
}
W2_REDUCED_SAMPLES = 50          # prefix of the same circuit stream, as peers' run_all.sh falls back to


def plan_peer(workload, label, size_key, budget, cap):
    """(run?, samples for W2 or None, reason): skip or shrink runs estimated to exceed the budget."""
    if workload == "W2":
        ns, samples = size_key
        est = PEER_SECONDS.get(("W2", label, None))
        if est is None:
            return True, samples, ""
        est *= samples / C.W2_SAMPLES * sum(n for n in ns) / sum(C.W2_NS)   # rough
        if est <= budget:
            return True, samples, ""
        red = min(samples, W2_REDUCED_SAMPLES)
        if est * red / samples <= budget:
            return True, red, (f"a {samples}-sample sweep is estimated at {est:.0f} s, over the "
                               f"~{budget:.0f} s budget: run with the first {red} samples and "
                               f"compared with qmlkit on the same {red}")
        return False, None, f"estimated {est:.0f} s even with {red} samples"
    key = tuple(size_key) if workload in ("W1", "W1F") else None
    est = PEER_SECONDS.get((workload, label, key))
    if est is None:
        return True, None, ""
    wall = est if est > cap else est + max(est, 2.0)      # warm-up + repeats, as `measure`
    if est > cap or wall > budget:
        return False, None, (f"estimated {est:.0f} s per evaluation (peers' RESULTS.md, idle), "
                             f"about {wall:.0f} s with the warm-up: over the ~{budget:.0f} s budget")
    return True, None, ""


_AVAILABLE: dict = {}


def peer_available(python: str, module: str) -> bool:
    if (python, module) not in _AVAILABLE:
        r = subprocess.run([python, "-c", f"import {module}"], capture_output=True, text=True)
        _AVAILABLE[(python, module)] = r.returncode == 0
        if r.returncode != 0:
            progress(f"{module} is not importable by {python}: its peer runs are skipped")
    return _AVAILABLE[(python, module)]


def run_peer(python, pc: PeerConfig, workload, size_key, samples, cap, timeout):
    """Run one peer script; its JSON record, or a status record."""
    cmd = [python, str(HERE / "peers" / pc.script), workload] + pc.args + ["--cap", str(cap)]
    if workload in ("W1", "W1F"):
        cmd += ["--n", str(size_key[0]), "--L", str(size_key[1])]
    if workload == "W2":
        cmd += ["--ns", ",".join(map(str, size_key[0])), "--samples", str(samples)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return dict(status="timeout", reason=f"killed after {timeout:.0f} s")
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    if r.returncode != 0 or not lines:
        tail = " | ".join(r.stderr.strip().splitlines()[-3:])
        return dict(status="error", reason=f"exit code {r.returncode}: {tail}")
    return json.loads(lines[-1])


# ============================================================================ agreement
def _flat(v):
    return [float(x) for x in np.ravel(v)]


AGREE_FIELDS = {
    "W1": ["cost", "grad_sum", "grad_abs_sum", "grad_norm", "grad_first4", "grad_last4"],
    "W1F": ["cost"],
    "W3": ["sum", "mean", "first4", "last"],
    "W4": ["theta_sum", "theta_first4", "loss_before", "loss_after", "acc_after"],
}


def agreement(workload, mine: dict, theirs: dict) -> dict:
    """Compare the cross-check values: absolute 1e-8, and relative 1e-8 for the W2 variances."""
    abs_diffs, rel_diffs, compared = [], [], []
    if workload == "W2":
        for n, r in mine.items():
            if n not in theirs:
                continue
            compared.append(n)
            t = theirs[n]
            rel_diffs.append(abs(r["variance"] - t["variance"]) / abs(t["variance"]))
            abs_diffs += [abs(a - b) for a, b in zip(_flat([r["mean"]] + r["first3"]),
                                                       _flat([t["mean"]] + t["first3"]))]
        ok = bool(compared) and max(rel_diffs) <= TOL and max(abs_diffs) <= TOL
        return dict(agree=ok, max_abs_diff=max(abs_diffs, default=None),
                    max_rel_diff_variance=max(rel_diffs, default=None), compared_ns=compared)
    for f in AGREE_FIELDS[workload]:
        if f in mine and f in theirs:
            compared.append(f)
            abs_diffs += [abs(a - b) for a, b in zip(_flat(mine[f]), _flat(theirs[f]))]
    ok = bool(compared) and max(abs_diffs) <= TOL
    return dict(agree=ok, max_abs_diff=max(abs_diffs, default=None), compared=compared)


# ============================================================================ summary table
def _fmt_s(t):
    if t is None:
        return "–"
    return f"{t * 1e3:.3g} ms" if t < 1 else f"{t:.3g} s"


def _size_label(rec):
    s = rec.get("size") or {}
    if rec["workload"] in ("W1", "W1F"):
        return f"({s.get('n')},{s.get('L')})"
    if rec["workload"] == "W2":
        ns = s.get("ns", C.W2_NS)
        return f"{s.get('samples', C.W2_SAMPLES)} samples" + \
            ("" if ns == C.W2_NS else f", n={','.join(map(str, ns))}")
    if rec["workload"] == "W3":
        return f"B={s.get('B', C.W3_B)}"
    return "epoch"


def render_table(records: list[dict]) -> str:
    """A markdown table: qmlkit's median, then each peer's median and ratio peer/qmlkit."""
    rows, cols = {}, []
    for rec in records:
        wl = rec.get("workload")
        if wl not in WORKLOADS:
            continue
        if rec.get("peer") == "qmlkit" and "median_s" in rec:
            row = rows.setdefault((wl, _size_label(rec)), {})
            row["qmlkit"] = _fmt_s(rec["median_s"]) + (f" [fc {rec['foreign_cores']}]"
                                                        if (rec.get("foreign_cores") or 0) > 0.1
                                                        else "")
            continue
        cmp = rec.get("vs_qmlkit")
        if not cmp:
            continue
        label = cmp.get("column", cmp["label"])
        if label not in cols:
            cols.append(label)
        row = rows.setdefault((wl, cmp["size_label"]), {})
        if rec.get("status"):
            row[label] = rec["status"]
        else:
            cell = f"{_fmt_s(rec['median_s'])} ({cmp['ratio']:.3g}×)"
            if not cmp["agree"]:
                cell += " DISAGREE"
            if (rec.get("foreign_cores") or 0) > 0.1:
                cell += f" [fc {rec['foreign_cores']}]"
            row[label] = cell
    head = ["workload", "size", "qmlkit"] + cols
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (wl, sz), row in rows.items():
        out.append("| " + " | ".join([wl, sz, row.get("qmlkit", "–")]
                                     + [row.get(c, "–") for c in cols]) + " |")
    return "\n".join(out)


# ============================================================================ main
def sizes_for(workload, a):
    if workload in ("W1", "W1F"):
        if a.n is not None or a.L is not None:
            return [(a.n or 4, a.L or 4)]
        return list(C.W1_SIZES)
    if workload == "W2":
        return [(tuple(int(v) for v in a.ns.split(",")), a.samples)]
    return [None]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("workloads", nargs="*", metavar="WORKLOAD",
                   help=f"any of {', '.join(WORKLOADS)} (default: all)")
    p.add_argument("--n", type=int, default=None, help="W1/W1F: number of qubits (one size)")
    p.add_argument("--L", type=int, default=None, help="W1/W1F: number of layers (one size)")
    p.add_argument("--ns", default=",".join(map(str, C.W2_NS)), help="W2: qubit counts")
    p.add_argument("--samples", type=int, default=C.W2_SAMPLES, help="W2: circuits per n")
    p.add_argument("--peers", action="store_true",
                   help="also run the installed peers, interleaved, with ratios and agreement")
    p.add_argument("--all-peers", action="store_true",
                   help="with --peers: also the slower configurations (default.qubit adjoint and "
                        "parameter-shift, Qiskit Statevector/StatevectorEstimator, loop modes)")
    p.add_argument("--peer-python", default=sys.executable,
                   help="interpreter that has pennylane / qiskit installed (default: this one)")
    p.add_argument("--budget", type=float, default=60.0,
                   help="skip (or, for W2, shrink) peer runs estimated to take longer (s)")
    p.add_argument("--peer-timeout", type=float, default=300.0)
    p.add_argument("--cap", type=float, default=45.0,
                   help="no repeats if the warm-up exceeds this many seconds (as the peers)")
    p.add_argument("--wait-idle", action="store_true",
                   help="before each measurement wait for < --idle-busy-pct %% CPU over 2 s")
    p.add_argument("--idle-busy-pct", type=float, default=10.0)
    p.add_argument("--idle-max-wait", type=float, default=900.0)
    p.add_argument("--retry-contended", type=int, default=0, metavar="K",
                   help="re-run a measurement up to K times while its foreign_cores > "
                        "--max-foreign; the least contended one is kept")
    p.add_argument("--max-foreign", type=float, default=0.1)
    p.add_argument("--out", default=None, help="append the JSON lines to this file as well")
    p.add_argument("--table", nargs="+", default=None, metavar="JSONL",
                   help="print the markdown summary of saved JSON lines and exit; with several "
                        "files, a later file's measurement replaces an earlier one's")
    a = p.parse_args(argv)

    if a.table:
        records = []
        for path in a.table:
            with open(path) as fh:
                records += [json.loads(ln) for ln in fh if ln.strip().startswith("{")]
        print(render_table(records))
        return 0
    bad = [w for w in a.workloads if w not in WORKLOADS]
    if bad:
        p.error(f"unknown workload(s) {bad}; choose from {WORKLOADS}")
    chosen = [w for w in WORKLOADS if w in a.workloads] if a.workloads else list(WORKLOADS)
    emitted = []

    def emit(rec):
        C.emit(rec, a.out)
        emitted.append(rec)

    def measured(what, fn):
        """Run fn (returns a record), waiting for idle and retrying contended runs as asked."""
        kept, discarded = None, []
        for attempt in range(a.retry_contended + 1):
            if a.wait_idle:
                wait_idle(a.idle_busy_pct, a.idle_max_wait)
            rec = fn()
            fc = rec.get("foreign_cores")
            if kept is None or (fc is not None and (kept.get("foreign_cores") or 0) > (fc or 0)):
                if kept is not None:
                    discarded.append(kept.get("foreign_cores"))
                kept = rec
            else:
                discarded.append(fc)
            if rec.get("status") or fc is None or fc <= a.max_foreign:
                break
            if attempt < a.retry_contended:
                progress(f"{what}: foreign_cores={fc} > {a.max_foreign}, measuring again")
        if discarded:
            kept["discarded_foreign_cores"] = discarded
        return kept

    qcache = {}

    def qmlkit_measure(wl, size_key):
        progress(f"qmlkit {wl} {size_key if size_key is not None else ''}")
        rec = measured(f"qmlkit {wl}", lambda: qmlkit_record(wl, size_key, a.cap))
        emit(rec)
        qcache[(wl, size_key)] = rec
        progress(f"  qmlkit {wl}: median {_fmt_s(rec['median_s'])}, "
                 f"foreign_cores {rec.get('foreign_cores')}")
        return rec

    for wl in chosen:
        for size_key in sizes_for(wl, a):
            q = qmlkit_measure(wl, size_key)
            if not a.peers:
                continue
            for pc in peer_configs(wl):
                if not (pc.core or a.all_peers):
                    continue
                go, samples, reason = plan_peer(wl, pc.label, size_key, a.budget, a.cap)
                base = dict(peer=pc.script.removeprefix("bench_").removesuffix(".py"),
                            config=dict(label=pc.label, args=pc.args), workload=wl)
                if not peer_available(a.peer_python, pc.module):
                    continue
                ref = q
                if wl == "W2" and samples != size_key[1]:
                    ref = qcache.get((wl, (size_key[0], samples))) or \
                        qmlkit_measure(wl, (size_key[0], samples))
                size_label = _size_label(ref)
                if not go:
                    rec = dict(base, size=ref["size"], status="skipped", reason=reason,
                               vs_qmlkit=dict(label=pc.label, column=pc.column,
                                              size_label=size_label))
                    progress(f"  {pc.label} {wl}: skipped ({reason})")
                    emit(rec)
                    continue
                if reason:
                    progress(f"  {pc.label} {wl}: {reason}")
                progress(f"  {pc.label} {wl} ...")
                rec = measured(f"{pc.label} {wl}",
                               lambda: run_peer(a.peer_python, pc, wl, size_key, samples, a.cap,
                                                a.peer_timeout))
                if rec.get("status"):
                    rec = dict(base, size=ref["size"], **rec)
                    rec["vs_qmlkit"] = dict(label=pc.label, column=pc.column, size_label=size_label)
                    progress(f"  {pc.label} {wl}: {rec['status']} ({rec['reason']})")
                    emit(rec)
                    continue
                cmp = agreement(wl, ref["result"], rec["result"])
                rec["vs_qmlkit"] = dict(label=pc.label, column=pc.column, size_label=size_label,
                                        ratio=rec["median_s"] / ref["median_s"],
                                        qmlkit_median_s=ref["median_s"], **cmp,
                                        **({"note": reason} if reason else {}))
                emit(rec)
                progress(f"  {pc.label} {wl}: median {_fmt_s(rec['median_s'])}, "
                         f"ratio {rec['vs_qmlkit']['ratio']:.3g}x, agree={cmp['agree']} "
                         f"(max diff {cmp['max_abs_diff']:.2g}), "
                         f"foreign_cores {rec.get('foreign_cores')}")
    if a.peers or len(emitted) > 1:
        print("\n" + render_table(emitted), file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
