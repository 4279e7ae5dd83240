"""The statevector simulator against the dense-matrix oracle in reference.py.

Covers: whole circuits (batch of X rows, a single sample, given initial states),
norm preservation, inverses, per-sample encodings, the public kernels
`apply_gate` / `apply_unitary`, probabilities and marginals, expectation values,
purity (inputs never change) and the gate fusion of engine.py.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qmlkit as qk
import reference as ref
from qmlkit import engine
from strategies import (FIXED_1Q, N_ANGLES, PARAM_1Q, TWO_WIRE, circuits, observables)

ATOL = 1e-10


# --------------------------------------------------------------------------- the oracle itself
def test_reference_conventions():
    """The oracle is checked on textbook facts before it judges anything."""
    # wire 0 is the most significant bit: X on wire 0 of |000> gives |100> = index 4
    assert np.flatnonzero(ref.on_wire(ref.PX, 0, 3)[:, 0]).tolist() == [4]
    cnot01 = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])
    assert np.allclose(ref.gate_full("X", [1], [0], [], 2), cnot01)
    cnot10 = np.array([[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]])
    assert np.allclose(ref.gate_full("X", [0], [1], [], 2), cnot10)
    swap = np.eye(4)[[0, 2, 1, 3]]
    assert np.allclose(ref.swap_full(0, 1, 2), swap)
    assert np.allclose(ref.embed(swap, [2, 0], 3), ref.swap_full(0, 2, 3))
    rng = np.random.default_rng(0)
    a, b = ref.random_unitary(2, rng), ref.random_unitary(2, rng)
    assert np.allclose(ref.embed(np.kron(a, b), [2, 0], 3),
                       ref.on_wire(a, 2, 3) @ ref.on_wire(b, 0, 3))
    u = ref.random_unitary(4, rng)
    assert np.allclose(ref.embed(u, [1, 0], 2), swap @ u @ swap)
    t = 0.37
    assert np.allclose(ref.zz_full(t, 0, 1, 2),
                       np.diag(np.exp(-0.5j * t * np.array([1, -1, -1, 1]))))
    # R_P(θ) = exp(−iθP/2): compare with the eigen-decomposition of P
    for m, f in ((ref.PX, ref.rx), (ref.PY, ref.ry), (ref.PZ, ref.rz)):
        w, v = np.linalg.eigh(m)
        assert np.allclose(f(t), v @ np.diag(np.exp(-0.5j * t * w)) @ v.conj().T)
    # Rot(φ, θ, ω) = e^{−i(φ+ω)/2} U3(θ, ω, φ); S = T², Z = S², H X H = Z
    p, th, om = 0.3, 1.1, -0.7
    assert np.allclose(ref.rot(p, th, om), np.exp(-0.5j * (p + om)) * ref.u3(th, om, p))
    assert np.allclose(ref.TGATE @ ref.TGATE, ref.SGATE)
    assert np.allclose(ref.SGATE @ ref.SGATE, ref.PZ)
    assert np.allclose(ref.HAD @ ref.PX @ ref.HAD, ref.PZ)
    # a doubly controlled X on (controls 2, 0; target 1) flips wire 1 of |1?1> only
    ccx = ref.gate_full("X", [1], [2, 0], [], 3)
    assert np.allclose(ccx, np.eye(8)[[0, 1, 2, 3, 4, 7, 6, 5]])


def test_builder_records_what_it_says():
    """The reference reads circuit.ops; these pin down that the builders record wires and controls right."""
    c = qk.Circuit(3).cnot(2, 0).crx(0.5, [1, 2], 0).add("TOFFOLI", [0, 1, 2]).cz(1, 2)
    c.zz(0.2, 2, 1).swap(0, 2).add("CPHASE", [0, 1], 0.3).u3(1, 2, 3, 1)
    got = [(op.gate, op.wires, op.controls) for op in c.ops]
    assert got == [("X", (0,), (2,)), ("RX", (0,), (1, 2)), ("X", (2,), (0, 1)),
                   ("Z", (2,), (1,)), ("ZZ", (2, 1), ()), ("SWAP", (0, 2), ()),
                   ("PHASE", (1,), (0,)), ("U3", (1,), ())]
    # and the simulator agrees on a basis state: CNOT(2 -> 0) flips wire 0 of |001>
    out = qk.Circuit(3).cnot(2, 0).states(initial_state=qk.basis_state([0, 0, 1]))
    assert np.flatnonzero(np.abs(out) > 0.5).tolist() == [0b101]


# --------------------------------------------------------------------------- whole circuits
@settings(max_examples=120)
@given(circuits())
def test_states_batch_matches_reference(case):
    X = case.X(3)
    got = case.circuit.states(case.params, X)
    want = ref.run_circuit(case.circuit, case.params, X)
    assert got.shape == (3, 2 ** case.n) and got.dtype == np.complex128
    np.testing.assert_allclose(got, want, atol=ATOL, rtol=0)


@settings(max_examples=40)
@given(circuits())
def test_states_single_sample_matches_reference(case):
    x = case.X(1)[0]
    got = case.circuit.states(case.params, x)
    assert got.shape == (2 ** case.n,)
    np.testing.assert_allclose(got, ref.run_circuit(case.circuit, case.params, x), atol=ATOL, rtol=0)


@settings(max_examples=40)
@given(circuits(), st.booleans())
def test_states_from_initial_state(case, batch_of_initial_states):
    B = 3
    X = case.X(B)
    psi0 = case.initial_state(B if batch_of_initial_states else None)
    got = case.circuit.states(case.params, X, initial_state=psi0)
    want = ref.run_circuit(case.circuit, case.params, X, initial_state=psi0)
    assert got.shape == (B, 2 ** case.n)
    np.testing.assert_allclose(got, want, atol=ATOL, rtol=0)


@settings(max_examples=20)
@given(circuits(min_qubits=1, max_qubits=4))
def test_batch_of_initial_states_with_single_sample(case):
    """A batch of initial states and one data row: the row is used for every state."""
    x = case.X(1)[0]
    psi0 = case.initial_state(4)
    got = case.circuit.states(case.params, x, initial_state=psi0)
    want = np.array([ref.run(case.circuit.ops, case.n, case.params, x, p) for p in psi0])
    assert got.shape == (4, 2 ** case.n)
    np.testing.assert_allclose(got, want, atol=ATOL, rtol=0)


@settings(max_examples=6)
@given(circuits(min_qubits=7, max_qubits=8, max_ops=16, max_controls=1))
def test_large_batch_matches_reference(case):
    """Batches whose state array has >= 2**12 entries take other kernel layouts (state._apply_1q)."""
    X = case.X(64)
    got = case.circuit.states(case.params, X)
    U = None if case.n_features else ref.circuit_unitary(case.circuit.ops, case.n, case.params)
    for b in (0, 17, 63):
        want = (U[:, 0] if U is not None else
                ref.run(case.circuit.ops, case.n, case.params, X[b]))
        np.testing.assert_allclose(got[b], want, atol=ATOL, rtol=0)


def test_large_batch_per_sample_angles_every_wire():
    """Per-sample single-qubit gates on every wire of an 8-qubit batch of 32 (the kron layouts)."""
    n, B = 8, 32
    rng = np.random.default_rng(5)
    c = qk.Circuit(n)
    for w in range(n):
        c.u3(qk.Feature(w), qk.Param(w), 0.3 * qk.Feature((w + 1) % n) + 0.1, w)
    for w in range(n - 1):
        c.cnot(w, w + 1)
    for w in range(n):
        c.ry(qk.Feature(w, 2.0), w).rx(qk.Param(w), w)
    params, X = rng.uniform(-3, 3, n), rng.uniform(-3, 3, (B, n))
    got = c.states(params, X)
    for b in (0, 9, 31):
        np.testing.assert_allclose(got[b], ref.run(c.ops, n, params, X[b]), atol=ATOL, rtol=0)


@settings(max_examples=40)
@given(circuits())
def test_norm_is_preserved(case):
    psi = case.circuit.states(case.params, case.X(4), initial_state=case.initial_state())
    np.testing.assert_allclose(np.linalg.norm(psi, axis=1), 1.0, atol=1e-12, rtol=0)


@settings(max_examples=40)
@given(circuits())
def test_circuit_then_inverse_is_identity(case):
    c = case.circuit
    X, psi0 = case.X(2), case.initial_state(2)
    out = (c + c.inverse()).states(case.params, X, initial_state=psi0)
    np.testing.assert_allclose(out, psi0, atol=ATOL, rtol=0)
    # and the inverse alone undoes the circuit
    mid = c.states(case.params, X, initial_state=psi0)
    np.testing.assert_allclose(c.inverse().states(case.params, X, initial_state=mid), psi0,
                               atol=ATOL, rtol=0)


@settings(max_examples=25)
@given(circuits(max_qubits=5), st.integers(2, 6))
def test_batch_equals_loop_over_samples(case, B):
    """Encoding gates that differ per sample: one batched run equals B runs of one sample."""
    c = case.circuit
    n_f = max(c.n_features, 1)
    enc = qk.Circuit(case.n)
    for w in range(case.n):
        enc.ry(qk.Feature(w % n_f), w).rz(qk.Feature((w + 1) % n_f, 0.5), w)
    full = enc + c
    X = np.random.default_rng(case.seed).uniform(-np.pi, np.pi, (B, full.n_features))
    batched = full.states(case.params, X)
    looped = np.array([full.states(case.params, x) for x in X])
    np.testing.assert_allclose(batched, looped, atol=1e-12, rtol=0)
    np.testing.assert_allclose(batched[1], ref.run(full.ops, case.n, case.params, X[1]),
                               atol=ATOL, rtol=0)


# --------------------------------------------------------------------------- public kernels
@st.composite
def gate_applications(draw):
    """(n, gate name, targets, controls) for apply_gate."""
    n = draw(st.integers(1, 6))
    names = FIXED_1Q + PARAM_1Q + (TWO_WIRE if n >= 2 else [])
    name = draw(st.sampled_from(names))
    k = 2 if name in TWO_WIRE else 1
    n_ctrl = draw(st.integers(0, min(2, n - k)))
    order = draw(st.permutations(range(n)))
    return n, name, list(order[:k]), list(order[k:k + n_ctrl])


@settings(max_examples=80)
@given(gate_applications(), st.sampled_from(["single", "batch-shared", "batch-per-sample"]),
       st.integers(0, 2 ** 32 - 1))
def test_apply_gate_matches_reference(app, mode, seed):
    n, name, targets, ctrls = app
    rng = np.random.default_rng(seed)
    B = 3
    n_ang = N_ANGLES.get(name, 0)
    if mode == "single":
        psi = ref.random_state(n, rng)
        angles = list(rng.uniform(-7, 7, n_ang))
        got = qk.apply_gate(psi, name, targets, *angles, controls=ctrls)
        want = ref.gate_full(name, targets, ctrls, angles, n) @ psi
        assert got.shape == psi.shape
        np.testing.assert_allclose(got, want, atol=ATOL, rtol=0)
        return
    psi = ref.random_state(n, rng, B)
    if mode == "batch-shared":
        angles = list(rng.uniform(-7, 7, n_ang))
        per = [angles] * B
    else:   # every angle an array (one per sample), except possibly one shared
        per_arr = [rng.uniform(-7, 7, B) for _ in range(n_ang)]
        if n_ang == 3:
            per_arr[1] = float(per_arr[1][0])
        angles = per_arr
        per = [[a if np.ndim(a) == 0 else a[b] for a in per_arr] for b in range(B)]
    got = qk.apply_gate(psi, name, targets, *angles, controls=ctrls)
    want = np.array([ref.gate_full(name, targets, ctrls, per[b], n) @ psi[b] for b in range(B)])
    assert got.shape == psi.shape
    np.testing.assert_allclose(got, want, atol=ATOL, rtol=0)


@pytest.mark.parametrize("alias, wires, gate, targets, ctrls", [
    ("CNOT", [2, 0], "X", [0], [2]), ("CX", [0, 1], "X", [1], [0]), ("CY", [1, 2], "Y", [2], [1]),
    ("CZ", [2, 1], "Z", [1], [2]), ("CCX", [0, 2, 1], "X", [1], [0, 2]),
    ("TOFFOLI", [1, 2, 0], "X", [0], [1, 2]), ("CCZ", [2, 1, 0], "Z", [0], [2, 1]),
])
def test_apply_gate_aliases(alias, wires, gate, targets, ctrls):
    psi = ref.random_state(3, np.random.default_rng(3))
    want = ref.gate_full(gate, targets, ctrls, [], 3) @ psi
    np.testing.assert_allclose(qk.apply_gate(psi, alias, wires), want, atol=ATOL, rtol=0)


@pytest.mark.parametrize("alias, gate", [("CRX", "RX"), ("CRY", "RY"), ("CRZ", "RZ"),
                                         ("CPHASE", "PHASE")])
def test_apply_gate_controlled_rotation_aliases(alias, gate):
    rng = np.random.default_rng(4)
    psi = ref.random_state(3, rng, 2)
    th = rng.uniform(-3, 3, 2)
    got = qk.apply_gate(psi, alias, [2, 1], th)
    for b in range(2):
        want = ref.gate_full(gate, [1], [2], [th[b]], 3) @ psi[b]
        np.testing.assert_allclose(got[b], want, atol=ATOL, rtol=0)


@settings(max_examples=50)
@given(st.integers(1, 6), st.data())
def test_apply_unitary_matches_reference(n, data):
    k = data.draw(st.integers(1, min(3, n)))
    wires = list(data.draw(st.permutations(range(n))))[:k]
    rng = np.random.default_rng(data.draw(st.integers(0, 2 ** 32 - 1)))
    u = ref.random_unitary(2 ** k, rng)
    full = ref.embed(u, wires, n)
    psi = ref.random_state(n, rng)
    np.testing.assert_allclose(qk.apply_unitary(psi, u, wires), full @ psi, atol=ATOL, rtol=0)
    batch = ref.random_state(n, rng, 3)
    np.testing.assert_allclose(qk.apply_unitary(batch, u, wires), batch @ full.T, atol=ATOL, rtol=0)


# --------------------------------------------------------------------------- measurement
@settings(max_examples=40)
@given(st.integers(1, 6), st.data())
def test_probabilities_and_marginals(n, data):
    rng = np.random.default_rng(data.draw(st.integers(0, 2 ** 32 - 1)))
    batch = ref.random_state(n, rng, 3)
    np.testing.assert_allclose(qk.probabilities(batch), np.abs(batch) ** 2, atol=1e-14, rtol=0)
    np.testing.assert_allclose(qk.probabilities(batch[0]), np.abs(batch[0]) ** 2, atol=1e-14)
    k = data.draw(st.integers(1, n))
    wires = list(data.draw(st.permutations(range(n))))[:k]
    got = qk.marginal_probabilities(batch, wires)
    assert got.shape == (3, 2 ** k)
    np.testing.assert_allclose(got, ref.marginal(batch, wires, n), atol=1e-12, rtol=0)
    one = qk.marginal_probabilities(batch[1], wires)
    assert one.shape == (2 ** k,)
    np.testing.assert_allclose(one, ref.marginal(batch[1], wires, n), atol=1e-12, rtol=0)


def test_marginal_wire_order_matters():
    psi = qk.basis_state([1, 0, 0])            # wire 0 is 1
    assert qk.marginal_probabilities(psi, [0, 2]).tolist() == [0, 0, 1, 0]   # |q0 q2> = |10>
    assert qk.marginal_probabilities(psi, [2, 0]).tolist() == [0, 1, 0, 0]   # |q2 q0> = |01>


@settings(max_examples=60)
@given(st.integers(1, 5), st.data())
def test_expval_matches_reference(n, data):
    obs, spec = data.draw(observables(n))
    M = ref.observable_matrix(spec, n)
    rng = np.random.default_rng(data.draw(st.integers(0, 2 ** 32 - 1)))
    batch = ref.random_state(n, rng, 4)
    got = qk.expval(batch, obs)
    assert got.shape == (4,)
    np.testing.assert_allclose(got, ref.expval(batch, M), atol=ATOL, rtol=0)
    one = qk.expval(batch[2], obs)
    assert isinstance(one, float)
    assert abs(one - ref.expval(batch[2], M)) < ATOL
    # O|psi> (used by the adjoint method)
    np.testing.assert_allclose(obs.apply(batch), batch @ M.T, atol=ATOL, rtol=0)


@settings(max_examples=30)
@given(circuits(max_qubits=5), st.data())
def test_circuit_expval_matches_reference(case, data):
    obs, spec = data.draw(observables(case.n))
    X = case.X(3)
    got = case.circuit.expval(obs, case.params, X)
    psi = ref.run_circuit(case.circuit, case.params, X)
    want = ref.expval(psi, ref.observable_matrix(spec, case.n))
    np.testing.assert_allclose(got, want, atol=ATOL, rtol=0)
    np.testing.assert_allclose(case.circuit.probabilities(case.params, X), np.abs(psi) ** 2,
                               atol=ATOL, rtol=0)


@pytest.mark.parametrize("build, spec", [
    (lambda: (2 * qk.X(0)) @ (qk.X(1) + qk.Z(1)),
     [("pauli", 2.0, {0: "X", 1: "X"}), ("pauli", 2.0, {0: "X", 1: "Z"})]),
    (lambda: (qk.X(0) + qk.Z(0)) @ (3 * qk.Y(1)),
     [("pauli", 3.0, {0: "X", 1: "Y"}), ("pauli", 3.0, {0: "Z", 1: "Y"})]),
    (lambda: (qk.X(0) + qk.Z(0)) @ (qk.X(1) - qk.Y(1)),
     [("pauli", 1.0, {0: "X", 1: "X"}), ("pauli", -1.0, {0: "X", 1: "Y"}),
      ("pauli", 1.0, {0: "Z", 1: "X"}), ("pauli", -1.0, {0: "Z", 1: "Y"})]),
], ids=["scaled-string@sum", "sum@scaled-string", "sum@sum"])
def test_tensor_product_of_sums(build, spec):
    """`@` distributes over sums and keeps every coefficient (the README writes observables this way)."""
    psi = ref.random_state(2, np.random.default_rng(11), 3)
    M = ref.observable_matrix(spec, 2)
    obs = build()
    np.testing.assert_allclose(qk.expval(psi, obs), ref.expval(psi, M), atol=ATOL, rtol=0)
    np.testing.assert_allclose(obs.apply(psi), psi @ M.T, atol=ATOL, rtol=0)


# --------------------------------------------------------------------------- purity
def _frozen(a):
    a = np.array(a)
    a.setflags(write=False)
    return a


@settings(max_examples=15)
@given(circuits(max_qubits=4), st.data())
def test_inputs_are_never_mutated(case, data):
    """Every public function leaves its inputs unchanged (read-only arrays also make writes raise)."""
    obs, _ = data.draw(observables(case.n))
    X, psi0 = _frozen(case.X(3)), _frozen(case.initial_state(3))
    params = _frozen(case.params)
    keep = [X.copy(), psi0.copy(), params.copy()]
    n_ops = len(case.circuit.ops)
    case.circuit.states(params, X, initial_state=psi0)
    case.circuit.expval(obs, params, X, initial_state=psi0)
    case.circuit.probabilities(params, X[0])
    for method in ("adjoint", "parameter-shift", "finite-diff", "spsa"):
        qk.value_and_jacobian(case.circuit, obs, params, X, method=method, random_state=0,
                              initial_state=psi0)
    qk.jacobian(case.circuit, obs, params, X, wrt="features")
    qk.probabilities(psi0)
    qk.marginal_probabilities(psi0, [0])
    qk.expval(psi0, obs)
    obs.apply(psi0)
    qk.estimate_expval(psi0, obs, shots=10, random_state=0)
    qk.sample_counts(psi0, shots=10, random_state=0)
    qk.apply_gate(psi0, "RX", 0, _frozen([0.1, 0.2, 0.3]))
    qk.apply_gate(psi0, "H", 0)
    qk.apply_unitary(psi0, _frozen(ref.random_unitary(2, np.random.default_rng(0))), [0])
    for a, b in zip((X, psi0, params), keep):
        np.testing.assert_array_equal(a, b)
    assert len(case.circuit.ops) == n_ops


def test_writable_inputs_are_not_mutated_either():
    """Same on writable arrays, where an in-place write would go unnoticed without a copy check."""
    rng = np.random.default_rng(2)
    psi = ref.random_state(3, rng, 2)
    keep = psi.copy()
    u = ref.random_unitary(4, rng)
    u_keep = u.copy()
    qk.apply_gate(psi, "RY", 1, np.array([0.3, 0.4]), controls=[0])
    qk.apply_gate(psi, "ZZ", [0, 2], 0.3)
    qk.apply_gate(psi, "Z", [2], controls=[1])
    qk.apply_unitary(psi, u, [2, 0])
    qk.expval(psi, qk.X(0) @ qk.Y(1) + qk.Projector([1], [2]))
    np.testing.assert_array_equal(psi, keep)
    np.testing.assert_array_equal(u, u_keep)
    c = qk.Circuit(3).h(0).cz(0, 1).rx(qk.Param(0), 2)
    th = np.array([0.5])
    c.states(th, initial_state=psi)
    qk.jacobian(c, qk.Z(2), th, initial_state=psi)
    np.testing.assert_array_equal(psi, keep)
    assert th.tolist() == [0.5]


# --------------------------------------------------------------------------- fusion (engine._schedule)
DIAG_FIXED = ["CZ", "CCZ", "S", "T", "Z", "RZc", "CPHASEc", "ZZc", "CRZc"]
ONE_Q = ["H", "RXp", "RYf", "X", "U3p", "Sdg"]
MULTI = ["CNOT", "SWAP", "CRXp", "U2", "ZZp", "CRZp", "TOFFOLI"]


@st.composite
def fusion_circuits(draw):
    """Diagonal gates, CZ ladders, single-qubit gates and multi-qubit gates interleaved on few wires."""
    n = draw(st.integers(2, 4))
    c = qk.Circuit(n)
    for _ in range(draw(st.integers(1, 24))):
        kind = draw(st.sampled_from(DIAG_FIXED + ONE_Q + MULTI + ["LADDER"]))
        order = list(draw(st.permutations(range(n))))
        a, b = order[0], order[1]
        v = draw(st.floats(-3, 3))
        if kind == "LADDER":
            for w in range(n - 1):
                c.cz(w, w + 1)
        elif kind in ("CCZ", "TOFFOLI") and n < 3:
            c.cz(a, b)
        elif kind == "CCZ":
            c.add("CCZ", order[:3])
        elif kind == "TOFFOLI":
            c.add("TOFFOLI", order[:3])
        elif kind == "CZ":
            c.cz(a, b)
        elif kind in ("S", "T", "Z", "H", "X"):
            c.add(kind, a)
        elif kind == "Sdg":
            c.add("S", a, adjoint=True)
        elif kind == "RZc":
            c.rz(v, a)
        elif kind == "CPHASEc":
            c.phase(v, a, controls=[b])
        elif kind == "ZZc":
            c.zz(v, a, b)
        elif kind == "CRZc":
            c.crz(v, [b], a)
        elif kind == "RXp":
            c.rx(qk.Param(draw(st.integers(0, 2))), a)
        elif kind == "RYf":
            c.ry(qk.Feature(0) + v, a)
        elif kind == "U3p":
            c.u3(qk.Param(0), v, qk.Feature(0), a)
        elif kind == "CNOT":
            c.cnot(a, b)
        elif kind == "SWAP":
            c.swap(a, b)
        elif kind == "CRXp":
            c.crx(qk.Param(1), [b], a)
        elif kind == "CRZp":
            c.crz(qk.Param(2) - qk.Feature(0), [b], a)
        elif kind == "ZZp":
            c.zz(qk.Param(1), a, b)
        elif kind == "U2":
            c.unitary(ref.random_unitary(4, np.random.default_rng(draw(st.integers(0, 99)))), [a, b])
    return c


def _block_steps(blk):
    return list(blk.steps) if hasattr(blk, "steps") else [blk.step]


@settings(max_examples=300)
@given(fusion_circuits(), st.integers(0, 2 ** 32 - 1))
def test_fusion_keeps_gate_order(c, seed):
    rng = np.random.default_rng(seed)
    params = rng.uniform(-3, 3, c.n_params)
    X = rng.uniform(-3, 3, (2, c.n_features))
    psi0 = ref.random_state(c.n_qubits, rng, 2)
    got = c.states(params, X, initial_state=psi0)
    want = ref.run_circuit(c, params, X, initial_state=psi0)
    np.testing.assert_allclose(got, want, atol=ATOL, rtol=0)
    # Structure: every op is scheduled exactly once, and two ops that share a wire
    # keep their order unless both are diagonal (then they commute).
    steps = [s for blk in c.program.blocks for s in _block_steps(blk)]
    assert sorted(id(s.op) for s in steps) == sorted(id(op) for op in c.ops)
    position = {}
    for pos, s in enumerate(steps):
        position.setdefault(id(s.op), []).append(pos)
    for i, op_i in enumerate(c.ops):
        for op_j in c.ops[i + 1:]:
            if op_i is op_j or not set(op_i.wires + op_i.controls) & set(op_j.wires + op_j.controls):
                continue
            di = op_i.gate in ("Z", "S", "T", "RZ", "PHASE", "ZZ", "I")
            dj = op_j.gate in ("Z", "S", "T", "RZ", "PHASE", "ZZ", "I")
            if not (di and dj):
                assert max(position[id(op_i)]) < min(position[id(op_j)]), (op_i, op_j)


def test_fusion_cz_ladder_is_one_diagonal_block():
    """A CZ ladder between rotation layers becomes one fused diagonal, and still runs right."""
    n = 5
    c = qk.Circuit(n)
    for layer in range(2):
        for q in range(n):
            c.ry(qk.Param(2 * q + layer * 2 * n), q).rz(qk.Param(2 * q + 1 + layer * 2 * n), q)
        for q in range(n - 1):
            c.cz(q, q + 1)
    kinds = [type(b).__name__ for b in c.program.blocks]
    assert kinds.count("Diagonal") == 2 and kinds.count("OneQubit") == 2 * n
    th = np.random.default_rng(0).uniform(0, 6, c.n_params)
    np.testing.assert_allclose(c.states(th), ref.run(c.ops, n, th), atol=ATOL, rtol=0)


def test_program_cache_follows_added_gates():
    c = qk.Circuit(2).h(0)
    first = c.states()
    c.cnot(0, 1)
    np.testing.assert_allclose(c.states(), ref.run(c.ops, 2), atol=ATOL)
    assert not np.allclose(first, c.states())


def test_compiled_program_runs_like_the_circuit():
    """compile_ops builds the same program the circuit uses."""
    c = qk.Circuit(2).rx(qk.Param(0), 0).cz(0, 1).ry(qk.Feature(0), 1)
    prog = engine.compile_ops(c.ops, 2, c.n_params, c.n_features)
    angles, batched, _ = prog.angles([0.4], [[0.3], [0.9]])
    out = prog.forward(prog.start(2), angles, batched)
    np.testing.assert_allclose(out, c.states([0.4], [[0.3], [0.9]]), atol=1e-14)
