"""What hardware does to a circuit, by sampling: depolarising errors after every gate and readout bit flips.

Each shot is one Monte-Carlo trajectory, and all trajectories of all samples run as one batch of
pure states. After every gate, with probability ``depolarising`` a uniformly random non-identity
Pauli string hits the gate's wires (targets and controls: 3 choices for a one-qubit gate, 15 for
a two-qubit gate). Averaged over trajectories this is the depolarising channel
ρ ↦ (1 − p)ρ + p/(4^k − 1) Σ_{P≠I} PρP on the k wires. Each trajectory is then measured once, and
every measured bit flips with probability ``readout_error``.

For one qubit the channel shrinks the Bloch vector by 1 − 4p/3 (X and Y errors flip ⟨Z⟩, Z
errors keep it: (1 − p) − p/3 = 1 − 4p/3), and it commutes with every gate, so after L gates
⟨Z⟩_noisy = (1 − 4p/3)^L ⟨Z⟩. A readout flip with probability q gives ⟨Z⟩ ↦ (1 − 2q)⟨Z⟩.

>>> from qmlkit.circuit import Circuit
>>> c = Circuit(1).x(0)
>>> sample_noisy(c, shots=1000, readout_error=0.1, random_state=0)   # |1⟩, read wrongly 10% of the time
array([121, 879])
"""
from __future__ import annotations

import numpy as np

from . import _checks
from .circuit import Circuit, Feature, Operation
from .state import apply_gate, zero_state

__all__ = ["sample_noisy"]

_PAULIS = ("I", "X", "Y", "Z")
_MAX_AMPLITUDES = 2 ** 22             # trajectories run in chunks of at most 64 MB of state


def _probability(p, name) -> float:
    if isinstance(p, bool) or not (isinstance(p, (int, float, np.floating)) and 0 <= p <= 1):
        raise ValueError(f"{name} must be a probability in [0, 1], got {p!r}")
    return float(p)


def sample_noisy(circuit: Circuit, shots: int, params=None, X=None, depolarising: float = 0.0,
                 readout_error: float = 0.0, random_state=None) -> np.ndarray:
    """Measurement counts of a noisy run, ``shots`` trajectories per sample.

    Parameters
    ----------
    circuit : Circuit
    shots : int
    params : array-like of shape (n_params,), optional
    X : array-like of shape (n_samples, n_features) or (n_features,), optional
    depolarising : float
        Probability p of a random Pauli error after each gate.
    readout_error : float
        Probability q that a measured bit is flipped.
    random_state : int or numpy Generator, optional

    Returns
    -------
    ndarray of int, shape (n_samples, 2**n_qubits) for a 2-D X, else (2**n_qubits,); qmlkit's
    order (wire 0 the most significant bit); every row sums to ``shots``.
    """
    if not isinstance(circuit, Circuit):
        raise TypeError(f"circuit must be a qmlkit Circuit, got {type(circuit).__name__}")
    shots = _checks.shots(shots)
    p, q = _probability(depolarising, "depolarising"), _probability(readout_error, "readout_error")
    rng = np.random.default_rng(random_state)
    n, d = circuit.n_qubits, 2 ** circuit.n_qubits
    x, single = _rows(X, circuit.n_features)
    theta = np.zeros(0) if params is None else np.asarray(params, dtype=float).ravel()
    if theta.size != circuit.n_params:
        raise ValueError(f"the circuit has {circuit.n_params} parameter(s); params has {theta.size}")
    steps = [_bound_step(op, theta, n) for op in circuit.ops] if p > 0 else None
    counts = np.zeros((len(x), d), dtype=np.int64)
    per_chunk = max(1, _MAX_AMPLITUDES // (shots * d))
    for start in range(0, len(x), per_chunk):
        xs = np.repeat(x[start:start + per_chunk], shots, axis=0)           # (samples·shots, n_features)
        if p == 0:
            psi = circuit.states(theta, xs) if circuit.n_features else \
                np.tile(circuit.states(theta), (len(xs), 1))
        else:
            psi = zero_state(n, len(xs))
            for op, sub, angle_of in steps:
                psi = sub.states(X=angle_of(xs), initial_state=psi) if sub.n_features else \
                    sub.states(initial_state=psi)
                psi = _pauli_errors(psi, list(op.controls) + list(op.wires), p, rng)
        outcome = _measure(psi, rng)
        if q > 0:
            bits = (outcome[:, None] >> (n - 1 - np.arange(n))) & 1              # (T, n)
            bits ^= (rng.random(bits.shape) < q).astype(bits.dtype)
            outcome = bits @ (1 << (n - 1 - np.arange(n)))
        sample = np.repeat(np.arange(len(xs) // shots), shots)
        counts[start:start + per_chunk] = np.bincount(sample * d + outcome, minlength=len(xs) // shots * d
                                                      ).reshape(-1, d)
    return counts[0] if single else counts


def _rows(X, n_features):
    """The samples as a 2-D array, and whether one sample (or none) was given."""
    if X is None:
        if n_features:
            raise ValueError(f"the circuit reads {n_features} feature(s): pass X")
        return np.zeros((1, 0)), True
    x = np.asarray(X, dtype=float)
    single = x.ndim == 1
    x = x[None] if single else x
    if x.ndim != 2 or x.shape[1] != n_features or len(x) == 0:
        raise ValueError(f"X must have shape (n_samples, {n_features}) or ({n_features},), got {np.shape(X)}")
    return _checks.finite(x, "X"), single


def _bound_step(op, theta, n):
    """(op, a one-gate circuit reading the op's angles as features, X ↦ those angles per row)."""
    sub = Circuit(n)
    sub.ops = [Operation(op.gate, op.wires, op.controls, tuple(Feature(k) for k in range(len(op.angles))),
                         op.matrix, op.adjoint)]

    def angle_of(xs):
        cols = [a.const + sum(c * theta[i] for i, c in a.params)
                + sum(c * xs[:, f] for f, c in a.features)
                + sum(c * theta[p] * xs[:, f] for (p, f), c in a.products) for a in op.angles]
        return np.column_stack([np.broadcast_to(v, (len(xs),)) for v in cols]) if cols else None

    return op, sub, angle_of


def _pauli_errors(psi, wires, p, rng):
    """With probability p per row, one uniformly random non-identity Pauli string on ``wires``."""
    k = len(wires)
    hit = rng.random(len(psi)) < p
    if not hit.any():
        return psi
    codes = np.zeros(len(psi), dtype=np.int64)
    codes[hit] = rng.integers(1, 4 ** k, size=int(hit.sum()))           # 0 (the identity) excluded
    out = psi.copy()
    for j, w in enumerate(wires):
        letter = (codes >> (2 * j)) & 3
        for code in (1, 2, 3):
            rows = np.flatnonzero(letter == code)
            if len(rows):
                out[rows] = apply_gate(out[rows], _PAULIS[code], [w])
    return out


def _measure(psi, rng):
    """One computational-basis outcome per row (inverse-CDF sampling)."""
    cdf = np.cumsum(psi.real ** 2 + psi.imag ** 2, axis=1)
    u = rng.random(len(psi)) * cdf[:, -1]
    return np.minimum((cdf < u[:, None]).sum(axis=1), psi.shape[1] - 1)
