"""The circuit-centric quantum classifier (Schuld, Bocharov, Svore & Wiebe 2018, arXiv:1804.00633), scikit-learn style.

Data flow: preprocess X (optional feature engineering) → scale X → encode (a
circuit reading features, or amplitude-encoded start states) → trainable structure → p = probability of 1 on the readout
qubit → loss → adjoint gradient → optimizer. As in Microsoft's QML library, a
sample gets label 1 when p + bias > 0.5, and the bias is refitted after every
epoch to minimise the training misclassifications. More than two classes are
handled one-vs-rest.

>>> from qmlkit.datasets import make_moons
>>> X, y = make_moons(100, noise=0.1, random_state=0)
>>> clf = QuantumClassifier(n_layers=2, epochs=5, random_state=0).fit(X, y)
>>> clf.params_.shape, len(clf.loss_curve_), 0 <= clf.score(X, y) <= 1
((8,), 5, True)
"""
from __future__ import annotations


import numpy as np

from . import _checks
from ._estimator import ClassifierMixin
from .ansatz import hardware_efficient
from .circuit import Circuit
from .datasets import minmax_scale, train_test_split
from .encoding import FeatureMap, amplitude_encoding, amplitude_n_qubits, angle_circuit, \
    dense_angle_circuit
from .gradients import value_and_jacobian
from .observables import Projector
from .optimizers import make_optimizer

__all__ = ["QuantumClassifier", "LOSSES", "fit_bias"]


# ---------------------------------------------------------------------- losses on p ∈ [0, 1], y ∈ {0, 1}
def _squared(p, y):
    return (p - y) ** 2, 2 * (p - y)


def _cross_entropy(p, y, eps=1e-9):
    q = np.clip(p, eps, 1 - eps)
    return -(y * np.log(q) + (1 - y) * np.log(1 - q)), (q - y) / (q * (1 - q))


def _hinge(p, y):
    s, m = 2 * y - 1, 2 * p - 1                     # label ±1 and the margin-carrying score 2p − 1
    active = s * m < 1
    return np.where(active, 1 - s * m, 0.0), np.where(active, -2 * s, 0.0)


LOSSES = {"squared": _squared, "cross_entropy": _cross_entropy, "hinge": _hinge}


def fit_bias(p, y) -> float:
    """The bias b minimising misclassifications of the rule "label 1 if p + b > 0.5".

    Among equally good biases the smallest |b| is returned.

    >>> fit_bias(np.array([0.1, 0.2, 0.3, 0.4]), np.array([0, 0, 1, 1]))   # threshold 0.25
    0.25
    """
    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=int)
    order = np.argsort(p)
    ps, ys = p[order], y[order]
    # Threshold between ps[i-1] and ps[i]: samples i.. are predicted 1. errors = ones below + zeros above.
    ones_below = np.concatenate([[0], np.cumsum(ys)])
    zeros_above = (1 - ys).sum() - np.concatenate([[0], np.cumsum(1 - ys)])
    errors = ones_below + zeros_above                          # (n + 1,)
    cuts = np.concatenate([[ps[0] - 1e-6], (ps[:-1] + ps[1:]) / 2, [ps[-1] + 1e-6]])
    biases = np.clip(0.5 - cuts, -0.5, 0.5)
    best = np.flatnonzero(errors == errors.min())
    return float(biases[best[np.argmin(np.abs(biases[best]))]])


class QuantumClassifier(ClassifierMixin):
    """A variational quantum classifier with scikit-learn's estimator interface.

    Parameters
    ----------
    encoding : {"angle", "dense", "amplitude"}, FeatureMap or Circuit
        ``"angle"``: RY(x_i) on wire i; ``"dense"``: two features per qubit; ``"amplitude"``:
        each (padded, normalised) sample is the start state; or your own feature map or
        circuit reading ``Feature(i)``.
    n_layers : int
        Layers of the default structure (RY, RZ on every qubit, then a CZ ladder).
    structure : Circuit or callable, optional
        The trainable circuit (``Param`` angles), or ``n_qubits -> Circuit``.
    readout : int
        The wire whose probability of 1 is the model's output p.
    loss : {"squared", "cross_entropy", "hinge"}
    optimizer : {"adam", "sgd", "momentum"} or an optimizer object
    learning_rate : float
    batch_size : int or None
        Minibatch size (None: the whole training set).
    epochs : int
    shots : int or None
        None: exact probabilities and adjoint gradients. An integer: every probability is
        estimated from that many shots and gradients use the parameter-shift rule on shots.
    n_restarts : int
        Train from this many initial parameters; keep the run with the lowest final loss.
    initial_params : array-like of shape (n_params,) or (n_starts, n_params), optional
        Starting parameters (Microsoft's ``initialParameters``): the first starts use these
        rows, the remaining ``n_restarts − n_starts`` (if any) start from random angles in [0, 2π).
    preprocess : callable, optional
        Classical feature engineering ``(n_samples, n_features) -> (n_samples, n_derived)``
        applied to X before scaling and encoding, at fit and at predict; e.g.
        ``functools.partial(qk.encoding.left_padding, constants=[0.3])`` with amplitude
        encoding, as in Microsoft's tutorial.
    feature_range : (float, float) or None
        Scale each feature onto this interval before an angle encoding (not for amplitude).
    validation_fraction : float
        Fraction of the training data held out for ``accuracy_curve_["validation"]``.
    random_state : int, optional
    verbose : bool
        Print one line per epoch.
    callback : callable, optional
        ``callback(info)`` after every epoch, ``info`` a dict with ``epoch``, ``epochs``,
        ``loss``, ``validation_loss``, ``train_accuracy``, ``validation_accuracy`` (the
        validation entries None without validation data),
        ``params``, ``bias``, ``decision_function`` (``X -> p + bias − 0.5`` with the current
        parameters, X raw as passed to fit), and for one-vs-rest ``estimator`` (the class
        index) and ``n_estimators``; return True to stop training.

    Attributes
    ----------
    classes_ : ndarray of the labels seen in fit
    params_ : ndarray of shape (n_params,)  (binary problems)
    bias_ : float
    loss_curve_ : list of float, the mean training loss of p after each epoch (binary problems)
    validation_loss_curve_ : list of float, the same on the validation data (empty without it)
    accuracy_curve_ : dict with "train" and "validation" lists (binary problems)
    n_iter_ : int, epochs run
    n_features_in_ : int, features of X seen in fit (before ``preprocess``)
    estimators_ : list of binary classifiers (more than two classes, one-vs-rest); each has
        its own ``params_``, ``bias_`` and curves
    """

    def __init__(self, encoding="angle", n_layers: int = 2, structure=None, readout: int = 0,
                 loss: str = "squared", optimizer="adam", learning_rate: float = 0.1,
                 batch_size: int | None = 20, epochs: int = 30, shots: int | None = None,
                 n_restarts: int = 1, initial_params=None, preprocess=None,
                 feature_range=(0.0, np.pi), validation_fraction: float = 0.0,
                 random_state=None, verbose: bool = False, callback=None):
        self.encoding, self.n_layers, self.structure, self.readout = encoding, n_layers, structure, readout
        self.loss, self.optimizer, self.learning_rate = loss, optimizer, learning_rate
        self.batch_size, self.epochs, self.shots, self.n_restarts = batch_size, epochs, shots, n_restarts
        self.initial_params, self.preprocess = initial_params, preprocess
        self.feature_range, self.validation_fraction = feature_range, validation_fraction
        self.random_state, self.verbose, self.callback = random_state, verbose, callback

    # ------------------------------------------------------------------ fit
    def fit(self, X, y, validation_data=None):
        """Train on ``X`` of shape (n_samples, n_features) and labels ``y``; returns self."""
        X, y = self._validate(X, y)
        classes = np.unique(y)
        if len(classes) < 2:
            raise ValueError(f"y must contain at least two classes, got only {classes.tolist()}")
        if self.loss not in LOSSES:
            raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {self.loss!r}")
        vf = self.validation_fraction
        if not (isinstance(vf, (int, float, np.floating)) and 0 <= vf < 1):
            raise ValueError(f"validation_fraction must be a number in [0, 1), got {vf!r}")
        self.classes_ = classes
        if validation_data is None and self.validation_fraction:
            X, Xv, y, yv = train_test_split(X, y, self.validation_fraction, self.random_state)
        elif validation_data is not None:
            Xv, yv = self._validate(*validation_data)
        else:
            Xv = yv = None
        for stale in ("estimators_", "params_", "bias_", "loss_curve_", "validation_loss_curve_",
                      "accuracy_curve_"):
            self.__dict__.pop(stale, None)               # from an earlier fit on other data
        self.n_features_in_ = X.shape[1]
        if len(self.classes_) == 2:
            self._fit_binary(X, (y == self.classes_[1]).astype(float),
                             None if Xv is None else (Xv, (yv == self.classes_[1]).astype(float)))
        else:
            self._fit_one_vs_rest(X, y, None if Xv is None else (Xv, yv))
        return self

    def _fit_one_vs_rest(self, X, y, val):
        self.estimators_ = []
        rs = self.random_state
        for k, c in enumerate(self.classes_):
            # Integer seeds differ per class; a Generator (or None) is shared and drawn from in turn.
            seed = rs + k if isinstance(rs, (int, np.integer)) and not isinstance(rs, bool) else rs
            callback = None if self.callback is None else _tagged(self.callback, k, len(self.classes_))
            est = type(self)(**dict(self.get_params(), random_state=seed, validation_fraction=0.0,
                                    callback=callback))
            vd = None if val is None else (val[0], (val[1] == c).astype(int))
            est.fit(X, (y == c).astype(int), validation_data=vd)
            est.callback = self.callback
            self.estimators_.append(est)
        self.n_iter_ = max(e.n_iter_ for e in self.estimators_)

    def _fit_binary(self, X, y, val):
        X = self._features(X)
        val = None if val is None else (self._features(val[0]), val[1])
        self._fit_scaler(X)
        model, start = self._build(X.shape[1])
        rng = np.random.default_rng(self.random_state)
        enc_train = self._encode(X)
        enc_val = None if val is None else self._encode(val[0])
        starts = self._starts(model.n_params)
        n_runs = max(_checks.positive_int(self.n_restarts, "n_restarts"), len(starts))
        best = None
        for k in range(n_runs):
            params = starts[k] if k < len(starts) else rng.uniform(0, 2 * np.pi, model.n_params)
            run = self._train(model, start, params, enc_train, y, enc_val,
                              None if val is None else val[1], rng)
            if best is None or run["loss_curve"][-1] < best["loss_curve"][-1]:
                best = run
        self.params_, self.bias_ = best["params"], best["bias"]
        self.loss_curve_, self.accuracy_curve_, self.n_iter_ = (best["loss_curve"],
                                                                 best["accuracy_curve"], best["n_iter"])
        self.validation_loss_curve_ = best["validation_loss_curve"]

    def _starts(self, n_params) -> np.ndarray:
        """The rows of ``initial_params`` as ``(n_starts, n_params)`` (none: shape (0, n_params))."""
        if self.initial_params is None:
            return np.zeros((0, n_params))
        a = np.asarray(self.initial_params, dtype=float)
        rows = a[None] if a.ndim == 1 else a
        if rows.ndim != 2 or rows.shape[1] != n_params or rows.shape[0] == 0:
            raise ValueError(f"initial_params must have shape ({n_params},) or (n_starts, {n_params}) "
                             f"for this model, got shape {a.shape}")
        return _checks.finite(rows, "initial_params").copy()

    def _train(self, model, start, params, enc, y, enc_val, y_val, rng):
        opt = make_optimizer(self.optimizer, self.learning_rate).reset()
        loss_fn = LOSSES[self.loss]
        n = len(y)
        bs = n if self.batch_size is None else _checks.positive_int(self.batch_size, "batch_size")
        curves = {"loss": [], "validation_loss": [], "train": [], "validation": []}
        bias, epoch = 0.0, 0
        for epoch in range(1, _checks.positive_int(self.epochs, "epochs") + 1):
            for idx in np.array_split(rng.permutation(n), max(1, int(np.ceil(n / bs)))):
                p, jac = self._value_and_jacobian(model, start, params, enc, idx, rng)
                dloss = loss_fn(p, y[idx])[1] / len(idx)
                params = opt.step(params, dloss @ jac)
            p = self._probabilities(model, start, params, enc, rng)
            bias = fit_bias(p, y)
            curves["loss"].append(float(loss_fn(p, y)[0].mean()))
            curves["train"].append(float(np.mean((p + bias > 0.5) == y)))
            if enc_val is not None:
                pv = self._probabilities(model, start, params, enc_val, rng)
                curves["validation_loss"].append(float(loss_fn(pv, y_val)[0].mean()))
                curves["validation"].append(float(np.mean((pv + bias > 0.5) == y_val)))
            if self._report(epoch, curves, params, bias, model, start):
                break
        return {"params": params, "bias": bias, "loss_curve": curves["loss"], "n_iter": epoch,
                "validation_loss_curve": curves["validation_loss"],
                "accuracy_curve": {"train": curves["train"], "validation": curves["validation"]}}

    def _report(self, epoch, curves, params, bias, model, start) -> bool:
        val = curves["validation"][-1] if curves["validation"] else None
        if self.verbose:
            print(f"epoch {epoch:3d}/{self.epochs}  loss {curves['loss'][-1]:.4f}  "
                  f"train accuracy {curves['train'][-1]:.3f}"
                  + ("" if val is None else f"  validation accuracy {val:.3f}"))
        if self.callback is None:
            return False
        frozen = params.copy()

        def decision_function(X):
            """p + bias − 0.5 of raw samples X with the parameters of this epoch."""
            x = self._features(self._validate(X))
            return self._probabilities(model, start, frozen, self._encode(x)) + bias - 0.5

        vloss = curves["validation_loss"][-1] if curves["validation_loss"] else None
        info = {"epoch": epoch, "epochs": self.epochs, "loss": curves["loss"][-1], "validation_loss": vloss,
                "train_accuracy": curves["train"][-1], "validation_accuracy": val,
                "params": params.copy(), "bias": bias, "decision_function": decision_function}
        return bool(self.callback(info))

    # ------------------------------------------------------------------ the model
    def _build(self, n_features):
        """(model circuit, kind of start): the encoding circuit + the trainable structure."""
        enc = self.encoding
        if isinstance(enc, str):
            kinds = {"angle": lambda: angle_circuit(n_features),
                     "dense": lambda: dense_angle_circuit(n_features),
                     "amplitude": lambda: Circuit(amplitude_n_qubits(n_features))}
            if enc not in kinds:
                raise ValueError(f"encoding must be 'angle', 'dense', 'amplitude', a FeatureMap or a "
                                 f"Circuit, got {enc!r}")
            encoder = kinds[enc]()
        elif isinstance(enc, FeatureMap):
            encoder = enc.circuit
        elif isinstance(enc, Circuit):
            encoder = enc
        else:
            raise TypeError(f"encoding must be a name, a FeatureMap or a Circuit, got {type(enc).__name__}")
        if encoder.n_params:
            raise ValueError("the encoding circuit must not have trainable parameters; put them in structure")
        if isinstance(enc, Circuit) and encoder.n_features != n_features:
            raise ValueError(f"the encoding circuit reads {encoder.n_features} feature(s), but X has "
                             f"{n_features} (after preprocess)")
        if isinstance(enc, FeatureMap) and enc.n_features != n_features:
            raise ValueError(f"{enc.name or 'the feature map'} takes {enc.n_features} feature(s) per "
                             f"sample, but X has {n_features} (after preprocess)")
        n = encoder.n_qubits
        s = self.structure
        structure = (hardware_efficient(n, self.n_layers) if s is None else
                     s if isinstance(s, Circuit) else s(n))
        if not isinstance(structure, Circuit) or structure.n_qubits != n:
            raise ValueError(f"structure must be a Circuit on the encoding's {n} qubit(s), got {structure!r}")
        if structure.n_features:
            raise ValueError("the structure must not read data features; put them in the encoding")
        _checks.wires([self.readout], n, what="readout")
        return encoder + structure, ("states" if enc == "amplitude" else "circuit")

    def _encode(self, X):
        """What the model reads per sample: feature rows (circuit encodings) or start states.

        ``X`` is already preprocessed (see `_features`)."""
        if isinstance(self.encoding, str) and self.encoding == "amplitude":
            return amplitude_encoding(X)
        x = self._scale(X)
        return self.encoding.features(x) if isinstance(self.encoding, FeatureMap) else x

    def _observable(self):
        return Projector([1], [self.readout])

    def _run_kwargs(self, start, enc, idx=None):
        rows = enc if idx is None else enc[idx]
        return {"initial_state": rows} if start == "states" else {"X": rows}

    def _value_and_jacobian(self, model, start, params, enc, idx, rng):
        kw = self._run_kwargs(start, enc, idx)
        if start == "states":
            kw["X"] = None
        if self.shots is None:
            return value_and_jacobian(model, self._observable(), params, method="adjoint", **kw)
        return value_and_jacobian(model, self._observable(), params, method="parameter-shift",
                                  shots=self.shots, random_state=rng, **kw)

    def _probabilities(self, model, start, params, enc, rng=None):
        kw = self._run_kwargs(start, enc)
        psi = model.states(params, kw.get("X"), kw.get("initial_state"))
        psi = psi.reshape(-1, psi.shape[-1])
        if self.shots is None:
            return self._observable().expval(psi)
        return self._observable().estimate(psi, self.shots, rng if rng is not None else
                                           np.random.default_rng(self.random_state))

    # ------------------------------------------------------------------ prediction
    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities ``(n_samples, n_classes)``: q = clip(p + bias, 0, 1) and 1 − q;
        one-vs-rest scores are normalised to sum to 1."""
        scores = self._scores(X)
        if scores.ndim == 1:
            q = np.clip(scores, 0, 1)
            return np.column_stack([1 - q, q])
        q = np.clip(scores, 1e-12, 1)
        return q / q.sum(axis=1, keepdims=True)

    def decision_function(self, X) -> np.ndarray:
        """p + bias − 0.5: positive means class ``classes_[1]`` (``(n_samples, n_classes)`` one-vs-rest)."""
        return self._scores(X) - 0.5

    def predict(self, X) -> np.ndarray:
        scores = self._scores(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0.5).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]

    def score(self, X, y) -> float:
        """Accuracy on (X, y)."""
        X, y = self._validate(X, y)
        return float(np.mean(self.predict(X) == y))

    def _scores(self, X) -> np.ndarray:
        if not hasattr(self, "classes_"):
            raise ValueError(f"this {type(self).__name__} is not fitted yet; call fit(X, y) first")
        X = self._validate(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but the classifier was fitted with "
                             f"{self.n_features_in_}")
        if hasattr(self, "estimators_"):
            return np.column_stack([e._scores(X) for e in self.estimators_])
        X = self._features(X)
        model, start = self._build(X.shape[1])
        return self._probabilities(model, start, self.params_, self._encode(X)) + self.bias_

    # ------------------------------------------------------------------ data handling
    def _validate(self, X, y=None):
        x = np.asarray(X)
        if x.dtype == object or not np.issubdtype(x.dtype, np.number):
            raise TypeError(f"X must be numbers, got dtype {x.dtype}")
        if x.dtype.kind == "c":
            raise TypeError("X must be real numbers, got complex values")
        x = x.astype(float)
        if x.ndim != 2:
            raise ValueError(f"X must have shape (n_samples, n_features), got shape {x.shape}")
        if x.shape[0] == 0 or x.shape[1] == 0:
            raise ValueError(f"X is empty: shape {x.shape}")
        _checks.finite(x, "X")
        if y is None:
            return x
        yy = np.asarray(y)
        if yy.ndim != 1 or len(yy) != len(x):
            raise ValueError(f"y must have shape ({len(x)},) to match X, got shape {yy.shape}")
        if yy.dtype.kind in "fc" and not np.all(np.isfinite(yy)):
            raise ValueError("y contains NaN or infinity; every sample needs a label")
        return x, yy

    def _features(self, X) -> np.ndarray:
        """``preprocess(X)``, checked: a finite 2-D array with one row per sample."""
        if self.preprocess is None:
            return X
        if not callable(self.preprocess):
            raise TypeError(f"preprocess must be a function X -> features, got {self.preprocess!r}")
        out = np.asarray(self.preprocess(X))
        if out.ndim != 2 or out.shape[0] != X.shape[0] or out.shape[1] == 0 \
                or not np.issubdtype(out.dtype, np.number):
            raise ValueError(f"preprocess must return numbers of shape ({X.shape[0]}, n_derived), got "
                             f"shape {out.shape} and dtype {out.dtype}")
        return _checks.finite(out.astype(float), "preprocess(X)")

    def _fit_scaler(self, X):
        scaled = self.feature_range is not None and not (isinstance(self.encoding, str)
                                                           and self.encoding == "amplitude")
        if scaled:
            fr = np.asarray(self.feature_range, dtype=float)
            if fr.shape != (2,) or not np.all(np.isfinite(fr)) or not fr[0] < fr[1]:
                raise ValueError(f"feature_range must be (low, high) with low < high, "
                                 f"got {self.feature_range!r}")
        self.data_min_ = X.min(axis=0) if scaled else None
        self.data_max_ = X.max(axis=0) if scaled else None

    def _scale(self, X):
        if self.data_min_ is None:
            return X
        return minmax_scale(X, self.feature_range, self.data_min_, self.data_max_)


def _tagged(callback, k, n):
    """The callback of one-vs-rest estimator ``k`` of ``n``: adds ``estimator`` and ``n_estimators``."""
    def tagged(info):
        return callback(dict(info, estimator=k, n_estimators=n))
    return tagged
