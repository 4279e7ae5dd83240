"""The data re-uploading classifier: its circuit, targets, gradients, what one and eight layers can learn,
reproducibility and the scikit-learn protocol; the data sets of Pérez-Salinas et al."""
from __future__ import annotations

import numpy as np
import pytest

import qmlkit as qk
import reference as ref
from qmlkit.reuploading import (ReuploadingClassifier, reuploading_classifier_circuit, target_bloch_vectors,
                                target_states)


# ---------------------------------------------------------------- the circuit
def test_circuit_is_l_layers_of_u3_theta_plus_w_x():
    c = reuploading_classifier_circuit(2, n_layers=3)
    assert [op.gate for op in c.ops] == ["U3"] * 3 and c.n_params == 15 and c.n_features == 2
    rng = np.random.default_rng(0)
    params, x = rng.normal(size=15), rng.uniform(-1, 1, 2)
    psi = np.array([1, 0], dtype=complex)
    for layer in params.reshape(3, 5):                   # θ0, w0, θ1, w1, θ2 per layer
        psi = ref.u3(layer[0] + layer[1] * x[0], layer[2] + layer[3] * x[1], layer[4]) @ psi
    np.testing.assert_allclose(c.states(params, x), psi, atol=1e-12)


def test_more_features_and_qubits():
    c = reuploading_classifier_circuit(4, n_layers=2, n_qubits=3)
    assert c.count(1) == 2 * 3 * 2                       # two U3 per qubit and layer for 4 features
    assert c.count(2) == 2                               # CZ 0-1 and 1-2 between the two layers
    assert c.n_params == 2 * 3 * (2 * 3 + 2 * 1 + 1 * 2)  # 4 features: 8 bilinear slots (16) + 2 offsets
    assert reuploading_classifier_circuit(2, 3, n_qubits=2, entangling=False).count(2) == 0


# ---------------------------------------------------------------- targets
@pytest.mark.parametrize("k, fidelity", [(2, [0.0]), (3, [0.25]), (4, [1 / 3]), (5, [0.0, 0.25, 0.5]),
                                         (6, [0.0, 0.5])])
def test_targets_are_spread_over_the_sphere(k, fidelity):
    r = target_bloch_vectors(k)
    np.testing.assert_allclose(np.linalg.norm(r, axis=1), 1)
    states = target_states(k)
    np.testing.assert_allclose(qk.bloch_vector(states), r, atol=1e-12)
    F = np.abs(states.conj() @ states.T) ** 2
    off = np.round(F[~np.eye(k, dtype=bool)], 12)
    assert sorted(set(off.tolist())) == pytest.approx(fidelity)


def test_target_counts_outside_two_to_six_are_refused():
    with pytest.raises(ValueError, match="2 to 6"):
        target_bloch_vectors(7)


# ---------------------------------------------------------------- gradients
@pytest.mark.parametrize("n_qubits, n_classes", [(1, 2), (1, 4), (2, 3)])
def test_cost_gradient_against_finite_differences(n_qubits, n_classes):
    rng = np.random.default_rng(n_qubits + n_classes)
    X = rng.uniform(-1, 1, (12, 2))
    y = np.arange(12) % n_classes
    clf = ReuploadingClassifier(n_layers=3, n_qubits=n_qubits, epochs=1, random_state=0).fit(X, y)
    obs = [clf._observable(r) for r in clf.targets_]
    params = rng.uniform(0, 2 * np.pi, clf.circuit_.n_params)

    def cost(p):          # mean(1 − F_true) from the Bloch vectors of the final states: another path
        return np.mean(1 - clf._fidelities(X, p)[np.arange(len(y)), y])

    h = 1e-6
    fd = np.array([(cost(params + h * e) - cost(params - h * e)) / (2 * h) for e in np.eye(len(params))])
    np.testing.assert_allclose(clf._cost_gradient(params, X, y, obs), fd, atol=1e-7)


def test_fidelities_of_two_classes_sum_to_one():
    X, y = qk.datasets.make_reuploading("circle", 50, random_state=0)
    clf = ReuploadingClassifier(n_layers=2, epochs=2, random_state=0).fit(X, y)
    np.testing.assert_allclose(clf.fidelities(X).sum(axis=1), 1, atol=1e-12)
    psi = clf.circuit_.states(clf.params_, X)
    np.testing.assert_allclose(clf.fidelities(X)[:, 0], np.abs(psi[:, 0]) ** 2, atol=1e-12)   # F0 = |⟨0|ψ⟩|²


# ---------------------------------------------------------------- what one and eight layers can learn
@pytest.fixture(scope="module")
def circle():
    return qk.datasets.make_reuploading("circle", 400, random_state=0), \
        qk.datasets.make_reuploading("circle", 1000, random_state=1)


def _best_accuracy_from_x0_alone():
    """P(class 1 | x0) is the fraction of x1 ∈ [−1, 1] inside the circle: √(r² − x0²) for |x0| < r."""
    x0 = np.linspace(-1, 1, 400001)
    p = np.sqrt(np.clip(2 / np.pi - x0 ** 2, 0, None))
    return np.mean(np.maximum(p, 1 - p))


def test_one_layer_sees_only_x0_and_stays_near_chance(circle):
    """U3(θ0 + w0 x0, θ1 + w1 x1, θ2)|0⟩ has F0 = cos²((θ0 + w0 x0)/2): x1 only changes a phase. So one
    layer cannot beat the best rule on x0 alone, about 0.758 (chance is 0.5), and in practice does not."""
    (X, y), (Xt, yt) = circle
    clf = ReuploadingClassifier(n_layers=1, random_state=0).fit(X, y)
    moved = Xt.copy()
    moved[:, 1] = np.random.default_rng(0).uniform(-1, 1, len(Xt))
    np.testing.assert_allclose(clf.fidelities(moved), clf.fidelities(Xt), atol=1e-12)
    bound = _best_accuracy_from_x0_alone()
    assert bound == pytest.approx(0.758, abs=1e-3)
    assert clf.score(Xt, yt) <= bound + 3 * np.sqrt(bound * (1 - bound) / len(yt))     # 1000 test points


@pytest.mark.parametrize("n_layers", [8, 10])
def test_eight_or_more_layers_classify_the_circle(circle, n_layers):
    (X, y), (Xt, yt) = circle
    clf = ReuploadingClassifier(n_layers=n_layers, n_restarts=3, random_state=0).fit(X, y)
    assert clf.score(Xt, yt) >= 0.9                      # held-out data
    assert clf.loss_curve_[-1] < clf.loss_curve_[0]


def test_training_is_reproducible(circle):
    (X, y), _ = circle
    a = ReuploadingClassifier(n_layers=3, epochs=3, random_state=7).fit(X, y)
    b = ReuploadingClassifier(n_layers=3, epochs=3, random_state=7).fit(X, y)
    c = ReuploadingClassifier(n_layers=3, epochs=3, random_state=8).fit(X, y)
    np.testing.assert_array_equal(a.params_, b.params_)
    assert a.loss_curve_ == b.loss_curve_
    assert not np.allclose(a.params_, c.params_)


def test_restarts_keep_the_lowest_training_cost(circle):
    (X, y), _ = circle
    best = ReuploadingClassifier(n_layers=2, epochs=3, n_restarts=3, random_state=1).fit(X, y)
    rng = np.random.default_rng(1)
    clf = ReuploadingClassifier(n_layers=2, epochs=3, random_state=1).fit(X, y)   # sets up circuit_ and targets_
    obs = [clf._observable(r) for r in clf.targets_]
    labels = np.searchsorted(clf.classes_, y)
    finals = [clf._train(X, labels, obs, rng)[1][-1] for _ in range(3)]
    assert best.loss_curve_[-1] == min(finals)


def test_four_classes_with_tetrahedron_targets():
    X, y = qk.datasets.make_reuploading("squares", 300, random_state=0)
    Xt, yt = qk.datasets.make_reuploading("squares", 300, random_state=1)
    clf = ReuploadingClassifier(n_layers=4, random_state=0).fit(X, y)
    assert clf.classes_.tolist() == [0, 1, 2, 3]
    np.testing.assert_allclose(clf.predict_proba(Xt).sum(axis=1), 1)
    assert clf.score(Xt, yt) > 0.8                       # chance: 0.25
    with pytest.raises(ValueError, match="two classes"):
        clf.predict_counts(np.ones((3, 2)))


def test_predict_counts_reads_the_fraction_of_zeros():
    X, y = qk.datasets.make_reuploading("circle", 100, random_state=2)
    clf = ReuploadingClassifier(n_layers=3, n_qubits=2, epochs=3, random_state=0).fit(X, y)
    exact = 1000 * qk.probabilities(clf.circuit_.states(clf.params_, X))       # "counts" without shot noise
    np.testing.assert_array_equal(clf.predict_counts(exact), clf.predict(X))


def test_scikit_learn_protocol():
    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score

    X, y = qk.datasets.make_reuploading("circle", 60, random_state=3)
    clf = ReuploadingClassifier(n_layers=2, epochs=2, random_state=0)
    assert clone(clf).get_params() == clf.get_params()
    assert repr(clf) == "ReuploadingClassifier(n_layers=2, epochs=2, random_state=0)"
    scores = cross_val_score(clf, X, y, cv=3)
    assert scores.shape == (3,) and np.all((0 <= scores) & (scores <= 1))
    with pytest.raises(ValueError, match="invalid parameter"):
        clf.set_params(layers=3)


@pytest.mark.parametrize("X, y, message", [
    (np.zeros((4, 2)), np.zeros(4), "2 to 6 classes"),
    (np.zeros((7, 2)), np.arange(7), "2 to 6 classes"),
    (np.full((4, 2), np.nan), np.array([0, 1, 0, 1]), "NaN|finite"),
    (np.zeros((4, 2)), np.array([0, 1, 0]), "shape"),
])
def test_bad_input(X, y, message):
    with pytest.raises(ValueError, match=message):
        ReuploadingClassifier(epochs=1).fit(X, y)


def test_predicting_needs_a_fitted_model_and_the_same_features():
    with pytest.raises(ValueError, match="not fitted"):
        ReuploadingClassifier().predict(np.zeros((2, 2)))
    clf = ReuploadingClassifier(n_layers=1, epochs=1).fit(np.array([[0.0, 0.1], [0.5, 0.2]]), [0, 1])
    with pytest.raises(ValueError, match="3 features"):
        clf.predict(np.zeros((2, 3)))


def test_feature_range_scales_with_the_training_data():
    X, y = qk.datasets.make_reuploading("circle", 50, random_state=4)
    a = ReuploadingClassifier(n_layers=2, epochs=2, feature_range=(0, np.pi), random_state=0).fit(10 * X + 3, y)
    b = ReuploadingClassifier(n_layers=2, epochs=2, feature_range=(0, np.pi), random_state=0).fit(X, y)
    np.testing.assert_allclose(a.params_, b.params_, atol=1e-9)          # scaling removes the affine map


# ---------------------------------------------------------------- the data sets
def _rule(problem, x0, x1):
    """The paper's definitions, point by point."""
    r = np.hypot(x0, x1)
    if problem == "circle":
        return int(r < np.sqrt(2 / np.pi))
    if problem == "3 circles":
        label = 0
        for k, ((a, b), rad) in enumerate(zip([(-1, 1), (1, 0), (-0.5, -0.5)], [1, np.sqrt(6 / np.pi - 1), 0.5])):
            if np.hypot(x0 - a, x1 - b) < rad:
                label = k + 1
        return label
    if problem == "wavy lines":
        above1, above2 = x1 > x0 + np.sin(np.pi * x0), x1 > -x0 + np.sin(np.pi * x0)
        return {(False, False): 0, (False, True): 1, (True, False): 2, (True, True): 3}[(above1, above2)]
    if problem == "squares":
        return {(False, False): 0, (False, True): 1, (True, False): 2, (True, True): 3}[(x0 > 0, x1 > 0)]
    return int(np.sqrt(0.8 - 2 / np.pi) < r < np.sqrt(0.8))


@pytest.mark.parametrize("problem", sorted(qk.datasets.REUPLOADING_PROBLEMS))
def test_reuploading_data_sets_follow_the_papers_definitions(problem):
    X, y = qk.datasets.make_reuploading(problem, 300, random_state=0)
    assert X.shape == (300, 2) and X.min() >= -1 and X.max() <= 1
    assert y.tolist() == [_rule(problem, a, b) for a, b in X]
    assert len(np.unique(y)) == qk.datasets.REUPLOADING_PROBLEMS[problem][0]
    np.testing.assert_array_equal(X, qk.datasets.make_reuploading(problem, 300, random_state=0)[0])


@pytest.mark.parametrize("problem", ["circle", "annulus"])
def test_binary_sets_split_the_square_in_halves(problem):
    _, y = qk.datasets.make_reuploading(problem, 40000, random_state=1)
    assert y.mean() == pytest.approx(0.5, abs=0.01)                    # the radii make equal areas


def test_unknown_problem_is_refused():
    with pytest.raises(ValueError, match="problem must be one of"):
        qk.datasets.make_reuploading("spiral")


# ---------------------------------------------------------------- the explorer of notebook 05
def test_explorer_shows_the_fitted_model_of_the_chosen_layer_count():
    import matplotlib
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from qmlkit.widgets import ReuploadingExplorer

    X, y = qk.datasets.make_reuploading("circle", 80, random_state=5)
    Xt, yt = qk.datasets.make_reuploading("circle", 80, random_state=6)
    models = {L: ReuploadingClassifier(n_layers=L, epochs=2, random_state=0).fit(X, y) for L in (1, 2, 4)}
    w = ReuploadingExplorer(models, Xt, yt, X, y, n_layers=2, resolution=10)
    assert w.state == {"n_layers": 2, "train_accuracy": models[2].score(X, y),
                       "test_accuracy": models[2].score(Xt, yt), "n_params": 10}
    w.slider.value = 4
    assert w.state["n_layers"] == 4 and w.state["test_accuracy"] == models[4].score(Xt, yt)
    assert "L = 4 layer(s), 20 parameters" in w.text.value
    w.slider.value = 3                                   # no model with 3 layers: the nearest is shown
    assert w.state["n_layers"] in (2, 4)
    plt.close("all")
    with pytest.raises(ValueError, match="fitted classifiers"):
        ReuploadingExplorer({}, Xt, yt)
