"""The workbook in a real browser: JupyterLab serves each solved notebook, headless Chromium runs it.

For every notebook in solutions/: run all cells from the Run menu, wait for the
kernel, then check that no cell shows an error, every exercise shows ✅, every
figure is drawn as an image, and dragging a slider of the notebook's explorer
changes what it shows. A screenshot per notebook goes to
test-artefacts/browser/. Chromium comes from the system (Debian's package);
Playwright never downloads a browser. Without a browser the test is skipped,
except under CI (CI=1), where that is a failure.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

import qmlkit.katas as katas

ROOT = Path(__file__).resolve().parent.parent
SOLVED = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
ARTEFACTS = ROOT / "test-artefacts" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
LAB_SETTINGS = {  # render every cell (no virtual scrolling) and ask no questions
    ("@jupyterlab/notebook-extension", "tracker"): {"windowingMode": "none"},
    ("@jupyterlab/apputils-extension", "notification"): {"fetchNews": "false",
                                                         "checkForUpdates": False},
}


def _browser() -> str | None:
    for candidate in (os.environ.get("QMLKIT_BROWSER"), "chromium", "chromium-browser",
                      "/usr/bin/chromium"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 without a token, serving copies of the solved notebooks."""
    browser = _browser()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (Debian package 'chromium') for the browser test")
        pytest.skip("no Chromium found: install Debian's 'chromium' package to run the browser test")
    root = tmp_path_factory.mktemp("lab")
    for nb in SOLVED:
        shutil.copy(nb, root / nb.name)
    settings = tmp_path_factory.mktemp("settings")
    for (ext, name), value in LAB_SETTINGS.items():
        (settings / ext).mkdir(parents=True, exist_ok=True)
        (settings / ext / f"{name}.jupyterlab-settings").write_text(json.dumps(value))
    port = _free_port()
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"],
               QMLKIT_EXPECT="solved", QMLKIT_PROGRESS=str(root / "progress.json"))
    env.pop("MPLBACKEND", None)
    log = open(root / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--IdentityProvider.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={root}",
         f"--LabApp.user_settings_dir={settings}"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/api/status", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                log.close()
                pytest.fail("JupyterLab did not start:\n" + (root / "lab.log").read_text()[-3000:])
            time.sleep(0.3)
    yield {"url": url, "root": root, "browser": browser}
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=lab["browser"], args=CHROMIUM_ARGS)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def _wait(condition, timeout, what):
    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.25)


def _kernel_idle(page) -> bool:
    return "Idle" in page.locator(".jp-StatusBar-Widget", has_text="ipykernel").first.inner_text()


def _running_cells(page) -> int:
    return page.evaluate("() => [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')]"
                         ".filter(e => e.textContent.includes('*')).length")


def _stored(nb_path: Path) -> dict:
    """What the committed solved notebook says the browser must show."""
    nb = nbformat.read(nb_path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    return {
        "images": sum("image/png" in o.get("data", {}) for o in outputs),
        "widgets": any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs),
        "code_cells": sum(c.cell_type == "code" for c in nb.cells),
    }


@pytest.mark.parametrize("nb_path", SOLVED, ids=[p.stem for p in SOLVED])
def test_notebook_runs_in_the_browser(lab, page, nb_path):
    expected = _stored(nb_path)
    # A fresh workspace per notebook, so JupyterLab does not reopen the previous one beside it.
    page.goto(f"{lab['url']}/lab/workspaces/{nb_path.stem}/tree/{nb_path.name}?reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    _wait(lambda: _kernel_idle(page), 60, "the kernel to start")

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()
    _wait(lambda: _running_cells(page) > 0 or not _kernel_idle(page), 30, "the run to start")
    _wait(lambda: _running_cells(page) == 0 and _kernel_idle(page), 300, "all cells to finish")

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{nb_path.stem}.png"))

    # No cell shows an error, and every code cell ran.
    errors = page.locator(".jp-Notebook .jp-OutputArea-output[data-mime-type="
                          "'application/vnd.jupyter.stderr']", has_text="Traceback")
    assert errors.count() == 0, errors.first.inner_text()[-2000:]
    prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").all_inner_texts()
    unrun = [i for i, t in enumerate(prompts) if not any(ch.isdigit() for ch in t)]
    assert len(prompts) == expected["code_cells"] and not unrun, f"cells not run: {unrun}"

    # Every exercise of this notebook is shown as solved.
    text = page.locator(".jp-Notebook").inner_text()
    for ex in katas.exercises(nb_path.stem):
        assert f"✅ {ex.id} {ex.name}" in text, f"no ✅ line for exercise {ex.id} {ex.name}"

    # Every figure is drawn as an image (the stored notebook says how many).
    images = page.locator(".jp-Notebook .jp-RenderedImage img")
    assert images.count() >= expected["images"] > 0 or expected["images"] == 0
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.naturalWidth > 0"), f"image {i} is empty"

    if expected["widgets"]:
        _drag_a_slider(page, nb_path)


def _drag_a_slider(page, nb_path):
    """Move the first slider of the explorer with the keyboard; what it shows must change."""
    view = page.locator(".jp-Notebook .jupyter-widgets.widget-container").first
    view.scroll_into_view_if_needed()
    handle = view.locator(".widget-slider .noUi-handle").first
    assert handle.count() == 1, "the explorer shows no slider"

    def shown():
        html = view.locator(".widget-html").all_inner_texts()
        imgs = view.locator("img").evaluate_all("els => els.map(e => e.src.length + ':' + e.src.slice(-64))")
        return html, imgs

    before = shown()
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    _wait(lambda: shown() != before, 30, "the explorer to redraw after moving its slider")
    after = shown()
    assert after[0] != before[0] or after[1] != before[1]
    page.screenshot(path=str(ARTEFACTS / f"{nb_path.stem}-slider.png"))
