"""The data re-uploading classifier of Pérez-Salinas, Cervera-Lierta, Gil-Fuster & Latorre 2020 (Quantum 4, 226;
arXiv:1907.02085), scikit-learn style.

One qubit (or a few) goes through L layers; layer l applies U3(θ_l + w_l∘x) to every qubit, the
data x entering every layer again with its own trainable weights w_l (bilinear angles θ + w·x).
Each class has a target state on the Bloch sphere (|0⟩ and |1⟩ for two classes; for more, states
as far apart as possible: a triangle, a tetrahedron, ...). A sample gets the class whose target
state has the largest fidelity with the qubits' state; training minimises the plain fidelity cost
mean(1 − F_true) with adjoint gradients and a qmlkit optimizer.

>>> from qmlkit.datasets import make_reuploading
>>> X, y = make_reuploading("circle", 100, random_state=0)
>>> clf = ReuploadingClassifier(n_layers=2, epochs=3, random_state=0).fit(X, y)
>>> clf.params_.shape, len(clf.loss_curve_), 0 <= clf.score(X, y) <= 1
((10,), 3, True)
"""
from __future__ import annotations


import numpy as np

from . import _checks
from ._estimator import ClassifierMixin
from .circuit import Circuit, Feature, Param
from .datasets import minmax_scale
from .gradients import value_and_jacobian
from .observables import PauliString, X as PX, Y as PY, Z as PZ
from .optimizers import make_optimizer
from .state import bloch_vector

__all__ = ["ReuploadingClassifier", "reuploading_classifier_circuit", "target_bloch_vectors",
           "target_states"]


def reuploading_classifier_circuit(n_features: int, n_layers: int, n_qubits: int = 1,
                                   entangling: bool = True) -> Circuit:
    """L layers of U3(θ + w∘x) on every qubit; CZ gates between the layers when ``entangling``.

    Features are taken three at a time: x = (x0, x1, x2) enters U3 as
    (θ0 + w0·x0, θ1 + w1·x1, θ2 + w2·x2), and a missing feature counts as 0 (so its weight is
    dropped); more than three features take ⌈n_features/3⌉ U3 gates per qubit and layer. With
    several qubits every qubit reads the same x, and between layers CZ gates join neighbours
    (0–1, 1–2, …), as in the paper's entangled classifiers.

    >>> c = reuploading_classifier_circuit(2, n_layers=2)
    >>> print(c)
    0: ─U3(θ0 + θ1·x0, θ2 + θ3·x1, θ4)──U3(θ5 + θ6·x0, θ7 + θ8·x1, θ9)─
    """
    d = _checks.positive_int(n_features, "n_features")
    L = _checks.positive_int(n_layers, "n_layers")
    c, k = Circuit(_checks.n_qubits(n_qubits)), 0
    for layer in range(L):
        for q in range(c.n_qubits):
            for chunk in range(0, d, 3):
                angles = []
                for f in range(chunk, chunk + 3):
                    if f < d:
                        angles.append(Param(k) + Param(k + 1) * Feature(f))
                        k += 2
                    else:
                        angles.append(Param(k))
                        k += 1
                c.u3(*angles, q)
        if entangling and layer < L - 1:
            for q in range(c.n_qubits - 1):
                c.cz(q, q + 1)
    return c


def target_bloch_vectors(n_classes: int) -> np.ndarray:
    """Bloch vectors of the class targets, as far apart on the sphere as possible: ``(n_classes, 3)``.

    2: |0⟩ and |1⟩ (the poles); 3: an equilateral triangle on a great circle; 4: a regular
    tetrahedron; 5: a triangular bipyramid; 6: an octahedron (the solutions of Thomson's problem).

    >>> target_bloch_vectors(2)
    array([[ 0.,  0.,  1.],
           [ 0.,  0., -1.]])
    >>> bool(np.allclose(target_bloch_vectors(4) @ target_bloch_vectors(4).T, 4 / 3 * np.eye(4) - 1 / 3))
    True
    """
    k = _checks.positive_int(n_classes, "n_classes")
    if k == 2:
        return np.array([[0.0, 0, 1], [0, 0, -1]])
    if k == 3:
        a = 2 * np.pi * np.arange(3) / 3
        return np.column_stack([np.sin(a), 0 * a, np.cos(a)])
    if k == 4:
        t, a = np.arccos(-1 / 3), 2 * np.pi * np.arange(3) / 3
        return np.vstack([[0, 0, 1], np.column_stack([np.sin(t) * np.cos(a), np.sin(t) * np.sin(a),
                                                      np.full(3, np.cos(t))])])
    if k == 5:
        a = 2 * np.pi * np.arange(3) / 3
        return np.vstack([[0, 0, 1], [0, 0, -1], np.column_stack([np.cos(a), np.sin(a), 0 * a])])
    if k == 6:
        return np.array([[0.0, 0, 1], [0, 0, -1], [1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0]])
    raise ValueError(f"target states are defined for 2 to 6 classes, got {n_classes}")


def target_states(n_classes: int) -> np.ndarray:
    """The target states cos(t/2)|0⟩ + e^{ip} sin(t/2)|1⟩ of `target_bloch_vectors`: ``(n_classes, 2)``.

    >>> np.round(target_states(2).real, 12)
    array([[1., 0.],
           [0., 1.]])
    """
    r = target_bloch_vectors(n_classes)
    t, p = np.arccos(np.clip(r[:, 2], -1, 1)), np.arctan2(r[:, 1], r[:, 0])
    return np.column_stack([np.cos(t / 2), np.exp(1j * p) * np.sin(t / 2)])


class ReuploadingClassifier(ClassifierMixin):
    """A data re-uploading classifier with scikit-learn's estimator interface.

    Parameters
    ----------
    n_layers : int
        Layers L of U3(θ + w∘x).
    n_qubits : int
        Qubits; each reads the whole sample. The class score is the fidelity with the class's
        target state averaged over the qubits' reduced states.
    entangling : bool
        CZ gates between neighbouring qubits after every layer but the last.
    epochs, batch_size, optimizer, learning_rate
        Minibatch training of the cost mean(1 − F_true) (plain fidelity cost) with qmlkit's
        optimizers and exact adjoint gradients.
    n_restarts : int
        Train from this many random starts and keep the one with the lowest final training cost
        (the landscape has local minima: single runs of 8 layers on the circle end between about
        82% and 96% test accuracy, depending on the start).
    feature_range : (float, float) or None
        Scale every feature onto this interval first (None: use X as it is; the weights w
        learn the scale).
    random_state : int, optional
        Seeds the initial parameters (θ uniform in [0, 2π), w standard normal) and the minibatches.
    verbose : bool

    Attributes
    ----------
    classes_ : ndarray of labels
    circuit_ : Circuit, the model (`Param` and `Feature` angles), ready for export
    params_ : ndarray of shape (n_params,)
    targets_ : ndarray of shape (n_classes, 3), the Bloch vectors of the target states
    loss_curve_ : list of float, the cost on the training data after each epoch
    n_iter_ : int
    n_features_in_ : int
    """

    def __init__(self, n_layers: int = 4, n_qubits: int = 1, entangling: bool = True, epochs: int = 40,
                 batch_size: int | None = 32, optimizer="adam", learning_rate: float = 0.1,
                 n_restarts: int = 1, feature_range=None, random_state=None, verbose: bool = False):
        self.n_layers, self.n_qubits, self.entangling = n_layers, n_qubits, entangling
        self.epochs, self.batch_size, self.optimizer, self.learning_rate = epochs, batch_size, optimizer, learning_rate
        self.n_restarts = n_restarts
        self.feature_range, self.random_state, self.verbose = feature_range, random_state, verbose

    # ------------------------------------------------------------------ fit
    def fit(self, X, y):
        """Train on ``X`` of shape (n_samples, n_features) and labels ``y``; returns self."""
        X, y = _validate(X, y)
        self.classes_ = np.unique(y)
        if not 2 <= len(self.classes_) <= 6:
            raise ValueError(f"y must contain 2 to 6 classes, got {len(self.classes_)}")
        self.n_features_in_ = X.shape[1]
        self._fit_scaler(X)
        self.circuit_ = reuploading_classifier_circuit(X.shape[1], self.n_layers, self.n_qubits, self.entangling)
        self.targets_ = target_bloch_vectors(len(self.classes_))
        observables = [self._observable(r) for r in self.targets_]
        x, labels = self._scale(X), np.searchsorted(self.classes_, y)
        rng = np.random.default_rng(self.random_state)
        best = None
        for _ in range(_checks.positive_int(self.n_restarts, "n_restarts")):
            run = self._train(x, labels, observables, rng)
            if best is None or run[1][-1] < best[1][-1]:
                best = run
        self.params_, self.loss_curve_, self.n_iter_ = best[0], best[1], len(best[1])
        return self

    def _train(self, x, labels, observables, rng):
        """One run from a random start: (parameters, cost after each epoch)."""
        params = self._initial_params(rng)
        opt = make_optimizer(self.optimizer, self.learning_rate).reset()
        n = len(x)
        bs = n if self.batch_size is None else _checks.positive_int(self.batch_size, "batch_size")
        curve = []
        for epoch in range(1, _checks.positive_int(self.epochs, "epochs") + 1):
            for idx in np.array_split(rng.permutation(n), max(1, int(np.ceil(n / bs)))):
                params = opt.step(params, self._cost_gradient(params, x[idx], labels[idx], observables))
            curve.append(float(np.mean(1 - self._fidelities(x, params)[np.arange(n), labels])))
            if self.verbose:
                print(f"epoch {epoch:3d}/{self.epochs}  cost {curve[-1]:.4f}")
        return params, curve

    def _cost_gradient(self, params, x, labels, observables) -> np.ndarray:
        """∇ mean(1 − F_true) over the rows of x: one adjoint sweep per class present."""
        grad = np.zeros_like(params)
        for c, obs in enumerate(observables):
            rows = labels == c
            if rows.any():
                _, jac = value_and_jacobian(self.circuit_, obs, params, x[rows])
                grad -= jac.sum(axis=0) / len(x)
        return grad

    def _initial_params(self, rng) -> np.ndarray:
        """θ uniform in [0, 2π); the weights w (the parameters multiplying a feature) standard normal."""
        p = rng.uniform(0, 2 * np.pi, self.circuit_.n_params)
        weights = sorted({i for op in self.circuit_.ops for a in op.angles for (i, _), _ in a.products})
        p[weights] = rng.normal(size=len(weights))
        return p

    def _observable(self, r):
        """The class score as an observable: mean over qubits q of (I + r·σ_q)/2 = |t⟩⟨t| on q."""
        n = self.circuit_.n_qubits
        obs = 0.5 * PauliString({})
        for q in range(n):
            for coeff, pauli in zip(r, (PX, PY, PZ)):
                if abs(coeff) > 1e-15:
                    obs = obs + (coeff / (2 * n)) * pauli(q)
        return obs

    # ------------------------------------------------------------------ prediction
    def _fidelities(self, x, params=None) -> np.ndarray:
        """Class scores ``(n_samples, n_classes)``: mean fidelity of the qubits with each target."""
        psi = self.circuit_.states(self.params_ if params is None else params, x)
        psi = psi.reshape(-1, psi.shape[-1])
        b = np.stack([bloch_vector(psi, q) for q in range(self.circuit_.n_qubits)], axis=1)   # (B, n, 3)
        return ((1 + b @ self.targets_.T) / 2).mean(axis=1)

    def _check_fitted(self, X):
        if not hasattr(self, "params_"):
            raise ValueError(f"this {type(self).__name__} is not fitted yet; call fit(X, y) first")
        X = _validate(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but the classifier was fitted with "
                             f"{self.n_features_in_}")
        return self._scale(X)

    def fidelities(self, X) -> np.ndarray:
        """The fidelity of the qubits' state with each class's target state: ``(n_samples, n_classes)``."""
        return self._fidelities(self._check_fitted(X))

    def predict_proba(self, X) -> np.ndarray:
        """The fidelities normalised to sum to 1 per sample (for two classes they already do)."""
        f = self.fidelities(X)
        return f / f.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        """The class whose target state is closest (largest fidelity)."""
        f = self.fidelities(X)
        return self.classes_[np.argmax(f, axis=1)]

    def predict_counts(self, counts) -> np.ndarray:
        """Labels from measured counts ``(n_samples, 2**n_qubits)`` (qmlkit order), as hardware gives them.

        Only for two classes, whose targets |0⟩ and |1⟩ are read in the computational basis:
        the score of class 0 is the fraction of shots with a 0, averaged over the qubits.
        """
        if len(self.classes_) != 2:
            raise ValueError("predict_counts reads the Z basis only, so it needs two classes (targets |0⟩, |1⟩)")
        c = np.asarray(counts, dtype=float)
        n = self.circuit_.n_qubits
        if c.ndim != 2 or c.shape[1] != 2 ** n:
            raise ValueError(f"counts must have shape (n_samples, {2 ** n}), got {c.shape}")
        bits = (np.arange(2 ** n)[:, None] >> (n - 1 - np.arange(n))) & 1          # (2**n, n)
        zeros = (c @ (1 - bits)).mean(axis=1) / c.sum(axis=1)                      # score of class 0
        return self.classes_[(zeros < 0.5).astype(int)]

    def score(self, X, y) -> float:
        """Accuracy on (X, y)."""
        X, y = _validate(X, y)
        return float(np.mean(self.predict(X) == y))

    # ------------------------------------------------------------------ scaling
    def _fit_scaler(self, X):
        self.data_min_ = X.min(axis=0) if self.feature_range is not None else None
        self.data_max_ = X.max(axis=0) if self.feature_range is not None else None

    def _scale(self, X):
        if self.feature_range is None:
            return X
        return minmax_scale(X, self.feature_range, self.data_min_, self.data_max_)


def _validate(X, y=None):
    x = np.asarray(X)
    if x.dtype == object or not np.issubdtype(x.dtype, np.number) or x.dtype.kind == "c":
        raise TypeError(f"X must be real numbers, got dtype {x.dtype}")
    x = x.astype(float)
    if x.ndim != 2 or 0 in x.shape:
        raise ValueError(f"X must have shape (n_samples, n_features), got shape {x.shape}")
    _checks.finite(x, "X")
    if y is None:
        return x
    yy = np.asarray(y)
    if yy.shape != (len(x),):
        raise ValueError(f"y must have shape ({len(x)},) to match X, got shape {yy.shape}")
    return x, yy
