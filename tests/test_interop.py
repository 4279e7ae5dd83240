"""Interop: OpenQASM 2.0/3.0 export and import, Qiskit circuits, the bit order; the noise sampler.

States are compared with qmlkit's own simulation and with Qiskit's exact statevector, to 1e-10.
A global phase is allowed only where OpenQASM cannot express it: an uncontrolled one-qubit user
unitary becomes a U3 gate, equal up to e^{iα} (noted in a comment of the text).
"""
from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qmlkit as qk
import reference as ref
from qmlkit import interop
from qmlkit.noise import sample_noisy
from strategies import circuits

ATOL = 1e-10
GATES = ["I", "X", "Y", "Z", "H", "S", "T", "RX", "RY", "RZ", "PHASE", "U3", "ROT", "SWAP", "ZZ", "UNITARY"]


def _has_multi_qubit_unitary(c):
    return any(op.gate == "UNITARY" and len(op.wires) > 1 for op in c.ops)


def _free_global_phase(c):
    """OpenQASM drops the global phase of an uncontrolled one-qubit user unitary, and nothing else."""
    return any(op.gate == "UNITARY" and not op.controls for op in c.ops)


def assert_same_state(got, want, up_to_phase=False):
    got, want = np.asarray(got), np.asarray(want)
    if up_to_phase:
        overlap = np.vdot(got, want)
        got = got * (overlap / abs(overlap) if abs(overlap) > 1e-12 else 1)
    np.testing.assert_allclose(got, want, atol=ATOL, rtol=0)


def _sample(case):
    return case.X(1)[0] if case.n_features else None


def _qiskit_state(qc):
    from qiskit.quantum_info import Statevector
    return interop.qiskit_to_qmlkit_order(Statevector(qc.remove_final_measurements(inplace=False)).data)


# ---------------------------------------------------------------- OpenQASM 2.0 round trip
@settings(max_examples=150)
@given(circuits(max_qubits=5, max_ops=12, max_controls=3, gates=GATES))
def test_qasm2_round_trip_gives_the_same_state(case):
    c, x = case.circuit, _sample(case)
    want = ref.run(c.ops, c.n_qubits, case.params, x if x is not None else ())
    if _has_multi_qubit_unitary(c):
        with pytest.raises(ValueError, match="no OpenQASM form"):
            interop.to_qasm2(c, case.params, x)
        return
    back = interop.from_qasm2(interop.to_qasm2(c, case.params, x))
    assert back.n_qubits == c.n_qubits and back.n_params == 0 and back.n_features == 0
    assert_same_state(back.states(), want, up_to_phase=_free_global_phase(c))


@pytest.mark.parametrize("build", [
    lambda c: c.x(2, controls=[0, 1, 3]),                      # three controls: the Barenco construction
    lambda c: c.ry(0.7, 3, controls=[0, 1, 2]),
    lambda c: c.add("SWAP", [1, 3], controls=[0, 2]),
    lambda c: c.zz(0.3, 0, 3).add("ZZ", [1, 2], 0.9, controls=[0, 3]),
    lambda c: c.add("ROT", 1, 0.1, 0.2, 0.3, controls=[0], adjoint=True),
    lambda c: c.add("U3", 2, 0.4, -1.1, 2.5, controls=[0, 3], adjoint=True),
    lambda c: c.add("S", 0, controls=[1, 2, 3], adjoint=True).add("T", 3, controls=[2]),
    lambda c: c.unitary(ref.random_unitary(2, np.random.default_rng(5)), [1], controls=[0, 2, 3]),
], ids=["c3x", "c3ry", "ccswap", "zz and cczz", "crot dagger", "ccu3 dagger", "phases", "c3 unitary"])
def test_controlled_and_adjoint_gates_are_exact(build):
    c = qk.Circuit(4)
    for w in range(4):
        c.h(w).rz(0.3 * (w + 1), w)
    build(c)
    want = ref.run(c.ops, 4)
    assert_same_state(interop.from_qasm2(interop.to_qasm2(c)).states(), want)


def test_export_uses_only_the_gates_of_the_original_qelib1():
    c = (qk.Circuit(4).swap(0, 1).crx(0.2, 0, 1).cry(0.3, 1, 2).zz(0.4, 2, 3).phase(0.1, 0)
         .add("SWAP", [1, 2], controls=[0]).x(3, controls=[0, 1, 2]).rot(0.1, 0.2, 0.3, 1))
    text = interop.to_qasm2(c, measure=True)
    names = {line.split("(")[0].split()[0] for line in text.splitlines()[2:] if line and not line.startswith("//")}
    qelib1 = {"u3", "u2", "u1", "cx", "id", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "rx", "ry", "rz",
              "cz", "cy", "ch", "ccx", "crz", "cu1", "cu3", "qreg", "creg", "measure"}
    assert names <= qelib1, names - qelib1


def test_text_reads_as_written():
    c = qk.Circuit(2).h(0).cnot(0, 1).rz(np.pi / 2, 1).add("S", 0, adjoint=True)
    assert interop.to_qasm2(c) == ('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\n'
                                   "h q[0];\ncx q[0],q[1];\nrz(pi/2) q[1];\nsdg q[0];\nmeasure q -> c;\n")
    assert interop.to_qasm3(c, measure=False) == ('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\n'
                                                  "h q[0];\ncx q[0], q[1];\nrz(1.5707963267948966) q[1];\n"
                                                  "sdg q[0];\n")


def test_bound_parameters_and_bilinear_features():
    c = qk.Circuit(1).u3(qk.Param(0) + qk.Param(1) * qk.Feature(0), qk.Param(2) - 2 * qk.Feature(1), 0.5, 0)
    params, x = np.array([0.1, 0.7, -0.3]), np.array([1.5, 0.25])
    (op, angles), = interop.bind(c, params, x)
    assert angles == pytest.approx((0.1 + 0.7 * 1.5, -0.3 - 0.5, 0.5), abs=1e-15)
    assert_same_state(interop.from_qasm2(interop.to_qasm2(c, params, x)).states(), c.states(params, x))


def test_global_phase_of_a_user_unitary_is_noted():
    u = np.exp(0.4j) * ref.ry(0.3)
    text = interop.to_qasm2(qk.Circuit(1).unitary(u, [0]))
    assert "// global phase 0.4" in text
    assert_same_state(interop.from_qasm2(text).states(), ref.ry(0.3)[:, 0])        # u|0⟩ without e^{0.4i}


# ---------------------------------------------------------------- Qiskit
@settings(max_examples=120)
@given(circuits(max_qubits=5, max_ops=12, max_controls=3, gates=GATES))
def test_qiskit_circuit_and_qiskit_reading_our_text_give_the_same_state(case):
    import qiskit.qasm2
    import qiskit.qasm3

    c, x = case.circuit, _sample(case)
    want = ref.run(c.ops, c.n_qubits, case.params, x if x is not None else ())
    assert_same_state(_qiskit_state(interop.to_qiskit(c, case.params, x)), want)    # no phase slack
    if _has_multi_qubit_unitary(c):
        return
    phase = _free_global_phase(c)
    assert_same_state(_qiskit_state(qiskit.qasm2.loads(interop.to_qasm2(c, case.params, x))), want, phase)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                       # the importer is marked experimental
        qc3 = qiskit.qasm3.loads_experimental(interop.to_qasm3(c, case.params, x))
    assert_same_state(_qiskit_state(qc3), want, phase)


def test_qiskit_measures_into_matching_bits():
    qc = interop.to_qiskit(qk.Circuit(3).x(0), measure=True)
    from qiskit.primitives import StatevectorSampler
    counts = StatevectorSampler(seed=1).run([qc], shots=50).result()[0].data.c.get_counts()
    assert counts == {"001": 50}                              # Qiskit writes qubit 0 rightmost
    assert interop.counts_from_qiskit(counts, 3).tolist() == [0, 0, 0, 0, 50, 0, 0, 0]   # qmlkit: |100⟩


def test_to_qiskit_without_qiskit_says_what_to_do(monkeypatch):
    monkeypatch.setitem(sys.modules, "qiskit", None)
    with pytest.raises(ImportError, match="pip install qiskit"):
        interop.to_qiskit(qk.Circuit(1).h(0))
    assert interop.to_qasm2(qk.Circuit(1).h(0))             # the text export needs nothing


# ---------------------------------------------------------------- bit order
def _reverse_bits(j, n):
    return int(format(j, f"0{n}b")[::-1], 2)


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_bit_order_conversion_reverses_the_bits_of_every_index(n):
    rng = np.random.default_rng(n)
    v = rng.normal(size=(4, 2 ** n)) + 1j * rng.normal(size=(4, 2 ** n))
    got = interop.qiskit_to_qmlkit_order(v)
    want = v[:, [_reverse_bits(j, n) for j in range(2 ** n)]]
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(interop.qmlkit_to_qiskit_order(got), v)      # its own inverse
    np.testing.assert_array_equal(interop.qiskit_to_qmlkit_order(v[0]), want[0])


def test_bit_order_and_counts_reject_bad_input():
    with pytest.raises(ValueError, match="2\\*\\*n_qubits"):
        interop.qiskit_to_qmlkit_order(np.zeros(6))
    with pytest.raises(ValueError, match="3 bits"):
        interop.counts_from_qiskit({"01": 3}, 3)


# ---------------------------------------------------------------- the reader
def test_reader_handles_expressions_registers_broadcast_and_comments():
    text = """OPENQASM 2.0;
    include "qelib1.inc";   // the standard gates
    qreg a[1];
    qreg b[2];
    creg c[3];
    h b;                     // on both qubits of b
    rx(-pi*2^-1) a[0];
    ry(sin(0.3) + ln(2) / sqrt(4) - (1 - 2) * 3e-1) b[1];
    u2(pi/4, -pi) a[0];
    cu(0.1, 0.2, 0.3, 0.4) b[0], a[0];
    cx a[0],
       b[1];
    barrier a, b;
    measure b[0] -> c[0];
    """
    c = interop.from_qasm2(text)
    assert c.n_qubits == 3
    want = qk.Circuit(3).h(1).h(2).rx(-np.pi / 2, 0).ry(np.sin(0.3) + np.log(2) / 2 + 0.3, 2)
    want.u3(np.pi / 2, np.pi / 4, -np.pi, 0).phase(0.4, 1).add("U3", 0, 0.1, 0.2, 0.3, controls=[1]).cnot(0, 2)
    assert_same_state(c.states(), want.states())


def test_reader_knows_the_later_qelib1_names():
    c = interop.from_qasm2('OPENQASM 2.0; include "qelib1.inc"; qreg q[3]; p(0.3) q[0]; cp(0.2) q[0],q[1]; '
                           "crx(0.5) q[1],q[2]; cry(0.6) q[2],q[0]; rzz(0.7) q[0],q[2]; swap q[0],q[1]; "
                           "cswap q[2],q[0],q[1]; sx q[1]; sxdg q[0]; u(0.1,0.2,0.3) q[2]; id q[0];")
    sx = np.array([[1 + 1j, 1 - 1j], [1 - 1j, 1 + 1j]]) / 2
    want = (qk.Circuit(3).h(0).h(1).h(2).phase(0.3, 0).add("PHASE", 1, 0.2, controls=[0]).crx(0.5, 1, 2)
            .cry(0.6, 2, 0).zz(0.7, 0, 2).swap(0, 1).add("SWAP", [0, 1], controls=[2]).unitary(sx, [1])
            .unitary(sx.conj().T, [0]).u3(0.1, 0.2, 0.3, 2))
    start = qk.Circuit(3).h(0).h(1).h(2).states()
    assert_same_state(c.states(initial_state=start), want.states())


@pytest.mark.parametrize("text, line, message", [
    ("OPENQASM 2.0;\nqreg q[1];\nfoo q[0];", 3, "gate 'foo' is not supported"),
    ("OPENQASM 2.0;\nqreg q[1];\ngate g a { h a; }", 3, "blocks"),
    ("OPENQASM 2.0;\nqreg q[1];\nh q[0]", 3, "no closing ';'"),
    ("OPENQASM 2.0;\nqreg q[1];\n\nh r[0];", 4, "not a declared qubit"),
    ("OPENQASM 2.0;\nqreg q[2];\nh q[2];", 3, "out of range"),
    ("OPENQASM 2.0;\nqreg q[1];\nrx(0.1, 0.2) q[0];", 3, "takes 1 parameter"),
    ("OPENQASM 2.0;\nqreg q[1];\nrx(2 * theta) q[0];", 3, "unknown name 'theta'"),
    ("OPENQASM 2.0;\nqreg q[1];\nrx(1/0) q[0];", 3, "division by zero"),
    ("OPENQASM 2.0;\nqreg q[1];\nrx((0.5) q[0];", 3, "unbalanced"),
    ("OPENQASM 2.0;\nqreg q[2];\ncx q[0];", 3, "acts on 2 qubit"),
    ("OPENQASM 2.0;\nqreg q[2];\ncx q[1],q[1];", 3, "appears twice"),
    ("OPENQASM 2.0;\nqreg q[2];\nreset q[0];", 3, "'reset' is not supported"),
    ("OPENQASM 3.0;\nqubit[1] q;", 1, "only OpenQASM 2.0"),
    ("qreg q[1];", 1, "must start with 'OPENQASM 2.0;'"),
    ('OPENQASM 2.0;\ninclude "other.inc";', 2, "qelib1.inc"),
    ("OPENQASM 2.0;\ncreg c[1];", None, "no 'qreg'"),
])
def test_reader_errors_name_the_line(text, line, message):
    with pytest.raises(interop.QasmError, match=message) as info:
        interop.from_qasm2(text)
    if line is not None:
        assert str(info.value).startswith(f"line {line}:")
    assert isinstance(info.value, ValueError)


def test_export_rejects_unbound_or_misfitting_values():
    c = qk.Circuit(1).ry(qk.Param(0) * qk.Feature(0), 0)
    with pytest.raises(ValueError, match="1 parameter"):
        interop.to_qasm2(c, [], [0.5])
    with pytest.raises(ValueError, match="one sample"):
        interop.to_qasm3(c, [1.0], [[0.5, 0.2]])
    with pytest.raises(TypeError, match="qmlkit Circuit"):
        interop.to_qasm2("h q[0];")


# ---------------------------------------------------------------- noise by sampling
def _binomial_ok(count, n, p, sigmas=5.0):
    return abs(count - n * p) <= sigmas * np.sqrt(n * p * (1 - p)) + 1


@settings(max_examples=25)
@given(circuits(max_qubits=4, max_ops=8, gates=GATES), st.integers(0, 2 ** 31))
def test_noiseless_sampler_matches_the_exact_probabilities(case, seed):
    c = case.circuit
    X = case.X(2) if c.n_features else None
    shots = 4000
    counts = sample_noisy(c, shots, case.params, X, random_state=seed)
    probs = np.atleast_2d(qk.probabilities(c.states(case.params, X)))
    counts = np.atleast_2d(counts)
    assert counts.shape == probs.shape and np.all(counts.sum(axis=1) == shots)
    for row, p in zip(counts, probs):
        assert all(_binomial_ok(k, shots, pk) for k, pk in zip(row, p)), (row, p * shots)


@pytest.mark.parametrize("p", [0.02, 0.1, 0.3])
def test_depolarising_shrinks_z_by_one_minus_four_thirds_p_per_gate(p):
    """One qubit: X and Y errors flip ⟨Z⟩, Z errors keep it, so each gate multiplies it by
    (1 − p) + p/3 − 2p/3 = 1 − 4p/3, and the channel commutes with the rotations after it."""
    angles = [0.3, -0.2, 0.5, 0.1, 0.4]
    c = qk.Circuit(1)
    for a in angles:
        c.ry(a, 0)
    shots = 200_000
    n0, n1 = sample_noisy(c, shots, depolarising=p, random_state=3)
    predicted = (1 - 4 * p / 3) ** len(angles) * np.cos(sum(angles))
    assert _binomial_ok(n0, shots, (1 + predicted) / 2)


def test_two_qubit_gate_errors_are_uniform_over_the_fifteen_paulis():
    """RY(θ) on wire 0, then k ZZ gates: ⟨Z0⟩ = (1 − 4p/3)(1 − 16p/15)^k cos θ, because 8 of the 15
    non-identity two-qubit Paulis (X or Y on wire 0) flip Z0, and ZZ commutes with Z0."""
    p, k, theta = 0.1, 3, 0.4
    c = qk.Circuit(2).ry(theta, 0)
    for _ in range(k):
        c.zz(0.7, 0, 1)
    shots = 200_000
    counts = sample_noisy(c, shots, depolarising=p, random_state=4)
    zero_on_wire0 = counts[0] + counts[1]
    predicted = (1 - 4 * p / 3) * (1 - 16 * p / 15) ** k * np.cos(theta)
    assert _binomial_ok(zero_on_wire0, shots, (1 + predicted) / 2)


def _depolarised_density_matrix(c, params, p):
    """The exact channel: after every gate ρ ↦ (1 − p)ρ + p/(4^k − 1) Σ_{P≠I} PρP on its k wires."""
    n = c.n_qubits
    rho = np.zeros((2 ** n, 2 ** n), dtype=complex)
    rho[0, 0] = 1
    for op in c.ops:
        u = ref.op_full(op, n, params, ())
        rho = u @ rho @ u.conj().T
        wires = list(op.controls) + list(op.wires)
        strings = [dict(zip(wires, letters)) for letters in np.ndindex(*(4,) * len(wires)) if any(letters)]
        mixed = sum(ref.pauli_matrix({w: "IXYZ"[i] for w, i in s.items()}, n) @ rho
                    @ ref.pauli_matrix({w: "IXYZ"[i] for w, i in s.items()}, n) for s in strings)
        rho = (1 - p) * rho + p / len(strings) * mixed
    return rho


def test_trajectories_reproduce_the_depolarising_channel_on_a_random_circuit():
    rng = np.random.default_rng(0)
    c = qk.Circuit(3).h(0).cnot(0, 1).ry(qk.Param(0), 2).add("X", 2, controls=[0, 1]).zz(qk.Param(1), 1, 2)
    c.rx(0.7, 0).add("SWAP", [0, 2])
    params, p, shots = rng.uniform(0, np.pi, 2), 0.15, 100_000
    counts = sample_noisy(c, shots, params, depolarising=p, random_state=5)
    probs = np.diag(_depolarised_density_matrix(c, params, p)).real
    assert all(_binomial_ok(k, shots, pk) for k, pk in zip(counts, probs)), (counts, probs * shots)


def test_readout_errors_flip_each_bit_with_probability_q():
    q, shots = 0.1, 100_000
    counts = sample_noisy(qk.Circuit(3).x(0).x(1).x(2), shots, readout_error=q, random_state=6)
    weights = [bin(j).count("1") for j in range(8)]                 # |111⟩ was prepared
    for j, k in enumerate(counts):
        flips = 3 - weights[j]
        assert _binomial_ok(k, shots, q ** flips * (1 - q) ** (3 - flips))


def test_sampler_is_reproducible_and_shapes_follow_x():
    c = qk.Circuit(1).ry(qk.Feature(0), 0)
    X = np.linspace(0, np.pi, 5)[:, None]
    a = sample_noisy(c, 50, X=X, depolarising=0.1, readout_error=0.05, random_state=9)
    b = sample_noisy(c, 50, X=X, depolarising=0.1, readout_error=0.05, random_state=9)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (5, 2) and np.all(a.sum(axis=1) == 50)
    assert sample_noisy(c, 50, X=X[0], random_state=1).shape == (2,)


@pytest.mark.parametrize("kwargs, message", [
    (dict(depolarising=1.5), "depolarising must be a probability"),
    (dict(readout_error=-0.1), "readout_error must be a probability"),
    (dict(X=None), "pass X"),
    (dict(X=[[0.1, 0.2]]), "shape"),
])
def test_sampler_rejects_bad_input(kwargs, message):
    c = qk.Circuit(1).ry(qk.Feature(0), 0)
    kwargs = {"X": [[0.1]], **kwargs}
    with pytest.raises(ValueError, match=message):
        sample_noisy(c, 10, **kwargs)
