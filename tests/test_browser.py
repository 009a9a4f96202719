"""The student's view, in a real browser: `nncourse lab` serves JupyterLab with nbgrader's extension,
headless Chromium opens a lesson, runs a cell, and presses nbgrader's Validate.

Screenshots are kept in test-artifacts/ (CI keeps them as artifacts).  The lab runs on a copy of
the course, since Validate saves the notebook first.
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

import pytest
from testkit.browser import CHROMEDRIVER, CHROMIUM, save_screenshot, start_chromium

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
if os.environ.get("NNCOURSE_REQUIRE_BROWSER") and not (CHROMIUM and CHROMEDRIVER):
    raise RuntimeError("NNCOURSE_REQUIRE_BROWSER is set but chromium or chromedriver is missing")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("Debian's chromium and chromium-driver are not installed (CI installs them)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

LESSON, NOTEBOOK = "01_backprop", "backprop.ipynb"
TOKEN = "nncourse-browser-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# What the student sees in each language: the lesson's title, and the stub's message that Validate shows.
LANGUAGES = {
    "en": {"title": "Backpropagation", "stub": "Write your code here", "failed": "The following cell failed"},
    "zh_CN": {"title": "反向传播", "stub": "在这里写你的代码", "failed": "The following cell failed"},
}


@pytest.fixture(scope="module", params=list(LANGUAGES))
def lab(request, tmp_path_factory):
    """`nncourse lab` (with --lang) on a copy of the course, with autosave and news pop-ups off."""
    language = request.param
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    folder = course if language == "en" else course / language
    if language != "en":
        folder.mkdir()
        shutil.copy(ROOT / language / "nbgrader_config.py", folder)
    shutil.copytree(
        (ROOT if language == "en" else ROOT / language) / "notebooks" / LESSON, folder / "notebooks" / LESSON
    )
    settings = tmp_path_factory.mktemp("lab-settings")
    for plugin, values in {
        "docmanager-extension/plugin": {"autosave": False},
        "apputils-extension/notification": {"fetchNews": "false"},
    }.items():
        path = settings / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port = free_port()
    env = {**os.environ, "NNCOURSE_ROOT": str(course), "JUPYTERLAB_SETTINGS_DIR": str(settings)}
    log = open(tmp_path_factory.mktemp("log") / "lab.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nncourse",
            "lab",
            f"--lang={language}",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError as exc:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"JupyterLab did not start: see {log.name}") from exc
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", language
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:  # a kernel that is slow to shut down
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> None:
    save_screenshot(driver, name, "browser")


def run_cell(browser, cell, count: int) -> None:
    """Shift-Enter in ``cell``, then wait for its prompt to show it ran as the kernel's ``count``-th."""
    cell.find_element(By.CSS_SELECTOR, ".jp-InputArea-editor").click()
    webdriver.ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
    WebDriverWait(browser, 120).until(
        lambda d: f"[{count}]" in cell.find_element(By.CSS_SELECTOR, ".jp-InputPrompt").text
    )


def test_a_student_runs_a_cell_and_validates_in_jupyterlab(lab, browser):
    url, language = lab
    expect = LANGUAGES[language]
    browser.get(f"{url}/lab/tree/notebooks/{LESSON}/{NOTEBOOK}?token={TOKEN}")
    WebDriverWait(browser, 120).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell")))
    title = WebDriverWait(browser, 60).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, ".jp-Notebook .jp-MarkdownCell h1"))
    )
    assert expect["title"] in title.text

    # The install cell (for Colab) does nothing where the course is installed; then the setup cell runs.
    install, setup = WebDriverWait(browser, 60).until(
        lambda d: (
            cells[:2] if len(cells := d.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell")) >= 2 else None
        )
    )

    def collapsed():
        return not any(e.is_displayed() for e in install.find_elements(By.CSS_SELECTOR, ".jp-InputArea-editor"))

    assert collapsed(), "the install cell's code should be collapsed for students"
    install.find_element(By.CSS_SELECTOR, ".jp-Placeholder").click()  # selects it (and shows its code)
    webdriver.ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
    WebDriverWait(browser, 120).until(lambda d: "[1]" in install.find_element(By.CSS_SELECTOR, ".jp-InputPrompt").text)
    assert not install.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output"), "the install cell printed something"
    run_cell(browser, setup, 2)
    assert not setup.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output[data-mime-type*=error]"), (
        "the lesson's setup cell failed in the student's kernel"
    )
    screenshot(browser, f"{language}-1-setup-cell-ran")

    validate = browser.find_element(By.CSS_SELECTOR, ".validate-button")  # nbgrader's extension is enabled
    validate.click()
    dialog = WebDriverWait(browser, 300).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".jp-Dialog")))
    WebDriverWait(browser, 60).until(lambda d: "failed" in dialog.text or "Success" in dialog.text)
    screenshot(browser, f"{language}-2-validate")
    text = dialog.text
    # an untouched release: Validate names the first failing test cell and why, and hides nothing it shouldn't
    assert expect["failed"] in text  # nbgrader's own words
    assert "NotImplementedError" in text and expect["stub"] in text
    assert "check_hidden" not in text and "HIDDEN TESTS" not in text
