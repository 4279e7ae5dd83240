"""Checks for notebook 02, "Circuit design": Microsoft's rotation layers, combining structures, the
Meyer–Wallach measure, circuit-centric code blocks and their size, and reading a circuit's unitary.

A structure or circuit the learner builds is checked by what it does, not by how it is written:
the check simulates it at fixed random parameter values and compares the unitaries with the
reference's up to a global phase, so the order of commuting gates or an equivalent decomposition
does not matter, while a wrong control, target or parameter index does.

>>> from qmlkit.katas import circuit_design
>>> circuit_design.check_circuit_centric_size(lambda n, ranges: [2 * n * len(ranges) + 1, 6 * n * len(ranges) + 3])
✅ 02.6 circuit_centric_size: correct!
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import ansatz as A
from ..circuit import Circuit, Param
from ..expressivity import meyer_wallach as _mw
from ._core import (AnswerError, Exercise, Mistake, as_array, as_number, fmt_number, numbers_close,
                    show_values)

NOTEBOOK = "02_circuit_design"

__all__ = ["check_local_rotations_layer", "check_cyclic_entangling_layer", "check_combined_n_params",
           "check_meyer_wallach", "check_code_block", "check_circuit_centric_size",
           "check_matching_circuit"]

# Two fixed parameter vectors at which structures are compared (index k is θ[k]).
_THETAS = np.random.default_rng(20240502).uniform(0, 2 * np.pi, (2, 512))


# ---------------------------------------------------------------- simulating structures and circuits
@dataclass
class _Simulated:
    """An answer as the unitaries it makes at the two parameter vectors, and lines describing it."""

    n_qubits: int
    unitaries: np.ndarray          # (2, 2**n, 2**n)
    lines: list


def _unitary(circuit: Circuit, theta) -> np.ndarray:
    """Column k is the circuit applied to basis state k."""
    d = 2 ** circuit.n_qubits
    return circuit.states(theta[:circuit.n_params], initial_state=np.eye(d, dtype=complex)).T


def _simulate(circuit: Circuit, lines) -> _Simulated:
    if circuit.n_params > _THETAS.shape[1]:
        raise AnswerError(f"your answer uses parameter index {circuit.n_params - 1}; that is far more "
                          "than this exercise needs")
    return _Simulated(circuit.n_qubits, np.stack([_unitary(circuit, t) for t in _THETAS]), lines)


def _equal_up_to_phase(a: np.ndarray, b: np.ndarray, atol: float = 1e-6) -> bool:
    overlap = np.vdot(b, a)
    phase = overlap / abs(overlap) if abs(overlap) > 1e-12 else 1.0
    return bool(np.abs(a / phase - b).max() <= atol)


def _compare_simulated(what):
    def compare(got, expected):
        exp = expected if isinstance(expected, _Simulated) else _as_simulated(expected, got.n_qubits)
        if all(_equal_up_to_phase(g, e) for g, e in zip(got.unitaries, exp.unitaries)):
            return None
        return f"your {what} acts differently from the expected one (compared as unitaries, up to a global phase)"
    return compare


def _as_simulated(obj, n_qubits) -> _Simulated:
    if isinstance(obj, Circuit):
        return _simulate(obj, _describe_circuit(obj))
    recs = list(obj)
    return _simulate(A.to_circuit(recs, n_qubits), [_describe_records(recs)])


def _show_simulated(args, expected, got):
    exp = expected if isinstance(expected, _Simulated) else _as_simulated(expected, got.n_qubits)
    return ([f"expected: {exp.lines[0]}"] + [f"          {ln}" for ln in exp.lines[1:]]
            + [f"yours:    {got.lines[0]}"] + [f"          {ln}" for ln in got.lines[1:]])


# ---------------------------------------------------------------- records
def _record(item) -> A.ControlledRotation:
    """A ControlledRotation, a tuple (target, controls, axis, param) or Microsoft's ((target, controls), axis, param)."""
    if isinstance(item, A.ControlledRotation):
        return item
    if isinstance(item, (tuple, list)) and len(item) == 3 and isinstance(item[0], (tuple, list)):
        (target, controls), axis, param = item
        item = (target, controls, axis, param)
    if isinstance(item, (tuple, list)) and len(item) == 4:
        try:
            return A.ControlledRotation(*item)
        except (TypeError, ValueError) as exc:
            raise AnswerError(f"a record of your layer is not a valid rotation: {exc}") from None
    raise AnswerError("your layer should be a list of qk.ansatz.ControlledRotation records, got an item "
                      f"of type {type(item).__name__}: {item!r}")


def _records_answer(n_qubits_of_args):
    def normalize(got, args):
        if isinstance(got, (A.ControlledRotation, str)) or not hasattr(got, "__iter__"):
            raise AnswerError(f"return a list of ControlledRotation records, got {type(got).__name__}")
        recs = [_record(g) for g in got]
        n = n_qubits_of_args(args)
        if A.n_qubits_required(recs) > n:
            raise AnswerError(f"your layer uses wire {A.n_qubits_required(recs) - 1}, but there are only "
                              f"{n} qubits (wires 0 … {n - 1})")
        return _simulate(A.to_circuit(recs, n), [_describe_records(recs)])
    return normalize


def _describe_records(recs) -> str:
    def one(g):
        return (f"R{g.axis}(θ{g.param}) on {g.target}" if not g.controls else
                f"CR{g.axis}(θ{g.param}) {','.join(map(str, g.controls))}→{g.target}")
    return ", ".join(one(g) for g in recs) or "(no gates)"


def _describe_circuit(c: Circuit) -> list:
    parts = []
    for op in c.ops:
        idx = sorted({i for a in op.angles for i, _ in a.params})
        th = "" if not idx else f"[θ{idx[0]}]" if len(idx) == 1 else f"[θ{idx[0]}–θ{idx[-1]}]"
        where = (f"{','.join(map(str, op.controls))}→{','.join(map(str, op.wires))}" if op.controls
                 else "q" + ",".join(map(str, op.wires)))
        parts.append(f"{'C' if op.controls else ''}{op.gate}{th} {where}")
    return [", ".join(parts[i:i + 6]) for i in range(0, len(parts), 6)] or ["(no gates)"]


# ---------------------------------------------------------------- 02.1 local rotations layer
def _local_with(fn):
    def answer(n_qubits, axis):
        return [A.ControlledRotation(*fn(q, n_qubits, axis)) for q in range(n_qubits)]
    return answer


exercise_local = Exercise(
    id="02.1", name="local_rotations_layer", title="A layer of local rotations", notebook=NOTEBOOK,
    reference=A.local_rotations_layer,
    cases=lambda rng: [(1, "X"), (2, "Y"), (3, "Z"), (4, "X"), (5, "Y"), (8, "Z")],
    compare=_compare_simulated("layer"), normalize=_records_answer(lambda a: a[0]),
    mistakes=[
        Mistake("one shared parameter", _local_with(lambda q, n, ax: (q, (), ax, 0)),
                "every qubit gets its own parameter: the rotation on qubit q reads θ[q], so give the "
                "record on qubit q the parameter index q (one shared index makes all angles equal)"),
        Mistake("axis ignored", _local_with(lambda q, n, ax: (q, (), "Y", q)),
                "use the `axis` you are given for every rotation, not a fixed 'Y'"),
        Mistake("parameters reversed", _local_with(lambda q, n, ax: (q, (), ax, n - 1 - q)),
                "qubit q takes parameter q: qubit 0 reads θ0, qubit 1 reads θ1, …"),
    ],
    hint="one record per qubit q = 0 … n−1: ControlledRotation(target=q, controls=(), axis=axis, param=q)",
    show=_show_simulated)


# ---------------------------------------------------------------- 02.2 cyclic entangling layer
def _cyclic_with(fn):
    def answer(n_qubits, axis, stride):
        return [A.ControlledRotation(*fn(i, n_qubits, axis, stride)) for i in range(n_qubits)]
    return answer


exercise_cyclic = Exercise(
    id="02.2", name="cyclic_entangling_layer", title="A cyclic entangling layer with a stride",
    notebook=NOTEBOOK,
    reference=A.cyclic_entangling_layer,
    # the first cases tell the mistakes apart: stride 1 on 4 qubits, stride 2 on 5 (where i − 2 ≠ i + 1)
    cases=lambda rng: [(4, "Y", 1), (5, "X", 2), (3, "X", 2), (2, "Z", 1), (5, "Y", 3), (6, "Z", 2),
                       (4, "X", 3), (7, "Y", 3)],
    compare=_compare_simulated("layer"), normalize=_records_answer(lambda a: a[0]),
    mistakes=[
        Mistake("control and target swapped", _cyclic_with(lambda i, n, ax, s: ((i + s) % n, (i,), ax, i)),
                "gate i has target i and control (i + stride) mod n: you made qubit i the control and "
                "(i + stride) mod n the target"),
        Mistake("wrong stride direction", _cyclic_with(lambda i, n, ax, s: (i, ((i - s) % n,), ax, i)),
                "the control sits `stride` qubits *after* the target, (i + stride) mod n, not before it"),
        Mistake("one shared parameter", _cyclic_with(lambda i, n, ax, s: (i, ((i + s) % n,), ax, 0)),
                "gate i reads its own parameter θ[i]; with one shared index all rotations turn together"),
        Mistake("stride ignored", _cyclic_with(lambda i, n, ax, s: (i, ((i + 1) % n,), ax, i)),
                "the control is (i + stride) mod n; you used a stride of 1"),
    ],
    hint="for i = 0 … n−1: ControlledRotation(target=i, controls=((i + stride) % n_qubits,), axis=axis, "
         "param=i)",
    show=_show_simulated)


# ---------------------------------------------------------------- 02.3 parameters of a combined structure
def _shared_layer(n, axis):
    """Rotations on n qubits that share parameters in pairs: 0, 0, 1, 1, 2, …"""
    return [A.ControlledRotation(q, (), axis, q // 2) for q in range(n)]


def _cases_count(rng):
    local, cyclic = A.local_rotations_layer, A.cyclic_entangling_layer
    global_z = [A.ControlledRotation(q, (), "Z", 0) for q in range(3)]
    return [([local(2, "Y"), cyclic(3, "X", 2)],),                       # Microsoft's example: 2 + 3
            ([_shared_layer(4, "Y"), local(4, "Z")],),                  # 2 + 4, from 8 gates
            ([global_z, cyclic(3, "Y", 1), global_z],),                 # 1 + 3 + 1
            ([local(5, "X")],),
            ([cyclic(4, "Z", 1), _shared_layer(5, "X"), local(2, "Y"), global_z],),
            ([[A.ControlledRotation(0, (1,), "Y", 0), A.ControlledRotation(1, (0,), "Y", 0)]],)]


def _combined_n_params(layers):
    return A.n_params(A.combined_structure(layers))


def _integer(got, args):
    v = as_number(got, "your number")
    if abs(v - round(v)) > 1e-9:
        raise AnswerError(f"a count is a whole number, got {fmt_number(v, 6)}")
    return float(round(v))


exercise_count = Exercise(
    id="02.3", name="combined_n_params", title="Count the parameters of a combined structure",
    notebook=NOTEBOOK,
    reference=_combined_n_params,
    cases=_cases_count,
    compare=numbers_close(0.5), normalize=_integer,
    mistakes=[
        Mistake("counted gates", lambda layers: sum(len(layer) for layer in layers),
                "gates that share a parameter index share one parameter: count the parameters a layer "
                "reads (its largest index + 1), not its gates"),
        Mistake("no offset", lambda layers: 1 + max(g.param for layer in layers for g in layer),
                "combining shifts each layer's indices past those of the layers before it, so the layers "
                "do not share parameters: add up the parameters of every layer"),
    ],
    hint="each layer reads parameters 0 … (its largest index); combined, the layers get distinct "
         "parameters, so the total is the sum over layers of (largest index + 1)",
    show=show_values)


# ---------------------------------------------------------------- 02.4 Meyer–Wallach
def _purities(state, conj=True, diagonal=False):
    psi = np.asarray(state, dtype=complex)
    n = int(np.log2(psi.size))
    out = []
    for k in range(n):
        m = np.moveaxis(psi.reshape((2,) * n), k, 0).reshape(2, -1)
        rho = m @ (m.conj() if conj else m).T
        out.append(np.sum(np.abs(np.diag(rho)) ** 2) if diagonal else np.sum(np.abs(rho) ** 2))
    return np.array(out)


def _kron(*vs):
    out = np.ones(1, dtype=complex)
    for v in vs:
        out = np.kron(out, v)
    return out


def _cases_mw(rng):
    s = 1 / np.sqrt(2)
    plus, zero = np.array([s, s]), np.array([1, 0])
    bell = np.array([s, 0, 0, s])
    ghz3 = np.zeros(8)
    ghz3[[0, 7]] = s
    w3 = np.zeros(8)
    w3[[1, 2, 4]] = 1 / np.sqrt(3)

    def rand(n):
        v = rng.normal(size=2 ** n) + 1j * rng.normal(size=2 ** n)
        return v / np.linalg.norm(v)

    product = _kron(rand(1), rand(1), rand(1))
    return [(np.array([1.0, 0.0]),), (_kron(plus, zero),), (bell,), (ghz3,), (w3,), (product,),
            (_kron(bell, plus),), (rand(2),), (rand(3),), (rand(4),), (rand(5),)]


def _meyer_wallach(state):
    return _mw(state)


exercise_mw = Exercise(
    id="02.4", name="meyer_wallach", title="The Meyer–Wallach entanglement of a state", notebook=NOTEBOOK,
    reference=_meyer_wallach,
    cases=_cases_mw,
    compare=numbers_close(1e-6), normalize=lambda got, args: as_number(got, "your Q"),
    mistakes=[
        Mistake("no factor 2", lambda s: 1 - _purities(s).mean(),
                "Q = 2(1 − mean purity): without the factor 2 a Bell state gets 1/2 instead of 1"),
        Mistake("probabilities only", lambda s: 2 * (1 - _purities(s, diagonal=True).mean()),
                "the purity Tr ρ² is the sum of |ρ_ij|² over *all* entries of the reduced density "
                "matrix, not only of its diagonal (the probabilities): |+⟩ is pure, with purity 1"),
        Mistake("purity of the whole state", lambda s: 2 * (1 - float(np.abs(np.vdot(s, s)) ** 2)),
                "the whole state is pure, so its purity is always 1; trace out every wire but k to get "
                "the reduced state ρ_k of one wire"),
        Mistake("no complex conjugate", lambda s: 2 * (1 - _purities(s, conj=False).mean()),
                "ρ_k = M M† with M the state reshaped to (2, 2**(n−1)): conjugate the second factor"),
    ],
    hint="for each wire k, reshape the state so that axis 0 is wire k, M = (2, 2**(n−1)); then "
         "ρ_k = M M†, purity Tr ρ_k² = Σ|ρ_ij|², and Q = 2(1 − mean of the purities)",
    show=show_values)


# ---------------------------------------------------------------- 02.5 the circuit-centric code block
def _circuit_answer(got, args):
    if not isinstance(got, Circuit):
        raise AnswerError(f"return a qk.Circuit, got {type(got).__name__}")
    if got.n_qubits != args[0]:
        raise AnswerError(f"your circuit should have {args[0]} qubits, got {got.n_qubits}")
    if got.n_features:
        raise AnswerError("your circuit reads data features (qk.Feature); a code block has only "
                          "trainable parameters (qk.Param)")
    try:
        return _simulate(got, _describe_circuit(got))
    except AnswerError:
        raise
    except Exception as exc:
        raise AnswerError(f"your circuit could not run: {type(exc).__name__}: {exc}") from None


def _block_with(pair, entangler="rot"):
    """A code block whose j-th controlled gate acts on ``pair(j, r, n) = (control, target)``."""
    def answer(n_qubits, r):
        c, k = Circuit(n_qubits), 0
        for q in range(n_qubits):
            c.rot(*_p(k), q)
            k += 3
        for j in range(n_qubits):
            ctrl, tgt = pair(j, r, n_qubits)
            if entangler == "cnot":
                c.cnot(ctrl, tgt)
            else:
                c.rot(*_p(k), tgt, controls=[ctrl])
                k += 3
        return c
    return answer


def _p(k):
    return Param(k), Param(k + 1), Param(k + 2)


def _code_block(n_qubits, r):
    return A.code_block(n_qubits, r)


exercise_block = Exercise(
    id="02.5", name="code_block", title="A circuit-centric code block", notebook=NOTEBOOK,
    reference=_code_block,
    cases=lambda rng: [(2, 1), (3, 1), (3, 2), (4, 1), (4, 3), (5, 2), (6, 5)],
    compare=_compare_simulated("circuit"), normalize=_circuit_answer,
    mistakes=[
        Mistake("control and target swapped", _block_with(lambda j, r, n: ((j * r - r) % n, (j * r) % n)),
                "gate j has control (j·r) mod n and target (j·r − r) mod n; you swapped them"),
        Mistake("range ignored", _block_with(lambda j, r, n: (j % n, (j - 1) % n)),
                "use the range r: control (j·r) mod n, target (j·r − r) mod n (you used r = 1)"),
        Mistake("wrong direction", _block_with(lambda j, r, n: ((j * r) % n, (j * r + r) % n)),
                "the target is r qubits *before* the control, (j·r − r) mod n, not (j·r + r) mod n"),
        Mistake("CNOT instead of a controlled gate", _block_with(lambda j, r, n: ((j * r) % n, (j * r - r) % n),
                                                                 entangler="cnot"),
                "the controlled gates of a code block are controlled *general* gates with their own three "
                "parameters each (rot(..., controls=[c])), not CNOTs"),
    ],
    hint="ROT(θ3q, θ3q+1, θ3q+2) on every qubit q; then for j = 0 … n−1, ROT with the next three "
         "parameters on target (j·r − r) % n with controls=[(j·r) % n]",
    show=_show_simulated)


# ---------------------------------------------------------------- 02.6 the size of the circuit-centric model
def _size(n_qubits, ranges):
    c = A.circuit_centric(n_qubits, ranges)
    return np.array([len(c), c.n_params], dtype=float)


def _pair(got, args):
    arr = as_array(got, (2,), "your (number of gates, number of parameters)", complex_ok=False)
    if np.abs(arr - np.round(arr)).max() > 1e-9:
        raise AnswerError("counts are whole numbers")
    return np.round(arr)


def _show_pair(args, expected, got):
    return [f"expected: {int(expected[0])} gates, {int(expected[1])} parameters",
            f"yours:    {int(got[0])} gates, {int(got[1])} parameters"]


exercise_size = Exercise(
    id="02.6", name="circuit_centric_size", title="How many gates and parameters? (the 33-gate model)",
    notebook=NOTEBOOK,
    reference=_size,
    cases=lambda rng: [(8, (1, 3)), (2, (1,)), (4, (1, 3, 2)), (5, ()), (6, (1,)), (3, (2, 1))],
    compare=numbers_close(0.5), normalize=_pair,
    mistakes=[
        Mistake("final gate forgotten", lambda n, rs: [2 * n * len(rs), 6 * n * len(rs)],
                "after the code blocks comes one more general gate on qubit 0, the qubit that is measured"),
        Mistake("one parameter per gate", lambda n, rs: [2 * n * len(rs) + 1, 2 * n * len(rs) + 1],
                "a general single-qubit gate (controlled or not) has three parameters, e.g. ROT(φ, θ, ω)"),
        Mistake("one controlled gate per block", lambda n, rs: [(n + 1) * len(rs) + 1, 3 * ((n + 1) * len(rs) + 1)],
                "a code block has n controlled gates, j = 0 … n−1, not one"),
    ],
    hint="a code block has n single-qubit gates and n controlled gates; there is one block per range, "
         "then one final gate; every gate has 3 parameters",
    show=_show_pair)


# ---------------------------------------------------------------- 02.7 which circuit is this unitary?
_SYMMETRIC_1Q = ("H", "S", "T", "RX", "RZ")         # gates whose matrices equal their transposes


def _build(n, gates) -> Circuit:
    c = Circuit(n)
    for name, wires, angle in gates:
        c.add(name, wires, *([] if angle is None else [angle]))
    return c


def _random_gates(rng, n, k):
    out = []
    for _ in range(k):
        if n > 1 and rng.random() < 0.35:
            a, b = rng.choice(n, 2, replace=False)
            out.append((str(rng.choice(["CNOT", "CZ"])), [int(a), int(b)], None))
        else:
            g = str(rng.choice(_SYMMETRIC_1Q))
            ang = round(float(rng.uniform(0.3, 2.8)), 3) if g in ("RX", "RZ") else None
            out.append((g, [int(rng.integers(n))], ang))
    return out


def _wires_reversed(n, gates):
    return [(g, [n - 1 - w for w in ws], a) for g, ws, a in gates]


def _matrix(c: Circuit) -> np.ndarray:
    return _unitary(c, np.zeros(0))


def _case(n, gates, decoy_gates, phase, index):
    right, decoy = _build(n, gates), _build(n, decoy_gates)
    assert not _equal_up_to_phase(_matrix(right), _matrix(decoy)), "a decoy must differ"
    pair = (right, decoy) if index == 0 else (decoy, right)
    return np.exp(1j * phase) * _matrix(right), pair


def _cases_match(rng):
    one = [("H", [0], None), ("T", [0], None), ("RX", [0], 0.7), ("S", [0], None)]
    pal = [("RZ", [0], 0.4), ("H", [0], None), ("RX", [0], 1.1), ("H", [0], None), ("RZ", [0], 0.4)]
    two = [("H", [0], None), ("CNOT", [0, 1], None), ("RZ", [1], 0.9), ("T", [0], None),
           ("RZ", [1], 0.9), ("CNOT", [0, 1], None), ("H", [0], None)]
    out = [_case(1, one, one[::-1], 0.0, 0),                       # decoy: the gates in reverse order
           _case(1, [("S", [0], None), ("H", [0], None), ("RZ", [0], 1.3)],
                 [("RZ", [0], 1.3), ("H", [0], None), ("S", [0], None)], np.pi, 0),
           _case(2, two, _wires_reversed(2, two), 0.0, 0),           # decoy: Qiskit's wire order
           _case(1, pal, pal[:-1] + [("RZ", [0], -0.4)], 0.0, 1)]   # decoy: the same |entries|
    while len(out) < 10:
        n = int(rng.integers(2, 4))
        gates = _random_gates(rng, n, int(rng.integers(4, 9)))
        decoy = [gates[::-1], _wires_reversed(n, gates), gates[:-1]][len(out) % 3]
        try:
            out.append(_case(n, gates, decoy, float(rng.uniform(0, 2 * np.pi)), int(rng.integers(2))))
        except AssertionError:
            continue
    return out


def _matching_circuit(unitary, circuits):
    return _match(unitary, circuits)


def _match(unitary, circuits, matrix_of=_matrix):
    """The index of the circuit whose unitary (by ``matrix_of``) has the largest |tr(U† target)|."""
    t = np.asarray(unitary)
    return int(np.argmax([abs(np.trace(matrix_of(c).conj().T @ t)) for c in circuits]))


def _show_match(args, expected, got):
    rows = []
    for k, c in enumerate(args[1]):
        rows += [f"circuit {k}:"] + ["  " + ln for ln in str(c).splitlines()]
    return rows + [f"expected: circuit {int(expected)}", f"yours:    circuit {int(got)}"]


def _little_endian(c):
    n = c.n_qubits
    perm = [int(format(i, f"0{n}b")[::-1], 2) for i in range(2 ** n)]
    return _matrix(c)[np.ix_(perm, perm)]


def _index(got, args):
    v = as_number(got, "your index")
    if abs(v - round(v)) > 1e-9:
        raise AnswerError(f"return the index 0 or 1 of the matching circuit, got {fmt_number(v, 6)}")
    return float(round(v))


def _compare_index(got, expected):
    if got not in (0.0, 1.0):
        return f"return 0 (the first circuit) or 1 (the second), got {fmt_number(got)}"
    return None if got == expected else "you picked the other circuit"


exercise_match = Exercise(
    id="02.7", name="matching_circuit", title="★ Which circuit makes this unitary?", notebook=NOTEBOOK,
    reference=_matching_circuit,
    cases=_cases_match,
    compare=_compare_index, normalize=_index,
    mistakes=[
        Mistake("global phase not removed", lambda u, cs: 0 if np.allclose(_matrix(cs[0]), u) else 1,
                "two unitaries that differ by a global phase e^{iφ} are the same operation, but their "
                "entries differ: compare |tr(U†V)| with 2**n (or divide out the phase) instead of "
                "comparing the entries"),
        Mistake("transposed", lambda u, cs: _match(u, cs, matrix_of=lambda c: _matrix(c).T),
                "circuit.states(initial_state=np.eye(d)) returns U|k⟩ in row k: the unitary is its "
                "transpose (columns are the images of the basis states). Multiplying the gates in the "
                "order they are listed makes the same mistake: the first gate is the rightmost factor"),
        Mistake("Qiskit's wire order", lambda u, cs: _match(u, cs, matrix_of=_little_endian),
                "wire 0 is the most significant bit of the basis index (the leftmost factor of np.kron); "
                "you built the matrix in Qiskit's order, wire 0 as the least significant bit"),
        Mistake("magnitudes only", lambda u, cs: 0 if np.allclose(np.abs(_matrix(cs[0])), np.abs(u)) else 1,
                "comparing |entries| throws away the relative phases too, so circuits that differ only "
                "by a phase gate look equal; remove just one global phase"),
    ],
    hint="get each circuit's unitary U (column k is the circuit applied to |k⟩), then the match is the "
         "one with |tr(U† target)| = 2**n (equal up to a global phase)",
    show=_show_match)


check_local_rotations_layer = exercise_local.check
check_cyclic_entangling_layer = exercise_cyclic.check
check_combined_n_params = exercise_count.check
check_meyer_wallach = exercise_mw.check
check_code_block = exercise_block.check
check_circuit_centric_size = exercise_size.check
check_matching_circuit = exercise_match.check
