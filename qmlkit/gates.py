"""Gate definitions: each gate's matrix, its derivative and its parameter-shift rule, side by side.

Conventions (the same everywhere in qmlkit):

* wire 0 is the most significant bit, so ``|q0 q1 ... q_{n-1}>`` is basis index
  ``q0 * 2**(n-1) + ... + q_{n-1}``; a two-wire matrix acts on ``|w0 w1>`` in
  that order;
* a rotation is ``R_P(theta) = exp(-i theta P / 2)``.

Matrices are batched: ``gate.matrix(angles)`` takes ``angles`` of shape
``S + (n_angles,)`` and returns ``S + (d, d)`` with ``d = 2**n_wires``, so one
call builds a matrix per data sample.

>>> import numpy as np
>>> np.round(GATES["RY"].matrix(np.array([np.pi])), 12).real
array([[ 0., -1.],
       [ 1.,  0.]])
>>> GATES["RY"].matrix(np.zeros((5, 1))).shape   # five samples, one angle each
(5, 2, 2)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

__all__ = ["Gate", "GATES", "PAULI", "shift_rule", "TWO_TERM", "FOUR_TERM"]

_I2 = np.eye(2, dtype=complex)
_X = np.array([[0, 1], [1, 0]], dtype=complex)
_Y = np.array([[0, -1j], [1j, 0]], dtype=complex)
_Z = np.array([[1, 0], [0, -1]], dtype=complex)
PAULI = {"I": _I2, "X": _X, "Y": _Y, "Z": _Z}

# Parameter-shift rules as ((coefficient, shift), ...): df/dθ = Σ c f(θ + s).
# Two-term rule: generator with eigenvalues differing by 1, e.g. P/2 (Mitarai et
# al. 2018, arXiv:1803.00745; Schuld et al. 2019, arXiv:1811.11184).
TWO_TERM = ((0.5, np.pi / 2), (-0.5, -np.pi / 2))
# Four-term rule: generator with eigenvalues {0, ±1/2}, e.g. a controlled Pauli
# rotation (Anselmetti et al. 2021, arXiv:2104.05695; Wierichs et al. 2022,
# arXiv:2107.12390).
_CP = (np.sqrt(2) + 1) / (4 * np.sqrt(2))
_CM = (np.sqrt(2) - 1) / (4 * np.sqrt(2))
FOUR_TERM = ((_CP, np.pi / 2), (-_CP, -np.pi / 2), (-_CM, 3 * np.pi / 2), (_CM, -3 * np.pi / 2))


@dataclass(frozen=True)
class Gate:
    """A gate type: its matrix, the derivative of its matrix and its shift rule.

    Attributes
    ----------
    name : str
        Canonical name, e.g. ``"RY"``.
    n_wires : int
        Number of target wires (controls come on top, per operation).
    n_angles : int
        Number of angles the matrix depends on.
    matrix : callable
        ``angles`` of shape ``S + (n_angles,)`` to matrices ``S + (d, d)``.
    derivatives : callable or None
        ``angles`` to a list of ``n_angles`` arrays ``S + (d, d)``: the
        derivative of the matrix by each angle.
    angle_kinds : tuple of str
        Per angle, ``"rotation"`` (generator eigenvalues ±1/2, e.g. P/2) or
        ``"phase"`` (generator eigenvalues {0, 1}); this decides the shift rule.
    diagonal : bool
        True when the matrix is diagonal for every angle.
    """

    name: str
    n_wires: int
    n_angles: int
    matrix: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    derivatives: Callable[[np.ndarray], list] | None = field(default=None, repr=False)
    angle_kinds: tuple = ()
    diagonal: bool = False


def shift_rule(gate: Gate, angle_index: int, n_controls: int) -> tuple:
    """The parameter-shift rule for one angle of a (possibly controlled) gate.

    A controlled Pauli rotation has generator eigenvalues {0, ±1/2}, so it needs
    the four-term rule; phases keep eigenvalues {0, 1} under control.

    >>> len(shift_rule(GATES["RX"], 0, 0)), len(shift_rule(GATES["RX"], 0, 1))
    (2, 4)
    """
    kind = gate.angle_kinds[angle_index]
    return FOUR_TERM if (kind == "rotation" and n_controls > 0) else TWO_TERM


def _fixed(name: str, m, diagonal: bool = False) -> Gate:
    m = np.asarray(m, dtype=complex)
    m.setflags(write=False)
    n_wires = int(np.log2(m.shape[0]))
    return Gate(name, n_wires, 0, lambda a, m=m: np.broadcast_to(m, a.shape[:-1] + m.shape),
                None, (), diagonal)


def _cs(a):
    """cos(θ/2), sin(θ/2) as complex arrays."""
    h = 0.5 * a
    return np.cos(h).astype(complex), np.sin(h).astype(complex)


def _stack(entries, shape):
    """Assemble ``[[a, b], [c, d]]`` (broadcast scalars) into shape S + (2, 2)."""
    out = np.empty(shape + (2, 2), dtype=complex)
    out[..., 0, 0], out[..., 0, 1], out[..., 1, 0], out[..., 1, 1] = entries
    return out


def _pauli_rotation(name: str, p: np.ndarray) -> Gate:
    """R_P(θ) = cos(θ/2) I − i sin(θ/2) P; dR/dθ = −(i/2) P R."""
    def matrix(a):
        c, s = _cs(a[..., 0])
        return c[..., None, None] * _I2 - 1j * s[..., None, None] * p

    def derivatives(a):
        return [-0.5j * (p @ matrix(a))]

    return Gate(name, 1, 1, matrix, derivatives, ("rotation",), diagonal=name == "RZ")


def _rz(a):
    e = np.exp(-0.5j * a[..., 0])
    return _stack((e, 0, 0, e.conj()), a.shape[:-1])


def _phase(a):
    return _stack((1, 0, 0, np.exp(1j * a[..., 0])), a.shape[:-1])


def _phase_d(a):
    return [_stack((0, 0, 0, 1j * np.exp(1j * a[..., 0])), a.shape[:-1])]


def _u3(a):
    """U3(θ, φ, λ) = [[c, −e^{iλ} s], [e^{iφ} s, e^{i(φ+λ)} c]] (OpenQASM)."""
    c, s = _cs(a[..., 0])
    ep, el = np.exp(1j * a[..., 1]), np.exp(1j * a[..., 2])
    return _stack((c, -el * s, ep * s, ep * el * c), a.shape[:-1])


def _u3_d(a):
    c, s = _cs(a[..., 0])
    ep, el = np.exp(1j * a[..., 1]), np.exp(1j * a[..., 2])
    S = a.shape[:-1]
    return [_stack((-s / 2, -el * c / 2, ep * c / 2, -ep * el * s / 2), S),
            _stack((0, 0, 1j * ep * s, 1j * ep * el * c), S),
            _stack((0, -1j * el * s, 0, 1j * ep * el * c), S)]


def _rot(a):
    """Rot(φ, θ, ω) = RZ(ω) RY(θ) RZ(φ) (PennyLane's and Microsoft's general rotation)."""
    c, s = _cs(a[..., 1])
    p, m = np.exp(-0.5j * (a[..., 0] + a[..., 2])), np.exp(0.5j * (a[..., 0] - a[..., 2]))
    return _stack((p * c, -m * s, m.conj() * s, p.conj() * c), a.shape[:-1])


def _rot_d(a):
    g = _rot(a)
    mz = -0.5j * _Z
    c, s = _cs(a[..., 1])
    p, m = np.exp(-0.5j * (a[..., 0] + a[..., 2])), np.exp(0.5j * (a[..., 0] - a[..., 2]))
    dtheta = _stack((-p * s / 2, -m * c / 2, m.conj() * c / 2, -p.conj() * s / 2), a.shape[:-1])
    return [g @ mz, dtheta, mz @ g]


def _zz(a):
    e = np.exp(-0.5j * a[..., 0])
    d = np.stack([e, e.conj(), e.conj(), e], axis=-1)
    return d[..., :, None] * np.eye(4)


def _zz_d(a):
    zz = np.diag([1, -1, -1, 1]).astype(complex)
    return [-0.5j * (zz @ _zz(a))]


GATES: dict[str, Gate] = {g.name: g for g in [
    _fixed("I", _I2, diagonal=True),
    _fixed("X", _X),
    _fixed("Y", _Y),
    _fixed("Z", _Z, diagonal=True),
    _fixed("H", np.array([[1, 1], [1, -1]]) / np.sqrt(2)),
    _fixed("S", np.diag([1, 1j]), diagonal=True),
    _fixed("T", np.diag([1, np.exp(0.25j * np.pi)]), diagonal=True),
    _fixed("SWAP", np.eye(4)[[0, 2, 1, 3]]),
    _pauli_rotation("RX", _X),
    _pauli_rotation("RY", _Y),
    Gate("RZ", 1, 1, _rz, lambda a: [-0.5j * (_Z @ _rz(a))], ("rotation",), True),
    Gate("PHASE", 1, 1, _phase, _phase_d, ("phase",), True),
    Gate("U3", 1, 3, _u3, _u3_d, ("rotation", "phase", "phase")),
    Gate("ROT", 1, 3, _rot, _rot_d, ("rotation", "rotation", "rotation")),
    Gate("ZZ", 2, 1, _zz, _zz_d, ("rotation",), True),
]}
