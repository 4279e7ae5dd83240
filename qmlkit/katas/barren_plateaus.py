"""Checks for notebook 04, "Barren plateaus": gradient variances and their decay, the 2-design
prediction, global and local costs, and identity blocks.

>>> from qmlkit.katas import barren_plateaus
>>> barren_plateaus.check_gradient_variance(lambda g: sum((x - sum(g) / len(g)) ** 2 for x in g) / len(g))
✅ 04.1 gradient_variance: correct!
"""
from __future__ import annotations

import numpy as np

from .. import trainability as tb
from ..ansatz import hardware_efficient, identity_block as _identity_block
from ..circuit import Circuit, Operation
from ..landscape import mcclean_gradients, sample_mcclean_circuits
from ._core import (AnswerError, Exercise, Mistake, as_array, as_number, show_states,
                    states_equal_up_to_phase)

NOTEBOOK = "04_barren_plateaus"

__all__ = ["check_gradient_variance", "check_decay_rate", "check_two_design_variance", "check_local_cost",
           "check_product_circuit_variances", "check_identity_block"]


def _number(got, args):
    return as_number(got)


def _relative(rtol: float = 1e-7, atol: float = 1e-12):
    """Numbers (or arrays) equal to a relative tolerance: variances span many orders of magnitude."""
    def compare(got, expected):
        got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        if got.shape != expected.shape:
            return f"expected shape {expected.shape}, got {got.shape}"
        if np.any(np.abs(got - expected) > atol + rtol * np.abs(expected)):
            return "your value differs from the expected one"
        return None
    return compare


def _show_sci(args, expected, got):
    """Expected and actual values in scientific notation (variances can be 1e-6 or smaller)."""
    def fmt(v):
        return ", ".join(f"{x:.4e}" for x in np.atleast_1d(np.asarray(v, dtype=float)))
    return [f"expected: {fmt(expected)}", f"yours:    {fmt(got)}"]


# ---------------------------------------------------------------- 04.1 the variance of gradient samples
def _variance(gradients):
    return float(np.var(np.asarray(gradients, dtype=float)))


def _cases_variance(rng):
    out = [(np.array([0.3, -0.1, 0.5, 0.1]),), (np.array([0.5, -0.25]),)]
    for m, mu in ((5, 0.2), (8, -0.05), (12, 0.4)):
        out.append((rng.normal(mu, 0.3, m),))
    axes, angles = sample_mcclean_circuits(3, 5, 10, random_state=int(rng.integers(1000)))
    out.append((mcclean_gradients(axes, angles),))                 # the gradients of 10 circuits
    out.append((np.array([0.7, 0.7, 0.7]),))
    return out


exercise_variance = Exercise(
    id="04.1", name="gradient_variance", title="The variance of a gradient, from samples", notebook=NOTEBOOK,
    reference=_variance,
    cases=_cases_variance,
    compare=_relative(), normalize=_number,
    mistakes=[
        Mistake("standard deviation", lambda g: float(np.std(g)),
                "that is the standard deviation, the square root of the variance: barren-plateau "
                "plots show Var[∂C/∂θ], so square it (or use np.var)"),
        Mistake("ddof=1", lambda g: float(np.var(g, ddof=1)),
                "you divided by m − 1 (the unbiased sample variance, np.var(ddof=1)); this workbook, "
                "like np.var and the W2 benchmark, reports the population variance that divides by m "
                "— with 200 circuits the two differ by 0.5%, less than the error bar, but they are "
                "different numbers"),
        Mistake("mean square", lambda g: float(np.mean(np.square(g))),
                "you averaged g² without subtracting the mean: the exact mean of ∂C/∂θ is 0, but the "
                "mean of a finite sample is not; subtract gradients.mean() first"),
    ],
    hint="Var = (1/m) Σ_k (g_k − ḡ)² with ḡ the mean of the m samples: np.var(gradients)",
    show=_show_sci)


# ---------------------------------------------------------------- 04.2 the decay rate
def _rate(n_qubits, variances):
    return float(-np.polyfit(np.asarray(n_qubits, float), np.log(np.asarray(variances, float)), 1)[0])


def _cases_rate(rng):
    n = np.arange(2, 11, 2)
    d = 2.0 ** n
    noisy_n = np.arange(2, 13)
    out = [(n, 0.3 * np.exp(-0.9 * n)),
           (n, d / (3 * (d * d - 1))),                               # the 2-design values for ⟨Z0 Z1⟩
           (noisy_n, 0.1 * 2.0 ** -noisy_n * np.exp(0.2 * rng.normal(size=noisy_n.size))),
           (np.array([3, 5]), np.array([1e-2, 1e-3])),
           (np.array([6, 2, 4]), np.array([2e-3, 0.1, 1.5e-2])),
           (np.array([1, 2, 3]), np.array([0.1, 0.2, 0.4])),
           (np.array([2, 4, 6]), np.array([0.05, 0.05, 0.05]))]
    return out


exercise_rate = Exercise(
    id="04.2", name="decay_rate", title="Fit the exponential decay rate", notebook=NOTEBOOK,
    reference=_rate,
    cases=_cases_rate,
    compare=_relative(1e-6, 1e-9), normalize=_number,
    mistakes=[
        Mistake("log10", lambda n, v: _rate(n, v) / np.log(10),
                "you fitted log10 of the variance: that slope is b / ln 10. The rate b of e^(−b·n) "
                "needs the natural logarithm, np.log"),
        Mistake("log2", lambda n, v: _rate(n, v) / np.log(2),
                "you fitted log2 of the variance: that slope counts halvings per qubit, b / ln 2. "
                "The rate b of e^(−b·n) needs the natural logarithm, np.log"),
        Mistake("slope sign", lambda n, v: -_rate(n, v),
                "ln Var = ln A − b·n, so the slope of the fitted line is −b: return minus the slope "
                "(a decaying variance has b > 0)"),
        Mistake("variance fitted", lambda n, v: float(-np.polyfit(n, v, 1)[0]),
                "you fitted a straight line to the variance itself; an exponential is a straight line "
                "only after taking the logarithm: fit ln Var against n"),
        Mistake("two endpoints", lambda n, v: float(
            (np.log(v[np.argmin(n)]) - np.log(v[np.argmax(n)])) / (np.max(n) - np.min(n))),
                "you drew the line through the two end points only; a least-squares fit uses every "
                "point, e.g. np.polyfit(n_qubits, np.log(variances), 1)"),
    ],
    hint="fit a straight line ln Var = ln A − b·n by least squares (np.polyfit(n_qubits, "
         "np.log(variances), 1) returns [slope, intercept]) and return b = −slope",
    show=lambda args, expected, got: [f"the variances in full: {', '.join(f'{v:.4e}' for v in args[1])}"]
    + _show_sci(args, expected, got))


# ---------------------------------------------------------------- 04.3 the 2-design prediction
def _two_design(diagonal):
    o = np.asarray(diagonal, dtype=float)
    d = o.size
    return float((o @ o - o.sum() ** 2 / d) / (3 * (d * d - 1)))


def _cases_two_design(rng):
    diag = {c: (lambda n, c=c: tb.cost_observable(c, n).diagonal(n)) for c in tb.COSTS}
    return [(diag["global"](2),), (diag["zz"](2),), (diag["local"](3),), (diag["zz"](5),),
            (diag["global"](4),), (diag["local"](6),), (rng.normal(0.5, 1.0, 8),), (np.array([1.0, -1.0]),)]


exercise_two_design = Exercise(
    id="04.3", name="two_design_variance", title="What a 2-design predicts", notebook=NOTEBOOK,
    reference=_two_design,
    cases=_cases_two_design,
    compare=_relative(1e-9, 1e-11), normalize=_number,
    mistakes=[
        Mistake("constant part kept", lambda o: float(np.sum(np.square(o)) / (3 * (len(o) ** 2 - 1))),
                "a constant added to O (the 1 in C_G = 1 − p(0…0)) changes no gradient: use "
                "Tr O² − (Tr O)²/d, the spread of O's eigenvalues, not Tr O² alone"),
        Mistake("no average over the axis", lambda o: 1.5 * _two_design(o),
                "Tr H² = (1 − ⟨P⟩²)/2 depends on the random axis: 1 − ⟨P⟩² is 1/2 for X and Z and 1 "
                "for Y on RY(π/4)|0⟩, 2/3 on average, so Tr H² = 1/3, not 1/2"),
        Mistake("d squared", lambda o: _two_design(o) * (len(o) ** 2 - 1) / len(o) ** 2,
                "the Haar average divides by d² − 1 exactly; d² is only its limit for many qubits"),
        Mistake("standard deviation", lambda o: float(np.sqrt(_two_design(o))),
                "that is a standard deviation; the formula gives the variance itself — no square root"),
    ],
    hint="with d = len(diagonal), Tr O² = Σ o², Tr O = Σ o: return (Tr O² − (Tr O)²/d) / (3 (d² − 1))",
    show=_show_sci)


# ---------------------------------------------------------------- 04.4 the local cost
def _local(probabilities):
    p = np.asarray(probabilities, dtype=float)
    n = int(np.log2(p.size))
    return float(tb.local_cost(n).expval(np.sqrt(p)))


def _p0_per_qubit(p):
    n = int(np.log2(len(p)))
    t = np.asarray(p, dtype=float).reshape((2,) * n)
    return np.array([t.sum(axis=tuple(k for k in range(n) if k != j))[0] for j in range(n)])


def _cases_local(rng):
    out = [(rng.dirichlet(np.ones(8)),), (np.eye(4)[0],), (np.eye(8)[7],), (np.full(4, 0.25),)]
    for n in (2, 4, 5):
        out.append((rng.dirichlet(np.full(2 ** n, 0.5)),))
    out.append((rng.dirichlet(np.ones(2)),))                          # one qubit: local = global
    return out


def _cost_number(got, args):
    return as_number(got, "your cost")


exercise_local = Exercise(
    id="04.4", name="local_cost", title="The local cost from probabilities", notebook=NOTEBOOK,
    reference=_local,
    cases=_cases_local,
    compare=_relative(1e-9, 1e-12), normalize=_cost_number,
    mistakes=[
        Mistake("global cost", lambda p: float(1 - p[0]),
                "that is the global cost 1 − p(0…0), which asks every qubit to be 0 at once; the local "
                "cost averages each qubit's own p_j(0)"),
        Mistake("no 1/n", lambda p: float(1 - _p0_per_qubit(p).sum()),
                "average over the qubits: 1 − (1/n) Σ_j p_j(0), so that the cost stays between 0 and 1"),
        Mistake("p(1)", lambda p: float(1 - np.mean(1 - _p0_per_qubit(p))),
                "p_j(0) is the probability that qubit j reads 0 — the sum over basis states whose bit "
                "for wire j is 0 — not 1"),
    ],
    hint="p_j(0) = Σ of probabilities[k] over the k whose bit for wire j is 0 (bit n − 1 − j of k); "
         "return 1 − mean over j of p_j(0)",
    show=_show_sci)


# ---------------------------------------------------------------- 04.5 ★ global or local: which has a plateau?
def _product_variances(n_qubits):
    return np.array([(3 / 8) ** (n_qubits - 1) / 8, 1 / (8 * n_qubits ** 2)])


exercise_product = Exercise(
    id="04.5", name="product_circuit_variances", title="★ Predict which cost has a barren plateau",
    notebook=NOTEBOOK,
    reference=_product_variances,
    cases=lambda rng: [(n,) for n in (3, 2, 4, 5, 8, 12, 20, 1)],
    compare=_relative(1e-9, 1e-300),
    normalize=lambda got, args: as_array(got, (2,), "your pair (Var global, Var local)", complex_ok=False),
    mistakes=[
        Mistake("E[cos²] for E[cos⁴]", lambda n: np.array([0.5 ** (n - 1) / 8, 1 / (8 * n * n)]),
                "each other qubit contributes a factor cos⁴(θ/2) to (∂C_G)², and E[cos⁴(θ/2)] = 3/8, "
                "not E[cos²(θ/2)] = 1/2"),
        Mistake("local without 1/n²", lambda n: np.array([(3 / 8) ** (n - 1) / 8, 1 / 8]),
                "C_L has the factor 1/n in front of the sum, and the variance squares it: 1/(8n²)"),
        Mistake("local with 1/n", lambda n: np.array([(3 / 8) ** (n - 1) / 8, 1 / (8 * n)]),
                "the 1/n of C_L is squared in the variance: 1/(8n²), not 1/(8n)"),
        Mistake("swapped", lambda n: _product_variances(n)[::-1],
                "return the pair in the order (global, local)"),
        Mistake("standard deviations", lambda n: np.sqrt(_product_variances(n)),
                "those are standard deviations; return the variances themselves"),
    ],
    hint="∂C_G/∂θ_1 = (1/2) sin θ_1 Π_(j>1) cos²(θ_j/2) and ∂C_L/∂θ_1 = sin θ_1 / (2n); use "
         "E[sin² θ] = 1/2 and E[cos⁴(θ/2)] = 3/8 (the means of both gradients are 0)",
    show=_show_sci)


# ---------------------------------------------------------------- 04.6 an identity block
def _circuit_states(got, args):
    """The states of a circuit for three independent parameter vectors and one mirrored one."""
    n, L = args
    if not isinstance(got, Circuit):
        raise AnswerError(f"return a qk.Circuit, got {type(got).__name__}")
    if got.n_qubits != n:
        raise AnswerError(f"your circuit should have {n} qubits, got {got.n_qubits}")
    P = 2 * n * L
    if got.n_features or got.n_params > 2 * P:
        raise AnswerError(f"use the parameters qk.Param(0) … qk.Param({2 * P - 1}) and no qk.Feature; "
                          f"your circuit has {got.n_params} parameters and {got.n_features} features")
    rng = np.random.default_rng(100 * n + L)
    thetas = np.vstack([rng.uniform(0, 2 * np.pi, (3, 2 * P)), np.tile(rng.uniform(0, 2 * np.pi, P), 2)])
    try:
        return np.array([got.states(t[:got.n_params]) for t in thetas])        # (4, 2**n)
    except Exception as exc:
        raise AnswerError(f"your circuit could not run: {type(exc).__name__}: {exc}") from None


def _compare_blocks(got, expected):
    if isinstance(expected, Circuit):
        expected = _circuit_states(expected, (expected.n_qubits, expected.n_params // (4 * expected.n_qubits)))
    same = states_equal_up_to_phase()
    if same(got[3], expected[3]) is not None:
        return "with both halves equal (np.tile(theta, 2)) your circuit is not the identity"
    if any(same(g, e) is not None for g, e in zip(got[:3], expected[:3])):
        return ("with independent parameters in the two halves your circuit prepares other states "
                "than the block followed by its inverse")
    return None


def _show_blocks(args, expected, got):
    if isinstance(expected, Circuit):
        expected = _circuit_states(expected, args)
    same = states_equal_up_to_phase()
    k = next((i for i in (3, 0, 1, 2) if same(got[i], expected[i]) is not None), 0)
    what = "both halves equal" if k == 3 else "independent halves"
    return [f"the states from |0…0⟩ with {what}:"] + ["  " + r for r in show_states(args, expected[k], got[k])]


def _half(n, L, ops):
    out = Circuit(n)
    out.ops = list(ops)
    return out


def _wrong_block(kind):
    def answer(n, L):
        block = hardware_efficient(n, L)
        P = block.n_params
        if kind == "same parameters":
            return block + block.inverse()
        if kind == "repeated":
            return block + block.offset_params(P)
        ops = block.offset_params(P).ops
        if kind == "not reversed":
            mirror = [Operation(o.gate, o.wires, o.controls, o.angles, o.matrix, not o.adjoint) for o in ops]
        else:                                                          # reversed, not inverted
            mirror = list(reversed(ops))
        return block + _half(n, L, mirror)
    return answer


exercise_identity = Exercise(
    id="04.6", name="identity_block", title="Build an identity block", notebook=NOTEBOOK,
    reference=lambda n_qubits, n_layers: _identity_block(hardware_efficient(n_qubits, n_layers)),
    cases=lambda rng: [(2, 2), (1, 1), (3, 1), (2, 1), (4, 2)],
    compare=_compare_blocks, normalize=_circuit_states,
    mistakes=[
        Mistake("same parameters", _wrong_block("same parameters"),
                "your mirror reuses θ_k, so the block is the identity for every θ and can never learn: "
                "give the mirror of the gate with θ_k its own parameter θ_(P+k)"),
        Mistake("repeated", _wrong_block("repeated"),
                "you appended the block again; the second half must undo the first: its gates in "
                "reverse order, each with its angle negated"),
        Mistake("not reversed", _wrong_block("not reversed"),
                "you inverted every gate but kept their order; (AB)† = B†A†: the last gate of the block "
                "must be undone first"),
        Mistake("not inverted", _wrong_block("not inverted"),
                "you reversed the order but kept the angles; each rotation must be undone too: "
                "R(θ)† = R(−θ), so use −qk.Param(P + k)"),
    ],
    hint="start from qk.ansatz.hardware_efficient(n_qubits, n_layers); then, from its last gate to its "
         "first, add the inverse: CZ again, and R(θ_k) as R(−θ_(P+k)) with P = block.n_params",
    show=_show_blocks)

check_gradient_variance = exercise_variance.check
check_decay_rate = exercise_rate.check
check_two_design_variance = exercise_two_design.check
check_local_cost = exercise_local.check
check_product_circuit_variances = exercise_product.check
check_identity_block = exercise_identity.check
