"""Command line: ``python -m qmlkit check NOTEBOOK...`` validates your notebooks' exercises."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .katas import REGISTRY, SYMBOL, exercises


def _notebook_exercises(path: Path) -> list:
    """The workbook's exercises for a notebook file, matched by its number prefix (``00_...``)."""
    m = re.match(r"(\d\d)", path.stem)
    if not m:
        return []
    return [e for e in exercises() if e.notebook.startswith(m.group(1))]


def check(paths) -> int:
    from .katas._runner import run_checks

    failed = False
    for p in map(Path, paths):
        if not p.is_file():
            print(f"{p}: no such notebook", file=sys.stderr)
            failed = True
            continue
        print(f"Checking {p} (running every cell, as Run All would) ...", flush=True)
        results, errors = run_checks(p)
        counts = {"correct": 0, "wrong": 0, "unsolved": 0}
        known = _notebook_exercises(p)       # by the file's number prefix, plus whatever ran
        known += [REGISTRY[i] for i in results if i in REGISTRY and REGISTRY[i] not in known]
        known.sort(key=lambda e: tuple(int(x) for x in e.id.split(".")))
        for e in known:
            status, message = results.get(e.id, ("unsolved", ""))
            counts[status] += 1
            if status == "wrong":
                print("  " + message.replace("\n", "\n  "))
            else:
                print(f"  {SYMBOL[status]} {e.id} {e.name}" + ("" if status == "correct" else ": not yet solved"))
        for cell, err in errors:
            print(f"  ⚠ code cell {cell} raised {err}")
        print(f"{p.name}: {counts['correct']} solved, {counts['wrong']} wrong, "
              f"{counts['unsolved']} not yet solved (of {len(known)})" +
              (f"; {len(errors)} cell(s) raised an error" if errors else ""))
        if not known:
            print(f"{p.name}: no exercise of the workbook was checked in this notebook")
        failed |= not known or counts["correct"] != len(known) or bool(errors)
    return 1 if failed else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qmlkit", description="qmlkit workbook tools")
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="run notebooks and report every exercise: ✅ ❌ ⏳; "
                                      "exit status 0 only when all are solved")
    c.add_argument("notebooks", nargs="+", help="paths of .ipynb files")
    a = ap.parse_args(argv)
    return check(a.notebooks)


if __name__ == "__main__":
    sys.exit(main())
