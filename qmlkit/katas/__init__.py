"""Exercise checks, one module per notebook, on one shared reporting core; and your progress.

In a notebook: ``qk.katas.start_here.check_bell_state(bell_state)`` prints ✅, ❌
(with what went in, what was expected, what came back and a hint) or ⏳.
``qk.katas.progress()`` lists every exercise of the workbook with its latest status.
"""
from __future__ import annotations

from . import barren_plateaus, beyond, circuit_design, data_encoding, start_here, training
from ._core import REGISTRY, SYMBOL, Exercise, KataExpectationError, Mistake, Result
from ._record import load as _load_progress

__all__ = ["start_here", "data_encoding", "circuit_design", "training", "barren_plateaus", "beyond",
           "progress", "status", "exercises", "Exercise", "Mistake", "Result", "KataExpectationError"]

_TITLES = {"00_start_here": "00 Start here", "01_data_encoding": "01 Data encoding",
           "02_circuit_design": "02 Circuit design",
           "03_training": "03 Training", "04_barren_plateaus": "04 Barren plateaus",
           "05_beyond": "05 Beyond"}


def exercises(notebook: str | None = None) -> list:
    """All exercises of the workbook (or of one notebook, by file stem), in order."""
    chosen = [e for e in REGISTRY.values() if notebook is None or e.notebook == notebook]
    return sorted(chosen, key=lambda e: tuple(int(p) for p in e.id.split(".")))


def status() -> dict:
    """``{exercise id: status}`` from the checks run so far: ``"correct"``, ``"wrong"`` or
    ``"unsolved"`` (never checked counts as unsolved)."""
    seen = _load_progress()
    return {e.id: seen.get(e.id, {}).get("status", "unsolved") for e in exercises()}


def progress() -> None:
    """Print which exercises of the workbook are done, from the checks you have run so far."""
    st = status()
    done = sum(s == "correct" for s in st.values())
    print(f"Your progress: {done} of {len(st)} exercises solved")
    for nb in dict.fromkeys(e.notebook for e in exercises()):
        items = exercises(nb)
        n_ok = sum(st[e.id] == "correct" for e in items)
        print(f"  {_TITLES.get(nb, nb):<28} {''.join(SYMBOL[st[e.id]] for e in items)}  {n_ok}/{len(items)}")
        for e in items:
            print(f"      {SYMBOL[st[e.id]]} {e.id} {e.name}: {e.title}")
