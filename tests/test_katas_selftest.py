"""Self-tests of every exercise of the workbook (``qmlkit.katas.exercises()``).

For each exercise: its reference solution passes its own check; every classic
mistake it ships is rejected and explained; harmless variants of a correct
answer (global phase, dtype, list vs array, numpy scalars, 0-d arrays, ...)
are accepted. Parametrized over the registry, so the exercises of future
notebooks are covered automatically; a few per-exercise tests add alternative
correct implementations and further wrong ones.
"""
from __future__ import annotations

import cmath
import copy
import importlib
import math
import re

import numpy as np
import pytest

import qmlkit as qk
from qmlkit.katas import exercises
from qmlkit.katas import start_here as sh
from qmlkit.katas._core import REGISTRY, Exercise

EXERCISES = exercises()
IDS = [e.id for e in EXERCISES]
MISTAKES = [(e, m) for e in EXERCISES for m in e.mistakes]
MISTAKE_IDS = [f"{e.id}-{m.name}" for e, m in MISTAKES]

GENERIC_PROBLEMS = ("differs from the expected one",)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("QMLKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("QMLKIT_EXPECT", raising=False)
    monkeypatch.delenv("QMLKIT_REPORT", raising=False)


# ---------------------------------------------------------------- helpers
def cases_of(ex: Exercise) -> list:
    return ex.cases(np.random.default_rng(ex.seed))


def reference_outputs(ex: Exercise) -> list:
    return [ex.reference(*copy.deepcopy(args)) for args in cases_of(ex)]


def answer(ex: Exercise, fn):
    """What the learner passes to the check: the function, or for a "value" exercise its value."""
    if ex.kind == "function":
        return fn
    cases = cases_of(ex)
    assert len(cases) == 1, "a value exercise is checked on exactly one case"
    return fn(*copy.deepcopy(cases[0]))


def _numeric_outputs(ex: Exercise):
    """The reference's outputs as arrays, or None when they are not arrays of numbers (e.g. a Circuit)."""
    out = []
    for o in reference_outputs(ex):
        try:
            a = np.asarray(o)
        except Exception:
            return None
        if a.dtype == object or not np.issubdtype(a.dtype, np.number):
            return None
        out.append(a)
    return out


def is_state_exercise(ex: Exercise) -> bool:
    """Every reference output is a state vector: 1-D, 2**n amplitudes, norm 1."""
    outs = _numeric_outputs(ex)
    return bool(outs) and all(a.ndim == 1 and a.size >= 2 and a.size & (a.size - 1) == 0
                              and np.isclose(np.linalg.norm(a), 1) for a in outs)


def is_number_exercise(ex: Exercise) -> bool:
    outs = _numeric_outputs(ex)
    return bool(outs) and all(a.ndim == 0 and np.isreal(a) for a in outs)


def is_array_exercise(ex: Exercise) -> bool:
    outs = _numeric_outputs(ex)
    return bool(outs) and not is_state_exercise(ex) and not is_number_exercise(ex)


def is_real_valued(ex: Exercise) -> bool:
    return all(np.all(np.imag(a) == 0) for a in _numeric_outputs(ex))


def is_integer_valued(ex: Exercise) -> bool:
    return all(np.all(np.real(a) == np.round(np.real(a))) for a in _numeric_outputs(ex))


def verdict(ex: Exercise, fn):
    return ex.evaluate(answer(ex, fn))


# ---------------------------------------------------------------- the registry
def test_there_are_exercises():
    assert len(EXERCISES) >= 8
    assert [e.id for e in EXERCISES] == sorted(IDS, key=lambda i: tuple(map(int, i.split("."))))


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_exercise_is_well_formed(ex):
    assert re.fullmatch(r"\d\d\.\d+", ex.id), ex.id
    assert ex.notebook[:2] == ex.id[:2], "the id starts with the notebook's number"
    assert ex.kind in ("function", "value")
    assert ex.title and ex.hint
    assert REGISTRY[ex.id] is ex
    # DESIGN: every exercise ships at least two known-wrong answers, each with a hint
    assert len(ex.mistakes) >= 2
    assert all(m.hint.strip() and m.name.strip() for m in ex.mistakes)
    assert len({m.name for m in ex.mistakes}) == len(ex.mistakes)
    assert len(cases_of(ex)) >= 1


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_check_function_is_exposed_by_the_notebooks_module(ex):
    """``qk.katas.<module>.check_<name>`` (the call the notebook makes) checks this very exercise."""
    module = importlib.import_module(f"qmlkit.katas.{ex.notebook[3:]}")
    check = getattr(module, f"check_{ex.name}")
    assert check == ex.check
    assert f"check_{ex.name}" in module.__all__
    assert getattr(qk.katas, ex.notebook[3:]) is module


def test_no_exercise_was_overwritten_by_a_duplicate_id():
    """Exercise ids are registry keys: a second exercise with the same id would silently replace the first."""
    import pkgutil

    found = []
    for info in pkgutil.iter_modules(qk.katas.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"qmlkit.katas.{info.name}")
        found += [v for v in vars(module).values() if isinstance(v, Exercise)]
    assert sorted(e.id for e in found) == sorted(IDS)
    for e in found:
        assert REGISTRY[e.id] is e
    names = [(e.notebook, e.name) for e in found]
    assert len(set(names)) == len(names)


# ---------------------------------------------------------------- reference and mistakes
@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_reference_is_correct(ex):
    r = verdict(ex, ex.reference)
    assert r.status == "correct", str(r)
    assert r.ok
    assert r.message.startswith("✅ " + ex.id)


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_reference_passes_check_and_is_recorded(ex, capsys):
    assert ex.check(answer(ex, ex.reference)) is None
    out = capsys.readouterr().out
    assert out.startswith(f"✅ {ex.id} {ex.name}")
    assert qk.katas.status()[ex.id] == "correct"


@pytest.mark.parametrize("ex, mistake", MISTAKES, ids=MISTAKE_IDS)
def test_mistake_is_rejected_and_explained(ex, mistake):
    r = verdict(ex, mistake.answer)
    assert r.status == "wrong", str(r)
    text = str(r)
    assert text.startswith(f"❌ {ex.id} {ex.name}: ")
    problem = r.message.split(": ", 1)[1]
    names_problem = not any(g in problem for g in GENERIC_PROBLEMS) and "check itself failed" not in problem
    assert mistake.hint in text or names_problem, text


@pytest.mark.parametrize("ex, mistake", MISTAKES, ids=MISTAKE_IDS)
def test_mistake_gets_its_own_hint(ex, mistake):
    """The documented behaviour: a wrong answer gets "the hint of the known mistake the answer matches".

    An answer that *is* a shipped mistake must therefore be shown that mistake's hint.
    """
    text = str(verdict(ex, mistake.answer))
    assert mistake.hint in text, text


SCALAR_OR_STATE = [e for e in EXERCISES if is_state_exercise(e) or is_number_exercise(e)]


@pytest.mark.parametrize("ex", SCALAR_OR_STATE, ids=[e.id for e in SCALAR_OR_STATE])
def test_wrong_answer_shows_expected_and_got(ex):
    """A wrong answer that matches no known mistake gets details and the exercise's general hint."""
    def wrong(*args):
        out = np.asarray(ex.reference(*args))
        if is_state_exercise(ex):        # an orthogonal-ish but normalised state
            v = np.roll(out, 1) * np.exp(1j * np.arange(out.size))
            v = v + np.eye(out.size)[0] * 0.3
            return v / np.linalg.norm(v)
        return out + (7 if is_integer_valued(ex) else 0.123456)
    r = verdict(ex, wrong)
    assert r.status == "wrong", str(r)
    assert r.details, str(r)
    assert any(d.startswith("hint: ") for d in r.details)


# ---------------------------------------------------------------- harmless variants
def _state_variants(ex):
    phases = {"phase -1": -1, "phase 1j": 1j, "phase e^0.3i": cmath.exp(0.3j)}
    v = {k: (lambda p: lambda *a: p * np.asarray(ex.reference(*a)))(p) for k, p in phases.items()}
    v["python list"] = lambda *a: np.asarray(ex.reference(*a)).tolist()
    v["list of numpy scalars"] = lambda *a: list(np.asarray(ex.reference(*a)))
    v["tuple"] = lambda *a: tuple(np.asarray(ex.reference(*a)).tolist())
    v["complex64"] = lambda *a: np.asarray(ex.reference(*a), dtype=np.complex64)
    v["noise 1e-9"] = lambda *a: np.asarray(ex.reference(*a)) + 1e-9
    if is_real_valued(ex):
        v["float64"] = lambda *a: np.real(np.asarray(ex.reference(*a))).astype(np.float64)
        v["float32"] = lambda *a: np.real(np.asarray(ex.reference(*a))).astype(np.float32)
        v["-float64"] = lambda *a: -np.real(np.asarray(ex.reference(*a)))
    return v


def _number_variants(ex):
    ref = ex.reference

    def re(*a):
        return float(np.real(ref(*a)))
    v = {
        "python float": re,
        "numpy float64": lambda *a: np.float64(re(*a)),
        "0-d array": lambda *a: np.array(re(*a)),
        "1-element list": lambda *a: [re(*a)],
        "1-element array": lambda *a: np.array([re(*a)]),
        "1-element tuple": lambda *a: (re(*a),),
        "complex with zero imaginary part": lambda *a: complex(re(*a)),
        "numpy complex128": lambda *a: np.complex128(re(*a)),
        "noise 1e-12": lambda *a: re(*a) + 1e-12,
    }
    if is_integer_valued(ex):
        v["python int"] = lambda *a: int(round(re(*a)))
        v["numpy int64"] = lambda *a: np.int64(round(re(*a)))
        v["numpy float32 (exact)"] = lambda *a: np.float32(round(re(*a)))
    return v


def _array_variants(ex):
    v = {"python list": lambda *a: np.asarray(ex.reference(*a)).tolist()}
    if all(np.ndim(o) == 1 for o in _numeric_outputs(ex)):
        v["tuple"] = lambda *a: tuple(np.asarray(ex.reference(*a)).tolist())
    return v


def _variants():
    out = []
    for ex in EXERCISES:
        if is_state_exercise(ex):
            out += [(ex, k, f) for k, f in _state_variants(ex).items()]
        elif is_number_exercise(ex):
            out += [(ex, k, f) for k, f in _number_variants(ex).items()]
        elif is_array_exercise(ex):
            out += [(ex, k, f) for k, f in _array_variants(ex).items()]
    return out


VARIANTS = _variants()


def test_every_numeric_exercise_is_covered_by_generic_variants():
    """States, numbers and arrays get generic variants; only answers of another type (e.g. a Circuit) don't."""
    covered = {ex.id for ex, _, _ in VARIANTS}
    assert covered == {e.id for e in EXERCISES if _numeric_outputs(e) is not None}
    assert {"00.1", "00.3", "00.8"} <= covered


@pytest.mark.parametrize("ex, what, fn", VARIANTS, ids=[f"{e.id}-{k}" for e, k, _ in VARIANTS])
def test_harmless_variant_is_accepted(ex, what, fn):
    r = verdict(ex, fn)
    assert r.status == "correct", f"{what}: {r}"


# ---------------------------------------------------------------- per exercise: alternative correct answers
S2 = math.sqrt(2)


def _p_one_reshape(state, wire):
    n = int(np.log2(len(state)))
    p = np.abs(np.asarray(state)) ** 2
    return p.reshape((2,) * n).sum(axis=tuple(w for w in range(n) if w != wire))[1]


def _p_one_loop(state, wire):
    n = int(math.log2(len(state)))
    total = 0.0
    for k, a in enumerate(state):
        if (k >> (n - 1 - wire)) & 1:
            total += abs(a) ** 2
    return total


def _ghz_circuit_chain(n_qubits):
    c = qk.Circuit(n_qubits).h(0)
    for k in range(1, n_qubits):
        c.cnot(k - 1, k)
    return c.states()


def _ghz_apply_gate(n_qubits):
    s = qk.apply_gate(qk.zero_state(n_qubits), "H", 0)
    for k in range(1, n_qubits):
        s = qk.apply_gate(s, "CNOT", [0, k])
    return s


def _shots_loop(expectation, epsilon):
    n = 1
    while math.sqrt((1 - expectation ** 2) / n) > epsilon:
        n += 1
    return n


ALTERNATIVES = [
    ("00.1", "literal list", lambda: [1 / S2, 1 / S2]),
    ("00.1", "H on |0>", lambda: qk.apply_gate(qk.zero_state(1), "H", 0)),
    ("00.1", "integers over sqrt", lambda: np.array([1, 1]) / np.sqrt(2)),
    ("00.2", "global phase -1", lambda: np.array([-1, 1]) / np.sqrt(2)),
    ("00.2", "H X |0>", lambda: qk.apply_gate(qk.apply_gate(qk.zero_state(1), "X", 0), "H", 0)),
    ("00.3", "reshape", _p_one_reshape),
    ("00.3", "python loop", _p_one_loop),
    ("00.3", "qmlkit probabilities", lambda s, w: sum(
        p for k, p in enumerate(qk.probabilities(s)) if format(k, f"0{int(np.log2(len(s)))}b")[w] == "1")),
    ("00.4", "np.kron and a CNOT matrix", lambda: np.array(
        [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]]) @ np.kron([1, 1], [1, 0]) / np.sqrt(2)),
    ("00.4", "circuit", lambda: qk.Circuit(2).h(0).cnot(0, 1).states()),
    ("00.4", "typed amplitudes with phase i", lambda: 1j * np.array([1, 0, 0, 1]) / np.sqrt(2)),
    ("00.5", "CNOT chain", _ghz_circuit_chain),
    ("00.5", "apply_gate fan-out", _ghz_apply_gate),
    ("00.6", "qk.expval", lambda s: qk.expval(s, qk.Z(0) @ qk.Z(1))),
    ("00.6", "vdot with diagonal", lambda s: np.vdot(s, np.diag([1, -1, -1, 1]) @ s)),
    ("00.6", "sum of products", lambda s: sum(abs(a) ** 2 * z for a, z in zip(s, [1, -1, -1, 1]))),
    ("00.7", "python arithmetic", lambda c: (c[0] - c[1] - c[2] + c[3]) / sum(c)),
    ("00.7", "frequencies", lambda c: np.dot(np.asarray(c) / np.sum(c), [1, -1, -1, 1])),
    ("00.8", "numpy ceil returning float", lambda e, eps: max(1.0, np.ceil((1 - e * e) / (eps * eps)))),
    ("00.8", "smallest N by search", _shots_loop),
]


@pytest.mark.parametrize("ex_id, what, fn", ALTERNATIVES, ids=[f"{i}-{w}" for i, w, _ in ALTERNATIVES])
def test_alternative_correct_answer_is_accepted(ex_id, what, fn):
    r = verdict(REGISTRY[ex_id], fn)
    assert r.status == "correct", f"{what}: {r}"


# ---------------------------------------------------------------- per exercise: further wrong answers
FURTHER_WRONG = [
    ("00.1", "|0>", lambda: np.array([1, 0]), "differs"),
    ("00.1", "probabilities instead of amplitudes", lambda: np.array([0.5, 0.5]), "norm"),
    ("00.2", "relative phase i (that is |-i>)", lambda: np.array([1, -1j]) / np.sqrt(2), "differs"),
    ("00.3", "amplitude of index 1", lambda s, w: abs(s[1]) ** 2, "differs"),
    ("00.4", "|Psi+> instead of |Phi+>", lambda: np.array([0, 1, 1, 0]) / np.sqrt(2), "differs"),
    ("00.4", "product |++>", lambda: np.ones(4) / 2, "differs"),
    ("00.5", "uniform superposition", lambda n: np.ones(2 ** n) / np.sqrt(2 ** n), "differs"),
    ("00.5", "fixed size 3", lambda n: sh._ghz(3), "shape"),
    ("00.6", "|amplitude| instead of |amplitude|^2", lambda s: np.abs(s) @ np.array([1, -1, -1, 1]), "differs"),
    ("00.6", "<Z> of wire 1 only", lambda s: (np.abs(s) ** 2) @ np.array([1, -1, 1, -1]), "differs"),
    ("00.7", "counts of |00> only", lambda c: c[0] / np.sum(c), "differs"),
    ("00.8", "no minimum of one shot", lambda e, eps: math.ceil((1 - e * e) / eps ** 2), "differs"),
    ("00.8", "rounded to nearest", lambda e, eps: max(1, round((1 - e * e) / eps ** 2)), "differs"),
    ("00.8", "floor", lambda e, eps: max(1, math.floor((1 - e * e) / eps ** 2)), "differs"),
]


@pytest.mark.parametrize("ex_id, what, fn, word", FURTHER_WRONG, ids=[f"{i}-{w}" for i, w, _, _ in FURTHER_WRONG])
def test_further_wrong_answer_is_rejected(ex_id, what, fn, word):
    r = verdict(REGISTRY[ex_id], fn)
    assert r.status == "wrong", f"{what}: {r}"
    assert word in r.message, str(r)


def test_wrong_state_details_list_kets_with_expected_and_got():
    r = sh.exercise_bell.evaluate(lambda: np.array([0, 1, 1, 0]) / np.sqrt(2))
    text = str(r)
    for k in ("|00⟩", "|01⟩", "|10⟩", "|11⟩"):
        assert k in text            # each basis state with a non-zero amplitude in either
    assert "expected" in text and "yours" in text


def test_wrong_number_details_show_input_expected_and_got():
    r = sh.exercise_p_one.evaluate(lambda state, wire: 0.25)
    text = str(r)
    assert "input: state = " in text and "wire = 0" in text
    assert "expected: 1" in text        # the first case is |1>, wire 0: probability 1
    assert "yours:    0.25" in text


def test_ghz_mistake_for_one_qubit_is_still_caught_on_more_qubits():
    """The n = 1 case cannot tell ``one CNOT short`` apart; the larger cases must."""
    m = next(m for m in sh.exercise_ghz.mistakes if m.name == "one CNOT short")
    assert np.allclose(m.answer(1), sh._ghz(1))
    r = sh.exercise_ghz.evaluate(m.answer)
    assert r.status == "wrong"
    assert "n_qubits = 2" in str(r)
