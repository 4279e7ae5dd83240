"""Remember check results in a small local file, safely when several notebooks run at once.

The progress file (``~/.qmlkit/progress.json``, or ``$QMLKIT_PROGRESS``) maps
exercise ids to their latest status. Every update takes an exclusive lock,
reads, changes and writes a temporary file that atomically replaces the old
one, so concurrent kernels never lose an update or leave half a file.

``$QMLKIT_REPORT``, when set, names a file to which each check also appends one
JSON line; ``python -m qmlkit check`` reads it back.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: atomic replace only
    fcntl = None

PROGRESS_VAR = "QMLKIT_PROGRESS"
REPORT_VAR = "QMLKIT_REPORT"


def progress_path() -> Path:
    return Path(os.environ.get(PROGRESS_VAR) or Path.home() / ".qmlkit" / "progress.json")


@contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(path.suffix + ".lock"), "a") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_UN)


def load(path: Path | None = None) -> dict:
    """Exercise id -> {"status", "time"}; an unreadable file counts as empty."""
    path = path or progress_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ex = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(ex, dict):
        return {}
    return {k: v for k, v in ex.items()
            if isinstance(v, dict) and v.get("status") in ("correct", "wrong", "unsolved")}


def save(exercise_id: str, status: str, message: str = "") -> None:
    """Record one result (never raises: progress is a convenience, not a requirement)."""
    try:
        _append_report(exercise_id, status, message)
        path = progress_path()
        with _locked(path):
            data = load(path)
            data[exercise_id] = {"status": status, "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".progress-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"version": 1, "exercises": data}, fh, indent=1, sort_keys=True)
            os.replace(tmp, path)
    except OSError:
        pass


def _append_report(exercise_id: str, status: str, message: str) -> None:
    report = os.environ.get(REPORT_VAR)
    if not report:
        return
    path = Path(report)
    with _locked(path):
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"exercise": exercise_id, "status": status,
                                 "message": message}, ensure_ascii=False) + "\n")
