"""Batched statevector kernels: start states, gate application, probabilities and shots.

A batch of states is a complex128 array of shape ``(n_samples, 2**n_qubits)``,
batch first like scikit-learn's ``X``; wire 0 is the most significant bit of the
basis index. The functions whose names start with an underscore work on batches
only and are the simulator's hot path; the public functions accept one state
``(2**n_qubits,)`` or a batch, validate, and give back the same form. Every
function returns a new array and leaves its input unchanged.

>>> psi = zero_state(2)
>>> psi = apply_gate(psi, "H", [0])
>>> psi = apply_gate(psi, "X", [1], controls=[0])      # CNOT: a Bell state
>>> np.round(probabilities(psi), 3)
array([0.5, 0. , 0. , 0.5])
"""
from __future__ import annotations

import numpy as np

from . import _checks
from .gates import GATES

__all__ = ["zero_state", "basis_state", "apply_gate", "apply_unitary", "probabilities",
           "marginal_probabilities", "sample_counts", "n_qubits_of", "bloch_vector"]


# --------------------------------------------------------------------------- start states
def zero_state(n_qubits: int, n_samples: int | None = None) -> np.ndarray:
    """The all-zeros state |0…0>, once or repeated for a batch.

    >>> zero_state(2)
    array([1.+0.j, 0.+0.j, 0.+0.j, 0.+0.j])
    >>> zero_state(3, n_samples=4).shape
    (4, 8)
    """
    return basis_state([0] * _checks.n_qubits(n_qubits), n_samples)


def basis_state(bits, n_samples: int | None = None) -> np.ndarray:
    """The computational basis state |b0 b1 …> (``bits[0]`` is wire 0).

    >>> np.flatnonzero(basis_state([1, 0, 1]))     # |101> is index 5
    array([5])
    """
    bits = _checks.bits(bits)
    index = int("".join(map(str, bits)) or "0", 2)
    psi = np.zeros(2 ** len(bits), dtype=complex)
    psi[index] = 1.0
    if n_samples is None:
        return psi
    return np.repeat(psi[None, :], _checks.positive_int(n_samples, "n_samples"), axis=0)


def n_qubits_of(states) -> int:
    """Number of qubits of a state ``(2**n,)`` or batch ``(n_samples, 2**n)``.

    >>> n_qubits_of(np.zeros((3, 8)))
    3
    """
    return _checks.state_dim(np.shape(states)[-1])


# --------------------------------------------------------------------------- hot-path kernels
def _apply_1q(psi: np.ndarray, u: np.ndarray, wire: int, n: int) -> np.ndarray:
    """Apply a 2x2 matrix to one wire of a batch.

    ``psi`` is ``(B, 2**n)``; ``u`` is ``(2, 2)`` (shared by the batch) or
    ``(B, 2, 2)`` (one per sample). The two amplitudes a gate mixes are
    ``right = 2**(n-wire-1)`` apart; the layout is chosen so that BLAS sees few,
    large products: for a small ``right`` the gate becomes ``u ⊗ I_right``
    acting on contiguous rows of ``2*right`` amplitudes.
    """
    B = psi.shape[0]
    left, right = 2 ** wire, 2 ** (n - wire - 1)
    if right == 1:
        if u.ndim == 2:
            return (psi.reshape(-1, 2) @ u.T).reshape(B, -1)                    # (B*2**(n-1), 2)
        return np.matmul(psi.reshape(B, -1, 2), u.transpose(0, 2, 1)).reshape(B, -1)
    if right <= _KRON_MAX_RIGHT and psi.size >= _KRON_MIN_SIZE:
        k = _kron_identity(u, right)                                           # (B?, 2R, 2R)
        return np.matmul(psi.reshape(B, -1, 2 * right), np.swapaxes(k, -1, -2)).reshape(B, -1)
    if u.ndim == 2:
        return np.matmul(u, psi.reshape(B * left, 2, right)).reshape(B, -1)   # (B*left, 2, right)
    if left == 1:
        return np.matmul(u, psi.reshape(B, 2, right)).reshape(B, -1)
    return np.matmul(u[:, None], psi.reshape(B, left, 2, right)).reshape(B, -1)


_KRON_MAX_RIGHT = 4        # measured: u ⊗ I_R wins for R <= 4 once the state is not tiny
_KRON_MIN_SIZE = 2 ** 12


def _kron_identity(u: np.ndarray, r: int) -> np.ndarray:
    """u ⊗ I_r for a (2, 2) or (B, 2, 2) ``u``: shape (..., 2r, 2r)."""
    eye = np.eye(r)
    k = u[..., :, None, :, None] * eye[:, None, :]                          # (..., 2, r, 2, r)
    return k.reshape(u.shape[:-2] + (2 * r, 2 * r))


def _control_index(n: int, controls) -> tuple:
    """Index of the subspace where every control wire is 1, on a (B, 2, ..., 2) view."""
    idx = [slice(None)] * (n + 1)
    for c in controls:
        idx[c + 1] = 1
    return tuple(idx)


def _target_axes(wires, controls) -> list:
    """Axes of the target wires in the view that drops the control axes (batch is axis 0)."""
    return [1 + w - sum(c < w for c in controls) for w in wires]


def _apply_matrix(psi: np.ndarray, u: np.ndarray, wires, controls, n: int) -> np.ndarray:
    """Apply a (B,)d x d or d x d matrix to ``wires``, on the subspace where all controls are 1."""
    if not controls and len(wires) == 1:
        return _apply_1q(psi, u, wires[0], n)
    B, k = psi.shape[0], len(wires)
    out = psi.copy()
    view = out.reshape((B,) + (2,) * n)[_control_index(n, controls)]   # (B, 2, ..., 2)
    axes = _target_axes(wires, controls)
    sub = np.moveaxis(view, axes, range(1, k + 1))                      # (B, 2,..(k).., rest...)
    shape = sub.shape
    flat = sub.reshape(B, 2 ** k, -1)                                   # (B, d, rest)
    res = np.matmul(u, flat).reshape(shape)
    view[...] = np.moveaxis(res, range(1, k + 1), axes)
    return out


def _apply_diagonal(psi: np.ndarray, diag: np.ndarray, wires, controls, n: int) -> np.ndarray:
    """Multiply by a diagonal gate given as ``(d,)`` or ``(B, d)`` on ``wires`` (controls apply)."""
    B, k = psi.shape[0], len(wires)
    out = psi.copy()
    view = out.reshape((B,) + (2,) * n)[_control_index(n, controls)]
    axes = _target_axes(wires, controls)
    order = np.argsort(axes)
    # Broadcast the diagonal onto the view: its wire axes in view order, 1 elsewhere.
    d = np.asarray(diag).reshape((-1,) + (2,) * k)                      # (B or 1, 2, ..., 2)
    d = np.transpose(d, [0] + [1 + i for i in order])
    shape = [d.shape[0]] + [1] * (view.ndim - 1)
    for j, ax in enumerate(sorted(axes)):
        shape[ax] = 2
    view *= d.reshape(shape)
    return out


def _transition(phi: np.ndarray, lam_c: np.ndarray, wires, controls, n: int) -> np.ndarray:
    """The reduced transition matrix N = Tr_rest |phi><lam| on ``wires``: ``(B, d, d)``.

    ``lam_c`` is the complex conjugate of lam (the adjoint sweep carries it
    conjugated, which saves a full copy per call). For any d x d matrix A on those
    wires (restricted to controls = 1), ``<lam|A|phi> = trace(A @ N)``; this is how
    the adjoint method gets every derivative of a fused block of gates from one pass
    over the state.
    """
    B = phi.shape[0]
    if not controls and len(wires) == 1:
        left, right = 2 ** wires[0], 2 ** (n - wires[0] - 1)
        if right == 1:
            a, b = phi.reshape(B, -1, 2), lam_c.reshape(B, -1, 2)
            return np.matmul(a.transpose(0, 2, 1), b)               # (B, 2, 2)
        if left == 1:
            a, b = phi.reshape(B, 2, -1), lam_c.reshape(B, 2, -1)
            return np.matmul(a, b.transpose(0, 2, 1))
        if right <= 2 * _KRON_MAX_RIGHT:
            # N' = Tr over rows of |phi><lam| on 2*right amplitudes, then trace out the right block.
            a, b = phi.reshape(B, -1, 2 * right), lam_c.reshape(B, -1, 2 * right)
            big = np.matmul(a.transpose(0, 2, 1), b)                     # (B, 2R, 2R)
            return np.einsum("birjr->bij", big.reshape(B, 2, right, 2, right))
        a, b = phi.reshape(B, left, 2, right), lam_c.reshape(B, left, 2, right)
        return np.matmul(a, b.transpose(0, 1, 3, 2)).sum(axis=1)
    k = len(wires)
    idx, axes = _control_index(n, controls), _target_axes(wires, controls)

    def flat(v):
        sub = np.moveaxis(v.reshape((B,) + (2,) * n)[idx], axes, range(1, k + 1))
        return sub.reshape(B, 2 ** k, -1)                                  # (B, d, rest)

    return np.matmul(flat(phi), flat(lam_c).transpose(0, 2, 1))


# --------------------------------------------------------------------------- public gate application
def apply_gate(states, gate: str, wires, *angles, controls=()) -> np.ndarray:
    """Apply a named gate to one state or a batch; angles may differ per sample.

    Parameters
    ----------
    states : array-like of shape (2**n_qubits,) or (n_samples, 2**n_qubits)
    gate : str
        A name from ``qmlkit.gates.GATES`` (case-insensitive), or ``"CNOT"``,
        ``"CZ"``, ``"CRX"``, ``"CRY"``, ``"CRZ"`` with the control as the first wire.
    wires : int or sequence of int
        Target wires.
    *angles : float or array-like of shape (n_samples,)
        One value per angle of the gate; an array gives each sample its own angle.
    controls : sequence of int
        Control wires: the gate acts where all of them are 1.

    Returns
    -------
    ndarray of the same shape as ``states``.

    >>> psi = apply_gate(zero_state(1, n_samples=2), "RY", 0, [0.0, np.pi])
    >>> np.round(np.abs(psi) ** 2, 6)
    array([[1., 0.],
           [0., 1.]])
    """
    name, wires, controls = _checks.gate_call(gate, wires, controls)
    g = GATES[name]
    psi, single = _checks.states(states)
    n = _checks.state_dim(psi.shape[1])
    _checks.wires(list(wires) + list(controls), n, expected=g.n_wires + len(controls),
                  what=f"gate {gate!r}")
    a = _checks.gate_angles(angles, g.n_angles, psi.shape[0], gate)
    u = g.matrix(a)
    if a.ndim == 1:
        u = np.ascontiguousarray(u)
    out = _apply_matrix(psi, u, list(wires), list(controls), n)
    return out[0] if single else out


def apply_unitary(states, matrix, wires) -> np.ndarray:
    """Apply a user-given unitary on ``len(wires)`` wires (first wire = most significant).

    >>> swap = np.eye(4)[[0, 2, 1, 3]]
    >>> np.flatnonzero(apply_unitary(basis_state([1, 0]), swap, [0, 1]))   # |10> -> |01>
    array([1])
    """
    psi, single = _checks.states(states)
    n = _checks.state_dim(psi.shape[1])
    wires = _checks.wire_list(wires)
    _checks.wires(wires, n, what="unitary")
    u = _checks.unitary(matrix, len(wires))
    out = _apply_matrix(psi, u, wires, [], n)
    return out[0] if single else out


# --------------------------------------------------------------------------- measurement
def probabilities(states) -> np.ndarray:
    """Born-rule probabilities |amplitude|**2, same leading shape as ``states``.

    >>> probabilities(np.array([1, 1j]) / np.sqrt(2))
    array([0.5, 0.5])
    """
    psi = np.asarray(states)
    _checks.state_dim(psi.shape[-1])
    return psi.real ** 2 + psi.imag ** 2


def marginal_probabilities(states, wires) -> np.ndarray:
    """Probabilities of the outcomes of ``wires`` only, in the order given.

    Returns ``(2**len(wires),)`` for one state, ``(n_samples, 2**len(wires))``
    for a batch; ``wires[0]`` is the most significant bit of the outcome index.

    >>> psi = basis_state([0, 1, 1])
    >>> marginal_probabilities(psi, [2, 0])        # outcome |q2 q0> = |10> is index 2
    array([0., 0., 1., 0.])
    """
    p = probabilities(states)
    n = _checks.state_dim(p.shape[-1])
    wires = _checks.wire_list(wires)
    _checks.wires(wires, n, what="marginal_probabilities")
    lead = p.shape[:-1]
    t = p.reshape(lead + (2,) * n)
    off = len(lead)
    rest = tuple(off + w for w in range(n) if w not in wires)
    t = t.sum(axis=rest)                                            # wires left in ascending order
    kept = sorted(wires)
    t = np.transpose(t, tuple(range(off)) + tuple(off + kept.index(w) for w in wires))
    return t.reshape(lead + (2 ** len(wires),))


def sample_counts(states, shots: int, random_state=None) -> np.ndarray:
    """Measure every wire ``shots`` times: counts per basis state (exact multinomial draws).

    Returns integers of the same shape as ``states``; each row sums to ``shots``.

    >>> counts = sample_counts(np.array([1, 1]) / np.sqrt(2), shots=1000, random_state=0)
    >>> int(counts.sum()), bool(400 < counts[0] < 600)
    (1000, True)
    """
    shots = _checks.shots(shots)
    rng = np.random.default_rng(random_state)
    psi, single = _checks.states(states)
    _checks.normalised_rows(psi, "sample_counts")
    p = probabilities(psi)
    counts = rng.multinomial(shots, p / p.sum(axis=-1, keepdims=True))
    return counts[0] if single else counts


def bloch_vector(states, wire: int = 0) -> np.ndarray:
    """The Bloch vector (⟨X⟩, ⟨Y⟩, ⟨Z⟩) of one wire; length 1 for a pure, unentangled qubit.

    For an entangled wire the vector is shorter: its length is √(2·purity − 1)
    of the wire's reduced state. Returns ``(3,)`` for one state, ``(n_samples, 3)``
    for a batch.

    >>> bloch_vector(np.array([1, 1]) / np.sqrt(2))          # |+> points along +x
    array([1., 0., 0.])
    >>> np.round(bloch_vector(np.array([1, 0, 0, 1]) / np.sqrt(2), wire=1), 12)  # Bell: centre
    array([0., 0., 0.])
    """
    psi, single = _checks.states(states)
    n = _checks.state_dim(psi.shape[1])
    _checks.wires([wire], n, what="bloch_vector")
    rho = _transition(psi, psi.conj(), [wire], [], n)            # (B, 2, 2) reduced density matrix
    out = np.stack([2 * rho[:, 1, 0].real, 2 * rho[:, 1, 0].imag,
                    (rho[:, 0, 0] - rho[:, 1, 1]).real], axis=-1) + 0.0
    return out[0] if single else out
