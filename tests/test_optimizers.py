"""Optimizers against their update rules written out by hand, and the minimisation loop."""
import numpy as np
import pytest

from qmlkit.optimizers import SGD, Adam, Momentum, make_optimizer, minimize


def test_sgd_step_and_purity():
    p, g = np.array([1.0, -2.0]), np.array([0.5, 4.0])
    out = SGD(lr=0.25).step(p, g)
    assert np.allclose(out, [1.0 - 0.125, -2.0 - 1.0])
    assert np.array_equal(p, [1.0, -2.0]) and np.array_equal(g, [0.5, 4.0])


def test_momentum_accumulates_velocity():
    opt, p = Momentum(lr=0.1, momentum=0.5), np.zeros(1)
    g1, g2 = np.array([1.0]), np.array([2.0])
    p1 = opt.step(p, g1)                  # v = 1
    p2 = opt.step(p1, g2)                 # v = 0.5*1 + 2 = 2.5
    assert np.allclose([p1[0], p2[0]], [-0.1, -0.1 - 0.25])
    assert np.allclose(opt.reset().step(p, g2), [-0.2])


def test_adam_matches_the_published_update():
    b1, b2, lr, eps = 0.9, 0.999, 0.01, 1e-8
    opt, p = Adam(lr=lr, beta1=b1, beta2=b2, eps=eps), np.array([0.3, -0.7])
    grads = [np.array([0.2, -1.0]), np.array([-0.4, 0.5]), np.array([1.5, 0.1])]
    m, s, q = np.zeros(2), np.zeros(2), p.copy()
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        s = b2 * s + (1 - b2) * g ** 2
        q = q - lr * (m / (1 - b1 ** t)) / (np.sqrt(s / (1 - b2 ** t)) + eps)
        p = opt.step(p, g)
    assert np.allclose(p, q, atol=1e-15)


@pytest.mark.parametrize("opt", [SGD(0.1), Momentum(0.05), Adam(0.1)])
def test_minimize_a_quadratic(opt):
    target = np.array([1.0, -3.0, 0.5])
    res = minimize(lambda x: (float(((x - target) ** 2).sum()), 2 * (x - target)), np.zeros(3),
                   opt, n_steps=500)
    assert np.allclose(res.x, target, atol=1e-3)
    assert len(res.history) == 501 and res.history[0] > res.history[-1]


def test_callback_stops_early():
    res = minimize(lambda x: (float(x @ x), 2 * x), [1.0], SGD(0.1), n_steps=50,
                   callback=lambda k, x, v: k == 3)
    assert res.n_iter == 3 and len(res.history) == 4


@pytest.mark.parametrize("make,message", [
    (lambda: SGD(lr=0), "lr"), (lambda: SGD(lr=float("nan")), "lr"),
    (lambda: Momentum(momentum=1.0), "momentum"), (lambda: Adam(beta1=1.2), "beta1"),
    (lambda: make_optimizer("newton"), "optimizer must be one of"),
    (lambda: SGD().step([1.0, 2.0], [1.0]), "same shape"),
    (lambda: SGD().step([[1.0]], [[1.0]]), "1-D"),
    (lambda: SGD().step([np.nan], [1.0]), "finite"),
    (lambda: minimize(lambda x: (0.0, x), [1.0], n_steps=0), "n_steps"),
])
def test_bad_input(make, message):
    with pytest.raises(ValueError, match=message):
        make()
