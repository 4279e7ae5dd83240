"""Data sets for the classifiers, each drawn with a ``random_state``; a train/test split and scaling.

>>> X, y = make_moons(200, noise=0.1, random_state=0)
>>> X.shape, sorted(set(y.tolist()))
((200, 2), [0, 1])
>>> Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
>>> len(ytr), len(yte)
(150, 50)
"""
from __future__ import annotations

import numpy as np

from . import _checks

__all__ = ["make_moons", "make_circles", "make_microsoft", "MICROSOFT_TASKS", "load_iris", "load_wine",
           "IRIS_FEATURES", "IRIS_CLASSES", "WINE_FEATURES", "WINE_CLASSES", "train_test_split",
           "minmax_scale"]


def _n(n_samples) -> int:
    return _checks.positive_int(n_samples, "n_samples")


def _noise(noise) -> float:
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a non-negative number, got {noise!r}")
    return float(noise)


def make_moons(n_samples: int = 200, noise: float = 0.1, random_state=None):
    """Two interleaving half circles (as scikit-learn's ``make_moons``, without shuffling).

    Label 0 is the outer moon, 1 the inner one; Gaussian noise of standard deviation
    ``noise`` is added to both coordinates. With ``random_state=0`` and 200 samples this is
    the data of the W4 benchmark.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
    """
    n = _n(n_samples)
    n_out, n_in = n // 2, n - n // 2
    outer, inner = np.linspace(0.0, np.pi, n_out), np.linspace(0.0, np.pi, n_in)
    X = np.vstack([np.append(np.cos(outer), 1.0 - np.cos(inner)),
                   np.append(np.sin(outer), 1.0 - np.sin(inner) - 0.5)]).T
    y = np.hstack([np.zeros(n_out, dtype=int), np.ones(n_in, dtype=int)])
    rng = np.random.default_rng(random_state)
    return X + rng.normal(scale=_noise(noise), size=X.shape), y


def make_circles(n_samples: int = 200, noise: float = 0.05, factor: float = 0.5, random_state=None):
    """A small circle (label 1, radius ``factor``) inside a large one (label 0, radius 1)."""
    n = _n(n_samples)
    if not 0 < factor < 1:
        raise ValueError(f"factor must be between 0 and 1, got {factor!r}")
    n_out, n_in = n // 2, n - n // 2
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.column_stack([np.cos(t_out), np.sin(t_out)]),
                   factor * np.column_stack([np.cos(t_in), np.sin(t_in)])])
    y = np.hstack([np.zeros(n_out, dtype=int), np.ones(n_in, dtype=int)])
    rng = np.random.default_rng(random_state)
    return X + rng.normal(scale=_noise(noise), size=X.shape), y


def _angular(x):
    angle = np.arctan(x[:, 1] / x[:, 0])
    return ((angle >= -np.pi / 4) & (angle <= np.pi / 4)).astype(int)


MICROSOFT_TASKS = {
    # name: (low, high, rule giving label 1), as in Microsoft's QuantumClassification tutorial
    "angular": (-1.0, 1.0, _angular),
    "vertical": (0.0, 1.0, lambda x: (x[:, 0] >= 0.5).astype(int)),
    "horizontal": (-1.5, 1.5, lambda x: (np.abs(x[:, 1]) >= 0.75).astype(int)),
    "circle": (-1.0, 1.0, lambda x: (x[:, 0] ** 2 + x[:, 1] ** 2 >= 0.8 ** 2).astype(int)),
    "hyperbola": (-1.0, 1.0, lambda x: (0.3 ** 2 + x[:, 0] ** 2 <= x[:, 1] ** 2).astype(int)),
}


def make_microsoft(task: str, n_samples: int = 150, random_state=None):
    """The synthetic two-feature tasks of Microsoft's QuantumClassification tutorial.

    Points are uniform in a square; the label follows a simple rule: ``angular`` (1 between
    the lines through the origin at ±45°), ``vertical`` (x ≥ 0.5), ``horizontal``
    (|y| ≥ 0.75), ``circle`` (outside radius 0.8), ``hyperbola`` (y² ≥ 0.3² + x²).

    >>> X, y = make_microsoft("circle", 5, random_state=1)
    >>> bool(np.all(y == (np.hypot(X[:, 0], X[:, 1]) >= 0.8)))
    True
    """
    if task not in MICROSOFT_TASKS:
        raise ValueError(f"task must be one of {sorted(MICROSOFT_TASKS)}, got {task!r}")
    low, high, rule = MICROSOFT_TASKS[task]
    X = np.random.default_rng(random_state).uniform(low, high, size=(_n(n_samples), 2))
    return X, rule(X)


# ---------------------------------------------------------------------- real data (qmlkit/data/)
IRIS_FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")
IRIS_CLASSES = ("setosa", "versicolor", "virginica")
WINE_FEATURES = ("alcohol", "malic acid", "ash", "alcalinity of ash", "magnesium", "total phenols",
                 "flavanoids", "nonflavanoid phenols", "proanthocyanins", "color intensity", "hue",
                 "OD280/OD315 of diluted wines", "proline")
WINE_CLASSES = ("cultivar 1", "cultivar 2", "cultivar 3")


def _read_csv(name: str):
    """(features, last column as strings) of a CSV file shipped in qmlkit/data/."""
    from importlib.resources import files
    lines = files("qmlkit").joinpath("data", name).read_text(encoding="utf-8").splitlines()
    rows = [ln.split(",") for ln in lines[1:] if ln.strip()]               # skip the header
    return np.array([r[:-1] for r in rows], dtype=float), np.array([r[-1] for r in rows])


def _select(X, labels, classes, binary, default_pair):
    """All classes as 0, 1, 2, …; or, for ``binary``, the rows of two classes as 0 and 1."""
    y = np.array([classes.index(v) for v in labels])
    if binary is False or binary is None:
        return X, y
    pair = default_pair if binary is True else tuple(binary)
    if len(pair) != 2:
        raise ValueError(f"binary must be True, False or a pair of classes, got {binary!r}")
    idx = []
    for c in pair:
        if isinstance(c, str) and c in classes:
            idx.append(classes.index(c))
        elif isinstance(c, (int, np.integer)) and not isinstance(c, bool) and 0 <= c < len(classes):
            idx.append(int(c))
        else:
            raise ValueError(f"unknown class {c!r}: choose from {list(classes)} or their indices "
                             f"0..{len(classes) - 1}")
    if idx[0] == idx[1]:
        raise ValueError(f"binary needs two different classes, got {pair!r}")
    keep = np.isin(y, idx)
    return X[keep], (y[keep] == idx[1]).astype(int)


def load_iris(binary=False):
    """Fisher's Iris flowers (UCI, CC BY 4.0): 150 samples, 4 measurements in cm (`IRIS_FEATURES`).

    Parameters
    ----------
    binary : bool or pair of class names / indices
        False: all three species as labels 0, 1, 2 (`IRIS_CLASSES`). True: setosa (0) against
        versicolor (1), the first 100 rows. A pair such as ``("versicolor", "virginica")``:
        the rows of those two species, labelled 0 and 1 in that order.

    Returns
    -------
    X : ndarray of shape (n_samples, 4)
    y : ndarray of int, shape (n_samples,)

    >>> X, y = load_iris()
    >>> X.shape, np.bincount(y).tolist()
    ((150, 4), [50, 50, 50])
    >>> X, y = load_iris(binary=("versicolor", "virginica"))
    >>> X.shape, np.bincount(y).tolist()
    ((100, 4), [50, 50])
    """
    X, labels = _read_csv("iris.csv")
    return _select(X, labels, IRIS_CLASSES, binary, ("setosa", "versicolor"))


def load_wine(binary=False):
    """Three cultivars of Italian wine (UCI, Aeberhard & Forina; CC BY 4.0): 178 samples, 13
    chemical measurements (`WINE_FEATURES`, on very different scales: scale them before encoding).

    Parameters
    ----------
    binary : bool or pair of class names / indices
        False: the three cultivars as labels 0, 1, 2 (`WINE_CLASSES`). True: cultivar 1 (0)
        against cultivar 2 (1). A pair of names or indices: those two, labelled 0 and 1.

    Returns
    -------
    X : ndarray of shape (n_samples, 13)
    y : ndarray of int, shape (n_samples,)

    >>> X, y = load_wine(binary=True)
    >>> X.shape, np.bincount(y).tolist()
    ((130, 13), [59, 71])
    """
    X, labels = _read_csv("wine.csv")
    names = np.array([f"cultivar {v}" for v in labels])
    return _select(X, names, WINE_CLASSES, binary, (0, 1))


def train_test_split(X, y, test_size: float = 0.25, random_state=None, stratify: bool = True):
    """Shuffle and split into train and test parts (stratified by label by default).

    Returns ``X_train, X_test, y_train, y_test``; every class keeps its share of the test part.
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be a fraction between 0 and 1, got {test_size!r}")
    rng = np.random.default_rng(random_state)
    groups = [np.flatnonzero(y == c) for c in np.unique(y)] if stratify else [np.arange(len(y))]
    test = []
    for g in groups:
        g = rng.permutation(g)
        test.extend(g[: int(round(test_size * len(g)))].tolist())
    test = np.array(sorted(test), dtype=int)
    train = np.setdiff1d(np.arange(len(y)), test)
    if len(test) == 0 or len(train) == 0:
        raise ValueError(f"test_size={test_size} leaves an empty train or test part for {len(y)} samples")
    train, test = rng.permutation(train), rng.permutation(test)
    return X[train], X[test], y[train], y[test]


def minmax_scale(X, feature_range=(0.0, np.pi), data_min=None, data_max=None):
    """Scale each feature linearly onto ``feature_range`` (angle encodings like [0, π]).

    Pass ``data_min``/``data_max`` from the training data to scale test data the same way.

    >>> minmax_scale([[0.0], [2.0], [4.0]], (0, 1)).ravel()
    array([0. , 0.5, 1. ])
    """
    x = _checks.finite(np.asarray(X, dtype=float), "X")
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError(f"X must have shape (n_samples, n_features), got {x.shape}")
    lo = x.min(axis=0) if data_min is None else np.asarray(data_min, dtype=float)
    hi = x.max(axis=0) if data_max is None else np.asarray(data_max, dtype=float)
    span = np.where(hi > lo, hi - lo, 1.0)                 # a constant feature maps to the low end
    a, b = feature_range
    return a + (x - lo) / span * (b - a)


# ---------------------------------------------------------------------- notebook 05: ad hoc and re-uploading data
def _haar_unitary(dim: int, rng) -> np.ndarray:
    """A Haar-random unitary ``(dim, dim)``: QR of a complex Gaussian matrix, phases fixed (Mezzadri 2007)."""
    z = (rng.normal(size=(dim, dim)) + 1j * rng.normal(size=(dim, dim))) / np.sqrt(2)
    q, r = np.linalg.qr(z)
    d = np.diagonal(r)
    return q * (d / np.abs(d))


def make_adhoc(n_samples: int = 40, n_features: int = 2, gap: float = 0.3, random_state=None,
               return_unitary: bool = False):
    """The "ad hoc" data of Havlíček et al. 2019 (Nature 567, 209; arXiv:1804.11326), built so
    that the ZZ feature map's kernel separates it.

    Points x are uniform in [0, 2π)^n. Each is encoded as |Φ(x)⟩ by the ZZ feature map with two
    repetitions (`qmlkit.encoding.zz_feature_map`, the paper's U_Φ(x)); a Haar-random unitary V
    drawn from ``random_state`` and the parity Π = Z⊗…⊗Z give f(x) = ⟨Φ(x)|V†ΠV|Φ(x)⟩. A point
    gets label 1 when f(x) ≥ ``gap``, label 0 when f(x) ≤ −``gap``, and is redrawn otherwise: the
    classes are separated by a margin in the space of density matrices, where the kernel
    |⟨Φ(x)|Φ(x′)⟩|² = Tr ρ(x)ρ(x′) is an inner product.

    Parameters
    ----------
    n_samples : int
        Total number of points; half of them (rounded down) get label 0.
    n_features : int
        Features, one qubit each (the paper uses 2).
    gap : float
        The margin Δ in [0, 1).
    return_unitary : bool
        Also return V, shape (2**n_features, 2**n_features).

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of int, shape (n_samples,)

    >>> X, y = make_adhoc(10, random_state=0)
    >>> X.shape, np.bincount(y).tolist(), bool(X.min() >= 0 and X.max() < 2 * np.pi)
    ((10, 2), [5, 5], True)
    """
    from .encoding import zz_feature_map
    from .observables import pauli

    n, k = _n(n_samples), _checks.positive_int(n_features, "n_features")
    if not (np.isfinite(gap) and 0 <= gap < 1):
        raise ValueError(f"gap must be a number in [0, 1), got {gap!r}")
    rng = np.random.default_rng(random_state)
    fmap, V = zz_feature_map(k, reps=2), _haar_unitary(2 ** k, rng)
    parity = pauli("Z" * k)
    want, found = [n // 2, n - n // 2], [[], []]
    while any(len(f) < w for f, w in zip(found, want)):
        x = rng.uniform(0, 2 * np.pi, size=(max(64, 4 * n), k))
        f = parity.expval(fmap.states(x) @ V.T)                     # ⟨Φ|V†ΠV|Φ⟩ for every row
        for label, keep in ((0, f <= -gap), (1, f >= gap)):
            found[label].extend(x[keep][: want[label] - len(found[label])])
    X = np.vstack([np.array(found[0]).reshape(-1, k), np.array(found[1]).reshape(-1, k)])
    y = np.repeat([0, 1], want)
    order = rng.permutation(n)
    return (X[order], y[order], V) if return_unitary else (X[order], y[order])


def _wavy(x):
    above1 = x[:, 1] > x[:, 0] + np.sin(np.pi * x[:, 0])
    above2 = x[:, 1] > -x[:, 0] + np.sin(np.pi * x[:, 0])
    return 2 * above1 + above2


def _in_circles(x, centres, radii):
    """0 outside every circle, else 1 + the index of the last circle containing the point."""
    y = np.zeros(len(x), dtype=int)
    for k, (c, r) in enumerate(zip(centres, radii)):
        y[np.hypot(x[:, 0] - c[0], x[:, 1] - c[1]) < r] = k + 1
    return y


REUPLOADING_PROBLEMS = {
    # name: (number of classes, rule), as in Pérez-Salinas et al. 2020, section 5 (points uniform in [−1, 1]²)
    "circle": (2, lambda x: _in_circles(x, [(0, 0)], [np.sqrt(2 / np.pi)])),
    "3 circles": (4, lambda x: _in_circles(x, [(-1, 1), (1, 0), (-0.5, -0.5)],
                                         [1, np.sqrt(6 / np.pi - 1), 0.5])),
    "wavy lines": (4, _wavy),
    "squares": (4, lambda x: 2 * (x[:, 0] > 0) + (x[:, 1] > 0)),
    "annulus": (2, lambda x: ((np.hypot(x[:, 0], x[:, 1]) > np.sqrt(0.8 - 2 / np.pi))
                              & (np.hypot(x[:, 0], x[:, 1]) < np.sqrt(0.8))).astype(int)),
}


def make_reuploading(problem: str = "circle", n_samples: int = 200, random_state=None):
    """The two-feature problems of Pérez-Salinas et al. 2020 (Quantum 4, 226; arXiv:1907.02085).

    Points are uniform in [−1, 1]²; labels follow the paper's definitions:

    * ``"circle"``: 1 inside the circle of radius √(2/π) around the origin (half the area), else 0;
    * ``"3 circles"``: circles centred at (−1, 1), (1, 0), (−½, −½) with radii 1, √(6/π − 1), ½
      give classes 1, 2, 3 (a later circle wins where they overlap); 0 outside all of them;
    * ``"wavy lines"``: the curves y = x + sin(πx) and y = −x + sin(πx) cut the square into four
      classes, 2·[above the first] + [above the second];
    * ``"squares"``: the four quadrants, 2·[x₀ > 0] + [x₁ > 0];
    * ``"annulus"`` (the paper's binary annulus): 1 between the radii √(0.8 − 2/π) and √0.8
      (half the area), else 0.

    >>> X, y = make_reuploading("squares", 4, random_state=0)
    >>> bool(np.all(y == 2 * (X[:, 0] > 0) + (X[:, 1] > 0)))
    True
    """
    if problem not in REUPLOADING_PROBLEMS:
        raise ValueError(f"problem must be one of {sorted(REUPLOADING_PROBLEMS)}, got {problem!r}")
    X = np.random.default_rng(random_state).uniform(-1, 1, size=(_n(n_samples), 2))
    return X, REUPLOADING_PROBLEMS[problem][1](X).astype(int)


__all__ += ["make_adhoc", "make_reuploading", "REUPLOADING_PROBLEMS"]
