"""Checks for notebook 03, "Training a circuit-centric quantum classifier": the readout, the label
rule and its bias, the parameter-shift rule, a gradient step, accuracy, and a feature map for
Microsoft's circle task.

>>> from qmlkit.katas import training
>>> training.check_gradient_step(lambda params, grad, learning_rate: params - learning_rate * grad)
✅ 03.5 gradient_step: correct!
"""
from __future__ import annotations

import numpy as np

from .. import encoding as enc
from ..circuit import Circuit, Param
from ..classifier import fit_bias
from ..gradients import value_and_jacobian
from ..observables import Projector, X, Y, Z
from ._core import (AnswerError, Exercise, Mistake, as_array, as_number, fmt_number, numbers_close,
                    show_values)

NOTEBOOK = "03_training"

__all__ = ["check_readout_probabilities", "check_predict_labels", "check_best_bias",
           "check_parameter_shift", "check_gradient_step", "check_accuracy", "check_circle_padding",
           "misclassifications", "CIRCLE_RADIUS"]


def _random_states(rng, n_samples, n_qubits):
    v = rng.normal(size=(n_samples, 2 ** n_qubits)) + 1j * rng.normal(size=(n_samples, 2 ** n_qubits))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _real_vector(length_of_args, what):
    def normalize(got, args):
        return as_array(got, (length_of_args(args),), what, complex_ok=False)
    return normalize


# ---------------------------------------------------------------- 03.1 the readout probability
def _readout(states, readout):
    return Projector([1], [readout]).expval(np.asarray(states, dtype=complex))


def _readout_with(weight, bit_of):
    def answer(states, readout):
        s = np.asarray(states)
        n = int(np.log2(s.shape[1]))
        bits = (np.arange(2 ** n) >> bit_of(n, readout)) & 1
        return weight(s)[:, bits == 1].sum(axis=1)
    return answer


def _msb(n, w):
    return n - 1 - w


def _cases_readout(rng):
    # A random batch first: it tells every known mistake apart; then basis states as edge cases.
    out = [(_random_states(rng, 3, 3), 0),
           (np.eye(4, dtype=complex)[[1, 2]], 0),                       # |01⟩, |10⟩ on wire 0
           (np.eye(4, dtype=complex)[[1, 2]], 1),
           (np.array([[1, 1], [1, -1]], dtype=complex) / np.sqrt(2), 0)]
    for n, w in ((2, 0), (3, 2), (4, 1), (1, 0)):
        out.append((_random_states(rng, int(rng.integers(2, 6)), n), w))
    return out


exercise_readout = Exercise(
    id="03.1", name="readout_probabilities", title="The readout: P(1) on one wire, for a batch",
    notebook=NOTEBOOK,
    reference=_readout,
    cases=_cases_readout,
    compare=numbers_close(1e-6), normalize=_real_vector(lambda a: len(a[0]), "your probabilities"),
    mistakes=[
        Mistake("Qiskit's order", _readout_with(lambda s: np.abs(s) ** 2, lambda n, w: w),
                "you counted wires from the right (Qiskit's convention); in qmlkit wire w is bit "
                "(n − 1 − w) of the basis index, wire 0 the most significant"),
        Mistake("probability of 0", lambda states, readout: 1 - _readout(states, readout),
                "that is the probability of measuring 0; the classifier's output p is the "
                "probability of 1 on the readout wire"),
        Mistake("amplitudes not squared", _readout_with(np.abs, _msb),
                "probabilities are |amplitude|², not |amplitude|"),
    ],
    hint="for every row, add |amplitude|² over the basis indices whose bit for `readout` is 1; "
         "(np.arange(2**n) >> (n − 1 − readout)) & 1 marks them",
    show=show_values)


# ---------------------------------------------------------------- 03.2 the label rule
def _labels(p, bias):
    return (np.asarray(p, dtype=float) + bias > 0.5).astype(int)


def _label_array(got, args):
    try:
        arr = np.asarray(got)
    except Exception:
        raise AnswerError(f"your labels should be an array of 0 and 1, got {type(got).__name__}") from None
    if arr.dtype == bool:
        arr = arr.astype(int)
    arr = as_array(arr, (len(args[0]),), "your labels", complex_ok=False)
    if not np.all(np.isin(arr, (0, 1))):
        raise AnswerError("labels are 0 or 1; got other values")
    return arr.astype(int)


def _compare_labels(got, expected):
    wrong = int(np.sum(got != expected))
    return None if wrong == 0 else f"{wrong} of {len(expected)} labels differ from the expected ones"


def _cases_labels(rng):
    out = [(np.array([0.1, 0.4, 0.6, 0.9]), 0.0),
           (np.array([0.1, 0.4, 0.6, 0.9]), 0.2),
           (np.array([0.25, 0.3, 0.75]), 0.25),                       # 0.25 + 0.25 is exactly ½
           (np.array([0.45, 0.55, 0.7]), -0.1)]
    for _ in range(3):
        out.append((rng.uniform(0, 1, 8), float(rng.uniform(-0.3, 0.3))))
    return out


exercise_labels = Exercise(
    id="03.2", name="predict_labels", title="From probabilities to labels, with a bias", notebook=NOTEBOOK,
    reference=_labels,
    cases=_cases_labels,
    compare=_compare_labels, normalize=_label_array,
    mistakes=[
        Mistake("bias subtracted", lambda p, bias: _labels(p, -bias),
                "the bias is added to p: label 1 when p + bias > 0.5 (a positive bias makes label 1 "
                "more likely)"),
        Mistake("≥ instead of >", lambda p, bias: (np.asarray(p) + bias >= 0.5).astype(int),
                "exactly at p + bias = 0.5 the rule gives label 0: use a strict >"),
        Mistake("threshold 0", lambda p, bias: (np.asarray(p) + bias > 0).astype(int),
                "p is a probability between 0 and 1; the threshold is 0.5, not 0"),
    ],
    hint="label 1 where p + bias > 0.5, else 0: (p + bias > 0.5).astype(int)",
    show=show_values)


# ---------------------------------------------------------------- 03.3 the bias that minimises errors
def misclassifications(p, y, bias) -> int:
    """How many samples the rule "label 1 if p + bias > 0.5" gets wrong.

    >>> misclassifications(np.array([0.2, 0.4, 0.6]), np.array([0, 1, 1]), 0.0)
    1
    """
    return int(np.sum((np.asarray(p) + bias > 0.5).astype(int) != np.asarray(y)))


def _bias_verdict(got, args):
    """(bias, its misclassifications, the fewest possible) for the learner's bias."""
    p, y = args
    b = as_number(got, "your bias")
    return np.array([b, misclassifications(p, y, b), misclassifications(p, y, fit_bias(p, y))])


def _compare_bias(got, expected):
    b, errors, best = got
    if errors == best:
        return None
    return f"your bias misclassifies {int(errors)} sample(s); the best bias misclassifies {int(best)}"


def _show_bias(args, expected, got):
    p, y = args
    return [f"a best bias: {fmt_number(expected)} ({misclassifications(p, y, expected)} misclassified)",
            f"yours:       {fmt_number(got[0])} ({int(got[1])} misclassified)"]


def _cases_bias(rng):
    out = [(np.array([0.1, 0.2, 0.3, 0.4]), np.array([0, 0, 1, 1])),       # best threshold 0.25
           (np.array([0.6, 0.7, 0.8, 0.9]), np.array([0, 0, 1, 1])),       # best threshold 0.75
           (np.array([0.2, 0.35, 0.5, 0.55, 0.62, 0.9]), np.array([0, 0, 0, 1, 0, 1]))]
    for n in (10, 25):
        y = rng.integers(0, 2, n)
        p = np.clip(0.25 + 0.3 * y + rng.normal(0, 0.12, n), 0.01, 0.99)   # skewed towards 0
        out.append((p, y))
    return out


exercise_bias = Exercise(
    id="03.3", name="best_bias", title="The bias that minimises misclassifications", notebook=NOTEBOOK,
    reference=fit_bias,
    cases=_cases_bias,
    compare=_compare_bias, normalize=_bias_verdict,
    mistakes=[
        Mistake("bias on the wrong side", lambda p, y: -fit_bias(p, y),
                "the rule adds the bias to p (label 1 if p + bias > 0.5): to move the threshold "
                "down to t, the bias is 0.5 − t, not t − 0.5"),
        Mistake("threshold instead of bias", lambda p, y: 0.5 - fit_bias(p, y),
                "you returned the best threshold t on p itself; the bias is what you add to p so "
                "that the threshold becomes 0.5: bias = 0.5 − t"),
    ],
    hint="sort p; try a threshold t between every two neighbours (and below and above all of "
         "them), count the errors of \"label 1 if p > t\", and return 0.5 − t for the best t",
    show=_show_bias)


# ---------------------------------------------------------------- 03.4 the parameter-shift rule
class Expectation:
    """f(params) = ⟨O⟩ of a circuit whose parameters each enter one Pauli rotation: the function
    the learner differentiates. Immutable, so a check can hand it out without copying."""

    def __init__(self, circuit: Circuit, observable, label: str):
        self.circuit, self.observable, self.label = circuit, observable, label

    def __call__(self, params) -> float:
        return float(self.circuit.expval(self.observable, np.asarray(params, dtype=float)))

    def gradient(self, params) -> np.ndarray:
        """Exact, by the adjoint method."""
        return value_and_jacobian(self.circuit, self.observable, np.asarray(params, dtype=float))[1]

    def __deepcopy__(self, memo):
        return self

    def __repr__(self):
        return self.label


def _expectations():
    one = Circuit(1).ry(Param(0), 0)
    two = Circuit(2).ry(Param(0), 0).rx(Param(1), 1).cnot(0, 1).ry(Param(2), 1)
    three = (Circuit(3).h(0).ry(Param(0), 0).rx(Param(1), 1).cnot(0, 1).cnot(1, 2)
             .rz(Param(2), 2).ry(Param(3), 2).rx(Param(4), 0))
    return [Expectation(one, Z(0), "⟨Z⟩ after RY(θ0)"),
            Expectation(two, Z(1), "⟨Z1⟩ of RY(θ0), RX(θ1), CNOT, RY(θ2)"),
            Expectation(two, X(0) @ Z(1), "⟨X0 Z1⟩ of RY(θ0), RX(θ1), CNOT, RY(θ2)"),
            Expectation(three, Z(2) + 0.5 * Y(0), "⟨Z2 + ½Y0⟩ of a 3-qubit circuit, 5 parameters")]


def _shift(f, params, k):
    return float(f.gradient(params)[k])


def _shift_with(s, factor, sign=1):
    def answer(f, params, k):
        e = np.zeros(len(params))
        e[k] = s
        return sign * factor * (f(np.asarray(params) + e) - f(np.asarray(params) - e))
    return answer


def _cases_shift(rng):
    fs = _expectations()
    out = [(fs[0], np.array([0.5]), 0), (fs[0], np.array([np.pi / 2]), 0)]
    for f, n in zip(fs[1:], (3, 3, 5)):
        theta = rng.uniform(0, 2 * np.pi, n)
        out += [(f, theta, 0), (f, theta.copy(), n - 1)]
    return out


exercise_shift = Exercise(
    id="03.4", name="parameter_shift", title="The parameter-shift rule for one parameter",
    notebook=NOTEBOOK,
    reference=_shift,
    cases=_cases_shift,
    compare=numbers_close(1e-6), normalize=lambda got, args: as_number(got, "your derivative"),
    mistakes=[
        Mistake("shift of π", _shift_with(np.pi, 0.5),
                "shift by ±π/2, not ±π: f is 2π-periodic in θ, so f(θ + π) − f(θ − π) is always 0"),
        Mistake("no factor ½", _shift_with(np.pi / 2, 1.0),
                "the rule is ∂f/∂θ = [f(θ + π/2) − f(θ − π/2)] / 2: divide the difference by 2"),
        Mistake("wrong sign", _shift_with(np.pi / 2, 0.5, sign=-1),
                "subtract in the other order: f(θ + π/2) − f(θ − π/2), the forward shift first"),
    ],
    hint="copy params, add π/2 to entry k for one evaluation and subtract π/2 for the other; "
         "the derivative is half the difference (forward minus backward)",
    show=show_values)


# ---------------------------------------------------------------- 03.5 one gradient-descent step
def _step(params, grad, learning_rate):
    return np.asarray(params, dtype=float) - learning_rate * np.asarray(grad, dtype=float)


def _cases_step(rng):
    out = [(np.array([0.0]), np.array([1.0]), 0.1), (np.array([1.0, 2.0]), np.array([0.5, -0.5]), 0.2)]
    for n in (3, 6):
        out.append((rng.uniform(0, 2 * np.pi, n), rng.normal(size=n), float(rng.uniform(0.01, 0.5))))
    return out


exercise_step = Exercise(
    id="03.5", name="gradient_step", title="One step of gradient descent", notebook=NOTEBOOK,
    reference=_step,
    cases=_cases_step,
    compare=numbers_close(1e-9), normalize=_real_vector(lambda a: len(a[0]), "your new parameters"),
    mistakes=[
        Mistake("ascent", lambda params, grad, lr: np.asarray(params) + lr * np.asarray(grad),
                "the gradient points uphill; to lower the loss step against it: params − lr · grad"),
        Mistake("no learning rate", lambda params, grad, lr: np.asarray(params) - np.asarray(grad),
                "scale the gradient by the learning rate before you subtract it"),
    ],
    hint="θ_new = θ − η · ∇L: return params − learning_rate * grad (a new array)",
    show=show_values)


# ---------------------------------------------------------------- 03.6 accuracy
def _accuracy(y_true, y_pred):
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def _cases_accuracy(rng):
    out = [(np.array([0, 1, 1, 0, 1]), np.array([0, 1, 0, 0, 1])),
           (np.array([3, 7, 7]), np.array([3, 7, 7])),
           (np.array([1, 1, 0]), np.array([0, 0, 1])),
           (np.array([2, 0, 1, 2, 1]), np.array([2, 1, 1, 0, 1]))]
    for n in (10, 37):
        y = rng.integers(0, 2, n)
        out.append((y, np.where(rng.uniform(size=n) < 0.8, y, 1 - y)))
    return out


exercise_accuracy = Exercise(
    id="03.6", name="accuracy", title="Accuracy: the fraction of correct predictions", notebook=NOTEBOOK,
    reference=_accuracy,
    cases=_cases_accuracy,
    compare=numbers_close(1e-9), normalize=lambda got, args: as_number(got, "your accuracy"),
    mistakes=[
        Mistake("count, not fraction", lambda t, p: float(np.sum(np.asarray(t) == np.asarray(p))),
                "divide the number of correct predictions by the number of samples"),
        Mistake("error rate", lambda t, p: 1 - _accuracy(t, p),
                "that is the error rate (the fraction that is wrong); accuracy is the fraction right"),
        Mistake("class 1 only", lambda t, p: float(np.mean((np.asarray(t) == 1) & (np.asarray(p) == 1))),
                "a prediction is correct when it equals the true label, whatever the class: compare "
                "y_pred == y_true"),
    ],
    hint="np.mean(y_true == y_pred): the comparison gives True/False per sample, the mean the fraction",
    show=show_values)


# ---------------------------------------------------------------- 03.7 a feature map for the circle
CIRCLE_RADIUS = 0.8


def _circle_points():
    """Points of [−1, 1]² (no origin), none within 0.02 of the circle: an unambiguous test set."""
    g = np.linspace(-1, 1, 21) + 0.013
    pts = np.array([(a, b) for a in g for b in g])
    r = np.hypot(pts[:, 0], pts[:, 1])
    return pts[np.abs(r - CIRCLE_RADIUS) > 0.02]


def _padding(got, args):
    try:
        shape = np.shape(got)
    except Exception:
        raise AnswerError(f"your constants should be a list of numbers, got {type(got).__name__}") from None
    arr = as_array(got, shape, "your constants", complex_ok=False).ravel()
    if not 1 <= arr.size <= 6:
        raise AnswerError(f"give between 1 and 6 padding constants, got {arr.size}")
    return arr


def readout_of_padding(constants, points) -> np.ndarray:
    """P(1) on wire 0 after amplitude-encoding ``left_padding(points, constants)``."""
    states = enc.amplitude_encoding(enc.left_padding(points, constants))
    return _readout(states, 0)


def _compare_padding(got, expected):
    pts = _circle_points()
    outside = np.hypot(pts[:, 0], pts[:, 1]) > CIRCLE_RADIUS
    wrong = int(np.sum((readout_of_padding(got, pts) > 0.5) != outside))
    if wrong == 0:
        return None
    return (f"with these constants the readout P(1) > ½ disagrees with 'outside the circle' on "
            f"{wrong} of {len(pts)} test points")


def _show_padding(args, expected, got):
    return [f"a correct answer: [{', '.join(fmt_number(v) for v in expected)}]",
            f"yours:            [{', '.join(fmt_number(v) for v in got)}]"]


exercise_circle = Exercise(
    id="03.7", name="circle_padding", title="★ A feature map that makes the circle separable",
    notebook=NOTEBOOK,
    reference=lambda: np.array([CIRCLE_RADIUS, 0.0]),
    cases=lambda rng: [()],
    compare=_compare_padding, normalize=_padding,
    mistakes=[
        Mistake("one constant", lambda: np.array([CIRCLE_RADIUS]),
                "with one constant, [a0, x0, x1] is padded to a0|00⟩ + x0|01⟩ + x1|10⟩: only x1 "
                "lands where wire 0 is 1. Two constants [a0, a1] put both features on wire 0 = 1"),
        Mistake("radius squared", lambda: np.array([CIRCLE_RADIUS ** 2, 0.0]),
                "P(1) = (x0² + x1²) / (a0² + a1² + x0² + x1²) ≥ ½ means x0² + x1² ≥ a0² + a1²: the "
                "constants' squares must add up to 0.8², so a0 = 0.8, not 0.64"),
        Mistake("radius split in two", lambda: np.array([CIRCLE_RADIUS / 2, CIRCLE_RADIUS / 2]),
                "the squares of the constants add up to the squared radius: a0² + a1² = 0.64, "
                "so [0.4, 0.4] describes a circle of radius √0.32 ≈ 0.57"),
    ],
    hint="left_padding([x0, x1], [a0, a1]) is amplitude-encoded as a0|00⟩ + a1|01⟩ + x0|10⟩ + "
         "x1|11⟩ (normalised); write P(wire 0 = 1) and solve P ≥ ½ for x0² + x1²",
    show=_show_padding)

check_readout_probabilities = exercise_readout.check
check_predict_labels = exercise_labels.check
check_best_bias = exercise_bias.check
check_parameter_shift = exercise_shift.check
check_gradient_step = exercise_step.check
check_accuracy = exercise_accuracy.check
check_circle_padding = exercise_circle.check
