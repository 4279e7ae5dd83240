"""QuantumClassifier: its gradients against finite differences of a loss computed here, reproducibility,
accuracy on held-out data, scikit-learn compatibility, bad input, the bias, one-vs-rest and shots."""
from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
import reference as ref

import qmlkit as qk
from qmlkit.classifier import LOSSES, QuantumClassifier, fit_bias
from qmlkit.datasets import load_iris, make_moons, train_test_split
from qmlkit.encoding import angle_circuit, fanout, left_padding

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _workloads():
    spec = importlib.util.spec_from_file_location("workloads", BENCH / "workloads.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("workloads", mod)
    spec.loader.exec_module(mod)
    return mod


def _moons(n=60, seed=0):
    return make_moons(n, noise=0.1, random_state=seed)


# ---------------------------------------------------------------- losses written out here, by hand
def _loss_by_hand(name, p, y):
    if name == "squared":
        return (p - y) ** 2
    if name == "cross_entropy":
        return -(y * np.log(p) + (1 - y) * np.log(1 - p))
    s = 2 * y - 1
    return np.maximum(0.0, 1 - s * (2 * p - 1))


def _p_by_hand(X, theta, n_layers, lo, hi):
    """P(1) on wire 0 of RY(x_i) on wire i + hardware-efficient layers, on the dense oracle."""
    n = X.shape[1]
    angles = (X - lo) / (hi - lo) * np.pi                        # the default feature_range (0, π)
    circuit = angle_circuit(n) + qk.ansatz.hardware_efficient(n, n_layers)
    psi = ref.run_circuit(circuit, theta, angles)
    return ref.marginal(psi, [0], n)[:, 1]


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_loss_gradient_matches_finite_differences(loss):
    """One full-batch SGD step with learning rate 1 moves params_ by exactly −∇L: compare with
    central differences of the mean loss computed from scratch on the dense-matrix oracle."""
    X, y = _moons(30, seed=3)
    n_layers = 2
    theta0 = np.random.default_rng(7).uniform(0, 2 * np.pi, 2 * 2 * n_layers)
    clf = QuantumClassifier(n_layers=n_layers, loss=loss, optimizer="sgd", learning_rate=1.0,
                            batch_size=None, epochs=1, initial_params=theta0, random_state=0).fit(X, y)
    grad = theta0 - clf.params_
    lo, hi = X.min(axis=0), X.max(axis=0)

    def mean_loss(t):
        return _loss_by_hand(loss, _p_by_hand(X, t, n_layers, lo, hi), y).mean()

    h = 1e-6
    fd = np.array([(mean_loss(theta0 + h * e) - mean_loss(theta0 - h * e)) / (2 * h)
                   for e in np.eye(theta0.size)])
    assert np.abs(grad).max() > 1e-3                         # a real gradient, not a trivial one
    np.testing.assert_allclose(grad, fd, atol=1e-7)
    # ... and the recorded loss is the mean loss at the new parameters
    assert clf.loss_curve_[0] == pytest.approx(mean_loss(clf.params_), abs=1e-12)


def test_one_epoch_reproduces_the_w4_benchmark():
    """W4 (shared/bench/WORKLOADS.md): one SGD epoch of a 4-qubit classifier; the peers agree on
    θ_sum 80.900651745 and the loss 0.2352 → 0.1911. W4 reads p = P(0), so the labels are flipped."""
    W = _workloads()
    X, y = W.make_moons(200, 0.1, 0)
    clf = QuantumClassifier(encoding="angle", preprocess=functools.partial(fanout, copies=2),
                            structure=qk.ansatz.hardware_efficient(4, 3), optimizer="sgd",
                            learning_rate=0.1, batch_size=20, epochs=1,
                            initial_params=W.w1_params(4, 3).ravel(), random_state=1)
    clf.fit(X, 1 - y.astype(int))                           # its minibatches: default_rng(1).permutation
    assert clf.params_.sum() == pytest.approx(80.900651745, abs=1e-8)
    assert round(clf.loss_curve_[0], 4) == 0.1911


# ---------------------------------------------------------------- reproducibility
def test_same_random_state_reproduces_the_fit():
    X, y = _moons(50)
    kw = dict(n_layers=2, epochs=6, batch_size=10, validation_fraction=0.2, n_restarts=2)
    a = QuantumClassifier(random_state=5, **kw).fit(X, y)
    b = QuantumClassifier(random_state=5, **kw).fit(X, y)
    c = QuantumClassifier(random_state=6, **kw).fit(X, y)
    np.testing.assert_array_equal(a.params_, b.params_)
    assert a.bias_ == b.bias_
    assert a.loss_curve_ == b.loss_curve_
    assert a.validation_loss_curve_ == b.validation_loss_curve_
    assert a.accuracy_curve_ == b.accuracy_curve_
    assert not np.array_equal(a.params_, c.params_)


def test_refit_forgets_the_previous_fit():
    X, y = load_iris()
    clf = QuantumClassifier(n_layers=1, epochs=2, random_state=0).fit(X[:, :2], y)
    assert len(clf.estimators_) == 3
    clf.fit(X[y < 2][:, :2], y[y < 2])
    assert not hasattr(clf, "estimators_")
    assert clf.predict_proba(X[:5, :2]).shape == (5, 2)


# ---------------------------------------------------------------- accuracy on held-out data
def _moons_test_accuracy(split_seed):
    """Two moons (200 points, noise 0.1), 4 qubits (each feature on two, `fanout`), 50 test points."""
    X, y = make_moons(200, noise=0.1, random_state=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=split_seed)
    clf = QuantumClassifier(encoding="angle", preprocess=functools.partial(fanout, copies=2),
                            n_layers=4, feature_range=(0, 1.5 * np.pi), epochs=30, random_state=0)
    clf.fit(X_train, y_train)
    assert clf.params_.size == 32 and clf.n_features_in_ == 2 and len(y_test) == 50
    return clf.score(X_test, y_test)


def test_two_moons_test_accuracy():
    assert _moons_test_accuracy(0) >= 0.85


def test_two_moons_test_accuracy_over_several_splits():
    """50 test points make one accuracy uncertain by about ±0.04: the mean over four splits."""
    assert np.mean([_moons_test_accuracy(s) for s in range(4)]) >= 0.88


# ---------------------------------------------------------------- scikit-learn
def test_sklearn_clone_and_cross_val_score():
    from sklearn.base import clone, is_classifier
    from sklearn.model_selection import cross_val_score

    X, y = _moons(60)
    clf = QuantumClassifier(n_layers=1, epochs=3, learning_rate=0.2, random_state=1)
    copy = clone(clf)
    assert copy is not clf and copy.get_params() == clf.get_params()
    assert not hasattr(copy, "params_")
    assert is_classifier(clf)
    scores = cross_val_score(clf, X, y, cv=3)
    assert scores.shape == (3,) and np.all((0 <= scores) & (scores <= 1))
    fitted = clone(clf).fit(X, y)
    assert not hasattr(clone(fitted), "params_")


def test_get_and_set_params():
    clf = QuantumClassifier()
    assert set(clf.get_params()) >= {"encoding", "n_layers", "loss", "optimizer", "learning_rate",
                                     "batch_size", "epochs", "shots", "n_restarts", "random_state"}
    assert clf.set_params(epochs=3, loss="hinge") is clf and clf.epochs == 3
    with pytest.raises(ValueError, match="invalid parameter 'epoch'"):
        clf.set_params(epoch=3)


def test_repr_names_changed_hyperparameters_without_addresses():
    clf = QuantumClassifier(epochs=5, preprocess=functools.partial(fanout, copies=2))
    assert repr(clf) == "QuantumClassifier(epochs=5, preprocess=partial(fanout, copies=2))"
    assert repr(QuantumClassifier()) == "QuantumClassifier()"


# ---------------------------------------------------------------- bad input
def _fitted():
    X, y = _moons(20)
    return QuantumClassifier(epochs=1, random_state=0).fit(X, y), X, y


@pytest.mark.parametrize("X, y, error, words", [
    (np.zeros((5, 2)) + 0.3, np.ones(5), ValueError, "two classes"),
    (np.full((4, 2), np.nan), np.array([0, 1, 0, 1]), ValueError, "NaN"),
    (np.array([[0.1, np.inf], [0.2, 0.3]]), np.array([0, 1]), ValueError, "NaN or inf"),
    (np.zeros((0, 2)), np.zeros(0), ValueError, "empty"),
    (np.zeros((4, 0)), np.array([0, 1, 0, 1]), ValueError, "empty"),
    (np.zeros((4, 2)), np.array([0, 1, 0]), ValueError, "y must have shape \\(4,\\)"),
    (np.zeros((4, 2)), np.array([[0, 1, 0, 1]]), ValueError, "y must have shape"),
    (np.zeros(4), np.array([0, 1, 0, 1]), ValueError, "n_samples, n_features"),
    (np.array([["a", "b"], ["c", "d"]]), np.array([0, 1]), TypeError, "numbers"),
    (np.ones((2, 2)) * 1j, np.array([0, 1]), TypeError, "real"),
    (np.ones((3, 2)), np.array([0.0, 1.0, np.nan]), ValueError, "y contains NaN"),
])
def test_bad_training_data(X, y, error, words):
    with pytest.raises(error, match=words):
        QuantumClassifier(epochs=1).fit(X, y)


@pytest.mark.parametrize("params, words", [
    (dict(loss="l2"), "loss must be one of"),
    (dict(encoding="basis"), "encoding must be"),
    (dict(encoding=3), "encoding must be a name"),
    (dict(optimizer="lbfgs"), "optimizer must be one of"),
    (dict(validation_fraction=1.5), "validation_fraction"),
    (dict(epochs=0), "epochs must be a positive integer"),
    (dict(batch_size=0), "batch_size must be a positive integer"),
    (dict(n_restarts=0), "n_restarts"),
    (dict(readout=5), "readout"),
    (dict(feature_range=(1.0, 1.0)), "feature_range"),
    (dict(initial_params=np.zeros(3)), r"initial_params must have shape \(8,\)"),
    (dict(initial_params=np.full(8, np.nan)), "initial_params"),
    (dict(preprocess=lambda X: X[:, 0]), "preprocess must return"),
    (dict(preprocess="fanout"), "preprocess must be a function"),
    (dict(encoding=angle_circuit(3)), "reads 3 feature"),
    (dict(structure=qk.Circuit(3)), "structure must be a Circuit on the encoding's 2 qubit"),
])
def test_bad_hyperparameters_are_named(params, words):
    X, y = _moons(20)
    with pytest.raises((ValueError, TypeError), match=words):
        QuantumClassifier(epochs=params.pop("epochs", 1), **params).fit(X, y)


def test_bad_input_at_predict():
    clf, X, y = _fitted()
    with pytest.raises(ValueError, match="X has 3 features, but the classifier was fitted with 2"):
        clf.predict(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        clf.predict(np.array([[np.nan, 0.0]]))
    with pytest.raises(ValueError, match="empty"):
        clf.predict_proba(np.zeros((0, 2)))
    with pytest.raises(ValueError, match="y must have shape"):
        clf.score(X, y[:-1])
    with pytest.raises(ValueError, match="not fitted"):
        QuantumClassifier().predict(X)


# ---------------------------------------------------------------- predictions
def test_predict_proba_decision_function_and_predict_agree():
    clf, X, y = _fitted()
    proba, dec, pred = clf.predict_proba(X), clf.decision_function(X), clf.predict(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1)
    assert np.all((0 <= proba) & (proba <= 1))
    np.testing.assert_array_equal(pred, clf.classes_[(dec > 0).astype(int)])
    assert clf.score(X, y) == pytest.approx(np.mean(pred == y))


def test_readout_probability_is_p_and_the_rule_adds_the_bias():
    X, y = _moons(24)
    clf = QuantumClassifier(n_layers=1, epochs=2, random_state=0).fit(X, y)
    lo, hi = X.min(axis=0), X.max(axis=0)
    p = _p_by_hand(X, clf.params_, 1, lo, hi)
    np.testing.assert_allclose(clf.decision_function(X), p + clf.bias_ - 0.5, atol=1e-12)
    np.testing.assert_array_equal(clf.predict(X), (p + clf.bias_ > 0.5).astype(int))


# ---------------------------------------------------------------- the bias
def _errors(p, y, b):
    return int(np.sum((p + b > 0.5).astype(int) != y))


@pytest.mark.parametrize("seed", range(8))
def test_fit_bias_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 40))
    y = rng.integers(0, 2, n)
    p = np.clip(0.3 + 0.2 * y + rng.normal(0, 0.2, n), 0, 1)
    if seed % 2:
        p = np.round(p, 1)                                   # ties between samples
    b = fit_bias(p, y)
    candidates = np.concatenate([np.linspace(-0.6, 0.6, 2401), 0.5 - p + 1e-9, 0.5 - p - 1e-9])
    best = min(_errors(p, y, c) for c in candidates)
    assert _errors(p, y, b) == best
    assert -0.5 <= b <= 0.5


def test_fit_bias_prefers_the_smallest_bias_among_the_best():
    assert fit_bias(np.array([0.1, 0.2, 0.3, 0.4]), np.array([0, 0, 1, 1])) == pytest.approx(0.25)
    assert fit_bias(np.array([0.2, 0.8]), np.array([0, 1])) == 0.0


def test_the_fitted_bias_minimises_training_misclassifications():
    X, y = _moons(40, seed=2)
    clf = QuantumClassifier(n_layers=1, epochs=3, random_state=0).fit(X, y)
    p = clf.decision_function(X) + 0.5 - clf.bias_
    best = min(_errors(p, y, c) for c in np.linspace(-0.6, 0.6, 4801))
    assert _errors(p, y, clf.bias_) == best
    assert clf.accuracy_curve_["train"][-1] == pytest.approx(1 - best / len(y))


# ---------------------------------------------------------------- one-vs-rest
def _blobs(seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [3.0, 0.0], [1.5, 2.5]])
    X = np.vstack([c + rng.normal(0, 0.35, (20, 2)) for c in centres])
    return X, np.repeat(np.array(["ant", "bee", "cat"]), 20)


def test_one_vs_rest_on_three_classes():
    X, y = _blobs()
    clf = QuantumClassifier(n_layers=2, epochs=15, random_state=0).fit(X, y)
    assert list(clf.classes_) == ["ant", "bee", "cat"]
    assert len(clf.estimators_) == 3 and clf.n_iter_ == 15
    for c, est in zip(clf.classes_, clf.estimators_):
        assert list(est.classes_) == [0, 1]                     # "this class or not"
        np.testing.assert_array_equal(est.predict(X) == 1, est.decision_function(X) > 0)
        assert est.score(X, (y == c).astype(int)) >= 0.85
    proba = clf.predict_proba(X)
    assert proba.shape == (60, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1)
    assert clf.decision_function(X).shape == (60, 3)
    pred = clf.predict(X)
    np.testing.assert_array_equal(pred, clf.classes_[np.argmax(clf.decision_function(X), axis=1)])
    assert set(pred) <= set(clf.classes_)
    assert clf.score(X, y) >= 0.9


def test_one_vs_rest_seeds_and_callbacks():
    X, y = _blobs(1)
    seen = []
    clf = QuantumClassifier(n_layers=1, epochs=2, random_state=3, callback=seen.append).fit(X, y)
    assert [(i["estimator"], i["epoch"]) for i in seen] == [(k, e) for k in range(3) for e in (1, 2)]
    assert all(i["n_estimators"] == 3 for i in seen)
    single = QuantumClassifier(n_layers=1, epochs=2, random_state=4).fit(X, (y == "bee").astype(int))
    np.testing.assert_array_equal(clf.estimators_[1].params_, single.params_)   # seed 3 + 1
    assert clf.estimators_[0].callback is clf.callback


# ---------------------------------------------------------------- callback, restarts, preprocess
def test_callback_receives_each_epoch_and_can_stop_training():
    X, y = _moons(30)
    infos = []

    def stop_at_three(info):
        infos.append(info)
        return info["epoch"] == 3
    clf = QuantumClassifier(epochs=10, validation_fraction=0.3, random_state=0,
                            callback=stop_at_three).fit(X, y)
    assert clf.n_iter_ == 3 and len(clf.loss_curve_) == 3
    assert [i["epoch"] for i in infos] == [1, 2, 3]
    last = infos[-1]
    assert last["loss"] == clf.loss_curve_[-1] and last["epochs"] == 10
    assert last["validation_accuracy"] == clf.accuracy_curve_["validation"][-1]
    np.testing.assert_array_equal(last["params"], clf.params_)
    np.testing.assert_allclose(last["decision_function"](X), clf.decision_function(X))


def test_initial_params_rows_are_starts_and_the_best_run_is_kept():
    X, y = _moons(30)
    starts = np.random.default_rng(0).uniform(0, 2 * np.pi, (2, 8))
    first = QuantumClassifier(epochs=3, initial_params=starts[0], random_state=0).fit(X, y)
    seen = []
    clf = QuantumClassifier(epochs=3, initial_params=starts, n_restarts=4, random_state=0,
                            callback=seen.append).fit(X, y)
    assert len(seen) == 4 * 3                       # two given starts, then two random ones
    np.testing.assert_array_equal(seen[2]["params"], first.params_)   # the first run, exactly
    finals = [seen[3 * k + 2]["loss"] for k in range(4)]
    assert clf.loss_curve_[-1] == min(finals)


def test_preprocess_is_the_same_as_transforming_the_data_first():
    X, y = _moons(40)
    pad = functools.partial(left_padding, constants=[0.5, 0.1])
    a = QuantumClassifier(encoding="amplitude", preprocess=pad, n_layers=1, epochs=3,
                          random_state=0).fit(X, y)
    b = QuantumClassifier(encoding="amplitude", n_layers=1, epochs=3, random_state=0).fit(pad(X), y)
    np.testing.assert_array_equal(a.params_, b.params_)
    np.testing.assert_array_equal(a.predict(X), b.predict(pad(X)))
    assert a.n_features_in_ == 2 and b.n_features_in_ == 4


def test_microsoft_circle_is_separated_by_the_feature_map_alone():
    Xt, yt = qk.datasets.make_microsoft("circle", 150, random_state=1)
    Xv, yv = qk.datasets.make_microsoft("circle", 50, random_state=2)
    clf = QuantumClassifier(encoding="amplitude", structure=qk.Circuit(2), epochs=1,
                            preprocess=functools.partial(left_padding, constants=[0.8, 0.0])).fit(Xt, yt)
    assert clf.params_.size == 0
    assert clf.score(Xv, yv) >= 0.95


# ---------------------------------------------------------------- shots
def test_shots_mode_runs_and_predicts():
    X, y = _moons(30)
    clf = QuantumClassifier(n_layers=1, epochs=2, shots=200, random_state=0).fit(X, y)
    assert clf.predict(X).shape == (30,) and len(clf.loss_curve_) == 2
    np.testing.assert_array_equal(clf.predict(X), clf.predict(X))     # seeded estimates


def test_shots_gradient_is_within_standard_errors_of_the_exact_one():
    """Parameter shift on shots is unbiased for the squared loss (ℓ′ is linear in p): the mean of
    R one-step estimates must lie within a few standard errors of the exact gradient."""
    X, y = _moons(16, seed=4)
    theta0 = np.random.default_rng(2).uniform(0, 2 * np.pi, 4)
    kw = dict(n_layers=1, optimizer="sgd", learning_rate=1.0, batch_size=None, epochs=1,
              initial_params=theta0)
    exact = theta0 - QuantumClassifier(random_state=0, **kw).fit(X, y).params_
    R = 40
    est = np.array([theta0 - QuantumClassifier(shots=500, random_state=r, **kw).fit(X, y).params_
                    for r in range(R)])
    se = est.std(axis=0, ddof=1) / np.sqrt(R)
    assert np.all(se > 0) and np.all(se < 0.05)
    assert np.all(np.abs(est.mean(axis=0) - exact) < 4 * se)
    assert not np.allclose(est[0], exact, atol=1e-6)            # the estimates are really noisy


def test_the_benchmark_models_fit():
    """benchmarks/bench_classifier.py times these fits; here they only run (no timing in tests)."""
    spec = importlib.util.spec_from_file_location("bench_classifier", BENCH / "bench_classifier.py")
    bench = importlib.util.module_from_spec(spec)
    _workloads()
    spec.loader.exec_module(bench)
    X, y = make_moons(bench.N_SAMPLES, noise=0.1, random_state=0)
    for model, n_params in (("microsoft", 8), ("fanout4", 32)):
        clf = bench.fit(model, X, y)
        assert clf.params_.size == n_params and clf.score(X, y) > 0.75
