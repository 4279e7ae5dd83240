"""Checks of notebook 05 beyond the generic self-tests: other correct ways are accepted, further wrong
answers rejected, and the references agree with independent computations."""
from __future__ import annotations

import numpy as np
import pytest

import qmlkit as qk
from qmlkit.katas import beyond
from qmlkit.katas._core import REGISTRY


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("QMLKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("QMLKIT_EXPECT", raising=False)


def _inversion_by_vdot(circuit, x, x_prime):
    return abs(np.vdot(circuit.states(X=x_prime), circuit.states(X=x))) ** 2


def _inversion_by_unitary(circuit, x, x_prime):
    """Build U(x) and U(x′) as matrices from the columns of basis-state runs."""
    d = 2 ** circuit.n_qubits
    def unitary(v):
        return np.column_stack([circuit.states(X=v, initial_state=np.eye(d)[k]) for k in range(d)])
    return abs((unitary(x_prime).conj().T @ unitary(x))[0, 0]) ** 2


def _alignment_by_frobenius(K, y):
    s = np.where(np.asarray(y) == 1, 1.0, -1.0)
    T = np.outer(s, s)
    return np.sum(K * T) / (np.linalg.norm(K) * np.linalg.norm(T))


def _angles_by_loop(theta, w, x):
    out = np.array(theta, dtype=float, copy=True)
    for layer in range(len(out)):
        for k, v in enumerate(list(x) + [0.0]):
            out[layer, k] += w[layer][k] * v
    return out


def _depolarised_by_iteration(z, p, n_gates):
    for _ in range(n_gates):
        z = (1 - p) * z + (p / 3) * z - (2 * p / 3) * z
    return z


def _single_shot_by_loop(p1, y, q):
    total = 0.0
    for p, label in zip(p1, y):
        read_one = p * (1 - q) + (1 - p) * q
        total += read_one if label == 1 else 1 - read_one
    return total / len(y)


def _order_by_index(amplitudes):
    n = int(np.log2(len(amplitudes)))
    return np.array([amplitudes[int(format(j, f"0{n}b")[::-1], 2)] for j in range(len(amplitudes))])


def _order_by_qiskit(amplitudes):
    from qiskit.quantum_info import Statevector
    return Statevector(np.asarray(amplitudes)).reverse_qargs().data     # Qiskit's own qubit reversal


ALTERNATIVES = [
    ("05.1", "vdot of the two states", _inversion_by_vdot),
    ("05.1", "the unitaries as matrices", _inversion_by_unitary),
    ("05.1", "qmlkit's fidelity_kernel", lambda c, x, xp: qk.kernels.fidelity_kernel(c, [x], [xp])[0, 0]),
    ("05.2", "Frobenius inner product", _alignment_by_frobenius),
    ("05.2", "qmlkit", lambda K, y: qk.kernels.kernel_target_alignment(K, y)),
    ("05.3", "loop over layers", _angles_by_loop),
    ("05.3", "nested lists", lambda t, w, x: (np.asarray(t) + np.asarray(w) * np.r_[x, 0]).tolist()),
    ("05.5", "gate by gate", _depolarised_by_iteration),
    ("05.4", "python loop", _single_shot_by_loop),
    ("05.6", "index by index", _order_by_index),
    ("05.6", "Qiskit's reverse_qargs", _order_by_qiskit),
    ("05.6", "qmlkit", qk.interop.qiskit_to_qmlkit_order),
]


@pytest.mark.parametrize("ex_id, what, fn", ALTERNATIVES, ids=[f"{i}-{w}" for i, w, _ in ALTERNATIVES])
def test_alternative_correct_answer_is_accepted(ex_id, what, fn):
    r = REGISTRY[ex_id].evaluate(fn)
    assert r.status == "correct", f"{what}: {r}"


FURTHER_WRONG = [
    ("05.1", "the amplitude's real part", lambda c, x, xp: np.vdot(c.states(X=xp), c.states(X=x)).real, "differs"),
    ("05.1", "probability of |1…1⟩", lambda c, x, xp: abs(
        c.inverse().states(X=xp, initial_state=c.states(X=x))[-1]) ** 2, "differs"),
    ("05.2", "centred alignment", lambda K, y: qk.kernels.kernel_target_alignment(K, y, centered=True), "differs"),
    ("05.3", "x not padded", lambda t, w, x: np.asarray(t)[:, :2] + np.asarray(w)[:, :2] * x, "shape"),
    ("05.5", "linear in n", lambda z, p, n: z * (1 - 4 * p / 3 * n), "differs"),
    ("05.4", "q subtracted", lambda p1, y, q: beyond._right(p1, y) - q, "differs"),
    ("05.6", "the bits rotated, not reversed", lambda a: np.asarray(a)[
        [(j >> 1) | ((j & 1) << (int(np.log2(len(a))) - 1)) for j in range(len(a))]], "differs"),
]


@pytest.mark.parametrize("ex_id, what, fn, word", FURTHER_WRONG, ids=[f"{i}-{w}" for i, w, _, _ in FURTHER_WRONG])
def test_further_wrong_answer_is_rejected(ex_id, what, fn, word):
    r = REGISTRY[ex_id].evaluate(fn)
    assert r.status == "wrong", f"{what}: {r}"
    assert word in r.message, str(r)


def test_inversion_cases_include_the_edge_cases():
    values = [beyond.exercise_inversion.reference(*args) for args in beyond._cases_inversion(np.random.default_rng(0))]
    assert 1.0 in [round(v, 12) for v in values] and 0.0 in [round(v, 12) for v in values]


def test_running_a_circuit_handed_to_learners_is_not_a_change():
    """Running a circuit caches its compiled form; the mutation check must not call that a change."""
    import copy

    from qmlkit.katas._core import _same

    c = beyond._iqp_circuit()
    frozen = copy.deepcopy(c)
    c.states(X=[0.1, 0.2, 0.3])
    assert _same(c, frozen)
    c.h(0)
    assert not _same(c, frozen)


def test_single_shot_reference_matches_sampling():
    """The exercise's formula against the noise sampler: one shot per sample, many samples."""
    c = qk.Circuit(1).ry(qk.Feature(0), 0)
    x = np.tile(np.linspace(0.2, 2.9, 10), 4000)[:, None]
    y = np.tile([0, 1] * 5, 4000)
    p1 = np.sin(x[:, 0] / 2) ** 2
    q = 0.1
    counts = qk.noise.sample_noisy(c, 1, X=x, readout_error=q, random_state=3)
    sampled = np.mean(counts[:, 1] == y)
    expected = beyond.exercise_single_shot.reference(p1, y, q)
    assert abs(sampled - expected) < 5 * np.sqrt(0.25 / len(y))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_order_reference_moves_each_basis_state_to_its_bit_reversal(n):
    for j in range(2 ** n):
        e = np.zeros(2 ** n)
        e[j] = 1
        moved = beyond.exercise_order.reference(e)
        assert moved[int(format(j, f"0{n}b")[::-1], 2)] == 1
