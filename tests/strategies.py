"""Hypothesis strategies: random qmlkit circuits (every gate type, controls, shared parameters,
feature-dependent angles, user unitaries, adjoints, inverse pieces) and random observables.

A drawn circuit is a `Case`: the qmlkit `Circuit`, a parameter vector that fits
it, and a seed for any further random numbers (data rows, initial states). The
reference simulator in ``reference.py`` runs the same ``circuit.ops``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

import qmlkit as qk
from reference import random_state, random_unitary

FIXED_1Q = ["I", "X", "Y", "Z", "H", "S", "T"]
PARAM_1Q = ["RX", "RY", "RZ", "PHASE", "U3", "ROT"]
TWO_WIRE = ["SWAP", "ZZ"]
N_ANGLES = {"RX": 1, "RY": 1, "RZ": 1, "PHASE": 1, "U3": 3, "ROT": 3, "ZZ": 1}
ALL_GATES = FIXED_1Q + PARAM_1Q + TWO_WIRE + ["UNITARY"]
# Norm of the generator G of each angle (U = exp(−iθG) along that angle); used to bound
# derivatives of expectation values: |d^k f/dt^k| <= ||O|| (2 Σ |rate| ||G||)^k.
GENERATOR_NORM = {"RX": (0.5,), "RY": (0.5,), "RZ": (0.5,), "PHASE": (1.0,),
                  "U3": (0.5, 1.0, 1.0), "ROT": (0.5, 0.5, 0.5), "ZZ": (0.5,)}

finite_angle = st.floats(-2 * np.pi, 2 * np.pi, allow_nan=False, allow_infinity=False)
coefficient = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False).filter(
    lambda v: abs(v) > 1e-3)
seeds = st.integers(0, 2 ** 32 - 1)


@dataclass
class Case:
    """A drawn circuit with the numbers needed to run it."""

    circuit: qk.Circuit
    params: np.ndarray
    seed: int

    @property
    def n(self) -> int:
        return self.circuit.n_qubits

    @property
    def n_features(self) -> int:
        return self.circuit.n_features

    def rng(self, salt: int = 0) -> np.random.Generator:
        return np.random.default_rng([self.seed, salt])

    def X(self, n_samples: int) -> np.ndarray:
        """Data rows (n_samples, n_features) in [−π, π]."""
        return self.rng(1).uniform(-np.pi, np.pi, size=(n_samples, self.n_features))

    def initial_state(self, n_samples: int | None = None) -> np.ndarray:
        return random_state(self.n, self.rng(2), n_samples)

    def __repr__(self):
        return (f"Case(seed={self.seed}, params={self.params.tolist()},\n"
                f"     ops={[op.label() + str(op.wires) + 'c' + str(op.controls) for op in self.circuit.ops]})")


@st.composite
def angle_forms(draw, n_params: int, n_features: int):
    """An angle: a constant, Param(i), a*Param(i) − Param(j) + c, Feature(j), or a*x_j + θ_i − c."""
    kinds = ["const", "param", "param", "shared"]
    if n_features:
        kinds += ["feature", "feature_scaled", "linear", "linear"]
    kind = draw(st.sampled_from(kinds))
    i = draw(st.integers(0, n_params - 1))
    j = draw(st.integers(0, max(n_features - 1, 0)))
    if kind == "const":
        return draw(finite_angle)
    if kind == "param":
        return qk.Param(i)
    if kind == "shared":      # two parameters in one angle, with a constant offset
        k = draw(st.integers(0, n_params - 1))
        return draw(coefficient) * qk.Param(i) - qk.Param(k) + draw(finite_angle)
    if kind == "feature":
        return qk.Feature(j)
    if kind == "feature_scaled":
        return qk.Feature(j, scale=draw(coefficient))
    return draw(coefficient) * qk.Feature(j) + qk.Param(i) - draw(finite_angle)   # e.g. 0.7·x1 + θ0 − 0.2


def _add_named(c: qk.Circuit, name: str, targets, ctrls, angs, adjoint: bool, style: int):
    """Append one gate, through `add` or through the builder method / alias a user would type."""
    t = targets[0]
    if adjoint or style == 0:
        return c.add(name, targets, *angs, controls=ctrls, adjoint=adjoint)
    if name in ("RX", "RY", "RZ") and ctrls and style == 1:
        return getattr(c, "c" + name.lower())(angs[0], ctrls, t)            # crx(θ, controls, target)
    if name == "X" and len(ctrls) == 1:
        return c.cnot(ctrls[0], t) if style == 1 else c.add("CX", ctrls + [t])
    if name == "X" and len(ctrls) == 2:
        return c.add("TOFFOLI" if style == 1 else "CCX", ctrls + [t])
    if name == "Z" and len(ctrls) == 1:
        return c.cz(ctrls[0], t)
    if name == "Z" and len(ctrls) == 2:
        return c.add("CCZ", ctrls + [t])
    if name == "Y" and len(ctrls) == 1:
        return c.add("CY", ctrls + [t])
    if name == "PHASE" and len(ctrls) == 1 and style == 1:
        return c.add("CPHASE", ctrls + [t], angs[0])
    if name == "SWAP" and not ctrls:
        return c.swap(*targets)
    if name == "ZZ" and not ctrls:
        return c.zz(angs[0], *targets) if style == 1 else c.add("RZZ", targets, angs[0])
    if name == "U3" and style == 2:
        return c.add("U", t, *angs, controls=ctrls)
    if name == "PHASE" and style == 2:
        return c.add("P", t, *angs, controls=ctrls)
    method = {"RX": "rx", "RY": "ry", "RZ": "rz", "PHASE": "phase", "U3": "u3", "ROT": "rot",
              "X": "x", "Y": "y", "Z": "z", "H": "h"}.get(name)
    if method:
        return getattr(c, method)(*angs, t, controls=ctrls)
    return c.add(name, targets, *angs, controls=ctrls)


@st.composite
def _one_op(draw, c: qk.Circuit, gates, n_params, n_features, max_controls, allow_adjoint):
    n = c.n_qubits
    options = [g for g in gates if not (g in TWO_WIRE and n < 2)]
    name = draw(st.sampled_from(options))
    if name == "UNITARY":
        k = draw(st.integers(1, min(3, n)))
    else:
        k = 2 if name in TWO_WIRE else 1
    n_ctrl = draw(st.integers(0, min(max_controls, n - k)))
    order = draw(st.permutations(range(n)))
    targets, ctrls = list(order[:k]), list(order[k:k + n_ctrl])
    if name == "UNITARY":
        u = random_unitary(2 ** k, np.random.default_rng(draw(seeds)))
        return c.unitary(u, targets, controls=ctrls)
    angs = [draw(angle_forms(n_params, n_features)) for _ in range(N_ANGLES.get(name, 0))]
    adjoint = allow_adjoint and draw(st.booleans())
    return _add_named(c, name, targets, ctrls, angs, adjoint, draw(st.integers(0, 2)))


@st.composite
def circuits(draw, min_qubits=1, max_qubits=6, max_ops=12, gates=ALL_GATES, max_params=4,
             max_features=3, max_controls=2, allow_adjoint=True, allow_inverse=True) -> Case:
    """A random circuit and its parameters (see the module docstring)."""
    n = draw(st.integers(min_qubits, max_qubits))
    n_params = draw(st.integers(1, max_params))
    n_features = draw(st.integers(0, max_features))
    c = qk.Circuit(n)
    for _ in range(draw(st.integers(0, max_ops))):
        if allow_inverse and draw(st.integers(0, 9)) == 0:
            # an inverse piece: a short sub-circuit, undone gate by gate
            sub = qk.Circuit(n)
            for _ in range(draw(st.integers(1, 4))):
                draw(_one_op(sub, gates, n_params, n_features, max_controls, allow_adjoint))
            c = c.compose(sub.inverse())
        else:
            draw(_one_op(c, gates, n_params, n_features, max_controls, allow_adjoint))
    seed = draw(seeds)
    params = np.random.default_rng([seed, 0]).uniform(-np.pi, np.pi, size=c.n_params)
    return Case(c, params, seed)


# --------------------------------------------------------------------------- observables
@st.composite
def observables(draw, n: int, max_terms: int = 4, kinds=("pauli", "proj"), letters="XYZ"):
    """A random observable and its spec for ``reference.observable_matrix``.

    Pauli strings (built with `pauli` or as products ``X(a) @ Y(b)``), projectors on
    random wires in random order, with real coefficients, summed.
    """
    obs, spec = None, []
    for _ in range(draw(st.integers(1, max_terms))):
        kind = draw(st.sampled_from(kinds))
        k = draw(st.integers(1, n))
        wires = list(draw(st.permutations(range(n))))[:k]
        coeff = draw(st.sampled_from([1.0, -1.0, 0.5])) if draw(st.booleans()) else draw(coefficient)
        if kind == "pauli":
            lets = [draw(st.sampled_from(letters)) for _ in wires]
            if draw(st.booleans()):
                term = qk.pauli("".join(lets), wires, coeff)
            else:
                term = None
                for w, p in zip(wires, lets):
                    f = {"X": qk.X, "Y": qk.Y, "Z": qk.Z}[p](w)
                    term = f if term is None else term @ f
                term = coeff * term
            spec.append(("pauli", coeff, dict(zip(wires, lets))))
        else:
            bits = [draw(st.integers(0, 1)) for _ in wires]
            term = coeff * qk.Projector(bits, wires)
            spec.append(("proj", coeff, bits, wires))
        obs = term if obs is None else obs + term
    return obs, spec


def observable_norm_bound(spec) -> float:
    """||O|| <= Σ |coeff| (Pauli strings and projectors have norm 1)."""
    return float(sum(abs(t[1]) for t in spec))
