"""Barren-plateau experiments: gradients of many random circuits, computed as one batch.

The experiment of McClean et al. 2018 (Nat. Commun. 9, 4812; arXiv:1803.11173):
RY(π/4) on every qubit, then L layers of a rotation about a random axis (X, Y
or Z) by a uniform random angle on every qubit, each followed by the CZ ladder
CZ(0,1), CZ(1,2), …; the cost is ⟨Z0 Z1⟩ (or the global and local costs of
`qmlkit.trainability`), and the quantity of interest is the variance, over random
circuits, of ∂C/∂θ for the first rotation on qubit 0.

Every circuit of the batch has its own gates, so the experiment runs on the
state kernels directly rather than through one `Circuit`: all circuits advance
together, gate by gate, one (n_circuits, 2, 2) matrix stack per gate. A circuit
of depth L contains those of every smaller depth as its first layers, so one run
records the gradient after every layer it is asked for.

>>> axes, angles = sample_mcclean_circuits(4, 10, 50, random_state=0)
>>> g = mcclean_gradients(axes, angles)
>>> g.shape
(50,)
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from . import _checks
from ._blas import one_blas_thread
from .gates import PAULI
from .observables import Observable, Z
from .state import _apply_1q
from .trainability import COSTS, bootstrap_variance, cost_observable

__all__ = ["sample_mcclean_circuits", "mcclean_gradients", "mcclean_gradients_at_depths", "mcclean_costs",
           "landscape_slice", "VarianceTable", "mcclean_experiment"]

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


@functools.lru_cache(maxsize=32)
def _cz_ladder(n, copies=2):
    """The CZ ladder's diagonal, repeated for a leading value/tangent wire: ``(copies * 2**n,)``."""
    idx = np.arange(2 ** n)
    bits = (idx[:, None] >> (n - 1 - np.arange(n))) & 1            # (2**n, n)
    d = 1.0 - 2.0 * ((bits[:, :-1] & bits[:, 1:]).sum(axis=1) % 2)
    out = np.tile(d, copies).astype(complex)
    out.setflags(write=False)
    return out


# ---------------------------------------------------------------------- the kernel
def _validated(axes, angles):
    axes = np.asarray(axes)
    angles = _checks.finite(np.asarray(angles, dtype=float), "angles")
    if axes.ndim != 3 or axes.shape != angles.shape:
        raise ValueError("axes and angles must both have shape (n_circuits, n_layers, n_qubits), "
                         f"got {axes.shape} and {angles.shape}")
    if axes.size and not np.isin(axes, (0, 1, 2)).all():
        raise ValueError("axes must be 0, 1 or 2 (X, Y, Z)")
    return axes, angles


def _run(axes, angles, observables, depths, tangent):
    """The kernel over memory-bounded chunks: ``(n_observables, len(depths), n_circuits)``."""
    C, L, n = axes.shape
    chunk = max(1, _CHUNK_AMPLITUDES // 2 ** (n + tangent))
    with one_blas_thread():
        parts = [_chunk(axes[i:i + chunk], angles[i:i + chunk], observables, depths, tangent)
                 for i in range(0, C, chunk)]
    return np.concatenate(parts, axis=-1)


def _chunk(axes, angles, observables, depths, tangent):
    """Values (``tangent=False``) or ∂/∂angles[:, 0, 0] of each observable after each depth.

    Forward-mode differentiation: the state and its tangent run together as one extra
    leading wire, so a gradient costs two forward passes for the whole batch.
    """
    C, L, n = axes.shape
    lead = int(tangent)                                                     # 1: value|tangent wire
    ladder = _cz_ladder(n, 2 ** lead)
    # First layer, fused with RY(π/4): a product state (and its tangent on wire 0).
    ry = np.array([[np.cos(np.pi / 8), -np.sin(np.pi / 8)], [np.sin(np.pi / 8), np.cos(np.pi / 8)]])
    qubits = (_rotations(axes[:, 0], angles[:, 0]) @ ry)[..., 0]           # (C, n, 2): G RY |0>
    firsts = [qubits[:, 0]]
    if tangent:
        firsts.append(((-0.5j * _PAULIS[axes[:, 0, 0]]) @ qubits[:, 0, :, None])[..., 0])
    psi = np.empty((C, len(firsts)) + (2,) * n, dtype=complex)              # (C, value|tangent, 2, ..., 2)
    for k, q0 in enumerate(firsts):
        v = q0
        for q in range(1, n):
            v = (v[:, :, None] * qubits[:, q, None, :]).reshape(C, -1)       # (C, 2**(q+1))
        psi[:, k] = v.reshape((C,) + (2,) * n)
    psi = psi.reshape(C, -1) * ladder                                       # (C, 2**(n+lead))
    out = np.empty((len(observables), len(depths), C))
    for l in range(1, L + 1):
        if l > 1:
            mats = _rotations(axes[:, l - 1], angles[:, l - 1])              # (C, n, 2, 2)
            for q in range(n):
                psi = _apply_1q(psi, np.ascontiguousarray(mats[:, q]), q + lead, n + lead)
            psi *= ladder
        for k in np.flatnonzero(depths == l):
            out[:, k] = _measure(psi.reshape(C, 1 + lead, -1), observables)
    return out


def _measure(psi, observables):
    """⟨O⟩ of the value part, or 2 Re⟨O value|tangent⟩ when ``psi`` carries a tangent: (n_obs, C)."""
    value = psi[:, 0]
    if psi.shape[1] == 1:
        return np.stack([o.expval(value) for o in observables])
    return np.stack([2.0 * np.einsum("bk,bk->b", o.apply(value).conj(), psi[:, 1]).real
                     for o in observables])


# ---------------------------------------------------------------------- public kernels
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
    axes, angles = _validated(axes, angles)
    obs = Z(0) @ Z(1) if observable is None else observable
    return _run(axes, angles, [obs], np.array([axes.shape[1]]), True)[0, 0]


def _depths(depths, L):
    d = np.asarray(depths)
    if d.ndim != 1 or d.size == 0 or not np.issubdtype(d.dtype, np.integer) or d.min() < 1 or d.max() > L:
        raise ValueError(f"depths must be a 1-D list of integers from 1 to n_layers={L}, got {depths!r}")
    return d


def mcclean_gradients_at_depths(axes, angles, depths, observables) -> np.ndarray:
    """∂C/∂angles[:, 0, 0] of the circuits cut after each of ``depths`` layers, for each observable.

    The circuit of depth l is the first l layers of the given one, so one forward run
    records them all; the depths share their first layers (their gradients are correlated).

    Parameters
    ----------
    axes, angles : array-like of shape (n_circuits, n_layers, n_qubits)
    depths : sequence of int in 1 … n_layers
    observables : sequence of Observable

    Returns
    -------
    ndarray of shape (len(observables), len(depths), n_circuits)

    >>> axes, angles = sample_mcclean_circuits(3, 8, 5, random_state=1)
    >>> g = mcclean_gradients_at_depths(axes, angles, [2, 8], [Z(0) @ Z(1)])
    >>> bool(np.allclose(g[0, 1], mcclean_gradients(axes, angles)))
    True
    """
    axes, angles = _validated(axes, angles)
    return _run(axes, angles, list(observables), _depths(depths, axes.shape[1]), True)


def mcclean_costs(axes, angles, observable: Observable | None = None) -> np.ndarray:
    """The cost ⟨observable⟩ (default Z0 Z1) of every circuit: ``(n_circuits,)``."""
    axes, angles = _validated(axes, angles)
    obs = Z(0) @ Z(1) if observable is None else observable
    return _run(axes, angles, [obs], np.array([axes.shape[1]]), False)[0, 0]


def landscape_slice(axes, angles, first=(0, 0), second=(0, 1), n_grid: int = 41,
                    observable: Observable | None = None):
    """The cost of one McClean circuit as two of its angles sweep [0, 2π), in one batched run.

    Parameters
    ----------
    axes, angles : array-like of shape (n_layers, n_qubits)
        One circuit.
    first, second : (layer, qubit)
        The two angles that vary; all the others keep their values.
    n_grid : int
        Points per angle: ``2π k / n_grid``, k = 0 … n_grid − 1.

    Returns
    -------
    grid : ndarray of shape (n_grid,)
    costs : ndarray of shape (n_grid, n_grid)
        ``costs[i, j]`` has ``first`` at ``grid[i]`` and ``second`` at ``grid[j]``.
    """
    G = _checks.positive_int(n_grid, "n_grid")
    axes, angles = _validated(np.asarray(axes)[None], np.asarray(angles, dtype=float)[None])
    (l1, q1), (l2, q2) = first, second
    if (l1, q1) == (l2, q2):
        raise ValueError(f"first and second must be different angles, got {first} twice")
    grid = 2 * np.pi * np.arange(G) / G
    batch = np.repeat(angles, G * G, axis=0)                               # (G*G, L, n)
    batch[:, l1, q1] = np.repeat(grid, G)
    batch[:, l2, q2] = np.tile(grid, G)
    costs = mcclean_costs(np.broadcast_to(axes, batch.shape), batch, observable)
    return grid, costs.reshape(G, G)


# ---------------------------------------------------------------------- the experiment
@dataclass
class VarianceTable:
    """Var[∂C/∂θ] of McClean circuits for each cost, qubit count and depth.

    ``variance[cost][i, j]`` is the population variance (``ddof=0``) over ``n_circuits``
    circuits of n = ``n_qubits[i]`` and depth ``depths[j]``; ``error`` holds its bootstrap
    standard error; ``gradients[cost]`` the samples, shape (len(n_qubits), len(depths), n_circuits).
    """

    n_qubits: np.ndarray
    depths: np.ndarray
    n_circuits: int
    variance: dict = field(default_factory=dict)
    error: dict = field(default_factory=dict)
    gradients: dict = field(default_factory=dict)


def mcclean_experiment(n_qubits=(2, 4, 6, 8), depths=(50,), n_circuits: int = 200, costs=("zz", "global"),
                       n_boot: int = 500, random_state: int = 0) -> VarianceTable:
    """McClean's experiment: the variance of ∂C/∂θ over random circuits, for every n and depth.

    For each n, ``n_circuits`` circuits of depth ``max(depths)`` are drawn from
    ``default_rng([random_state, n])`` (so a qubit count always sees the same circuits) and
    run once as one batch, recording every depth and cost.

    Parameters
    ----------
    n_qubits, depths : sequences of int
    n_circuits : int
    costs : sequence of {"zz", "global", "local"}
    n_boot : int
        Bootstrap replicates for the error bars.

    >>> t = mcclean_experiment([2, 3], [1, 4], n_circuits=20, costs=["zz"])
    >>> t.variance["zz"].shape, t.gradients["zz"].shape
    ((2, 2), (2, 2, 20))
    """
    ns = np.asarray(n_qubits)
    ds = _depths(depths, int(np.max(depths)))
    C = _checks.positive_int(n_circuits, "n_circuits")
    if ns.ndim != 1 or ns.size == 0 or any(c not in COSTS for c in costs):
        raise ValueError(f"n_qubits must be a non-empty list and costs a list of {COSTS}, got "
                         f"{n_qubits!r} and {costs!r}")
    table = VarianceTable(ns, ds, C)
    grads = np.empty((len(costs), ns.size, ds.size, C))
    for i, n in enumerate(ns):
        axes, angles = sample_mcclean_circuits(int(n), int(ds.max()), C, [random_state, int(n)])
        obs = [cost_observable(c, int(n)) for c in costs]
        grads[:, i] = _run(axes, angles, obs, ds, True)
    var, err = bootstrap_variance(grads, n_boot, random_state)
    for k, c in enumerate(costs):
        table.variance[c], table.error[c], table.gradients[c] = var[k], err[k], grads[k]
    return table


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
