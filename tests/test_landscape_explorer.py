"""The barren-plateau explorer (notebook 04) driven like a learner would, without a browser."""
from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import qmlkit as qk  # noqa: E402
from qmlkit import landscape as ls  # noqa: E402
from qmlkit import trainability as tr  # noqa: E402
from qmlkit.widgets import LandscapeExplorer, gradient_variance_curve  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_curve_is_the_experiment_for_each_qubit_count():
    calls = []
    ns, var, err = gradient_variance_curve(4, 3, "local", n_circuits=40, random_state=2,
                                           progress=lambda done, total: calls.append((done, total)))
    assert ns.tolist() == [2, 3, 4] and calls == [(1, 3), (2, 3), (3, 3)]
    for k, n in enumerate(ns):
        axes, angles = ls.sample_mcclean_circuits(int(n), 3, 40, random_state=[2, int(n)])
        g = ls.mcclean_gradients(axes, angles, tr.local_cost(int(n)))
        assert var[k] == pytest.approx(np.var(g), rel=1e-12)
        assert 0 < err[k] < var[k]


def test_explorer_follows_the_sliders_and_the_toggle():
    w = LandscapeExplorer(n_qubits=4, depth=1, cost="local", n_circuits=60)
    r = w.result
    assert r["n_qubits"].tolist() == [2, 3, 4] and r["depth"] == 1 and r["cost"] == "local"
    np.testing.assert_allclose(r["one_layer"], 1 / (16 * r["n_qubits"] ** 2))     # derived by hand
    assert w.progress.value == w.progress.max == 3

    w.depth.value = 4                                     # the learner releases the depth slider
    assert w.result["depth"] == 4
    np.testing.assert_allclose(w.result["variance"], gradient_variance_curve(4, 4, "local", 60)[1], rtol=1e-12)

    w.cost.value = "global"                               # ... flips the cost to global
    d = 2.0 ** w.result["n_qubits"]
    np.testing.assert_allclose(w.result["two_design"], 1 / (3 * d * (d + 1)))
    assert w.result["cost"] == "global"

    w.n_qubits.value = 5                                  # ... and adds a qubit
    assert w.result["n_qubits"].tolist() == [2, 3, 4, 5]
    shown = re.search(r"Var\[∂C/∂θ\] = ([-\d.e+]+) ± ([-\d.e+]+)", w.text.value)
    assert float(shown.group(1)) == pytest.approx(w.result["variance"][-1], rel=5e-3)
    assert "n = 5, depth 4, global cost" in w.text.value
    assert w.result["rate"] == pytest.approx(tr.fit_decay(w.result["n_qubits"], w.result["variance"]).rate)


def test_going_back_uses_the_cache():
    w = LandscapeExplorer(n_qubits=3, depth=2, cost="global", n_circuits=30)
    first = w.result["variance"].copy()
    w.depth.value = 3
    w.depth.value = 2
    np.testing.assert_array_equal(w.result["variance"], first)
    assert len(w._cache) == 2


def test_depth_one_points_agree_with_the_exact_one_layer_values():
    """At one layer the exact variances are q^(n−1)/16 (global, q = 17/48 + √2/12) and 1/(16 n²)
    (local): the explorer's points must agree within 4 bootstrap errors."""
    q = 17 / 48 + np.sqrt(2) / 12
    w = LandscapeExplorer(n_qubits=6, depth=1, cost="global", n_circuits=200)
    rates = {}
    for cost, exact in (("global", lambda n: q ** (n - 1) / 16), ("local", lambda n: 1 / (16 * n ** 2))):
        w.cost.value = cost
        r = w.result
        assert np.all(np.abs(r["variance"] - exact(r["n_qubits"])) < 4 * r["error"]), (cost, r)
        rates[cost] = r["rate"]
    assert rates["local"] < rates["global"]


def test_sliders_release_rather_than_drag_and_figures_do_not_pile_up():
    w = qk.widgets.landscape_explorer(n_qubits=3, depth=1)
    assert not w.n_qubits.continuous_update and not w.depth.continuous_update
    open_after_first = len(plt.get_fignums())
    for L in range(2, 6):
        w.depth.value = L
    assert len(plt.get_fignums()) <= max(open_after_first, 1)
