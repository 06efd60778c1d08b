"""``report.html`` in a real browser: headless Chromium opens the file written by
``sdmig forecast --out``, a screenshot is taken, and the page must have no console errors,
every image loaded, and a headline table whose numbers are those of ``comparison.csv``.

Needs Chromium and its driver from the system packages (Debian: ``apt-get install -y
chromium chromium-driver``) and selenium; skips, saying which is missing, without them.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from sdmig.cli.main import main

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=390,2400",  # a phone's width
)


def _browser_paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip(
            "no Chromium browser and driver installed "
            "(Debian: apt-get install -y chromium chromium-driver)"
        )
    return chromium, driver


@pytest.fixture(scope="module")
def browser():
    chromium, driver_path = _browser_paths()
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="sdmig-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    args = ["forecast", "--members", "12", "--seed", "3", "--end", "2027-12", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--quiet", "--plot", "encounters,difference"])
    assert result.exit_code == 0, result.output
    return out


def _number(text: str) -> float:
    return float(text.replace(",", "").replace("–", "-").replace("−", "-"))


def _rounding(text: str) -> float:
    """Half a unit of the last digit shown."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0**-decimals + 1e-9


@pytest.mark.slow
def test_report_renders_in_chromium(browser, report_dir, tmp_path):
    page = report_dir / "report.html"
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "loads from the network"
    browser.get(page.as_uri())
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    keep = os.environ.get("SDMIG_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)

    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.alt, i.complete, i.naturalWidth]);"
    )
    assert [alt for alt, *_ in images] == ["encounters chart", "difference chart"]
    assert all(done and width > 0 for _alt, done, width in images), images
    # readable at phone width: nothing wider than the screen but the scrolling tables
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth;"
    )

    cells = browser.execute_script(
        """return Array.from(document.querySelectorAll('table.headline [data-stat]')).map(c => {
             const t = c.closest('table'), r = c.closest('tr');
             return [t.dataset.scenario, t.dataset.period, r.dataset.metric, c.dataset.stat,
                     c.textContent.trim()];
           });"""
    )
    csv = pd.read_csv(report_dir / "comparison.csv").set_index(["scenario", "period", "metric"])
    window = csv.xs("window", level="period")
    shown = {(s, m, stat) for s, _p, m, stat, _t in cells}
    expected = {(s, m, "median") for s, m in window.index} | {
        (s, m, stat)
        for (s, m), r in window.iterrows()
        for stat in ("p10", "p90")
        if pd.notna(r["p10"]) and r["p10"] != r["p90"] and not m.startswith("cost")
    }
    assert shown == expected
    for scenario, period, metric, stat, text in cells:
        assert period == "window"
        value = csv.loc[(scenario, period, metric), stat]
        assert abs(_number(text) - value) <= _rounding(text), (scenario, metric, stat, text, value)


def test_report_is_one_file_with_every_section(report_dir):
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    for section in (
        'id="question"',
        'id="headline"',
        'id="benchmarks"',
        'id="plot-encounters"',
        'id="plot-difference"',
        'id="assumptions"',
        'id="provenance"',
        "What this model cannot tell you",
        "data:image/png;base64,",
        "phase 1",
        "seed 3",
    ):
        assert section in html, section
    summary = Path(report_dir / "summary.md").read_text(encoding="utf-8")
    assert "## What this model cannot tell you" in summary
