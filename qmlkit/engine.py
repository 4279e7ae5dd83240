"""Compile a circuit's operations into fused blocks; run them forward, and backward for adjoint gradients.

Compilation groups the gates into three kinds of block:

* ``OneQubit``: consecutive single-qubit gates on one wire, multiplied into one
  2x2 matrix (one per sample when an angle depends on the data);
* ``Diagonal``: consecutive angle-free diagonal gates (CZ ladders, controlled
  phases), multiplied into one diagonal vector;
* ``Single``: any other gate (controlled, multi-wire or user unitary).

Angles live in *slots*: one per gate angle, in gate order. ``angles`` is an
array ``(B, n_slots)``; ``batched[s]`` says whether slot s differs per sample
(B rows) or is shared (row 0 is used). The adjoint method (Jones & Gacon 2020,
arXiv:2009.02823) returns the derivative of ⟨O⟩ by every slot, per sample;
`gradients` maps slots to parameters with the chain rule.
"""
from __future__ import annotations

import numpy as np

from . import _checks
from ._blas import one_blas_thread
from .gates import GATES
from .state import _apply_1q, _apply_diagonal, _apply_matrix, _transition

__all__ = ["Program", "compile_ops"]

_FUSE_DIAGONAL_MAX_QUBITS = 20   # a fused diagonal is a (2**n,) vector: 16 MB at n = 20


class Step:
    """One operation, ready to run: its gate, wires and the slots its angles occupy."""

    __slots__ = ("gate", "wires", "controls", "slots", "fixed", "adjoint", "diagonal", "op")

    def __init__(self, op, slots: np.ndarray):
        self.op = op
        self.wires, self.controls, self.slots, self.adjoint = list(op.wires), list(op.controls), slots, op.adjoint
        self.gate = GATES.get(op.gate)
        if op.gate == "UNITARY":
            self.fixed, self.diagonal = _dagger(op.matrix) if op.adjoint else op.matrix, False
        else:
            self.diagonal = self.gate.diagonal
            const = all(a.is_constant for a in op.angles)
            self.fixed = self._matrix(np.array([a.const for a in op.angles])) if const else None

    def _matrix(self, a):
        m = self.gate.matrix(a)
        return np.ascontiguousarray(_dagger(m) if self.adjoint else m)

    @property
    def trainable(self) -> bool:
        return self.fixed is None

    def angles_of(self, angles, batched):
        """This step's angles: (n_angles,) if shared, else (B, n_angles)."""
        return angles[:, self.slots] if batched[self.slots].any() else angles[0, self.slots]

    def matrix(self, angles, batched):
        if self.fixed is not None:
            return self.fixed
        return self._matrix(self.angles_of(angles, batched))

    def derivatives(self, angles, batched):
        ds = self.gate.derivatives(self.angles_of(angles, batched))
        return [_dagger(d) for d in ds] if self.adjoint else ds


def _dagger(m):
    return np.conj(np.swapaxes(m, -1, -2))


def _transpose(m):
    return np.swapaxes(m, -1, -2)


def _product(mats):
    """M_m ... M_1 for matrices listed in the order they act; mixes (d,d) and (B,d,d)."""
    u = mats[0]
    for m in mats[1:]:
        u = m @ u
    return u


def _deriv_from_transition(dm, q):
    """2 Re tr(dM @ Q) for (B?, d, d) arrays, per sample: (B,) or scalar."""
    return 2.0 * np.einsum("...ab,...ba->...", dm, q).real


class OneQubit:
    """Consecutive single-qubit gates on one wire, fused into one 2x2 (per-sample) matrix."""

    def __init__(self, wire, steps):
        self.wire, self.steps = wire, steps
        fixed = all(s.fixed is not None for s in steps)
        self.fixed = _product([s.fixed for s in steps]) if fixed else None
        self.trainable = not fixed

    def _matrix(self, angles, batched):
        if self.fixed is not None:
            return self.fixed
        return _product([s.matrix(angles, batched) for s in self.steps])

    def apply(self, psi, angles, batched, n):
        return _apply_1q(psi, self._matrix(angles, batched), self.wire, n)

    def undo(self, psi, lam_c, angles, batched, n, dangles):
        mats = [s.matrix(angles, batched) for s in self.steps]
        u = _product(mats)
        phi = _apply_1q(psi, _dagger(u), self.wire, n)               # state before the block
        if self.trainable:
            tr = _transition(phi, lam_c, [self.wire], [], n)         # (B, 2, 2)
            m = len(mats)
            for k, s in enumerate(self.steps):
                if not s.trainable:
                    continue
                q = tr if k == 0 else _product(mats[:k]) @ tr       # prefix · N
                if k < m - 1:
                    q = q @ _product(mats[k + 1:])                   # · suffix
                for j, d in enumerate(s.derivatives(angles, batched)):
                    dangles[:, s.slots[j]] += _deriv_from_transition(d, q)
        return phi, _apply_1q(lam_c, _transpose(u), self.wire, n)    # conj(U† lam) = Uᵀ conj(lam)


class Diagonal:
    """Consecutive angle-free diagonal gates, as one diagonal over the whole register."""

    trainable = False

    def __init__(self, steps, n):
        self.steps = steps
        self.vector = None
        if n <= _FUSE_DIAGONAL_MAX_QUBITS and len(steps) > 1:
            v = np.ones((1, 2 ** n), dtype=complex)
            for s in steps:
                v = _apply_diagonal(v, np.diagonal(s.fixed), s.wires, s.controls, n)
            self.vector = v[0]

    def _run(self, psi, n, conj):
        if self.vector is not None:
            return psi * (self.vector.conj() if conj else self.vector)
        for s in (reversed(self.steps) if conj else self.steps):
            d = np.diagonal(s.fixed)
            psi = _apply_diagonal(psi, d.conj() if conj else d, s.wires, s.controls, n)
        return psi

    def apply(self, psi, angles, batched, n):
        return self._run(psi, n, False)

    def undo(self, psi, lam_c, angles, batched, n, dangles):
        return self._run(psi, n, True), self._run(lam_c, n, False)    # conj(D† lam) = D conj(lam)


class Single:
    """Any other gate: controlled, on several wires, or a user unitary."""

    def __init__(self, step):
        self.step = step
        self.trainable = step.trainable

    def _run(self, psi, m, n):
        s = self.step
        if s.diagonal:
            return _apply_diagonal(psi, np.diagonal(m, axis1=-2, axis2=-1), s.wires, s.controls, n)
        return _apply_matrix(psi, m, s.wires, s.controls, n)

    def apply(self, psi, angles, batched, n):
        return self._run(psi, self.step.matrix(angles, batched), n)

    def undo(self, psi, lam_c, angles, batched, n, dangles):
        s = self.step
        u = s.matrix(angles, batched)
        phi = self._run(psi, _dagger(u), n)
        if self.trainable:
            tr = _transition(phi, lam_c, s.wires, s.controls, n)
            for j, d in enumerate(s.derivatives(angles, batched)):
                dangles[:, s.slots[j]] += _deriv_from_transition(d, tr)
        return phi, self._run(lam_c, _transpose(u), n)


class Program:
    """A compiled circuit: blocks plus the map from (params, features) to slot angles.

    ``slot_angles = const + P @ params + F @ x + Σ_k c_k params[p_k] x[f_k] e_{s_k}`` with
    ``P`` of shape ``(n_slots, n_params)``, ``F`` of shape ``(n_slots, n_features)`` and the
    bilinear terms ``(s_k, p_k, f_k, c_k)`` in ``bilinear``.
    """

    def __init__(self, n_qubits, blocks, const, P, F, bilinear, n_ops):
        self.n_qubits, self.blocks, self.n_ops = n_qubits, blocks, n_ops
        self.const, self.P, self.F = const, P, F
        self.bs, self.bp, self.bf, self.bc = bilinear           # slot, param, feature, coefficient
        self.data_slots = np.any(F != 0, axis=1)                # slots that differ per sample
        self.data_slots[self.bs] = True

    @property
    def n_slots(self) -> int:
        return self.const.shape[0]

    def inputs(self, params, X, initial_state=None):
        """Validated ``theta (n_params,)``, ``x (B, n_features)`` and whether the run is unbatched."""
        theta = _checks.params(params, self.P.shape[1])
        x, single = _checks.features(X, self.F.shape[1])
        if initial_state is not None and np.ndim(initial_state) == 2:
            n_init = np.shape(initial_state)[0]
            if x.shape[0] == 1 and single:
                x = np.repeat(x, n_init, axis=0)
            elif x.shape[0] != n_init:
                raise ValueError(f"X has {x.shape[0]} samples but initial_state has {n_init}")
            single = False
        return theta, x, single

    def slot_angles(self, theta, x) -> np.ndarray:
        """Slot angles ``(B, n_slots)`` for parameters ``theta`` and features ``x``."""
        angles = self.const + self.P @ theta + x @ self.F.T     # (B, n_slots)
        if self.bs.size:
            np.add.at(angles.T, self.bs, (self.bc * theta[self.bp] * x[:, self.bf]).T)
        return angles

    def angles(self, params, X, initial_state=None):
        """Slot angles ``(B, n_slots)``, the batched mask, and whether the run is unbatched."""
        theta, x, single = self.inputs(params, X, initial_state)
        return self.slot_angles(theta, x), self.data_slots, single

    def chain(self, dslots, theta, x, wrt: str = "params") -> np.ndarray:
        """From d⟨O⟩/d slot ``(B, n_slots)`` to the Jacobian by parameters or by features."""
        if wrt == "params":
            jac = dslots @ self.P
            if self.bs.size:
                np.add.at(jac.T, self.bp, (dslots[:, self.bs] * self.bc * x[:, self.bf]).T)
        else:
            jac = dslots @ self.F
            if self.bs.size:
                np.add.at(jac.T, self.bf, (dslots[:, self.bs] * self.bc * theta[self.bp]).T)
        return jac

    def slots_of(self, wrt: str = "params") -> np.ndarray:
        """The slots whose angle depends on the parameters (or on the features)."""
        M = self.P if wrt == "params" else self.F
        mask = np.any(M != 0, axis=1)
        mask[self.bs] = True
        return np.flatnonzero(mask)

    def start(self, n_samples, initial_state=None):
        """The start states ``(n_samples, 2**n)``: |0…0⟩ or the given state(s)."""
        d = 2 ** self.n_qubits
        if initial_state is None:
            psi = np.zeros((n_samples, d), dtype=complex)
            psi[:, 0] = 1.0
            return psi
        psi, _ = _checks.states(initial_state)
        if psi.shape[1] != d:
            raise ValueError(f"initial_state must have {d} amplitudes for {self.n_qubits} qubits, "
                             f"got {psi.shape[1]}")
        norms = np.linalg.norm(psi, axis=1)
        bad = np.flatnonzero(~np.isclose(norms, 1.0, rtol=0, atol=1e-8))
        if bad.size:
            raise ValueError(f"initial_state must be normalised: state {bad[0]} has norm {norms[bad[0]]:.6g}")
        return np.repeat(psi, n_samples, axis=0) if psi.shape[0] == 1 else psi.copy()

    def forward(self, psi, angles, batched):
        """Run every block on the batch ``psi`` ``(B, 2**n)``."""
        with one_blas_thread():
            for blk in self.blocks:
                psi = blk.apply(psi, angles, batched, self.n_qubits)
        return psi

    def adjoint(self, psi_out, lam, angles, batched):
        """Backward sweep: derivative of Re⟨lam_final|psi⟩-type costs by every slot, per sample.

        ``psi_out`` is the final state and ``lam = O|psi_out>``; returns
        ``dangles`` of shape ``(B, n_slots)`` with ``d⟨O⟩_b / d slot``.
        """
        B = max(psi_out.shape[0], lam.shape[0])
        dangles = np.zeros((B, self.n_slots))
        psi, lam_c = psi_out, lam.conj()          # the sweep carries conj(lam): no copy per block
        with one_blas_thread():
            for blk in reversed(self.blocks):
                psi, lam_c = blk.undo(psi, lam_c, angles, batched, self.n_qubits, dangles)
        return dangles


def compile_ops(ops, n_qubits: int, n_params: int, n_features: int) -> Program:
    """Fuse ``ops`` into blocks and build the angle map (see `Program`)."""
    steps, const, prow, frow, bil = [], [], [], [], []
    for op in ops:
        base = len(const)
        steps.append(Step(op, np.arange(base, base + len(op.angles))))
        for a in op.angles:
            bil += [(len(const), p, f, c) for (p, f), c in a.products]
            const.append(a.const)
            prow.append(a.params)
            frow.append(a.features)
    P = np.zeros((len(const), n_params))
    F = np.zeros((len(const), n_features))
    for s, (pr, fr) in enumerate(zip(prow, frow)):
        for i, c in pr:
            P[s, i] += c
        for i, c in fr:
            F[s, i] += c
    blocks = _schedule(steps, n_qubits)
    cols = np.array(bil, dtype=float).reshape(-1, 4).T
    bilinear = (cols[0].astype(int), cols[1].astype(int), cols[2].astype(int), cols[3])
    return Program(n_qubits, blocks, np.array(const, dtype=float), P, F, bilinear, len(ops))


def _schedule(steps, n):
    """Greedy fusion that keeps the order of non-commuting gates.

    Pending single-qubit runs (per wire) and one pending diagonal group are kept
    on disjoint wires; a gate that touches a pending wire flushes it first.
    """
    blocks, pending, diag = [], {}, []

    def flush_wire(w):
        if w in pending:
            blocks.append(OneQubit(w, pending.pop(w)))

    def flush_diag():
        if diag:
            blocks.append(Diagonal(list(diag), n))
            diag.clear()

    def diag_wires():
        return {w for s in diag for w in s.wires + s.controls}

    for s in steps:
        ws = s.wires + s.controls
        if len(ws) == 1:
            if s.wires[0] in diag_wires():
                flush_diag()
            pending.setdefault(s.wires[0], []).append(s)
        elif s.diagonal and s.fixed is not None:
            for w in ws:
                flush_wire(w)
            diag.append(s)
        else:
            for w in ws:
                flush_wire(w)
            if diag_wires() & set(ws):
                flush_diag()
            blocks.append(Single(s))
    flush_diag()
    for w in sorted(pending):
        flush_wire(w)
    return blocks
