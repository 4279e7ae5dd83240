"""Circuit structures to train: Microsoft-style rotation layers, circuit-centric code blocks,
strongly entangling, hardware-efficient and identity blocks.

Two ways to describe a structure live here side by side:

* a list of `ControlledRotation` records, as in Microsoft's Quantum Machine Learning
  library (``Microsoft.Quantum.MachineLearning``): each record is one rotation
  ``R_axis(θ[param])`` on ``target`` under ``controls``, and several records may share one
  parameter; `to_circuit` turns such a list into a `Circuit`;
* builders that return a `Circuit` directly, whose trainable angles are
  ``Param(first_param + k)``; they combine by composing circuits
  (``a + b.offset_params(a.n_params)``).

>>> c = hardware_efficient(3, 2)
>>> c.n_params, c.count(2)
(12, 4)
>>> layer = cyclic_entangling_layer(3, "X", stride=2)     # Microsoft's documented example
>>> [(g.target, g.controls, g.param) for g in layer]
[(0, (2,), 0), (1, (0,), 1), (2, (1,), 2)]
>>> big = circuit_centric(8, ranges=(1, 3))               # Schuld et al. 2018, Fig. 4
>>> len(big), big.n_params
(33, 99)
"""
from __future__ import annotations

from dataclasses import dataclass

from . import _checks
from .circuit import Circuit, Param

__all__ = ["ControlledRotation", "local_rotations_layer", "partial_rotations_layer",
           "cyclic_entangling_layer", "combined_structure", "n_qubits_required", "n_params",
           "to_circuit", "code_block", "circuit_centric", "strongly_entangling",
           "hardware_efficient", "identity_block"]

_ENTANGLERS = {"cz": "CZ", "cnot": "CNOT"}
_AXES = ("X", "Y", "Z")


# ---------------------------------------------------------------------- Microsoft's structures
@dataclass(frozen=True)
class ControlledRotation:
    """One rotation R_axis(θ[param]) = exp(−i θ[param] P/2) on ``target``, applied when every
    wire of ``controls`` is 1 (no controls: a plain rotation).

    Microsoft's ``ControlledRotation((target, controls), axis, parameterIndex)``. Several
    records may share one ``param``: they are then trained together.

    >>> ControlledRotation(0, [2], "x", 4)
    ControlledRotation(0, (2,), 'X', 4)
    """

    target: int
    controls: tuple = ()
    axis: str = "Y"
    param: int = 0

    def __post_init__(self):
        ctrl = tuple(_checks.wire_list(self.controls)) if len(self.controls) else ()
        axis = str(self.axis).upper().removeprefix("PAULI")
        if not _checks._is_int(self.target) or self.target < 0:
            raise ValueError(f"target must be a non-negative integer, got {self.target!r}")
        if self.target in ctrl or len(set(ctrl)) != len(ctrl) or any(c < 0 for c in ctrl):
            raise ValueError(f"controls must be distinct non-negative wires other than the target "
                             f"{self.target}, got {ctrl}")
        if axis not in _AXES:
            raise ValueError(f"axis must be 'X', 'Y' or 'Z', got {self.axis!r}")
        if not _checks._is_int(self.param) or self.param < 0:
            raise ValueError(f"param must be a non-negative integer index, got {self.param!r}")
        object.__setattr__(self, "target", int(self.target))
        object.__setattr__(self, "controls", ctrl)
        object.__setattr__(self, "axis", axis)
        object.__setattr__(self, "param", int(self.param))

    def __repr__(self):
        return f"ControlledRotation({self.target}, {self.controls}, {self.axis!r}, {self.param})"


def local_rotations_layer(n_qubits: int, axis: str) -> list:
    """One rotation about ``axis`` on every qubit, qubit q with parameter q (Microsoft's
    ``LocalRotationsLayer``).

    >>> [(g.target, g.axis, g.param) for g in local_rotations_layer(2, "Y")]
    [(0, 'Y', 0), (1, 'Y', 1)]
    """
    return partial_rotations_layer(range(_checks.n_qubits(n_qubits)), axis)


def partial_rotations_layer(qubits, axis: str) -> list:
    """One rotation about ``axis`` on each wire of ``qubits``, the k-th with parameter k
    (Microsoft's ``PartialRotationsLayer``).

    >>> [(g.target, g.param) for g in partial_rotations_layer([3, 1], "X")]
    [(3, 0), (1, 1)]
    """
    qs = _checks.wire_list(list(qubits))
    if len(set(qs)) != len(qs):
        raise ValueError(f"qubits must be distinct, got {qs}")
    return [ControlledRotation(q, (), axis, k) for k, q in enumerate(qs)]


def cyclic_entangling_layer(n_qubits: int, axis: str, stride: int) -> list:
    """Singly controlled rotations around the register (Microsoft's ``CyclicEntanglingLayer``):
    gate i has target i, control (i + stride) mod n and parameter i, for i = 0 … n−1.

    >>> [(g.target, g.controls) for g in cyclic_entangling_layer(4, "Z", 1)]
    [(0, (1,)), (1, (2,)), (2, (3,)), (3, (0,))]
    """
    n = _checks.n_qubits(n_qubits)
    if not _checks._is_int(stride) or stride % n == 0:
        raise ValueError(f"stride must be an integer that is not a multiple of n_qubits={n} "
                         f"(control and target would coincide), got {stride!r}")
    return [ControlledRotation(i, ((i + stride) % n,), axis, i) for i in range(n)]


def n_params(structure) -> int:
    """Number of parameters a structure reads: one more than its largest parameter index.

    >>> n_params([ControlledRotation(0, (), "Y", 0), ControlledRotation(1, (), "Y", 0)])
    1
    """
    return 1 + max((g.param for g in _records(structure)), default=-1)


def combined_structure(layers) -> list:
    """The layers one after the other, each layer's parameter indices shifted past those of
    the layers before it, so that distinct layers train distinct parameters (Microsoft's
    ``CombinedStructure``).

    The shift is the number of parameters of the earlier layers (`n_params`). Microsoft's
    library shifts by their number of gates instead; the two agree whenever every gate of a
    layer has its own parameter, as in all the layer builders above. With shared parameters
    inside a layer, shifting by gates would leave unused parameters behind.

    >>> s = combined_structure([local_rotations_layer(2, "Y"), cyclic_entangling_layer(3, "X", 2)])
    >>> [g.param for g in s]
    [0, 1, 2, 3, 4]
    """
    out, offset = [], 0
    for layer in layers:
        recs = _records(layer)
        out += [ControlledRotation(g.target, g.controls, g.axis, g.param + offset) for g in recs]
        offset += n_params(recs)
    return out


def n_qubits_required(structure) -> int:
    """The smallest register the structure fits on: one more than the largest wire it uses
    (Microsoft's ``NQubitsRequired``).

    >>> n_qubits_required(cyclic_entangling_layer(3, "X", 1))
    3
    """
    return 1 + max((max((g.target,) + g.controls) for g in _records(structure)), default=-1)


def to_circuit(structure, n_qubits: int | None = None) -> Circuit:
    """The `Circuit` of a list of `ControlledRotation` records: ``R{axis}(Param(param))`` on
    ``target`` with ``controls=controls``, in order (on `n_qubits_required` wires by default).

    >>> print(to_circuit(cyclic_entangling_layer(2, "Y", 1)))
    0: ─RY(θ0)────●─
    1: ───●─────RY(θ1)─
    """
    recs = _records(structure)
    n = max(1, n_qubits_required(recs)) if n_qubits is None else _checks.n_qubits(n_qubits)
    c = Circuit(n)
    for g in recs:
        c.add("R" + g.axis, g.target, Param(g.param), controls=list(g.controls))
    return c


def _records(structure) -> list:
    recs = list(structure)
    bad = [g for g in recs if not isinstance(g, ControlledRotation)]
    if bad:
        raise TypeError(f"a structure is a list of ControlledRotation records, got a "
                        f"{type(bad[0]).__name__}: {bad[0]!r}")
    return recs


# ---------------------------------------------------------------------- circuit-centric design
def _rot(c: Circuit, k: int, wire: int, controls=()) -> int:
    """Append ROT(θk, θk+1, θk+2) = RZ RY RZ, a general single-qubit gate; the next index."""
    c.rot(Param(k), Param(k + 1), Param(k + 2), wire, controls=list(controls))
    return k + 3


def code_block(n_qubits: int, r: int, first_param: int = 0) -> Circuit:
    """A code block of the circuit-centric classifier (Schuld, Bocharov, Svore & Wiebe 2018,
    arXiv:1804.00633): a general single-qubit gate G = ROT on every qubit, then for
    j = 0 … n−1 a controlled G with control (j·r) mod n and target (j·r − r) mod n.

    Each G has three parameters: qubit q's gate reads θ[first_param + 3q …], controlled gate j
    reads θ[first_param + 3n + 3j …]; 2n gates and 6n parameters in all (one gate and three
    parameters for a single qubit, which has nothing to control). A range r coprime to n
    makes every qubit a control once and a target once.

    >>> [(op.controls[0], op.wires[0]) for op in code_block(4, 3).ops[4:]]   # (control, target)
    [(0, 1), (3, 0), (2, 3), (1, 2)]
    """
    n = _checks.n_qubits(n_qubits)
    if n > 1 and (not _checks._is_int(r) or not 1 <= r < n):
        raise ValueError(f"the range r must be an integer from 1 to n_qubits − 1 = {n - 1}, got {r!r}")
    c, k = Circuit(n), _first(first_param)
    for q in range(n):
        k = _rot(c, k, q)
    if n > 1:
        for j in range(n):
            k = _rot(c, k, (j * r - r) % n, controls=[(j * r) % n])
    return c


def circuit_centric(n_qubits: int, ranges=(1, 3), final_gate: bool = True,
                    first_param: int = 0) -> Circuit:
    """Code blocks with the given ranges one after the other, then (``final_gate``) one more
    general gate on qubit 0, the qubit the classifier measures.

    For 8 qubits and ranges (1, 3), the model of the paper's Fig. 4: 2 blocks × 16 gates + 1
    = 33 gates, 99 parameters.
    """
    n = _checks.n_qubits(n_qubits)
    c = Circuit(n)
    k = _first(first_param)
    for r in ranges:
        block = code_block(n, r, first_param=k)
        c, k = c + block, k + 3 * len(block)
    if final_gate:
        _rot(c, k, 0)
    return c


def strongly_entangling(n_qubits: int, n_layers: int, ranges=None, first_param: int = 0) -> Circuit:
    """Strongly entangling layers (PennyLane's ``StronglyEntanglingLayers``, after
    arXiv:1804.00633): in layer l, ROT on every qubit (parameters ``first_param + 3(l·n + q) …``),
    then CNOT(i, (i + r_l) mod n) for i = 0 … n−1.

    ``ranges`` defaults to r_l = (l mod (n − 1)) + 1, as in PennyLane; one qubit has no CNOTs.
    """
    n = _checks.n_qubits(n_qubits)
    L = _checks.positive_int(n_layers, "n_layers")
    rs = [(l % (n - 1)) + 1 if n > 1 else 0 for l in range(L)] if ranges is None else list(ranges)
    if len(rs) != L:
        raise ValueError(f"ranges must give one range per layer ({L}), got {len(rs)}")
    c, k = Circuit(n), _first(first_param)
    for r in rs:
        for q in range(n):
            k = _rot(c, k, q)
        if n > 1:
            if not _checks._is_int(r) or r % n == 0:
                raise ValueError(f"a range must be an integer that is not a multiple of {n}, got {r!r}")
            for i in range(n):
                c.cnot(i, (i + r) % n)
    return c


def _first(first_param) -> int:
    if not _checks._is_int(first_param) or first_param < 0:
        raise ValueError(f"first_param must be a non-negative integer, got {first_param!r}")
    return int(first_param)


# ---------------------------------------------------------------------- hardware-efficient, identity blocks
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
