"""The live training display of notebook 03, driven by made-up callback infos and by a real fit."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import qmlkit as qk  # noqa: E402
from qmlkit.datasets import load_iris, make_moons  # noqa: E402
from qmlkit.widgets import TrainingDisplay, training_display  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _info(epoch, epochs=6, **extra):
    return dict(dict(epoch=epoch, epochs=epochs, loss=1.0 / epoch, validation_loss=None,
                     train_accuracy=0.5 + 0.05 * epoch, validation_accuracy=None), **extra)


def test_progress_text_and_history_follow_the_callback():
    d = training_display(6, every=2)
    assert d.progress.value == 0 and d.progress.max == 6
    for e in range(1, 4):
        assert d.callback(_info(e)) is False
    assert d.progress.value == 3
    assert "epoch 3/6" in d.text.value and "loss 0.3333" in d.text.value
    assert d.history["epoch"] == [1, 2, 3]
    assert d.history["loss"] == [1.0, 0.5, 1.0 / 3]
    assert d.n_redraws == 1                                   # at epoch 2 only


def test_redraws_every_k_epochs_and_at_the_last_one_without_leaking_figures():
    d = TrainingDisplay(7, every=3)
    for e in range(1, 8):
        d.callback(_info(e, epochs=7))
        assert plt.get_fignums() == []                      # every figure is released after drawing
    assert d.n_redraws == 3                                  # epochs 3, 6 and 7 (the last)
    assert d.progress.bar_style == "success"


def test_decision_boundary_is_drawn_with_the_info_decision_function():
    X, y = make_moons(40, noise=0.1, random_state=0)
    seen = []

    def decision(Z):
        seen.append(len(Z))
        return np.asarray(Z)[:, 1] - 0.25
    d = training_display(2, X, y, every=1, resolution=10)
    d.callback(_info(1, epochs=2, decision_function=decision))
    assert seen == [10 * 10 + len(X)]
    d.callback(_info(2, epochs=2))                             # no function: only the loss curve
    assert d.n_redraws == 2 and seen == [10 * 10 + len(X)]


def test_validation_numbers_are_shown():
    d = training_display(3)
    d.callback(_info(1, epochs=3, validation_accuracy=0.75, validation_loss=0.2))
    assert "validation accuracy 0.750" in d.text.value
    assert d.history["validation_loss"] == [0.2]


def test_one_vs_rest_starts_a_new_history_per_classifier():
    d = training_display(2, every=10)
    for k in range(3):
        for e in (1, 2):
            d.callback(_info(e, epochs=2, estimator=k, n_estimators=3))
    assert "classifier 3 of 3" in d.text.value
    assert d.history["epoch"] == [1, 2]


def test_bad_arguments():
    with pytest.raises(ValueError, match="every"):
        training_display(5, every=0)
    with pytest.raises(ValueError, match="shape"):
        training_display(5, X=np.zeros((4, 3)), y=np.zeros(4))


def test_with_a_real_classifier():
    X, y = make_moons(60, noise=0.1, random_state=0)
    d = training_display(4, X, y, every=2, resolution=8)
    clf = qk.QuantumClassifier(epochs=4, random_state=0, callback=d.callback).fit(X, y)
    assert d.progress.value == 4 and d.n_redraws == 2
    assert d.history["loss"] == clf.loss_curve_
    assert d.history["train_accuracy"] == clf.accuracy_curve_["train"]


def test_with_one_vs_rest():
    X, y = load_iris()
    d = training_display(2, every=5)
    qk.QuantumClassifier(n_layers=1, epochs=2, random_state=0, callback=d.callback).fit(X[:, :2], y)
    assert "classifier 3 of 3" in d.text.value


# ---------------------------------------------------------------- the bias explorer
P_TOY = np.array([0.05, 0.1, 0.14, 0.2, 0.22, 0.27, 0.25, 0.31, 0.35, 0.4, 0.44, 0.48])
Y_TOY = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1])


def test_bias_explorer_follows_its_slider():
    e = qk.widgets.bias_explorer(P_TOY, Y_TOY)
    assert e.state["bias"] == 0.0 and e.state["misclassified"] == 5        # every class-1 p < 0.5
    assert "5 of 12" in e.text.value
    e.slider.value = 0.21
    np.testing.assert_array_equal(e.state["predictions"], (P_TOY + 0.21 > 0.5).astype(int))
    assert e.state["threshold"] == pytest.approx(0.29)
    assert e.state["misclassified"] == int(np.sum((P_TOY + 0.21 > 0.5) != Y_TOY)) == 2
    assert e.state["best"]["misclassified"] == 2
    assert plt.get_fignums() == []


def test_bias_explorer_bad_input():
    with pytest.raises(ValueError, match="one length"):
        qk.widgets.bias_explorer([0.1, 0.2], [0])


def test_a_classifier_with_a_display_can_be_cloned():
    from sklearn.base import clone
    d = training_display(3)
    copy = clone(qk.QuantumClassifier(epochs=3, callback=d.callback))
    assert copy.callback.__self__ is d                       # the one display on screen is shared
