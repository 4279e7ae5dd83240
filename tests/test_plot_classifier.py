"""The classifier pictures of notebook 03: decision boundary, training curves, confusion matrix (Agg, no display)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import qmlkit as qk  # noqa: E402
from qmlkit.datasets import load_iris, make_moons  # noqa: E402
from qmlkit.plotting import plot_confusion_matrix, plot_decision_boundary, plot_training_curves  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


class LineClassifier:
    """A known classifier: class 1 where x0 > 0.5 (probability a logistic in x0); counts its calls."""

    classes_ = np.array([0, 1])

    def __init__(self):
        self.calls = []

    def predict_proba(self, X):
        self.calls.append(("predict_proba", len(X)))
        q = 1 / (1 + np.exp(-10 * (np.asarray(X)[:, 0] - 0.5)))
        return np.column_stack([1 - q, q])

    def predict(self, X):
        self.calls.append(("predict", len(X)))
        return (np.asarray(X)[:, 0] > 0.5).astype(int)


def _points(gid, ax):
    return sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() == gid)


def _data():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (40, 2))
    y = (X[:, 0] > 0.5).astype(int)
    y[:5] = 1 - y[:5]                          # five labels the line gets wrong
    return X, y


def test_decision_boundary_marks_misclassified_points():
    X, y = _data()
    clf = LineClassifier()
    ax = plot_decision_boundary(clf, X, y, resolution=30)
    wrong = int(np.sum(clf.predict(X) != y))
    assert wrong == 5
    assert _points("misclassified", ax) == wrong
    assert _points("correct", ax) == len(y) - wrong
    misplaced = np.vstack([c.get_offsets() for c in ax.collections if c.get_gid() == "misclassified"])
    assert sorted(map(tuple, misplaced)) == sorted(map(tuple, X[:5]))
    assert "35 of 40 correct" in ax.get_title()


def test_decision_boundary_classifies_the_grid_in_one_batched_call():
    X, y = _data()
    clf = LineClassifier()
    plot_decision_boundary(clf, X, y, resolution=25)
    grid_calls = [c for c in clf.calls if c[1] == 25 * 25]
    assert grid_calls == [("predict_proba", 625)]


def test_decision_boundary_background_and_line_follow_the_probability():
    X, y = _data()
    ax = plot_decision_boundary(LineClassifier(), X, y, resolution=41, margin=0.0)
    filled, line = ax.collections[0], ax.collections[1]
    assert len(ax.collections) >= 2
    # The ½-contour of a logistic centred at x0 = 0.5 is the vertical line x0 = 0.5.
    verts = np.vstack([p.vertices for p in line.get_paths()])
    np.testing.assert_allclose(verts[:, 0], 0.5, atol=0.01)
    assert filled.get_cmap().name == "RdBu_r"


def test_decision_boundary_of_a_decision_function():
    X, y = _data()
    calls = []

    def decision(Z):
        calls.append(len(Z))
        return np.asarray(Z)[:, 0] - 0.5
    ax = plot_decision_boundary(decision, X, y, resolution=20)
    assert calls == [20 * 20 + len(X)]
    assert _points("misclassified", ax) == 5


def test_decision_boundary_of_a_fitted_quantum_classifier():
    X, y = make_moons(60, noise=0.1, random_state=1)
    clf = qk.QuantumClassifier(n_layers=2, epochs=4, random_state=0).fit(X, y)
    ax = plot_decision_boundary(clf, X, y, resolution=20)
    assert _points("misclassified", ax) == int(np.sum(clf.predict(X) != y))
    assert _points("correct", ax) + _points("misclassified", ax) == len(y)


def test_decision_boundary_with_three_classes_colours_the_predicted_class():
    X, y = load_iris()
    X = X[:, 2:]
    clf = qk.QuantumClassifier(n_layers=1, epochs=3, random_state=0).fit(X, y)
    ax = plot_decision_boundary(clf, X, y, resolution=15)
    assert _points("misclassified", ax) == int(np.sum(clf.predict(X) != y))
    assert len([c for c in ax.collections if c.get_gid() == "correct"]) == 3


@pytest.mark.parametrize("X, y, word", [(np.zeros((4, 3)), np.zeros(4), "2 features"),
                                        (np.zeros((4, 2)), np.zeros(3), "samples")])
def test_decision_boundary_bad_input(X, y, word):
    with pytest.raises(ValueError, match=word):
        plot_decision_boundary(LineClassifier(), X, y)


# ---------------------------------------------------------------- training curves
def test_training_curves_show_train_and_validation():
    X, y = make_moons(80, noise=0.1, random_state=0)
    clf = qk.QuantumClassifier(epochs=5, validation_fraction=0.25, random_state=0).fit(X, y)
    loss_ax, acc_ax = plot_training_curves(clf)
    loss_lines = {ln.get_label(): ln.get_ydata() for ln in loss_ax.get_lines()}
    acc_lines = {ln.get_label(): ln.get_ydata() for ln in acc_ax.get_lines()}
    np.testing.assert_array_equal(loss_lines["train"], clf.loss_curve_)
    np.testing.assert_array_equal(loss_lines["validation"], clf.validation_loss_curve_)
    np.testing.assert_array_equal(acc_lines["train"], clf.accuracy_curve_["train"])
    np.testing.assert_array_equal(acc_lines["validation"], clf.accuracy_curve_["validation"])
    assert list(loss_ax.get_lines()[0].get_xdata()) == [1, 2, 3, 4, 5]


def test_training_curves_one_panel_and_one_vs_rest():
    X, y = load_iris()
    clf = qk.QuantumClassifier(n_layers=1, epochs=3, random_state=0).fit(X[:, :2], y)
    ax = plot_training_curves(clf, which="loss")
    assert sorted(ln.get_label() for ln in ax.get_lines()) == [
        "train (class 0)", "train (class 1)", "train (class 2)"]
    with pytest.raises(ValueError, match="which"):
        plot_training_curves(clf, which="both-ish")
    with pytest.raises(ValueError, match="fitted"):
        plot_training_curves(qk.QuantumClassifier())


# ---------------------------------------------------------------- confusion matrix
def test_confusion_matrix_counts():
    t = np.array([0, 0, 1, 1, 1, 2, 2])
    p = np.array([0, 1, 1, 1, 2, 2, 0])
    ax = plot_confusion_matrix(t, p)
    m = ax.images[0].get_array()
    expected = np.zeros((3, 3))
    for a, b in zip(t, p):
        expected[a, b] += 1
    np.testing.assert_array_equal(m, expected)
    texts = [x.get_text() for x in ax.texts if x.get_gid() == "count"]
    assert texts == [str(int(v)) for v in expected.ravel()]
    assert ax.get_xlabel() == "predicted label" and ax.get_ylabel() == "true label"


def test_confusion_matrix_normalized_rows_and_labels():
    ax = plot_confusion_matrix([1, 1, 1, 1], [1, 1, 1, 5], labels=[1, 5], normalize=True)
    np.testing.assert_allclose(ax.images[0].get_array(), [[0.75, 0.25], [0.0, 0.0]])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "5"]


def test_confusion_matrix_bad_input():
    with pytest.raises(ValueError, match="length"):
        plot_confusion_matrix([0, 1], [0])
