"""Matplotlib pictures of states: probability and amplitude bars, the Bloch sphere.

Every ``plot_*`` function takes an optional ``ax``, draws on it (or on a new
figure) and returns the Axes, so plots compose; nothing here computes physics
that the rest of qmlkit does not already provide.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_state(np.array([1, 0, 0, 1]) / np.sqrt(2))
>>> [t.get_text() for t in ax.get_xticklabels()]
['|00⟩', '|01⟩', '|10⟩', '|11⟩']
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cm, colors

from . import _checks
from .state import bloch_vector, probabilities

__all__ = ["plot_state", "plot_bloch"]


def _kets(n):
    return [f"|{format(i, f'0{n}b')}⟩" for i in range(2 ** n)]


def plot_state(state, ax=None, amplitudes: bool = False, title: str | None = None):
    """Bars of the measurement probabilities of one state (or, with ``amplitudes=True``,
    the amplitudes' magnitudes coloured by their phase).

    Parameters
    ----------
    state : array-like of shape (2**n_qubits,)
    ax : matplotlib Axes, optional
    amplitudes : bool
        Show |amplitude| with the phase as colour instead of probabilities.
    title : str, optional

    Returns
    -------
    matplotlib Axes
    """
    psi, single = _checks.states(state)
    if not single:
        raise ValueError(f"plot_state draws one state of shape (2**n,), got shape {np.shape(state)}")
    psi = psi[0]
    n = _checks.state_dim(psi.size)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(3.5, 0.45 * 2 ** n + 1.5), 2.8))
    x = np.arange(2 ** n)
    if amplitudes:
        phase = np.angle(psi)
        norm = colors.Normalize(-np.pi, np.pi)
        ax.bar(x, np.abs(psi), color=cm.twilight(norm(phase)), edgecolor="black", linewidth=0.5)
        sm = cm.ScalarMappable(norm=norm, cmap="twilight")
        cbar = ax.figure.colorbar(sm, ax=ax, ticks=[-np.pi, 0, np.pi], pad=0.02)
        cbar.ax.set_yticklabels(["−π", "0", "π"])
        cbar.set_label("phase")
        ax.set_ylabel("|amplitude|")
    else:
        ax.bar(x, probabilities(psi), color="tab:blue", edgecolor="black", linewidth=0.5)
        ax.set_ylabel("probability")
    ax.set_ylim(0, 1.05)
    ax.set_xticks(x)
    ax.set_xticklabels(_kets(n), rotation=90 if n > 3 else 0)
    if title:
        ax.set_title(title)
    return ax


def plot_bloch(state, ax=None, wire: int = 0, label: str | None = None, color: str = "tab:red"):
    """The Bloch sphere with the Bloch vector of ``wire`` of ``state`` as an arrow.

    ``state`` may also be a Bloch vector ``(x, y, z)`` itself. |0⟩ is at the
    top (+z), |1⟩ at the bottom, |+⟩ on +x and |+i⟩ on +y. Call it again with
    the same ``ax`` to add more arrows.

    Returns
    -------
    matplotlib Axes (3-D)
    """
    v = np.asarray(state)
    vec = v.astype(float) if (v.shape == (3,) and np.isrealobj(v)) else bloch_vector(state, wire)
    if vec.shape != (3,):
        raise ValueError(f"plot_bloch draws one state or one Bloch vector, got shape {v.shape}")
    if ax is None:
        fig = plt.figure(figsize=(3.6, 3.6))
        ax = fig.add_subplot(projection="3d")
    if not getattr(ax, "_qmlkit_sphere", False):
        _draw_sphere(ax)
    ax.quiver(0, 0, 0, *vec, color=color, linewidth=2.5, arrow_length_ratio=0.12)
    if label:
        ax.text(*(1.15 * vec), label, color=color)
    return ax


def _draw_sphere(ax):
    u, w = np.mgrid[0:2 * np.pi:40j, 0:np.pi:20j]
    ax.plot_wireframe(np.cos(u) * np.sin(w), np.sin(u) * np.sin(w), np.cos(w),
                      color="0.8", linewidth=0.4)
    for a, b, name in [((-1, 0, 0), (1, 0, 0), "x"), ((0, -1, 0), (0, 1, 0), "y"),
                       ((0, 0, -1), (0, 0, 1), "z")]:
        ax.plot(*zip(a, b), color="0.5", linewidth=0.8)
    for pos, text in [((0, 0, 1.2), "|0⟩"), ((0, 0, -1.3), "|1⟩"), ((1.3, 0, 0), "|+⟩"),
                      ((0, 1.3, 0), "|+i⟩")]:
        ax.text(*pos, text, ha="center", va="center")
    ax.set_box_aspect((1, 1, 1), zoom=1.3)
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.set_zlim(-1, 1)
    ax.set_axis_off()
    ax._qmlkit_sphere = True


# ---------------------------------------------------------------------- circuit diagrams
_UNIT_IN = 0.5          # inches per wire spacing (and per data unit) in a figure plot_circuit makes
_FONT = 8               # points
_BOX_H = 0.7            # box height, in wire spacings


def _text_width(s: str, size: float) -> float:
    """Width of ``s`` at ``size`` points, in data units of a figure made by plot_circuit."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath
    if not s:
        return 0.0
    return TextPath((0, 0), s, prop=FontProperties(size=size)).get_extents().width / 72 / _UNIT_IN


def _op_width(op) -> float:
    """Width of an operation's widest symbol: its box, or a dot, ⊕ or ×."""
    if op.gate == "SWAP" or (op.gate == "X" and op.controls):
        return 0.5
    from ._draw import gate_text
    return max(0.6, max(_text_width(t, _FONT) for t in gate_text(op)) + 0.3)


def plot_circuit(circuit, ax=None, max_width: float | None = 14.0):
    """A circuit diagram: wires left to right, gates in boxes labelled with their name and
    angles (θ3 for a parameter, x1 for a feature, numbers rounded), controls as dots on a
    vertical line, CNOT targets as ⊕ and SWAPs as ×.

    Gates are packed into columns exactly as in the text diagram (``print(circuit)``). A circuit
    wider than ``max_width`` inches continues on further rows, as text wraps. Without ``ax`` the
    figure is sized to the circuit (half an inch per wire), so every label fits its box; an
    ``ax`` you pass keeps its size.

    Parameters
    ----------
    circuit : Circuit
    ax : matplotlib Axes, optional
    max_width : float or None
        The longest row, in inches at the figure's own scale; None draws one row.

    Returns
    -------
    matplotlib Axes

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from qmlkit import Circuit, Param
    >>> ax = plot_circuit(Circuit(2).ry(Param(0), 0).cnot(0, 1))
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "gate-label"]
    ['RY\\nθ0']
    """
    from ._draw import layout
    from .circuit import Circuit
    if not isinstance(circuit, Circuit):
        raise TypeError(f"plot_circuit draws a qmlkit Circuit, got {type(circuit).__name__}")
    n, ops = circuit.n_qubits, circuit.ops
    cols = layout(ops)
    widths = np.zeros(max(cols, default=-1) + 1)
    for op, k in zip(ops, cols):
        widths[k] = max(widths[k], _op_width(op))
    rows, x = _rows(widths, max_width)
    left, pitch = _LEFT, n - 1 + _ROW_GAP                 # pitch: distance between rows
    right = [left + _GAP + max((x[k] + widths[k] / 2 for k in range(len(widths)) if rows[k] == r),
                               default=0) + 0.2 for r in range(max(rows, default=0) + 1)]
    if ax is None:
        height = (len(right) - 1) * pitch + n - 1 + 1.2
        fig = plt.figure(figsize=(max(right) * _UNIT_IN, height * _UNIT_IN))
        ax = fig.add_axes((0, 0, 1, 1))
    for r, end in enumerate(right):
        for w in range(n):
            y = -w - r * pitch
            ax.plot([left, end], [y, y], color="black", linewidth=0.8, zorder=1)
            ax.text(left - 0.15, y, f"q{w}", ha="right", va="center", fontsize=_FONT + 1)
    for op, k in zip(ops, cols):
        _draw_op(ax, op, left + x[k], widths[k], rows[k] * pitch)
    ax.set_xlim(0, max(right))
    ax.set_ylim(-(len(right) - 1) * pitch - (n - 1) - 0.6, 0.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


_LEFT, _GAP, _ROW_GAP = 0.9, 0.25, 1.8        # wire-label margin, gap between columns, between rows


def _rows(widths, max_width):
    """Row of each column and its centre's x within the row, splitting into rows of similar width."""
    if widths.size == 0:
        return np.zeros(0, dtype=int), np.zeros(0)
    steps = widths + _GAP
    total = float(steps.sum())
    avail = np.inf if max_width is None else max(max_width / _UNIT_IN - _LEFT - _GAP - 0.2, 1.0)
    n_rows = max(1, int(np.ceil(total / avail)))
    start = np.concatenate([[0.0], np.cumsum(steps)[:-1]])
    rows = np.minimum((start + steps / 2) // (total / n_rows), n_rows - 1).astype(int)
    x = np.empty_like(widths)
    for r in range(n_rows):
        mine = rows == r
        x[mine] = _GAP + np.cumsum(steps[mine]) - steps[mine] + widths[mine] / 2
    return rows, x


def _draw_op(ax, op, x, width, dy):
    """One operation centred at ``x``, its wires shifted down by ``dy`` (its row)."""
    from matplotlib.patches import Circle, Rectangle

    from ._draw import gate_text, span
    s = span(op)
    if len(s) > 1:                                           # the vertical line of the gate
        ax.plot([x, x], [-min(s) - dy, -max(s) - dy], color="black", linewidth=1.0, zorder=2)
    for c in op.controls:
        ax.add_patch(Circle((x, -c - dy), 0.09, color="black", zorder=4, gid="control"))
    if op.gate == "SWAP":
        ax.plot([x] * 2, [-w - dy for w in op.wires], "x", color="black", markersize=8,
                markeredgewidth=1.5, zorder=4, gid="swap")
    elif op.gate == "X" and op.controls:
        t = -op.wires[0] - dy
        ax.add_patch(Circle((x, t), 0.2, facecolor="white", edgecolor="black", linewidth=1.0,
                            zorder=3, gid="target"))
        ax.plot([x - 0.2, x + 0.2], [t, t], color="black", linewidth=1.0, zorder=4)
        ax.plot([x, x], [t - 0.2, t + 0.2], color="black", linewidth=1.0, zorder=4)
    else:
        name, angles = gate_text(op)
        label = name + ("\n" + angles if angles else "")
        for j, w in enumerate(op.wires):
            ax.add_patch(Rectangle((x - width / 2, -w - dy - _BOX_H / 2), width, _BOX_H,
                                   facecolor="#dbe9f6", edgecolor="black", linewidth=0.8,
                                   zorder=3, gid="gate-box"))
            ax.text(x, -w - dy, label if j == 0 else name, ha="center", va="center",
                    fontsize=_FONT, zorder=5, linespacing=1.15,
                    gid="gate-label" if j == 0 else "gate-label-extra")


__all__ += ["plot_circuit"]


# ---------------------------------------------------------------------- classifiers (notebook 03)
_CLASS_COLOURS = ("tab:blue", "tab:red", "tab:green", "tab:orange", "tab:purple", "tab:brown")


def _grid(X, resolution, margin):
    """A ``resolution × resolution`` grid around the 2-D data: (xx, yy, points (resolution², 2))."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.where(hi > lo, hi - lo, 1.0)
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution)
    xx, yy = np.meshgrid(xs, ys)                                     # (resolution, resolution) each
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(clf, X, y, ax=None, resolution: int = 60, margin: float = 0.1,
                           title: str | None = None, legend: bool = True):
    """The data over the classifier's view of the plane, correct and misclassified points marked
    differently (dots and crosses, as in Microsoft's QuantumClassification tutorial).

    Binary problems show the predicted probability of class ``classes_[1]`` as the background
    (blue 0 … red 1) and the decision boundary (probability ½) as a black line; more classes show
    the predicted class. The whole grid is classified in one batched call.

    Parameters
    ----------
    clf : fitted classifier (``predict``; ``predict_proba`` for two classes), or a function
        ``X -> decision values`` whose sign gives label 1 (such as the ``decision_function`` a
        training callback receives); labels are then 0 and 1.
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,), the true labels
    ax : matplotlib Axes, optional
    resolution : int
        Grid points per axis.
    margin : float
        Extra room around the data, as a fraction of its range.

    Returns
    -------
    matplotlib Axes. The scatter collections have gids ``"correct"`` and ``"misclassified"``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> X = np.array([[0.1, 0.5], [0.4, 0.2], [0.6, 0.9], [0.9, 0.3]])
    >>> ax = plot_decision_boundary(lambda Z: Z[:, 0] - 0.5, X, [0, 1, 1, 1], resolution=10)
    >>> ax.get_title()
    '3 of 4 correct (75%); ✕ misclassified'
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"plot_decision_boundary draws 2 features, got X of shape {X.shape}")
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.6, 4.0))
    xx, yy, grid = _grid(X, _checks.positive_int(resolution, "resolution"), margin)
    if callable(clf) and not hasattr(clf, "predict"):
        classes = np.array([0, 1])
        d = np.asarray(clf(np.vstack([grid, X])), dtype=float)         # grid and data in one call
        background, predicted = np.clip(d[:len(grid)] + 0.5, 0, 1), (d[len(grid):] > 0).astype(int)
    else:
        classes = np.asarray(clf.classes_)
        predicted = clf.predict(X)
        background = (clf.predict_proba(grid)[:, 1] if len(classes) == 2 else
                      np.searchsorted(classes, clf.predict(grid)))
    shape = xx.shape
    if len(classes) == 2:
        ax.contourf(xx, yy, background.reshape(shape), levels=np.linspace(0, 1, 11),
                    cmap="RdBu_r", alpha=0.45)
        ax.contour(xx, yy, background.reshape(shape), levels=[0.5], colors="black", linewidths=1.2)
    else:
        cmap = colors.ListedColormap(_CLASS_COLOURS[:len(classes)])
        ax.contourf(xx, yy, background.reshape(shape), levels=np.arange(len(classes) + 1) - 0.5,
                    cmap=cmap, alpha=0.25)
    ok = predicted == y
    for k, c in enumerate(classes):
        col = _CLASS_COLOURS[k % len(_CLASS_COLOURS)]
        right, wrong = (y == c) & ok, (y == c) & ~ok
        ax.scatter(X[right, 0], X[right, 1], s=22, color=col, edgecolor="white", linewidth=0.5,
                   label=f"class {c}", gid="correct", zorder=3)
        ax.scatter(X[wrong, 0], X[wrong, 1], s=60, marker="X", color=col, edgecolor="black",
                   linewidth=0.8, label=f"class {c}, misclassified" if wrong.any() else None,
                   gid="misclassified", zorder=4)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    ax.set_xlabel("feature 0")
    ax.set_ylabel("feature 1")
    ax.set_title(title if title is not None else
                 f"{int(ok.sum())} of {len(y)} correct ({ok.mean():.0%}); ✕ misclassified")
    if legend:
        ax.legend(loc="best", fontsize=7, framealpha=0.8)
    return ax


def _curves(clf):
    """[(label suffix, loss, validation loss, train accuracy, validation accuracy)] of a fitted classifier."""
    if hasattr(clf, "estimators_"):
        return [(f" (class {c})", e.loss_curve_, e.validation_loss_curve_, e.accuracy_curve_["train"],
                 e.accuracy_curve_["validation"]) for c, e in zip(clf.classes_, clf.estimators_)]
    if not hasattr(clf, "loss_curve_"):
        raise ValueError("plot_training_curves needs a fitted classifier (with loss_curve_)")
    return [("", clf.loss_curve_, getattr(clf, "validation_loss_curve_", []),
             clf.accuracy_curve_["train"], clf.accuracy_curve_["validation"])]


def plot_training_curves(clf, ax=None, which: str = "both"):
    """Loss and accuracy per epoch of a fitted classifier, training data (solid) against
    validation data (dashed, when the classifier had some); one line per class for one-vs-rest.

    Parameters
    ----------
    clf : fitted QuantumClassifier
    ax : matplotlib Axes, or a pair of Axes for ``which="both"``; optional
    which : {"both", "loss", "accuracy"}

    Returns
    -------
    matplotlib Axes for one panel; an array of two Axes (loss, accuracy) for ``which="both"``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from qmlkit import QuantumClassifier
    >>> from qmlkit.datasets import make_moons
    >>> clf = QuantumClassifier(n_layers=1, epochs=3, random_state=0).fit(*make_moons(20))
    >>> ax = plot_training_curves(clf, which="loss")
    >>> ax.get_lines()[0].get_xdata().tolist()
    [1, 2, 3]
    """
    if which not in ("both", "loss", "accuracy"):
        raise ValueError(f"which must be 'both', 'loss' or 'accuracy', got {which!r}")
    curves = _curves(clf)
    if which == "both":
        axes = plt.subplots(1, 2, figsize=(9, 3.2))[1] if ax is None else np.asarray(ax).ravel()
        if axes.shape != (2,):
            raise ValueError(f"which='both' draws on two Axes, got {axes.size}")
    else:
        axes = np.array([plt.subplots(figsize=(4.6, 3.2))[1] if ax is None else ax])
    panels = {"loss": (1, 2, "mean loss"), "accuracy": (3, 4, "accuracy")}
    names = ["loss", "accuracy"] if which == "both" else [which]
    for a, name in zip(axes, names):
        i_train, i_val, label = panels[name]
        for k, c in enumerate(curves):
            col = _CLASS_COLOURS[k % len(_CLASS_COLOURS)] if len(curves) > 1 else "tab:blue"
            epochs = np.arange(1, len(c[i_train]) + 1)
            a.plot(epochs, c[i_train], "-", color=col, label="train" + c[0])
            if len(c[i_val]):
                a.plot(epochs, c[i_val], "--", color=col if len(curves) > 1 else "tab:orange",
                       label="validation" + c[0])
        a.set_xlabel("epoch")
        a.set_ylabel(label)
        a.legend(fontsize=7)
    return axes if which == "both" else axes[0]


def plot_confusion_matrix(y_true, y_pred, ax=None, labels=None, normalize: bool = False,
                          title: str | None = None):
    """The confusion matrix: row i, column j counts the samples of true class i predicted as j.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
    ax : matplotlib Axes, optional
    labels : sequence, optional
        The classes, in order (default: every label seen, sorted).
    normalize : bool
        Divide each row by its total (the fraction of each true class).

    Returns
    -------
    matplotlib Axes; the matrix is ``ax.images[0].get_array()``, each cell's text has gid ``"count"``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_confusion_matrix([0, 0, 1, 1], [0, 1, 1, 1])
    >>> ax.images[0].get_array().tolist()
    [[1.0, 1.0], [0.0, 2.0]]
    """
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.shape != p.shape or t.ndim != 1 or t.size == 0:
        raise ValueError(f"y_true and y_pred must be non-empty 1-D arrays of one length, got shapes "
                         f"{t.shape} and {p.shape}")
    classes = np.unique(np.concatenate([t, p])) if labels is None else np.asarray(labels)
    index = {c: i for i, c in enumerate(classes.tolist())}
    m = np.zeros((len(classes), len(classes)))
    for a, b in zip(t.tolist(), p.tolist()):
        if a in index and b in index:
            m[index[a], index[b]] += 1
    if normalize:
        m = m / np.maximum(m.sum(axis=1, keepdims=True), 1)
    if ax is None:
        size = 1.2 + 0.7 * len(classes)
        _, ax = plt.subplots(figsize=(size + 0.8, size))
    ax.imshow(m, cmap="Blues", vmin=0, vmax=max(m.max(), 1e-12))
    for i in range(len(classes)):
        for j in range(len(classes)):
            ax.text(j, i, f"{m[i, j]:.2f}" if normalize else f"{int(m[i, j])}", ha="center",
                    va="center", color="white" if m[i, j] > 0.6 * m.max() else "black", gid="count")
    ax.set_xticks(range(len(classes)))
    ax.set_yticks(range(len(classes)))
    ax.set_xticklabels([str(c) for c in classes])
    ax.set_yticklabels([str(c) for c in classes])
    ax.set_xlabel("predicted label")
    ax.set_ylabel("true label")
    if title:
        ax.set_title(title)
    return ax


__all__ += ["plot_decision_boundary", "plot_training_curves", "plot_confusion_matrix"]


# ---------------------------------------------------------------------- barren plateaus (notebook 04)
def plot_variances(x, variance, error=None, ax=None, label=None, prediction=None, prediction_label=None,
                   xlabel: str = "number of qubits n", **style):
    """Gradient variances against qubits (or depth) on a log scale, with error bars and a prediction.

    Parameters
    ----------
    x : array-like of shape (k,)
        Qubit counts (or depths).
    variance : array-like of shape (k,)
        Var[∂C/∂θ], a variance (not a standard deviation).
    error : array-like of shape (k,), optional
        Its bootstrap standard error, drawn as ±1 error bars.
    prediction : array-like of shape (k,), optional
        A predicted variance at the same x, drawn as a dashed line of the same colour.
    style : keyword arguments for the markers (``marker``, ``color``, ``markerfacecolor``, …)

    Returns
    -------
    matplotlib Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.4))
    style = {"marker": "o", "linestyle": "none", "markersize": 5, "capsize": 2, **style}
    bars = ax.errorbar(x, variance, yerr=error, label=label, **style)
    if prediction is not None:
        ax.plot(x, prediction, "--", color=bars[0].get_color(), linewidth=1, label=prediction_label)
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Var[∂C/∂θ]")
    return ax


__all__ += ["plot_variances"]


# ---------------------------------------------------------------------- kernels (notebook 05)
def plot_kernel_matrix(K, y=None, ax=None, title: str | None = None, colorbar: bool = True):
    """A kernel (Gram) matrix as a heatmap, 0 white to 1 dark; with labels ``y`` the samples are
    sorted by class and the class blocks outlined, so a good kernel shows bright diagonal blocks.

    Parameters
    ----------
    K : array-like of shape (n_samples, n_samples)
    y : array-like of shape (n_samples,), optional
    ax : matplotlib Axes, optional
    title : str, optional
    colorbar : bool

    Returns
    -------
    matplotlib Axes

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_kernel_matrix(np.eye(4), y=[1, 0, 1, 0])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['class 0', 'class 1']
    """
    k = np.asarray(K, dtype=float)
    if k.ndim != 2 or k.shape[0] != k.shape[1]:
        raise ValueError(f"K must be a square matrix, got shape {k.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 3.6))
    ticks, names = [], []
    if y is not None:
        y = np.asarray(y)
        if y.shape != (len(k),):
            raise ValueError(f"y must have shape ({len(k)},) to match K, got {y.shape}")
        order = np.argsort(y, kind="stable")
        k, ys = k[np.ix_(order, order)], y[order]
        edges = np.flatnonzero(ys[1:] != ys[:-1]) + 1
        for e in edges:
            ax.axhline(e - 0.5, color="tab:red", linewidth=1)
            ax.axvline(e - 0.5, color="tab:red", linewidth=1)
        bounds = np.concatenate([[0], edges, [len(ys)]])
        ticks = (bounds[:-1] + bounds[1:] - 1) / 2
        names = [f"class {c}" for c in ys[bounds[:-1]]]
    im = ax.imshow(k, cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
    if colorbar:
        ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label="k(x, x′)")
    if y is not None:
        ax.set_xticks(ticks)
        ax.set_xticklabels(names)
        ax.set_yticks(ticks)
        ax.set_yticklabels(names, rotation=90, va="center")
    else:
        ax.set_xlabel("sample j")
        ax.set_ylabel("sample i")
    if title:
        ax.set_title(title)
    return ax


__all__ += ["plot_kernel_matrix"]
