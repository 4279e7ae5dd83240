"""The Binder (repo2docker) configuration agrees with the pinned environment it builds."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"


def _pins(path: Path) -> dict:
    """name -> version for every ``name==version`` line, following ``-r`` includes."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r"):
            pins.update(_pins((path.parent / line[2:].strip()).resolve()))
        elif "==" in line:
            req = Requirement(line)
            pins[req.name.lower()] = str(next(iter(req.specifier)).version)
    return pins


def _runtime_python() -> Version:
    text = (BINDER / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+\.\d+)", text)
    assert m, f"binder/runtime.txt must read python-X.Y, got {text!r}"
    return Version(m.group(1))


def test_runtime_is_python_311_or_newer():
    assert _runtime_python() >= Version("3.11")


def test_binder_installs_the_pinned_environment_and_the_package():
    lines = [ln.strip() for ln in (BINDER / "requirements.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert "-r ../requirements.txt" in lines, "binder/requirements.txt must include ../requirements.txt"
    top = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    assert "-e ." in top, "requirements.txt must install the package itself (-e .)"
    assert _pins(BINDER / "requirements.txt") == _pins(ROOT / "requirements.txt")
    for name in ("numpy", "matplotlib", "ipywidgets", "jupyterlab", "nbval"):
        assert name in _pins(ROOT / "requirements.txt"), f"{name} is not pinned"


@pytest.mark.parametrize("name,version", sorted(_pins(ROOT / "requirements.txt").items()))
def test_every_pin_accepts_the_binder_python(name, version):
    """Read each pinned distribution's Requires-Python (it is installed in the test environment)."""
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        pytest.fail(f"{name} is pinned but not installed; install requirements.txt")
    assert dist.version == version, f"{name}: installed {dist.version}, pinned {version}"
    requires = dist.metadata.get("Requires-Python")
    if requires:
        assert _runtime_python() in SpecifierSet(requires), \
            f"{name}=={version} requires Python {requires}, Binder runs {_runtime_python()}"


def test_postbuild_is_executable_when_present():
    post = BINDER / "postBuild"
    if post.exists():
        assert post.stat().st_mode & 0o111, "binder/postBuild must be executable"
        assert post.read_text().startswith("#!")
