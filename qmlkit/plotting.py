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
