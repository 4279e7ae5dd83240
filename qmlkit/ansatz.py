"""Circuit structures to train: hardware-efficient layers and identity blocks.

Every builder returns a `Circuit` whose trainable angles are ``Param(first_param + k)``,
so structures combine by composing circuits (``a + b.offset_params(a.n_params)``).

>>> c = hardware_efficient(3, 2)
>>> c.n_params, c.count(2)
(12, 4)
"""
from __future__ import annotations

from . import _checks
from .circuit import Circuit, Param

__all__ = ["hardware_efficient", "identity_block"]

_ENTANGLERS = {"cz": "CZ", "cnot": "CNOT"}


def _pairs(n: int, pattern: str) -> list:
    if pattern == "ladder":
        return [(q, q + 1) for q in range(n - 1)]
    if pattern == "ring":
        return [(q, (q + 1) % n) for q in range(n)] if n > 2 else [(0, 1)][: n - 1]
    raise ValueError(f"pattern must be 'ladder' or 'ring', got {pattern!r}")


def hardware_efficient(n_qubits: int, n_layers: int, rotations=("RY", "RZ"), entangler: str = "cz",
                       pattern: str = "ladder", first_param: int = 0) -> Circuit:
    """``n_layers`` of [each rotation of ``rotations`` on every qubit, then two-qubit gates].

    With the defaults this is the ansatz of the W1 benchmark: RY(θ[l,q,0]), RZ(θ[l,q,1]) on
    qubit q of layer l (parameter ``(l*n + q)*2 + k``), then CZ(0,1), CZ(1,2), ….

    Parameters
    ----------
    n_qubits, n_layers : int
    rotations : sequence of {"RX", "RY", "RZ"}
    entangler : {"cz", "cnot"}
    pattern : {"ladder", "ring"}
        ``ladder``: (0,1), (1,2), …, (n−2,n−1); ``ring`` adds (n−1, 0).
    first_param : int
        Index of the first parameter.
    """
    n = _checks.n_qubits(n_qubits)
    L = _checks.positive_int(n_layers, "n_layers")
    rots = [str(r).upper() for r in rotations]
    if not rots or any(r not in ("RX", "RY", "RZ") for r in rots):
        raise ValueError(f"rotations must be a non-empty sequence of 'RX', 'RY', 'RZ', got {rotations!r}")
    gate = _ENTANGLERS.get(str(entangler).lower())
    if gate is None:
        raise ValueError(f"entangler must be 'cz' or 'cnot', got {entangler!r}")
    c, k = Circuit(n), first_param
    for _ in range(L):
        for q in range(n):
            for r in rots:
                c.add(r, q, Param(k))
                k += 1
        for a, b in _pairs(n, pattern):
            c.add(gate, [a, b])
    return c


def identity_block(block: Circuit) -> Circuit:
    """``block`` followed by its inverse with its own parameters (Grant et al. 2019, Quantum 3,
    214; arXiv:1903.05076).

    The inverse half uses parameters ``block.n_params …``; with the same values in both
    halves (``np.tile(theta, 2)``) the circuit is exactly the identity, yet every
    parameter trains on its own.

    >>> import numpy as np
    >>> b = identity_block(hardware_efficient(2, 1))
    >>> theta = np.tile([0.1, 0.2, 0.3, 0.4], 2)
    >>> bool(np.allclose(b.states(theta), [1, 0, 0, 0]))
    True
    """
    if not isinstance(block, Circuit):
        raise TypeError(f"block must be a Circuit, got {type(block).__name__}")
    return block + block.inverse().offset_params(block.n_params)
