"""A naive dense-matrix simulator: the oracle every fast path of qmlkit is tested against.

Everything here is written from textbook formulas and shares no code with
qmlkit's kernels: gate matrices are typed in again, every gate becomes the full
``2**n x 2**n`` unitary built with ``np.kron`` (wire 0 is the leftmost factor,
i.e. the most significant bit of the basis index), and a circuit is run by
multiplying those full matrices onto a vector. It is slow on purpose; use it
on up to ~8 qubits.

The only thing read from qmlkit is the *description* of a circuit: the public
fields of ``Circuit.ops`` (gate name, wires, controls, angles as linear forms,
matrix, adjoint flag) and of observables (Pauli letters, projector bits).
"""
from __future__ import annotations

import functools

import numpy as np

# --------------------------------------------------------------------------- 2x2 building blocks
I2 = np.eye(2, dtype=complex)
PX = np.array([[0, 1], [1, 0]], dtype=complex)
PY = np.array([[0, -1j], [1j, 0]], dtype=complex)
PZ = np.array([[1, 0], [0, -1]], dtype=complex)
P0 = np.array([[1, 0], [0, 0]], dtype=complex)          # |0><0|
P1 = np.array([[0, 0], [0, 1]], dtype=complex)          # |1><1|
HAD = np.array([[1, 1], [1, -1]], dtype=complex) / np.sqrt(2)
SGATE = np.array([[1, 0], [0, 1j]], dtype=complex)
TGATE = np.array([[1, 0], [0, (1 + 1j) / np.sqrt(2)]], dtype=complex)   # e^{iπ/4}
PAULIS = {"I": I2, "X": PX, "Y": PY, "Z": PZ}


def rx(t):
    return np.array([[np.cos(t / 2), -1j * np.sin(t / 2)],
                     [-1j * np.sin(t / 2), np.cos(t / 2)]], dtype=complex)


def ry(t):
    return np.array([[np.cos(t / 2), -np.sin(t / 2)],
                     [np.sin(t / 2), np.cos(t / 2)]], dtype=complex)


def rz(t):
    return np.array([[np.exp(-0.5j * t), 0], [0, np.exp(0.5j * t)]], dtype=complex)


def phase(p):
    return np.array([[1, 0], [0, np.exp(1j * p)]], dtype=complex)


def u3(theta, phi, lam):
    c, s = np.cos(theta / 2), np.sin(theta / 2)
    return np.array([[c, -np.exp(1j * lam) * s],
                     [np.exp(1j * phi) * s, np.exp(1j * (phi + lam)) * c]], dtype=complex)


def rot(phi, theta, omega):
    return rz(omega) @ ry(theta) @ rz(phi)


# --------------------------------------------------------------------------- full-register matrices
def kron_all(factors):
    """factors[0] ⊗ factors[1] ⊗ ...; factors[0] acts on wire 0 (the most significant bit)."""
    return functools.reduce(np.kron, factors, np.eye(1, dtype=complex))


def on_wire(m, wire, n):
    """A 2x2 matrix on one wire of n, as a full 2**n x 2**n matrix."""
    return kron_all([m if w == wire else I2 for w in range(n)])


def pauli_matrix(letters: dict, n: int, coeff=1.0):
    """coeff * ⊗_w P_w for ``letters = {wire: 'X'|'Y'|'Z'|'I'}``."""
    return coeff * kron_all([PAULIS[letters.get(w, "I")] for w in range(n)])


def projector_matrix(bits, wires, n):
    """|b><b| on ``wires`` (wires[i] has bit bits[i]), identity elsewhere."""
    f = [I2] * n
    for b, w in zip(bits, wires):
        f[w] = P1 if b else P0
    return kron_all(f)


def permutation(order, n):
    """Matrix Q with (Q psi) = psi with its qubits reordered so that new wire i is old wire order[i]."""
    d = 2 ** n
    Q = np.zeros((d, d))
    for j in range(d):
        bits = [(j >> (n - 1 - w)) & 1 for w in range(n)]
        jn = 0
        for w in order:
            jn = 2 * jn + bits[w]
        Q[jn, j] = 1.0
    return Q


def embed(u, wires, n):
    """A 2**k x 2**k matrix on ``wires`` (wires[0] = its most significant bit) as a full matrix.

    Explicit permutation: move ``wires`` to the front in the order given, apply
    ``u ⊗ I``, move them back.
    """
    wires = list(wires)
    k = len(wires)
    if u.shape != (2 ** k, 2 ** k):
        raise AssertionError(f"reference: matrix {u.shape} does not fit {k} wires")
    rest = [w for w in range(n) if w not in wires]
    Q = permutation(wires + rest, n)
    return Q.T @ np.kron(u, np.eye(2 ** len(rest))) @ Q


def controlled(full_u, controls, n):
    """|1..1><1..1|_controls ⊗ U + (I − |1..1><1..1|_controls) ⊗ I, from kron over the register."""
    if not controls:
        return full_u
    pc = kron_all([P1 if w in controls else I2 for w in range(n)])
    return (np.eye(2 ** n) - pc) + pc @ full_u


def zz_full(theta, a, b, n):
    """exp(−iθ Z_a Z_b / 2) = cos(θ/2) I − i sin(θ/2) Z_a Z_b (since (Z_a Z_b)² = I)."""
    zz = pauli_matrix({a: "Z", b: "Z"}, n)
    return np.cos(theta / 2) * np.eye(2 ** n) - 1j * np.sin(theta / 2) * zz


def swap_full(a, b, n):
    """SWAP = (I + XX + YY + ZZ) / 2."""
    return 0.5 * (np.eye(2 ** n) + sum(pauli_matrix({a: p, b: p}, n) for p in "XYZ"))


ONE_QUBIT_FIXED = {"I": I2, "X": PX, "Y": PY, "Z": PZ, "H": HAD, "S": SGATE, "T": TGATE}
ONE_QUBIT_PARAM = {"RX": rx, "RY": ry, "RZ": rz, "PHASE": phase, "U3": u3, "ROT": rot}


def gate_full(gate, wires, controls, angles, n, matrix=None, adjoint=False):
    """The full unitary of one gate application (target wires, control wires, angle values)."""
    wires, controls = list(wires), list(controls)
    if gate in ONE_QUBIT_FIXED:
        u = on_wire(ONE_QUBIT_FIXED[gate], wires[0], n)
    elif gate in ONE_QUBIT_PARAM:
        u = on_wire(ONE_QUBIT_PARAM[gate](*angles), wires[0], n)
    elif gate == "SWAP":
        u = swap_full(wires[0], wires[1], n)
    elif gate == "ZZ":
        u = zz_full(angles[0], wires[0], wires[1], n)
    elif gate == "UNITARY":
        u = embed(np.asarray(matrix, dtype=complex), wires, n)
    else:
        raise AssertionError(f"reference does not know gate {gate!r}")
    if adjoint:
        u = u.conj().T
    return controlled(u, controls, n)


# --------------------------------------------------------------------------- running circuits
def angle_value(angle, params, x):
    """Evaluate const + Σ a_p θ[p] + Σ b_f x[f] + Σ c_pf θ[p] x[f] from its public fields."""
    v = angle.const
    for i, a in angle.params:
        v += a * params[i]
    for i, b in angle.features:
        v += b * x[i]
    for (p, f), c in getattr(angle, "products", ()):
        v += c * params[p] * x[f]
    return v


def op_full(op, n, params, x):
    angles = [angle_value(a, params, x) for a in op.angles]
    return gate_full(op.gate, op.wires, op.controls, angles, n, op.matrix, op.adjoint)


def circuit_unitary(ops, n, params=(), x=()):
    u = np.eye(2 ** n, dtype=complex)
    for op in ops:
        u = op_full(op, n, params, x) @ u
    return u


def run(ops, n, params=(), x=(), psi0=None):
    """Final state of one sample: every gate as a full matrix applied to the vector."""
    psi = np.zeros(2 ** n, dtype=complex)
    if psi0 is None:
        psi[0] = 1.0
    else:
        psi = np.array(psi0, dtype=complex)
    for op in ops:
        psi = op_full(op, n, params, x) @ psi
    return psi


def run_circuit(circuit, params=None, X=None, initial_state=None):
    """Reference for ``Circuit.states``: (B, 2**n) for a 2-D X or batch of initial states, else (2**n,)."""
    n = circuit.n_qubits
    params = np.zeros(0) if params is None else np.asarray(params, dtype=float)
    xs = np.zeros((1, 0)) if X is None else np.atleast_2d(np.asarray(X, dtype=float))
    init = None if initial_state is None else np.asarray(initial_state, dtype=complex)
    batch = (X is not None and np.ndim(X) == 2) or (init is not None and init.ndim == 2)
    B = max(xs.shape[0], 1 if init is None or init.ndim == 1 else init.shape[0])
    out = []
    for b in range(B):
        x = xs[b if xs.shape[0] > 1 else 0]
        p0 = None if init is None else (init if init.ndim == 1 else init[b])
        out.append(run(circuit.ops, n, params, x, p0))
    out = np.array(out)
    return out if batch else out[0]


# --------------------------------------------------------------------------- observables
def observable_matrix(spec, n):
    """Full Hermitian matrix of an observable spec: a list of terms

    ``("pauli", coeff, {wire: letter})`` or ``("proj", coeff, bits, wires)``.
    """
    m = np.zeros((2 ** n, 2 ** n), dtype=complex)
    for term in spec:
        if term[0] == "pauli":
            m += pauli_matrix(term[2], n, term[1])
        else:
            m += term[1] * projector_matrix(term[2], term[3], n)
    return m


def expval(psi, M):
    """<psi|M|psi> for one state (float) or a batch (array)."""
    psi = np.asarray(psi)
    if psi.ndim == 1:
        return float(np.real(psi.conj() @ M @ psi))
    return np.real(np.einsum("bi,ij,bj->b", psi.conj(), M, psi))


def probabilities(psi):
    return np.abs(np.asarray(psi)) ** 2


def marginal(psi, wires, n):
    """Probability of each outcome of ``wires`` (wires[0] = most significant bit), by summing projectors."""
    k = len(wires)
    out = []
    for outcome in range(2 ** k):
        bits = [(outcome >> (k - 1 - i)) & 1 for i in range(k)]
        out.append(expval(psi, projector_matrix(bits, wires, n)))
    return np.moveaxis(np.array(out), 0, -1)


def random_unitary(d, rng):
    """Haar-ish random unitary from the QR decomposition of a complex Gaussian matrix."""
    z = (rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))) / np.sqrt(2)
    q, r = np.linalg.qr(z)
    return q * (np.diagonal(r) / np.abs(np.diagonal(r)))


def random_state(n, rng, batch=None):
    shape = (2 ** n,) if batch is None else (batch, 2 ** n)
    v = rng.normal(size=shape) + 1j * rng.normal(size=shape)
    return v / np.linalg.norm(v, axis=-1, keepdims=True)
