"""The benchmark workloads compute the values every peer agrees on (benchmarks/README.md); no timing here."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


W = _load("workloads", BENCH / "workloads.py")
R = _load("qmlkit_benchmarks_run", BENCH / "run.py")


# Cross-check values of the peers (PennyLane default.qubit / lightning.qubit, Qiskit),
# which agree with one another to 3e-14.
W1_EXPECTED = {  # (n, L): cost, ‖grad‖, Σgrad
    (4, 4): (-0.102048910262, 0.792320970344, 0.259361916487),
    (8, 8): (0.0366093726692, 0.958114548569, -1.24868205141),
}
W2_VARIANCE = {2: 8.4143e-2, 4: 2.0225e-2, 6: 6.1359e-3}  # RESULTS.md: 5 significant digits
# Full precision, from `peers/bench_qiskit.py W2 --impl aer --ns 2,4,6 --samples 200`;
# lightning.qubit adjoint gives the same to 2e-15 relative.
W2_VARIANCE_FULL = {2: 0.08414255131266277, 4: 0.020224938524089544, 6: 0.006135909511946912}


def test_inputs_are_the_peers_inputs():
    assert W.w1_params(4, 4).shape == (4, 4, 2)
    assert W.w1_params(4, 4)[0, 0, 0] == np.random.default_rng(1234).uniform(0, 2 * np.pi)
    axes, angles = next(W.bp_circuits(4, 1))
    rng = np.random.default_rng(2022)
    np.testing.assert_array_equal(axes, rng.integers(0, 3, (50, 4)))
    np.testing.assert_array_equal(angles, rng.uniform(0, 2 * np.pi, (50, 4)))
    Xs, y, theta0, batches = W.w4_data()
    assert Xs.shape == (200, 2) and y.sum() == 100 and len(batches) == 10
    assert Xs.min() == 0.0 and Xs.max() == np.pi


@pytest.mark.parametrize("n, L", sorted(W1_EXPECTED))
def test_w1_value_and_gradient(n, L):
    cost, norm, total = W1_EXPECTED[(n, L)]
    r = R.run_w1(n, L)
    # RESULTS.md prints 12 significant digits: the last one is worth ≤ 5e-13 here
    assert r["cost"] == pytest.approx(cost, abs=1e-8)
    assert r["grad_norm"] == pytest.approx(norm, abs=1e-8)
    assert r["grad_sum"] == pytest.approx(total, abs=1e-8)
    # the last layer's RZ angles commute with the CZs and Z0 Z1: zero gradient
    assert abs(r["grad_last4"][1]) < 1e-12 and abs(r["grad_last4"][3]) < 1e-12
    assert R.run_w1f(n, L)["cost"] == pytest.approx(r["cost"], abs=1e-13)


def test_w2_variances_full_200_samples():
    r = R.run_w2(ns=sorted(W2_VARIANCE), samples=200)
    for n, var in W2_VARIANCE.items():
        assert r[str(n)]["variance"] == pytest.approx(var, rel=1e-4)
        assert r[str(n)]["variance"] == pytest.approx(W2_VARIANCE_FULL[n], rel=1e-8)


def test_w2_prefix_of_the_same_stream():
    g50 = R.w2_gradients(4, 50)
    g200 = R.w2_gradients(4, 200)
    np.testing.assert_allclose(g50, g200[:50], rtol=0, atol=1e-13)


def test_w3_batch_forward():
    r = R.run_w3()
    assert r["n_out"] == 1024
    assert r["sum"] == pytest.approx(-215.861040168, abs=1e-8)
    assert r["first4"][0] == pytest.approx(-0.398448889009922, abs=1e-8)


def test_w4_one_epoch():
    r = R.run_w4()
    assert r["theta_sum"] == pytest.approx(80.900651745, abs=1e-8)
    assert r["loss_before"] == pytest.approx(0.235168675017, abs=1e-8)
    assert r["loss_after"] == pytest.approx(0.191105679302, abs=1e-8)
    assert r["acc_after"] == pytest.approx(0.70, abs=1e-12)


def test_agreement_check():
    mine = R.run_w1(4, 4)
    assert R.agreement("W1", mine, dict(mine))["agree"]
    off = dict(mine, cost=mine["cost"] + 2e-8)
    assert not R.agreement("W1", mine, off)["agree"]
    w2 = {"2": dict(variance=1.0, mean=0.0, first3=[0.0, 0.0, 0.0])}
    w2b = {"2": dict(variance=1.0 + 2e-8, mean=0.0, first3=[0.0, 0.0, 0.0])}
    assert not R.agreement("W2", w2, w2b)["agree"]
