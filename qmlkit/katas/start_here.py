"""Checks for notebook 00, "Start here": states, gates, the wire order, expectation values and shots.

>>> from qmlkit.katas import start_here
>>> r = start_here.check_plus_state(lambda: [0.7071067811865476, 0.7071067811865476])
✅ 00.1 plus_state: correct!
"""
from __future__ import annotations

import math

import numpy as np

from .. import observables as obs
from ..state import apply_gate, zero_state
from ._core import (AnswerError, Exercise, Mistake, as_array, as_number, numbers_close,
                    show_states, show_values, states_equal_up_to_phase)

NOTEBOOK = "00_start_here"
_S2 = np.sqrt(2.0)

__all__ = ["check_plus_state", "check_minus_state", "check_probability_of_one", "check_bell_state",
           "check_ghz_state", "check_zz_expectation", "check_zz_from_counts",
           "check_shots_for_precision"]


def _state_of(n_qubits_of_args):
    """Normalizer for an exercise whose answer is an n-qubit state vector."""
    def normalize(got, args):
        return as_array(got, (2 ** n_qubits_of_args(args),), "your state")
    return normalize


def _number(got, args):
    return as_number(got)


def _random_state(rng, n):
    v = rng.normal(size=2 ** n) + 1j * rng.normal(size=2 ** n)
    return v / np.linalg.norm(v)


# ---------------------------------------------------------------- 00.1 |+>
exercise_plus = Exercise(
    id="00.1", name="plus_state", title="Prepare |+⟩", notebook=NOTEBOOK,
    reference=lambda: np.array([1, 1]) / _S2,
    cases=lambda rng: [()],
    compare=states_equal_up_to_phase(), normalize=_state_of(lambda a: 1),
    mistakes=[
        Mistake("minus sign", lambda: np.array([1, -1]) / _S2,
                "that is |−⟩; |+⟩ = (|0⟩ + |1⟩)/√2 has a plus sign between its amplitudes"),
        Mistake("not normalised", lambda: np.array([1, 1]),
                "divide by √2 so that the probabilities |a0|² + |a1|² add up to 1"),
    ],
    hint="|+⟩ = (|0⟩ + |1⟩)/√2: both amplitudes are 1/√2",
    show=show_states)

# ---------------------------------------------------------------- 00.2 |->
exercise_minus = Exercise(
    id="00.2", name="minus_state", title="Prepare |−⟩", notebook=NOTEBOOK,
    reference=lambda: np.array([1, -1]) / _S2,
    cases=lambda rng: [()],
    compare=states_equal_up_to_phase(), normalize=_state_of(lambda a: 1),
    mistakes=[
        Mistake("plus state", lambda: np.array([1, 1]) / _S2,
                "that is |+⟩; |−⟩ has a minus sign on the |1⟩ amplitude"),
        Mistake("not normalised", lambda: np.array([1, -1]),
                "divide by √2 so that the probabilities add up to 1"),
    ],
    hint="|−⟩ = (|0⟩ − |1⟩)/√2",
    show=show_states)


# ---------------------------------------------------------------- 00.3 Bell state
def _bell():
    psi = apply_gate(zero_state(2), "H", 0)
    return apply_gate(psi, "CNOT", [0, 1])


exercise_bell = Exercise(
    id="00.4", name="bell_state", title="Entangle two qubits: the Bell state", notebook=NOTEBOOK,
    reference=_bell,
    cases=lambda rng: [()],
    compare=states_equal_up_to_phase(), normalize=_state_of(lambda a: 2),
    mistakes=[
        Mistake("no entangling gate", lambda: np.array([1, 0, 1, 0]) / _S2,
                "after H on wire 0 the state is (|00⟩ + |10⟩)/√2, a product state; a CNOT with "
                "control wire 0 and target wire 1 turns |10⟩ into |11⟩"),
        Mistake("H on the wrong wire", lambda: np.array([1, 1, 0, 0]) / _S2,
                "H went on wire 1 (the rightmost label) and the CNOT could not act: put H on wire 0, "
                "the control"),
        Mistake("minus sign", lambda: np.array([1, 0, 0, -1]) / _S2,
                "the amplitudes of |00⟩ and |11⟩ must have the same sign"),
    ],
    hint="start from |00⟩, apply H to wire 0, then a CNOT with control 0 and target 1",
    show=show_states)


# ---------------------------------------------------------------- 00.4 GHZ state
def _ghz(n_qubits):
    psi = np.zeros(2 ** n_qubits, dtype=complex)
    psi[0] = psi[-1] = 1 / _S2
    return psi


def _ghz_missing_last(n_qubits):
    psi = np.zeros(2 ** n_qubits, dtype=complex)
    psi[0] = psi[-2 if n_qubits > 1 else -1] = 1 / _S2
    return psi


def _ghz_little_endian_one(n_qubits):
    psi = np.zeros(2 ** n_qubits, dtype=complex)
    psi[0] = psi[1] = 1 / _S2
    return psi


exercise_ghz = Exercise(
    id="00.5", name="ghz_state", title="The GHZ state on n qubits", notebook=NOTEBOOK,
    reference=_ghz,
    cases=lambda rng: [(n,) for n in (1, 2, 3, 4, 5, 6)],
    compare=states_equal_up_to_phase(), normalize=_state_of(lambda a: a[0]),
    mistakes=[
        Mistake("one CNOT short", _ghz_missing_last,
                "the last qubit was never flipped: you need n − 1 CNOTs, from wire 0 (or the "
                "previous wire) to every other wire"),
        Mistake("wrong basis index", _ghz_little_endian_one,
                "|1…1⟩ is the last basis state, index 2**n − 1; index 1 is |0…01⟩"),
    ],
    hint="H on wire 0, then CNOT(0, k) for k = 1, …, n − 1; for n = 1 the answer is |+⟩",
    show=show_states)


# ---------------------------------------------------------------- 00.5 probability of 1 on a wire
def _p_one(state, wire):
    n = int(np.log2(len(state)))
    p = np.abs(np.asarray(state)) ** 2
    return float(p.reshape((2,) * n).sum(axis=tuple(w for w in range(n) if w != wire))[1])


def _p_one_qiskit_order(state, wire):
    n = int(np.log2(len(state)))
    return _p_one(state, n - 1 - wire)


def _p_zero(state, wire):
    return 1.0 - _p_one(state, wire)


def _p_one_unsquared(state, wire):
    n = int(np.log2(len(state)))
    idx = np.arange(2 ** n)
    return float(np.abs(np.asarray(state))[((idx >> (n - 1 - wire)) & 1) == 1].sum())


def _cases_p_one(rng):
    out = [(np.array([0, 1], dtype=complex), 0), (np.array([0, 0, 1, 0], dtype=complex), 0)]
    for n in (2, 3, 4):
        psi = _random_state(rng, n)
        out += [(psi, w) for w in range(n)]
    return out


exercise_p_one = Exercise(
    id="00.3", name="probability_of_one", title="Which bit is wire 0?", notebook=NOTEBOOK,
    reference=_p_one,
    cases=_cases_p_one,
    compare=numbers_close(1e-6), normalize=_number,
    mistakes=[
        Mistake("Qiskit's order", _p_one_qiskit_order,
                "you counted wires from the right (Qiskit's convention); here wire 0 is the leftmost, "
                "most significant bit: wire w is bit (n − 1 − w) of the basis index"),
        Mistake("probability of 0", _p_zero, "that is the probability of measuring 0 on the wire"),
        Mistake("amplitudes not squared", _p_one_unsquared,
                "probabilities are |amplitude|², not |amplitude|"),
    ],
    hint="add |amplitude|² over the basis states whose bit for `wire` is 1",
    show=show_values)


# ---------------------------------------------------------------- 00.6 <Z⊗Z>
def _zz(state):
    return obs.expval(np.asarray(state, dtype=complex), obs.Z(0) @ obs.Z(1))


def _zz_unsquared(state):
    return float(np.real(np.asarray(state) @ np.array([1, -1, -1, 1])))


def _z0_only(state):
    return float((np.abs(np.asarray(state)) ** 2) @ np.array([1, 1, -1, -1]))


def _cases_zz(rng):
    basis = [np.eye(4, dtype=complex)[k] for k in range(4)]
    return [(b,) for b in basis] + [(_random_state(rng, 2),) for _ in range(5)]


exercise_zz = Exercise(
    id="00.6", name="zz_expectation", title="An expectation value: ⟨Z⊗Z⟩", notebook=NOTEBOOK,
    reference=_zz,
    cases=_cases_zz,
    compare=numbers_close(1e-6), normalize=_number,
    mistakes=[
        Mistake("amplitudes not squared", _zz_unsquared,
                "weight each eigenvalue by the probability |amplitude|², not by the amplitude"),
        Mistake("magnitudes not squared",
                lambda state: float(np.abs(np.asarray(state)) @ np.array([1, -1, -1, 1])),
                "probabilities are |amplitude|², the squares of the magnitudes: np.abs(state) ** 2"),
        Mistake("Z on wire 0 only", _z0_only,
                "Z⊗Z multiplies the signs of both qubits: +1 for |00⟩ and |11⟩, −1 for |01⟩ and |10⟩"),
    ],
    hint="⟨Z⊗Z⟩ = Σ_k p_k · s_k with p_k = |amplitude_k|² and s = (+1, −1, −1, +1)",
    show=show_values)


# ---------------------------------------------------------------- 00.7 <Z⊗Z> from counts
def _zz_counts(counts):
    c = np.asarray(counts, dtype=float)
    return float(c @ np.array([1, -1, -1, 1]) / c.sum())


def _cases_counts(rng):
    out = [(np.array([10, 0, 0, 0]),), (np.array([0, 3, 4, 0]),)]
    for _ in range(4):
        out.append((rng.multinomial(int(rng.integers(50, 2000)), rng.dirichlet(np.ones(4))),))
    return out


exercise_counts = Exercise(
    id="00.7", name="zz_from_counts", title="⟨Z⊗Z⟩ from measurement counts", notebook=NOTEBOOK,
    reference=_zz_counts,
    cases=_cases_counts,
    compare=numbers_close(1e-6), normalize=_number,
    mistakes=[
        Mistake("not divided by shots", lambda c: float(np.asarray(c) @ np.array([1, -1, -1, 1])),
                "divide by the number of shots, counts.sum(), to turn counts into frequencies"),
        Mistake("divided by 4", lambda c: float(np.asarray(c) @ np.array([1, -1, -1, 1]) / 4),
                "divide by the number of shots, counts.sum(), not by the number of outcomes"),
        Mistake("Z on wire 0 only", lambda c: float(np.asarray(c) @ np.array([1, 1, -1, -1])
                                                    / np.sum(c)),
                "Z⊗Z gives +1 for |00⟩ and |11⟩ and −1 for |01⟩ and |10⟩"),
    ],
    hint="⟨Z⊗Z⟩ ≈ (n00 − n01 − n10 + n11) / (n00 + n01 + n10 + n11)",
    show=show_values)


# ---------------------------------------------------------------- 00.8 ★ shots for a precision
def _shots(expectation, epsilon):
    return max(1, math.ceil((1.0 - expectation ** 2) / epsilon ** 2))


def _cases_shots(rng):
    out = [(0.0, 0.1), (1.0, 0.05), (0.5, 0.02)]
    while len(out) < 8:
        e, eps = float(rng.uniform(-0.95, 0.95)), float(rng.uniform(0.005, 0.1))
        x = (1 - e * e) / eps ** 2
        if abs(x - round(x)) > 1e-3:          # stay clear of rounding ties
            out.append((round(e, 6), round(eps, 6)))
    return out


def _integer(got, args):
    v = as_number(got, "your number of shots")
    if abs(v - round(v)) > 1e-9:
        raise AnswerError(f"a number of shots is a whole number, got {v}")
    return float(round(v))


exercise_shots = Exercise(
    id="00.8", name="shots_for_precision", title="★ How many shots?", notebook=NOTEBOOK,
    reference=_shots,
    cases=_cases_shots,
    compare=numbers_close(0.5), normalize=_integer,
    mistakes=[
        Mistake("standard deviation for variance",
                lambda e, eps: max(1, math.ceil(math.sqrt(1 - e * e) / eps)),
                "the standard error is √(Var/N): square both sides, N = Var / ε², with the variance "
                "Var = 1 − ⟨P⟩² (not its square root)"),
        Mistake("variance taken as 1", lambda e, eps: max(1, math.ceil(1 / eps ** 2)),
                "one shot gives ±1 with variance 1 − ⟨P⟩², which is below 1 when ⟨P⟩ ≠ 0"),
        Mistake("no rounding up", lambda e, eps: (1 - e * e) / eps ** 2,
                "round up to a whole number of shots (math.ceil), and take at least 1"),
    ],
    hint="one shot gives ±1 with variance 1 − ⟨P⟩²; the mean of N shots has standard error "
         "√((1 − ⟨P⟩²)/N); solve for the smallest whole N with standard error ≤ ε (at least 1)",
    show=show_values)

check_plus_state = exercise_plus.check
check_minus_state = exercise_minus.check
check_bell_state = exercise_bell.check
check_ghz_state = exercise_ghz.check
check_probability_of_one = exercise_p_one.check
check_zz_expectation = exercise_zz.check
check_zz_from_counts = exercise_counts.check
check_shots_for_precision = exercise_shots.check
