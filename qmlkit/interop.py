"""Export circuits to OpenQASM 2.0 and 3.0 text and to Qiskit, import OpenQASM 2.0, and convert Qiskit's bit order.

A `Circuit` runs on hardware once its trainable parameters and one data sample are bound to
numbers: ``to_qasm2(circuit, params, x)`` gives text that IBM's and Azure's services (and any
OpenQASM tool) accept. Gates map one to one where OpenQASM has them; the rest are rewritten
exactly (ROT as rz·ry·rz; multi-controlled gates by the Barenco et al. 1995 construction with
square roots of the target gate; controlled user gates with their phase on the control); a
one-qubit user unitary becomes U3 (its global phase, which no measurement sees, is noted in a
comment); a multi-qubit user unitary has no OpenQASM form and raises ValueError (Qiskit takes it).

Qubit order: qmlkit wire w is OpenQASM's q[w] and Qiskit's qubit w, so the gates read the same.
But amplitudes are ordered differently: qmlkit's wire 0 is the most significant bit of the basis
index (|q0 q1 … q_{n−1}⟩), Qiskit's qubit 0 the least significant (Qiskit prints |q_{n−1} … q0⟩).
Amplitude j of one is amplitude reverse_bits(j) of the other: use `qiskit_to_qmlkit_order`
(its own inverse) on Qiskit's ``Statevector.data`` or probabilities, and `counts_from_qiskit`
on its counts.

>>> from qmlkit.circuit import Circuit
>>> print(to_qasm2(Circuit(2).h(0).cnot(0, 1), measure=False))
OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
h q[0];
cx q[0],q[1];
<BLANKLINE>
>>> qiskit_to_qmlkit_order(np.arange(4))          # swaps the amplitudes of |01⟩ and |10⟩
array([0, 2, 1, 3])
"""
from __future__ import annotations

import math

import numpy as np

from ._qasm import QasmError, from_qasm2
from .circuit import Circuit
from .gates import GATES

__all__ = ["bind", "to_qasm2", "to_qasm3", "to_qiskit", "from_qasm2", "QasmError",
           "qiskit_to_qmlkit_order", "qmlkit_to_qiskit_order", "counts_from_qiskit"]

_X = np.array([[0, 1], [1, 0]], dtype=complex)


# ---------------------------------------------------------------------- bit order
def qiskit_to_qmlkit_order(values) -> np.ndarray:
    """Reorder amplitudes or probabilities ``(..., 2**n)`` between Qiskit's order and qmlkit's.

    The last axis is viewed as n bits and the bits are reversed (not the entries: |001⟩ ↔ |100⟩,
    while |010⟩ stays). The map is its own inverse, so it also converts qmlkit's order to Qiskit's.
    """
    v = np.asarray(values)
    d = v.shape[-1] if v.ndim else 0
    n = d.bit_length() - 1
    if d < 2 or 2 ** n != d:
        raise ValueError(f"the last axis must have 2**n_qubits entries, got shape {v.shape}")
    lead = v.shape[:-1]
    t = v.reshape(lead + (2,) * n)                                    # one axis per bit
    t = np.transpose(t, tuple(range(len(lead))) + tuple(len(lead) + n - 1 - k for k in range(n)))
    return t.reshape(v.shape)


qmlkit_to_qiskit_order = qiskit_to_qmlkit_order


def counts_from_qiskit(counts: dict, n_qubits: int) -> np.ndarray:
    """Qiskit's counts ``{"bits": count}`` (qubit 0 the rightmost character) as an array
    ``(2**n_qubits,)`` indexed the qmlkit way (wire 0 the most significant bit).

    >>> counts_from_qiskit({"01": 7, "10": 3}, 2)            # "01": qubit 0 is 1 -> qmlkit |10⟩
    array([0, 3, 7, 0])
    """
    out = np.zeros(2 ** n_qubits, dtype=int)
    for key, c in counts.items():
        bits = key.replace(" ", "")
        if len(bits) != n_qubits or set(bits) - {"0", "1"}:
            raise ValueError(f"a counts key must be {n_qubits} bits, got {key!r}")
        out[int(bits[::-1], 2)] += int(c)
    return out


# ---------------------------------------------------------------------- binding
def bind(circuit: Circuit, params=None, x=None) -> list:
    """Every operation with its angles as numbers: ``[(op, (angle, ...)), ...]``.

    An angle is const + Σ a_p θ_p + Σ b_f x_f + Σ c θ_p x_f with ``params`` θ and the sample ``x``.
    """
    if not isinstance(circuit, Circuit):
        raise TypeError(f"circuit must be a qmlkit Circuit, got {type(circuit).__name__}")
    theta = np.zeros(0) if params is None else np.asarray(params, dtype=float).ravel()
    xv = np.zeros(0) if x is None else np.asarray(x, dtype=float).ravel()
    if theta.size != circuit.n_params:
        raise ValueError(f"the circuit has {circuit.n_params} parameter(s); params has {theta.size}")
    if xv.size != circuit.n_features:
        raise ValueError(f"the circuit reads {circuit.n_features} feature(s) of one sample; x has "
                         f"{xv.size} (export one sample at a time)")
    if not (np.all(np.isfinite(theta)) and np.all(np.isfinite(xv))):
        raise ValueError("params and x must be finite numbers")

    def value(a):
        return (a.const + sum(c * theta[i] for i, c in a.params) + sum(c * xv[f] for f, c in a.features)
                + sum(c * theta[p] * xv[f] for (p, f), c in a.products))

    return [(op, tuple(float(value(a)) for a in op.angles)) for op in circuit.ops]


# ---------------------------------------------------------------------- lowering to standard gates
def _u3_angles(w) -> tuple:
    """(θ, φ, λ, α) with W = e^{iα} U3(θ, φ, λ) for a 2x2 unitary W."""
    a, b, c, d = w[0, 0], w[0, 1], w[1, 0], w[1, 1]
    theta = 2 * math.atan2(abs(c), abs(a))
    if abs(a) > 1e-12:
        alpha = np.angle(a)
        phi = np.angle(c) - alpha if abs(c) > 1e-12 else 0.0
        lam = np.angle(-b) - alpha if abs(c) > 1e-12 else np.angle(d) - alpha
    else:
        alpha, phi = np.angle(c), 0.0
        lam = np.angle(-b) - alpha
    # rounding leaves angles like 5e-17 where the exact value is 0; print those as 0
    return tuple(0.0 if abs(v) < 1e-14 else float(v) for v in (theta, phi, lam, alpha))


def _sqrt_unitary(w) -> np.ndarray:
    """A square root of a 2x2 unitary, in closed form: W = e^{iβ}(cos γ I − i sin γ n·σ) has the root
    e^{iβ/2}(cos(γ/2) I − i sin(γ/2) n·σ)."""
    beta = np.angle(np.linalg.det(w)) / 2
    v = w * np.exp(-1j * beta)                                       # in SU(2)
    a = (v - v.conj().T) / 2                                         # −i sin γ n·σ
    sin_g, cos_g = np.linalg.norm(a, 2), (np.trace(v) / 2).real
    gamma = math.atan2(sin_g, cos_g)
    if sin_g > 1e-12:
        root = math.cos(gamma / 2) * np.eye(2) + math.sin(gamma / 2) * a / sin_g
    else:                                                            # ±I: any axis will do
        root = np.eye(2, dtype=complex) if cos_g > 0 else -1j * np.diag([1.0, -1.0])
    return np.exp(0.5j * beta) * root


class _Lowering:
    """Collects standard instructions ``(name, qubits, angles)`` and the global phase left over."""

    def __init__(self):
        self.out, self.phase = [], 0.0

    def emit(self, name, qubits, *angles):
        self.out.append((name, tuple(qubits), tuple(float(a) for a in angles)))

    def controlled(self, w, controls, target):
        """W on ``target`` when every control is 1 (Barenco et al. 1995, lemma 7.9, recursively)."""
        k = len(controls)
        if k == 0:
            theta, phi, lam, alpha = _u3_angles(w)
            self.emit("u3", [target], theta, phi, lam)
            self.phase += alpha
        elif k == 1:
            theta, phi, lam, alpha = _u3_angles(w)
            self.emit("cu", [controls[0], target], theta, phi, lam, alpha)
        elif k == 2 and np.allclose(w, _X, atol=1e-14):
            self.emit("ccx", [controls[0], controls[1], target])
        else:
            v, last, rest = _sqrt_unitary(w), controls[-1], list(controls[:-1])
            self.controlled(v, [last], target)
            self.controlled(_X, rest, last)
            self.controlled(v.conj().T, [last], target)
            self.controlled(_X, rest, last)
            self.controlled(v, rest, target)

    def cx(self, controls, target):
        if len(controls) == 1:
            self.emit("cx", [controls[0], target])
        else:
            self.controlled(_X, list(controls), target)


_NAMED = {"I": "id", "X": "x", "Y": "y", "Z": "z", "H": "h", "RX": "rx", "RY": "ry", "RZ": "rz",
          "PHASE": "u1", "U3": "u3", "SWAP": "swap", "ZZ": "rzz"}
_ONE_CONTROL = {"X": "cx", "Y": "cy", "Z": "cz", "H": "ch", "RX": "crx", "RY": "cry", "RZ": "crz",
                "PHASE": "cu1", "SWAP": "cswap"}


def _adjoint_angles(gate, a):
    """The angles of the inverse gate: R(θ)† = R(−θ), U3(θ,φ,λ)† = U3(−θ,−λ,−φ), ROT(φ,θ,ω)† = ROT(−ω,−θ,−φ)."""
    if gate in ("U3", "ROT"):
        return (-a[0], -a[2], -a[1]) if gate == "U3" else (-a[2], -a[1], -a[0])
    return tuple(-v for v in a)


def _lower_op(low: _Lowering, op, a) -> None:
    g, ws, cs = op.gate, list(op.wires), list(op.controls)
    if g == "UNITARY":
        if len(ws) > 1:
            raise ValueError(f"a user unitary on {len(ws)} wires {tuple(ws)} has no OpenQASM form; "
                             "decompose it into gates, or use to_qiskit (Qiskit takes it as a UnitaryGate)")
        low.controlled(op.matrix.conj().T if op.adjoint else op.matrix, cs, ws[0])
        return
    if op.adjoint and g in ("S", "T") and not cs:
        low.emit(g.lower() + "dg", ws)
        return
    if op.adjoint and g in ("S", "T"):
        g, a = "PHASE", (-np.pi / 2 if g == "S" else -np.pi / 4,)
    elif op.adjoint:
        a = _adjoint_angles(g, a)
    if g == "I":
        if not cs:
            low.emit("id", ws)
    elif g == "ROT":                                             # RZ(ω) RY(θ) RZ(φ), φ first
        for name, angle in (("RZ", a[0]), ("RY", a[1]), ("RZ", a[2])):
            _lower_op(low, type(op)(name, op.wires, op.controls, (), None, False), (angle,))
    elif g == "ZZ" and cs:                                       # cx · (controlled RZ) · cx
        low.emit("cx", ws)
        _lower_op(low, type(op)("RZ", (ws[1],), op.controls, (), None, False), a)
        low.emit("cx", ws)
    elif g == "SWAP" and len(cs) > 1:                            # cx · (multi-controlled X) · cx
        low.emit("cx", [ws[1], ws[0]])
        low.cx(cs + [ws[0]], ws[1])
        low.emit("cx", [ws[1], ws[0]])
    elif not cs:
        low.emit(_NAMED.get(g, g.lower()), ws, *a)
    elif len(cs) == 1 and g in ("S", "T"):
        low.emit("cu1", cs + ws, np.pi / 2 if g == "S" else np.pi / 4)
    elif len(cs) == 1 and g == "U3":
        low.emit("cu", cs + ws, *a, 0.0)
    elif len(cs) == 1:
        low.emit(_ONE_CONTROL[g], cs + ws, *a)
    else:
        low.controlled(GATES[g].matrix(np.array(a, dtype=float)), cs, ws[0])


def _lower(circuit, params, x) -> _Lowering:
    low = _Lowering()
    for op, a in bind(circuit, params, x):
        _lower_op(low, op, a)
    return low


# ---------------------------------------------------------------------- OpenQASM text
def _pi_form(v: float) -> str:
    """``pi/2``, ``-3*pi/4`` when that is exactly the float v; else v's shortest repr."""
    for den in (1, 2, 4, 8):
        k = round(v * den / math.pi)
        if k and k * math.pi / den == v and abs(k) < 64:
            num = "pi" if abs(k) == 1 else f"{abs(k)}*pi"
            return ("-" if k < 0 else "") + num + ("" if den == 1 else f"/{den}")
    return repr(float(v))


def _qasm2_lines(name, q, a):
    """One standard instruction in the gates of the original qelib1.inc (Cross et al. 2017)."""
    f = [_pi_form(v) for v in a]
    qs = [f"q[{i}]" for i in q]
    if name == "crx":
        return [f"cu3({f[0]},-pi/2,pi/2) {qs[0]},{qs[1]};"]
    if name == "cry":
        return [f"cu3({f[0]},0,0) {qs[0]},{qs[1]};"]
    if name == "cu":
        pre = [f"u1({f[3]}) {qs[0]};"] if a[3] != 0 else []
        return pre + [f"cu3({f[0]},{f[1]},{f[2]}) {qs[0]},{qs[1]};"]
    if name == "swap":
        return [f"cx {qs[0]},{qs[1]};", f"cx {qs[1]},{qs[0]};", f"cx {qs[0]},{qs[1]};"]
    if name == "cswap":
        return [f"cx {qs[2]},{qs[1]};", f"ccx {qs[0]},{qs[1]},{qs[2]};", f"cx {qs[2]},{qs[1]};"]
    if name == "rzz":
        return [f"cx {qs[0]},{qs[1]};", f"rz({f[0]}) {qs[1]};", f"cx {qs[0]},{qs[1]};"]
    args = f"({','.join(f)})" if f else ""
    return [f"{name}{args} {','.join(qs)};"]


_QASM3_NAMES = {"u1": "p", "cu1": "cp"}


def _qasm3_lines(name, q, a):
    """One standard instruction in the gates of OpenQASM 3's stdgates.inc (float literals only)."""
    qs = [f"q[{i}]" for i in q]
    f = [repr(float(v)) for v in a]
    if name == "rzz":
        return [f"cx {qs[0]}, {qs[1]};", f"rz({f[0]}) {qs[1]};", f"cx {qs[0]}, {qs[1]};"]
    args = f"({', '.join(f)})" if f else ""
    return [f"{_QASM3_NAMES.get(name, name)}{args} {', '.join(qs)};"]


def _phase_note(phase):
    p = (phase + np.pi) % (2 * np.pi) - np.pi
    return [] if abs(p) < 1e-12 else [f"// global phase {p:.12g} (dropped: no measurement can see it)"]


def to_qasm2(circuit: Circuit, params=None, x=None, measure: bool = True) -> str:
    """OpenQASM 2.0 text of the circuit with its parameters and one data sample bound.

    Uses only the gates of the original ``qelib1.inc`` (u1, u3, cx, rx, ry, rz, crz, cu1, cu3,
    ccx, …), which every OpenQASM 2 reader knows; rz is written for exp(−iθZ/2), as Qiskit reads
    it. qmlkit wire w is ``q[w]``. With ``measure`` every qubit is measured into ``c[w]``.

    Parameters
    ----------
    circuit : Circuit
    params : array-like of shape (n_params,), optional
    x : array-like of shape (n_features,), optional
        One sample.
    measure : bool
    """
    low = _lower(circuit, params, x)
    n = circuit.n_qubits
    lines = ["OPENQASM 2.0;", 'include "qelib1.inc";'] + _phase_note(low.phase) + [f"qreg q[{n}];"]
    lines += [f"creg c[{n}];"] if measure else []
    for name, q, a in low.out:
        lines += _qasm2_lines(name, q, a)
    lines += ["measure q -> c;"] if measure else []
    return "\n".join(lines) + "\n"


def to_qasm3(circuit: Circuit, params=None, x=None, measure: bool = True) -> str:
    """OpenQASM 3.0 text (``stdgates.inc``) of the circuit with its parameters and one sample bound.

    Angles are float literals; qmlkit wire w is ``q[w]``; with ``measure``, ``c = measure q;``.
    """
    low = _lower(circuit, params, x)
    n = circuit.n_qubits
    lines = ["OPENQASM 3.0;", 'include "stdgates.inc";'] + _phase_note(low.phase) + [f"qubit[{n}] q;"]
    lines += [f"bit[{n}] c;"] if measure else []
    for name, q, a in low.out:
        lines += _qasm3_lines(name, q, a)
    lines += ["c = measure q;"] if measure else []
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- Qiskit
def to_qiskit(circuit: Circuit, params=None, x=None, measure: bool = False):
    """A Qiskit ``QuantumCircuit`` of the circuit with its parameters and one sample bound.

    qmlkit wire w is Qiskit qubit w; a user matrix on wires [a, b] goes on Qiskit qubits [b, a]
    (Qiskit's ``UnitaryGate`` takes its first qubit as the least significant). The states agree
    after `qiskit_to_qmlkit_order`. Qiskit is imported only here.
    """
    try:
        from qiskit import QuantumCircuit
        from qiskit.circuit import library as lib
    except ImportError:
        raise ImportError("to_qiskit needs Qiskit (pip install qiskit); to_qasm2 and to_qasm3 give "
                          "text for any OpenQASM tool without it") from None
    gates = {"I": lib.IGate, "X": lib.XGate, "Y": lib.YGate, "Z": lib.ZGate, "H": lib.HGate,
             "S": lib.SGate, "T": lib.TGate, "SWAP": lib.SwapGate, "RX": lib.RXGate, "RY": lib.RYGate,
             "RZ": lib.RZGate, "PHASE": lib.PhaseGate, "U3": lib.UGate, "ZZ": lib.RZZGate}
    qc = QuantumCircuit(circuit.n_qubits, circuit.n_qubits if measure else 0)
    for op, a in bind(circuit, params, x):
        ws = list(op.wires)
        if op.gate == "I" and op.controls:
            continue                                             # a controlled identity does nothing
        if op.gate == "UNITARY":
            parts = [(lib.UnitaryGate(op.matrix.conj().T if op.adjoint else op.matrix), ws[::-1])]
        elif op.gate == "ROT":
            phi, theta, omega = _adjoint_angles("ROT", a) if op.adjoint else a
            parts = [(lib.RZGate(phi), ws), (lib.RYGate(theta), ws), (lib.RZGate(omega), ws)]
        else:
            g = gates[op.gate](*(_adjoint_angles(op.gate, a) if op.adjoint and a else a))
            parts = [(g.inverse() if op.adjoint and not a else g, ws)]
        for gate, qubits in parts:
            qc.append(gate.control(len(op.controls), annotated=False) if op.controls else gate,
                      list(op.controls) + qubits)
    if measure:
        qc.measure(range(circuit.n_qubits), range(circuit.n_qubits))
    return qc
