"""The HTML pages in a real browser: headless Chromium (the Debian package) loads the
report of an example resume and the page of a small batch; the charts are drawn, the
ranking sorts on a click, the filter hides rows, the console stays clean. Screenshots at
1280 and 390 pixels wide go to a temporary folder and to /tmp/kwmatch-screens/."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kwmatch.cli import app

from .browser import chromium, screenshot, why_not
from .conftest import REPO

SCREENS = Path("/tmp/kwmatch-screens")
WIDTHS = (1280, 390)
EXAMPLES = ("ml_engineer_two_column.pdf", "junior_data_analyst.docx", "sales_manager.txt")

#: CI sets it (.ci/run installs Chromium): there a browser that cannot start is a failure.
REQUIRED = os.environ.get("KWMATCH_REQUIRE_BROWSER") == "1"

pytestmark = pytest.mark.skipif(
    why_not() is not None and not REQUIRED, reason=f"no browser: {why_not()}"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        with chromium() as driver:
            yield driver
    except Exception as exc:  # the driver's own errors: no display, no sandbox...
        if REQUIRED:
            raise
        pytest.skip(f"Chromium did not start: {exc}")


def _save(driver: Any, tmp_path: Path, name: str) -> None:
    SCREENS.mkdir(exist_ok=True)
    for width in WIDTHS:
        path = tmp_path / f"{name}-{width}.png"
        screenshot(driver, str(path), width)
        assert path.stat().st_size > 0
        shutil.copy(path, SCREENS / path.name)


def _errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_the_report_of_an_example_resume(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    resume = REPO / "examples" / "ml_engineer_two_column.pdf"
    result = CliRunner().invoke(app, ["score", str(resume), "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    browser.get(page.as_uri())
    charts = browser.find_elements("css selector", "svg.chart")
    assert len(charts) == 3
    assert all(c.size["width"] > 100 and c.size["height"] > 40 for c in charts)
    # No chart label starts left of its chart's drawing area (a long specialization name
    # used to be cut at the left edge).
    cut = browser.execute_script(
        "return [...document.querySelectorAll('svg.chart text')]"
        ".filter(t => t.getBBox().x < 0).map(t => t.textContent)"
    )
    assert cut == []
    # Nothing is wider than a phone's screen: a long file path wraps.
    browser.set_window_size(390, 900)
    wide = browser.execute_script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not wide
    assert len(browser.find_elements("css selector", "table.gaps tbody tr")) > 5
    assert browser.find_element("css selector", "h1").text
    assert _errors(browser) == []
    _save(browser, tmp_path, "report")


def _ranking(browser: Any, column: int) -> list[str]:
    cells = browser.find_elements("css selector", f"#ranking tbody tr td:nth-child({column})")
    return [c.get_attribute("data-value") for c in cells if c.is_displayed()]


def test_the_page_of_a_small_batch(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "batch.html"
    folder = tmp_path / "applications"
    folder.mkdir()
    for name in EXAMPLES:
        shutil.copy(REPO / "examples" / name, folder / name)
    result = CliRunner().invoke(app, ["batch", str(folder), "--html", str(page), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    browser.get(page.as_uri())
    assert browser.find_element("id", "filters").is_displayed()  # the script ran
    rows = browser.find_elements("css selector", "#ranking tbody tr")
    assert len(rows) >= 3
    # sort by years (column 7), descending then ascending
    browser.find_element("css selector", "#ranking thead th:nth-child(7) button").click()
    years = [float(v or -1) for v in _ranking(browser, 7)]
    assert years == sorted(years, reverse=True)
    browser.find_element("css selector", "#ranking thead th:nth-child(7) button").click()
    assert [float(v or -1) for v in _ranking(browser, 7)] == sorted(years)
    # filter by the first level offered
    from selenium.webdriver.support.ui import Select

    select = Select(browser.find_element("id", "filter-level"))
    level = select.options[1].get_attribute("value")
    select.select_by_value(level)
    rows_now = browser.find_elements("css selector", "#ranking tbody tr")
    shown = [r for r in rows_now if r.is_displayed()]
    assert 0 < len(shown) < len(rows)
    assert {r.get_attribute("data-level") for r in shown} == {level}
    select.select_by_index(0)
    browser.execute_script("window.scrollTo(0, 0)")
    _save(browser, tmp_path, "batch")
    # a row opens the candidate's detail
    browser.find_element("css selector", "#ranking tbody tr a").click()
    assert browser.execute_script("return location.hash").startswith("#candidate-")
    assert _errors(browser) == []
