"""qmlkit.encoding (and notebook 01's helpers) against constructions written out here.

Every expected state is built directly in this file from textbook formulas —
Kronecker products of single-qubit states, dense diagonal unitaries, block-diagonal
multiplexors — and every circuit is also run on the small dense-matrix simulator
below, which reads only a circuit's description (gate names, wires, angles).
"""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

import qmlkit as qk
from qmlkit import encoding as enc
from qmlkit.landscape import fourier_spectrum

ATOL = 1e-10

# ---------------------------------------------------------------------------- a dense oracle
I2 = np.eye(2, dtype=complex)
X2 = np.array([[0, 1], [1, 0]], dtype=complex)
Y2 = np.array([[0, -1j], [1j, 0]], dtype=complex)
Z2 = np.diag([1.0, -1.0]).astype(complex)
H2 = np.array([[1, 1], [1, -1]], dtype=complex) / np.sqrt(2)


def rx(t):
    return np.cos(t / 2) * I2 - 1j * np.sin(t / 2) * X2


def ry(t):
    return np.cos(t / 2) * I2 - 1j * np.sin(t / 2) * Y2


def rz(t):
    return np.cos(t / 2) * I2 - 1j * np.sin(t / 2) * Z2


def kron_all(ms):
    out = np.ones((1, 1), dtype=complex) if np.ndim(ms[0]) == 2 else np.ones(1, dtype=complex)
    for m in ms:
        out = np.kron(out, m)
    return out


def bits_of(index, n):
    return [(index >> (n - 1 - w)) & 1 for w in range(n)]


def full_gate(u, wires, controls, n):
    """The 2**n matrix of ``u`` on ``wires`` (wires[0] most significant) when all ``controls`` are 1."""
    d = 2 ** n
    out = np.zeros((d, d), dtype=complex)
    for col in range(d):
        b = bits_of(col, n)
        if not all(b[c] for c in controls):
            out[col, col] = 1
            continue
        sub = int("".join(str(b[w]) for w in wires), 2)
        for new_sub in range(2 ** len(wires)):
            nb = list(b)
            for k, w in enumerate(wires):
                nb[w] = (new_sub >> (len(wires) - 1 - k)) & 1
            out[int("".join(map(str, nb)), 2), col] += u[new_sub, sub]
    return out


def angle_value(angle, params, x):
    return angle.const + sum(a * params[i] for i, a in angle.params) + sum(b * x[f] for f, b in angle.features)


MATRICES = {
    "RX": rx, "RY": ry, "RZ": rz, "PHASE": lambda p: np.diag([1, np.exp(1j * p)]),
    "X": lambda: X2, "H": lambda: H2, "Z": lambda: Z2,
    "ZZ": lambda t: np.diag(np.exp(-0.5j * t * np.array([1, -1, -1, 1]))),
    "ROT": lambda phi, theta, omega: rz(omega) @ ry(theta) @ rz(phi),
}


def dense_unitary(circuit, params=(), x=()):
    n = circuit.n_qubits
    u = np.eye(2 ** n, dtype=complex)
    for op in circuit.ops:
        m = MATRICES[op.gate](*[angle_value(a, params, x) for a in op.angles])
        u = full_gate(m, list(op.wires), list(op.controls), n) @ u
    return u


def dense_run(circuit, params=(), x=()):
    return dense_unitary(circuit, params, x)[:, 0]


def assert_same_up_to_phase(got, want, atol=ATOL):
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape
    overlap = np.vdot(want, got)
    assert abs(overlap) > 1e-6, "orthogonal states"
    assert np.abs(got * np.conj(overlap) / abs(overlap) - want).max() < atol


def random_vector(rng, size, complex_):
    v = rng.normal(size=size)
    return v + 1j * rng.normal(size=size) if complex_ else v


# ---------------------------------------------------------------------------- basis encoding
KET = {0: np.array([1, 0], dtype=complex), 1: np.array([0, 1], dtype=complex)}


@pytest.mark.parametrize("bits", [[0], [1], [1, 0], [0, 1, 1], [1, 0, 1, 1], [1, 1, 1, 1, 0]])
def test_basis_encoding_of_bits_is_a_kron_of_kets(bits):
    want = kron_all([KET[b] for b in bits])
    np.testing.assert_allclose(enc.basis_encoding([bits])[0], want, atol=ATOL)
    np.testing.assert_allclose(enc.basis_circuit(len(bits)).states(X=[bits]), want[None], atol=ATOL)
    np.testing.assert_allclose(dense_run(enc.basis_circuit(len(bits)), x=bits), want, atol=ATOL)


def test_basis_encoding_of_integers_matches_their_bits():
    for n in (1, 2, 3, 5):
        ints = np.arange(2 ** n)
        got = enc.basis_encoding(ints, n_qubits=n)
        for i in ints:
            want = kron_all([KET[int(c)] for c in format(int(i), f"0{n}b")])
            np.testing.assert_allclose(got[i], want, atol=ATOL)


# ---------------------------------------------------------------------------- angle encodings
ROT = {"RX": rx, "RY": ry, "RZ": rz}


@pytest.mark.parametrize("rotation", ["RX", "RY", "RZ", "ry"])
@pytest.mark.parametrize("scale", [1.0, 0.5, np.pi])
def test_angle_encoding_is_a_kron_of_rotated_zeros(rotation, scale):
    rng = np.random.default_rng(1)
    X = rng.uniform(-np.pi, np.pi, (4, 3))
    got = enc.angle_encoding(X, rotation, scale)
    circuit = enc.angle_circuit(3, rotation, scale)
    for x, g in zip(X, got):
        want = kron_all([ROT[rotation.upper()](scale * xi)[:, 0] for xi in x])
        np.testing.assert_allclose(g, want, atol=ATOL)
        np.testing.assert_allclose(dense_run(circuit, x=x), want, atol=ATOL)
    np.testing.assert_allclose(circuit.states(X=X), got, atol=ATOL)


@pytest.mark.parametrize("n_features", [1, 2, 3, 4, 5])
def test_dense_angle_encoding_puts_two_features_on_each_qubit(n_features):
    rng = np.random.default_rng(n_features)
    X = rng.uniform(-np.pi, np.pi, (3, n_features))
    for scale in (1.0, 2 * np.pi):
        got = enc.dense_angle_encoding(X, scale)
        circuit = enc.dense_angle_circuit(n_features, scale)
        for x, g in zip(X, got):
            qubits = []
            for i in range(0, n_features, 2):
                theta = scale * x[i]
                phi = scale * x[i + 1] if i + 1 < n_features else 0.0
                qubits.append(np.array([np.cos(theta / 2), np.exp(1j * phi) * np.sin(theta / 2)]))
            want = kron_all(qubits)
            np.testing.assert_allclose(g, want, atol=ATOL)
            np.testing.assert_allclose(dense_run(circuit, x=x), want, atol=ATOL)
        np.testing.assert_allclose(circuit.states(X=X), got, atol=ATOL)


# ---------------------------------------------------------------------------- amplitude encoding
@pytest.mark.parametrize("k, n", [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (8, 3), (9, 4), (16, 4),
                                  (17, 5), (1000, 10), (1024, 10), (1025, 11)])
def test_amplitude_n_qubits(k, n):
    assert enc.amplitude_n_qubits(k) == n
    assert 2 ** n >= k and (n == 1 or 2 ** (n - 1) < k)


@pytest.mark.parametrize("complex_", [False, True])
def test_amplitude_encoding_pads_with_zeros_and_normalises(complex_):
    rng = np.random.default_rng(2)
    for k in (1, 2, 3, 5, 7, 8, 11):
        X = random_vector(rng, (3, k), complex_)
        got = enc.amplitude_encoding(X)
        size = 2 ** max(1, math.ceil(math.log2(k)))
        for x, g in zip(X, got):
            want = np.zeros(size, dtype=complex)
            want[:k] = x / math.sqrt(sum(abs(v) ** 2 for v in x))
            np.testing.assert_allclose(g, want, atol=ATOL)
            np.testing.assert_allclose(enc.amplitude_vector(x), want, atol=ATOL)


def test_amplitude_encoding_forgets_the_norm_but_keeps_signs():
    x = np.array([1.0, -2.0, 3.0])
    np.testing.assert_allclose(enc.amplitude_vector(x), enc.amplitude_vector(7.5 * x), atol=ATOL)
    np.testing.assert_allclose(enc.amplitude_vector(-x), -enc.amplitude_vector(x), atol=ATOL)
    assert enc.amplitude_vector(x)[1].real < 0


# ---------------------------------------------------------------------------- state preparation
def _lengths(n):
    """Vector lengths that need exactly n qubits: the smallest, a middle one and the full 2**n."""
    lo = 1 if n == 1 else 2 ** (n - 1) + 1
    return sorted({lo, (lo + 2 ** n) // 2, 2 ** n})


PREP_CASES = [(n, k, c, seed) for n in range(1, 7) for k in _lengths(n) for c in (False, True)
              for seed in range(3)]


@pytest.mark.parametrize("n, k, complex_, seed", PREP_CASES)
def test_state_preparation_reproduces_random_vectors(n, k, complex_, seed):
    rng = np.random.default_rng(100 * n + 10 * k + seed)
    x = random_vector(rng, k, complex_)
    circuit, fidelity = enc.amplitude_circuit(x)
    target = np.zeros(2 ** n, dtype=complex)
    target[:k] = x / np.linalg.norm(x)
    assert circuit.n_qubits == n
    assert_same_up_to_phase(circuit.states(), target)
    if n <= 4:                                   # the dense oracle is slow beyond that
        assert_same_up_to_phase(dense_run(circuit), target)
    assert abs(fidelity - 1) < 1e-12
    assert {op.gate for op in circuit.ops} <= {"RY", "RZ", "X"}
    assert all(op.controls == () or op.gate == "X" for op in circuit.ops)     # only CNOTs entangle
    if not complex_:
        assert all(op.gate != "RZ" for op in circuit.ops)


@pytest.mark.parametrize("x", [[0, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1j, 0], [1, 0, 0, 0, 0, 0, 0, -1],
                               [0, 0, 0, 0, 0, 0, 0, 1j], [-1.0], [2j], [1, -1], [0, 0, 0, 0, 0, 3]])
def test_state_preparation_of_sparse_and_signed_vectors(x):
    circuit, _ = enc.amplitude_circuit(x)
    target = enc.amplitude_vector(x)
    assert_same_up_to_phase(dense_run(circuit), target)


def test_state_preparation_keeps_a_tiny_imaginary_part():
    """Regression: a vector with a 1e-9 imaginary part used to be prepared as if it were real."""
    x = np.array([1e-9j, 1.0, 0.5, -0.25])
    circuit, fidelity = enc.amplitude_circuit(x)
    assert_same_up_to_phase(dense_run(circuit), enc.amplitude_vector(x), atol=1e-13)


def test_state_preparation_angles_follow_the_textbook_recipe():
    x = np.array([0.4, -0.2, 0.8, 0.4])
    ry_, rz_ = enc.state_preparation_angles(x)
    v = x / np.linalg.norm(x)
    assert np.isclose(ry_[0][0], 2 * np.arctan2(np.linalg.norm(v[2:]), np.linalg.norm(v[:2])))
    np.testing.assert_allclose(ry_[1], [2 * np.arctan2(v[1], v[0]), 2 * np.arctan2(v[3], v[2])])
    assert all(np.all(a == 0) for a in rz_)


# ---------------------------------------------------------------------------- multiplexors
def multiplexor(axis, angles, controls, target, n):
    """Σ_p |p⟩⟨p| ⊗ R(angles[p]) built entry by entry: p read from the controls, first the most significant."""
    rot = {"Y": ry, "Z": rz, "X": rx}[axis]
    d = 2 ** n
    out = np.zeros((d, d), dtype=complex)
    for col in range(d):
        b = bits_of(col, n)
        p = int("".join(str(b[c]) for c in controls), 2) if controls else 0
        r = rot(angles[p])
        for t_new in (0, 1):
            nb = list(b)
            nb[target] = t_new
            out[int("".join(map(str, nb)), 2), col] += r[t_new, b[target]]
    return out


@pytest.mark.parametrize("k", [0, 1, 2, 3])
@pytest.mark.parametrize("axis", ["Y", "Z"])
def test_uniformly_controlled_rotation_is_the_block_diagonal_multiplexor(k, axis):
    rng = np.random.default_rng(k)
    angles = rng.uniform(-2 * np.pi, 2 * np.pi, 2 ** k)
    # controls first and target last, and a scrambled placement of the same wires
    for controls, target in [(list(range(k)), k), (list(range(1, k + 1))[::-1], 0)]:
        n = k + 1
        circuit = qk.Circuit(n)
        dropped = enc.uniformly_controlled_rotation(circuit, axis, angles, controls, target)
        assert dropped == 0
        np.testing.assert_allclose(dense_unitary(circuit), multiplexor(axis, angles, controls, target, n),
                                   atol=ATOL)
        assert circuit.count(1) == 2 ** k and circuit.count(2) == (2 ** k if k else 0)


def test_uniformly_controlled_rotation_with_equal_angles_is_one_rotation():
    circuit = qk.Circuit(3)
    dropped = enc.uniformly_controlled_rotation(circuit, "Y", [0.7] * 4, [0, 1], 2)
    assert len(circuit) == 1 and dropped == 0                 # zero angles are not "dropped"
    np.testing.assert_allclose(dense_unitary(circuit), multiplexor("Y", [0.7] * 4, [0, 1], 2, 3), atol=ATOL)


def test_uniformly_controlled_rotation_counts_what_it_drops():
    c0 = qk.Circuit(1)
    assert enc.uniformly_controlled_rotation(c0, "Y", [0.0], [], 0) == 0 and len(c0) == 0
    assert enc.uniformly_controlled_rotation(c0, "Y", [0.01], [], 0, tolerance=0.1) == 1 and len(c0) == 0
    c2 = qk.Circuit(3)
    assert enc.uniformly_controlled_rotation(c2, "Y", [0.5, 0.52, 0.5, 0.52], [0, 1], 2, tolerance=0.05) == 1


def test_uniformly_controlled_rotation_rejects_a_wrong_number_of_angles():
    with pytest.raises(ValueError, match="4 angles are needed for 2 control"):
        enc.uniformly_controlled_rotation(qk.Circuit(3), "Y", [0.1, 0.2], [0, 1], 2)


# ---------------------------------------------------------------------------- the approximate encoder
def _smooth(k=32):
    return 1.5 + np.sin(np.linspace(0, 3, k))


def test_approximate_encoder_reports_its_fidelity_honestly():
    rng = np.random.default_rng(5)
    vectors = [_smooth(), _smooth(16), rng.normal(size=16), rng.normal(size=8) + 1j * rng.normal(size=8)]
    for x in vectors:
        target = enc.amplitude_vector(x)
        for tol in (0.0, 0.01, 0.05, 0.1, 0.3, 0.7, 1.5, 4.0):
            circuit, fidelity = enc.amplitude_circuit(x, tolerance=tol)
            prepared = dense_run(circuit) if circuit.n_qubits <= 4 else circuit.states()
            assert abs(fidelity - abs(np.vdot(target, prepared)) ** 2) < 1e-12


def test_approximate_encoder_is_exact_at_tolerance_zero():
    for x in (_smooth(), np.arange(1.0, 9.0), [1, 1j, -1, 0.5]):
        circuit, fidelity = enc.amplitude_circuit(x, tolerance=0.0)
        assert abs(fidelity - 1) < 1e-12
        assert len(circuit) == len(enc.amplitude_circuit(x)[0])


def test_approximate_encoder_trades_gates_for_fidelity_on_a_smooth_vector():
    tolerances = np.linspace(0, 1, 41)
    runs = [enc.amplitude_circuit(_smooth(), tolerance=t) for t in tolerances]
    fidelity = np.array([f for _, f in runs])
    gates = np.array([len(c) for c, _ in runs])
    assert np.all(np.diff(fidelity) <= 1e-12)            # non-increasing (on this vector)
    assert np.all(np.diff(gates) <= 0)
    assert gates[-1] < gates[0] / 4 and fidelity[-1] < 1 - 1e-3


def test_approximate_encoder_gate_count_never_grows_with_tolerance():
    """Gate counts fall monotonically for any vector; fidelity need not (dropped errors can cancel)."""
    rng = np.random.default_rng(8)
    for _ in range(20):
        x = random_vector(rng, int(rng.integers(3, 33)), bool(rng.integers(2)))
        gates = [len(enc.amplitude_circuit(x, tolerance=t)[0]) for t in np.linspace(0, 2, 21)]
        assert np.all(np.diff(gates) <= 0)


# ---------------------------------------------------------------------------- ZZ feature map
def zz_direct(x, reps, entanglement):
    """(U_Φ(x) H^{⊗n})^reps |0…0⟩ with U_Φ = exp(i Σ_S φ_S Π_{i∈S} Z_i) as a dense diagonal."""
    n = len(x)
    pairs = ([(i, j) for i in range(n) for j in range(i + 1, n)] if entanglement == "full"
             else [(i, i + 1) for i in range(n - 1)])
    z = np.array([[1 - 2 * b for b in bits_of(k, n)] for k in range(2 ** n)])     # (2**n, n) of ±1
    phase = sum(x[i] * z[:, i] for i in range(n))
    phase = phase + sum((np.pi - x[i]) * (np.pi - x[j]) * z[:, i] * z[:, j] for i, j in pairs)
    u = np.diag(np.exp(1j * phase)) @ kron_all([H2] * n)
    psi = np.zeros(2 ** n, dtype=complex)
    psi[0] = 1
    for _ in range(reps):
        psi = u @ psi
    return psi


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("reps", [1, 2])
@pytest.mark.parametrize("entanglement", ["full", "linear"])
def test_zz_feature_map_matches_the_dense_construction(n, reps, entanglement):
    rng = np.random.default_rng(n + 10 * reps)
    X = rng.uniform(0, 2 * np.pi, (3, n))
    fm = enc.zz_feature_map(n, reps, entanglement)
    got = enc.zz_encoding(X, reps, entanglement)
    np.testing.assert_allclose(fm.states(X), got, atol=ATOL)
    for x, g in zip(X, got):
        want = zz_direct(x, reps, entanglement)
        np.testing.assert_allclose(g, want, atol=ATOL)          # exactly, not only up to phase
        np.testing.assert_allclose(dense_run(fm.circuit, x=fm.features(x[None])[0]), want, atol=ATOL)


def test_zz_feature_map_counts_pairs():
    assert enc.zz_feature_map(4, 1, "full").circuit.count(2) == 6
    assert enc.zz_feature_map(4, 3, "linear").circuit.count(2) == 9


# ---------------------------------------------------------------------------- Microsoft's feature maps
def test_left_padding_prepends_constants():
    X = np.array([[0.2, 0.3], [-1.0, 4.0]])
    np.testing.assert_allclose(enc.left_padding(X, [1.0, 0.5]), [[1.0, 0.5, 0.2, 0.3], [1.0, 0.5, -1.0, 4.0]])
    np.testing.assert_allclose(enc.left_padding(X, 2.0), [[2.0, 0.2, 0.3], [2.0, -1.0, 4.0]])


def test_split_fanout_is_the_kron_of_the_two_halves():
    rng = np.random.default_rng(3)
    for n_const, n_x in [(2, 2), (2, 4), (1, 3), (4, 2), (3, 5)]:
        c, X = rng.normal(size=n_const), rng.normal(size=(3, n_x))
        got = enc.split_fanout(X, c)
        for x, g in zip(X, got):
            left = np.concatenate([c[: n_const // 2], x[: n_x // 2]])
            right = np.concatenate([c[n_const // 2:], x[n_x // 2:]])
            np.testing.assert_allclose(g, np.kron(left, right), atol=ATOL)
            if len(left) == len(right) == 2:              # amplitude-encoded: a product of two qubits
                np.testing.assert_allclose(enc.amplitude_vector(g),
                                           np.kron(left / np.linalg.norm(left), right / np.linalg.norm(right)),
                                           atol=ATOL)


def test_fanout_repeats_the_features():
    X = np.array([[1.0, 2.0, 3.0]])
    np.testing.assert_allclose(enc.fanout(X, 3), [[1, 2, 3, 1, 2, 3, 1, 2, 3]])
    np.testing.assert_allclose(enc.fanout(X, 1), X)


# ---------------------------------------------------------------------------- re-uploading and Fourier spectra
def test_reuploading_circuit_matches_the_dense_construction():
    rng = np.random.default_rng(4)
    for n, L in [(1, 1), (1, 3), (2, 2)]:
        c = enc.reuploading_circuit(n, L)
        assert c.n_params == 3 * n * (L + 1) and c.n_features == n
        params, x = rng.uniform(0, 2 * np.pi, c.n_params), rng.uniform(-np.pi, np.pi, n)
        layer = lambda k: kron_all([MATRICES["ROT"](*params[3 * (k * n + w): 3 * (k * n + w) + 3])  # noqa: E731
                                    for w in range(n)])
        u = layer(0)
        for k in range(1, L + 1):
            u = layer(k) @ kron_all([rx(xi) for xi in x]) @ u
        np.testing.assert_allclose(c.states(params, x), u[:, 0], atol=ATOL)


def test_fourier_spectrum_agrees_with_an_explicit_sum():
    rng = np.random.default_rng(6)
    for N in (1, 4, 7, 15):
        f = rng.normal(size=(2, N))
        w, c = fourier_spectrum(f)
        assert list(w) == sorted(w) and len(w) == N and 0 in w
        x = 2 * np.pi * np.arange(N) / N
        want = np.array([[np.sum(fi * np.exp(-1j * om * x)) / N for om in w] for fi in f])
        np.testing.assert_allclose(c, want, atol=ATOL)


@pytest.mark.parametrize("L", [1, 2, 3, 4])
def test_reuploading_model_has_frequencies_up_to_L(L):
    """Schuld, Sweke & Meyer 2021: L Pauli encodings give a Fourier series with frequencies −L…L."""
    rng = np.random.default_rng(L)
    c = enc.reuploading_circuit(1, L)
    N = 2 * L + 5
    x = 2 * np.pi * np.arange(N)[:, None] / N
    f = np.array([c.expval(qk.Z(0), rng.uniform(0, 2 * np.pi, c.n_params), x) for _ in range(20)])
    w, coeffs = fourier_spectrum(f)
    assert np.abs(coeffs[:, np.abs(w) > L]).max() < 1e-12
    assert np.abs(coeffs[:, np.abs(w) == L]).max() > 1e-3                # the top frequency is reached
    np.testing.assert_allclose(coeffs[:, ::-1], coeffs.conj(), atol=1e-12)   # real model: c_{−ω} = c_ω*


# ---------------------------------------------------------------------------- costs
def test_encoding_costs_count_the_circuits():
    for k in (1, 2, 3, 4, 5, 8):
        costs = enc.encoding_costs(k)
        assert costs["basis"] == costs["angle"] == {"qubits": k, "gates": k, "two_qubit_gates": 0}
        assert costs["dense angle"] == {"qubits": (k + 1) // 2, "gates": k, "two_qubit_gates": 0}
        assert costs["amplitude"]["qubits"] == max(1, math.ceil(math.log2(k)))
        n = costs["amplitude"]["qubits"]
        assert costs["amplitude"]["gates"] <= 2 ** n - 1 + (2 ** n - 2)     # RYs + CNOTs of the cascade
        assert costs["ZZ (reps=1)"]["two_qubit_gates"] == k * (k - 1) // 2
        assert costs["ZZ (reps=1)"]["gates"] == 2 * k + k * (k - 1) // 2


# ---------------------------------------------------------------------------- purity
def test_encodings_do_not_change_their_input():
    X = np.array([[0.1, 0.2, 0.3, 0.4]])
    before = X.copy()
    for f in (enc.angle_encoding, enc.dense_angle_encoding, enc.amplitude_encoding, enc.zz_encoding,
              lambda X: enc.left_padding(X, [1.0]), lambda X: enc.split_fanout(X, [1.0, 1.0]),
              enc.fanout, lambda X: enc.amplitude_circuit(X[0], 0.1)):
        f(X)
        np.testing.assert_array_equal(X, before)


# ---------------------------------------------------------------------------- bad input
BAD = [
    ("empty vector", lambda: enc.amplitude_encoding([]), ValueError, "empty"),
    ("empty batch", lambda: enc.angle_encoding(np.zeros((0, 2))), ValueError, "empty"),
    ("empty sample", lambda: enc.angle_encoding([[]]), ValueError, "empty"),
    ("all-zero vector", lambda: enc.amplitude_encoding([0.0, 0.0, 0.0]), ValueError, "all zeros"),
    ("all-zero second sample", lambda: enc.amplitude_encoding([[1, 2], [0, 0]]), ValueError, "sample 1 is all zeros"),
    ("all-zero state preparation", lambda: enc.amplitude_circuit([0, 0]), ValueError, "all zeros"),
    ("NaN angle", lambda: enc.angle_encoding([[np.nan, 1.0]]), ValueError, "NaN"),
    ("NaN amplitude", lambda: enc.amplitude_vector([1.0, np.nan]), ValueError, "NaN"),
    ("inf dense", lambda: enc.dense_angle_encoding([[np.inf, 0.0]]), ValueError, "NaN or inf"),
    ("NaN ZZ", lambda: enc.zz_encoding([[np.nan, 0.0]]), ValueError, "NaN"),
    ("NaN constants", lambda: enc.left_padding([[1.0]], [np.nan]), ValueError, "constants"),
    ("bit 2", lambda: enc.basis_encoding([[0, 2, 1]]), ValueError, "0 or 1"),
    ("bit 0.5", lambda: enc.basis_encoding([[0.5, 1]]), ValueError, "0 or 1"),
    ("integer too large", lambda: enc.basis_encoding([8], n_qubits=3), ValueError, "0..7 for 3 qubit"),
    ("negative integer", lambda: enc.basis_encoding([-1], n_qubits=2), ValueError, "0..3"),
    ("non-integer", lambda: enc.basis_encoding([1.5], n_qubits=2), ValueError, "whole numbers"),
    ("bad rotation", lambda: enc.angle_encoding([[1.0]], rotation="RW"), ValueError, "rotation must be one of"),
    ("bad rotation circuit", lambda: enc.angle_circuit(2, rotation="H"), ValueError, "rotation must be one of"),
    ("bad re-uploading rotation", lambda: enc.reuploading_circuit(1, 2, rotation="XX"), ValueError, "rotation"),
    ("negative tolerance", lambda: enc.amplitude_circuit([1, 2], tolerance=-0.1), ValueError, "tolerance"),
    ("NaN tolerance", lambda: enc.amplitude_circuit([1, 2], tolerance=np.nan), ValueError, "tolerance"),
    ("text tolerance", lambda: enc.amplitude_circuit([1, 2], tolerance="0.1"), TypeError, "tolerance"),
    ("complex angle", lambda: enc.angle_encoding(np.array([[1 + 2j, 0.0]])), TypeError, "real numbers"),
    ("complex ZZ", lambda: enc.zz_encoding([[1j, 0.0]]), TypeError, "real numbers"),
    ("text features", lambda: enc.angle_encoding("abc"), TypeError, "numbers"),
    ("ragged features", lambda: enc.angle_encoding([[1.0], [1.0, 2.0]]), TypeError, "numbers"),
    ("3-D X", lambda: enc.angle_encoding(np.zeros((1, 2, 2))), ValueError, "shape"),
    ("two samples for one vector", lambda: enc.amplitude_vector([[1, 2], [3, 4]]), ValueError, "one sample"),
    ("ZZ feature count", lambda: enc.zz_feature_map(3).states([[1.0, 2.0]]), ValueError, "takes 3 feature"),
    ("ZZ entanglement", lambda: enc.zz_feature_map(2, entanglement="circular"), ValueError, "entanglement"),
    ("ZZ reps", lambda: enc.zz_feature_map(2, reps=0), ValueError, "reps"),
    ("zero features", lambda: enc.amplitude_n_qubits(0), ValueError, "n_features"),
    ("zero copies", lambda: enc.fanout([[1.0]], 0), ValueError, "copies"),
    ("zero layers", lambda: enc.reuploading_circuit(1, 0), ValueError, "n_layers"),
    ("too many features for the circuit", lambda: enc.angle_circuit(2).states(X=[[1.0, 2.0, 3.0]]),
     ValueError, "reads 2 feature"),
    ("multiplexor angles", lambda: enc.uniformly_controlled_rotation(qk.Circuit(2), "Y", [1, 2, 3], [0], 1),
     ValueError, "2 angles are needed"),
    ("spectrum of nothing", lambda: fourier_spectrum([]), ValueError, "N >= 1"),
    ("spectrum of NaN", lambda: fourier_spectrum([1.0, np.nan]), ValueError, "NaN"),
    ("spectrum of text", lambda: fourier_spectrum(["a", "b"]), ValueError, "numbers"),
]


@pytest.mark.parametrize("what, call, error, words", BAD, ids=[b[0] for b in BAD])
def test_bad_input_raises_a_message_that_names_the_problem(what, call, error, words):
    with pytest.raises(error, match=words):
        call()


# ---------------------------------------------------------------------------- the explorer widget
@pytest.fixture
def agg(monkeypatch):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    monkeypatch.setattr(plt, "show", lambda *a, **k: None)
    yield
    plt.close("all")


LIBRARY = {
    "angle (RY)": lambda X: enc.angle_encoding(X, "RY"),
    "angle (RX)": lambda X: enc.angle_encoding(X, "RX"),
    "dense angle": enc.dense_angle_encoding,
    "amplitude": enc.amplitude_encoding,
    "ZZ feature map": lambda X: enc.zz_encoding(X, reps=2),
}


@pytest.mark.parametrize("n_features", [2, 3])
def test_encoding_explorer_shows_the_library_state(agg, n_features):
    w = qk.widgets.encoding_explorer(n_features=n_features)
    assert set(w.encoding.options) == set(LIBRARY)
    values = [0.3, -1.1, 2.4][:n_features]
    for s, v in zip(w.sliders, values):
        s.value = v
    for name, f in LIBRARY.items():
        w.encoding.value = name
        want = f(np.array([values]))[0]
        np.testing.assert_allclose(w.state, want, atol=ATOL)
        n = int(np.log2(want.size))
        np.testing.assert_allclose(w.bloch, [qk.bloch_vector(want, q) for q in range(n)], atol=ATOL)
    w.sliders[0].value = 1.7                                     # a slider move updates the state
    np.testing.assert_allclose(w.state, LIBRARY[w.encoding.value](np.array([[1.7] + values[1:]]))[0], atol=ATOL)


def test_encoding_explorer_reports_product_states_and_errors(agg):
    w = qk.widgets.encoding_explorer(n_features=2, encoding="dense angle")
    assert "product state" in w.text.value
    np.testing.assert_allclose(np.linalg.norm(w.bloch, axis=1), 1, atol=ATOL)
    w.encoding.value = "amplitude"
    for s in w.sliders:
        s.value = 0.0
    assert w.state is None and "all zeros" in w.text.value
    w.sliders[1].value = 1.0
    np.testing.assert_allclose(w.state, [0, 1], atol=ATOL)


def test_encoding_explorer_rejects_bad_arguments(agg):
    with pytest.raises(ValueError, match="2 or 3 features"):
        qk.widgets.encoding_explorer(n_features=5)
    with pytest.raises(ValueError, match="encoding must be one of"):
        qk.widgets.encode_features([1.0, 2.0], "IQP")


def test_every_exhaustive_bit_string_round_trips():
    for n in (1, 2, 3):
        for bits in itertools.product((0, 1), repeat=n):
            idx = int(np.flatnonzero(enc.basis_encoding([bits])[0])[0])
            assert format(idx, f"0{n}b") == "".join(map(str, bits))
