#!/usr/bin/env python
"""Build each notebook's two copies from its one source: the learner's (stubs, no outputs) and the solved one.

Sources live in ``source/NN_name.py`` in the "percent" format: ``# %%`` starts
a code cell, ``# %% [markdown]`` a markdown cell whose lines start with ``# ``.
A cell header may carry ``tags=["solution"]`` (only in the solved copy) or
``tags=["learner"]`` (only in the learner's copy); any other tags are kept as
cell tags (e.g. ``nbval-ignore-output``). Inside a code cell,

    # BEGIN SOLUTION        ... lines only in the solved copy ...   # END SOLUTION
    # BEGIN STUB            ... lines only in the learner's copy ... # END STUB

Usage::

    python scripts/build_notebooks.py            # write notebooks/ and solutions/ (runs the solutions)
    python scripts/build_notebooks.py 00         # only the notebooks whose name starts with 00
    python scripts/build_notebooks.py --check    # exit 1 if a committed copy differs from its source

The solved copies are executed with ``QMLKIT_EXPECT=solved``, so a build fails
when a reference solution does not pass its own check.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCE, LEARNER, SOLVED = ROOT / "source", ROOT / "notebooks", ROOT / "solutions"
_HEADER = re.compile(r"^# %%(?P<md> \[markdown\])?(?:\s+tags=(?P<tags>\[.*\]))?\s*$")
_ONLY = {"learner": "learner", "solution": "solution"}


def parse(path: Path) -> list:
    """Cells of a source file as dicts: type, source lines, tags."""
    cells, cur = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if line.startswith("# %%") and not m:
            raise ValueError(f"{path.name}: unrecognised cell header {line!r}; use '# %%', "
                             "'# %% [markdown]', optionally followed by tags=[...]")
        if m:
            cur = {"type": "markdown" if m["md"] else "code", "lines": [],
                   "tags": json.loads(m["tags"]) if m["tags"] else []}
            cells.append(cur)
        elif cur is not None:
            cur["lines"].append(line)
    for c in cells:
        while c["lines"] and not c["lines"][-1].strip():
            c["lines"].pop()
        if c["type"] == "markdown":
            c["lines"] = [re.sub(r"^# ?", "", ln) for ln in c["lines"]]
    return cells


def _select(lines: list, keep: str, drop: str) -> list:
    """Drop the lines between BEGIN/END ``drop`` markers; unwrap the ``keep`` ones."""
    out, skipping = [], False
    for ln in lines:
        s = ln.strip()
        if s == f"# BEGIN {drop}":
            skipping = True
        elif s == f"# END {drop}":
            skipping = False
        elif s not in (f"# BEGIN {keep}", f"# END {keep}") and not skipping:
            out.append(ln)
    return out


def build(cells: list, copy: str, name: str):
    """The ``copy`` ("learner" or "solution") of a notebook, unexecuted."""
    keep, drop = ("STUB", "SOLUTION") if copy == "learner" else ("SOLUTION", "STUB")
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                  "name": "python3"},
                   "language_info": {"name": "python"}}
    for i, c in enumerate(cells):
        only = [t for t in c["tags"] if t in _ONLY]
        if only and only[0] != copy:
            continue
        text = "\n".join(_select(c["lines"], keep, drop))
        new = nbformat.v4.new_markdown_cell if c["type"] == "markdown" else nbformat.v4.new_code_cell
        cell = new(text)
        cell.id = hashlib.sha1(f"{name}:{i}".encode()).hexdigest()[:12]
        tags = [t for t in c["tags"] if t not in _ONLY]
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    return nb


def execute(nb, cwd: Path):
    """Run a notebook top to bottom in a kernel of this interpreter, strict about its checks."""
    from qmlkit.katas._runner import execute_notebook

    progress = Path(tempfile.mkdtemp()) / "progress.json"
    return execute_notebook(nb, cwd, {"QMLKIT_EXPECT": "solved", "QMLKIT_PROGRESS": str(progress)})


def write(nb, path: Path) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def _sources(prefix: str | None) -> list:
    return [p for p in sorted(SOURCE.glob("[0-9][0-9]_*.py")) if not prefix or p.stem.startswith(prefix)]


def drift(path: Path) -> list:
    """Problems with the committed copies of one source (outputs of solved copies are nbval's job)."""
    cells, problems = parse(path), []
    for copy, folder in (("learner", LEARNER), ("solution", SOLVED)):
        target = folder / f"{path.stem}.ipynb"
        if not target.exists():
            problems.append(f"{target.relative_to(ROOT)} is missing")
            continue
        want = build(cells, copy, path.stem)
        have = nbformat.read(target, as_version=4)
        a = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in want.cells]
        b = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in have.cells]
        if a != b:
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            problems.append(f"{target.relative_to(ROOT)} differs from {path.relative_to(ROOT)} "
                            f"(first at cell {first}); run scripts/build_notebooks.py")
        elif copy == "learner" and any(c.get("outputs") or c.get("execution_count")
                                       for c in have.cells if c.cell_type == "code"):
            problems.append(f"{target.relative_to(ROOT)} has outputs; learner copies ship clean")
        elif copy == "solution" and any(c.cell_type == "code" and c.execution_count is None
                                        for c in have.cells):
            problems.append(f"{target.relative_to(ROOT)} has cells that were never run")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("prefix", nargs="?", help="only notebooks whose name starts with this")
    ap.add_argument("--check", action="store_true", help="report drift, write nothing")
    ap.add_argument("--no-execute", action="store_true", help="write the solved copy unexecuted")
    a = ap.parse_args(argv)
    paths = _sources(a.prefix)
    if a.check:
        problems = [p for path in paths for p in drift(path)]
        print("\n".join(problems) or f"{len(paths)} notebook source(s): copies up to date")
        return 1 if problems else 0
    for path in paths:
        cells = parse(path)
        write(build(cells, "learner", path.stem), LEARNER / f"{path.stem}.ipynb")
        solved = build(cells, "solution", path.stem)
        if not a.no_execute:
            print(f"running {path.stem} ...", file=sys.stderr)
            execute(solved, SOLVED)
        write(solved, SOLVED / f"{path.stem}.ipynb")
        print(f"wrote notebooks/{path.stem}.ipynb and solutions/{path.stem}.ipynb", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
