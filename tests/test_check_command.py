"""``python -m qmlkit check NOTEBOOK``: runs a notebook as "Run All" would and reports every exercise.

These tests start Jupyter kernels (a few seconds each), so they are few.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from qmlkit.katas import exercises
from qmlkit.katas import start_here as sh

ROOT = Path(__file__).resolve().parent.parent
LEARNER = ROOT / "notebooks" / "00_start_here.ipynb"
SOLVED = ROOT / "solutions" / "00_start_here.ipynb"
IDS_00 = [e.id for e in exercises("00_start_here")]
LINE = re.compile(r"^\s*(✅|❌|⏳) (\d\d\.\d+) ", re.M)


def run_check(paths, tmp_path, **extra_env):
    env = dict(os.environ, QMLKIT_PROGRESS=str(tmp_path / "progress.json"), **extra_env)
    env.pop("QMLKIT_REPORT", None)
    return subprocess.run([sys.executable, "-m", "qmlkit", "check", *map(str, paths)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def verdicts(out: str) -> dict:
    found = {}
    for symbol, ex_id in LINE.findall(out):
        assert ex_id not in found, f"{ex_id} reported twice"
        found[ex_id] = symbol
    return found


def _code_cell(nb, name):
    cells = [c for c in nb.cells if c.cell_type == "code" and re.search(rf"^def {name}\(", c.source, re.M)]
    assert len(cells) == 1, name
    return cells[0]


def test_mixed_notebook(tmp_path):
    """One exercise solved, one wrong, the rest untouched: 1 ✅, 1 ❌ with its hint, 6 ⏳, exit 1."""
    nb = nbformat.read(LEARNER, as_version=4)
    solved = nbformat.read(SOLVED, as_version=4)
    _code_cell(nb, "minus_state").source = _code_cell(solved, "minus_state").source
    _code_cell(nb, "zz_expectation").source = (
        "def zz_expectation(state):\n"
        "    return np.real(state @ np.array([1, -1, -1, 1]))   # amplitudes, not probabilities\n")
    nb.cells.append(nbformat.v4.new_code_cell("from pathlib import Path\nPath('ran_to_end.txt').write_text('yes')"))
    copy = tmp_path / "00_start_here.ipynb"
    nbformat.write(nb, copy)

    # QMLKIT_EXPECT=solved in the caller's environment must not turn the checks into cell errors
    r = run_check([copy], tmp_path, QMLKIT_EXPECT="solved")
    out = r.stdout
    assert r.returncode != 0, out
    got = verdicts(out)
    assert got == {i: {"00.2": "✅", "00.6": "❌"}.get(i, "⏳") for i in IDS_00}, out
    assert out.count("✅") == 1 and out.count("❌") == 1 and out.count("⏳") == len(IDS_00) - 2
    hint = next(m.hint for m in sh.exercise_zz.mistakes if m.name == "amplitudes not squared")
    assert hint in out
    assert "input: state = " in out and "expected" in out
    assert "⚠" not in out and "raised" not in out, out
    assert f"1 solved, 1 wrong, {len(IDS_00) - 2} not yet solved (of {len(IDS_00)})" in out
    # the notebook ran to its end ...
    assert (tmp_path / "ran_to_end.txt").read_text() == "yes"
    # ... and every check recorded its result in the progress file of the environment
    progress = json.loads((tmp_path / "progress.json").read_text())["exercises"]
    assert {k: v["status"] for k, v in progress.items()} == {
        i: {"00.2": "correct", "00.6": "wrong"}.get(i, "unsolved") for i in IDS_00}


def test_solutions_notebook_is_all_solved(tmp_path):
    r = run_check([SOLVED], tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert verdicts(r.stdout) == {i: "✅" for i in IDS_00}
    assert r.stdout.count("✅") == len(IDS_00)
    assert "❌" not in r.stdout and "⏳" not in r.stdout and "⚠" not in r.stdout
    assert f"{len(IDS_00)} solved, 0 wrong, 0 not yet solved" in r.stdout


def test_cell_error_is_reported_and_the_rest_still_runs(tmp_path):
    nb = nbformat.read(LEARNER, as_version=4)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    nb.cells.insert(code[0] + 1, nbformat.v4.new_code_cell("1 / 0"))       # right after the imports
    solved = nbformat.read(SOLVED, as_version=4)
    _code_cell(nb, "shots_for_precision").source = _code_cell(solved, "shots_for_precision").source
    copy = tmp_path / "00_start_here.ipynb"
    nbformat.write(nb, copy)
    r = run_check([copy], tmp_path)
    assert r.returncode != 0
    assert re.search(r"⚠ code cell 2 raised ZeroDivisionError", r.stdout), r.stdout
    # the last exercise, after the error, was still checked
    assert verdicts(r.stdout) == {i: "✅" if i == "00.8" else "⏳" for i in IDS_00}
    assert "1 cell(s) raised an error" in r.stdout


def test_renamed_copy_still_reports_its_checks(tmp_path):
    """A learner's copy saved under another name ("my_work.ipynb") still runs checks: a wrong answer
    in it must not be reported as success (exit 0, "of 0")."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import numpy as np\nimport qmlkit as qk"),
                nbformat.v4.new_code_cell("def minus_state():\n    return np.array([1, 1]) / np.sqrt(2)"),
                nbformat.v4.new_code_cell("qk.katas.start_here.check_minus_state(minus_state)")]
    copy = tmp_path / "my_work.ipynb"
    nbformat.write(nb, copy)
    r = run_check([copy], tmp_path)
    assert r.returncode != 0, r.stdout
    assert verdicts(r.stdout).get("00.2") == "❌", r.stdout


def test_missing_notebook(tmp_path):
    r = run_check([tmp_path / "nope.ipynb"], tmp_path)
    assert r.returncode != 0
    assert "no such notebook" in r.stderr


def test_usage_errors():
    r = subprocess.run([sys.executable, "-m", "qmlkit"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "check" in r.stderr
    r = subprocess.run([sys.executable, "-m", "qmlkit", "check"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2


@pytest.mark.parametrize("name, want", [("00_start_here.ipynb", IDS_00), ("00_my_copy.ipynb", IDS_00),
                                        ("99_unknown.ipynb", []), ("notes.ipynb", [])])
def test_notebook_is_matched_to_its_exercises_by_number(name, want):
    from qmlkit.__main__ import _notebook_exercises
    assert [e.id for e in _notebook_exercises(Path(name))] == want
