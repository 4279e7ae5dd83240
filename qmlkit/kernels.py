"""Quantum kernels: fidelity Gram matrices from one batched simulation, alignment, concentration, and an SVM.

The fidelity kernel of an encoding x ↦ |φ(x)⟩ is k(x, x′) = |⟨φ(x)|φ(x′)⟩|², the inner product
Tr ρ(x)ρ(x′) of the encoded density matrices. A Gram matrix needs every encoded state once:
qmlkit simulates them as one batch Ψ (a row per sample) and takes K = |Ψ_A Ψ_B†|² entrywise.

>>> import qmlkit as qk
>>> X = np.array([[0.0, 0.0], [np.pi, 0.0], [0.5, 1.0]])
>>> K = fidelity_kernel(qk.encoding.angle_circuit(2), X)
>>> np.round(K, 4)                                     # RY(0)|0⟩ and RY(π)|0⟩ are orthogonal
array([[1.    , 0.    , 0.723 ],
       [0.    , 1.    , 0.0471],
       [0.723 , 0.0471, 1.    ]])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _checks
from .circuit import Circuit
from .encoding import FeatureMap, _X

__all__ = ["encode", "fidelity_kernel", "kernel_target_alignment", "off_diagonal",
           "kernel_concentration", "Concentration", "PrecomputedSVC"]


# ---------------------------------------------------------------------- encoded states
def encode(encoding, X, params=None) -> np.ndarray:
    """The encoded states of every row of X, from one batched simulation.

    Parameters
    ----------
    encoding : FeatureMap, Circuit reading ``Feature(i)``, or callable
        A callable takes X ``(n_samples, n_features)`` and returns states ``(n_samples, 2**n)``.
    X : array-like of shape (n_samples, n_features)
    params : array-like of shape (n_params,), optional
        The circuit's trainable parameters, if it has any (a trained embedding).

    Returns
    -------
    ndarray of shape (n_samples, 2**n_qubits), complex

    >>> encode(lambda X: np.eye(2)[X[:, 0].astype(int)], [[1.0], [0.0]]).real
    array([[0., 1.],
           [1., 0.]])
    """
    x = _X(X)
    if isinstance(encoding, FeatureMap):
        if params is not None:
            raise ValueError("a FeatureMap has no trainable parameters; pass params only with a Circuit")
        psi = encoding.states(x)
    elif isinstance(encoding, Circuit):
        if encoding.n_features != x.shape[1]:
            raise ValueError(f"the circuit reads {encoding.n_features} feature(s), X has {x.shape[1]} "
                             f"(shape {x.shape})")
        if encoding.n_params and params is None:
            raise ValueError(f"the circuit has {encoding.n_params} trainable parameter(s): pass params")
        psi = encoding.states(params, x)
    elif callable(encoding):
        psi = np.asarray(encoding(x), dtype=complex)
    else:
        raise TypeError(f"encoding must be a FeatureMap, a Circuit or a function X -> states, "
                        f"got {type(encoding).__name__}")
    if psi.ndim != 2 or psi.shape[0] != x.shape[0]:
        raise ValueError(f"the encoding must give one state per sample, shape ({x.shape[0]}, 2**n); "
                         f"got shape {psi.shape}")
    _checks.state_dim(psi.shape[1])
    norms = _checks.normalised_rows(psi, "the encoded states")
    if np.abs(norms - 1).max() > 1e-8:
        k = int(np.argmax(np.abs(norms - 1)))
        raise ValueError(f"the encoding must give normalised states; state {k} has norm {norms[k]:.6g}")
    return psi


def fidelity_kernel(encoding, X, Y=None, params=None) -> np.ndarray:
    """The fidelity kernel K[i, j] = |⟨φ(X[i])|φ(Y[j])⟩|² (Y defaults to X).

    All states, those of X and of Y together, come from one batched simulation; the Gram
    matrix is then one matrix product, K = |Ψ_X* Ψ_Yᵀ|² entrywise. K(X) is symmetric (made
    exactly so), positive semi-definite and has ones on its diagonal.

    Parameters
    ----------
    encoding : FeatureMap, Circuit or callable (see `encode`)
    X : array-like of shape (n_samples_X, n_features)
    Y : array-like of shape (n_samples_Y, n_features), optional
    params : array-like, optional
        Trainable parameters of a Circuit encoding.

    Returns
    -------
    ndarray of shape (n_samples_X, n_samples_Y), real, entries in [0, 1]
    """
    x = _X(X)
    if Y is None:
        psi = encode(encoding, x, params)
        K = np.abs(psi.conj() @ psi.T) ** 2                                 # (n_X, n_X)
        return (K + K.T) / 2
    y = _X(Y, "Y")
    if y.shape[1] != x.shape[1]:
        raise ValueError(f"X and Y must have the same number of features, got {x.shape[1]} and {y.shape[1]}")
    psi = encode(encoding, np.vstack([x, y]), params)                       # one simulation for both
    return np.abs(psi[: len(x)].conj() @ psi[len(x):].T) ** 2               # (n_X, n_Y)


# ---------------------------------------------------------------------- alignment
def _square(K, what="K") -> np.ndarray:
    k = np.asarray(K, dtype=float)
    if k.ndim != 2 or k.shape[0] != k.shape[1] or k.shape[0] == 0:
        raise ValueError(f"{what} must be a square matrix (n_samples, n_samples), got shape {k.shape}")
    return _checks.finite(k, what)


def _signs(y, n) -> np.ndarray:
    """Two classes as −1 (the smaller label) and +1 (the larger)."""
    y = np.asarray(y)
    if y.shape != (n,):
        raise ValueError(f"y must have shape ({n},) to match K, got shape {y.shape}")
    classes = np.unique(y)
    if len(classes) != 2:
        raise ValueError(f"kernel-target alignment needs exactly two classes, got {classes.tolist()}")
    return np.where(y == classes[1], 1.0, -1.0)


def kernel_target_alignment(K, y, centered: bool = False) -> float:
    """How well a kernel matrix matches the labels: the cosine between K and the ideal kernel yyᵀ.

    Uncentred (the default, Cristianini, Shawe-Taylor, Elisseeff & Kandola 2002):
    A = ⟨K, yyᵀ⟩_F / (‖K‖_F ‖yyᵀ‖_F) = yᵀKy / (n ‖K‖_F), with the two classes as y = ±1.
    Centred (Cortes, Mohri & Rostamizadeh 2012): the same with K and yyᵀ replaced by HKH and
    H yyᵀ H, H = I − 11ᵀ/n, which removes the constant part that every fidelity kernel shares.
    A lies in [−1, 1]; 1 means K is a positive multiple of yyᵀ.

    >>> y = np.array([0, 0, 1, 1])
    >>> kernel_target_alignment(np.outer(2 * y - 1, 2 * y - 1), y)
    1.0
    >>> round(kernel_target_alignment(np.ones((4, 4)), y), 12)     # blind to the labels
    0.0
    """
    k = _square(K)
    s = _signs(y, len(k))
    T = np.outer(s, s)
    if centered:
        H = np.eye(len(k)) - 1.0 / len(k)
        k, T = H @ k @ H, H @ T @ H
    norm = np.linalg.norm(k) * np.linalg.norm(T)
    if norm == 0:
        raise ValueError("the alignment is undefined for a zero (centred) kernel matrix")
    return float(np.sum(k * T) / norm)


# ---------------------------------------------------------------------- concentration
def off_diagonal(K) -> np.ndarray:
    """The values K[i, j] with i < j of a square matrix, ``(n(n−1)/2,)``.

    >>> off_diagonal(np.arange(9.0).reshape(3, 3))
    array([1., 2., 5.])
    """
    k = _square(K)
    return k[np.triu_indices(len(k), 1)]


@dataclass
class Concentration:
    """Kernel values between random data points, per number of qubits.

    Attributes
    ----------
    n_qubits : ndarray of int
    mean : ndarray, the mean off-diagonal kernel value per n
    variance : ndarray, the variance (not the standard deviation) of the off-diagonal values per n
    """

    n_qubits: np.ndarray
    mean: np.ndarray
    variance: np.ndarray


def kernel_concentration(encoding_for, n_qubits, n_samples: int = 40, data_range=(0.0, 2 * np.pi),
                         random_state=None) -> Concentration:
    """Exponential concentration of kernel values (Thanasilp, Wang, Cerezo & Holmes 2022,
    arXiv:2208.11060): how the off-diagonal values of K(X) bunch up as the qubits grow.

    For each n, ``encoding_for(n)`` is an encoding (see `encode`) of n features; X has
    ``n_samples`` rows drawn uniformly from ``data_range``; the mean and the variance (ddof=1)
    of the n_samples(n_samples − 1)/2 values K[i, j], i < j, are recorded.

    >>> import qmlkit as qk
    >>> c = kernel_concentration(lambda n: qk.encoding.zz_feature_map(n), [2, 4], random_state=0)
    >>> bool(c.variance[1] < c.variance[0])
    True
    """
    ns = np.array([_checks.n_qubits(int(n)) for n in np.atleast_1d(n_qubits)])
    rng = np.random.default_rng(random_state)
    lo, hi = data_range
    mean, var = np.empty(len(ns)), np.empty(len(ns))
    for k, n in enumerate(ns):
        enc = encoding_for(int(n))
        n_feat = enc.n_features if isinstance(enc, (FeatureMap, Circuit)) else int(n)
        X = rng.uniform(lo, hi, size=(_checks.positive_int(n_samples, "n_samples"), n_feat))
        values = off_diagonal(fidelity_kernel(enc, X))
        mean[k], var[k] = values.mean(), values.var(ddof=1)
    return Concentration(ns, mean, var)


# ---------------------------------------------------------------------- support-vector machine
class PrecomputedSVC:
    """A binary support-vector machine on a precomputed kernel, solved in numpy.

    The dual problem min ½αᵀQα − Σα, Q = (s sᵀ)∘K, subject to 0 ≤ α ≤ C and sᵀα = 0 (s = ±1
    labels) is solved by sequential minimal optimisation with second-order working-set selection,
    the algorithm of LIBSVM (Fan, Chen & Lin 2005), so the result agrees with scikit-learn's
    ``SVC(kernel="precomputed")``. The decision function is Σ_i α_i s_i K(x_i, x) + b.

    Parameters
    ----------
    C : float
        The box constraint (large C: hard margin).
    tol : float
        Stop when the largest violation of the optimality conditions is below ``tol``.
    max_iter : int

    Attributes
    ----------
    classes_ : ndarray of the two labels; the decision function is positive for ``classes_[1]``
    support_ : ndarray of int, indices of the support vectors (α > 0)
    dual_coef_ : ndarray of shape (1, n_support), α_i s_i of the support vectors
    intercept_ : ndarray of shape (1,), the bias b
    n_iter_ : int

    >>> K = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.2], [0.1, 0.2, 1.0]])
    >>> svm = PrecomputedSVC(C=10).fit(K, [0, 0, 1])
    >>> svm.predict(K).tolist(), svm.support_.tolist()
    ([0, 0, 1], [1, 2])
    """

    def __init__(self, C: float = 1.0, tol: float = 1e-8, max_iter: int = 100_000):
        self.C, self.tol, self.max_iter = C, tol, max_iter

    def fit(self, K, y):
        """Train on the Gram matrix ``K`` (n_samples, n_samples) of the training data; returns self."""
        k = _square(K, "the kernel matrix")
        if not (np.isfinite(self.C) and self.C > 0):
            raise ValueError(f"C must be a positive number, got {self.C!r}")
        s = _signs(y, len(k))
        self.classes_ = np.unique(np.asarray(y))
        alpha, self.n_iter_ = _smo(k, s, float(self.C), float(self.tol), int(self.max_iter))
        b = _bias(alpha, s, k @ (alpha * s) * s - 1.0, float(self.C))
        self.support_ = np.flatnonzero(alpha > 0)
        self.dual_coef_ = (alpha * s)[self.support_][None, :]
        self.intercept_ = np.array([b])
        self.n_train_ = len(k)
        return self

    def decision_function(self, K) -> np.ndarray:
        """Σ α_i s_i K[:, i] + b for ``K`` of shape (n_samples, n_train): kernel values against the training data."""
        if not hasattr(self, "support_"):
            raise ValueError("this PrecomputedSVC is not fitted yet; call fit(K_train, y) first")
        k = np.asarray(K, dtype=float)
        if k.ndim != 2 or k.shape[1] != self.n_train_:
            raise ValueError(f"K must have shape (n_samples, {self.n_train_}): kernel values against the "
                             f"{self.n_train_} training samples; got shape {k.shape}")
        return k[:, self.support_] @ self.dual_coef_[0] + self.intercept_[0]

    def predict(self, K) -> np.ndarray:
        """The label of each row of ``K`` (n_samples, n_train): ``classes_[1]`` where the decision is positive."""
        d = self.decision_function(K)
        return self.classes_[(d > 0).astype(int)]

    def score(self, K, y) -> float:
        """Accuracy on samples with kernel values ``K`` (n_samples, n_train) and labels ``y``."""
        return float(np.mean(self.predict(K) == np.asarray(y)))


def _smo(K, s, C, tol, max_iter):
    """LIBSVM's solver (WSS2): α of the dual, and the number of iterations."""
    n = len(K)
    Q = np.outer(s, s) * K
    diag = np.diag(K)
    alpha, G = np.zeros(n), -np.ones(n)                     # G = Qα − 1, the gradient
    for it in range(max_iter):
        up = ((alpha < C) & (s > 0)) | ((alpha > 0) & (s < 0))
        low = ((alpha < C) & (s < 0)) | ((alpha > 0) & (s > 0))
        v = -s * G
        if not up.any() or not low.any():
            return alpha, it
        i = int(np.flatnonzero(up)[np.argmax(v[up])])
        if v[i] - v[low].min() < tol:
            return alpha, it
        cand = low & (v < v[i])
        a = np.maximum(diag[i] + diag - 2 * s[i] * s * Q[i], 1e-12)   # K_ii + K_tt − 2K_it
        gain = np.where(cand, -((v[i] - v) ** 2) / a, np.inf)
        j = int(np.argmin(gain))
        old_i, old_j = alpha[i], alpha[j]
        alpha[i], alpha[j] = _pair_update(alpha[i], alpha[j], G[i], G[j], s[i], s[j], a[j], C)
        G += Q[:, i] * (alpha[i] - old_i) + Q[:, j] * (alpha[j] - old_j)
    return alpha, max_iter


def _pair_update(ai, aj, gi, gj, si, sj, quad, C):
    """The optimum of the dual along the pair (i, j), clipped to the box (LIBSVM's update)."""
    if si != sj:
        delta, diff = (-gi - gj) / quad, ai - aj
        ai, aj = ai + delta, aj + delta
        if diff > 0 and aj < 0:
            ai, aj = diff, 0.0
        elif diff <= 0 and ai < 0:
            ai, aj = 0.0, -diff
        if diff > 0 and ai > C:
            ai, aj = C, C - diff
        elif diff <= 0 and aj > C:
            ai, aj = C + diff, C
    else:
        delta, total = (gi - gj) / quad, ai + aj
        ai, aj = ai - delta, aj + delta
        if total > C and ai > C:
            ai, aj = C, total - C
        elif total <= C and aj < 0:
            ai, aj = total, 0.0
        if total > C and aj > C:
            ai, aj = total - C, C
        elif total <= C and ai < 0:
            ai, aj = 0.0, total
    return ai, aj


def _bias(alpha, s, G, C) -> float:
    """b = −ρ: the mean of −s_i G_i over free support vectors, else the middle of the feasible interval."""
    sG = s * G
    free = (alpha > 0) & (alpha < C)
    if free.any():
        return float(-sG[free].mean())
    upper = ((alpha >= C) & (s < 0)) | ((alpha <= 0) & (s > 0))
    lower = ((alpha >= C) & (s > 0)) | ((alpha <= 0) & (s < 0))
    ub = sG[upper].min() if upper.any() else np.inf
    lb = sG[lower].max() if lower.any() else -np.inf
    return float(-(ub + lb) / 2)
