"""Data sets: the generators follow their definitions, W4's moons are the benchmark's, the split is
stratified and disjoint, and the shipped Iris and Wine files equal scikit-learn's copies."""
from __future__ import annotations

import importlib.util
import math
import sys
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest

from qmlkit import datasets as D

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _workloads():
    spec = importlib.util.spec_from_file_location("workloads", BENCH / "workloads.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("workloads", mod)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- moons and circles
def test_w4_moons_are_the_benchmarks():
    W = _workloads()
    Xw, yw = W.make_moons(200, 0.1, 0)
    X, y = D.make_moons(200, noise=0.1, random_state=0)
    np.testing.assert_array_equal(X, Xw)
    np.testing.assert_array_equal(y, yw.astype(int))


@pytest.mark.parametrize("n", [1, 2, 7, 200])
def test_moons_without_noise_lie_on_their_half_circles(n):
    X, y = D.make_moons(n, noise=0.0)
    outer, inner = X[y == 0], X[y == 1]
    assert len(outer) == n // 2 and len(inner) == n - n // 2
    np.testing.assert_allclose(np.hypot(outer[:, 0], outer[:, 1]), 1, atol=1e-12)
    assert np.all(outer[:, 1] >= -1e-12)                               # the upper half circle
    np.testing.assert_allclose(np.hypot(inner[:, 0] - 1, inner[:, 1] - 0.5), 1, atol=1e-12)
    assert np.all(inner[:, 1] <= 0.5 + 1e-12)                          # the lower half, centre (1, 0.5)


def test_moons_noise_has_the_requested_spread_and_seed():
    X0, _ = D.make_moons(4000, noise=0.0)
    X, _ = D.make_moons(4000, noise=0.2, random_state=3)
    assert np.std(X - X0) == pytest.approx(0.2, rel=0.05)
    np.testing.assert_array_equal(X, D.make_moons(4000, noise=0.2, random_state=3)[0])
    assert not np.array_equal(X, D.make_moons(4000, noise=0.2, random_state=4)[0])


def test_circles_without_noise():
    X, y = D.make_circles(50, noise=0.0, factor=0.3)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 0], 1)
    np.testing.assert_allclose(r[y == 1], 0.3)
    assert np.bincount(y).tolist() == [25, 25]


@pytest.mark.parametrize("call, words", [
    (lambda: D.make_moons(0), "n_samples"),
    (lambda: D.make_moons(10, noise=-1), "noise"),
    (lambda: D.make_circles(10, factor=1.5), "factor"),
    (lambda: D.make_microsoft("spiral"), "task must be one of"),
])
def test_generator_bad_input(call, words):
    with pytest.raises(ValueError, match=words):
        call()


# ---------------------------------------------------------------- Microsoft's tasks
def _rule(task, x, y):
    """The label rules of Microsoft's QuantumClassification tutorial, written out per point."""
    if task == "angular":
        angle = math.atan(y / x)
        return 0 if angle < -math.pi / 4 or angle > math.pi / 4 else 1
    if task == "vertical":
        return 0 if x < 0.5 else 1
    if task == "horizontal":
        return 0 if abs(y) < 0.75 else 1
    if task == "circle":
        return 0 if x ** 2 + y ** 2 < 0.8 ** 2 else 1
    return 0 if 0.3 ** 2 + x ** 2 > y ** 2 else 1                       # hyperbola


RANGES = {"angular": (-1, 1), "vertical": (0, 1), "horizontal": (-1.5, 1.5), "circle": (-1, 1),
          "hyperbola": (-1, 1)}


@pytest.mark.parametrize("task", sorted(RANGES))
def test_microsoft_tasks_follow_their_rules(task):
    X, y = D.make_microsoft(task, 400, random_state=11)
    lo, hi = RANGES[task]
    assert X.shape == (400, 2) and np.all((lo <= X) & (X <= hi))
    assert y.tolist() == [_rule(task, a, b) for a, b in X]
    assert 0 < y.mean() < 1                                              # both classes occur
    np.testing.assert_array_equal(X, D.make_microsoft(task, 400, random_state=11)[0])


# ---------------------------------------------------------------- split and scaling
@pytest.mark.parametrize("n, test_size, seed", [(200, 0.25, 0), (150, 0.3, 1), (37, 0.2, 5)])
def test_split_is_stratified_disjoint_and_complete(n, test_size, seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    X = np.arange(n)[:, None] * np.ones((1, 2))                           # row i holds i
    Xtr, Xte, ytr, yte = D.train_test_split(X, y, test_size=test_size, random_state=seed)
    itr, ite = Xtr[:, 0].astype(int), Xte[:, 0].astype(int)
    assert set(itr).isdisjoint(ite) and sorted(np.concatenate([itr, ite])) == list(range(n))
    np.testing.assert_array_equal(ytr, y[itr])
    np.testing.assert_array_equal(yte, y[ite])
    for c in np.unique(y):
        assert (yte == c).sum() == round(test_size * (y == c).sum())      # each class its share
    again = D.train_test_split(X, y, test_size=test_size, random_state=seed)
    np.testing.assert_array_equal(again[1], Xte)


def test_split_bad_input():
    with pytest.raises(ValueError, match="X has 3 samples but y has 2"):
        D.train_test_split(np.zeros((3, 1)), np.zeros(2))
    with pytest.raises(ValueError, match="test_size"):
        D.train_test_split(np.zeros((3, 1)), np.zeros(3), test_size=1.0)


def test_minmax_scale_uses_the_training_range():
    train = np.array([[0.0, 10.0], [2.0, 20.0]])
    np.testing.assert_allclose(D.minmax_scale(train, (0, np.pi)), [[0, 0], [np.pi, np.pi]])
    test = np.array([[1.0, 30.0]])
    np.testing.assert_allclose(D.minmax_scale(test, (0, 1), train.min(axis=0), train.max(axis=0)),
                               [[0.5, 2.0]])


# ---------------------------------------------------------------- Iris and Wine
def test_data_files_ship_inside_the_package():
    data = files("qmlkit").joinpath("data")
    for name in ("iris.csv", "wine.csv", "README.md"):
        assert data.joinpath(name).is_file()
    readme = data.joinpath("README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "UCI Machine Learning Repository" in readme


def test_iris_matches_scikit_learn():
    from sklearn.datasets import load_iris
    ref = load_iris()
    X, y = D.load_iris()
    np.testing.assert_array_equal(X, ref.data)
    np.testing.assert_array_equal(y, ref.target)
    assert list(D.IRIS_CLASSES) == list(ref.target_names)
    assert list(D.IRIS_FEATURES) == list(ref.feature_names)


def test_wine_matches_scikit_learn():
    from sklearn.datasets import load_wine
    ref = load_wine()
    X, y = D.load_wine()
    np.testing.assert_array_equal(X, ref.data)
    np.testing.assert_array_equal(y, ref.target)
    assert X.shape == (178, 13) and len(D.WINE_FEATURES) == 13


@pytest.mark.parametrize("loader, binary, classes", [
    (D.load_iris, True, (0, 1)),
    (D.load_iris, ("versicolor", "virginica"), (1, 2)),
    (D.load_iris, ("virginica", "setosa"), (2, 0)),
    (D.load_iris, (2, 1), (2, 1)),
    (D.load_wine, True, (0, 1)),
    (D.load_wine, ("cultivar 3", "cultivar 1"), (2, 0)),
])
def test_binary_subsets(loader, binary, classes):
    Xall, yall = loader()
    X, y = loader(binary=binary)
    keep = np.isin(yall, classes)
    np.testing.assert_array_equal(X, Xall[keep])
    np.testing.assert_array_equal(y, (yall[keep] == classes[1]).astype(int))


@pytest.mark.parametrize("binary, words", [(("setosa",), "pair"), (("setosa", "rose"), "unknown class"),
                                           (("setosa", "setosa"), "two different"), ((0, 3), "unknown")])
def test_binary_bad_input(binary, words):
    with pytest.raises(ValueError, match=words):
        D.load_iris(binary=binary)
