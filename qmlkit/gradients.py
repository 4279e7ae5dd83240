"""Gradients of expectation values: adjoint (exact), parameter shift (also from shots), finite differences, SPSA.

Every method returns the Jacobian of ⟨O⟩ per sample: ``(n_samples, n_params)``
for a batch ``X`` of shape ``(n_samples, n_features)``, ``(n_params,)`` for a
single run. A loss gradient is then ``dloss_dvalues @ jac``.

All methods work on *slots* (one per gate angle) and map to parameters with
the chain rule ``d/dθ = d/dslot @ P``, so several gates may share a parameter
and an angle may be any linear form such as ``2 * Param(0) + Feature(1)``.

>>> import qmlkit as qk
>>> c = qk.Circuit(1).ry(qk.Param(0), 0)
>>> obs = qk.Z(0)                                 # ⟨Z⟩ = cos θ, d⟨Z⟩/dθ = −sin θ
>>> [round(float(jacobian(c, obs, [0.5], method=m)[0]), 6)
...  for m in ("adjoint", "parameter-shift", "finite-diff")]
[-0.479426, -0.479426, -0.479426]
"""
from __future__ import annotations

import numpy as np

from . import _checks
from .circuit import Circuit
from .gates import shift_rule
from .observables import Observable

__all__ = ["jacobian", "value_and_jacobian", "METHODS"]

METHODS = ("adjoint", "parameter-shift", "finite-diff", "spsa")
_CHUNK_AMPLITUDES = 2 ** 22          # shifted circuits run in chunks of at most 64 MB of state


def value_and_jacobian(circuit, observable: Observable, params=None, X=None, *, method="adjoint",
                       wrt="params", shots=None, h=1e-5, spsa_epsilon=0.05, spsa_draws=1,
                       random_state=None, initial_state=None):
    """⟨O⟩ and its Jacobian, by ``method``.

    Parameters
    ----------
    circuit : Circuit
    observable : Observable
    params : array-like of shape (n_params,)
    X : array-like of shape (n_samples, n_features) or (n_features,), optional
    method : {"adjoint", "parameter-shift", "finite-diff", "spsa"}
        ``"adjoint"``: exact, one forward and one backward sweep for the whole
        batch (Jones & Gacon 2020, arXiv:2009.02823). ``"parameter-shift"``:
        exact from 2 (Pauli rotations) or 4 (controlled rotations) shifted
        circuits per angle, all run as one batch; with ``shots`` each
        expectation is estimated from measurements. ``"finite-diff"``: central
        differences with step ``h``. ``"spsa"``: simultaneous perturbation
        (Spall 1992) with ``spsa_draws`` random ±1 directions of size
        ``spsa_epsilon``; a noisy but unbiased-to-O(ε²) estimate.
    wrt : {"params", "features"}
        Differentiate by the trainable parameters or by the data features
        (the latter not for SPSA).
    shots : int, optional
        Estimate every expectation from this many shots (not for adjoint).
    random_state : int or numpy Generator, optional
        Seed for shots and SPSA directions.

    Returns
    -------
    values : float or ndarray of shape (n_samples,)
    jac : ndarray of shape (n_params,) or (n_samples, n_params)
        (``n_features`` in place of ``n_params`` when ``wrt="features"``).
    """
    if not isinstance(circuit, Circuit):
        raise TypeError(f"circuit must be a qmlkit Circuit, got {type(circuit).__name__}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if method == "finite-diff" and not (np.isfinite(h) and h > 0):
        raise ValueError(f"the finite-difference step h must be a positive number, got {h!r}")
    if wrt not in ("params", "features"):
        raise ValueError(f"wrt must be 'params' or 'features', got {wrt!r}")
    if not isinstance(observable, Observable):
        raise TypeError(f"observable must be built from qmlkit's X, Y, Z, pauli, Projector; "
                        f"got {type(observable).__name__}")
    if shots is not None:
        _checks.shots(shots)
        if method == "adjoint":
            raise ValueError("the adjoint method is exact and cannot use shots; use "
                             "method='parameter-shift' (or 'spsa') with shots")
    prog = circuit.program
    theta, x, single = prog.inputs(params, X, initial_state)
    angles = prog.slot_angles(theta, x)
    psi0 = prog.start(angles.shape[0], initial_state)
    observable._check_n(psi0)
    rng = np.random.default_rng(random_state)
    if method == "adjoint":
        psi = prog.forward(psi0, angles, prog.data_slots)
        values = observable.expval(psi)
        dslots = prog.adjoint(psi, observable.apply(psi), angles, prog.data_slots)
        jac = prog.chain(dslots, theta, x, wrt)
    else:
        runner = _Runner(prog, observable, psi0, shots, rng)
        values = runner(angles[None])[0]
        if method == "spsa":
            if wrt != "params":
                raise ValueError("SPSA perturbs the parameters; use another method for wrt='features'")
            jac = _spsa(runner, prog, theta, x, spsa_epsilon, spsa_draws, rng)
        else:
            slots = prog.slots_of(wrt)
            rules = _shift_rules(prog, slots) if method == "parameter-shift" else \
                [((0.5 / h, h), (-0.5 / h, -h))] * len(slots)
            dslots = np.zeros(angles.shape)
            dslots[:, slots] = _shifted(runner, angles, slots, rules)
            jac = prog.chain(dslots, theta, x, wrt)
    return (float(values[0]), jac[0]) if single else (values, jac)


def jacobian(circuit, observable, params=None, X=None, **kwargs):
    """The Jacobian of ⟨O⟩ alone; see `value_and_jacobian` for the arguments."""
    return value_and_jacobian(circuit, observable, params, X, **kwargs)[1]


class _Runner:
    """Expectation values of many angle sets ``(T, B, n_slots)`` at once, in memory-bounded chunks."""

    def __init__(self, prog, observable, psi0, shots, rng):
        self.prog, self.obs, self.psi0, self.shots, self.rng = prog, observable, psi0, shots, rng

    def __call__(self, angles):
        T, B, S = angles.shape
        flat = angles.reshape(T * B, S)
        every = np.ones(S, dtype=bool)                     # all slots differ per row
        rows = max(B, (_CHUNK_AMPLITUDES // self.psi0.shape[1]) // B * B)
        out = np.empty(T * B)
        for i in range(0, T * B, rows):
            a = flat[i:i + rows]
            psi = self.prog.forward(np.tile(self.psi0, (a.shape[0] // B, 1)), a, every)
            out[i:i + rows] = (self.obs.expval(psi) if self.shots is None else
                               self.obs.estimate(psi, self.shots, self.rng))
        return out.reshape(T, B)


def _shift_rules(prog, slots) -> list:
    """The parameter-shift rule of every slot, from its gate and number of controls."""
    owner = {}
    for blk in prog.blocks:
        for s in getattr(blk, "steps", None) or [blk.step]:
            for j, slot in enumerate(s.slots):
                owner[slot] = shift_rule(s.gate, j, len(s.controls))
    return [owner[s] for s in slots]


def _shifted(runner, angles, slots, rules):
    """d⟨O⟩/d slot for ``slots``, from Σ_t c_t ⟨O⟩(slot + s_t): ``(B, len(slots))``."""
    shifted, coeffs, owner = [], [], []
    for k, (slot, rule) in enumerate(zip(slots, rules)):
        for c, s in rule:
            a = angles.copy()
            a[:, slot] += s
            shifted.append(a)
            coeffs.append(c)
            owner.append(k)
    if not shifted:
        return np.zeros((angles.shape[0], 0))
    vals = runner(np.stack(shifted))                       # (T, B)
    out = np.zeros((angles.shape[0], len(slots)))
    np.add.at(out.T, np.array(owner), np.array(coeffs)[:, None] * vals)
    return out


def _spsa(runner, prog, theta, x, eps, draws, rng):
    """SPSA: ĝ = (f(θ+εΔ) − f(θ−εΔ)) / (2ε) · Δ, averaged over ``draws`` Rademacher Δ."""
    draws = _checks.positive_int(draws, "spsa_draws")
    if not eps > 0:
        raise ValueError(f"spsa_epsilon must be positive, got {eps!r}")
    delta = rng.choice([-1.0, 1.0], size=(draws, theta.size))         # (draws, n_params)
    a = np.stack([prog.slot_angles(theta + sign * eps * d, x) for sign in (1, -1) for d in delta])
    vals = runner(a)                                                  # (2*draws, B): all +, then all −
    diff = (vals[:draws] - vals[draws:]) / (2 * eps)                  # (draws, B)
    return np.einsum("db,dp->bp", diff, delta) / draws
