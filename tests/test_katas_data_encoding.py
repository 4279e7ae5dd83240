"""Self-tests of notebook 01's exercise checks (qmlkit.katas.data_encoding).

Each check accepts its reference and other correct answers (other methods, global
phases, lists, sets, equivalent angles), rejects every classic mistake with that
mistake's own hint, and survives answers of the wrong kind.
"""
from __future__ import annotations

import cmath
import math

import numpy as np
import pytest

import qmlkit as qk
from qmlkit.katas import data_encoding as de
from qmlkit.katas import exercises

EXERCISES = exercises("01_data_encoding")
MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes]


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("QMLKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("QMLKIT_EXPECT", raising=False)
    monkeypatch.delenv("QMLKIT_REPORT", raising=False)


def test_the_notebook_has_nine_exercises_in_order():
    assert [e.id for e in EXERCISES] == [f"01.{k}" for k in range(1, 10)]
    assert all(len(e.mistakes) >= 2 for e in EXERCISES)
    assert qk.katas.data_encoding is de


@pytest.mark.parametrize("ex", EXERCISES, ids=[e.id for e in EXERCISES])
def test_reference_is_correct_and_stub_is_unsolved(ex):
    assert ex.evaluate(ex.reference).status == "correct"
    assert ex.evaluate(lambda *a: ...).status == "unsolved"
    assert ex.evaluate(...).status == "unsolved"


@pytest.mark.parametrize("ex, mistake", MISTAKES, ids=[f"{e.id}-{m.name}" for e, m in MISTAKES])
def test_mistake_is_rejected_with_its_own_hint(ex, mistake):
    r = ex.evaluate(mistake.answer)
    assert r.status == "wrong", str(r)
    assert "hint: " + mistake.hint in r.details, str(r)


# ---------------------------------------------------------------- other correct answers
def _basis_eye(integer, n_qubits):
    return np.eye(2 ** n_qubits)[integer]


def _basis_circuit(integer, n_qubits):
    bits = [int(b) for b in format(integer, f"0{n_qubits}b")]
    return qk.encoding.basis_circuit(n_qubits).states(X=bits)


def _angle_circuit(x):
    c = qk.Circuit(len(x))
    for w, v in enumerate(x):
        c.ry(float(v), w)
    return c.states()


def _angle_rx_then_phase(x):          # RY(x)|0⟩ up to a global phase per qubit: RZ(π/2) RX(x) RZ(−π/2)
    c = qk.Circuit(len(x))
    for w, v in enumerate(x):
        c.rz(-np.pi / 2, w).rx(float(v), w).rz(np.pi / 2, w)
    return c.states()


def _dense_circuit(x):
    return qk.encoding.dense_angle_circuit(len(x)).states(X=x)


def _dense_u3(x):
    c = qk.Circuit(len(x) // 2)
    for i in range(len(x) // 2):
        c.u3(float(x[2 * i]), float(x[2 * i + 1]), 0.0, i)
    return c.states()


def _qubits_loop(n):
    k = 1
    while 2 ** k < n:
        k += 1
    return k


def _pad_loop(x):
    out = list(x) + [0] * (2 ** _qubits_loop(len(x)) - len(x))
    norm = math.sqrt(sum(abs(v) ** 2 for v in x))
    return [v / norm for v in out]


def _angles_shifted(x):
    """Equivalent angles: β + 4π changes nothing; β0 + 2π and β1 + 2π both flip a sign (a global −1)."""
    b, b0, b1 = de._ry_angles(x)
    return [b + 4 * np.pi, b0 + 2 * np.pi, b1 - 2 * np.pi]


def _angles_arccos(x):
    x = np.asarray(x, dtype=float) / np.linalg.norm(x)
    beta = 2 * np.arccos(np.linalg.norm(x[:2]))
    return [beta, 2 * np.arctan2(x[1], x[0]), 2 * np.arctan2(x[3], x[2])]


def _circuit_cnots(x):
    b, b0, b1 = de._ry_angles(x)
    return qk.Circuit(2).ry(b, 0).ry((b0 + b1) / 2, 1).cnot(0, 1).ry((b0 - b1) / 2, 1).cnot(0, 1)


def _circuit_multiplexor(x):
    ry, _ = qk.encoding.state_preparation_angles(x)
    c = qk.Circuit(2).ry(ry[0][0], 0)
    qk.encoding.uniformly_controlled_rotation(c, "Y", ry[1], [0], 1)
    return c


def _circuit_extra_gates(x):
    return _circuit_cnots(x).rz(0.0, 0).add("PHASE", 0, 0.0).z(1).z(1)


def _kernel_loops(a, b):
    return [[abs(np.vdot(ai, bj)) ** 2 for bj in b] for ai in a]


ALTERNATIVES = [
    ("01.1", "np.eye row", _basis_eye),
    ("01.1", "basis circuit", _basis_circuit),
    ("01.1", "library", lambda i, n: qk.encoding.basis_encoding([i], n_qubits=n)[0]),
    ("01.1", "integer list", lambda i, n: [int(k == i) for k in range(2 ** n)]),
    ("01.1", "global phase -1", lambda i, n: -_basis_eye(i, n)),
    ("01.2", "circuit", _angle_circuit),
    ("01.2", "RX conjugated by RZ (phases per qubit)", _angle_rx_then_phase),
    ("01.2", "library", lambda x: qk.encoding.angle_encoding(np.asarray(x)[None])[0]),
    ("01.2", "global phase i", lambda x: 1j * de._angle(x)),
    ("01.3", "circuit", _dense_circuit),
    ("01.3", "U3 gates", _dense_u3),
    ("01.3", "global phase", lambda x: cmath.exp(0.7j) * de._dense(x)),
    ("01.4", "loop", _qubits_loop),
    ("01.4", "bit length", lambda n: max(1, (n - 1).bit_length())),
    ("01.4", "float", lambda n: float(max(1, math.ceil(math.log2(n))))),
    ("01.4", "numpy int", lambda n: np.int64(max(1, np.ceil(np.log2(n))))),
    ("01.5", "python lists", _pad_loop),
    ("01.5", "np.pad", lambda x: np.pad(np.asarray(x), (0, 2 ** _qubits_loop(len(x)) - len(x))) / np.linalg.norm(x)),
    ("01.5", "global phase -1", lambda x: -qk.encoding.amplitude_vector(x)),
    ("01.5", "complex64", lambda x: qk.encoding.amplitude_vector(x).astype(np.complex64)),
    ("01.6", "angles shifted by multiples of 2π", _angles_shifted),
    ("01.6", "arccos for β", _angles_arccos),
    ("01.6", "tuple", lambda x: tuple(float(a) for a in de._ry_angles(x))),
    ("01.7", "CNOT construction", _circuit_cnots),
    ("01.7", "library multiplexor", _circuit_multiplexor),
    ("01.7", "with harmless extra gates", _circuit_extra_gates),
    ("01.8", "loops and vdot", _kernel_loops),
    ("01.8", "einsum", lambda a, b: np.abs(np.einsum("ik,jk->ij", np.conj(a), b)) ** 2),
    ("01.8", "states with global phases", lambda a, b: de._kernel(1j * np.asarray(a), -np.asarray(b))),
    ("01.9", "set", lambda L: set(range(-L, L + 1))),
    ("01.9", "range", lambda L: range(-L, L + 1)),
    ("01.9", "unsorted tuple with repeats", lambda L: tuple(list(range(L, -L - 1, -1)) + [0])),
    ("01.9", "numpy floats", lambda L: np.arange(-L, L + 1, dtype=float)),
    ("01.9", "sums of eigenvalue differences", lambda L: sorted(
        {round(sum(a) - sum(b)) for a in np.ndindex(*(2,) * L) for b in np.ndindex(*(2,) * L)})),
]


@pytest.mark.parametrize("ex_id, what, fn", ALTERNATIVES, ids=[f"{i}-{w}" for i, w, _ in ALTERNATIVES])
def test_alternative_correct_answer_is_accepted(ex_id, what, fn):
    ex = next(e for e in EXERCISES if e.id == ex_id)
    result = ex.evaluate(fn)
    assert result.status == "correct", f"{what}: {result}"


# ---------------------------------------------------------------- wrong answers of other kinds
WRONG = [
    ("01.1", "n amplitudes instead of 2**n", lambda i, n: np.zeros(n), "shape"),
    ("01.2", "RY(x) without the kron", lambda x: [np.cos(x[0] / 2), np.sin(x[0] / 2)], "shape"),
    ("01.3", "a probability vector", lambda x: np.abs(de._dense(x)) ** 2, "norm"),
    ("01.4", "text", lambda n: "three", "numbers"),
    ("01.5", "2-D answer", lambda x: qk.encoding.amplitude_vector(x)[None], "1-D"),
    ("01.5", "padding to the same length", lambda x: np.asarray(x) / np.linalg.norm(x), "amplitudes"),
    ("01.6", "two angles", lambda x: de._ry_angles(x)[:2], "shape (3,)"),
    ("01.6", "complex angles", lambda x: de._ry_angles(x) + 1j, "real"),
    ("01.7", "a state instead of a circuit", lambda x: qk.encoding.amplitude_vector(x), "qk.Circuit"),
    ("01.7", "three qubits", lambda x: qk.Circuit(3).ry(1.0, 0), "2 qubits"),
    ("01.7", "trainable angles", lambda x: qk.Circuit(2).ry(qk.Param(0), 0), "qk.Param"),
    ("01.7", "the empty circuit", lambda x: qk.Circuit(2), "differs"),
    ("01.8", "transposed shape", lambda a, b: de._kernel(b, a), "shape"),
    ("01.8", "overlap as a complex matrix", lambda a, b: np.conj(a) @ np.transpose(b), "complex"),
    ("01.9", "non-integers", lambda L: [-0.5, 0.5], "whole numbers"),
    ("01.9", "a dict of lists", lambda L: {"freqs": [0]}, "list"),
    ("01.9", "a nested list", lambda L: [[0, 1]], "1-D"),
]


@pytest.mark.parametrize("ex_id, what, fn, words", WRONG, ids=[f"{i}-{w}" for i, w, _, _ in WRONG])
def test_wrong_answer_of_another_kind_is_reported(ex_id, what, fn, words):
    ex = next(e for e in EXERCISES if e.id == ex_id)
    r = ex.evaluate(fn)
    assert r.status == "wrong", f"{what}: {r}"
    assert words in str(r), str(r)


def test_a_function_that_raises_or_mutates_is_reported():
    def raises(x):
        raise ZeroDivisionError("oops")

    def mutates(x):
        x[0] = 0.0
        return qk.encoding.amplitude_vector([1.0])

    assert "raised ZeroDivisionError" in str(de.exercise_pad.evaluate(raises))
    assert "changed its input" in str(de.exercise_pad.evaluate(mutates))


def test_the_check_prints_one_line_for_a_correct_answer(capsys):
    de.check_reuploading_frequencies(lambda L: list(range(-L, L + 1)))
    assert capsys.readouterr().out == "✅ 01.9 reuploading_frequencies: correct!\n"
    assert qk.katas.status()["01.9"] == "correct"


def test_wrong_angles_show_the_angles_and_the_states():
    text = str(de.exercise_angles.evaluate(lambda x: de._ry_angles(x)[[0, 2, 1]]))
    assert "angles (β, β0, β1) expected" in text and "yours" in text and "|01⟩" in text


def test_strict_mode_raises_for_an_unsolved_exercise(monkeypatch):
    monkeypatch.setenv("QMLKIT_EXPECT", "solved")
    with pytest.raises(qk.katas.KataExpectationError):
        de.check_quantum_kernel(lambda a, b: ...)
