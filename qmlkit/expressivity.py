"""How expressive and how entangling a parametrised circuit is: expressibility, entangling capability, size.

Both measures of Sim, Johnson & Aspuru-Guzik (2019, Adv. Quantum Technol. 2, 1900070;
arXiv:1905.10876) sample the circuit's parameters uniformly from [0, 2π):

* *expressibility* compares the distribution of fidelities F = |⟨ψ(θ)|ψ(φ)⟩|² between the
  states of random parameter pairs with the one of Haar-random states,
  P_Haar(F) = (N − 1)(1 − F)^(N−2) for N = 2**n_qubits, by the Kullback–Leibler divergence
  of their histograms (75 bins). Small means expressive: the circuit covers the state space
  as uniformly as random states do. A circuit that always makes the same state has every
  fidelity 1, in the last bin, and KL = (N − 1)·ln 75, the largest possible value.
* *entangling capability* is the mean Meyer–Wallach measure Q of the states it makes
  (Meyer & Wallach 2002, J. Math. Phys. 43, 4273; arXiv:quant-ph/0108104):
  Q = 2(1 − (1/n) Σ_k Tr ρ_k²), 0 for product states, 1 for GHZ states.

All random states of a run come from one batched simulation: the parameters become
per-sample data features, so the simulator runs every parameter set at once.

>>> import qmlkit as qk
>>> idle = qk.Circuit(1)
>>> bool(np.isclose(expressibility(idle, n_pairs=100, random_state=0), np.log(75)))
True
>>> round(meyer_wallach(np.array([1, 0, 0, 1]) / np.sqrt(2)), 12)      # a Bell state
1.0
"""
from __future__ import annotations

import numpy as np

from . import _checks
from .circuit import Circuit
from .state import _transition

__all__ = ["sample_params", "parameter_states", "fidelities", "haar_bin_probabilities",
           "kl_to_haar", "expressibility", "meyer_wallach", "entangling_capability", "summary"]

_CHUNK_AMPLITUDES = 2 ** 21          # 32 MB of complex128 per simulated chunk


def sample_params(circuit: Circuit, n_samples: int, random_state=None) -> np.ndarray:
    """Parameter sets drawn uniformly from [0, 2π): ``(n_samples, circuit.n_params)``.

    >>> from qmlkit import Param
    >>> sample_params(Circuit(1).ry(Param(0), 0), 3, random_state=0).shape
    (3, 1)
    """
    rng = np.random.default_rng(random_state)
    m = _checks.positive_int(n_samples, "n_samples")
    return rng.uniform(0.0, 2 * np.pi, size=(m, _circuit(circuit).n_params))


def parameter_states(circuit: Circuit, thetas, x=None) -> np.ndarray:
    """The state for every parameter set, in one batched run: ``(n_sets, 2**n_qubits)``.

    Parameters
    ----------
    circuit : Circuit
    thetas : array-like of shape (n_sets, circuit.n_params)
    x : array-like of shape (circuit.n_features,), optional
        The data features, the same for every set (needed when the circuit reads data).

    >>> from qmlkit import Param
    >>> psi = parameter_states(Circuit(1).ry(Param(0), 0), [[0.0], [np.pi]])
    >>> np.round(psi.real, 12) + 0.0
    array([[1., 0.],
           [0., 1.]])
    """
    c = _circuit(circuit)
    th = np.asarray(thetas, dtype=float)
    if th.ndim != 2 or th.shape[1] != c.n_params:
        raise ValueError(f"thetas must have shape (n_sets, {c.n_params}) for this circuit, got {th.shape}")
    _checks.finite(th, "thetas")
    if c.n_features and x is None:
        raise ValueError(f"this circuit reads {c.n_features} data feature(s); pass x to fix them")
    sub = c.params_as_features(x)
    if c.n_params == 0:                          # nothing varies: one run, repeated
        return np.repeat(sub.states()[None, :], th.shape[0], axis=0)
    chunk = max(1, _CHUNK_AMPLITUDES // 2 ** c.n_qubits)
    return np.concatenate([sub.states(X=th[i:i + chunk]) for i in range(0, th.shape[0], chunk)])


def fidelities(circuit: Circuit, n_pairs: int = 5000, random_state=None, x=None) -> np.ndarray:
    """F = |⟨ψ(θ)|ψ(φ)⟩|² for ``n_pairs`` random pairs (θ, φ): ``(n_pairs,)``, clipped to [0, 1].

    The parameters are ``sample_params(circuit, 2 * n_pairs, random_state)``: θ are the first
    ``n_pairs`` rows, φ the others.
    """
    m = _checks.positive_int(n_pairs, "n_pairs")
    psi = parameter_states(circuit, sample_params(circuit, 2 * m, random_state), x)
    return _pair_fidelities(psi[:m], psi[m:])


def _pair_fidelities(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    overlap = np.einsum("bi,bi->b", a.conj(), b)                     # (n_pairs,)
    return np.clip(overlap.real ** 2 + overlap.imag ** 2, 0.0, 1.0)


def haar_bin_probabilities(n_qubits: int, n_bins: int = 75, log: bool = False) -> np.ndarray:
    """The probability that two Haar-random states have a fidelity in each of ``n_bins`` equal
    bins of [0, 1]: ∫ P_Haar = (1 − a)^(N−1) − (1 − b)^(N−1) over the bin [a, b].

    With ``log=True`` the logarithms, computed without underflow (the last bins of a large
    register have probabilities far below the smallest float).

    >>> haar_bin_probabilities(1, 4)                 # one qubit: fidelities are uniform
    array([0.25, 0.25, 0.25, 0.25])
    """
    N = 2 ** _checks.n_qubits(n_qubits)
    k = _checks.positive_int(n_bins, "n_bins")
    lo = np.arange(k) / k
    hi = np.arange(1, k + 1) / k
    # log[(1-a)^(N-1) (1 - ((1-b)/(1-a))^(N-1))]
    out = (N - 1) * np.log1p(-lo) + np.log1p(-(((1 - hi) / (1 - lo)) ** (N - 1)))
    return out if log else np.exp(out)


def expressibility(circuit: Circuit, n_pairs: int = 5000, n_bins: int = 75, random_state=None,
                   x=None) -> float:
    """KL(P_circuit ‖ P_Haar) between the fidelity histograms of the circuit and of Haar states.

    0 for a circuit as expressive as Haar-random states, (2**n − 1)·ln(n_bins) for one that
    always makes the same state. From a finite sample the estimate is biased upwards by about
    (number of occupied bins − 1)/(2·n_pairs): at most 0.007 for 75 bins and 5000 pairs, less
    when the fidelities crowd into few bins (as Haar's do on many qubits).

    Returns
    -------
    float
    """
    c = _circuit(circuit)
    k = _checks.positive_int(n_bins, "n_bins")
    return kl_to_haar(fidelities(c, n_pairs, random_state, x), c.n_qubits, k)


def kl_to_haar(F, n_qubits: int, n_bins: int = 75) -> float:
    """KL(P ‖ P_Haar) for the histogram P of fidelities ``F`` in ``n_bins`` equal bins of [0, 1]
    (F = 1 counts in the last bin), against Haar-random states of ``n_qubits`` qubits.

    Use it to see the floor of the estimate: fidelities of truly Haar-random pairs give a small
    positive value, about (number of occupied bins − 1)/(2·len(F)).

    >>> round(kl_to_haar(np.ones(10), 1), 4), round(float(np.log(75)), 4)    # all F = 1, one qubit
    (4.3175, 4.3175)
    """
    F = np.asarray(F, dtype=float)
    n_bins = _checks.positive_int(n_bins, "n_bins")
    if F.ndim != 1 or F.size == 0 or np.any(~np.isfinite(F)) or F.min() < 0 or F.max() > 1:
        raise ValueError(f"F must be a non-empty 1-D array of fidelities in [0, 1], got shape {F.shape}")
    counts = np.bincount(np.minimum((F * n_bins).astype(int), n_bins - 1), minlength=n_bins)
    p = counts / counts.sum()
    log_q = haar_bin_probabilities(n_qubits, n_bins, log=True)
    on = p > 0                                   # 0 · log 0 = 0
    return float(np.sum(p[on] * (np.log(p[on]) - log_q[on])))


def meyer_wallach(states):
    """Q = 2(1 − (1/n) Σ_k Tr ρ_k²), ρ_k the reduced state of wire k: a float for one state
    ``(2**n,)``, ``(n_samples,)`` for a batch. 0 for a single qubit.

    >>> round(meyer_wallach(np.kron([1, 0], [1, 1]) / np.sqrt(2)), 12)    # a product state
    0.0
    """
    psi, single = _checks.states(states)
    _checks.normalised_rows(psi, "meyer_wallach")
    psi = psi / np.linalg.norm(psi, axis=1, keepdims=True)
    n = _checks.state_dim(psi.shape[1])
    purity = sum(np.sum(np.abs(_transition(psi, psi.conj(), [k], [], n)) ** 2, axis=(1, 2)) for k in range(n))
    q = np.clip(2.0 * (1.0 - purity / n), 0.0, 1.0)
    return float(q[0]) if single else q


def entangling_capability(circuit: Circuit, n_samples: int = 2000, random_state=None, x=None) -> float:
    """The mean Meyer–Wallach measure of the circuit's states over random parameters."""
    th = sample_params(circuit, n_samples, random_state)
    return float(np.mean(meyer_wallach(parameter_states(circuit, th, x))))


def summary(circuit: Circuit, sample: bool = True, n_pairs: int = 5000, random_state=None,
            x=None) -> dict:
    """Size and, with ``sample``, expressibility and entangling capability of a circuit.

    Returns a dict with ``n_qubits``, ``n_params``, ``n_gates``, ``depth``, ``two_qubit_gates``
    and, when sampled, ``expressibility`` and ``entangling_capability``, both estimated from the
    same ``2 * n_pairs`` random states (θ from the first half, φ from the second).

    >>> from qmlkit.ansatz import hardware_efficient
    >>> summary(hardware_efficient(3, 2), sample=False)
    {'n_qubits': 3, 'n_params': 12, 'n_gates': 16, 'depth': 8, 'two_qubit_gates': 4}
    """
    c = _circuit(circuit)
    out = {"n_qubits": c.n_qubits, "n_params": c.n_params, "n_gates": len(c), "depth": c.depth(),
           "two_qubit_gates": c.count(2)}
    if sample:
        m = _checks.positive_int(n_pairs, "n_pairs")
        psi = parameter_states(c, sample_params(c, 2 * m, random_state), x)
        out["expressibility"] = kl_to_haar(_pair_fidelities(psi[:m], psi[m:]), c.n_qubits, 75)
        out["entangling_capability"] = float(np.mean(meyer_wallach(psi)))
    return out


def _circuit(c) -> Circuit:
    if not isinstance(c, Circuit):
        raise TypeError(f"expected a qmlkit Circuit, got {type(c).__name__}")
    return c
