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


def plot_circuit(circuit, ax=None):
    """A circuit diagram: wires left to right, gates in boxes labelled with their name and
    angles (θ3 for a parameter, x1 for a feature, numbers rounded), controls as dots on a
    vertical line, CNOT targets as ⊕ and SWAPs as ×.

    Gates are packed into columns exactly as in the text diagram (``print(circuit)``). Without
    ``ax`` the figure is sized to the circuit (half an inch per wire), so every label fits its
    box; an ``ax`` you pass keeps its size.

    Parameters
    ----------
    circuit : Circuit
    ax : matplotlib Axes, optional

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
    from matplotlib.patches import Circle, Rectangle

    from ._draw import gate_text, layout, span
    from .circuit import Circuit
    if not isinstance(circuit, Circuit):
        raise TypeError(f"plot_circuit draws a qmlkit Circuit, got {type(circuit).__name__}")
    n, ops = circuit.n_qubits, circuit.ops
    cols = layout(ops)
    widths = [0.0] * (max(cols, default=-1) + 1)
    for op, k in zip(ops, cols):
        widths[k] = max(widths[k], _op_width(op))
    left, gap = 0.9, 0.3
    centres = left + gap + np.cumsum(np.array(widths) + gap) - np.array(widths) / 2 - gap
    right = (centres[-1] + widths[-1] / 2 if widths else left) + gap + 0.2
    if ax is None:
        height = n - 1 + 2 * 0.6
        fig = plt.figure(figsize=(right * _UNIT_IN, height * _UNIT_IN))
        ax = fig.add_axes((0, 0, 1, 1))
    for w in range(n):
        ax.plot([left, right], [-w, -w], color="black", linewidth=0.8, zorder=1)
        ax.text(left - 0.15, -w, f"q{w}", ha="right", va="center", fontsize=_FONT + 1)
    for op, k in zip(ops, cols):
        x, ws = centres[k], list(op.wires) + list(op.controls)
        s = span(op)
        if len(s) > 1:                                           # the vertical line of the gate
            ax.plot([x, x], [-min(s), -max(s)], color="black", linewidth=1.0, zorder=2)
        for c in op.controls:
            ax.add_patch(Circle((x, -c), 0.09, color="black", zorder=4, gid="control"))
        if op.gate == "SWAP":
            ax.plot([x] * 2, [-w for w in op.wires], "x", color="black", markersize=8,
                    markeredgewidth=1.5, zorder=4, gid="swap")
        elif op.gate == "X" and op.controls:
            t = op.wires[0]
            ax.add_patch(Circle((x, -t), 0.2, facecolor="white", edgecolor="black", linewidth=1.0,
                                zorder=3, gid="target"))
            ax.plot([x - 0.2, x + 0.2], [-t, -t], color="black", linewidth=1.0, zorder=4)
            ax.plot([x, x], [-t - 0.2, -t + 0.2], color="black", linewidth=1.0, zorder=4)
        else:
            name, angles = gate_text(op)
            label = name + ("\n" + angles if angles else "")
            for j, t in enumerate(op.wires):
                ax.add_patch(Rectangle((x - widths[k] / 2, -t - _BOX_H / 2), widths[k], _BOX_H,
                                       facecolor="#dbe9f6", edgecolor="black", linewidth=0.8,
                                       zorder=3, gid="gate-box"))
                ax.text(x, -t, label if j == 0 else name, ha="center", va="center",
                        fontsize=_FONT, zorder=5, linespacing=1.15,
                        gid="gate-label" if j == 0 else "gate-label-extra")
    ax.set_xlim(0, right)
    ax.set_ylim(-(n - 1) - 0.6, 0.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


__all__ += ["plot_circuit"]
