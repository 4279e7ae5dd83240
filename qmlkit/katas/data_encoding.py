"""Checks for notebook 01, "Data encoding": basis, angle, dense angle and amplitude encodings,
state preparation, the kernel of a feature map, and the frequencies of re-uploading models.

Where the learner writes an encoding from scratch, the reference is qmlkit's own
(`qmlkit.encoding`), so the check compares the two.

>>> from qmlkit.katas import data_encoding
>>> data_encoding.check_amplitude_qubits(lambda n: max(1, (n - 1).bit_length()))
✅ 01.4 amplitude_qubits: correct!
"""
from __future__ import annotations

import math

import numpy as np

from .. import encoding as enc
from ..circuit import Circuit
from ._core import (AnswerError, Exercise, Mistake, as_array, as_number, fmt_number, numbers_close,
                    show_states, show_values, states_equal_up_to_phase)

NOTEBOOK = "01_data_encoding"

__all__ = ["check_basis_encode", "check_angle_encode", "check_dense_angle_encode",
           "check_amplitude_qubits", "check_normalise_and_pad", "check_ry_angles",
           "check_amplitude_circuit_2q", "check_quantum_kernel", "check_reuploading_frequencies"]


def _state_of_size(size_of_args, what="your state"):
    """Normalizer for an answer that is a state vector of ``size_of_args(args)`` amplitudes."""
    def normalize(got, args):
        return as_array(got, (size_of_args(args),), what)
    return normalize


def _kron_all(vectors):
    out = np.ones(1, dtype=complex)
    for v in vectors:
        out = np.kron(out, v)
    return out


# ---------------------------------------------------------------- 01.1 basis encoding
def _basis(integer, n_qubits):
    return enc.basis_encoding([integer], n_qubits=n_qubits)[0]


def _one_hot(index, n_qubits):
    out = np.zeros(2 ** n_qubits, dtype=complex)
    out[index] = 1
    return out


def _cases_basis(rng):
    out = [(0, 1), (1, 1), (1, 3), (6, 3), (0, 4), (15, 4), (11, 4)]
    for n in (2, 5, 6):
        out.append((int(rng.integers(0, 2 ** n)), n))
    return out


exercise_basis = Exercise(
    id="01.1", name="basis_encode", title="Basis encoding of an integer", notebook=NOTEBOOK,
    reference=_basis,
    cases=_cases_basis,
    compare=states_equal_up_to_phase(), normalize=_state_of_size(lambda a: 2 ** a[1]),
    mistakes=[
        Mistake("little-endian", lambda i, n: _one_hot(int(format(i, f"0{n}b")[::-1], 2), n),
                "you wrote the least significant bit on wire 0 (Qiskit's order); in qmlkit wire 0 "
                "holds the most significant bit, so |b0 b1 … b(n−1)⟩ has basis index `integer` itself"),
        Mistake("bits flipped", lambda i, n: _one_hot(2 ** n - 1 - i, n),
                "a bit 0 becomes |0⟩ = [1, 0] and a bit 1 becomes |1⟩ = [0, 1]; you swapped them"),
    ],
    hint="write `integer` in binary with n_qubits digits (format(integer, f'0{n_qubits}b')), "
         "wire 0 taking the leftmost digit; the state is the Kronecker product of |digit⟩ over the wires",
    show=show_states)


# ---------------------------------------------------------------- 01.2 angle encoding
def _angle(x):
    return enc.angle_encoding(np.asarray(x, dtype=float)[None], "RY")[0]


def _angle_with(qubit, reverse=False):
    def answer(x):
        qs = [qubit(float(v)) for v in x]
        return _kron_all(qs[::-1] if reverse else qs)
    return answer


def _cases_angle(rng):
    out = [(np.array([0.0]),), (np.array([1.0]),), (np.array([0.0, np.pi]),),
           (np.array([np.pi / 2, 0.0, np.pi]),), (np.array([-1.0, 2.5]),)]
    for n in (1, 3, 4, 5):
        out.append((rng.uniform(-np.pi, np.pi, n),))
    return out


exercise_angle = Exercise(
    id="01.2", name="angle_encode", title="Angle encoding with RY", notebook=NOTEBOOK,
    reference=_angle,
    cases=_cases_angle,
    compare=states_equal_up_to_phase(), normalize=_state_of_size(lambda a: 2 ** len(a[0])),
    mistakes=[
        Mistake("full angle", _angle_with(lambda t: np.array([np.cos(t), np.sin(t)])),
                "RY(θ) = exp(−iθY/2) turns the state by θ/2 in amplitude: RY(θ)|0⟩ = cos(θ/2)|0⟩ + "
                "sin(θ/2)|1⟩; halve the angle"),
        Mistake("wires reversed", _angle_with(lambda t: np.array([np.cos(t / 2), np.sin(t / 2)]), True),
                "feature 0 goes on wire 0, the leftmost factor of the Kronecker product: "
                "np.kron(q0, q1), not np.kron(q1, q0)"),
        Mistake("RX instead of RY", _angle_with(lambda t: np.array([np.cos(t / 2), -1j * np.sin(t / 2)])),
                "that is RX(θ)|0⟩ = cos(θ/2)|0⟩ − i·sin(θ/2)|1⟩; RY's amplitudes are real"),
        Mistake("cos/sin swapped", _angle_with(lambda t: np.array([np.sin(t / 2), np.cos(t / 2)])),
                "RY(0)|0⟩ = |0⟩, so cos(θ/2) is the amplitude of |0⟩ and sin(θ/2) that of |1⟩"),
    ],
    hint="each qubit is RY(x_i)|0⟩ = [cos(x_i/2), sin(x_i/2)]; the state is their Kronecker "
         "product, wire 0 first",
    show=show_states)


# ---------------------------------------------------------------- 01.3 dense angle encoding
def _dense(x):
    return enc.dense_angle_encoding(np.asarray(x, dtype=float)[None])[0]


def _dense_with(pairs, qubit):
    def answer(x):
        x = np.asarray(x, dtype=float)
        return _kron_all([qubit(t, p) for t, p in pairs(x)])
    return answer


def _neighbours(x):
    return list(zip(x[0::2], x[1::2]))


def _halves(x):
    return list(zip(x[: len(x) // 2], x[len(x) // 2:]))


def _dense_qubit(t, p):
    return np.array([np.cos(t / 2), np.exp(1j * p) * np.sin(t / 2)])


def _cases_dense(rng):
    out = [(np.array([0.0, 0.0]),), (np.array([np.pi / 2, np.pi / 2]),),
           (np.array([1.0, -2.0, 2.5, 0.7]),), (np.array([np.pi, 0.3, np.pi / 2, np.pi]),)]
    for n in (2, 4, 6):
        out.append((rng.uniform(-np.pi, np.pi, n),))
    return out


exercise_dense = Exercise(
    id="01.3", name="dense_angle_encode", title="Dense angle encoding: two features per qubit",
    notebook=NOTEBOOK,
    reference=_dense,
    cases=_cases_dense,
    compare=states_equal_up_to_phase(), normalize=_state_of_size(lambda a: 2 ** (len(a[0]) // 2)),
    mistakes=[
        Mistake("roles swapped", _dense_with(lambda x: list(zip(x[1::2], x[0::2])), _dense_qubit),
                "the even-indexed feature x[2i] is the polar angle θ (it sets the probabilities), "
                "the odd-indexed x[2i+1] is the phase φ"),
        Mistake("full angle", _dense_with(_neighbours,
                                          lambda t, p: np.array([np.cos(t), np.exp(1j * p) * np.sin(t)])),
                "the amplitudes are cos(θ/2) and e^{iφ}·sin(θ/2): halve the polar angle"),
        Mistake("phase sign", _dense_with(_neighbours, lambda t, p: np.array(
            [np.cos(t / 2), np.exp(-1j * p) * np.sin(t / 2)])),
                "the phase factor on |1⟩ is e^{+iφ} (np.exp(1j * phi)), not e^{−iφ}"),
        Mistake("halves instead of pairs", _dense_with(_halves, _dense_qubit),
                "qubit i takes the neighbours x[2i] and x[2i+1], not x[i] and x[i + n/2]"),
    ],
    hint="qubit i is cos(x[2i]/2)|0⟩ + e^{i·x[2i+1]}·sin(x[2i]/2)|1⟩; the state is the Kronecker "
         "product of these, qubit 0 first",
    show=show_states)


# ---------------------------------------------------------------- 01.4 qubits for amplitude encoding
exercise_qubits = Exercise(
    id="01.4", name="amplitude_qubits", title="How many qubits does amplitude encoding need?",
    notebook=NOTEBOOK,
    reference=enc.amplitude_n_qubits,
    # n = 1 comes last: most wrong answers also fail there, and earlier cases tell them apart.
    cases=lambda rng: [(n,) for n in (2, 3, 4, 5, 8, 9, 16, 17, 100, 1000, 1024, 1025, 2 ** 20 + 1, 1)],
    compare=numbers_close(1e-9), normalize=lambda got, args: as_number(got, "your number of qubits"),
    mistakes=[
        Mistake("zero for one feature", lambda n: math.ceil(math.log2(n)),
                "one feature still needs one qubit (a state has at least 2 amplitudes): return at "
                "least 1"),
        Mistake("floor", lambda n: int(math.log2(n)),
                "rounding down loses features: 5 features need 8 amplitudes, so 3 qubits; round up"),
        Mistake("not rounded", lambda n: math.log2(n),
                "log2(5) ≈ 2.32 is not a whole number of qubits: round it up with math.ceil"),
        Mistake("one per feature", lambda n: n,
                "that is what angle encoding needs; amplitude encoding stores 2**n numbers in n qubits"),
    ],
    hint="the smallest n ≥ 1 with 2**n ≥ n_features, i.e. max(1, ceil(log2(n_features)))",
    show=show_values)


# ---------------------------------------------------------------- 01.5 normalise and pad
def _any_vector(got, args):
    """Amplitudes of any length (the compare step says when the length is wrong)."""
    try:
        shape = np.shape(got)
    except Exception:
        raise AnswerError(f"your amplitudes should be an array of numbers, got {type(got).__name__}") \
            from None
    if len(shape) != 1:
        raise AnswerError(f"your amplitudes should be a 1-D array, got shape {shape}")
    return as_array(got, shape, "your amplitudes")


def _padded_states_equal_up_to_phase(atol: float = 1e-6):
    """`states_equal_up_to_phase`, after checking the number of amplitudes (padding)."""
    def compare(got, expected):
        if got.shape != expected.shape:
            return (f"expected {expected.size} amplitudes (2**{int(np.log2(expected.size))}), "
                    f"got {got.size}")
        # Equal up to a global phase whatever the norm, so that an unnormalised known mistake is
        # still recognised; only an answer that matches nothing is then told about its norm.
        overlap = np.vdot(expected, got)
        phase = overlap / abs(overlap) if abs(overlap) > 1e-12 else 1.0
        if np.abs(got / phase - expected).max() <= atol:
            return None
        return states_equal_up_to_phase(atol)(got, expected) or "your amplitudes differ from the expected ones"
    return compare


def _pad(v, size, front=False):
    out = np.zeros(size, dtype=complex)
    if front:
        out[size - len(v):] = v
    else:
        out[: len(v)] = v
    return out


def _size(x):
    return 2 ** enc.amplitude_n_qubits(len(x))


def _cases_pad(rng):
    out = [(np.array([3.0, 4.0]),), (np.array([1.0, 2.0, 2.0]),), (np.array([1.0, -1.0, 1.0, -1.0, 1.0]),),
           (np.array([1j, 2.0, -1.0]),), (np.array([5.0]),), (np.array([-2.0]),)]
    for n in (4, 6, 7, 8, 9):
        out.append((rng.normal(size=n),))
    out.append((rng.normal(size=5) + 1j * rng.normal(size=5),))
    return out


exercise_pad = Exercise(
    id="01.5", name="normalise_and_pad", title="Amplitude encoding: normalise and pad", notebook=NOTEBOOK,
    reference=enc.amplitude_vector,
    cases=_cases_pad,
    compare=_padded_states_equal_up_to_phase(), normalize=_any_vector,
    mistakes=[
        Mistake("no padding", lambda x: np.asarray(x) / np.linalg.norm(x),
                "pad with zeros up to the next power of two, 2**ceil(log2(n)) amplitudes (2 for a "
                "single feature): a register of qubits always has a power of two of them"),
        Mistake("not normalised", lambda x: _pad(x, _size(x)),
                "divide by the norm, np.linalg.norm(x), so that the probabilities add up to 1"),
        Mistake("padded at the front", lambda x: _pad(x, _size(x), front=True) / np.linalg.norm(x),
                "put the zeros at the end: feature k is the amplitude of basis state k, starting at |0…0⟩"),
        Mistake("divided by the sum", lambda x: _pad(x, _size(x)) / np.sum(np.abs(x)),
                "normalise with the Euclidean norm √(Σ|x_k|²), not with the sum of |x_k|"),
        Mistake("x² for complex", lambda x: _pad(x, _size(x)) / np.sqrt(np.sum(np.asarray(x) ** 2)),
                "for complex features the norm is √(Σ|x_k|²): square the moduli (np.abs(x) ** 2, or "
                "np.linalg.norm), not the numbers themselves"),
    ],
    hint="pad x with zeros at the end to 2**max(1, ceil(log2(len(x)))) entries, then divide by "
         "np.linalg.norm(x)",
    show=show_states)


# ---------------------------------------------------------------- 01.6 RY angles of a 2-qubit state
def _ry_angles(x):
    ry, _ = enc.state_preparation_angles(np.asarray(x, dtype=float))
    return np.array([ry[0][0], ry[1][0], ry[1][1]])


def _ry_state(angles):
    """The state RY(β) on wire 0, then RY(β0) or RY(β1) on wire 1 for wire 0 in |0⟩ or |1⟩."""
    b, b0, b1 = np.asarray(angles, dtype=float)
    return np.array([np.cos(b / 2) * np.cos(b0 / 2), np.cos(b / 2) * np.sin(b0 / 2),
                     np.sin(b / 2) * np.cos(b1 / 2), np.sin(b / 2) * np.sin(b1 / 2)], dtype=complex)


def _compare_angles(got, expected):
    if states_equal_up_to_phase()(_ry_state(got), _ry_state(expected)) is None:
        return None
    return "your angles prepare a different state"


def _show_angles(args, expected, got):
    fmt = ", ".join
    rows = [f"angles (β, β0, β1) expected: [{fmt(fmt_number(a) for a in expected)}]",
            f"                   yours:    [{fmt(fmt_number(a) for a in got)}]",
            "the states they prepare:"]
    return rows + ["  " + r for r in show_states(args, _ry_state(expected), _ry_state(got))]


def _ry_arctan(x):
    a00, a01, a10, a11 = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.array([2 * np.arctan2(np.hypot(a10, a11), np.hypot(a00, a01)),
                         2 * np.arctan(a01 / a00), 2 * np.arctan(a11 / a10)])


def _cases_2q(rng):
    out = [(np.array([1.0, 0.0, 0.0, 1.0]),), (np.array([1.0, 2.0, 3.0, 4.0]),),
           (np.array([-1.0, 2.0, 3.0, 0.5]),), (np.array([-1.0, 2.0, -3.0, 0.5]),), (np.array([0.0, 0.0, 0.0, 1.0]),),
           (np.array([1.0, 0.0, 0.0, 0.0]),), (np.array([0.0, 1.0, 1.0, 0.0]),),
           (np.array([1.0, 1.0, 0.0, 0.0]),), (np.array([0.0, 0.0, -1.0, 1.0]),)]
    for _ in range(5):
        out.append((rng.normal(size=4),))
    return out


exercise_angles = Exercise(
    id="01.6", name="ry_angles", title="The rotation angles of a two-qubit state preparation",
    notebook=NOTEBOOK,
    reference=_ry_angles,
    cases=_cases_2q,
    compare=_compare_angles,
    normalize=lambda got, args: as_array(got, (3,), "your angles (β, β0, β1)", complex_ok=False),
    mistakes=[
        Mistake("not doubled", lambda x: _ry_angles(x) / 2,
                "RY(β)|0⟩ = cos(β/2)|0⟩ + sin(β/2)|1⟩, so β = 2·arctan2(sin part, cos part): "
                "double the arctangent"),
        Mistake("amplitudes instead of norms", lambda x: np.array(
            [2 * np.arctan2(abs(x[2]), abs(x[0])), *_ry_angles(x)[1:]]),
                "the first rotation splits the *total* weight of the two halves: use the norms "
                "√(a00² + a01²) and √(a10² + a11²), not single amplitudes"),
        Mistake("branches swapped", lambda x: _ry_angles(x)[[0, 2, 1]],
                "β0 acts when wire 0 is |0⟩, so it comes from a00 and a01; β1 from a10 and a11"),
        Mistake("arctan of a ratio", _ry_arctan,
                "np.arctan(a01 / a00) loses the sign of a00 (and divides by zero when a00 = 0): "
                "use np.arctan2(a01, a00)"),
    ],
    hint="β = 2·arctan2(‖(a10, a11)‖, ‖(a00, a01)‖); β0 = 2·arctan2(a01, a00); β1 = 2·arctan2(a11, a10)",
    show=_show_angles)


# ---------------------------------------------------------------- 01.7 ★ the 2-qubit circuit
def _circuit_state(got, args):
    if not isinstance(got, Circuit):
        raise AnswerError(f"return a qk.Circuit, got {type(got).__name__}")
    if got.n_qubits != 2:
        raise AnswerError(f"your circuit should have 2 qubits, got {got.n_qubits}")
    if got.n_params or got.n_features:
        raise AnswerError("give your gates numbers as angles, not qk.Param or qk.Feature")
    try:
        return got.states()
    except Exception as exc:
        raise AnswerError(f"your circuit could not run: {type(exc).__name__}: {exc}") from None


def _as_state(obj):
    return obj.states() if isinstance(obj, Circuit) else obj


def _compare_circuits(got, expected):
    return states_equal_up_to_phase()(_as_state(got), _as_state(expected))


def _show_circuit(args, expected, got):
    return show_states(args, _as_state(expected), _as_state(got))


def _wrong_circuit(build):
    def answer(x):
        b, b0, b1 = _ry_angles(x)
        return build(Circuit(2), b, b0, b1)
    return answer


exercise_circuit = Exercise(
    id="01.7", name="amplitude_circuit_2q", title="★ The state-preparation circuit on two qubits",
    notebook=NOTEBOOK,
    reference=lambda x: enc.amplitude_circuit(x)[0],
    cases=_cases_2q,
    compare=_compare_circuits, normalize=_circuit_state,
    mistakes=[
        Mistake("no control", _wrong_circuit(lambda c, b, b0, b1: c.ry(b, 0).ry(b0, 1)),
                "one RY on wire 1 gives a product state; wire 1 needs RY(β0) when wire 0 is |0⟩ and "
                "RY(β1) when it is |1⟩: two controlled rotations (or the CNOT construction)"),
        Mistake("both on |1⟩", _wrong_circuit(
            lambda c, b, b0, b1: c.ry(b, 0).cry(b0, 0, 1).cry(b1, 0, 1)),
                "a controlled gate acts when its control is |1⟩; to act on |0⟩ sandwich it between "
                "X gates on the control: x(0), cry(β0, 0, 1), x(0)"),
        Mistake("branches swapped", _wrong_circuit(
            lambda c, b, b0, b1: c.ry(b, 0).x(0).cry(b1, 0, 1).x(0).cry(b0, 0, 1)),
                "β0 belongs to wire 0 in |0⟩ (the one sandwiched between X gates), β1 to wire 0 in |1⟩"),
        Mistake("wires swapped", _wrong_circuit(
            lambda c, b, b0, b1: c.ry(b, 1).x(1).cry(b0, 1, 0).x(1).cry(b1, 1, 0)),
                "the first rotation goes on wire 0 (the most significant bit), the controlled ones on "
                "wire 1 with wire 0 as control"),
    ],
    hint="RY(β) on wire 0; then X on wire 0, CRY(β0) from 0 to 1, X on wire 0 again, and CRY(β1) "
         "from 0 to 1 — with the angles of your ry_angles",
    show=_show_circuit)


# ---------------------------------------------------------------- 01.8 the kernel of a feature map
def _kernel(states_a, states_b):
    a, b = np.asarray(states_a, dtype=complex), np.asarray(states_b, dtype=complex)
    return np.abs(a.conj() @ b.T) ** 2


def _compare_kernel(got, expected):
    if np.abs(got - expected).max(initial=0) <= 1e-9:
        return None
    if np.abs(np.imag(got)).max(initial=0) > 1e-9:
        return "your kernel has complex entries; |⟨a|b⟩|² is a real number"
    return "your kernel differs from the expected one"


def _random_states(rng, n_states, n_qubits, real=False):
    v = rng.normal(size=(n_states, 2 ** n_qubits))
    if not real:
        v = v + 1j * rng.normal(size=v.shape)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _cases_kernel(rng):
    same = _random_states(rng, 4, 3)
    return [(_random_states(rng, 3, 2), _random_states(rng, 3, 2)),
            (_random_states(rng, 2, 3), _random_states(rng, 4, 3)),
            (same, same),
            (np.eye(4, dtype=complex)[:2], np.eye(4, dtype=complex)),
            (_random_states(rng, 3, 1, real=True), _random_states(rng, 2, 1, real=True)),
            (_random_states(rng, 1, 2), _random_states(rng, 1, 2))]


exercise_kernel = Exercise(
    id="01.8", name="quantum_kernel", title="The kernel a feature map induces", notebook=NOTEBOOK,
    reference=_kernel,
    cases=_cases_kernel,
    compare=_compare_kernel,
    normalize=lambda got, args: as_array(got, (len(args[0]), len(args[1])), "your kernel matrix"),
    mistakes=[
        Mistake("modulus not squared", lambda a, b: np.abs(np.conj(a) @ np.transpose(b)),
                "square the modulus: the kernel is the probability |⟨a|b⟩|², not |⟨a|b⟩|"),
        Mistake("no conjugate", lambda a, b: np.abs(np.asarray(a) @ np.transpose(b)) ** 2,
                "the bra ⟨a| is the conjugate transpose of |a⟩: use states_a.conj()"),
        Mistake("overlap itself", lambda a, b: np.conj(a) @ np.transpose(b),
                "that is the overlap ⟨a|b⟩, a complex number; the kernel is its squared modulus"),
        Mistake("transposed", lambda a, b: _kernel(b, a),
                "row i belongs to states_a[i] and column j to states_b[j]"),
    ],
    hint="K = |A* Bᵀ|² entrywise: np.abs(states_a.conj() @ states_b.T) ** 2",
    show=show_values)


# ---------------------------------------------------------------- 01.9 frequencies of re-uploading
def _frequencies(n_layers):
    return np.arange(-n_layers, n_layers + 1, dtype=float)


def _integer_set(got, args):
    try:
        arr = np.asarray(sorted(got) if isinstance(got, (set, frozenset, range)) else got)
    except Exception:                         # ragged lists, unsortable sets, ...
        arr = np.asarray(None)
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number) or arr.ndim > 1:
        raise AnswerError(f"return the frequencies as a list, set or 1-D array of integers, "
                          f"got {type(got).__name__}")
    vals = as_array(arr.ravel(), (arr.size,), "your frequencies", complex_ok=False)
    if np.abs(vals - np.round(vals)).max(initial=0) > 1e-9:
        raise AnswerError("frequencies of a Pauli-encoding model are whole numbers")
    return np.unique(np.round(vals))


def _compare_sets(got, expected):
    if got.shape == expected.shape and np.array_equal(got, expected):
        return None
    return "your set of frequencies differs from the expected one"


def _show_sets(args, expected, got):
    def fmt(a):
        return "{" + ", ".join(str(int(v)) for v in a) + "}"
    return [f"expected: {fmt(expected)}", f"yours:    {fmt(got)}"]


exercise_frequencies = Exercise(
    id="01.9", name="reuploading_frequencies", title="The frequencies a re-uploading model can express",
    notebook=NOTEBOOK,
    reference=_frequencies,
    cases=lambda rng: [(L,) for L in (1, 2, 3, 4, 5, 8)],
    compare=_compare_sets, normalize=_integer_set,
    mistakes=[
        Mistake("generator without 1/2", lambda L: list(range(-2 * L, 2 * L + 1)),
                "RX(x) = exp(−i x X/2): its generator X/2 has eigenvalues ±1/2, so one gate adds a "
                "frequency of ½ − (−½) = 1, not 2; L gates reach at most L"),
        Mistake("only non-negative", lambda L: list(range(0, L + 1)),
                "the model is real, so c_{−ω} is the complex conjugate of c_ω: every ω comes with −ω"),
        Mistake("no constant term", lambda L: [w for w in range(-L, L + 1) if w != 0],
                "ω = 0, the constant term, is always in the spectrum"),
        Mistake("extremes only", lambda L: [-L, 0, L],
                "each of the L gates contributes −1, 0 or +1 to the frequency; their sums reach every "
                "integer from −L to L"),
    ],
    hint="one Pauli-rotation encoding gives frequencies {−1, 0, 1}; with L of them the "
         "frequencies add up: {−L, …, L}",
    show=_show_sets)

check_basis_encode = exercise_basis.check
check_angle_encode = exercise_angle.check
check_dense_angle_encode = exercise_dense.check
check_amplitude_qubits = exercise_qubits.check
check_normalise_and_pad = exercise_pad.check
check_ry_angles = exercise_angles.check
check_amplitude_circuit_2q = exercise_circuit.check
check_quantum_kernel = exercise_kernel.check
check_reuploading_frequencies = exercise_frequencies.check
