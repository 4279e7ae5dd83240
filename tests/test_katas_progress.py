"""The progress file (``$QMLKIT_PROGRESS``), ``status()``/``progress()``, and the ``$QMLKIT_REPORT`` lines.

Every test points QMLKIT_PROGRESS at its own tmp_path.
"""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

import qmlkit as qk
from qmlkit.katas import _record, exercises, status
from qmlkit.katas import start_here as sh

S2 = math.sqrt(2)
ALL_IDS = [e.id for e in exercises()]


@pytest.fixture
def progress_file(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "progress.json"        # the folder does not exist yet
    monkeypatch.setenv("QMLKIT_PROGRESS", str(path))
    monkeypatch.delenv("QMLKIT_EXPECT", raising=False)
    monkeypatch.delenv("QMLKIT_REPORT", raising=False)
    return path


def _read(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data["exercises"], dict)
    return data["exercises"]


def test_progress_path_follows_the_environment(progress_file, monkeypatch):
    assert _record.progress_path() == progress_file
    monkeypatch.delenv("QMLKIT_PROGRESS")
    assert _record.progress_path() == type(progress_file).home() / ".qmlkit" / "progress.json"


def test_nothing_checked_means_all_unsolved(progress_file):
    assert not progress_file.exists()
    assert status() == {i: "unsolved" for i in ALL_IDS}


def test_checks_are_recorded_and_read_back(progress_file, capsys):
    sh.check_plus_state(lambda: np.array([1, 1]) / S2)
    sh.check_minus_state(lambda: np.array([1, 1]) / S2)          # wrong
    sh.check_bell_state(lambda: ...)                              # unsolved
    sh.check_zz_expectation(lambda s: float(np.abs(s) ** 2 @ [1, -1, -1, 1]))
    capsys.readouterr()
    st = status()
    assert st["00.1"] == "correct" and st["00.6"] == "correct"
    assert st["00.2"] == "wrong" and st["00.4"] == "unsolved"
    assert set(st) == set(ALL_IDS)
    assert [k for k, v in st.items() if v != "unsolved"] == ["00.1", "00.2", "00.6"]
    on_disk = _read(progress_file)
    assert {k: v["status"] for k, v in on_disk.items()} == {"00.1": "correct", "00.2": "wrong",
                                                            "00.4": "unsolved", "00.6": "correct"}
    for v in on_disk.values():
        time.strptime(v["time"], "%Y-%m-%dT%H:%M:%S")


def test_latest_result_wins(progress_file, capsys):
    sh.check_minus_state(lambda: np.array([1, -1]) / S2)
    assert status()["00.2"] == "correct"
    sh.check_minus_state(lambda: np.array([1, 1]) / S2)
    assert status()["00.2"] == "wrong"
    sh.check_minus_state(lambda: np.array([-1, 1]) / S2)
    assert status()["00.2"] == "correct"


def test_progress_prints_counts_and_symbols(progress_file, capsys):
    sh.check_plus_state(lambda: np.array([1, 1]) / S2)
    sh.check_ghz_state(lambda n: np.ones(2 ** n) / np.sqrt(2 ** n))      # wrong
    capsys.readouterr()
    qk.katas.progress()
    out = capsys.readouterr().out
    assert f"1 of {len(ALL_IDS)} exercises solved" in out
    lines = out.splitlines()
    for e in exercises():
        want = {"00.1": "✅", "00.5": "❌"}.get(e.id, "⏳")
        line = next(ln for ln in lines if re.search(rf"\s{re.escape(e.id)} {e.name}:", ln))
        assert line.strip().startswith(want), line
        assert e.title in line
    n_nb = len({e.notebook for e in exercises()})
    summary = [ln for ln in lines if re.search(r"\d+/\d+$", ln.strip())]
    assert len(summary) == n_nb
    first = next(ln for ln in summary if "00" in ln)
    n00 = len(exercises("00_start_here"))
    assert first.strip().endswith(f"1/{n00}")
    symbols = "".join({"00.1": "✅", "00.5": "❌"}.get(e.id, "⏳") for e in exercises("00_start_here"))
    assert symbols in first


@pytest.mark.parametrize("content", [
    b"", b"{", b'{"version": 1, "exercises": {"00.1": {"status": "corr', b"\x00\xff\xfe not json",
    b"[]", b"null", b'"a string"',
    b'{"exercises": [1, 2]}', b'{"exercises": 5}',
    b'{"exercises": {"00.1": "correct"}}', b'{"exercises": {"00.1": null}}',
    b'{"exercises": {"00.1": {"status": "done"}}}',
], ids=["empty", "open brace", "truncated", "binary", "list", "null", "string",
        "exercises list", "exercises int", "entry str", "entry null", "unknown status"])
def test_corrupt_progress_file_is_treated_as_empty_and_rewritten(progress_file, capsys, content):
    progress_file.parent.mkdir(parents=True)
    progress_file.write_bytes(content)
    assert status() == {i: "unsolved" for i in ALL_IDS}
    qk.katas.progress()                                          # does not raise
    sh.check_minus_state(lambda: np.array([1, -1]) / S2)         # does not raise
    assert status()["00.2"] == "correct"
    rewritten = _read(progress_file)                             # valid again
    assert rewritten["00.2"]["status"] == "correct"
    for entry in rewritten.values():
        assert isinstance(entry, dict) and entry.get("status") in ("correct", "wrong", "unsolved")


def test_unwritable_progress_location_does_not_stop_the_check(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    monkeypatch.setenv("QMLKIT_PROGRESS", str(blocker / "progress.json"))   # parent is a file
    monkeypatch.delenv("QMLKIT_EXPECT", raising=False)
    monkeypatch.delenv("QMLKIT_REPORT", raising=False)
    sh.check_minus_state(lambda: np.array([1, -1]) / S2)
    assert capsys.readouterr().out.startswith("✅ 00.2")
    assert status()["00.2"] == "unsolved"


def test_no_temporary_files_are_left_behind(progress_file, capsys):
    for _ in range(5):
        sh.check_plus_state(lambda: np.array([1, 1]) / S2)
    names = sorted(p.name for p in progress_file.parent.iterdir())
    assert names == ["progress.json", "progress.json.lock"]


def test_report_lines(progress_file, tmp_path, monkeypatch, capsys):
    report = tmp_path / "report.jsonl"
    monkeypatch.setenv("QMLKIT_REPORT", str(report))
    sh.check_plus_state(lambda: np.array([1, 1]) / S2)
    sh.check_zz_expectation(lambda s: "x")
    sh.check_bell_state(lambda: ...)
    printed = capsys.readouterr().out
    recs = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [(r["exercise"], r["status"]) for r in recs] == [("00.1", "correct"), ("00.6", "wrong"),
                                                            ("00.4", "unsolved")]
    assert "".join(r["message"] + "\n" for r in recs) == printed     # the same text the learner saw


# ---------------------------------------------------------------- several kernels at once
_WORKER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from qmlkit.katas import _record
    worker, n, go = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    deadline = time.time() + 30
    while not go.exists() and time.time() < deadline:
        time.sleep(0.001)
    for i in range(n):
        _record.save(f"{worker}.{i}", ("correct", "wrong", "unsolved")[i % 3], "msg")
""")


def test_concurrent_writers_lose_no_update(tmp_path):
    """Several processes record many exercises into one file at the same time: nothing is lost."""
    path = tmp_path / "progress.json"
    go = tmp_path / "go"
    script = tmp_path / "worker.py"
    script.write_text(_WORKER)
    env = dict(os.environ, QMLKIT_PROGRESS=str(path))
    env.pop("QMLKIT_REPORT", None)
    n_workers, n_each = 6, 60
    procs = [subprocess.Popen([sys.executable, str(script), str(w), str(n_each), str(go)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for w in range(n_workers)]
    time.sleep(1.0)                  # let every worker import and wait at the start line
    go.touch()
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err.decode()
    data = _read(path)
    want = {f"{w}.{i}": ("correct", "wrong", "unsolved")[i % 3] for w in range(n_workers) for i in range(n_each)}
    assert {k: v["status"] for k, v in data.items()} == want
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".progress-")]
    assert leftovers == []


def test_concurrent_writers_and_readers(tmp_path, monkeypatch):
    """A reader never sees a half-written file while writers are busy (atomic replace)."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv("QMLKIT_PROGRESS", str(path))
    go = tmp_path / "go"
    script = tmp_path / "worker.py"
    script.write_text(_WORKER)
    env = dict(os.environ, QMLKIT_PROGRESS=str(path))
    env.pop("QMLKIT_REPORT", None)
    _record.save("seed.0", "correct")
    procs = [subprocess.Popen([sys.executable, str(script), str(w), "80", str(go)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for w in range(3)]
    time.sleep(1.0)
    go.touch()
    reads = 0
    while any(p.poll() is None for p in procs):
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)                 # never a partial file
        assert data["exercises"]["seed.0"]["status"] == "correct"
        reads += 1
    for p in procs:
        assert p.wait(timeout=60) == 0
    assert reads > 0
    assert len(_record.load()) == 1 + 3 * 80
