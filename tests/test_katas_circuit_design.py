"""The checks of notebook 02 (qmlkit.katas.circuit_design) beyond the generic self-tests: other correct
ways to write each answer are accepted (records as tuples, gates in another order where they commute,
controlled gates decomposed), and answers of the wrong kind get a message that says what was expected."""
from __future__ import annotations

import numpy as np
import pytest

import qmlkit as qk
from qmlkit.katas import circuit_design as cd

CR = qk.ansatz.ControlledRotation


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("QMLKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("QMLKIT_EXPECT", raising=False)


def ok(ex, fn):
    r = ex.evaluate(fn)
    assert r.status == "correct", str(r)


def wrong(ex, fn, *words):
    r = ex.evaluate(fn)
    assert r.status == "wrong", str(r)
    for w in words:
        assert w in str(r), str(r)
    return r


# ---------------------------------------------------------------- 02.1 and 02.2: records
LOCAL_ALTERNATIVES = {
    "plain tuples": lambda n, axis: [(q, (), axis, q) for q in range(n)],
    "Microsoft's nested tuples": lambda n, axis: [((q, []), axis, q) for q in range(n)],
    "lower-case axis": lambda n, axis: [CR(q, (), axis.lower(), q) for q in range(n)],
    "PauliX-style axis": lambda n, axis: [CR(q, (), "Pauli" + axis, q) for q in range(n)],
    "qubits in reverse order (they commute)": lambda n, axis: [CR(q, (), axis, q) for q in reversed(range(n))],
    "a tuple of records": lambda n, axis: tuple(CR(q, (), axis, q) for q in range(n)),
    "a generator": lambda n, axis: (CR(q, (), axis, q) for q in range(n)),
    "the partial layer on every qubit": lambda n, axis: qk.ansatz.partial_rotations_layer(range(n), axis),
}


@pytest.mark.parametrize("what", list(LOCAL_ALTERNATIVES))
def test_local_layer_alternatives_are_accepted(what):
    ok(cd.exercise_local, LOCAL_ALTERNATIVES[what])


def test_local_layer_answers_of_the_wrong_kind():
    wrong(cd.exercise_local, lambda n, axis: qk.ansatz.to_circuit(qk.ansatz.local_rotations_layer(n, axis)),
          "ControlledRotation")
    wrong(cd.exercise_local, lambda n, axis: [CR(q + 1, (), axis, q) for q in range(n)], "wire", "only")
    wrong(cd.exercise_local, lambda n, axis: [(q, (), "W", q) for q in range(n)], "axis")
    wrong(cd.exercise_local, lambda n, axis: CR(0, (), axis, 0), "list")
    # one rotation too many (with its own parameter): not a known mistake, so the general hint
    r = wrong(cd.exercise_local, lambda n, axis: [CR(q, (), axis, q) for q in range(n)]
              + [CR(0, (), "Z" if axis != "Z" else "X", n)])
    assert cd.exercise_local.hint in str(r)


def test_cyclic_layer_alternatives_are_accepted():
    ok(cd.exercise_cyclic, lambda n, axis, s: [((i, [(i + s) % n]), axis, i) for i in range(n)])
    ok(cd.exercise_cyclic, lambda n, axis, s: [CR(i, [(i + s) % n], axis, i) for i in range(n)])
    ok(cd.exercise_cyclic, lambda n, axis, s: qk.ansatz.cyclic_entangling_layer(n, axis, s - n))   # same mod n


def test_cyclic_layer_order_matters():
    """Gate i+1 is controlled by a qubit gate i targets only when they overlap; reversing the order of
    non-commuting controlled rotations changes the unitary, and the check sees it."""
    wrong(cd.exercise_cyclic, lambda n, axis, s: qk.ansatz.cyclic_entangling_layer(n, axis, s)[::-1],
          "acts differently")


def test_wrong_layer_shows_both_structures():
    r = wrong(cd.exercise_cyclic, lambda n, axis, s: [CR((i + s) % n, (i,), axis, i) for i in range(n)])
    text = str(r)
    assert "expected: CRY(θ0) 1→0" in text and "yours:    CRY(θ0) 0→1" in text


# ---------------------------------------------------------------- 02.3 counting parameters
def test_count_alternatives_are_accepted():
    ok(cd.exercise_count, lambda layers: qk.ansatz.n_params(qk.ansatz.combined_structure(layers)))
    ok(cd.exercise_count, lambda layers: np.int64(sum(1 + max(g.param for g in layer) for layer in layers)))
    ok(cd.exercise_count, lambda layers: float(sum(len({g.param for g in layer}) for layer in layers)))


def test_count_rejects_fractions_with_a_message():
    wrong(cd.exercise_count, lambda layers: 5.5, "whole number")


# ---------------------------------------------------------------- 02.4 Meyer–Wallach
def q_from_bloch_vectors(state):
    """Tr ρ² = (1 + |r|²)/2 for a qubit with Bloch vector r, so Q = 1 − mean |r|²."""
    n = int(np.log2(len(state)))
    return 1 - np.mean([np.sum(qk.bloch_vector(state, w) ** 2) for w in range(n)])


def q_from_density_matrix(state):
    psi = np.asarray(state, dtype=complex)
    n = int(np.log2(psi.size))
    rho = np.outer(psi, psi.conj()).reshape((2,) * (2 * n))
    total = 0.0
    for k in range(n):
        r = rho
        for w in reversed(range(n)):          # trace out every other wire, highest axis first
            if w != k:
                r = np.trace(r, axis1=w, axis2=w + r.ndim // 2)
        total += np.trace(r @ r).real
    return 2 * (1 - total / n)


@pytest.mark.parametrize("fn", [q_from_bloch_vectors, q_from_density_matrix, qk.expressivity.meyer_wallach])
def test_meyer_wallach_alternatives_are_accepted(fn):
    ok(cd.exercise_mw, fn)


# ---------------------------------------------------------------- 02.5 the code block
def block_with_decomposed_controls(n_qubits, r):
    """C-ROT(φ, θ, ω) = CRZ(ω) CRY(θ) CRZ(φ): ROT is RZ(ω) RY(θ) RZ(φ), and a product of gates under one
    control is the product of the controlled gates. Single-qubit gates in reverse qubit order (they commute)."""
    P = qk.Param
    c = qk.Circuit(n_qubits)
    for q in reversed(range(n_qubits)):
        c.rot(P(3 * q), P(3 * q + 1), P(3 * q + 2), q)
    for j in range(n_qubits):
        k = 3 * n_qubits + 3 * j
        ctrl, tgt = (j * r) % n_qubits, (j * r - r) % n_qubits
        c.crz(P(k), ctrl, tgt).cry(P(k + 1), ctrl, tgt).crz(P(k + 2), ctrl, tgt)
    return c


def test_code_block_alternatives_are_accepted():
    ok(cd.exercise_block, block_with_decomposed_controls)
    ok(cd.exercise_block, lambda n, r: qk.ansatz.circuit_centric(n, (r,), final_gate=False))


def test_code_block_answers_of_the_wrong_kind():
    wrong(cd.exercise_block, lambda n, r: qk.ansatz.code_block(n + 1, r), "should have")
    wrong(cd.exercise_block, lambda n, r: [qk.ansatz.code_block(n, r)], "qk.Circuit")
    wrong(cd.exercise_block, lambda n, r: qk.ansatz.code_block(n, r).ry(qk.Feature(0), 0), "features")
    # parameters in another layout: the same gates, but the single-qubit layer reads the last indices
    def shifted(n, r):
        return qk.ansatz.code_block(n, r, first_param=0).offset_params(1)
    wrong(cd.exercise_block, shifted, "acts differently")


# ---------------------------------------------------------------- 02.6 sizes
def test_size_alternatives_are_accepted():
    ok(cd.exercise_size, lambda n, ranges: (len(qk.ansatz.circuit_centric(n, ranges)),
                                            qk.ansatz.circuit_centric(n, ranges).n_params))
    ok(cd.exercise_size, lambda n, ranges: np.array([2 * n * len(ranges) + 1, 6 * n * len(ranges) + 3]))


def test_size_rejects_a_single_number():
    wrong(cd.exercise_size, lambda n, ranges: 33, "shape (2,)")


# ---------------------------------------------------------------- 02.7 matching a unitary
def match_by_dividing_out_the_phase(unitary, circuits):
    for k, c in enumerate(circuits):
        d = 2 ** c.n_qubits
        u = np.column_stack([c.states(initial_state=np.eye(d)[j]) for j in range(d)])
        i, j = np.unravel_index(np.argmax(np.abs(u)), u.shape)
        phase = unitary[i, j] / u[i, j]
        if np.allclose(u * phase, unitary):
            return k
    return -1


def match_with_kron(unitary, circuits):
    """Build each unitary from dense gate matrices (wire 0 = leftmost Kronecker factor), right to left."""
    from reference import gate_full
    for k, c in enumerate(circuits):
        u = np.eye(2 ** c.n_qubits, dtype=complex)
        for op in c.ops:
            u = gate_full(op.gate, op.wires, op.controls, [a.const for a in op.angles], c.n_qubits) @ u
        if abs(abs(np.trace(u.conj().T @ unitary)) - len(u)) < 1e-9:
            return k
    return -1


@pytest.mark.parametrize("fn", [match_by_dividing_out_the_phase, match_with_kron])
def test_matching_alternatives_are_accepted(fn):
    ok(cd.exercise_match, fn)


def test_matching_inputs_are_circuits_that_the_learner_may_run_but_not_change():
    def runs_them(unitary, circuits):
        for c in circuits:
            c.states()                                     # compiles and caches, changes no gate
        return cd._matching_circuit(unitary, circuits)
    ok(cd.exercise_match, runs_them)

    def changes_them(unitary, circuits):
        circuits[0].h(0)
        return 0
    wrong(cd.exercise_match, changes_them, "changed its input")


def test_matching_answers_of_the_wrong_kind():
    wrong(cd.exercise_match, lambda u, cs: 2, "return 0")
    wrong(cd.exercise_match, lambda u, cs: 0.5, "index 0 or 1")
    r = wrong(cd.exercise_match, lambda u, cs: 1 - cd._matching_circuit(u, cs), "other circuit")
    assert "circuit 0:" in str(r) and "circuit 1:" in str(r)


def test_every_matching_case_has_exactly_one_match():
    for unitary, circuits in cd.exercise_match.cases(np.random.default_rng(cd.exercise_match.seed)):
        fits = [abs(abs(np.trace(cd._matrix(c).conj().T @ unitary)) - len(unitary)) < 1e-9 for c in circuits]
        assert sum(fits) == 1
