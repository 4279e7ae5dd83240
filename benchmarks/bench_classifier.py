#!/usr/bin/env python
"""Time one full QuantumClassifier fit on a problem the size of Microsoft's half-moons sample (137 points).

Usage::

    python benchmarks/bench_classifier.py                  # Microsoft's half-moons model
    python benchmarks/bench_classifier.py --model fanout4  # notebook 03's 4-qubit two-moons model
    python benchmarks/bench_classifier.py --model all

Standard output carries one JSON line per measurement, with the fields of ``run.py``
(``peer``, ``config``, ``workload``, ``size``, ``result``, ``median_s``, ``min_s``,
``repeats``, ``warmup_s``, ``foreign_cores``, ...), timed by ``workloads.measure`` (warm up
once, then the median of at least five repeats or two seconds). The target: a fit takes under
2 s on 2 cores (``result.under_2s``).

The models:

* ``microsoft``: Microsoft's half-moons sample (samples/machine-learning/half-moons in
  microsoft/Quantum): each sample (x, y) becomes 0.75·(x, y, x·y), amplitude-encoded on 2
  qubits; the structure is its 8 rotations (4 single-qubit, 2 controlled RX, then RZ, RX on
  wire 1); learning rate 0.1, minibatches of 15, 16 epochs;
* ``fanout4``: notebook 03's two-moons classifier: each feature on two qubits, scaled to
  [0, 1.5π], 4 hardware-efficient layers (32 parameters), Adam, minibatches of 20, 30 epochs.

Both train on 137 two-moons points (noise 0.1, ``random_state=0``).
"""
from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import workloads as C  # noqa: E402

import qmlkit as qk  # noqa: E402
from qmlkit.ansatz import ControlledRotation, to_circuit  # noqa: E402
from qmlkit._estimator import short_repr  # noqa: E402

N_SAMPLES = 137


def product_kernel(X):
    """Microsoft's preprocessing: (x, y) -> 0.75 · (x, y, x·y)."""
    return 0.75 * np.column_stack([X, X[:, 0] * X[:, 1]])


def microsoft_structure():
    """The 8 rotations of Microsoft's half-moons classifier (parameters 0..7, as in Training.qs)."""
    return to_circuit([ControlledRotation(0, (), "X", 4), ControlledRotation(0, (), "Z", 5),
                       ControlledRotation(1, (), "X", 6), ControlledRotation(1, (), "Z", 7),
                       ControlledRotation(0, (1,), "X", 0), ControlledRotation(1, (0,), "X", 1),
                       ControlledRotation(1, (), "Z", 2), ControlledRotation(1, (), "X", 3)], 2)


MODELS = {
    "microsoft": dict(encoding="amplitude", preprocess=product_kernel, structure=microsoft_structure(),
                      learning_rate=0.1, batch_size=15, epochs=16, random_state=0),
    "fanout4": dict(encoding="angle", preprocess=functools.partial(qk.encoding.fanout, copies=2),
                    n_layers=4, feature_range=(0, 1.5 * np.pi), learning_rate=0.1, batch_size=20,
                    epochs=30, random_state=0),
}


N_QUBITS = {"microsoft": 2, "fanout4": 4}


def fit(model: str, X, y) -> qk.QuantumClassifier:
    return qk.QuantumClassifier(**MODELS[model]).fit(X, y)


def _jsonable(v):
    return v if isinstance(v, (bool, int, float, str, type(None))) else short_repr(v)


def record(model: str, cap: float = 45.0) -> dict:
    X, y = qk.datasets.make_moons(N_SAMPLES, noise=0.1, random_state=0)
    clf, timing = C.measure(lambda: fit(model, X, y), cap=cap)
    config = dict(model=model, **{k: _jsonable(v) for k, v in MODELS[model].items()})
    result = dict(train_accuracy=clf.score(X, y), final_loss=clf.loss_curve_[-1],
                  n_iter=clf.n_iter_, n_params=int(clf.params_.size),
                  params_sum=float(clf.params_.sum()), bias=clf.bias_,
                  under_2s=bool(timing["median_s"] < 2.0))
    return dict(peer="qmlkit", config=config, workload="classifier_fit",
                size=dict(n_samples=N_SAMPLES, n_qubits=N_QUBITS[model]), result=result, **timing,
                env=C.env_info(qmlkit=qk.__version__))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=sorted(MODELS) + ["all"], default="microsoft")
    ap.add_argument("--cap", type=float, default=45.0,
                    help="no repeats if the warm-up takes longer than this (s)")
    ap.add_argument("--out", default=None, help="append the JSON lines to this file as well")
    a = ap.parse_args(argv)
    for model in (sorted(MODELS) if a.model == "all" else [a.model]):
        C.emit(record(model, a.cap), a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
