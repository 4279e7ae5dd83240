"""Observables: Pauli strings, their real linear combinations and projectors; expectation values.

Build them the way you write them on paper:

>>> obs = Z(0) @ Z(1)                 # Z⊗Z on wires 0 and 1
>>> obs
Z0 Z1
>>> 0.5 * X(0) + Z(1)
0.5*X0 + Z1
>>> psi = np.array([1, 0, 0, 1]) / np.sqrt(2)      # Bell state
>>> round(expval(psi, Z(0) @ Z(1)), 12), round(expval(psi, Projector([0, 0])), 12)
(1.0, 0.5)

Every observable can ``expval`` a batch ``(n_samples, 2**n)`` into
``(n_samples,)`` and ``apply`` itself to it (``O|psi>``, used by the adjoint
gradient). Diagonal parts (Z strings, projectors) are summed into one diagonal
vector, so a cost such as ``Σ_j Z_j`` costs one pass over the state.
"""
from __future__ import annotations

import functools
import numbers

import numpy as np

from . import _checks

__all__ = ["Observable", "PauliString", "Projector", "Sum", "X", "Y", "Z", "I", "pauli", "expval",
           "estimate_expval"]


class Observable:
    """Base class: a Hermitian operator on some wires of an n-qubit register."""

    wires: tuple = ()

    def terms(self) -> list:
        """List of (coefficient, primitive observable)."""
        return [(1.0, self)]

    def diagonal(self, n: int):
        """The diagonal as a real ``(2**n,)`` vector, or None if not diagonal."""
        return None

    def expval(self, states) -> np.ndarray:
        """⟨psi|O|psi⟩ for one state (a float) or a batch (an array ``(n_samples,)``)."""
        psi, single = _checks.states(states)
        n = self._check_n(psi)
        out = _expval(self, psi, n)
        return float(out[0]) if single else out

    def estimate(self, states, shots: int, random_state=None):
        """⟨O⟩ estimated from ``shots`` measurements, as hardware would (see `estimate_expval`)."""
        psi, single = _checks.states(states)
        n = self._check_n(psi)
        _checks.normalised_rows(psi, "estimate")
        out = _estimate(self, psi, n, _checks.shots(shots), np.random.default_rng(random_state))
        return float(out[0]) if single else out

    def apply(self, states) -> np.ndarray:
        """O|psi⟩ (not a physical operation; the adjoint method needs it)."""
        psi, single = _checks.states(states)
        n = self._check_n(psi)
        out = _apply(self, psi, n)
        return out[0] if single else out

    def _check_n(self, psi) -> int:
        n = _checks.state_dim(psi.shape[1])
        if self.wires and max(self.wires) >= n:
            raise ValueError(f"observable {self!r} acts on wire {max(self.wires)}, but the state "
                             f"has {n} qubit(s) (wires 0..{n - 1})")
        return n

    # algebra: real linear combinations
    def __add__(self, other):
        if isinstance(other, numbers.Real):
            other = PauliString({}, float(other))
        if not isinstance(other, Observable):
            return NotImplemented
        return Sum(self.terms() + other.terms())

    __radd__ = __add__

    def __sub__(self, other):
        return self + (-1.0) * other

    def __rsub__(self, other):
        return (-1.0) * self + other

    def __neg__(self):
        return (-1.0) * self

    def __mul__(self, c):
        if not isinstance(c, numbers.Real):
            return NotImplemented
        return Sum([(float(c) * k, t) for k, t in self.terms()])

    __rmul__ = __mul__


class PauliString(Observable):
    """A real coefficient times a tensor product of X, Y, Z on distinct wires.

    >>> PauliString({0: "X", 2: "Z"}, 2.0)
    2*X0 Z2
    """

    def __init__(self, paulis: dict, coeff: float = 1.0):
        for w, p in paulis.items():
            _checks.wires(_checks.wire_list(w), 10 ** 9, what="PauliString")
            if p not in ("I", "X", "Y", "Z"):
                raise ValueError(f"Pauli letters are I, X, Y, Z; got {p!r} on wire {w}")
        if not isinstance(coeff, numbers.Real) or not np.isfinite(coeff):
            raise ValueError(f"an observable's coefficient must be a finite real number, got {coeff!r}")
        self.paulis = tuple(sorted((int(w), p) for w, p in paulis.items() if p != "I"))
        self.coeff = float(coeff)
        self.wires = tuple(w for w, _ in self.paulis)

    def terms(self):
        return [(self.coeff, PauliString(dict(self.paulis)))]

    def __mul__(self, c):
        if not isinstance(c, numbers.Real):
            return NotImplemented
        return PauliString(dict(self.paulis), self.coeff * float(c))

    __rmul__ = __mul__

    def __matmul__(self, other):
        if isinstance(other, Sum):
            return Sum([(c, self @ t) for c, t in other.terms()])
        if not isinstance(other, PauliString):
            return NotImplemented
        shared = set(self.wires) & set(other.wires)
        if shared:
            raise ValueError(f"@ is the tensor product of Paulis on distinct wires; both act on {sorted(shared)}")
        return PauliString(dict(self.paulis + other.paulis), self.coeff * other.coeff)

    def diagonal(self, n):
        if any(p != "Z" for _, p in self.paulis):
            return None
        return self.coeff * _z_signs(n, self.wires)

    def __repr__(self):
        body = " ".join(f"{p}{w}" for w, p in self.paulis) or "I"
        return body if self.coeff == 1 else f"{self.coeff:g}*{body}"


class Projector(Observable):
    """The projector |b⟩⟨b| onto basis state ``bits`` of ``wires`` (identity elsewhere).

    ``Projector([0]*n)`` is the global cost |0…0⟩⟨0…0|; ``Projector([0], [j])`` is
    the local |0⟩⟨0| on wire j.

    >>> Projector([1, 0], wires=[2, 0]).diagonal(3)     # wire 2 = 1 and wire 0 = 0
    array([0., 1., 0., 1., 0., 0., 0., 0.])
    """

    def __init__(self, bits, wires=None):
        self.bits = tuple(_checks.bits(bits))
        ws = list(range(len(self.bits))) if wires is None else _checks.wire_list(wires)
        if len(ws) != len(self.bits):
            raise ValueError(f"Projector needs one bit per wire, got {len(self.bits)} bits "
                             f"for {len(ws)} wires")
        _checks.wires(ws, 10 ** 9, what="Projector")
        self.wires = tuple(ws)

    def diagonal(self, n):
        return _projector_diag(n, self.wires, self.bits)

    def __repr__(self):
        return f"Projector({list(self.bits)}, wires={list(self.wires)})"


class Sum(Observable):
    """A real linear combination of Pauli strings and projectors."""

    def __init__(self, terms):
        merged: dict = {}
        flat = [(c * c2, t2) for c, t in terms for c2, t2 in t.terms()]   # fold nested sums and coefficients
        for c, t in flat:
            key = t.paulis if isinstance(t, PauliString) else t
            if key in merged:
                merged[key] = (merged[key][0] + c, merged[key][1])
            else:
                merged[key] = (c, t)
        self._terms = [(c, t) for c, t in merged.values() if c != 0]
        self.wires = tuple(sorted({w for _, t in self._terms for w in t.wires}))

    def terms(self):
        return list(self._terms)

    def __matmul__(self, other):
        if not all(isinstance(t, PauliString) for _, t in self._terms):
            return NotImplemented
        return Sum([(c, t @ other) for c, t in self._terms])

    def __rmatmul__(self, other):
        return Sum([(c, other @ t) for c, t in self._terms])

    def diagonal(self, n):
        d = np.zeros(2 ** n)
        for c, t in self._terms:
            td = t.diagonal(n)
            if td is None:
                return None
            d += c * td
        return d

    def __repr__(self):
        parts = []
        for c, t in self._terms:
            s = repr(t)
            parts.append(s if c == 1 else f"{c:g}*{s}")
        return " + ".join(parts) if parts else "0"


def X(wire: int) -> PauliString:
    """Pauli X on ``wire``."""
    return PauliString({wire: "X"})


def Y(wire: int) -> PauliString:
    """Pauli Y on ``wire``."""
    return PauliString({wire: "Y"})


def Z(wire: int) -> PauliString:
    """Pauli Z on ``wire``."""
    return PauliString({wire: "Z"})


def I(wire: int | None = None) -> PauliString:  # noqa: E743 (the identity's usual name)
    """The identity (its expectation value is 1)."""
    return PauliString({})


def pauli(letters: str, wires=None, coeff: float = 1.0) -> PauliString:
    """A Pauli string from letters: ``pauli("ZZI")`` or ``pauli("XZ", wires=[0, 2])``.

    >>> pauli("ZIX")
    Z0 X2
    """
    if not isinstance(letters, str):
        raise TypeError(f"letters must be a string such as 'ZZI', got {letters!r}")
    ws = list(range(len(letters))) if wires is None else _checks.wire_list(wires)
    if len(ws) != len(letters):
        raise ValueError(f"pauli: {len(letters)} letters but {len(ws)} wires")
    return PauliString(dict(zip(ws, letters.upper())), coeff)


def expval(states, observable: Observable):
    """⟨psi|O|psi⟩ of one state (a float) or of each state of a batch ``(n_samples,)``.

    >>> expval(np.array([0, 1]), Z(0))
    -1.0
    """
    if not isinstance(observable, Observable):
        raise TypeError(f"observable must be built from qmlkit's X, Y, Z, pauli, Projector; "
                        f"got {type(observable).__name__}")
    return observable.expval(states)


def estimate_expval(states, observable: Observable, shots: int, random_state=None):
    """⟨O⟩ estimated from ``shots`` measurements per measurement setting.

    The diagonal part (Z strings, projectors) is read from one computational-basis
    measurement of ``shots`` shots (an exact multinomial draw); every other Pauli
    string is measured in its own basis with ``shots`` shots: its ±1 outcomes are
    an exact binomial draw with p(+1) = (1 + ⟨P⟩)/2. The estimate is unbiased;
    its variance is ``(1 - ⟨P⟩**2) / shots`` for a single Pauli string.

    >>> psi = np.array([1, 1]) / np.sqrt(2)                # ⟨X⟩ = 1, ⟨Z⟩ = 0
    >>> estimate_expval(psi, X(0), shots=100, random_state=1)
    1.0
    >>> abs(estimate_expval(psi, Z(0), shots=10_000, random_state=1)) < 0.05
    True
    """
    if not isinstance(observable, Observable):
        raise TypeError(f"observable must be built from qmlkit's X, Y, Z, pauli, Projector; "
                        f"got {type(observable).__name__}")
    return observable.estimate(states, shots, random_state)


# --------------------------------------------------------------------------- kernels
@functools.lru_cache(maxsize=64)
def _z_signs(n: int, wires: tuple) -> np.ndarray:
    """(-1)**(parity of the bits of ``wires``) for every basis index: ``(2**n,)``."""
    idx = np.arange(2 ** n)
    par = np.zeros(2 ** n, dtype=np.int64)
    for w in wires:
        par ^= (idx >> (n - 1 - w)) & 1
    out = 1.0 - 2.0 * par
    out.setflags(write=False)
    return out


@functools.lru_cache(maxsize=64)
def _projector_diag(n: int, wires: tuple, bits: tuple) -> np.ndarray:
    idx = np.arange(2 ** n)
    ok = np.ones(2 ** n, dtype=bool)
    for w, b in zip(wires, bits):
        ok &= ((idx >> (n - 1 - w)) & 1) == b
    out = ok.astype(float)
    out.setflags(write=False)
    return out


@functools.lru_cache(maxsize=64)
def _flip_phase(n: int, paulis: tuple) -> tuple:
    """For P with X/Y letters: (P psi)[k] = phase[k] * psi[src[k]]."""
    mask = 0
    for w, p in paulis:
        if p in "XY":
            mask |= 1 << (n - 1 - w)
    src = np.arange(2 ** n) ^ mask
    phase = np.ones(2 ** n, dtype=complex)
    for w, p in paulis:
        bit = (src >> (n - 1 - w)) & 1           # the bit of the source index |j>
        if p == "Y":
            phase *= 1j * (1 - 2 * bit)
        elif p == "Z":
            phase *= 1 - 2 * bit
    return src, phase


def _split(obs: Observable, n: int):
    """(diagonal vector or None, [(coeff, non-diagonal PauliString)])."""
    diag, rest = None, []
    for c, t in obs.terms():
        d = t.diagonal(n)
        if d is None:
            rest.append((c, t))
        else:
            diag = c * d if diag is None else diag + c * d
    return diag, rest


def _expval(obs: Observable, psi: np.ndarray, n: int) -> np.ndarray:
    diag, rest = _split(obs, n)
    out = np.zeros(psi.shape[0])
    if diag is not None:
        out += (psi.real ** 2 + psi.imag ** 2) @ diag
    for c, t in rest:
        src, phase = _flip_phase(n, t.paulis)
        out += c * np.einsum("bk,bk->b", psi.conj(), psi[:, src] * phase).real
    return out


def _apply(obs: Observable, psi: np.ndarray, n: int) -> np.ndarray:
    diag, rest = _split(obs, n)
    out = psi * diag if diag is not None else np.zeros_like(psi)
    for c, t in rest:
        src, phase = _flip_phase(n, t.paulis)
        out += c * (psi[:, src] * phase)
    return out


def _estimate(obs: Observable, psi: np.ndarray, n: int, shots: int, rng) -> np.ndarray:
    diag, rest = _split(obs, n)
    out = np.zeros(psi.shape[0])
    if diag is not None:
        p = psi.real ** 2 + psi.imag ** 2
        counts = rng.multinomial(shots, p / p.sum(axis=1, keepdims=True))   # (B, 2**n)
        out += counts @ diag / shots
    for c, t in rest:
        src, phase = _flip_phase(n, t.paulis)
        ev = np.einsum("bk,bk->b", psi.conj(), psi[:, src] * phase).real
        p_plus = np.clip((1.0 + ev) / 2.0, 0.0, 1.0)
        out += c * (2.0 * rng.binomial(shots, p_plus) / shots - 1.0)
    return out
