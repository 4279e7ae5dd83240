"""The reporting core survives whatever a learner's code does; strict mode; formatting of verdicts.

DESIGN: a check "never raises for the learner, so Run All always reaches the
end, and it survives learner code that raises, loops, returns the wrong type or
shape, NaN, or mutates its input". Strict mode (``QMLKIT_EXPECT``) is the one
exception, on purpose.
"""
from __future__ import annotations

import math
import signal
import sys
import time

import numpy as np
import pytest

import qmlkit as qk
from qmlkit.katas import KataExpectationError
from qmlkit.katas import _core
from qmlkit.katas import start_here as sh
from qmlkit.katas._core import (Exercise, Mistake, REGISTRY, as_number, fmt_number, ket, numbers_close,
                                show_values)

S2 = math.sqrt(2)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("QMLKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("QMLKIT_EXPECT", raising=False)
    monkeypatch.delenv("QMLKIT_REPORT", raising=False)


def minus_ok():
    return np.array([1, -1]) / S2


# ---------------------------------------------------------------- learner code that raises
@pytest.mark.parametrize("exc", [ValueError("boom"), ZeroDivisionError("division by zero"),
                                 IndexError("index 4 is out of bounds"), TypeError("bad operand"),
                                 RuntimeError("oops"), AssertionError("my own assert")])
def test_learner_exception_is_wrong_and_named(exc):
    def learner(state, wire):
        raise exc
    r = sh.exercise_p_one.evaluate(learner)
    assert r.status == "wrong"
    assert type(exc).__name__ in r.message and str(exc) in r.message
    assert "check itself failed" not in r.message
    assert any(d.startswith("input: ") for d in r.details)


def test_natural_error_in_learner_code_names_it():
    r = sh.exercise_counts.evaluate(lambda counts: counts[7])        # IndexError from numpy
    assert r.status == "wrong" and "IndexError" in r.message


def test_wrong_signature_is_reported():
    r = sh.exercise_p_one.evaluate(lambda state: 0.5)
    assert r.status == "wrong" and "TypeError" in r.message


def test_not_implemented_error_is_unsolved():
    def learner(state):
        raise NotImplementedError
    r = sh.exercise_zz.evaluate(learner)
    assert r.status == "unsolved"
    assert r.message.startswith("⏳ 00.6 zz_expectation")


@pytest.mark.parametrize("stub", [lambda: ..., lambda: NotImplemented])
def test_ellipsis_stub_is_unsolved(stub):
    assert sh.exercise_plus.evaluate(stub).status == "unsolved"


def test_passing_ellipsis_itself_is_unsolved():
    """``check_minus_state(minus_state())`` with the stub still in place passes ``...``."""
    assert sh.exercise_minus.evaluate(...).status == "unsolved"


def test_none_is_forgot_return():
    def learner(state, wire):
        p = np.abs(state) ** 2      # noqa: F841 -- forgot to return
    r = sh.exercise_p_one.evaluate(learner)
    assert r.status == "wrong"
    assert "None" in r.message and "return" in r.message


# ---------------------------------------------------------------- learner code that runs too long
@pytest.fixture
def short_time_limit(monkeypatch):
    monkeypatch.setattr(_core, "TIME_LIMIT_S", 0.5)


def _spin(*args):
    while True:
        pass


def _sleep(*args):
    time.sleep(30)
    return np.array([1, -1]) / S2


@pytest.mark.parametrize("learner", [_spin, _sleep], ids=["busy loop", "sleep"])
def test_infinite_loop_is_wrong_within_the_time_limit(short_time_limit, learner):
    old_handler = signal.getsignal(signal.SIGALRM)
    t0 = time.perf_counter()
    r = sh.exercise_minus.evaluate(learner)
    elapsed = time.perf_counter() - t0
    assert r.status == "wrong"
    assert "longer than 0.5 s" in r.message
    assert elapsed < 3.0
    # the alarm is cleaned up: no timer left running, the previous handler is back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is old_handler


def test_time_limit_does_not_hurt_a_quick_answer(short_time_limit):
    def slowish():
        time.sleep(0.1)
        return minus_ok()
    assert sh.exercise_minus.evaluate(slowish).status == "correct"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_learner_catching_exception_does_not_swallow_the_time_limit(short_time_limit):
    def learner():
        while True:
            try:
                time.sleep(1)
            except Exception:       # a learner's broad except must not defeat the limit
                pass
    r = sh.exercise_minus.evaluate(learner)
    assert r.status == "wrong" and "longer than" in r.message


def test_infinite_loop_check_prints_and_does_not_raise(short_time_limit, capsys):
    sh.check_minus_state(_spin)
    assert capsys.readouterr().out.startswith("❌ 00.2 minus_state")


# ---------------------------------------------------------------- wrong types, shapes, values
@pytest.mark.parametrize("got, words", [
    (np.array([1, 1, 0, 0]) / S2, ["shape", "(2,)", "(4,)"]),
    (np.array([[1], [-1]]) / S2, ["shape", "(2, 1)"]),
    ("0.707, -0.707", ["str"]),
    ({"0": 0.707, "1": -0.707}, ["dict"]),
    ([float("nan"), 0.5], ["NaN"]),
    (np.array([np.inf, 0]), ["infinity"]),
    (0.707, ["shape", "()"]),
    (qk.Circuit(1), ["Circuit"]),
])
def test_state_of_wrong_type_or_shape_is_named(got, words):
    r = sh.exercise_minus.evaluate(lambda: got)
    assert r.status == "wrong", str(r)
    assert "check itself failed" not in r.message
    for w in words:
        assert w in r.message, r.message


@pytest.mark.parametrize("got, words", [
    (np.array([0.25, 0.25, 0.25, 0.25]), ["one number", "shape", "(4,)"]),
    ("1.0", ["str"]),
    (float("nan"), ["NaN"]),
    (np.array([np.nan]), ["NaN"]),
    (1j, ["real"]),
    ([[0.5, 0.5]], ["one number", "(1, 2)"]),
    ({"zz": 1.0}, ["dict"]),
])
def test_number_of_wrong_type_or_shape_is_named(got, words):
    r = sh.exercise_zz.evaluate(lambda state: got)
    assert r.status == "wrong", str(r)
    assert "check itself failed" not in r.message
    for w in words:
        assert w in r.message, r.message


def test_ragged_list_is_a_learner_error_not_a_checker_failure():
    """A ragged list is the learner's mistake; it must not be reported as "the check itself failed"."""
    r = sh.exercise_zz.evaluate(lambda state: [0.5, [1.0]])
    assert r.status == "wrong"
    assert "check itself failed" not in r.message, r.message
    assert "number" in r.message


def test_fractional_number_of_shots_is_named():
    r = sh.exercise_shots.evaluate(lambda e, eps: 100.5)
    assert r.status == "wrong" and "whole number" in r.message


# ---------------------------------------------------------------- mutation, and passing the result
def test_mutating_the_input_is_wrong():
    def learner(state, wire):
        state[:] = np.abs(state) ** 2           # "reuse" the input array
        return probability(state, wire)

    def probability(p, wire):
        n = int(np.log2(len(p)))
        bits = (np.arange(2 ** n) >> (n - 1 - wire)) & 1
        return p[bits == 1].sum().real
    r = sh.exercise_p_one.evaluate(learner)
    assert r.status == "wrong"
    assert "changed its input" in r.message


def test_mutating_counts_in_place_is_wrong():
    def learner(counts):
        counts[0] += 0          # harmless
        counts[1] *= -1         # not harmless
        return (counts[0] + counts[1] - counts[2] + counts[3]) / np.abs(counts).sum()
    r = sh.exercise_counts.evaluate(learner)
    assert r.status == "wrong" and "changed its input" in r.message


def test_a_copy_is_not_a_mutation():
    def learner(state, wire):
        s = state.copy()
        s[:] = np.abs(s) ** 2
        n = int(np.log2(len(s)))
        return s.real[((np.arange(2 ** n) >> (n - 1 - wire)) & 1) == 1].sum()
    assert sh.exercise_p_one.evaluate(learner).status == "correct"


def test_passing_the_result_instead_of_the_function():
    r = sh.exercise_minus.evaluate(minus_ok())
    assert r.status == "wrong"
    assert "pass your function itself" in r.message and "check_minus_state(minus_state)" in r.message


def test_passing_a_number_instead_of_the_function():
    r = sh.exercise_zz.evaluate(1.0)
    assert r.status == "wrong" and "float" in r.message


# ---------------------------------------------------------------- check() never raises for the learner
def _raises(*a):
    raise RuntimeError("x")


BAD_ANSWERS = {
    "raises": _raises, "none": lambda *a: None, "str": lambda *a: "abc", "nan": lambda *a: float("nan"),
    "ragged": lambda *a: [1, [2, 3]], "object": lambda *a: object(), "result": 0.5, "ellipsis": ...,
    "not implemented": lambda *a: NotImplemented, "huge int": lambda *a: 10 ** 400,
    "generator": lambda *a: (x for x in range(3)), "set": lambda *a: {1, 2},
}


@pytest.mark.parametrize("ex", qk.katas.exercises(), ids=lambda e: e.id)
def test_check_never_raises_without_strict_mode(ex, capsys):
    for name, bad in BAD_ANSWERS.items():
        ex.check(bad)           # must not raise
        out = capsys.readouterr().out
        assert out[:1] in ("❌", "⏳"), (name, out)


@pytest.mark.parametrize("ex", qk.katas.exercises(), ids=lambda e: e.id)
def test_no_bad_answer_makes_the_checker_itself_fail(ex):
    for name, bad in BAD_ANSWERS.items():
        r = ex.evaluate(bad)
        assert "check itself failed" not in r.message, (name, r.message)


def test_keyboard_interrupt_propagates_and_cleans_up():
    """Ctrl-C (interrupt kernel) must stop a long check, not be reported as a wrong answer."""
    old_handler = signal.getsignal(signal.SIGALRM)

    def learner():
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        sh.check_minus_state(learner)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is old_handler


def test_sys_exit_in_learner_code_is_reported_not_raised(capsys):
    """``sys.exit()`` / ``exit()`` in a learner's function is the learner's bug: in a kernel an escaping
    SystemExit is a cell error that stops "Run All", which the design says a check never causes."""
    def learner():
        sys.exit(1)
    sh.check_minus_state(learner)
    out = capsys.readouterr().out
    assert out.startswith("❌ 00.2 minus_state") and "SystemExit" in out


# ---------------------------------------------------------------- strict mode
CORRECT, WRONG, UNSOLVED = minus_ok, (lambda: np.array([1, 1]) / S2), (lambda: ...)


@pytest.mark.parametrize("value", ["solved", "SOLVED", " solved "])
def test_strict_solved(monkeypatch, capsys, value):
    monkeypatch.setenv("QMLKIT_EXPECT", value)
    sh.check_minus_state(CORRECT)
    for bad, status in ((WRONG, "wrong"), (UNSOLVED, "unsolved")):
        with pytest.raises(KataExpectationError, match=f"00.2 is {status}"):
            sh.check_minus_state(bad)
    out = capsys.readouterr().out
    assert out.count("✅") == 1 and out.count("❌") == 1 and out.count("⏳") == 1   # still printed


def test_strict_unsolved(monkeypatch):
    monkeypatch.setenv("QMLKIT_EXPECT", "unsolved")
    sh.check_minus_state(UNSOLVED)
    for bad, status in ((CORRECT, "correct"), (WRONG, "wrong")):
        with pytest.raises(KataExpectationError, match=f"00.2 is {status}"):
            sh.check_minus_state(bad)


def test_strict_error_is_an_assertion_error(monkeypatch):
    """nbval and pytest report it as a failed expectation."""
    monkeypatch.setenv("QMLKIT_EXPECT", "solved")
    with pytest.raises(AssertionError):
        sh.check_minus_state(WRONG)


@pytest.mark.parametrize("value", ["yes", "correct", "1", "solve"])
def test_strict_invalid_value(monkeypatch, value):
    monkeypatch.setenv("QMLKIT_EXPECT", value)
    with pytest.raises(ValueError) as info:
        sh.check_minus_state(CORRECT)
    assert "'solved'" in str(info.value) and "'unsolved'" in str(info.value)
    assert value in str(info.value)


def test_strict_mode_empty_value_is_off(monkeypatch):
    monkeypatch.setenv("QMLKIT_EXPECT", "")
    sh.check_minus_state(WRONG)         # no raise
    assert _core.expected_status() is None


def test_strict_mode_still_records(monkeypatch):
    monkeypatch.setenv("QMLKIT_EXPECT", "solved")
    with pytest.raises(KataExpectationError):
        sh.check_minus_state(WRONG)
    assert qk.katas.status()["00.2"] == "wrong"


# ---------------------------------------------------------------- a value exercise (kind="value")
@pytest.fixture
def value_exercise():
    saved = dict(REGISTRY)
    ex = Exercise(id="99.1", name="half", title="A value", notebook="99_test",
                  reference=lambda: 0.5, cases=lambda rng: [()], compare=numbers_close(1e-9),
                  normalize=lambda got, args: as_number(got),
                  mistakes=[Mistake("double", lambda: 1.0, "halve it"),
                            Mistake("negative", lambda: -0.5, "mind the sign")],
                  hint="one half", show=show_values, kind="value")
    yield ex
    REGISTRY.clear()
    REGISTRY.update(saved)


def test_value_exercise(value_exercise):
    ex = value_exercise
    assert ex.evaluate(0.5).status == "correct"
    assert ex.evaluate(np.float64(0.5)).status == "correct"
    assert ex.evaluate(...).status == "unsolved"
    r = ex.evaluate(1.0)
    assert r.status == "wrong" and "halve it" in str(r)
    assert "mind the sign" in str(ex.evaluate(-0.5))
    assert "return" in ex.evaluate(None).message


# ---------------------------------------------------------------- formatting
@pytest.mark.parametrize("z, text", [
    (0.70710678, "0.707"), (-1e-12, "0"), (-0.0, "0"), (1.0, "1"), (10, "10"), (100.0, "100"),
    (0.5 - 0.5j, "0.5-0.5j"), (1j, "1j"), (-1j, "-1j"), (0.25 + 1e-9j, "0.25"), (float("nan"), "nan"),
    (-0.3333333, "-0.333"),
])
def test_fmt_number(z, text):
    assert fmt_number(z) == text


def test_ket_wire_zero_is_leftmost():
    n = 4
    for index in range(2 ** n):
        label = ket(index, n)
        bits = label[1:-1]
        assert label[0] == "|" and label[-1] == "⟩"
        assert sum(int(b) << (n - 1 - w) for w, b in enumerate(bits)) == index


def test_result_text_and_symbols():
    r = sh.exercise_bell.evaluate(lambda: np.array([1, 0, 1, 0]) / S2)
    lines = str(r).splitlines()
    assert lines[0] == r.message
    assert all(line.startswith("    ") for line in lines[1:])
    assert _core.SYMBOL == {"correct": "✅", "wrong": "❌", "unsolved": "⏳"}
