"""Headless Chromium for the tests that drive JupyterLab and JupyterHub in a browser (Debian's
chromium and chromium-driver, which CI installs), and their screenshots in test-artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
ARGUMENTS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000")


def start_chromium():
    """A headless Chromium driven by selenium (the caller quits it)."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ARGUMENTS:
        options.add_argument(argument)
    return webdriver.Chrome(service=webdriver.ChromeService(CHROMEDRIVER), options=options)


def save_screenshot(driver, name: str, prefix: str) -> Path:
    """The browser's window as test-artifacts/<prefix>-<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{prefix}-{name}.png"
    driver.save_screenshot(str(path))
    return path
