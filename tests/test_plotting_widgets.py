"""Pictures of states (bars, the Bloch sphere) and the Bloch-sphere explorer widget, without a display."""
from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import qmlkit as qk  # noqa: E402
from qmlkit.widgets import single_qubit_state  # noqa: E402

S2 = np.sqrt(2)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _random_state(n, seed=0):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=2 ** n) + 1j * rng.normal(size=2 ** n)
    return v / np.linalg.norm(v)


def _bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _bloch_by_hand(psi):
    """(x, y, z) of a single-qubit pure state from its amplitudes: ⟨X⟩, ⟨Y⟩, ⟨Z⟩."""
    a0, a1 = np.asarray(psi, dtype=complex) / np.linalg.norm(psi)
    c = np.conj(a0) * a1
    return np.array([2 * c.real, 2 * c.imag, abs(a0) ** 2 - abs(a1) ** 2])


# ---------------------------------------------------------------- plot_state
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_plot_state_bars_are_probabilities_with_ket_labels(n):
    psi = _random_state(n, seed=n)
    ax = qk.plot_state(psi)
    bars = _bars(ax)
    assert len(bars) == 2 ** n
    heights = [b.get_height() for b in sorted(bars, key=lambda b: b.get_x())]
    np.testing.assert_allclose(heights, np.abs(psi) ** 2, atol=1e-12)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["|" + "".join(str((k >> (n - 1 - w)) & 1) for w in range(n)) + "⟩" for k in range(2 ** n)]


def test_plot_state_wire_zero_is_the_leftmost_label():
    psi = qk.apply_gate(qk.zero_state(3), "X", 0)               # flips wire 0: |100⟩
    ax = qk.plot_state(psi)
    bars = sorted(_bars(ax), key=lambda b: b.get_x())
    tallest = int(np.argmax([b.get_height() for b in bars]))
    assert ax.get_xticklabels()[tallest].get_text() == "|100⟩"


def test_plot_state_honours_ax_and_title():
    fig, (left, right) = plt.subplots(1, 2)
    out = qk.plot_state(np.array([1, 1j]) / S2, ax=right, title="mine")
    assert out is right
    assert len(_bars(right)) == 2 and len(_bars(left)) == 0
    assert right.get_title() == "mine"
    assert len(fig.axes) == 2                                    # no extra axes were made


def test_plot_state_amplitudes():
    psi = np.array([0.6, 0, -0.8j, 0]) * np.exp(0.4j)
    ax = qk.plot_state(psi, amplitudes=True)
    heights = [b.get_height() for b in sorted(_bars(ax), key=lambda b: b.get_x())]
    np.testing.assert_allclose(heights, np.abs(psi), atol=1e-12)
    # the colour encodes the phase: bars of different phase have different colours
    bars = sorted(_bars(ax), key=lambda b: b.get_x())
    assert bars[0].get_facecolor() != bars[2].get_facecolor()


def test_plot_state_accepts_a_list():
    ax = qk.plot_state([1 / S2, -1 / S2])
    np.testing.assert_allclose([b.get_height() for b in _bars(ax)], [0.5, 0.5])


@pytest.mark.parametrize("bad", [np.ones((2, 2)) / S2, np.ones(3) / np.sqrt(3), np.ones(5), np.array(1.0)],
                         ids=["batch", "length 3", "length 5", "scalar"])
def test_plot_state_bad_input(bad):
    with pytest.raises(ValueError):
        qk.plot_state(bad)


# ---------------------------------------------------------------- plot_bloch
def _arrow_tips(ax):
    """The 3-D end points of the arrows quiver drew (mplot3d keeps them in ``_segments3d``)."""
    tips = []
    for coll in ax.collections:
        segs = getattr(coll, "_segments3d", None)
        if segs is None or len(segs) == 0 or len(segs) > 3:      # the wireframe has many segments
            continue
        pts = np.concatenate([np.asarray(s, dtype=float) for s in segs])
        if not any(np.allclose(p, 0) for p in pts):
            continue                                               # an arrow starts at the origin
        tips.append(pts[np.argmax(np.linalg.norm(pts, axis=1))])
    return tips


STATES = {
    "|0>": np.array([1, 0]), "|1>": np.array([0, 1]), "|+>": np.array([1, 1]) / S2,
    "|->": np.array([1, -1]) / S2, "|+i>": np.array([1, 1j]) / S2, "|-i>": np.array([1, -1j]) / S2,
    "random": _random_state(1, seed=5),
}
AXES = {"|0>": [0, 0, 1], "|1>": [0, 0, -1], "|+>": [1, 0, 0], "|->": [-1, 0, 0], "|+i>": [0, 1, 0],
        "|-i>": [0, -1, 0]}


@pytest.mark.parametrize("name", list(STATES))
def test_plot_bloch_arrow_points_along_the_bloch_vector(name):
    psi = STATES[name]
    ax = qk.plot_bloch(psi)
    assert ax.name == "3d"
    tips = _arrow_tips(ax)
    assert len(tips) == 1
    np.testing.assert_allclose(tips[0], _bloch_by_hand(psi), atol=1e-12)
    np.testing.assert_allclose(tips[0], qk.bloch_vector(psi), atol=1e-12)
    if name in AXES:
        np.testing.assert_allclose(tips[0], AXES[name], atol=1e-12)


def test_plot_bloch_of_one_wire_of_a_product_state():
    a, b = np.array([1, 1j]) / S2, _random_state(1, seed=9)
    ax = qk.plot_bloch(np.kron(a, b), wire=1)
    (tip,) = _arrow_tips(ax)
    np.testing.assert_allclose(tip, _bloch_by_hand(b), atol=1e-12)


def test_plot_bloch_accepts_a_bloch_vector_and_adds_arrows_on_the_same_axes():
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    out = qk.plot_bloch(np.array([1, 1]) / S2, ax=ax, color="tab:blue")
    assert out is ax
    n_collections = len(ax.collections)
    qk.plot_bloch(np.array([0.0, 0.0, -1.0]), ax=ax, label="down")
    tips = sorted(map(tuple, _arrow_tips(ax)))
    np.testing.assert_allclose(tips, sorted([(0.0, 0.0, -1.0), (1.0, 0.0, 0.0)]), atol=1e-12)
    assert len(ax.collections) == n_collections + 1              # the sphere is drawn once
    assert any(t.get_text() == "down" for t in ax.texts)
    assert len(fig.axes) == 1


@pytest.mark.parametrize("bad", [np.ones((2, 2)) / S2, np.ones(3, dtype=complex) / np.sqrt(3), np.ones(5)],
                         ids=["batch", "complex length 3", "length 5"])
def test_plot_bloch_bad_input(bad):
    with pytest.raises(ValueError):
        qk.plot_bloch(bad)


# ---------------------------------------------------------------- the Bloch explorer widget
def _probabilities_shown(text):
    m = re.search(r"P\(0\) = ([-\d.]+), P\(1\) = ([-\d.]+)", text)
    assert m, text
    return float(m.group(1)), float(m.group(2))


def test_single_qubit_state_is_the_bloch_parametrisation():
    for theta, phi in [(0, 0), (np.pi, 0), (np.pi / 2, 0), (np.pi / 2, np.pi / 2), (1.1, -2.3)]:
        psi = single_qubit_state(theta, phi)
        assert np.isclose(np.linalg.norm(psi), 1)
        want = [np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)]
        np.testing.assert_allclose(qk.bloch_vector(psi), want, atol=1e-12)
        np.testing.assert_allclose(_bloch_by_hand(psi), want, atol=1e-12)


def test_explorer_follows_the_sliders():
    w = qk.widgets.bloch_explorer()
    theta0, phi0 = w.theta.value, w.phi.value
    np.testing.assert_allclose(w.state, single_qubit_state(theta0, phi0))
    p0, p1 = _probabilities_shown(w.text.value)
    assert abs(p0 - np.cos(theta0 / 2) ** 2) <= 5e-4 and abs(p1 - np.sin(theta0 / 2) ** 2) <= 5e-4

    w.theta.value = 2.5                       # the learner drags θ
    assert w.theta.value == 2.5
    np.testing.assert_allclose(w.state, [np.cos(1.25), np.exp(1j * phi0) * np.sin(1.25)], atol=1e-12)
    p0, p1 = _probabilities_shown(w.text.value)
    assert abs(p0 - np.cos(1.25) ** 2) <= 5e-4 and abs(p1 - np.sin(1.25) ** 2) <= 5e-4

    before = w.text.value
    w.phi.value = -1.0                        # φ changes the phase, not the probabilities
    np.testing.assert_allclose(w.state, single_qubit_state(2.5, -1.0), atol=1e-12)
    assert np.isclose(np.angle(w.state[1] / w.state[0]), -1.0)
    assert _probabilities_shown(w.text.value) == _probabilities_shown(before)
    assert w.text.value != before             # the amplitudes shown did change
    np.testing.assert_allclose(qk.bloch_vector(w.state),
                               [np.sin(2.5) * np.cos(-1.0), np.sin(2.5) * np.sin(-1.0), np.cos(2.5)], atol=1e-12)


@pytest.mark.parametrize("theta, p1", [(0.0, 0.0), (np.pi, 1.0), (np.pi / 2, 0.5)])
def test_explorer_poles_and_equator(theta, p1):
    w = qk.widgets.bloch_explorer(theta=theta, phi=0.0)
    assert _probabilities_shown(w.text.value) == pytest.approx((1 - p1, p1), abs=5e-4)
    np.testing.assert_allclose(np.abs(w.state) ** 2, [1 - p1, p1], atol=1e-12)


def test_explorer_sliders_cover_the_sphere():
    w = qk.widgets.bloch_explorer()
    assert (w.theta.min, w.theta.max) == (0, pytest.approx(np.pi))
    assert w.phi.max - w.phi.min == pytest.approx(2 * np.pi)


def test_dragging_a_slider_does_not_pile_up_figures():
    """Each redraw makes a new pyplot figure; unless it is closed, figures accumulate (memory, and
    matplotlib's "More than 20 figures" warning) under any backend whose show() does not close them."""
    w = qk.widgets.bloch_explorer()
    open_after_first = len(plt.get_fignums())
    for k in range(10):
        w.theta.value = 0.2 * k + 0.05
    assert len(plt.get_fignums()) <= max(open_after_first, 1)
