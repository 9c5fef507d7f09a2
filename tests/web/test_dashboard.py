"""The dashboard in a real browser (Debian's chromium driven by Playwright): the analyst's
path through map, timeline, table and incident page, and untrusted text staying text."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.store import Store
from sitrep.theatre import load_theatre
from tests.cli_helpers import sitrep

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "samples"
HOSTILE = ("KANDAHAR — Gunmen shot dead two shopkeepers in Kandahar city on Monday, residents said. "
           "A post shared afterwards read <script>window.__pwned = 1</script> and "
           "<img src=x onerror=\"window.__pwned = 2\"> before it was deleted.\n")


def _browser_or_skip():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — browser tests must run in CI")
        pytest.skip(message)
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """A served store (SQLite) of the samples plus a report full of markup; yields its URL."""
    import uvicorn

    from sitrep.api import create_app

    folder = tmp_path_factory.mktemp("dashboard")
    env = {"SITREP_DATABASE_URL": f"sqlite:///{folder / 'sitrep.db'}", "SITREP_DATA_DIR": str(folder / "data")}
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    assert sitrep(env, "run", str(SAMPLES), str(folder / "hostile.txt")).exit_code == 0
    settings = Settings.resolve(env["SITREP_DATABASE_URL"], env["SITREP_DATA_DIR"])
    store = Store.open(settings.database_url)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store, settings, load_theatre()), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/", folder
    server.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture
def page(dashboard):
    api = _browser_or_skip()
    with api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda error: problems.append(str(error)))
        tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        tab.goto(dashboard[0])
        tab.wait_for_selector("#incidents tbody tr")
        yield tab
        assert not problems, problems  # no script error, no CSP violation
        browser.close()


def _rows(page) -> int:
    return page.locator("#incidents tbody tr").count()


def _wait_rows(page, wanted, timeout: float = 15) -> int:
    """Wait until the table's row count satisfies `wanted` (polled from here: the page's
    Content-Security-Policy rightly refuses the string evaluation wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while True:
        count = _rows(page)
        if wanted(count) or time.monotonic() > deadline:
            return count
        page.wait_for_timeout(100)


def test_filter_by_province_and_brush_the_timeline(page):
    everything = _rows(page)
    assert everything == 13
    page.select_option("select[name=province]", "Panjshir")
    page.click("#filters button[type=submit]")
    assert _wait_rows(page, lambda n: n < 13) < 13
    assert {cell.inner_text() for cell in page.locator("#incidents tbody tr td:nth-child(2)").all()} == {"Panjshir"}
    page.click("#clear-filters")
    assert _wait_rows(page, lambda n: n == 13) == 13
    bars = page.locator("#timeline rect[data-week]")
    first = bars.first.bounding_box()
    page.mouse.move(first["x"] + 1, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(first["x"] + first["width"] - 1, first["y"] + first["height"] / 2)
    page.mouse.up()
    assert _wait_rows(page, lambda n: n < 13) < 13
    assert page.input_value("input[name=date_from]") and page.input_value("input[name=date_to]")
    assert "match" in page.inner_text("#summary")


def test_open_a_contested_incident_with_spans_and_both_sides(page):
    page.locator("#incidents tbody tr", has=page.locator(".badge", has_text="contested")).first.click()
    page.wait_for_selector("#incident-status")
    assert page.inner_text("#incident-status") == "contested"
    assert page.locator(".side.denies .claim").count() >= 1
    assert page.locator(".side.asserts .claim").count() >= 1
    assert page.locator(".report-text mark.span").count() >= 3
    assert page.locator("mark[data-fields~='event_type']").count() >= 1


def test_download_the_acled_csv(page, tmp_path):
    with page.expect_download() as download:
        page.click("#export-csv")
    target = tmp_path / "export.csv"
    download.value.save_as(target)
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("event_id_cnty,event_date,year,time_precision,disorder_type")


def test_markup_in_a_report_renders_as_text(page):
    page.fill("input[name=q]", "shopkeepers")
    page.click("#filters button[type=submit]")
    assert _wait_rows(page, lambda n: n == 1) == 1
    page.locator("#incidents tbody tr").first.click()
    page.wait_for_selector(".report-text")
    text = page.inner_text(".report-text")
    assert "<script>window.__pwned = 1</script>" in text and "onerror" in text
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#incident script, #incident img").count() == 0
