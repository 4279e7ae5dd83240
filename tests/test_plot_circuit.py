"""The matplotlib circuit diagram (qmlkit.plotting.plot_circuit), without a display: its artists
(boxes, labels, control dots, ⊕, ×) are where the circuit says, and nothing overlaps."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg", force=True)

import itertools  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Circle, Rectangle  # noqa: E402

import qmlkit as qk  # noqa: E402
from qmlkit import ansatz as A  # noqa: E402
from qmlkit._draw import layout, text_diagram  # noqa: E402

P, F = qk.Param, qk.Feature


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def labels(ax):
    return [t for t in ax.texts if t.get_gid() == "gate-label"]


def patches(ax, gid):
    return [p for p in ax.patches if p.get_gid() == gid]


def forty_gates_on_eight_qubits():
    """The 33 gates of the circuit-centric model on 8 qubits, plus 7 more of other kinds."""
    c = A.circuit_centric(8, (1, 3))
    c.cnot(2, 6).swap(1, 5).zz(0.5 * P(99) + 1.2345, 3, 7).h(4).cz(0, 1).ry(2 * F(0), 6).rx(-0.5, 2)
    assert len(c) == 40
    return c


def test_returns_axes_and_honours_ax():
    fig, (left, right) = plt.subplots(1, 2)
    out = qk.plot_circuit(qk.Circuit(2).h(0).cnot(0, 1), ax=right)
    assert out is right and len(fig.axes) == 2
    assert not left.texts and len(labels(right)) == 1
    ax = qk.plot_circuit(qk.Circuit(1).x(0))
    assert isinstance(ax, matplotlib.axes.Axes)
    with pytest.raises(TypeError):
        qk.plot_circuit("H 0")


def test_one_label_per_boxed_gate_with_names_and_rounded_angles():
    c = (qk.Circuit(3).ry(P(3), 0).rx(F(1), 1).rz(0.123456, 2).h(0).rot(P(0), P(1), -np.pi / 2, 1)
         .crz(0.5 * F(2) - P(4), 0, 2).add("RY", 1, P(2), adjoint=True))
    ax = qk.plot_circuit(c)
    got = [t.get_text() for t in labels(ax)]
    assert got == ["RY\nθ3", "RX\nx1", "RZ\n0.12", "H", "ROT\nθ0, θ1, −1.57", "RZ\n−θ4 + 0.5·x2", "RY†\nθ2"]
    # each label sits on its gate's target wire
    ys = [t.get_position()[1] for t in labels(ax)]
    assert ys == [-op.wires[0] for op in c.ops]
    # wire names, top to bottom
    assert [t.get_text() for t in ax.texts if t.get_text().startswith("q")] == ["q0", "q1", "q2"]


def test_controls_are_dots_on_a_vertical_line_and_targets_are_symbols():
    c = qk.Circuit(4).cnot(0, 3).crx(P(0), [1, 2], 0).swap(1, 3).cz(2, 1)
    ax = qk.plot_circuit(c)
    xs = xcentres(ax, c)
    dots = patches(ax, "control")
    assert sorted((round(d.center[0], 9), d.center[1]) for d in dots) == sorted(
        (round(xs[i], 9), -w) for i, op in enumerate(c.ops) for w in op.controls)
    # the CNOT target is a ⊕ (a circle on the target wire), with no text label
    (target,) = patches(ax, "target")
    assert target.center == (pytest.approx(xs[0]), -3)
    assert len(labels(ax)) == 2                                  # the CRX and the CZ have boxes
    # SWAP: two × markers, on its wires
    (swap,) = [ln for ln in ax.lines if ln.get_gid() == "swap"]
    assert list(swap.get_ydata()) == [-1, -3] and swap.get_marker() == "x"
    # every multi-wire gate has a vertical line through its span, from its top to its bottom wire
    for i, op in enumerate(c.ops):
        ws = op.wires + op.controls
        assert any(np.allclose(ln.get_xdata(), [xs[i]] * 2) and sorted(ln.get_ydata()) == [-max(ws), -min(ws)]
                   for ln in ax.lines), op


def positions(ax, c):
    """(x, y) of each op: its label, its ⊕, its × (top end) or, failing those, its first control dot."""
    out = []
    lab, tgt = iter(labels(ax)), iter(patches(ax, "target"))
    swaps = iter([ln for ln in ax.lines if ln.get_gid() == "swap"])
    for op in c.ops:
        if op.gate == "SWAP":
            ln = next(swaps)
            out.append((ln.get_xdata()[0], ln.get_ydata()[0] + op.wires[0]))
        elif op.gate == "X" and op.controls:
            x, y = next(tgt).center
            out.append((x, y + op.wires[0]))
        else:
            x, y = next(lab).get_position()
            out.append((x, y + op.wires[0]))
    return out                     # y + wire: the row's offset (0 for the first row, then negative)


def xcentres(ax, c):
    return [x for x, _ in positions(ax, c)]


def test_columns_follow_the_text_diagrams_layout():
    c = forty_gates_on_eight_qubits()
    ax = qk.plot_circuit(c, max_width=None)                    # one row
    cols, xs = layout(c.ops), xcentres(ax, c)
    for (i, a), (j, b) in itertools.combinations(enumerate(cols), 2):
        assert (a == b) == np.isclose(xs[i], xs[j]), (i, j)
        if a < b:
            assert xs[i] < xs[j]
    assert text_diagram(c) == str(c)


def test_a_wide_circuit_wraps_onto_rows_in_column_order():
    c = forty_gates_on_eight_qubits()
    one_row = qk.plot_circuit(c, max_width=None).figure.get_size_inches()[0]
    ax = qk.plot_circuit(c, max_width=8.0)
    assert one_row > 8.0 >= ax.figure.get_size_inches()[0]
    pos = positions(ax, c)
    offsets = sorted({round(dy, 9) for _, dy in pos}, reverse=True)          # row 0 first
    assert len(offsets) >= 2
    key = [(offsets.index(round(dy, 9)), round(x, 9)) for x, dy in pos]      # (row, x)
    cols = layout(c.ops)
    for (i, a), (j, b) in itertools.combinations(enumerate(cols), 2):
        assert (a == b) == (key[i] == key[j]), (i, j)
        if a < b:
            assert key[i] < key[j]
    # every row has its own wires, labelled q0 … q7
    names = [t.get_text() for t in ax.texts if t.get_text().startswith("q")]
    assert names == [f"q{w}" for w in range(8)] * len(offsets)


def test_eight_qubits_forty_gates_render_without_overlaps():
    c = forty_gates_on_eight_qubits()
    ax = qk.plot_circuit(c)
    fig = ax.figure
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    boxes = patches(ax, "gate-box")
    extents = [b.get_window_extent(r) for b in boxes]
    # no two gate boxes overlap
    for (i, a), (j, b) in itertools.combinations(enumerate(extents), 2):
        assert not a.overlaps(b), (i, j, a, b)
    # every label lies inside its own box (the first box on the gate's first target wire)
    main = [b for b in boxes if any(np.isclose(b.get_y() + b.get_height() / 2, t.get_position()[1]) and
                                    np.isclose(b.get_x() + b.get_width() / 2, t.get_position()[0])
                                    for t in labels(ax))]
    assert len(main) == len(labels(ax)) == 38                 # 40 gates less the CNOT and the SWAP
    for t in labels(ax):
        e = t.get_window_extent(r)
        box = next(b.get_window_extent(r) for b in boxes
                   if np.isclose(b.get_x() + b.get_width() / 2, t.get_position()[0])
                   and np.isclose(b.get_y() + b.get_height() / 2, t.get_position()[1]))
        assert box.x0 <= e.x0 and e.x1 <= box.x1 and box.y0 <= e.y0 and e.y1 <= box.y1, t.get_text()
    # control dots and ⊕ never sit inside a gate box
    for p in patches(ax, "control") + patches(ax, "target"):
        e = p.get_window_extent(r)
        assert not any(e.overlaps(b) for b in extents)
    # readable: 8 pt text, half an inch between wires, rows no wider than 14 inches
    assert all(t.get_fontsize() >= 8 for t in labels(ax))
    wires = sorted({ln.get_ydata()[0] for ln in ax.lines if len(set(ln.get_ydata())) == 1
                    and ln.get_xdata()[0] < 1})
    gaps = np.diff(wires)
    assert np.all(gaps >= 1) and np.isclose(gaps.min(), 1)
    height = ax.transData.transform((0, 1))[1] - ax.transData.transform((0, 0))[1]
    assert height == pytest.approx(0.5 * fig.dpi)
    assert fig.get_size_inches()[0] <= 14


def test_boxes_are_drawn_for_every_target_wire_of_a_multi_wire_gate():
    c = qk.Circuit(3).zz(P(0), 0, 2)
    ax = qk.plot_circuit(c)
    ys = sorted(b.get_y() + b.get_height() / 2 for b in patches(ax, "gate-box"))
    assert ys == [-2, 0]
    assert [t.get_text() for t in labels(ax)] == ["ZZ\nθ0"]
    assert all(isinstance(b, Rectangle) for b in patches(ax, "gate-box"))
    assert all(isinstance(p, Circle) for p in patches(ax, "control"))


def test_an_empty_circuit_draws_its_wires():
    ax = qk.plot_circuit(qk.Circuit(3))
    assert len(ax.lines) == 3 and not labels(ax)
