"""Gradient-based optimizers: plain gradient descent, momentum, Adam; and a minimisation loop.

An optimizer's ``step(params, grad)`` returns new parameters (the input is not
changed) and keeps its own running state (velocity, moments); ``reset()``
forgets it.

>>> opt = SGD(lr=0.1)
>>> opt.step(np.array([1.0, 2.0]), np.array([1.0, -1.0]))
array([0.9, 2.1])
>>> result = minimize(lambda x: (float(x @ x), 2 * x), [1.0, -2.0], Adam(lr=0.1), n_steps=300)
>>> bool(result.fun < 1e-4), result.n_iter
(True, 300)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import _checks

__all__ = ["SGD", "Momentum", "Adam", "minimize", "MinimizeResult", "make_optimizer"]


def _vector(a, what) -> np.ndarray:
    v = np.asarray(a, dtype=float)
    if v.ndim != 1:
        raise ValueError(f"{what} must be a 1-D array, got shape {v.shape}")
    return _checks.finite(v, what)


def _positive(value, name):
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(value)


class SGD:
    """Gradient descent: θ ← θ − lr · g."""

    def __init__(self, lr: float = 0.1):
        self.lr = _positive(lr, "lr")

    def reset(self):
        return self

    def step(self, params, grad) -> np.ndarray:
        p, g = _vector(params, "params"), _vector(grad, "grad")
        if p.shape != g.shape:
            raise ValueError(f"params {p.shape} and grad {g.shape} must have the same shape")
        return p - self._update(g)

    def _update(self, g):
        return self.lr * g

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr:g})"


class Momentum(SGD):
    """Heavy-ball momentum: v ← μ v + g, θ ← θ − lr · v."""

    def __init__(self, lr: float = 0.1, momentum: float = 0.9):
        super().__init__(lr)
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.momentum, self._v = float(momentum), None

    def reset(self):
        self._v = None
        return self

    def _update(self, g):
        self._v = g if self._v is None else self.momentum * self._v + g
        return self.lr * self._v


class Adam(SGD):
    """Adam (Kingma & Ba 2015, arXiv:1412.6980) with bias-corrected moments."""

    def __init__(self, lr: float = 0.05, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        super().__init__(lr)
        for name, b in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= b < 1:
                raise ValueError(f"{name} must be in [0, 1), got {b!r}")
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), _positive(eps, "eps")
        self.reset()

    def reset(self):
        self._m = self._s = None
        self._t = 0
        return self

    def _update(self, g):
        if self._m is None:
            self._m, self._s = np.zeros_like(g), np.zeros_like(g)
        self._t += 1
        self._m = self.beta1 * self._m + (1 - self.beta1) * g
        self._s = self.beta2 * self._s + (1 - self.beta2) * g * g
        m_hat = self._m / (1 - self.beta1 ** self._t)
        s_hat = self._s / (1 - self.beta2 ** self._t)
        return self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


_BY_NAME = {"sgd": SGD, "gd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(optimizer="adam", lr: float | None = None):
    """An optimizer from a name ("sgd", "momentum", "adam") or an optimizer object (returned as is)."""
    if isinstance(optimizer, SGD):
        return optimizer
    cls = _BY_NAME.get(str(optimizer).lower())
    if cls is None:
        raise ValueError(f"optimizer must be one of {sorted(_BY_NAME)} or an optimizer object, "
                         f"got {optimizer!r}")
    return cls() if lr is None else cls(lr=lr)


@dataclass
class MinimizeResult:
    """Outcome of `minimize`: the final parameters and the history of the objective."""

    x: np.ndarray
    fun: float
    n_iter: int
    history: list = field(default_factory=list)


def minimize(fun_and_grad, x0, optimizer=None, n_steps: int = 100, callback=None) -> MinimizeResult:
    """Run ``n_steps`` optimizer steps on ``fun_and_grad(x) -> (value, gradient)``.

    ``history`` holds the objective before each step and after the last one;
    ``callback(step, x, value)`` is called before each step and may return
    True to stop early.
    """
    opt = make_optimizer(optimizer if optimizer is not None else "adam")
    steps = _checks.positive_int(n_steps, "n_steps")
    x = _vector(x0, "x0").copy()
    history = []
    for k in range(steps):
        value, grad = fun_and_grad(x)
        history.append(float(value))
        if callback is not None and callback(k, x, float(value)):
            return MinimizeResult(x, float(value), k, history)
        x = opt.step(x, grad)
    value, _ = fun_and_grad(x)
    history.append(float(value))
    return MinimizeResult(x, float(value), steps, history)
