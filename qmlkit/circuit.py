"""A `Circuit`: ordered gates whose angles are constants, trainable parameters or data features.

An angle is a linear form ``const + Σ a_p θ[p] + Σ b_f x[f]``: write ``Param(3)``
for θ[3], ``Feature(0)`` for x[0], and combine them with numbers
(``2 * Feature(1) + Param(0)``). Several gates may share one parameter, as in
Microsoft's controlled-rotation structures.

>>> c = Circuit(2)
>>> c.ry(Feature(0), 0).ry(Param(0), 1).cnot(0, 1)
Circuit(n_qubits=2, n_params=1, n_features=1, n_ops=3)
>>> print(c)
0: ─RY(x0)──●─
1: ─RY(θ0)──X─
>>> c.expval(Z(1), params=[0.0], X=[[0.0], [np.pi]])       # one value per sample
array([ 1., -1.])
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from . import _checks, engine
from .gates import GATES
from .observables import Observable, Z  # noqa: F401  (Z is used in the doctest)

__all__ = ["Angle", "Param", "Feature", "Operation", "Circuit"]

_SELF_INVERSE = {"I", "X", "Y", "Z", "H", "SWAP"}     # their adjoint is themselves (also controlled)


class Angle:
    """An angle: a constant, plus a linear form in the trainable parameters θ and the data
    features x, plus bilinear terms θ_p·x_f (a trainable weight on a feature, as in data
    re-uploading classifiers).

    >>> 0.5 * Feature(2) + Param(1) - 1
    θ1 + 0.5·x2 - 1
    >>> Param(0) + Param(1) * Feature(0)                 # bias + weight·feature
    θ0 + θ1·x0
    """

    __slots__ = ("const", "params", "features", "products")

    def __init__(self, const=0.0, params=(), features=(), products=()):
        self.const = float(const)
        self.params = tuple((int(i), float(a)) for i, a in params if a != 0)
        self.features = tuple((int(i), float(a)) for i, a in features if a != 0)
        self.products = tuple(((int(p), int(f)), float(a)) for (p, f), a in products if a != 0)
        coeffs = [self.const] + [a for _, a in self.params + self.features + self.products]
        if not all(np.isfinite(v) for v in coeffs):
            raise ValueError(f"an angle's constant and coefficients must be finite numbers, got "
                             f"{self.const}, {self.params}, {self.features}, {self.products}")

    @staticmethod
    def of(v) -> "Angle":
        if isinstance(v, Angle):
            return v
        if isinstance(v, numbers.Real) or (isinstance(v, np.ndarray) and v.ndim == 0):
            v = float(v)
            if not np.isfinite(v):
                raise ValueError(f"angles must be finite numbers, got {v}")
            return Angle(v)
        raise TypeError(f"an angle is a number, Param(i), Feature(i) or a sum of them, got {v!r}")

    @property
    def is_constant(self) -> bool:
        return not self.params and not self.features and not self.products

    def _combine(self, other, sign):
        o = Angle.of(other)
        return Angle(self.const + sign * o.const, _merge(self.params, o.params, sign),
                     _merge(self.features, o.features, sign),
                     _merge(self.products, o.products, sign))

    def __add__(self, other):
        return self._combine(other, 1.0)

    __radd__ = __add__

    def __sub__(self, other):
        return self._combine(other, -1.0)

    def __rsub__(self, other):
        return (-1.0 * self) + other

    def __neg__(self):
        return -1.0 * self

    def __mul__(self, c):
        if isinstance(c, Angle):
            return self._times(c)
        if not isinstance(c, numbers.Real):
            return NotImplemented
        c = float(c)
        return Angle(c * self.const, [(i, c * a) for i, a in self.params],
                     [(i, c * a) for i, a in self.features], [(k, c * a) for k, a in self.products])

    __rmul__ = __mul__

    def _times(self, o: "Angle") -> "Angle":
        """(c + Σaθ + Σbx)(c' + Σa'θ + Σb'x): allowed while no θθ, xx or cubic term appears."""
        if (self.products and not o.is_constant) or (o.products and not self.is_constant) \
                or (self.params and o.params) or (self.features and o.features):
            raise TypeError("an angle may multiply a parameter by a feature, but not two parameters, "
                            "two features, or a product by anything but a number")
        prods = [((p, f), a * b) for p, a in self.params for f, b in o.features]
        prods += [((p, f), a * b) for p, a in o.params for f, b in self.features]
        out = Angle(self.const * o.const, [], [], _merge((), prods, 1.0))
        return out + self.const * Angle(0, o.params, o.features, o.products) \
            + o.const * Angle(0, self.params, self.features, self.products)

    def __truediv__(self, c):
        return self * (1.0 / c)

    def __eq__(self, other):
        return isinstance(other, Angle) and (self.const, self.params, self.features, self.products) == \
            (other.const, other.params, other.features, other.products)

    def __hash__(self):
        return hash((self.const, self.params, self.features, self.products))

    def __repr__(self):
        parts = [_term(a, f"θ{i}") for i, a in self.params]
        parts += [_term(a, f"x{i}") for i, a in self.features]
        parts += [_term(a, f"θ{p}·x{f}") for (p, f), a in self.products]
        if self.const or not parts:
            parts.append(f"{self.const:.4g}")
        s = " + ".join(parts)
        return s.replace("+ -", "- ")


def _term(a, name):
    return name if a == 1 else f"-{name}" if a == -1 else f"{a:.4g}·{name}"


def _merge(a, b, sign):
    d = dict(a)
    for i, v in b:
        d[i] = d.get(i, 0.0) + sign * v
    return tuple(sorted(d.items()))


def Param(index: int) -> Angle:
    """The trainable parameter θ[index]."""
    if not _checks._is_int(index) or index < 0:
        raise ValueError(f"a parameter index is a non-negative integer, got {index!r}")
    return Angle(0.0, [(index, 1.0)])


def Feature(index: int, scale: float = 1.0) -> Angle:
    """The data feature ``scale * x[index]`` of the sample being run."""
    if not _checks._is_int(index) or index < 0:
        raise ValueError(f"a feature index is a non-negative integer, got {index!r}")
    return Angle(0.0, (), [(index, scale)])


@dataclass(frozen=True)
class Operation:
    """One gate application: gate name, target wires, control wires, angles, adjoint flag."""

    gate: str
    wires: tuple
    controls: tuple = ()
    angles: tuple = ()
    matrix: np.ndarray | None = None     # for user unitaries ("UNITARY")
    adjoint: bool = False

    @property
    def n_wires(self) -> int:
        return len(self.wires) + len(self.controls)

    def label(self) -> str:
        name = "U" if self.gate == "UNITARY" else self.gate
        if self.angles:
            name += "(" + ", ".join(repr(a) for a in self.angles) + ")"
        return name + ("†" if self.adjoint else "")


class Circuit:
    """An n-qubit circuit built gate by gate; it runs a whole batch of samples at once.

    Parameters
    ----------
    n_qubits : int
        Number of wires, numbered 0 (most significant bit) to ``n_qubits - 1``.

    Gates are added by methods named after them (``rx``, ``cnot``, ``u3``, ...),
    angles first and wires last as in PennyLane and Qiskit; each returns the
    circuit, so calls chain. ``controls=`` makes any gate controlled.
    """

    def __init__(self, n_qubits: int):
        self.n_qubits = _checks.n_qubits(n_qubits)
        self.ops: list[Operation] = []
        self._program = None

    # ------------------------------------------------------------------ building
    def add(self, gate: str, wires, *angles, controls=(), adjoint=False) -> "Circuit":
        """Append gate ``gate`` (a name of ``qmlkit.gates.GATES`` or an alias such as CNOT)."""
        name, ws, ctrl = _checks.gate_call(gate, wires, controls)
        g = GATES[name]
        _checks.wires(ws + ctrl, self.n_qubits, expected=g.n_wires + len(ctrl), what=f"{gate}")
        if len(angles) != g.n_angles:
            raise ValueError(f"gate {gate!r} takes {g.n_angles} angle(s), got {len(angles)}")
        angs = tuple(Angle.of(a) for a in angles)
        return self._append(Operation(name, tuple(ws), tuple(ctrl), angs, None, bool(adjoint)))

    def _append(self, op: Operation) -> "Circuit":
        self.ops.append(op)
        self._program = None
        return self

    def unitary(self, matrix, wires, controls=()) -> "Circuit":
        """Append a user-given unitary on ``wires`` (``wires[0]`` is its most significant bit)."""
        ws, ctrl = _checks.wire_list(wires), _checks.wire_list(controls) if np.size(controls) else []
        _checks.wires(ws + ctrl, self.n_qubits, what="unitary")
        u = _checks.unitary(matrix, len(ws))
        u.setflags(write=False)
        return self._append(Operation("UNITARY", tuple(ws), tuple(ctrl), (), u))

    def i(self, wire): return self.add("I", wire)                                      # noqa: E704
    def x(self, wire, controls=()): return self.add("X", wire, controls=controls)      # noqa: E704
    def y(self, wire, controls=()): return self.add("Y", wire, controls=controls)      # noqa: E704
    def z(self, wire, controls=()): return self.add("Z", wire, controls=controls)      # noqa: E704
    def h(self, wire, controls=()): return self.add("H", wire, controls=controls)      # noqa: E704
    def s(self, wire): return self.add("S", wire)                                      # noqa: E704
    def t(self, wire): return self.add("T", wire)                                      # noqa: E704

    def rx(self, theta, wire, controls=()):
        """RX(θ) = exp(−iθX/2) on ``wire``."""
        return self.add("RX", wire, theta, controls=controls)

    def ry(self, theta, wire, controls=()):
        """RY(θ) = exp(−iθY/2) on ``wire``."""
        return self.add("RY", wire, theta, controls=controls)

    def rz(self, theta, wire, controls=()):
        """RZ(θ) = exp(−iθZ/2) on ``wire``."""
        return self.add("RZ", wire, theta, controls=controls)

    def phase(self, phi, wire, controls=()):
        """Phase(φ) = diag(1, e^{iφ}) on ``wire``."""
        return self.add("PHASE", wire, phi, controls=controls)

    def u3(self, theta, phi, lam, wire, controls=()):
        """U3(θ, φ, λ), OpenQASM's general single-qubit gate."""
        return self.add("U3", wire, theta, phi, lam, controls=controls)

    def rot(self, phi, theta, omega, wire, controls=()):
        """Rot(φ, θ, ω) = RZ(ω) RY(θ) RZ(φ)."""
        return self.add("ROT", wire, phi, theta, omega, controls=controls)

    def cnot(self, control, target): return self.add("X", target, controls=[control])  # noqa: E704
    def cz(self, control, target): return self.add("Z", target, controls=[control])     # noqa: E704
    def swap(self, a, b): return self.add("SWAP", [a, b])                                # noqa: E704

    def crx(self, theta, controls, target):
        """RX(θ) on ``target`` when every wire of ``controls`` (an int or a list) is 1."""
        return self.add("RX", target, theta, controls=_checks.wire_list(controls))

    def cry(self, theta, controls, target):
        """RY(θ) on ``target`` when every wire of ``controls`` is 1."""
        return self.add("RY", target, theta, controls=_checks.wire_list(controls))

    def crz(self, theta, controls, target):
        """RZ(θ) on ``target`` when every wire of ``controls`` is 1."""
        return self.add("RZ", target, theta, controls=_checks.wire_list(controls))

    def zz(self, theta, a, b):
        """ZZ(θ) = exp(−iθ Z⊗Z/2), the Ising interaction."""
        return self.add("ZZ", [a, b], theta)

    def compose(self, other: "Circuit") -> "Circuit":
        """A new circuit: this one, then ``other`` (same number of qubits)."""
        if not isinstance(other, Circuit):
            raise TypeError(f"can only compose with a Circuit, got {type(other).__name__}")
        if other.n_qubits != self.n_qubits:
            raise ValueError(f"cannot compose a {self.n_qubits}-qubit circuit with a "
                             f"{other.n_qubits}-qubit one")
        out = self.copy()
        for op in other.ops:
            out._append(op)
        return out

    __add__ = compose

    def copy(self) -> "Circuit":
        out = Circuit(self.n_qubits)
        out.ops = list(self.ops)
        return out

    def inverse(self) -> "Circuit":
        """The inverse circuit U†: the gates in reverse order, each replaced by its adjoint.

        >>> c = Circuit(1).ry(0.3, 0).rz(Param(0), 0)
        >>> [op.label() for op in c.inverse().ops]
        ['RZ(θ0)†', 'RY(0.3)†']
        """
        out = Circuit(self.n_qubits)
        out.ops = [Operation(op.gate, op.wires, op.controls, op.angles, op.matrix,
                             op.adjoint if op.gate in _SELF_INVERSE else not op.adjoint)
                   for op in reversed(self.ops)]
        return out

    def offset_params(self, offset: int) -> "Circuit":
        """A copy whose parameter indices are shifted by ``offset`` (θ[i] becomes θ[i + offset]),
        so structures can be combined without sharing parameters.

        >>> Circuit(1).ry(Param(0), 0).offset_params(3).ops[0].label()
        'RY(θ3)'
        """
        if not _checks._is_int(offset) or offset < 0:
            raise ValueError(f"offset must be a non-negative integer, got {offset!r}")
        out = Circuit(self.n_qubits)
        out.ops = [Operation(op.gate, op.wires, op.controls,
                             tuple(Angle(a.const, [(i + offset, c) for i, c in a.params], a.features,
                                         [((p + offset, f), c) for (p, f), c in a.products])
                                   for a in op.angles), op.matrix, op.adjoint)
                   for op in self.ops]
        return out

    def params_as_features(self, x=None) -> "Circuit":
        """The same circuit with θ[k] read as data feature k, and its own features fixed to ``x``.

        Running the result on a batch whose rows are parameter settings evaluates many
        settings in one batched simulation (expressibility, gradient statistics).

        >>> c = Circuit(1).ry(Param(0) * Feature(0) + 0.1, 0)
        >>> c.params_as_features(x=[2.0]).ops[0].label()
        'RY(2·x0 + 0.1)'
        """
        xv = np.zeros(0) if x is None else np.asarray(x, dtype=float).ravel()
        if xv.size != self.n_features:
            raise ValueError(f"x must give the circuit's {self.n_features} data feature(s), got "
                             f"{xv.size} value(s)")

        def swap(a: Angle) -> Angle:
            const = a.const + sum(b * xv[i] for i, b in a.features)
            feats = list(a.params) + [(p, c * xv[f]) for (p, f), c in a.products]
            return Angle(const, (), _merge((), feats, 1.0))

        out = Circuit(self.n_qubits)
        out.ops = [Operation(op.gate, op.wires, op.controls, tuple(swap(a) for a in op.angles),
                             op.matrix, op.adjoint) for op in self.ops]
        return out

    # ------------------------------------------------------------------ sizes
    @property
    def n_params(self) -> int:
        """Number of trainable parameters: one more than the largest index used."""
        idx = [i for op in self.ops for a in op.angles
               for i in [i for i, _ in a.params] + [p for (p, _), _ in a.products]]
        return max(idx) + 1 if idx else 0

    @property
    def n_features(self) -> int:
        """Number of data features a sample must have."""
        idx = [i for op in self.ops for a in op.angles
               for i in [i for i, _ in a.features] + [f for (_, f), _ in a.products]]
        return max(idx) + 1 if idx else 0

    def depth(self) -> int:
        """Number of time steps when gates on distinct wires run in parallel."""
        level = [0] * self.n_qubits
        for op in self.ops:
            ws = op.wires + op.controls
            t = max(level[w] for w in ws) + 1
            for w in ws:
                level[w] = t
        return max(level, default=0)

    def count(self, n_wires: int | None = None) -> int:
        """Number of operations, or of those acting on exactly ``n_wires`` wires."""
        return sum(1 for op in self.ops if n_wires is None or op.n_wires == n_wires)

    def __len__(self):
        return len(self.ops)

    def __repr__(self):
        return (f"Circuit(n_qubits={self.n_qubits}, n_params={self.n_params}, "
                f"n_features={self.n_features}, n_ops={len(self.ops)})")

    def __str__(self):
        return self.draw()

    def draw(self) -> str:
        """A text diagram, one line per wire; ● marks a control."""
        from ._draw import text_diagram
        return text_diagram(self)

    # ------------------------------------------------------------------ running
    @property
    def program(self) -> "engine.Program":
        """The compiled, gate-fused form of the circuit (cached until the circuit changes)."""
        if self._program is None or self._program.n_ops != len(self.ops):
            self._program = engine.compile_ops(self.ops, self.n_qubits, self.n_params,
                                               self.n_features)
        return self._program

    def states(self, params=None, X=None, initial_state=None) -> np.ndarray:
        """Run the circuit; the final state(s).

        Parameters
        ----------
        params : array-like of shape (n_params,), optional if the circuit has none
        X : array-like of shape (n_samples, n_features) or (n_features,), optional
            The data; one row per sample. Without X the circuit runs once.
        initial_state : array-like of shape (2**n_qubits,) or (n_samples, 2**n_qubits), optional
            Defaults to |0…0⟩.

        Returns
        -------
        ndarray of shape (n_samples, 2**n_qubits) for a 2-D X (or a batch of
        initial states), else (2**n_qubits,).
        """
        prog = self.program
        angles, batched, single = prog.angles(params, X, initial_state)
        psi = prog.start(angles.shape[0], initial_state)
        out = prog.forward(psi, angles, batched)
        return out[0] if single else out

    def expval(self, observable: Observable, params=None, X=None, initial_state=None):
        """⟨O⟩ after the circuit: a float, or ``(n_samples,)`` for a batch."""
        if not isinstance(observable, Observable):
            raise TypeError("observable must be built from qmlkit's X, Y, Z, pauli, Projector; "
                            f"got {type(observable).__name__}")
        psi = self.states(params, X, initial_state)
        return observable.expval(psi)

    def probabilities(self, params=None, X=None, initial_state=None) -> np.ndarray:
        """Probabilities of every basis state after the circuit."""
        psi = self.states(params, X, initial_state)
        return psi.real ** 2 + psi.imag ** 2
