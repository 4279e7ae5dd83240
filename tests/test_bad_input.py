"""Bad input raises ValueError / TypeError naming what was expected and what came (DESIGN.md).

One table: (id, call, exception type, patterns). Every pattern (a regular
expression, case-insensitive) must occur in the message; most tables rows
have one pattern for what was expected and one for what came, so a bare numpy
error from deep inside (or no error at all) fails the row.
"""
import re

import numpy as np
import pytest

import qmlkit as qk
from qmlkit import Feature, Param

PSI2 = qk.zero_state(2)                               # a valid 2-qubit state
BATCH2 = qk.zero_state(2, n_samples=3)
PSI3 = np.ones(3) / np.sqrt(3)                        # not a power of two


def one_param():
    return qk.Circuit(1).ry(Param(0), 0)


def one_feature():
    return qk.Circuit(1).ry(Feature(0), 0)


def h2():
    return qk.Circuit(2).h(0)


CASES = [
    # ---- wrong wire index
    ("circuit-wire-too-big", lambda: qk.Circuit(2).rx(0.1, 2), ValueError,
     [r"wire 2 does not exist", r"0\.\.1"]),
    ("circuit-wire-negative", lambda: qk.Circuit(2).h(-1), ValueError, [r"wire -1", r"0\.\.1"]),
    ("circuit-control-too-big", lambda: qk.Circuit(2).cnot(3, 0), ValueError, [r"wire 3", r"0\.\.1"]),
    ("circuit-wire-not-int", lambda: qk.Circuit(2).h(0.5), TypeError, [r"integer", r"0\.5"]),
    ("apply-gate-wire", lambda: qk.apply_gate(PSI2, "H", 5), ValueError, [r"wire 5", r"0\.\.1"]),
    ("apply-unitary-wire", lambda: qk.apply_unitary(PSI2, np.eye(2), [2]), ValueError,
     [r"wire 2", r"0\.\.1"]),
    ("marginal-wire", lambda: qk.marginal_probabilities(PSI2, [2]), ValueError, [r"wire 2", r"0\.\.1"]),
    ("pauli-wire-negative", lambda: qk.X(-1), ValueError, [r"wire -1"]),
    ("pauli-wire-not-int", lambda: qk.X(1.5), TypeError, [r"integer", r"1\.5"]),
    ("projector-wire-not-int", lambda: qk.Projector([0], [0.5]), TypeError, [r"integer", r"0\.5"]),
    # ---- duplicate wires
    ("circuit-duplicate", lambda: qk.Circuit(2).cnot(1, 1), ValueError, [r"distinct", r"\[1, 1\]"]),
    ("circuit-control-is-target", lambda: qk.Circuit(3).rx(0.1, 1, controls=[1]), ValueError,
     [r"distinct", r"\[1, 1\]"]),
    ("apply-gate-duplicate", lambda: qk.apply_gate(PSI2, "CNOT", [0, 0]), ValueError,
     [r"distinct", r"\[0, 0\]"]),
    ("apply-unitary-duplicate", lambda: qk.apply_unitary(PSI2, np.eye(4), [1, 1]), ValueError,
     [r"distinct", r"\[1, 1\]"]),
    ("marginal-duplicate", lambda: qk.marginal_probabilities(PSI2, [0, 0]), ValueError, [r"distinct"]),
    ("projector-duplicate", lambda: qk.Projector([0, 1], [2, 2]), ValueError, [r"distinct", r"\[2, 2\]"]),
    ("pauli-product-same-wire", lambda: qk.X(0) @ qk.Z(0), ValueError, [r"distinct", r"\[0\]"]),
    # ---- not unitary, wrong size
    ("circuit-non-unitary", lambda: qk.Circuit(1).unitary(np.ones((2, 2)), [0]), ValueError,
     [r"not unitary", r"U\^dagger U - I"]),
    ("apply-non-unitary", lambda: qk.apply_unitary(PSI2, 2 * np.eye(2), [0]), ValueError, [r"not unitary"]),
    ("unitary-size-for-wires", lambda: qk.Circuit(2).unitary(np.eye(4), [0]), ValueError,
     [r"\(2, 2\)", r"\(4, 4\)"]),
    ("unitary-not-power-of-2", lambda: qk.apply_unitary(PSI2, np.eye(3), [0]), ValueError,
     [r"2\*\*k", r"\(3, 3\)"]),
    ("unitary-not-square", lambda: qk.Circuit(2).unitary(np.ones((2, 4)), [0]), ValueError,
     [r"square", r"\(2, 4\)"]),
    ("unitary-nan", lambda: qk.Circuit(1).unitary(np.array([[np.nan, 0], [0, 1]]), [0]), ValueError,
     [r"finite", r"nan"]),
    ("unitary-strings", lambda: qk.Circuit(1).unitary(np.array([["a", "b"], ["c", "d"]]), [0]),
     TypeError, [r"numeric", r"dtype"]),
    # ---- wrong number of wires / angles / params / features
    ("gate-wire-count", lambda: qk.Circuit(2).rx(0.1, [0, 1]), ValueError, [r"1 wire", r"got 2"]),
    ("cnot-wire-count", lambda: qk.apply_gate(PSI2, "CNOT", [0]), ValueError, [r"2 wires", r"\[0\]"]),
    ("angle-count-circuit", lambda: qk.Circuit(1).add("RX", 0), ValueError, [r"takes 1 angle", r"got 0"]),
    ("angle-count-apply", lambda: qk.apply_gate(PSI2, "U3", 0, 0.1), ValueError,
     [r"takes 3 angle", r"got 1"]),
    ("angle-per-sample-length", lambda: qk.apply_gate(BATCH2, "RX", 0, [0.1, 0.2]), ValueError,
     [r"\(3,\)", r"\(2,\)"]),
    ("angle-not-a-number", lambda: qk.Circuit(1).rx("a", 0), TypeError, [r"angle", r"'a'"]),
    ("params-too-many", lambda: one_param().states([0.1, 0.2]), ValueError, [r"\(1,\)", r"\(2,\)"]),
    ("params-missing", lambda: one_param().states(), ValueError, [r"1 trainable parameter", r"params"]),
    ("params-2d", lambda: one_param().states([[0.1]]), ValueError, [r"\(1,\)", r"\(1, 1\)"]),
    ("params-not-numbers", lambda: one_param().states(["a"]), TypeError, [r"params", r"real"]),
    ("jacobian-params-count", lambda: qk.jacobian(one_param(), qk.Z(0), [0.1, 0.2]), ValueError,
     [r"\(1,\)", r"\(2,\)"]),
    ("param-index-float", lambda: Param(1.5), ValueError, [r"non-negative integer", r"1\.5"]),
    ("feature-index-negative", lambda: Feature(-1), ValueError, [r"non-negative integer", r"-1"]),
    ("features-too-many", lambda: one_feature().states(X=[[1.0, 2.0]]), ValueError,
     [r"1 feature", r"X has 2"]),
    ("features-too-few", lambda: qk.Circuit(1).ry(Feature(2), 0).states(X=[[1.0]]), ValueError,
     [r"3 feature", r"X has 1"]),
    ("features-missing", lambda: one_feature().states(), ValueError, [r"1 data feature", r"pass X"]),
    ("features-3d", lambda: one_feature().states(X=np.zeros((1, 1, 1))), ValueError,
     [r"\(n_samples, n_features\)", r"\(1, 1, 1\)"]),
    ("features-empty", lambda: one_feature().states(X=np.zeros((0, 1))), ValueError, [r"no samples"]),
    # ---- NaN angles, parameters, data
    ("nan-angle-circuit", lambda: qk.Circuit(1).rx(np.nan, 0), ValueError, [r"finite", r"nan"]),
    ("inf-angle-circuit", lambda: qk.Circuit(1).rx(np.inf, 0), ValueError, [r"finite", r"inf"]),
    ("nan-angle-apply", lambda: qk.apply_gate(PSI2, "RX", 0, np.nan), ValueError, [r"finite", r"nan"]),
    ("nan-angle-per-sample", lambda: qk.apply_gate(BATCH2, "RY", 1, [0.1, np.nan, 0.2]), ValueError,
     [r"finite", r"nan"]),
    ("nan-coefficient-in-angle", lambda: qk.Circuit(1).rx(np.nan * Param(0), 0).states([0.1]),
     ValueError, [r"finite", r"nan"]),
    ("nan-feature-scale", lambda: qk.Circuit(1).rx(Feature(0, scale=np.nan), 0).states(X=[0.1]),
     ValueError, [r"finite", r"nan"]),
    ("nan-params", lambda: one_param().states([np.nan]), ValueError, [r"params", r"finite", r"nan"]),
    ("nan-X", lambda: one_feature().states(X=[[np.nan]]), ValueError, [r"\bX\b", r"finite", r"nan"]),
    ("nan-X-jacobian", lambda: qk.jacobian(one_feature(), qk.Z(0), None, [[0.1], [np.nan]],
                                          wrt="features"), ValueError, [r"\bX\b", r"finite"]),
    # ---- mismatched state shapes
    ("state-length-3-apply", lambda: qk.apply_gate(PSI3, "H", 0), ValueError,
     [r"2\*\*n_qubits", r"got 3"]),
    ("state-length-3-unitary", lambda: qk.apply_unitary(PSI3, np.eye(2), [0]), ValueError,
     [r"2\*\*n_qubits", r"got 3"]),
    ("state-length-3-expval", lambda: qk.expval(PSI3, qk.Z(0)), ValueError, [r"2\*\*n_qubits", r"got 3"]),
    ("state-length-3-probabilities", lambda: qk.probabilities(PSI3), ValueError,
     [r"2\*\*n_qubits", r"got 3"]),
    ("state-length-3-marginal", lambda: qk.marginal_probabilities(PSI3, [0]), ValueError,
     [r"2\*\*n_qubits", r"got 3"]),
    ("state-length-3-counts", lambda: qk.sample_counts(PSI3, 10), ValueError, [r"2\*\*n_qubits", r"got 3"]),
    ("state-length-3-estimate", lambda: qk.estimate_expval(PSI3, qk.Z(0), 10), ValueError,
     [r"2\*\*n_qubits", r"got 3"]),
    ("state-batch-width-6", lambda: qk.apply_gate(np.ones((2, 6)), "H", 0), ValueError,
     [r"2\*\*n_qubits", r"got 6"]),
    ("state-3d", lambda: qk.apply_gate(np.zeros((1, 1, 4)), "H", 0), ValueError,
     [r"\(n_samples, 2\*\*n_qubits\)", r"\(1, 1, 4\)"]),
    ("state-strings", lambda: qk.apply_gate(np.array(["a", "b"]), "H", 0), TypeError,
     [r"numeric", r"dtype"]),
    ("counts-zero-state", lambda: qk.sample_counts(np.zeros(2), 10), ValueError, [r"norm|zero"]),
    ("initial-state-size", lambda: h2().states(initial_state=np.ones(8) / np.sqrt(8)), ValueError,
     [r"4 amplitudes", r"got 8"]),
    ("initial-state-length-3", lambda: h2().states(initial_state=PSI3), ValueError,
     [r"2\*\*n_qubits", r"got 3"]),
    ("initial-state-unnormalised", lambda: h2().states(initial_state=np.ones(4)), ValueError,
     [r"normalised", r"norm 2"]),
    ("initial-state-batch-one-unnormalised",
     lambda: h2().states(initial_state=np.array([[1, 0, 0, 0], [1, 1, 0, 0]])), ValueError,
     [r"normalised", r"1\.414"]),
    ("initial-state-nan", lambda: h2().states(initial_state=np.array([np.nan, 0, 0, 0])), ValueError,
     [r"normalised", r"nan"]),
    ("initial-state-rows-vs-X", lambda: one_feature().states(X=np.zeros((2, 1)),
                                                             initial_state=np.eye(2)[[0, 0, 1]]),
     ValueError, [r"X has 2 samples", r"initial_state has 3"]),
    # ---- shots
    ("counts-zero-shots", lambda: qk.sample_counts(PSI2, 0), ValueError, [r"positive integer", r"got 0"]),
    ("estimate-negative-shots", lambda: qk.estimate_expval(PSI2, qk.Z(0), -5), ValueError,
     [r"positive integer", r"got -5"]),
    ("estimate-float-shots", lambda: qk.estimate_expval(PSI2, qk.Z(0), 2.5), ValueError,
     [r"positive integer", r"got 2\.5"]),
    ("jacobian-zero-shots", lambda: qk.jacobian(one_param(), qk.Z(0), [0.1], method="parameter-shift",
                                                shots=0), ValueError, [r"positive integer", r"got 0"]),
    ("shots-with-adjoint", lambda: qk.jacobian(one_param(), qk.Z(0), [0.1], shots=100), ValueError,
     [r"adjoint", r"shots"]),
    # ---- unknown names and options
    ("unknown-gate-circuit", lambda: qk.Circuit(2).add("FOO", 0), ValueError,
     [r"unknown gate 'FOO'", r"known gates: .*RX"]),
    ("unknown-gate-apply", lambda: qk.apply_gate(PSI2, "FOO", 0), ValueError, [r"unknown gate 'FOO'"]),
    ("gate-not-a-name", lambda: qk.Circuit(2).add(42, 0), TypeError, [r"name", r"int"]),
    ("unknown-method", lambda: qk.jacobian(one_param(), qk.Z(0), [0.1], method="backprop"), ValueError,
     [r"adjoint.*parameter-shift.*finite-diff.*spsa", r"'backprop'"]),
    ("unknown-wrt", lambda: qk.jacobian(one_param(), qk.Z(0), [0.1], wrt="x"), ValueError,
     [r"'params' or 'features'", r"'x'"]),
    ("spsa-zero-draws", lambda: qk.jacobian(one_param(), qk.Z(0), [0.1], method="spsa", spsa_draws=0),
     ValueError, [r"spsa_draws", r"got 0"]),
    ("spsa-zero-epsilon", lambda: qk.jacobian(one_param(), qk.Z(0), [0.1], method="spsa",
                                              spsa_epsilon=0.0), ValueError, [r"spsa_epsilon", r"0"]),
    ("spsa-wrt-features", lambda: qk.jacobian(one_feature(), qk.Z(0), None, [0.1], method="spsa",
                                              wrt="features"), ValueError, [r"SPSA", r"features"]),
    ("finite-diff-zero-step", lambda: qk.jacobian(one_param(), qk.Z(0), [0.1], method="finite-diff", h=0),
     ValueError, [r"\bh\b", r"positive|non-?zero|got 0"]),
    ("jacobian-not-a-circuit", lambda: qk.jacobian("ry(0)", qk.Z(0), [0.1]), TypeError,
     [r"Circuit", r"str"]),
    ("observable-not-an-observable", lambda: qk.expval(PSI2, "Z0"), TypeError, [r"observable", r"str"]),
    ("pauli-letter", lambda: qk.pauli("XQ"), ValueError, [r"I, X, Y, Z", r"'Q'"]),
    ("projector-bits", lambda: qk.Projector([0, 2]), ValueError, [r"0 and 1", r"\[0, 2\]"]),
    ("projector-bits-vs-wires", lambda: qk.Projector([0, 1], [0]), ValueError, [r"2 bits", r"1 wires"]),
    ("n-qubits-zero", lambda: qk.Circuit(0), ValueError, [r"positive integer", r"got 0"]),
    ("compose-sizes", lambda: qk.Circuit(2).compose(qk.Circuit(3)), ValueError, [r"2-qubit", r"3-qubit"]),
    # ---- observable on a wire the state lacks
    ("observable-wire-expval", lambda: qk.expval(PSI2, qk.Z(2)), ValueError,
     [r"wire 2", r"2 qubit\(s\)"]),
    ("observable-wire-circuit", lambda: h2().expval(qk.X(0) @ qk.Z(3)), ValueError,
     [r"wire 3", r"2 qubit\(s\)"]),
    ("observable-wire-projector", lambda: qk.expval(PSI2, qk.Projector([1], [4])), ValueError,
     [r"wire 4", r"2 qubit\(s\)"]),
    ("observable-wire-estimate", lambda: qk.estimate_expval(PSI2, qk.Y(2), 10), ValueError,
     [r"wire 2", r"2 qubit\(s\)"]),
    ("observable-wire-jacobian", lambda: qk.jacobian(one_param(), qk.Z(3), [0.1]), ValueError,
     [r"wire 3", r"1 qubit\(s\)"]),
]


@pytest.mark.parametrize("call, exc, patterns", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_raises_a_helpful_error(call, exc, patterns):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert isinstance(info.value, exc), f"expected {exc.__name__}, got {type(info.value).__name__}: {info.value}"
    msg = str(info.value)
    for p in patterns:
        assert re.search(p, msg, flags=re.IGNORECASE), f"message {msg!r} lacks {p!r}"


def test_case_ids_are_unique():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_good_input_next_to_each_bad_one_works():
    """The helpers the table uses are valid themselves, so each row fails for its one bad argument."""
    assert one_param().states([0.1]).shape == (2,)
    assert one_feature().states(X=[[0.1], [0.2]]).shape == (2, 2)
    assert h2().states(initial_state=np.eye(4)[[0, 3]]).shape == (2, 4)
    assert qk.sample_counts(PSI2, 10).sum() == 10
    assert qk.jacobian(one_param(), qk.Z(0), [0.1], method="finite-diff", h=1e-4).shape == (1,)
