#!/usr/bin/env python
"""PennyLane peer benchmark (default.qubit / lightning.qubit).

Usage examples (see README.md):
  python bench_pennylane.py W1 --n 8 --L 8 --device default.qubit --diff backprop
  python bench_pennylane.py W2 --device lightning.qubit --diff adjoint --samples 200
  python bench_pennylane.py W3 --device default.qubit --mode broadcast
  python bench_pennylane.py W4 --device default.qubit --diff backprop
Prints one JSON line (and appends it to --out if given).
"""
from __future__ import annotations

import argparse
import time
from importlib.metadata import version

import numpy as np
import pennylane as qml
from pennylane import numpy as pnp

import os
import sys

# The workload definitions live one directory up, in benchmarks/workloads.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import workloads as C  # noqa: E402

ROT = {0: qml.RX, 1: qml.RY, 2: qml.RZ}


def ansatz(theta, n, L):
    """L layers of [RY, RZ on every qubit] + CZ ladder (0,1),...,(n-2,n-1)."""
    for l in range(L):
        for q in range(n):
            qml.RY(theta[l, q, 0], wires=q)
            qml.RZ(theta[l, q, 1], wires=q)
        for q in range(n - 1):
            qml.CZ(wires=[q, q + 1])


def make_device(name, n):
    return qml.device(name, wires=n)


# ------------------------------------------------------------------ W1
def run_w1(a):
    n, L = a.n, a.L
    dev = make_device(a.device, n)

    @qml.qnode(dev, diff_method=a.diff)
    def cost(theta):
        ansatz(theta, n, L)
        return qml.expval(qml.Z(0) @ qml.Z(1))

    theta = pnp.array(C.w1_params(n, L), requires_grad=True)
    grad_fn = qml.grad(cost)
    value = float(cost(theta))
    grad, timing = C.measure(lambda: grad_fn(theta), cap=a.cap)
    return dict(size=dict(n=n, L=L, n_params=2 * n * L),
                result=C.w1_summary(value, grad)), timing


def run_w1f(a):
    """W1F: forward pass only (the cost value) of the W1 circuit."""
    n, L = a.n, a.L
    dev = make_device(a.device, n)

    @qml.qnode(dev, diff_method=None)
    def cost(theta):
        ansatz(theta, n, L)
        return qml.expval(qml.Z(0) @ qml.Z(1))

    theta = C.w1_params(n, L)
    value, timing = C.measure(lambda: float(cost(theta)), cap=a.cap)
    return dict(size=dict(n=n, L=L, n_params=2 * n * L), result=dict(cost=value)), timing


# ------------------------------------------------------------------ W2
def run_w2(a):
    ns = [int(v) for v in a.ns.split(",")]
    L = C.W2_LAYERS

    def build(n):
        dev = make_device(a.device, n)

        @qml.qnode(dev, diff_method=a.diff)
        def circ(first, rest, axes):
            for q in range(n):
                qml.RY(np.pi / 4, wires=q)
            for l in range(L):
                for q in range(n):
                    ang = first if (l == 0 and q == 0) else rest[l, q]
                    ROT[int(axes[l, q])](ang, wires=q)
                for q in range(n - 1):
                    qml.CZ(wires=[q, q + 1])
            return qml.expval(qml.Z(0) @ qml.Z(1))

        return qml.grad(circ, argnums=0)

    def grads_for(n, samples):
        g = build(n)
        out = []
        for axes, angles in C.bp_circuits(n, samples):
            first = pnp.array(angles[0, 0], requires_grad=True)
            rest = pnp.array(angles, requires_grad=False)
            out.append(float(g(first, rest, axes)))
        return out

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
def run_w3(a):
    X, theta = C.w3_data()
    n, L = C.W3_N, C.W3_L
    dev = make_device(a.device, n)

    @qml.qnode(dev)
    def f(x, th):
        for i in range(n):
            qml.RY(x[..., i], wires=i)
        ansatz(th, n, L)
        return qml.expval(qml.Z(0))

    if a.mode == "broadcast":
        fn = lambda: np.asarray(f(X, theta))
    else:
        fn = lambda: np.array([f(x, theta) for x in X])
    ev, timing = C.measure(fn, cap=a.cap)
    return dict(size=dict(B=C.W3_B, n=n, L=L), result=C.w3_summary(ev)), timing


# ------------------------------------------------------------------ W4
def run_w4(a):
    Xs, y, theta0, batches = C.w4_data()
    n, L = C.W4_N, C.W4_L
    dev = make_device(a.device, n)

    @qml.qnode(dev, diff_method=a.diff)
    def model(x, th):
        qml.RY(x[..., 0], wires=0)
        qml.RY(x[..., 1], wires=1)
        qml.RY(x[..., 0], wires=2)
        qml.RY(x[..., 1], wires=3)
        ansatz(th, n, L)
        return qml.expval(qml.Z(0))

    if a.mode == "broadcast":
        def predict(th, xb):
            return (1 + model(xb, th)) / 2
    else:
        def predict(th, xb):
            return (1 + pnp.stack([model(x, th) for x in xb])) / 2

    def loss(th, xb, yb):
        return pnp.mean((predict(th, xb) - yb) ** 2)

    grad_fn = qml.grad(loss, argnums=0)

    def epoch():
        th = pnp.array(theta0, requires_grad=True)
        for idx in batches:
            xb = pnp.array(Xs[idx], requires_grad=False)
            yb = pnp.array(y[idx], requires_grad=False)
            th = th - C.W4_LR * grad_fn(th, xb, yb)
            th = pnp.array(th, requires_grad=True)
        return th

    theta, timing = C.measure(epoch, cap=a.cap)

    def full_eval(th):
        p = np.asarray(predict(pnp.array(th, requires_grad=False),
                               pnp.array(Xs, requires_grad=False)))
        return float(np.mean((p - y) ** 2)), float(np.mean((p > 0.5) == y))

    lb, _ = full_eval(theta0)
    la, acc = full_eval(theta)
    return dict(size=dict(n=n, L=L, N=len(y), batch=C.W4_BATCH, steps=len(batches)),
                result=C.w4_summary(theta, lb, la, acc)), timing


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["W1", "W1F", "W2", "W3", "W4"])
    p.add_argument("--device", default="default.qubit")
    p.add_argument("--diff", default="backprop",
                   help="backprop | adjoint | parameter-shift (ignored by W1F, W3)")
    p.add_argument("--n", type=int, default=4)
    p.add_argument("--L", type=int, default=4)
    p.add_argument("--ns", default=",".join(map(str, C.W2_NS)))
    p.add_argument("--samples", type=int, default=C.W2_SAMPLES)
    p.add_argument("--mode", default="broadcast", choices=["broadcast", "loop"])
    p.add_argument("--cap", type=float, default=45.0,
                   help="skip repeats if the warm-up run exceeds this many seconds")
    p.add_argument("--out", default=None, help="append the JSON line to this file")
    a = p.parse_args()
    fn = dict(W1=run_w1, W1F=run_w1f, W2=run_w2, W3=run_w3, W4=run_w4)[a.workload]
    body, timing = fn(a)
    cfg = dict(device=a.device)
    if a.workload not in ("W1F", "W3"):
        cfg["diff_method"] = a.diff
    if a.workload in ("W3", "W4"):
        cfg["mode"] = a.mode
    rec = dict(peer="pennylane", config=cfg, workload=a.workload, **body, **timing,
               env=C.env_info(pennylane=qml.__version__,
                              pennylane_lightning=version("pennylane_lightning")))
    C.emit(rec, a.out)


if __name__ == "__main__":
    main()
