"""qmlkit against Qiskit's exact statevector (qiskit.quantum_info.Statevector), to 1e-10.

This test pins down the qubit-order convention between the two:

* qmlkit wire w is Qiskit qubit w (same labels, same gate arguments), but
* qmlkit puts wire 0 in the MOST significant bit of the amplitude index
  (|q0 q1 ... q_{n-1}>, as PennyLane and Cirq), while Qiskit puts qubit 0 in
  the LEAST significant bit (little-endian). So amplitude j of a qmlkit state
  is amplitude reverse_bits(j) of the Qiskit state of the same circuit.
* A user matrix on qmlkit wires [a, b] has wire a as its most significant bit;
  Qiskit's UnitaryGate takes its first qubit as the least significant one, so
  the same matrix goes on Qiskit qubits [b, a].

No global-phase slack: Qiskit's RX/RY/RZ, P, U (= OpenQASM U3), RZZ and their
controlled forms have the same matrices as qmlkit's, so states agree exactly.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from qiskit import QuantumCircuit
from qiskit.circuit.library import (HGate, IGate, PhaseGate, RXGate, RYGate, RZGate, RZZGate,
                                    SGate, SwapGate, TGate, UGate, UnitaryGate, XGate, YGate, ZGate)
from qiskit.quantum_info import Statevector

import qmlkit as qk
import reference as ref
from reference import angle_value
from strategies import circuits

ATOL = 1e-10


def reverse_bits(j, n):
    return int(format(j, f"0{n}b")[::-1], 2)


def qiskit_to_qmlkit_order(sv, n):
    """Reorder a Qiskit (little-endian) statevector into qmlkit's order (wire 0 most significant)."""
    perm = [reverse_bits(j, n) for j in range(2 ** n)]
    return np.asarray(sv)[perm]


def qiskit_state(qc):
    return qiskit_to_qmlkit_order(Statevector(qc).data, qc.num_qubits)


# --------------------------------------------------------------------------- the convention, spelled out
def test_convention_single_x():
    """X on wire/qubit 0 of three: qmlkit index 0b100 = 4, Qiskit index 0b001 = 1."""
    qc = QuantumCircuit(3)
    qc.x(0)
    assert np.flatnonzero(np.abs(Statevector(qc).data) > 0.5).tolist() == [1]
    assert np.flatnonzero(np.abs(qk.Circuit(3).x(0).states()) > 0.5).tolist() == [4]
    np.testing.assert_allclose(qiskit_state(qc), qk.Circuit(3).x(0).states(), atol=ATOL)


def test_convention_unitary_qubit_order():
    """The same 2-qubit matrix on qmlkit wires [0, 2] is UnitaryGate on Qiskit qubits [2, 0]."""
    u = ref.random_unitary(4, np.random.default_rng(0))
    ours = qk.Circuit(3).h(1).unitary(u, [0, 2]).states()
    qc = QuantumCircuit(3)
    qc.h(1)
    qc.append(UnitaryGate(u), [2, 0])
    np.testing.assert_allclose(qiskit_state(qc), ours, atol=ATOL)
    wrong = QuantumCircuit(3)
    wrong.h(1)
    wrong.append(UnitaryGate(u), [0, 2])
    assert not np.allclose(qiskit_state(wrong), ours, atol=1e-3)


# --------------------------------------------------------------------------- named instructions, side by side
ONE_QUBIT = ["rx", "ry", "rz", "h", "s", "sdg", "t", "x", "y", "z", "p", "u", "unitary"]
TWO_QUBIT = ["cx", "cz", "swap", "crx", "cry", "crz", "cp", "cu", "rzz", "unitary2"]
THREE_QUBIT = ["mcx", "mcrx", "mcry", "mcrz"]


@st.composite
def side_by_side(draw):
    """A list of instructions applied to both simulators with the same qubit labels."""
    n = draw(st.integers(1, 5))
    avail = ONE_QUBIT + (TWO_QUBIT if n >= 2 else []) + (THREE_QUBIT if n >= 3 else [])
    prog = []
    for _ in range(draw(st.integers(1, 20))):
        name = draw(st.sampled_from(avail))
        wires = [int(w) for w in draw(st.permutations(range(n)))]
        angles = [draw(st.floats(-7, 7)) for _ in range(3)]
        seed = draw(st.integers(0, 2 ** 32 - 1))
        prog.append((name, wires, angles, seed))
    return n, prog


def apply_both(c, qc, name, w, a, seed):
    th, ph, la = a
    if name in ("rx", "ry", "rz"):
        getattr(c, name)(th, w[0])
        getattr(qc, name)(th, w[0])
    elif name in ("h", "s", "t", "x", "y", "z"):
        c.add(name.upper(), w[0])
        getattr(qc, name)(w[0])
    elif name == "sdg":
        c.add("S", w[0], adjoint=True)
        qc.sdg(w[0])
    elif name == "cx":
        c.cnot(w[0], w[1])
        qc.cx(w[0], w[1])
    elif name == "cz":
        c.cz(w[0], w[1])
        qc.cz(w[0], w[1])
    elif name == "swap":
        c.swap(w[0], w[1])
        qc.swap(w[0], w[1])
    elif name in ("crx", "cry", "crz"):
        getattr(c, name)(th, w[0], w[1])
        getattr(qc, name)(th, w[0], w[1])
    elif name == "mcx":
        c.x(w[2], controls=[w[0], w[1]])
        qc.mcx([w[0], w[1]], w[2])
    elif name in ("mcrx", "mcry", "mcrz"):
        getattr(c, name[2:])(th, w[2], controls=[w[0], w[1]])
        gate = {"mcrx": RXGate, "mcry": RYGate, "mcrz": RZGate}[name](th).control(2, annotated=False)
        qc.append(gate, [w[0], w[1], w[2]])
    elif name == "p":
        c.phase(th, w[0])
        qc.p(th, w[0])
    elif name == "cp":
        c.phase(th, w[1], controls=[w[0]])
        qc.cp(th, w[0], w[1])
    elif name == "u":
        c.u3(th, ph, la, w[0])
        qc.u(th, ph, la, w[0])
    elif name == "cu":
        c.u3(th, ph, la, w[1], controls=[w[0]])
        qc.append(UGate(th, ph, la).control(1, annotated=False), [w[0], w[1]])
    elif name == "rzz":
        c.zz(th, w[0], w[1])
        qc.rzz(th, w[0], w[1])
    elif name in ("unitary", "unitary2"):
        k = 1 if name == "unitary" else 2
        u = ref.random_unitary(2 ** k, np.random.default_rng(seed))
        c.unitary(u, w[:k])
        qc.append(UnitaryGate(u), list(reversed(w[:k])))       # Qiskit: first qubit = LSB
    else:
        raise AssertionError(name)


@settings(max_examples=60)
@given(side_by_side())
def test_named_instructions_match_qiskit(case):
    n, prog = case
    c, qc = qk.Circuit(n), QuantumCircuit(n)
    for name, w, a, seed in prog:
        apply_both(c, qc, name, w, a, seed)
    np.testing.assert_allclose(c.states(), qiskit_state(qc), atol=ATOL, rtol=0)


# --------------------------------------------------------------------------- any qmlkit circuit, translated
FIXED = {"I": IGate, "X": XGate, "Y": YGate, "Z": ZGate, "H": HGate, "S": SGate, "T": TGate,
         "SWAP": SwapGate}


def to_qiskit(circuit, params, x):
    """Translate circuit.ops (with angle values for one sample) into a Qiskit circuit."""
    qc = QuantumCircuit(circuit.n_qubits)
    for op in circuit.ops:
        a = [angle_value(ang, params, x) for ang in op.angles]
        targets = list(op.wires)
        if op.gate in FIXED:
            gate = FIXED[op.gate]()
        elif op.gate in ("RX", "RY", "RZ"):
            gate = {"RX": RXGate, "RY": RYGate, "RZ": RZGate}[op.gate](a[0])
        elif op.gate == "PHASE":
            gate = PhaseGate(a[0])
        elif op.gate == "U3":
            gate = UGate(*a)
        elif op.gate == "ROT":                       # RZ(ω) RY(θ) RZ(φ): three gates, applied φ first
            sub = QuantumCircuit(1)
            sub.rz(a[0], 0)
            sub.ry(a[1], 0)
            sub.rz(a[2], 0)
            gate = sub.to_gate(label="rot")
        elif op.gate == "ZZ":
            gate = RZZGate(a[0])
        elif op.gate == "UNITARY":
            gate = UnitaryGate(op.matrix)
            targets = targets[::-1]                  # little-endian matrix order
        else:
            raise AssertionError(op.gate)
        if op.adjoint:
            gate = gate.inverse()
        if op.controls:
            gate = gate.control(len(op.controls), annotated=False)
        qc.append(gate, list(op.controls) + targets)
    return qc


@settings(max_examples=80)
@given(circuits(max_qubits=5, max_ops=10))
def test_random_qmlkit_circuits_match_qiskit(case):
    X = case.X(2)
    ours = case.circuit.states(case.params, X)
    for b in range(2):
        theirs = qiskit_state(to_qiskit(case.circuit, case.params, X[b]))
        np.testing.assert_allclose(ours[b], theirs, atol=ATOL, rtol=0)


def test_expectation_values_match_qiskit():
    """<Z0 X2> in qmlkit equals Qiskit's Pauli('XIZ') (Qiskit labels read right to left)."""
    from qiskit.quantum_info import SparsePauliOp
    c = qk.Circuit(3).ry(0.4, 0).cnot(0, 2).rx(1.3, 2).h(1).crz(0.8, 1, 0)
    qc = QuantumCircuit(3)
    qc.ry(0.4, 0)
    qc.cx(0, 2)
    qc.rx(1.3, 2)
    qc.h(1)
    qc.crz(0.8, 1, 0)
    theirs = Statevector(qc).expectation_value(SparsePauliOp("XIZ")).real
    assert abs(c.expval(qk.Z(0) @ qk.X(2)) - theirs) < ATOL


@pytest.mark.parametrize("n", [1, 2, 4])
def test_qiskit_reverse_bits_agrees_with_reordering(n):
    """QuantumCircuit.reverse_bits() gives qmlkit's order directly: the same convention, twice."""
    rng = np.random.default_rng(n)
    c, qc = qk.Circuit(n), QuantumCircuit(n)
    for w in range(n):
        a = rng.uniform(-3, 3, 3)
        c.u3(*a, w)
        qc.u(*a, w)
    for w in range(n - 1):
        c.cnot(w, w + 1)
        qc.cx(w, w + 1)
    np.testing.assert_allclose(Statevector(qc.reverse_bits()).data, c.states(), atol=ATOL)
