"""Notebook 04's checks beyond the generic self-tests: other correct ways to write each answer are
accepted, further wrong ones rejected, and the references agree with the library and with sampling."""
from __future__ import annotations

import numpy as np
import pytest

import qmlkit as qk
from qmlkit.katas import barren_plateaus as bp
from qmlkit.katas._core import REGISTRY


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("QMLKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("QMLKIT_EXPECT", raising=False)


def _identity_block_by_hand(n_qubits, n_layers):
    block = qk.ansatz.hardware_efficient(n_qubits, n_layers)
    P = block.n_params
    circuit = block.copy()
    for layer in reversed(range(n_layers)):
        for q in reversed(range(n_qubits - 1)):
            circuit.cz(q, q + 1)
        for q in reversed(range(n_qubits)):
            k = 2 * (layer * n_qubits + q)
            circuit.rz(-qk.Param(P + k + 1), q)
            circuit.ry(-qk.Param(P + k), q)
    return circuit


def _bits(n):
    return (np.arange(2 ** n)[:, None] >> (n - 1 - np.arange(n))) & 1


ALTERNATIVES = [
    ("04.1", "mean of squared deviations", lambda g: np.mean((np.asarray(g) - np.mean(g)) ** 2)),
    ("04.1", "std squared", lambda g: np.std(g) ** 2),
    ("04.2", "normal equations", lambda n, v: -np.linalg.lstsq(
        np.stack([n, np.ones(len(n))], axis=1).astype(float), np.log(v), rcond=None)[0][0]),
    ("04.2", "rate in base 2 times ln 2", lambda n, v: qk.trainability.fit_decay(n, v, base=2).rate_natural),
    ("04.3", "with np.var", lambda o: len(o) * np.var(o) / (3 * (len(o) ** 2 - 1))),
    ("04.4", "bits per wire", lambda p: 1 - np.mean([np.asarray(p)[_bits(int(np.log2(len(p))))[:, j] == 0].sum()
                                                     for j in range(int(np.log2(len(p))))])),
    ("04.4", "qmlkit observable", lambda p: qk.trainability.local_cost(int(np.log2(len(p)))).expval(np.sqrt(p))),
    ("04.5", "tuple of floats", lambda n: (0.125 * 0.375 ** (n - 1), 0.125 / n ** 2)),
    ("04.6", "by hand", _identity_block_by_hand),
    ("04.6", "Circuit.inverse", lambda n, L: (lambda b: b + b.inverse().offset_params(b.n_params))(
        qk.ansatz.hardware_efficient(n, L))),
]


@pytest.mark.parametrize("ex_id, what, fn", ALTERNATIVES, ids=[f"{i}-{w}" for i, w, _ in ALTERNATIVES])
def test_alternative_correct_answer_is_accepted(ex_id, what, fn):
    r = REGISTRY[ex_id].evaluate(fn)
    assert r.status == "correct", f"{what}: {r}"


FURTHER_WRONG = [
    ("04.1", "variance of the absolute values", lambda g: np.var(np.abs(g)), "differs"),
    ("04.2", "rate of the standard deviation", lambda n, v: -np.polyfit(n, 0.5 * np.log(v), 1)[0], "differs"),
    ("04.4", "Qiskit's order is harmless here, p(0) of wire 0 only is not", lambda p: 1 - p[: len(p) // 2].sum(),
     "differs"),
    ("04.5", "one number", lambda n: 0.125 / n ** 2, "shape"),
    ("04.6", "the block alone", lambda n, L: qk.ansatz.hardware_efficient(n, L), "identity"),
    ("04.6", "not a circuit", lambda n, L: np.eye(2 ** n)[0], "qk.Circuit"),
    ("04.6", "a data feature", lambda n, L: qk.Circuit(n).ry(qk.Feature(0), 0), "Feature"),
]


@pytest.mark.parametrize("ex_id, what, fn, word", FURTHER_WRONG, ids=[f"{i}-{w}" for i, w, _, _ in FURTHER_WRONG])
def test_further_wrong_answer_is_rejected(ex_id, what, fn, word):
    r = REGISTRY[ex_id].evaluate(fn)
    assert r.status == "wrong", f"{what}: {r}"
    assert word in str(r), str(r)


def test_variance_details_are_readable_for_tiny_values():
    r = bp.exercise_rate.evaluate(lambda n, v: 123.0)
    assert "expected: 9.0000e-01" in str(r) and "yours:    1.2300e+02" in str(r)


def test_two_design_reference_agrees_with_the_library():
    for cost in qk.trainability.COSTS:
        for n in (2, 3, 5):
            diag = qk.trainability.cost_observable(cost, n).diagonal(n)
            assert bp._two_design(diag) == pytest.approx(qk.trainability.two_design_variance(n, cost), rel=1e-12)


def test_product_circuit_prediction_agrees_with_sampled_gradients():
    """Cerezo et al.'s warm-up: ⊗ RX(θ_j) on |0…0⟩; 4000 random θ, within 4 bootstrap errors."""
    for n in (2, 4, 6):
        c = qk.Circuit(n)
        for j in range(n):
            c.rx(qk.Param(j), j)
        theta = np.random.default_rng(n).uniform(0, 2 * np.pi, (4000, n))
        want = bp._product_variances(n)
        for k, cost in enumerate((qk.trainability.global_cost(n), qk.trainability.local_cost(n))):
            g = qk.trainability.gradient_samples(c, cost, theta)[:, 0]
            var, err = qk.trainability.bootstrap_variance(g, 300, random_state=0)
            assert abs(var - want[k]) < 4 * err, (n, k, var, want[k], err)


def test_identity_block_reference_is_the_identity_with_mirrored_parameters():
    c = REGISTRY["04.6"].reference(3, 2)
    theta = np.random.default_rng(0).uniform(0, 2 * np.pi, c.n_params // 2)
    np.testing.assert_allclose(c.states(np.tile(theta, 2)), np.eye(8)[0], atol=1e-12)
