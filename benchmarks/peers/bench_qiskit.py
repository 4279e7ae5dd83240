#!/usr/bin/env python
"""Qiskit peer benchmark.

Implementations (--impl):
  sv         qiskit.quantum_info.Statevector, one bound circuit at a time
             (circuit.assign_parameters -> Statevector(circuit) ->
             expectation_value(SparsePauliOp)); a Python loop over all
             parameter sets.
  estimator  qiskit.primitives.StatevectorEstimator (reference V2 primitive),
             all parameter sets of a step in ONE run() call (PUB with a
             parameter-value array) -- Qiskit's batching idiom.
  aer        qiskit_aer.primitives.EstimatorV2 (method="statevector",
             precision 0 = exact expectation values), same PUB batching.
Qiskit has no autodiff: gradients use the parameter-shift rule
(2 circuits per parameter, plus the unshifted circuit), built as one
parameter-value array, exactly as qiskit-machine-learning does internally.

Usage examples (see README.md):
  python bench_qiskit.py W1 --n 8 --L 8 --impl aer
  python bench_qiskit.py W2 --impl sv --samples 200
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import qiskit
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter, ParameterVector
from qiskit.quantum_info import SparsePauliOp, Statevector

import os
import sys

# The workload definitions live one directory up, in benchmarks/workloads.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import workloads as C  # noqa: E402

SHIFT = np.pi / 2


def zz01(n):
    return SparsePauliOp.from_sparse_list([("ZZ", [0, 1], 1.0)], num_qubits=n)


def z0(n):
    return SparsePauliOp.from_sparse_list([("Z", [0], 1.0)], num_qubits=n)


def add_ansatz(qc, th, n, L):
    """th: flat sequence, index (l*n+q)*2 + k, k=0 -> RY, k=1 -> RZ."""
    for l in range(L):
        for q in range(n):
            qc.ry(th[(l * n + q) * 2], q)
            qc.rz(th[(l * n + q) * 2 + 1], q)
        for q in range(n - 1):
            qc.cz(q, q + 1)


class Evaluator:
    """evaluate(qc, op, rows): rows[i] lists values for `qc_params`."""

    def __init__(self, impl):
        self.impl = impl
        if impl == "estimator":
            from qiskit.primitives import StatevectorEstimator
            self.est = StatevectorEstimator()
        elif impl == "aer":
            from qiskit_aer.primitives import EstimatorV2
            self.est = EstimatorV2(options=dict(backend_options=dict(method="statevector")))

    @staticmethod
    def perm(qc, ordered_params):
        pos = {p: i for i, p in enumerate(qc.parameters)}
        return [pos[p] for p in ordered_params]

    def evaluate(self, qc, op, rows, ordered_params):
        """rows: (m, k) array whose columns follow `ordered_params`."""
        rows = np.atleast_2d(np.asarray(rows, dtype=float))
        vals = np.empty_like(rows)
        vals[:, self.perm(qc, ordered_params)] = rows
        if self.impl == "sv":
            return np.array([Statevector(qc.assign_parameters(v)).expectation_value(op).real
                             for v in vals])
        res = self.est.run([(qc, op, vals)]).result()
        return np.asarray(res[0].data.evs, dtype=float)

    def evaluate_many(self, pubs):
        """pubs: list of (qc, op, vals in circuit order); one run() call if batched."""
        if self.impl == "sv":
            return [np.array([Statevector(qc.assign_parameters(v)).expectation_value(op).real
                              for v in vals]) for qc, op, vals in pubs]
        res = self.est.run(pubs).result()
        return [np.asarray(r.data.evs, dtype=float) for r in res]


def shift_rows(theta):
    """(2P+1, P): unshifted, +pi/2 on each param, -pi/2 on each param."""
    P = theta.size
    rows = np.tile(theta, (2 * P + 1, 1))
    idx = np.arange(P)
    rows[1 + idx, idx] += SHIFT
    rows[1 + P + idx, idx] -= SHIFT
    return rows


# ------------------------------------------------------------------ W1
def run_w1(a, ev):
    n, L = a.n, a.L
    P = 2 * n * L
    th = ParameterVector("theta", P)
    qc = QuantumCircuit(n)
    add_ansatz(qc, th, n, L)
    op = zz01(n)
    theta = C.w1_params(n, L).ravel()
    params = list(th)

    def value_and_grad():
        e = ev.evaluate(qc, op, shift_rows(theta), params)
        return e[0], (e[1:P + 1] - e[P + 1:]) / 2

    (val, grad), timing = C.measure(value_and_grad, cap=a.cap)
    return dict(size=dict(n=n, L=L, n_params=P), result=C.w1_summary(val, grad)), timing


def run_w1f(a, ev):
    """W1F: forward pass only (the cost value) of the W1 circuit."""
    n, L = a.n, a.L
    P = 2 * n * L
    th = ParameterVector("theta", P)
    qc = QuantumCircuit(n)
    add_ansatz(qc, th, n, L)
    op = zz01(n)
    theta = C.w1_params(n, L).ravel()
    val, timing = C.measure(lambda: float(ev.evaluate(qc, op, theta[None, :], list(th))[0]),
                            cap=a.cap)
    return dict(size=dict(n=n, L=L, n_params=P), result=dict(cost=val)), timing


# ------------------------------------------------------------------ W2
GATE = {0: "rx", 1: "ry", 2: "rz"}


def run_w2(a, ev):
    ns = [int(v) for v in a.ns.split(",")]
    L = C.W2_LAYERS

    def grads_for(n, samples):
        op = zz01(n)
        pubs = []
        for axes, angles in C.bp_circuits(n, samples):
            p0 = Parameter("p0")
            qc = QuantumCircuit(n)
            for q in range(n):
                qc.ry(np.pi / 4, q)
            for l in range(L):
                for q in range(n):
                    ang = p0 if (l == 0 and q == 0) else float(angles[l, q])
                    getattr(qc, GATE[int(axes[l, q])])(ang, q)
                for q in range(n - 1):
                    qc.cz(q, q + 1)
            a0 = angles[0, 0]
            pubs.append((qc, op, np.array([[a0 + SHIFT], [a0 - SHIFT]])))
        res = ev.evaluate_many(pubs)
        return [float((r[0] - r[1]) / 2) for r in res]

    t0 = time.perf_counter()
    grads_for(4, 2)  # warm-up (not counted)
    warm = time.perf_counter() - t0
    per_n, total = {}, 0.0
    ld = C.load_start()
    for n in ns:
        t0 = time.perf_counter()
        gs = grads_for(n, a.samples)
        dt = time.perf_counter() - t0
        total += dt
        per_n[str(n)] = dict(time_s=dt, variance=float(np.var(gs)),
                             mean=float(np.mean(gs)), first3=gs[:3])
    timing = dict(median_s=total, min_s=total, repeats=1, warmup_s=warm,
                  cold_only=False, note="single timed sweep after 2-sample warm-up",
                  **C.load_stop(ld))
    return dict(size=dict(ns=ns, L=L, samples=a.samples), result=per_n), timing


# ------------------------------------------------------------------ W3
def run_w3(a, ev):
    X, theta = C.w3_data()
    n, L = C.W3_N, C.W3_L
    xv = ParameterVector("x", n)
    th = ParameterVector("theta", 2 * n * L)
    qc = QuantumCircuit(n)
    for i in range(n):
        qc.ry(xv[i], i)
    add_ansatz(qc, th, n, L)
    op = z0(n)
    rows = np.hstack([X, np.tile(theta.ravel(), (len(X), 1))])
    params = list(xv) + list(th)
    out, timing = C.measure(lambda: ev.evaluate(qc, op, rows, params), cap=a.cap)
    return dict(size=dict(B=C.W3_B, n=n, L=L), result=C.w3_summary(out)), timing


# ------------------------------------------------------------------ W4
def run_w4(a, ev):
    Xs, y, theta0, batches = C.w4_data()
    n, L = C.W4_N, C.W4_L
    P = 2 * n * L
    xv = ParameterVector("x", 2)
    th = ParameterVector("theta", P)
    qc = QuantumCircuit(n)
    qc.ry(xv[0], 0)
    qc.ry(xv[1], 1)
    qc.ry(xv[0], 2)
    qc.ry(xv[1], 3)
    add_ansatz(qc, th, n, L)
    op = z0(n)
    params = list(th) + list(xv)

    def epoch():
        theta = theta0.ravel().copy()
        for idx in batches:
            xb, yb = Xs[idx], y[idx]
            base = shift_rows(theta)  # (2P+1, P)
            rows = np.vstack([np.hstack([base, np.tile(x, (len(base), 1))]) for x in xb])
            e = ev.evaluate(qc, op, rows, params).reshape(len(xb), 2 * P + 1)
            p = (1 + e[:, 0]) / 2
            dp = (e[:, 1:P + 1] - e[:, P + 1:]) / 4  # d p / d theta
            grad = np.mean(2 * (p - yb)[:, None] * dp, axis=0)
            theta = theta - C.W4_LR * grad
        return theta

    theta, timing = C.measure(epoch, cap=a.cap)

    def full_eval(t):
        rows = np.hstack([np.tile(t.ravel(), (len(Xs), 1)), Xs])
        p = (1 + ev.evaluate(qc, op, rows, params)) / 2
        return float(np.mean((p - y) ** 2)), float(np.mean((p > 0.5) == y))

    lb, _ = full_eval(theta0)
    la, acc = full_eval(theta)
    return dict(size=dict(n=n, L=L, N=len(y), batch=C.W4_BATCH, steps=len(batches)),
                result=C.w4_summary(theta, lb, la, acc)), timing


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["W1", "W1F", "W2", "W3", "W4"])
    p.add_argument("--impl", default="sv", choices=["sv", "estimator", "aer"])
    p.add_argument("--n", type=int, default=4)
    p.add_argument("--L", type=int, default=4)
    p.add_argument("--ns", default=",".join(map(str, C.W2_NS)))
    p.add_argument("--samples", type=int, default=C.W2_SAMPLES)
    p.add_argument("--cap", type=float, default=45.0)
    p.add_argument("--out", default=None)
    a = p.parse_args()
    ev = Evaluator(a.impl)
    fn = dict(W1=run_w1, W1F=run_w1f, W2=run_w2, W3=run_w3, W4=run_w4)[a.workload]
    body, timing = fn(a, ev)
    versions = dict(qiskit=qiskit.__version__)
    if a.impl == "aer":
        import qiskit_aer
        versions["qiskit_aer"] = qiskit_aer.__version__
    rec = dict(peer="qiskit", config=dict(impl=a.impl), workload=a.workload, **body,
               **timing, env=C.env_info(**versions))
    C.emit(rec, a.out)


if __name__ == "__main__":
    main()
