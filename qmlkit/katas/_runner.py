"""Run a notebook top to bottom in a kernel of this very interpreter, and read back its checks.

Used by ``python -m qmlkit check`` (a learner validating a notebook) and by the
script that builds the solved notebooks.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

THIS_PYTHON = "qmlkit-this-python"


def _kernel_manager_class():
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import KernelManager

    class ThisPython(KernelSpecManager):
        """Resolves THIS_PYTHON to ``sys.executable``, whatever kernels are installed."""

        def get_kernel_spec(self, kernel_name):
            if kernel_name == THIS_PYTHON:
                return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f",
                                        "{connection_file}"],
                                  display_name="Python (qmlkit)", language="python")
            return super().get_kernel_spec(kernel_name)

    class Manager(KernelManager):
        def __init__(self, **kw):
            kw.setdefault("kernel_spec_manager", ThisPython())
            super().__init__(**kw)

        def start_kernel(self, **kw):
            kw.setdefault("stderr", subprocess.DEVNULL)     # the kernel's own start-up chatter
            return super().start_kernel(**kw)

    return Manager


@contextmanager
def _environ(changes: dict):
    old = {k: os.environ.get(k) for k in changes}
    for k, v in changes.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def execute_notebook(nb, cwd, env: dict | None = None, allow_errors: bool = False, timeout: int = 600):
    """Execute ``nb`` (an nbformat notebook) in place; ``env`` entries set (or, with None, unset)."""
    from nbclient import NotebookClient

    with _environ(dict(env or {}, MPLBACKEND=None)):
        NotebookClient(nb, kernel_name=THIS_PYTHON, timeout=timeout, allow_errors=allow_errors,
                       kernel_manager_class=_kernel_manager_class(),
                       resources={"metadata": {"path": str(cwd)}}).execute()
    nb.metadata.pop("widgets", None)     # saved widget state: widgets re-render when the cell runs
    return nb


def run_checks(path) -> tuple:
    """Run a notebook as "Run All" would; return (check results, cell errors).

    Results map exercise id to (status, message), the last check of each
    exercise winning; errors list ``(cell number, "Name: message")`` for cells that
    raised outside a check.
    """
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.jsonl"
        execute_notebook(nb, path.parent, {"QMLKIT_REPORT": str(report), "QMLKIT_EXPECT": None},
                         allow_errors=True)
        lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
    results = {}
    for line in lines:
        rec = json.loads(line)
        results[rec["exercise"]] = (rec["status"], rec["message"])
    errors = []
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                errors.append((i + 1, f"{out.ename}: {out.evalue}"))
    return results, errors
