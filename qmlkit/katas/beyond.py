"""Checks for notebook 05, "Beyond: kernels, data re-uploading, and running on real hardware": the kernel
as hardware measures it, kernel-target alignment, the angles of a re-uploading layer, depolarising
noise, readout errors, and Qiskit's amplitude order.

>>> from qmlkit.katas import beyond
>>> beyond.check_depolarised_z(lambda z, p, n_gates: z * (1 - 4 * p / 3) ** n_gates)
✅ 05.5 depolarised_z: correct!
"""
from __future__ import annotations

import numpy as np

from .. import encoding as enc
from ..circuit import Circuit, Feature
from ..interop import qiskit_to_qmlkit_order
from ..kernels import fidelity_kernel, kernel_target_alignment
from ._core import (Exercise, Mistake, as_array, as_number, numbers_close, show_states, show_values,
                    states_equal_up_to_phase)

NOTEBOOK = "05_beyond"

__all__ = ["check_inversion_test", "check_kernel_alignment", "check_reuploading_angles",
           "check_single_shot_accuracy", "check_depolarised_z", "check_qiskit_to_qmlkit"]


def _number(what):
    return lambda got, args: as_number(got, what)


# ---------------------------------------------------------------- 05.1 the inversion test
def _iqp_circuit():
    """Two qubits, complex amplitudes and entanglement, angles linear in three features."""
    c = Circuit(2).h(0).h(1).rz(Feature(0), 0).rz(Feature(1), 1).cnot(0, 1)
    return c.ry(Feature(2), 1).zz(Feature(0) - Feature(2), 0, 1).rx(0.5 * Feature(1), 0)


def _inversion(circuit, x, x_prime):
    return float(fidelity_kernel(circuit, np.atleast_2d(x), np.atleast_2d(x_prime))[0, 0])


def _overlap(circuit, x, x_prime, conjugate=True):
    a, b = circuit.states(X=np.asarray(x, dtype=float)), circuit.states(X=np.asarray(x_prime, dtype=float))
    return np.vdot(b, a) if conjugate else np.dot(b, a)


def _twice(circuit, x, x_prime):
    """P(0…0) after U(x) and then U(x′) itself instead of its inverse."""
    psi = circuit.states(X=np.asarray(x, dtype=float))
    return float(abs(circuit.states(X=np.asarray(x_prime, dtype=float), initial_state=psi)[0]) ** 2)


def _cases_inversion(rng):
    iqp, dense = _iqp_circuit(), enc.dense_angle_circuit(4)
    out = [(iqp, rng.uniform(0, np.pi, 3), rng.uniform(0, np.pi, 3)),
           (dense, rng.uniform(0, np.pi, 4), rng.uniform(0, np.pi, 4))]
    x = rng.uniform(0, np.pi, 3)
    out += [(iqp, x, x.copy()),                                         # the same point: 1
            (enc.angle_circuit(1), np.array([0.0]), np.array([np.pi])),  # orthogonal: 0
            (enc.angle_circuit(3), rng.uniform(0, np.pi, 3), rng.uniform(0, np.pi, 3))]
    return out


exercise_inversion = Exercise(
    id="05.1", name="inversion_test", title="The kernel as hardware measures it: the inversion test",
    notebook=NOTEBOOK,
    reference=_inversion,
    cases=_cases_inversion,
    compare=numbers_close(1e-8), normalize=_number("your kernel value"),
    mistakes=[
        Mistake("modulus not squared", lambda c, x, xp: float(abs(_overlap(c, x, xp))),
                "the kernel is a probability: the squared modulus |⟨φ(x′)|φ(x)⟩|² of the amplitude of "
                "|0…0⟩, not its modulus"),
        Mistake("U(x') instead of its inverse", _twice,
                "after U(x), undo the encoding of x′: run circuit.inverse() (U(x′)†), not the circuit "
                "itself; only then is the amplitude of |0…0⟩ the overlap ⟨φ(x′)|φ(x)⟩"),
        Mistake("no conjugate", lambda c, x, xp: float(abs(_overlap(c, x, xp, conjugate=False)) ** 2),
                "the bra ⟨φ(x′)| is the conjugate of |φ(x′)⟩: use np.vdot (which conjugates its first "
                "argument), not np.dot"),
    ],
    hint="psi = circuit.states(X=x); then circuit.inverse().states(X=x_prime, initial_state=psi) is "
         "U(x′)†U(x)|0…0⟩; return |its first amplitude|²",
    show=show_values)


# ---------------------------------------------------------------- 05.2 kernel-target alignment
def _alignment_01(K, y):
    t = np.outer(y, y).astype(float)
    return float(np.sum(K * t) / (np.linalg.norm(K) * np.linalg.norm(t)))


def _ytKy(K, y):
    s = 2 * np.asarray(y, dtype=float) - 1
    return float(s @ K @ s)


def _random_kernel(rng, n, n_qubits=3):
    v = rng.normal(size=(n, 2 ** n_qubits)) + 1j * rng.normal(size=(n, 2 ** n_qubits))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return np.abs(v.conj() @ v.T) ** 2


def _alignment(K, y):
    return kernel_target_alignment(K, y)


def _cases_alignment(rng):
    y6 = np.array([0, 1, 0, 1, 1, 0])
    s = 2 * y6 - 1
    out = [(_random_kernel(rng, 6), y6),
           (np.outer(s, s).astype(float), y6),                          # the ideal kernel: 1
           (np.ones((4, 4)), np.array([0, 0, 1, 1]))]                    # blind to the labels: 0
    for n in (5, 10):
        y = np.r_[0, 1, rng.integers(0, 2, n - 2)]
        out.append((_random_kernel(rng, n, 2), y))
    return out


exercise_alignment = Exercise(
    id="05.2", name="kernel_alignment", title="Kernel-target alignment", notebook=NOTEBOOK,
    reference=_alignment,
    cases=_cases_alignment,
    compare=numbers_close(1e-8), normalize=_number("your alignment"),
    mistakes=[
        Mistake("labels 0/1", _alignment_01,
                "turn the labels 0/1 into y = −1/+1 first (2·y − 1): with 0/1 the samples of class 0 "
                "drop out of yyᵀ entirely"),
        Mistake("no normalisation", _ytKy,
                "divide ⟨K, yyᵀ⟩ = yᵀKy by ‖K‖_F ‖yyᵀ‖_F = ‖K‖_F · n, so that the alignment is a "
                "cosine between −1 and 1"),
        Mistake("divided by n²", lambda K, y: _ytKy(K, y) / len(y) ** 2,
                "‖yyᵀ‖_F is n, but the other factor is ‖K‖_F = np.linalg.norm(K), not n: a kernel "
                "with small entries can still be perfectly aligned"),
    ],
    hint="y = 2 * y01 − 1; A = (y @ K @ y) / (n * np.linalg.norm(K)), since ‖yyᵀ‖_F = n",
    show=show_values)


# ---------------------------------------------------------------- 05.3 the angles of re-uploading layers
def _angles(theta, w, x):
    return np.asarray(theta, dtype=float) + np.asarray(w, dtype=float) * np.append(np.asarray(x, dtype=float), 0.0)


def _cases_angles(rng):
    out = [(rng.uniform(0, 2 * np.pi, (3, 3)), rng.normal(size=(3, 3)), rng.uniform(-1, 1, 2)),
           (rng.uniform(0, 2 * np.pi, (1, 3)), rng.normal(size=(1, 3)), np.array([0.5, -0.25])),
           (rng.uniform(0, 2 * np.pi, (2, 3)), rng.normal(size=(2, 3)), np.zeros(2)),   # x = 0: θ itself
           (np.zeros((4, 3)), rng.normal(size=(4, 3)), rng.uniform(-1, 1, 2))]
    return out


exercise_angles = Exercise(
    id="05.3", name="reuploading_angles", title="The angles of the re-uploading layers, θ + w∘x",
    notebook=NOTEBOOK,
    reference=_angles,
    cases=_cases_angles,
    compare=numbers_close(1e-9),
    normalize=lambda got, args: as_array(got, np.shape(args[0]), "your angles", complex_ok=False),
    mistakes=[
        Mistake("weights on θ", lambda t, w, x: np.asarray(w) * t + np.append(x, 0.0),
                "the weights multiply the data, not the offsets: each angle is θ + w·x"),
        Mistake("no offset", lambda t, w, x: np.asarray(w) * np.append(x, 0.0),
                "add the trainable offsets θ: without them every layer rotates by 0 at x = 0"),
        Mistake("padded in front", lambda t, w, x: t + np.asarray(w) * np.append(0.0, x),
                "pad at the end: the sample (x0, x1) becomes (x0, x1, 0), so x0 goes with the first angle"),
    ],
    hint="pad x with a 0 at the end, x3 = np.append(x, 0.0); then theta + w * x3 (broadcast over the layers)",
    show=show_values)


# ---------------------------------------------------------------- 05.4 single-shot accuracy with readout error
def _read_one(p1, q):
    return np.asarray(p1, dtype=float) * (1 - q) + (1 - np.asarray(p1, dtype=float)) * q


def _single_shot(p1, y, q):
    r = _read_one(p1, q)
    return float(np.mean(np.where(np.asarray(y) == 1, r, 1 - r)))


def _right(p1, y):
    p1 = np.asarray(p1, dtype=float)
    return float(np.mean(np.where(np.asarray(y) == 1, p1, 1 - p1)))


def _rule_then_flip(p1, y, q):
    acc = float(np.mean((np.asarray(p1) > 0.5) == (np.asarray(y) == 1)))
    return acc * (1 - q) + (1 - acc) * q


def _cases_single_shot(rng):
    out = [(np.array([0.9, 0.2, 0.7, 0.4, 0.95]), np.array([1, 0, 1, 1, 0]), 0.1),
           (np.array([1.0, 0.0, 1.0]), np.array([1, 0, 0]), 0.05),
           (np.array([0.3, 0.8]), np.array([0, 1]), 0.0),
           (np.array([0.3, 0.8, 0.6]), np.array([0, 1, 0]), 0.5)]
    for n in (8, 20):
        y = rng.integers(0, 2, n)
        out.append((np.clip(0.2 + 0.6 * y + rng.normal(0, 0.2, n), 0, 1), y, float(rng.uniform(0, 0.3))))
    return out


exercise_single_shot = Exercise(
    id="05.4", name="single_shot_accuracy", title="Expected accuracy of one-shot labels under readout error",
    notebook=NOTEBOOK,
    reference=_single_shot,
    cases=_cases_single_shot,
    compare=numbers_close(1e-9), normalize=_number("your accuracy"),
    mistakes=[
        Mistake("flips only hurt", lambda p1, y, q: _right(p1, y) * (1 - q),
                "a flip also turns a wrong bit into the right one: P(read right) = P(right)(1 − q) + "
                "P(wrong)·q"),
        Mistake("readout ignored", lambda p1, y, q: _right(p1, y),
                "the measured bit is flipped with probability q: P(read 1) = p(1 − q) + (1 − p)q"),
        Mistake("exact rule", _rule_then_flip,
                "one shot does not return the label of the rule p > ½: it returns 1 with probability p, "
                "so a sample with p = 0.7 is labelled 1 only 70% of the time (before readout errors)"),
    ],
    hint="P(read 1) = p1(1 − q) + (1 − p1)q per sample; a sample is right with P(read 1) if y = 1 and "
         "1 − P(read 1) if y = 0; average over the samples",
    show=show_values)


# ---------------------------------------------------------------- 05.5 depolarising noise on one qubit
def _depolarised(z, p, n_gates):
    return float(z * (1 - 4 * p / 3) ** n_gates)


exercise_depolarised = Exercise(
    id="05.5", name="depolarised_z", title="★ ⟨Z⟩ after n gates with depolarising errors",
    notebook=NOTEBOOK,
    reference=_depolarised,
    cases=lambda rng: [(0.8, 0.1, 3), (-0.6, 0.02, 8), (1.0, 0.75, 2), (0.5, 0.0, 5), (0.9, 0.3, 0),
                       (float(rng.uniform(-1, 1)), float(rng.uniform(0, 0.3)), int(rng.integers(1, 12)))],
    compare=numbers_close(1e-9), normalize=_number("your ⟨Z⟩"),
    mistakes=[
        Mistake("error-free runs only", lambda z, p, n: z * (1 - p) ** n,
                "a run with errors still contributes: a Z error leaves ⟨Z⟩ as it is, X and Y errors "
                "flip its sign"),
        Mistake("every error flips", lambda z, p, n: z * (1 - 2 * p) ** n,
                "only X and Y errors (two of the three Paulis) flip ⟨Z⟩; a Z error commutes with Z"),
        Mistake("flipped runs lost", lambda z, p, n: z * (1 - 2 * p / 3) ** n,
                "an X or Y error does not erase the signal, it reverses it: those runs count with "
                "−⟨Z⟩, so per gate (1 − p) + p/3 − 2p/3 = 1 − 4p/3"),
    ],
    hint="per gate: no error (1 − p) keeps ⟨Z⟩, a Z error (p/3) keeps it, X or Y (2p/3) flip it; "
         "and the factor repeats for every gate",
    show=show_values)


# ---------------------------------------------------------------- 05.6 Qiskit's amplitude order
def _random_state(rng, n):
    v = rng.normal(size=2 ** n) + 1j * rng.normal(size=2 ** n)
    return v / np.linalg.norm(v)


def _cases_order(rng):
    basis = np.zeros(8, dtype=complex)
    basis[1] = 1                                    # Qiskit's |001⟩: qubit 0 is 1
    return [(_random_state(rng, 3),), (_random_state(rng, 2),), (basis,), (_random_state(rng, 4),),
            (_random_state(rng, 1),)]


exercise_order = Exercise(
    id="05.6", name="qiskit_to_qmlkit", title="Qiskit's amplitudes in qmlkit's order", notebook=NOTEBOOK,
    reference=qiskit_to_qmlkit_order,
    cases=_cases_order,
    compare=states_equal_up_to_phase(), normalize=lambda got, args: as_array(got, (len(args[0]),), "your state"),
    mistakes=[
        Mistake("unchanged", lambda a: np.array(a, copy=True),
                "the order differs: Qiskit's qubit 0 is the least significant bit of the index, "
                "qmlkit's wire 0 the most significant; amplitude j moves to the index with j's bits reversed"),
        Mistake("amplitudes reversed", lambda a: np.asarray(a)[::-1],
                "reverse the bits of each index, not the list of amplitudes: |001⟩ becomes |100⟩, but "
                "|010⟩ stays where it is"),
    ],
    hint="view the amplitudes as a tensor with one axis per qubit, a.reshape((2,) * n), reverse the "
         "axes (.transpose(range(n)[::-1]) or .T) and flatten again",
    show=show_states)


check_inversion_test = exercise_inversion.check
check_kernel_alignment = exercise_alignment.check
check_reuploading_angles = exercise_angles.check
check_single_shot_accuracy = exercise_single_shot.check
check_depolarised_z = exercise_depolarised.check
check_qiskit_to_qmlkit = exercise_order.check
