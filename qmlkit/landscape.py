"""Barren-plateau experiments: gradients of many random circuits, computed as one batch.

The experiment of McClean et al. 2018 (Nat. Commun. 9, 4812; arXiv:1803.11173):
RY(π/4) on every qubit, then L layers of a rotation about a random axis (X, Y
or Z) by a uniform random angle on every qubit, each followed by the CZ ladder
CZ(0,1), CZ(1,2), …; the cost is ⟨Z0 Z1⟩, and the quantity of interest is the
variance, over random circuits, of ∂C/∂θ for the first rotation on qubit 0.

Every circuit of the batch has its own gates, so the experiment runs on the
state kernels directly rather than through one `Circuit`: all circuits advance
together, gate by gate, one (n_circuits, 2, 2) matrix stack per gate.

>>> axes, angles = sample_mcclean_circuits(4, 10, 50, random_state=0)
>>> g = mcclean_gradients(axes, angles)
>>> g.shape
(50,)
"""
from __future__ import annotations

import numpy as np

from . import _checks
from .gates import PAULI
from .observables import Observable, Z
from .state import _apply_1q

__all__ = ["sample_mcclean_circuits", "mcclean_gradients"]

_PAULIS = np.stack([PAULI["X"], PAULI["Y"], PAULI["Z"]])        # axis 0, 1, 2 = X, Y, Z
_CHUNK_AMPLITUDES = 2 ** 17                                      # keeps a chunk's state in L2 (2 MB)


def sample_mcclean_circuits(n_qubits: int, n_layers: int, n_circuits: int, random_state=None):
    """Random axes and angles for ``n_circuits`` McClean circuits.

    For each circuit in turn: ``axes = rng.integers(0, 3, (n_layers, n_qubits))``,
    then ``angles = rng.uniform(0, 2π, (n_layers, n_qubits))``; so a smaller run
    sees a prefix of the same circuits.

    Returns
    -------
    axes : ndarray of int, shape (n_circuits, n_layers, n_qubits)
        0, 1, 2 for a rotation about X, Y, Z.
    angles : ndarray of shape (n_circuits, n_layers, n_qubits)
    """
    n = _checks.n_qubits(n_qubits)
    L = _checks.positive_int(n_layers, "n_layers")
    C = _checks.positive_int(n_circuits, "n_circuits")
    rng = np.random.default_rng(random_state)
    axes = np.empty((C, L, n), dtype=np.int64)
    angles = np.empty((C, L, n))
    for k in range(C):
        axes[k] = rng.integers(0, 3, size=(L, n))
        angles[k] = rng.uniform(0.0, 2 * np.pi, size=(L, n))
    return axes, angles


def _rotations(axes, angles):
    """R_P(θ) = cos(θ/2) I − i sin(θ/2) P for arrays of axes and angles: ``axes.shape + (2, 2)``."""
    h = 0.5 * angles[..., None, None]
    return np.cos(h) * PAULI["I"] - 1j * np.sin(h) * _PAULIS[axes]


def _cz_ladder(n):
    """The CZ ladder's diagonal, with a leading wire for the value/tangent pair: ``(2**(n+1),)``."""
    idx = np.arange(2 ** n)
    bits = (idx[:, None] >> (n - 1 - np.arange(n))) & 1            # (2**n, n)
    d = 1.0 - 2.0 * ((bits[:, :-1] & bits[:, 1:]).sum(axis=1) % 2)
    return np.tile(d, 2).astype(complex)


def mcclean_gradients(axes, angles, observable: Observable | None = None) -> np.ndarray:
    """∂C/∂angles[:, 0, 0] for every circuit, ``C = ⟨observable⟩`` (default Z0 Z1).

    Forward-mode differentiation: the state and its tangent run together as
    one extra leading wire, so the cost is two forward passes for the whole
    batch, whatever its size.

    Parameters
    ----------
    axes : array-like of int, shape (n_circuits, n_layers, n_qubits)
    angles : array-like, shape (n_circuits, n_layers, n_qubits)
    observable : Observable, optional

    Returns
    -------
    ndarray of shape (n_circuits,)
    """
    axes = np.asarray(axes)
    angles = _checks.finite(np.asarray(angles, dtype=float), "angles")
    if axes.ndim != 3 or axes.shape != angles.shape:
        raise ValueError("axes and angles must both have shape (n_circuits, n_layers, n_qubits), "
                         f"got {axes.shape} and {angles.shape}")
    if axes.size and not np.isin(axes, (0, 1, 2)).all():
        raise ValueError("axes must be 0, 1 or 2 (X, Y, Z)")
    C, L, n = axes.shape
    obs = Z(0) @ Z(1) if observable is None else observable
    chunk = max(1, _CHUNK_AMPLITUDES // 2 ** (n + 1))
    return np.concatenate([_gradients_chunk(axes[i:i + chunk], angles[i:i + chunk], obs)
                           for i in range(0, C, chunk)])


def _gradients_chunk(axes, angles, obs):
    C, L, n = axes.shape
    ladder = _cz_ladder(n)
    # First layer, fused with RY(π/4): a product state, and its tangent on wire 0.
    ry = np.array([[np.cos(np.pi / 8), -np.sin(np.pi / 8)], [np.sin(np.pi / 8), np.cos(np.pi / 8)]])
    first = _rotations(axes[:, 0], angles[:, 0]) @ ry                      # (C, n, 2, 2)
    qubits = first[..., 0]                                                  # (C, n, 2): G RY |0>
    tangent0 = (-0.5j * _PAULIS[axes[:, 0, 0]]) @ qubits[:, 0, :, None]     # (C, 2, 1)
    psi = np.empty((C, 2) + (2,) * n, dtype=complex)                        # (C, value|tangent, 2, ..., 2)
    for k, q0 in enumerate((qubits[:, 0], tangent0[..., 0])):
        v = q0
        for q in range(1, n):
            v = (v[:, :, None] * qubits[:, q, None, :]).reshape(C, -1)       # (C, 2**(q+1))
        psi[:, k] = v.reshape((C,) + (2,) * n)
    psi = psi.reshape(C, -1) * ladder                                       # (C, 2**(n+1))
    for l in range(1, L):
        mats = _rotations(axes[:, l], angles[:, l])                          # (C, n, 2, 2)
        for q in range(n):
            psi = _apply_1q(psi, np.ascontiguousarray(mats[:, q]), q + 1, n + 1)
        psi *= ladder
    value, tangent = psi.reshape(C, 2, -1)[:, 0], psi.reshape(C, 2, -1)[:, 1]
    lam = obs.apply(value)                                                  # O|psi>
    return 2.0 * np.einsum("bk,bk->b", lam.conj(), tangent).real


# ---------------------------------------------------------------------- Fourier spectra
def fourier_spectrum(f_values):
    """Fourier coefficients c_ω of a 2π-periodic function from its values on a uniform grid.

    With ``N`` samples ``f(2πk/N)``, k = 0…N−1, of ``f(x) = Σ_ω c_ω e^{iωx}``, the
    coefficients for |ω| < N/2 are exact whenever f has no frequency of N/2 or more
    (take N odd and larger than twice the highest frequency). A model with L Pauli-
    rotation encodings of x has frequencies −L…L (Schuld, Sweke & Meyer 2021,
    arXiv:2008.08605), so N = 2L + 1 samples suffice.

    Parameters
    ----------
    f_values : array-like of shape (..., N)
        Samples along the last axis; leading axes (e.g. one per model) are kept.

    Returns
    -------
    frequencies : ndarray of int, shape (N,)
        From −⌊N/2⌋ upwards, in increasing order.
    coefficients : ndarray of complex, shape (..., N)
        c_ω for each frequency; c_{−ω} is the conjugate of c_ω for a real f.

    >>> x = 2 * np.pi * np.arange(5) / 5
    >>> w, c = fourier_spectrum(0.5 + np.cos(x))        # cos x = (e^{ix} + e^{−ix}) / 2
    >>> w
    array([-2, -1,  0,  1,  2])
    >>> np.round(c.real, 6) + 0.0
    array([0. , 0.5, 0.5, 0.5, 0. ])
    """
    f = np.asarray(f_values)
    if not np.issubdtype(f.dtype, np.number) or f.ndim == 0 or f.shape[-1] == 0:
        raise ValueError(f"f_values must be numbers of shape (..., N) with N >= 1, got shape "
                         f"{f.shape} of dtype {f.dtype}")
    _checks.finite(f, "f_values")
    n = f.shape[-1]
    coefficients = np.fft.fftshift(np.fft.fft(f, axis=-1) / n, axes=-1)   # (..., N), ω ascending
    frequencies = np.fft.fftshift(np.fft.fftfreq(n, d=1.0 / n)).round().astype(int)
    return frequencies, coefficients


__all__ += ["fourier_spectrum"]
