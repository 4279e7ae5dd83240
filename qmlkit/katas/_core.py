"""The reporting core shared by every exercise check: run learner code safely, compare, explain, record.

An `Exercise` knows its reference solution, the inputs it is checked on, how to
compare an answer with the reference, and the classic mistakes a learner makes
(each a known-wrong implementation with a hint). ``exercise.check(answer)``
prints one of three lines and never raises for the learner:

* ✅ correct;
* ❌ wrong, with the input, the expected and the actual answer, and a hint
  (the hint of the known mistake the answer matches, if any);
* ⏳ not yet solved (the stub still returns ``...`` or raises NotImplementedError).

Strict mode: with the environment variable ``QMLKIT_EXPECT=solved`` (or
``unsolved``) a check raises `KataExpectationError` when its status is not the
expected one, so nbval turns a wrong notebook into a failing test.
"""
from __future__ import annotations

import copy
import dataclasses
import inspect
import math
import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from . import _record

SYMBOL = {"correct": "✅", "wrong": "❌", "unsolved": "⏳"}
EXPECT_VAR = "QMLKIT_EXPECT"
TIME_LIMIT_S = 5.0

REGISTRY: dict = {}          # exercise id -> Exercise, in definition order


class KataExpectationError(AssertionError):
    """Raised in strict mode when a check's status is not the expected one."""


class AnswerError(Exception):
    """The answer has the wrong type, shape or values; the message says what was expected."""


class _TimeLimit(BaseException):
    """Raised inside learner code that runs too long (BaseException: `except Exception` won't hide it)."""


@dataclass
class Mistake:
    """A classic wrong answer: an implementation of it, and the hint that addresses it."""

    name: str
    answer: Callable
    hint: str


@dataclass
class Result:
    """What a check found: status, the line to show, and details for a wrong answer."""

    exercise: str
    status: str
    message: str
    details: list = field(default_factory=list)

    def __str__(self):
        return "\n".join([self.message] + ["    " + d for d in self.details])

    @property
    def ok(self) -> bool:
        return self.status == "correct"


@dataclass
class Exercise:
    """One auto-checked exercise.

    Attributes
    ----------
    id : str
        ``"NN.k"``: notebook number and exercise number, e.g. ``"00.3"``.
    name : str
        The name of the learner's function (or value).
    title : str
    notebook : str
        Stem of the notebook file it lives in, e.g. ``"00_start_here"``.
    reference : callable
        The reference solution.
    cases : callable
        ``rng -> list of argument tuples`` (fixed seed; include edge cases).
    compare : callable
        ``(got, expected) -> None`` if they agree, else a short description.
    normalize : callable
        ``(answer, args) -> array or value``; raises `AnswerError` for a wrong type or shape.
    mistakes : list of Mistake
    hint : str
        Shown for a wrong answer that matches no known mistake.
    show : callable
        ``(args, expected, got) -> list of lines`` for a wrong answer.
    kind : {"function", "value"}
        A function the check calls, or a value the learner computed.
    """

    id: str
    name: str
    title: str
    notebook: str
    reference: Callable
    cases: Callable
    compare: Callable
    normalize: Callable
    mistakes: list
    hint: str
    show: Callable
    kind: str = "function"
    seed: int = 2024

    def __post_init__(self):
        if self.id in REGISTRY and REGISTRY[self.id].name != self.name:
            raise ValueError(f"exercise id {self.id} is taken by {REGISTRY[self.id].name!r}")
        REGISTRY[self.id] = self

    # ------------------------------------------------------------------ public
    def check(self, answer) -> None:
        """Check the learner's answer, print the verdict, record it; raise only in strict mode."""
        result = self.evaluate(answer)
        print(result)
        _record.save(self.id, result.status, str(result))
        _enforce(result)

    def evaluate(self, answer) -> Result:
        """The verdict, without printing or recording (the self-tests use this)."""
        try:
            return self._evaluate(answer)
        except Exception as exc:  # a bug in the checker must not stop "Run All"
            return self._result("wrong", f"the check itself failed ({type(exc).__name__}: {exc}); "
                                "please report this")

    # ------------------------------------------------------------------ internals
    def _result(self, status, text, details=()):
        head = f"{SYMBOL[status]} {self.id} {self.name}: {text}"
        return Result(self.id, status, head, list(details))

    def _evaluate(self, answer) -> Result:
        if answer is ... or answer is NotImplemented:
            return self._unsolved()
        if self.kind == "function" and not callable(answer):
            return self._result("wrong", f"pass your function itself, as check_{self.name}({self.name}), "
                                f"not its result (got a {type(answer).__name__})")
        rng = np.random.default_rng(self.seed)
        for args in self.cases(rng):
            verdict = self._one_case(answer, args)
            if verdict is not None:
                return verdict
        return self._result("correct", "correct!")

    def _unsolved(self):
        return self._result("unsolved", f"not yet solved: complete `{self.name}` and run this cell again")

    def _one_case(self, answer, args):
        """None if the answer is right on ``args``, else the Result to report."""
        expected = self.reference(*copy.deepcopy(args))
        shown = _format_args(args, self.reference)
        if self.kind == "value":
            got = answer
        else:
            frozen = copy.deepcopy(args)
            try:
                with _time_limit(TIME_LIMIT_S):
                    got = answer(*args)
            except NotImplementedError:
                return self._unsolved()
            except _TimeLimit:
                return self._result("wrong", f"your function ran longer than {TIME_LIMIT_S:g} s on "
                                    f"input {shown}; look for a loop that never ends",
                                    [f"input: {shown}"])
            except (Exception, SystemExit) as exc:
                return self._result("wrong", f"your function raised {type(exc).__name__}: {exc}",
                                    [f"input: {shown}", "read the error above: which line raised it, "
                                     "and with what values?"])
            if not _same(args, frozen):
                return self._result("wrong", "your function changed its input; work on a copy "
                                    "instead (e.g. `x = np.array(x, copy=True)` first)", [f"input: {shown}"])
            if got is ... or got is NotImplemented:
                return self._unsolved()
        if got is None:
            return self._result("wrong", "got None: did you forget `return`?", [f"input: {shown}"])
        try:
            got_n = self.normalize(got, args)
        except AnswerError as exc:
            return self._result("wrong", str(exc), [f"input: {shown}"] if args else [])
        problem = self.compare(got_n, expected)
        if problem is None:
            return None
        details = ([f"input: {shown}"] if args else []) + self.show(args, expected, got_n)
        details.append("hint: " + self._diagnose(got_n, args))
        return self._result("wrong", problem, details)

    def _diagnose(self, got, args) -> str:
        """The hint of the first known mistake that reproduces the learner's answer."""
        for m in self.mistakes:
            try:
                wrong = self.normalize(m.answer(*copy.deepcopy(args)), args)
                # compare() may reject both for the same reason (e.g. an unnormalised state),
                # so plain closeness also identifies the mistake.
                if self.compare(got, wrong) is None or _close(got, wrong):
                    return m.hint
            except Exception:
                continue
        return self.hint


def _close(a, b, atol: float = 1e-6) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=atol))


# ---------------------------------------------------------------------- strict mode
def expected_status():
    """The status strict mode demands (``"correct"`` or ``"unsolved"``), or None when off."""
    value = os.environ.get(EXPECT_VAR, "").strip().lower()
    if not value:
        return None
    if value not in ("solved", "unsolved"):
        raise ValueError(f"{EXPECT_VAR} must be 'solved' or 'unsolved', got {value!r}")
    return "correct" if value == "solved" else "unsolved"


def _enforce(result: Result) -> None:
    want = expected_status()
    if want is not None and result.status != want:
        raise KataExpectationError(f"{EXPECT_VAR}={os.environ[EXPECT_VAR]} but exercise "
                                   f"{result.exercise} is {result.status}: {result.message}")


# ---------------------------------------------------------------------- running learner code
@contextmanager
def _time_limit(seconds: float):
    """Interrupt the block after ``seconds`` (main thread on POSIX; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def handler(signum, frame):
        raise _TimeLimit()

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _same(a, b) -> bool:
    """Deep equality that treats arrays (and NaNs in them) sensibly."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if type(a) is type(b) and dataclasses.is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if type(a) is type(b) and type(a).__eq__ is object.__eq__ and hasattr(a, "__dict__"):
        # Plain objects such as a Circuit: compare their public state (caches start with "_").
        public = [{k: v for k, v in vars(o).items() if not k.startswith("_")} for o in (a, b)]
        return _same(*public)
    try:
        return bool(a == b)
    except Exception:
        return True


# ---------------------------------------------------------------------- formatting
def fmt_number(z, digits: int = 3) -> str:
    """A number rounded for display; ``-0`` shows as ``0``; complex only when needed.

    >>> fmt_number(0.70710678), fmt_number(-1e-12), fmt_number(0.5 - 0.5j)
    ('0.707', '0', '0.5-0.5j')
    """
    z = complex(z)
    re, im = round(z.real, digits) + 0.0, round(z.imag, digits) + 0.0
    if math.isnan(re) or math.isnan(im):
        return "nan"
    r = f"{re:.{digits}f}".rstrip("0").rstrip(".")
    if im == 0:
        return r
    i = f"{abs(im):.{digits}f}".rstrip("0").rstrip(".")
    return (f"{r}{'-' if im < 0 else '+'}{i}j") if re != 0 else f"{'-' if im < 0 else ''}{i}j"


def _format_args(args, fn=None) -> str:
    """``name = value`` pairs, named after the reference solution's parameters."""
    if not args:
        return "(none)"
    try:
        names = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        names = []
    if len(names) != len(args):
        return ", ".join(_short(a) for a in args)
    return ", ".join(f"{k} = {_short(a)}" for k, a in zip(names, args))


def _short(a) -> str:
    if isinstance(a, np.ndarray):
        flat = a.ravel()
        body = ", ".join(_num(v) for v in flat[:8]) + (", …" if flat.size > 8 else "")
        return f"array([{body}]) of shape {a.shape}" if a.ndim > 1 else f"[{body}]"
    if isinstance(a, (float, np.floating)):
        return _num(a)
    if isinstance(a, dict):
        items = list(a.items())
        return "{" + ", ".join(f"{k!r}: {v!r}" for k, v in items[:6]) + (", …" if len(items) > 6 else "") + "}"
    return repr(a)


def _num(v) -> str:
    """Three decimals, or three significant digits for small real values (1e-5 must not read 0).

    >>> _num(0.123456), _num(2.5e-5), _num(0.0)
    ('0.123', '2.5e-05', '0')
    """
    z = complex(v)
    if z.imag == 0 and 0 < abs(z.real) < 1e-3:
        return f"{z.real:.3g}"
    return fmt_number(z)


def ket(index: int, n_qubits: int) -> str:
    """``|0101⟩`` for basis index 5 of 4 qubits (wire 0 is the leftmost bit).

    >>> ket(5, 4)
    '|0101⟩'
    """
    return "|" + format(index, f"0{n_qubits}b") + "⟩"


def show_states(args, expected, got) -> list:
    """Expected and actual amplitudes side by side, one basis state per line."""
    n = int(np.log2(len(expected)))
    rows = [f"{'':{n + 3}}  {'expected':>14}  {'yours':>14}"]
    for i, (e, g) in enumerate(zip(expected, got)):
        if abs(e) > 1e-9 or abs(g) > 1e-9:
            rows.append(f"{ket(i, n)}  {fmt_number(e):>14}  {fmt_number(g):>14}")
    if len(rows) == 1:
        rows.append("(all amplitudes are 0)")
    return rows


def show_values(args, expected, got) -> list:
    """Expected and actual value; scalars get more digits until they visibly differ."""
    if np.ndim(expected) or np.ndim(got):
        return [f"expected: {_short(np.asarray(expected))}", f"yours:    {_short(np.asarray(got))}"]
    digits = 3
    while fmt_number(expected, digits) == fmt_number(got, digits) and digits < 15:
        digits += 3
    return [f"expected: {fmt_number(expected, digits)}", f"yours:    {fmt_number(got, digits)}"]


# ---------------------------------------------------------------------- normalizing answers
def as_array(got, shape, what: str = "your answer", complex_ok: bool = True) -> np.ndarray:
    """A list, tuple or array of numbers as a float/complex array of ``shape`` (or AnswerError)."""
    try:
        arr = np.asarray(got)
    except Exception:
        raise AnswerError(f"{what} should be an array of numbers, got {type(got).__name__}") from None
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
        raise AnswerError(f"{what} should contain numbers, got {type(got).__name__} "
                          f"of {arr.dtype}")
    if arr.shape != tuple(shape):
        raise AnswerError(f"{what} should have shape {tuple(shape)}, got shape {arr.shape}")
    arr = arr.astype(complex if complex_ok else float) if (complex_ok or arr.dtype.kind != "c") else arr
    if arr.dtype.kind == "c" and not complex_ok:
        if np.abs(arr.imag).max(initial=0) > 1e-9:
            raise AnswerError(f"{what} should be real, got complex numbers")
        arr = arr.real
    if not np.all(np.isfinite(arr)):
        raise AnswerError(f"{what} contains NaN or infinity")
    return arr


def as_number(got, what: str = "your answer") -> float:
    """A real number (int, float, 0-d array or 1-element array) or AnswerError."""
    try:
        shape = np.shape(got)
    except Exception:
        raise AnswerError(f"{what} should be one number, got a ragged {type(got).__name__}") from None
    arr = as_array(got, shape, what, complex_ok=True)
    if arr.size != 1:
        raise AnswerError(f"{what} should be one number, got an array of shape {arr.shape}")
    z = complex(arr.ravel()[0])
    if abs(z.imag) > 1e-9:
        raise AnswerError(f"{what} should be a real number, got {fmt_number(z)}")
    return z.real


# ---------------------------------------------------------------------- comparing
def states_equal_up_to_phase(atol: float = 1e-6):
    """Compare two state vectors after removing the global phase (Cirq's match_global_phase idea)."""
    def compare(got, expected):
        norm = float(np.linalg.norm(got))
        if abs(norm - 1) > atol:
            return f"your state has norm {fmt_number(norm)}, but a quantum state has norm 1"
        overlap = np.vdot(expected, got)
        phase = overlap / abs(overlap) if abs(overlap) > 1e-12 else 1.0
        if np.abs(got / phase - expected).max() > atol:
            return "your state differs from the expected one (even up to a global phase)"
        return None
    return compare


def numbers_close(atol: float = 1e-6):
    """Compare numbers or arrays of numbers within ``atol``."""
    def compare(got, expected):
        if np.shape(got) != np.shape(expected):
            return f"expected shape {np.shape(expected)}, got {np.shape(got)}"
        if np.abs(np.asarray(got) - np.asarray(expected)).max(initial=0) > atol:
            return "your value differs from the expected one"
        return None
    return compare
