"""Headless Chromium for the HTML tests and the HTML benchmark: the Debian packages
``chromium`` and ``chromium-driver``, driven by Selenium with the system driver (nothing
is downloaded), every network feature of the browser off."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver",)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def why_not() -> str | None:
    """Why the browser cannot start here, or None when it can be tried."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    if not any(shutil.which(p) for p in CHROMIUM):
        return "no Chromium (apt-get install chromium chromium-driver)"
    if not any(shutil.which(p) for p in DRIVER):
        return "no chromedriver (apt-get install chromium-driver)"
    return None


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A headless Chromium window ``width`` pixels wide, with its own profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kwmatch-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = next(p for p in CHROMIUM if shutil.which(p))
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=next(p for p in DRIVER if shutil.which(p)))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver: Any, path: str, width: int) -> None:
    """A full-page screenshot ``width`` CSS pixels wide."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": min(int(height), 6000), "deviceScaleFactor": 1, "mobile": False},
    )
    driver.save_screenshot(path)
