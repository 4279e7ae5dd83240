"""Circuit structures (qmlkit.ansatz) against direct constructions: every unitary is built here from
dense 2x2 matrices, np.kron and control projectors, following the definition in the papers and
Microsoft's documentation, and compared with qmlkit's simulation of the structure to 1e-10."""
from __future__ import annotations

import functools

import numpy as np
import pytest

import qmlkit as qk
from qmlkit import ansatz as A
from reference import I2, P0, P1, PX, PY, PZ, kron_all, on_wire, rot, rx, ry, rz

ROTATION = {"X": rx, "Y": ry, "Z": rz}
PAULI = {"X": PX, "Y": PY, "Z": PZ}
TOL = 1e-10


def qmlkit_unitary(circuit, params=None):
    """U of a circuit from qmlkit's simulator: column k is the circuit applied to basis state k."""
    d = 2 ** circuit.n_qubits
    return circuit.states(params, initial_state=np.eye(d, dtype=complex)).T


def controlled_full(u2, target, controls, n):
    """|1..1⟩⟨1..1| on the controls ⊗ u on the target + (I − that projector) ⊗ I."""
    proj = kron_all([P1 if w in controls else I2 for w in range(n)])
    return (np.eye(2 ** n) - proj) + proj @ on_wire(u2, target, n)


def product(mats, n):
    """mats[-1] … mats[0]: the matrices in the order they act."""
    return functools.reduce(lambda u, m: m @ u, mats, np.eye(2 ** n, dtype=complex))


def random_params(k, seed=0):
    return np.random.default_rng(seed).uniform(0, 2 * np.pi, k)


# ---------------------------------------------------------------- the record
def test_controlled_rotation_normalises_its_fields():
    g = A.ControlledRotation(2, [0, 1], "pauliz", np.int64(5))
    assert (g.target, g.controls, g.axis, g.param) == (2, (0, 1), "Z", 5)
    assert A.ControlledRotation(0) == A.ControlledRotation(0, (), "Y", 0)
    assert A.ControlledRotation(1, (), "x", 3) == A.ControlledRotation(1, [], "X", 3)
    assert hash(A.ControlledRotation(1, (2,), "X", 3)) == hash(A.ControlledRotation(1, [2], "X", 3))


@pytest.mark.parametrize("kwargs, word", [
    ({"target": 0, "controls": (0,)}, "controls"), ({"target": 0, "controls": (1, 1)}, "controls"),
    ({"target": 0, "axis": "W"}, "axis"), ({"target": -1}, "target"), ({"target": 0, "param": -2}, "param"),
    ({"target": 0, "param": 1.5}, "param"), ({"target": 1.0}, "target")])
def test_controlled_rotation_rejects_bad_fields(kwargs, word):
    with pytest.raises(ValueError, match=word):
        A.ControlledRotation(**kwargs)


# ---------------------------------------------------------------- Microsoft's layers
@pytest.mark.parametrize("n, axis", [(1, "X"), (2, "Y"), (3, "Z"), (5, "X")])
def test_local_rotations_layer(n, axis):
    layer = A.local_rotations_layer(n, axis)
    assert layer == [A.ControlledRotation(q, (), axis, q) for q in range(n)]
    theta = random_params(n, seed=n)
    want = kron_all([ROTATION[axis](theta[q]) for q in range(n)])
    np.testing.assert_allclose(qmlkit_unitary(A.to_circuit(layer), theta), want, atol=TOL)


def test_partial_rotations_layer():
    layer = A.partial_rotations_layer([3, 0], "Y")
    assert layer == [A.ControlledRotation(3, (), "Y", 0), A.ControlledRotation(0, (), "Y", 1)]
    theta = random_params(2, seed=1)
    want = on_wire(ry(theta[1]), 0, 4) @ on_wire(ry(theta[0]), 3, 4)
    np.testing.assert_allclose(qmlkit_unitary(A.to_circuit(layer), theta), want, atol=TOL)
    with pytest.raises(ValueError, match="distinct"):
        A.partial_rotations_layer([1, 1], "Y")


def test_cyclic_entangling_layer_is_microsofts_documented_example():
    """Microsoft.Quantum.MachineLearning.CyclicEntanglingLayer docs: CyclicEntanglingLayer(3, PauliX, 2)
    is [((0, [2]), X, 0), ((1, [0]), X, 1), ((2, [1]), X, 2)]: target i, control (i + stride) mod n."""
    assert A.cyclic_entangling_layer(3, "X", 2) == [
        A.ControlledRotation(0, (2,), "X", 0), A.ControlledRotation(1, (0,), "X", 1),
        A.ControlledRotation(2, (1,), "X", 2)]


@pytest.mark.parametrize("n, axis, stride", [(2, "X", 1), (3, "Y", 1), (4, "Z", 3), (5, "X", 2), (4, "Y", 2),
                                             (3, "X", 4), (3, "Z", -1)])
def test_cyclic_entangling_layer_unitary(n, axis, stride):
    layer = A.cyclic_entangling_layer(n, axis, stride)
    assert [(g.target, g.controls[0], g.param) for g in layer] == [(i, (i + stride) % n, i) for i in range(n)]
    theta = random_params(n, seed=7 * n + stride)
    want = product([controlled_full(ROTATION[axis](theta[i]), i, [(i + stride) % n], n) for i in range(n)], n)
    np.testing.assert_allclose(qmlkit_unitary(A.to_circuit(layer), theta), want, atol=TOL)


@pytest.mark.parametrize("n, stride", [(3, 0), (3, 3), (2, -2), (1, 1), (3, 1.0)])
def test_cyclic_entangling_layer_needs_distinct_control_and_target(n, stride):
    with pytest.raises(ValueError, match="stride"):
        A.cyclic_entangling_layer(n, "X", stride)


def test_combined_structure_is_microsofts_documented_example():
    """CombinedStructure docs: [LocalRotationsLayer(2, PauliY), CyclicEntanglingLayer(3, PauliX, 2)] gives
    parameters 0, 1 for the first layer and 2, 3, 4 for the second."""
    got = A.combined_structure([A.local_rotations_layer(2, "Y"), A.cyclic_entangling_layer(3, "X", 2)])
    assert got == [A.ControlledRotation(0, (), "Y", 0), A.ControlledRotation(1, (), "Y", 1),
                   A.ControlledRotation(0, (2,), "X", 2), A.ControlledRotation(1, (0,), "X", 3),
                   A.ControlledRotation(2, (1,), "X", 4)]
    assert A.n_params(got) == 5 and A.n_qubits_required(got) == 3


def test_combined_structure_keeps_shared_parameters_shared():
    shared = [A.ControlledRotation(q, (), "Z", 0) for q in range(3)]          # one global RZ angle
    layer = A.local_rotations_layer(3, "Y")
    got = A.combined_structure([shared, layer, shared])
    # offsets: 0, then the 1 parameter of `shared`, then 1 + 3
    assert [g.param for g in got] == [0, 0, 0, 1, 2, 3, 4, 4, 4]
    assert A.n_params(got) == 5 < len(got)
    theta = random_params(5, seed=3)
    z = kron_all([rz(theta[0])] * 3)
    y = kron_all([ry(t) for t in theta[1:4]])
    z2 = kron_all([rz(theta[4])] * 3)
    np.testing.assert_allclose(qmlkit_unitary(A.to_circuit(got), theta), z2 @ y @ z, atol=TOL)


def test_combined_structure_does_not_change_its_input():
    layers = [A.local_rotations_layer(2, "Y"), A.local_rotations_layer(2, "X")]
    before = [list(x) for x in layers]
    A.combined_structure(layers)
    assert layers == before
    assert A.combined_structure([]) == []


def test_sizes_of_structures():
    assert A.n_qubits_required([A.ControlledRotation(1, (4,), "X", 0)]) == 5     # a control can be the top wire
    assert A.n_qubits_required([]) == 0 and A.n_params([]) == 0
    assert A.n_params([A.ControlledRotation(0, (), "X", 6)]) == 7                 # indices 0..6 are read
    with pytest.raises(TypeError, match="ControlledRotation"):
        A.n_params([(0, (), "X", 0)])


def test_to_circuit_with_several_controls_and_a_larger_register():
    s = [A.ControlledRotation(1, (0, 3), "Y", 0), A.ControlledRotation(2, (), "X", 1),
         A.ControlledRotation(0, (2,), "Z", 0)]
    c = A.to_circuit(s, n_qubits=5)
    assert c.n_qubits == 5 and c.n_params == 2
    theta = random_params(2, seed=11)
    want = product([controlled_full(ry(theta[0]), 1, [0, 3], 5), on_wire(rx(theta[1]), 2, 5),
                    controlled_full(rz(theta[0]), 0, [2], 5)], 5)
    np.testing.assert_allclose(qmlkit_unitary(c, theta), want, atol=TOL)
    assert A.to_circuit(s).n_qubits == 4
    with pytest.raises(ValueError):
        A.to_circuit(s, n_qubits=3)                  # wire 3 does not exist


# ---------------------------------------------------------------- circuit-centric code blocks
def code_block_direct(n, r, theta):
    """Schuld, Bocharov, Svore & Wiebe (2018), Sec. IV: G on every qubit, then for j = 0..n−1 the
    controlled G with control (j r) mod n and target (j r − r) mod n; G = RZ RY RZ with 3 angles."""
    mats, k = [], 0
    for q in range(n):
        mats.append(on_wire(rot(*theta[k:k + 3]), q, n))
        k += 3
    for j in range(n if n > 1 else 0):
        mats.append(controlled_full(rot(*theta[k:k + 3]), (j * r - r) % n, [(j * r) % n], n))
        k += 3
    return product(mats, n), k


@pytest.mark.parametrize("n, r", [(1, 1), (2, 1), (3, 1), (3, 2), (4, 1), (4, 3), (5, 2), (4, 2)])
def test_code_block_unitary(n, r):
    block = A.code_block(n, r)
    theta = random_params(block.n_params, seed=10 * n + r)
    want, used = code_block_direct(n, r, theta)
    assert block.n_params == used == (6 * n if n > 1 else 3)
    assert len(block) == (2 * n if n > 1 else 1) and block.count(2) == (n if n > 1 else 0)
    np.testing.assert_allclose(qmlkit_unitary(block, theta), want, atol=TOL)


def test_code_block_pairs_for_eight_qubits_range_three():
    """(control, target) = ((3j) mod 8, (3j − 3) mod 8): every qubit is a control once and a target once."""
    ops = A.code_block(8, 3).ops[8:]
    pairs = [(op.controls[0], op.wires[0]) for op in ops]
    assert pairs == [(0, 5), (3, 0), (6, 3), (1, 6), (4, 1), (7, 4), (2, 7), (5, 2)]
    assert sorted(c for c, _ in pairs) == sorted(t for _, t in pairs) == list(range(8))


def test_code_block_first_param_offsets_every_index():
    a, b = A.code_block(3, 1), A.code_block(3, 1, first_param=5)
    theta = random_params(23, seed=2)
    np.testing.assert_allclose(qmlkit_unitary(b, theta), qmlkit_unitary(a, theta[5:]), atol=TOL)


@pytest.mark.parametrize("n, r", [(3, 0), (3, 3), (4, -1), (4, 1.0)])
def test_code_block_range_must_be_within_the_register(n, r):
    with pytest.raises(ValueError, match="range"):
        A.code_block(n, r)


def test_circuit_centric_has_33_gates_for_eight_qubits():
    """Each code block on n = 8 qubits has 8 single-qubit gates and 8 controlled gates; two blocks
    (ranges 1 and 3) give 2 × 16 = 32 gates and the final gate on qubit 0 makes 33. Every gate is a
    general single-qubit gate (controlled or not) with 3 angles: 3 × 33 = 99 parameters."""
    c = A.circuit_centric(8, ranges=(1, 3))
    assert len(c) == 33 and c.n_params == 99 and c.count(2) == 16
    last = c.ops[-1]
    assert (last.gate, last.wires, last.controls) == ("ROT", (0,), ())
    assert len(A.circuit_centric(8, ranges=(1, 3), final_gate=False)) == 32
    assert len(A.circuit_centric(5, ranges=(1, 2, 3))) == 3 * 10 + 1


def test_circuit_centric_unitary():
    n, ranges = 4, (1, 3)
    c = A.circuit_centric(n, ranges)
    theta = random_params(c.n_params, seed=5)
    b1, k1 = code_block_direct(n, 1, theta)
    b2, k2 = code_block_direct(n, 3, theta[k1:])
    final = on_wire(rot(*theta[k1 + k2:k1 + k2 + 3]), 0, n)
    assert k1 + k2 + 3 == c.n_params
    np.testing.assert_allclose(qmlkit_unitary(c, theta), final @ b2 @ b1, atol=TOL)


def test_code_block_gradients_match_finite_differences():
    """The controlled ROT gates train: exact gradients agree with central differences."""
    c = A.circuit_centric(3, (1, 2))
    theta = random_params(c.n_params, seed=9)
    _, jac = qk.value_and_jacobian(c, qk.Z(0), theta)
    h = 1e-6
    fd = [(c.expval(qk.Z(0), theta + h * e) - c.expval(qk.Z(0), theta - h * e)) / (2 * h)
          for e in np.eye(c.n_params)]
    np.testing.assert_allclose(jac, fd, atol=1e-7)


# ---------------------------------------------------------------- strongly entangling layers
def cnot_full(control, target, n):
    return controlled_full(PX, target, [control], n)


@pytest.mark.parametrize("n, L, ranges", [(1, 2, None), (2, 2, None), (3, 3, None), (4, 2, (2, 3)), (5, 3, None)])
def test_strongly_entangling_unitary(n, L, ranges):
    c = A.strongly_entangling(n, L, ranges)
    rs = ranges or [(l % (n - 1)) + 1 if n > 1 else 0 for l in range(L)]     # PennyLane's default
    theta = random_params(c.n_params, seed=n + L)
    mats, k = [], 0
    for r in rs:
        for q in range(n):
            mats.append(on_wire(rot(*theta[k:k + 3]), q, n))
            k += 3
        if n > 1:
            mats += [cnot_full(i, (i + r) % n, n) for i in range(n)]
    assert c.n_params == k == 3 * n * L
    np.testing.assert_allclose(qmlkit_unitary(c, theta), product(mats, n), atol=TOL)


def test_strongly_entangling_checks_ranges():
    with pytest.raises(ValueError, match="one range per layer"):
        A.strongly_entangling(3, 2, ranges=(1,))
    with pytest.raises(ValueError, match="range"):
        A.strongly_entangling(3, 1, ranges=(3,))


# ---------------------------------------------------------------- hardware-efficient and identity blocks (unchanged)
@pytest.mark.parametrize("n, L, rotations, entangler, pattern", [
    (3, 2, ("RY", "RZ"), "cz", "ladder"), (4, 1, ("RX",), "cnot", "ring"), (2, 2, ("RY",), "cnot", "ring"),
    (1, 2, ("RY", "RZ"), "cz", "ring")])
def test_hardware_efficient_unitary(n, L, rotations, entangler, pattern):
    c = A.hardware_efficient(n, L, rotations, entangler, pattern)
    theta = random_params(c.n_params, seed=3 * n + L)
    pairs = [(q, q + 1) for q in range(n - 1)]
    if pattern == "ring" and n > 2:
        pairs.append((n - 1, 0))
    two = PX if entangler == "cnot" else PZ
    mats, k = [], 0
    for _ in range(L):
        for q in range(n):
            for r in rotations:
                mats.append(on_wire(ROTATION[r[1]](theta[k]), q, n))
                k += 1
        mats += [controlled_full(two, b, [a], n) for a, b in pairs]
    assert c.n_params == k
    np.testing.assert_allclose(qmlkit_unitary(c, theta), product(mats, n), atol=TOL)


def test_identity_block_is_a_block_then_its_inverse():
    block = A.strongly_entangling(3, 1)
    ib = A.identity_block(block)
    assert ib.n_params == 2 * block.n_params
    a, b = random_params(block.n_params, seed=1), random_params(block.n_params, seed=2)
    ua, ub = qmlkit_unitary(block, a), qmlkit_unitary(block, b)
    np.testing.assert_allclose(qmlkit_unitary(ib, np.concatenate([a, b])), ub.conj().T @ ua, atol=TOL)
    np.testing.assert_allclose(qmlkit_unitary(ib, np.tile(a, 2)), np.eye(8), atol=TOL)

