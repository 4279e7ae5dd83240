"""Test-session set-up: where check results go, and what each notebook folder must show.

Notebooks in ``solutions/`` must show ✅ for every exercise, and the learner's
copies in ``notebooks/`` must run to the end with every exercise ⏳: the
notebook's kernel starts with ``QMLKIT_EXPECT`` set accordingly, which makes
any other status raise. A value you set yourself (to validate your own
notebook) is left alone.
"""
import os
import tempfile

import pytest

_USER_EXPECT = os.environ.get("QMLKIT_EXPECT")


def pytest_configure(config):
    # Keep test runs out of the learner's own progress file.
    os.environ.setdefault("QMLKIT_PROGRESS", os.path.join(tempfile.mkdtemp(), "progress.json"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if _USER_EXPECT is not None:
        return
    if item.path.suffix == ".ipynb":
        os.environ["QMLKIT_EXPECT"] = "solved" if item.path.parent.name == "solutions" else "unsolved"
    else:                                     # no notebook's expectation leaks into other tests
        os.environ.pop("QMLKIT_EXPECT", None)
