"""Notebooks come from one source each (``source/NN_*.py``): the builder, drift, and what every notebook must hold."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

import qmlkit as qk
from qmlkit.katas import exercises

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "source").glob("[0-9][0-9]_*.py"))
STEMS = [p.stem for p in SOURCES]
CHECK_CALL = re.compile(r"qk\.katas\.(\w+)\.check_(\w+)\(([^)]*)\)")


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "scripts" / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bn = _load_builder()


def learner(stem):
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def solved(stem):
    return nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)


def test_there_are_sources():
    assert STEMS, "no notebook sources found"
    assert "00_start_here" in STEMS


# ---------------------------------------------------------------- committed copies match their sources
@pytest.mark.parametrize("path", SOURCES, ids=STEMS)
def test_no_drift(path):
    assert bn.drift(path) == []


def test_check_command_of_the_script(capsys):
    assert bn.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_every_notebook_has_a_source():
    for folder in ("notebooks", "solutions"):
        for nb in (ROOT / folder).glob("*.ipynb"):
            assert nb.stem in STEMS, f"{folder}/{nb.name} has no source/{nb.stem}.py"


def test_every_exercise_belongs_to_a_notebook_source():
    """An exercise whose notebook does not exist can never be checked by a learner."""
    orphans = sorted({e.notebook for e in exercises()} - set(STEMS))
    assert orphans == [], f"exercises for notebooks without a source: {orphans}"


# ---------------------------------------------------------------- the builder on a small synthetic source
SYNTHETIC = '''\
intro lines before the first cell are ignored
# %% [markdown]
# # Title
#
# Some *text*, with `code`.
#no space after the hash
#     indented markdown (four spaces kept)

# %%
import math

# %% [markdown] tags=["solution"]
# **Solution explained.** only here

# %% tags=["learner"]
print("learner only")

# %% tags=["nbval-ignore-output", "solution"]
print("solution only")

# %% tags=["nbval-ignore-output"]
x = 1

# %%
def answer():
    """Docstring stays."""
    # BEGIN SOLUTION
    return 42
    # END SOLUTION
    # BEGIN STUB
    return ...
    # END STUB



'''


@pytest.fixture
def synthetic(tmp_path):
    src = tmp_path / "source" / "01_demo.py"
    src.parent.mkdir()
    src.write_text(SYNTHETIC, encoding="utf-8")
    return src


def _cells(nb):
    return [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in nb.cells]


def test_parse(synthetic):
    cells = bn.parse(synthetic)
    assert [c["type"] for c in cells] == ["markdown", "code", "markdown", "code", "code", "code", "code"]
    assert cells[0]["lines"] == ["# Title", "", "Some *text*, with `code`.", "no space after the hash",
                                 "    indented markdown (four spaces kept)"]
    assert cells[3]["tags"] == ["learner"] and cells[4]["tags"] == ["nbval-ignore-output", "solution"]
    assert cells[-1]["lines"][-1] == "    # END STUB"         # trailing blank lines dropped


def test_learner_copy(synthetic):
    nb = bn.build(bn.parse(synthetic), "learner", "01_demo")
    nbformat.validate(nb)
    assert _cells(nb) == [
        ("markdown", "# Title\n\nSome *text*, with `code`.\nno space after the hash\n"
                     "    indented markdown (four spaces kept)", []),
        ("code", "import math", []),
        ("code", 'print("learner only")', []),
        ("code", "x = 1", ["nbval-ignore-output"]),
        ("code", 'def answer():\n    """Docstring stays."""\n    return ...', []),
    ]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_solution_copy(synthetic):
    nb = bn.build(bn.parse(synthetic), "solution", "01_demo")
    nbformat.validate(nb)
    text = nbformat.writes(nb)
    assert "learner only" not in text and "BEGIN" not in text and "END" not in text
    assert _cells(nb)[1:] == [
        ("code", "import math", []),
        ("markdown", "**Solution explained.** only here", []),
        ("code", 'print("solution only")', ["nbval-ignore-output"]),
        ("code", "x = 1", ["nbval-ignore-output"]),
        ("code", 'def answer():\n    """Docstring stays."""\n    return 42', []),
    ]


def test_both_copies_run(synthetic):
    cells = bn.parse(synthetic)
    for copy, want in (("learner", ...), ("solution", 42)):
        ns = {}
        exec(bn.build(cells, copy, "01_demo").cells[-1].source, ns)
        assert ns["answer"]() is want or ns["answer"]() == want


def test_cell_ids_are_deterministic_and_unique(synthetic):
    cells = bn.parse(synthetic)
    a, b = bn.build(cells, "learner", "01_demo"), bn.build(cells, "learner", "01_demo")
    s, t = bn.build(cells, "solution", "01_demo"), bn.build(cells, "solution", "01_demo")
    assert [c.id for c in a.cells] == [c.id for c in b.cells]
    assert [c.id for c in s.cells] == [c.id for c in t.cells]
    for nb in (a, s):
        ids = [c.id for c in nb.cells]
        assert len(set(ids)) == len(ids)
        assert all(re.fullmatch(r"[a-f0-9]{12}", i) for i in ids)
    # a cell present in both copies has the same id in both (diffs between the copies stay readable)
    shared = {c.source: c.id for c in a.cells} .items() & {c.source: c.id for c in s.cells}.items()
    assert {src for src, _ in shared} >= {"import math", "x = 1"}
    # another notebook's cells get other ids
    other = bn.build(cells, "learner", "02_other")
    assert not {c.id for c in other.cells} & {c.id for c in a.cells}


@pytest.fixture
def demo_repo(tmp_path, synthetic, monkeypatch):
    """A fake repository root with the synthetic source and its two copies, as the builder would write them."""
    monkeypatch.setattr(bn, "ROOT", tmp_path)
    monkeypatch.setattr(bn, "SOURCE", tmp_path / "source")
    monkeypatch.setattr(bn, "LEARNER", tmp_path / "notebooks")
    monkeypatch.setattr(bn, "SOLVED", tmp_path / "solutions")
    cells = bn.parse(synthetic)
    bn.write(bn.build(cells, "learner", "01_demo"), tmp_path / "notebooks" / "01_demo.ipynb")
    sol = bn.build(cells, "solution", "01_demo")
    for k, c in enumerate(c for c in sol.cells if c.cell_type == "code"):
        c.execution_count = k + 1              # as if executed
    bn.write(sol, tmp_path / "solutions" / "01_demo.ipynb")
    return tmp_path


def test_fresh_copies_have_no_drift(demo_repo, synthetic, capsys):
    assert bn.drift(synthetic) == []
    assert bn.main(["--check"]) == 0


def _edit(path, fn):
    nb = nbformat.read(path, as_version=4)
    fn(nb)
    nbformat.write(nb, path)


def test_learner_copy_with_outputs_is_drift(demo_repo, synthetic, capsys):
    def run_it(nb):
        cell = next(c for c in nb.cells if c.source == "x = 1")
        cell.execution_count = 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    _edit(demo_repo / "notebooks" / "01_demo.ipynb", run_it)
    problems = bn.drift(synthetic)
    assert len(problems) == 1 and "notebooks/01_demo.ipynb has outputs" in problems[0]
    assert bn.main(["--check"]) == 1


def test_edited_copy_is_drift(demo_repo, synthetic):
    def edit(nb):
        nb.cells[1].source = "import math  # edited by hand"
    _edit(demo_repo / "solutions" / "01_demo.ipynb", edit)
    problems = bn.drift(synthetic)
    assert len(problems) == 1 and "solutions/01_demo.ipynb differs" in problems[0] and "cell 1" in problems[0]


def test_changed_tags_are_drift(demo_repo, synthetic):
    def untag(nb):
        next(c for c in nb.cells if c.source == "x = 1").metadata.pop("tags")
    _edit(demo_repo / "notebooks" / "01_demo.ipynb", untag)
    assert any("differs" in p for p in bn.drift(synthetic))


def test_unexecuted_solution_is_drift(demo_repo, synthetic):
    def clear(nb):
        nb.cells[1].execution_count = None
    _edit(demo_repo / "solutions" / "01_demo.ipynb", clear)
    assert any("never run" in p for p in bn.drift(synthetic))


def test_missing_copy_is_drift(demo_repo, synthetic):
    (demo_repo / "notebooks" / "01_demo.ipynb").unlink()
    assert bn.drift(synthetic) == ["notebooks/01_demo.ipynb is missing"]


# ---------------------------------------------------------------- what every notebook must hold
@pytest.mark.parametrize("stem", STEMS)
def test_learner_notebook_has_no_outputs(stem):
    for c in learner(stem).cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None, c.source[:60]


@pytest.mark.parametrize("stem", STEMS)
def test_solved_notebook_ran_top_to_bottom_without_errors(stem):
    code = [c for c in solved(stem).cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts
    assert counts == list(range(1, len(code) + 1)), "executed once, in order, in one fresh kernel"
    for c in code:
        assert not any(o.output_type == "error" for o in c.outputs), c.source[:60]


@pytest.mark.parametrize("stem", STEMS)
def test_solved_notebook_shows_every_check_correct(stem):
    shown = {}
    for c in solved(stem).cells:
        if c.cell_type == "code" and CHECK_CALL.search(c.source):
            text = "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream")
            for ex_id in re.findall(r"^✅ (\d\d\.\d+) ", text, re.M):
                shown[ex_id] = True
            assert "❌" not in text and "⏳" not in text
    assert sorted(shown) == sorted(e.id for e in exercises(stem))


def _check_calls(nb):
    return [m for c in nb.cells if c.cell_type == "code" for m in CHECK_CALL.finditer(c.source)]


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("copy", ["learner", "solution"])
def test_checks_called_exist_and_cover_the_notebook(stem, copy):
    nb = learner(stem) if copy == "learner" else solved(stem)
    calls = _check_calls(nb)
    names = []
    for m in calls:
        module_name, name, arg = m.groups()
        module = getattr(qk.katas, module_name)
        check = getattr(module, f"check_{name}", None)
        assert check is not None, f"qk.katas.{module_name}.check_{name} does not exist"
        ex = next(e for e in exercises() if e.check == check)
        assert ex.notebook == stem, f"check_{name} belongs to notebook {ex.notebook}"
        assert arg.strip() == name, f"check_{name}({arg}) should be passed `{name}`"
        names.append(name)
    assert len(names) == len(set(names)), "an exercise is checked twice"
    assert sorted(names) == sorted(e.name for e in exercises(stem))


def _exercise_blocks(nb):
    """exercise id -> (index of its heading cell, the heading cell)."""
    out = {}
    for i, c in enumerate(nb.cells):
        if c.cell_type == "markdown":
            m = re.search(r"^#+ Exercise (\d\d\.\d+)\b", c.source, re.M)
            if m:
                assert m.group(1) not in out, f"two headings for exercise {m.group(1)}"
                out[m.group(1)] = (i, c)
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_every_exercise_has_input_goal_stub_and_check_in_order(stem):
    nb, sol = learner(stem), solved(stem)
    blocks, sol_blocks = _exercise_blocks(nb), _exercise_blocks(sol)
    assert sorted(blocks) == sorted(e.id for e in exercises(stem))
    for e in exercises(stem):
        i, heading = blocks[e.id]
        assert "**Input" in heading.source and "**Goal" in heading.source, e.id
        later = nb.cells[i + 1:]
        d = next(k for k, c in enumerate(later) if c.cell_type == "code")
        assert re.search(rf"^def {e.name}\(", later[d].source, re.M), f"{e.id}: the code cell after the heading"
        stub = later[d].source
        assert re.search(r"return \.\.\.|raise NotImplementedError", stub), f"{e.id}: the stub"
        nxt = next(c for c in later[d + 1:] if c.cell_type == "code")
        assert f"check_{e.name}({e.name})" in nxt.source, f"{e.id}: the check follows the stub"
        # the solved copy explains the solution (an extra markdown cell) before showing it
        j, _ = sol_blocks[e.id]
        sol_later = sol.cells[j + 1:]
        sd = next(k for k, c in enumerate(sol_later) if c.cell_type == "code")
        assert sum(c.cell_type == "markdown" for c in sol_later[:sd]) > d, f"{e.id}: no explanation"
        assert not re.search(r"return \.\.\.", sol_later[sd].source), f"{e.id}: solution still a stub"


@pytest.mark.parametrize("stem", STEMS)
def test_exercise_order_in_notebook_follows_ids(stem):
    order = sorted(_exercise_blocks(learner(stem)).items(), key=lambda kv: kv[1][0])
    assert [k for k, _ in order] == [e.id for e in exercises(stem)]
