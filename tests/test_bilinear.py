"""Angles with bilinear terms θ_p·x_f (trainable weights on features): algebra, simulation, gradients."""
import numpy as np
import pytest

import qmlkit as qk
from qmlkit import Feature as F
from qmlkit import Param as P
from reference import angle_value, run_circuit


def test_algebra_expands_products():
    a = (0.5 + 2 * P(1)) * (3 * F(0) - 1)
    assert a.const == -0.5
    assert dict(a.params) == {1: -2.0}
    assert dict(a.features) == {0: 1.5}
    assert dict(a.products) == {(1, 0): 6.0}
    assert angle_value(a, [0.0, 0.7], [0.4]) == pytest.approx((0.5 + 1.4) * (1.2 - 1))
    assert repr(P(0) + P(1) * F(2)) == "θ0 + θ1·x2"


@pytest.mark.parametrize("bad", [lambda: P(0) * P(1), lambda: F(0) * F(1),
                                 lambda: (P(0) * F(0)) * F(1), lambda: (P(0) * F(0)) * P(1)])
def test_nonbilinear_products_are_refused(bad):
    with pytest.raises(TypeError, match="parameter by a feature"):
        bad()


def _reuploading(n_layers=3):
    """A data re-uploading qubit pair: U3(θ + w∘x) layers (Pérez-Salinas et al. 2020)."""
    c, k = qk.Circuit(2), 0
    for _ in range(n_layers):
        for w in range(2):
            c.u3(P(k) + P(k + 1) * F(0), P(k + 2) + P(k + 3) * F(1), P(k + 4), w)
            k += 5
        c.cz(0, 1)
    c.ry(0.3 * F(1) - P(0) * F(0), 1, controls=[0])
    return c


def test_counts_and_offset():
    c = _reuploading()
    assert c.n_params == 30 and c.n_features == 2
    shifted = c.offset_params(4)
    assert shifted.n_params == 34
    assert dict(shifted.ops[-1].angles[0].products) == {(4, 0): -1.0}


def test_states_match_the_reference():
    c, rng = _reuploading(), np.random.default_rng(0)
    theta, X = rng.uniform(-2, 2, c.n_params), rng.uniform(-1, 1, (5, 2))
    assert np.abs(c.states(theta, X) - run_circuit(c, theta, X)).max() < 1e-10


@pytest.mark.parametrize("method", ["adjoint", "parameter-shift", "finite-diff"])
@pytest.mark.parametrize("wrt", ["params", "features"])
def test_gradients_match_reference_differences(method, wrt):
    c, rng = _reuploading(2), np.random.default_rng(1)
    theta, X = rng.uniform(-2, 2, c.n_params), rng.uniform(-1, 1, (4, 2))
    obs = qk.Z(0) @ qk.X(1) + 0.5 * qk.Y(0)
    jac = qk.jacobian(c, obs, theta, X, method=method, wrt=wrt)

    def f(t, x):
        return obs.expval(run_circuit(c, t, x))

    h, ref = 1e-6, np.zeros_like(jac)
    base = theta if wrt == "params" else X
    for i in range(base.shape[-1]):
        e = np.zeros(base.shape[-1])
        e[i] = h
        if wrt == "params":
            ref[:, i] = (f(theta + e, X) - f(theta - e, X)) / (2 * h)
        else:
            ref[:, i] = (f(theta, X + e) - f(theta, X - e)) / (2 * h)
    assert np.abs(jac - ref).max() < 1e-7


def test_spsa_mean_approaches_the_gradient():
    c, rng = _reuploading(1), np.random.default_rng(2)
    theta, X = rng.uniform(-1, 1, c.n_params), rng.uniform(-1, 1, (2, 2))
    exact = qk.jacobian(c, qk.Z(1), theta, X)
    est = qk.jacobian(c, qk.Z(1), theta, X, method="spsa", spsa_draws=4000, spsa_epsilon=1e-3,
                      random_state=0)
    # Each draw's estimate of component p is g_p + Σ_{q≠p} Δ_p Δ_q g_q (+ O(ε²)): its variance is
    # Σ_{q≠p} g_q² ≤ |g|², so the mean of N draws is within 5 |g| / √N with overwhelming probability.
    bound = 5 * np.linalg.norm(exact, axis=1, keepdims=True) / np.sqrt(4000)
    assert np.all(np.abs(est - exact) <= bound + 1e-6)
