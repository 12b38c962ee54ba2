"""End to end in headless Chromium against a real `counterwatch serve`: search, filters, the map, a fact
page and the review flow, with keyboard use. Screenshots go to tests/web/screenshots/ (ignored by git)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from counterwatch.store.accounts import add_user
from counterwatch.store.database import Database
from tests.web.conftest import PASSWORD, build

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).with_name("screenshots")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
#: Seconds to wait for the server to answer at start: uvicorn starts in about one on this machine.
STARTUP_SECONDS = 30

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db_path = str(tmp_path_factory.mktemp("browser") / "atlas.db")
    db = Database(db_path)
    ids = build(db)
    with db.session() as session:
        add_user(session, "rita", "reviewer", PASSWORD)
    db.close()
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "counterwatch.cli", "serve", "--db", db_path,
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=os.environ | {"PYTHONWARNINGS": "ignore"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            urllib.request.urlopen(base + "/api/stats", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the atlas server did not start")
            time.sleep(0.2)
    yield base, ids
    process.terminate()
    process.wait(timeout=10)


#: Launch attempts: on a loaded 2-core machine Chromium now and then dies while starting (SIGTRAP
#: before its first page); a second start succeeds. A browser that never starts still fails the tests.
LAUNCH_ATTEMPTS = 3


def _launch(playwright):
    from playwright.sync_api import Error

    for attempt in range(1, LAUNCH_ATTEMPTS + 1):
        try:
            return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error:
            if attempt == LAUNCH_ATTEMPTS:
                raise
            time.sleep(2)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = _launch(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
        yield tab
        browser.close()


def test_search_and_filter(server, page):
    base, _ = server
    page.goto(base + "/")
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)
    page.get_by_label("Search facts and documents").fill("人脸识别")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("#total").inner_text() == "1"
    page.goto(base + "/search")
    page.get_by_label("Country (ISO code)").fill("CN")
    page.get_by_label("Target community").fill("uyghurs")
    page.get_by_role("button", name="Apply filters").click()
    assert page.locator("#total").inner_text() == "2"
    page.locator(".facets").get_by_role("link", name="Hikvision").click()
    assert "supplier=Hikvision" in page.url and page.locator("#total").inner_text() == "2"
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)


def test_map_click_through(server, page):
    base, _ = server
    page.goto(base + "/map")
    assert page.locator("svg.worldmap path").count() > 150
    page.locator('a[data-country="KE"]').focus()  # countries are reachable by keyboard
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?country=KE")
    assert page.locator("#total").inner_text() == "1"
    page.goto(base + "/map")
    page.locator("a.marker-link", has=page.locator("title", has_text="Nairobi")).click()
    page.wait_for_url("**/search?country=KE&place=Nairobi")
    assert page.locator("#total").inner_text() == "1"
    page.goto(base + "/map")
    page.screenshot(path=str(SHOTS / "map.png"))


def test_fact_page_is_inert_and_the_review_flow_works(server, page):
    from playwright.sync_api import expect

    base, ids = server
    page.goto(f"{base}/documents/{ids['hostile-page']}")
    assert page.evaluate("window.pwned === undefined")
    assert page.locator(".doctext").inner_text().startswith("<script>")
    page.goto(f"{base}/facts/{ids['urumqi-notice']}")
    assert page.locator("mark").first.inner_text() == "采购大华人脸识别系统"
    page.get_by_role("link", name="Analysts sign in").click()
    page.get_by_label("Name").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{base}/facts/{ids['urumqi-notice']}")
    page.get_by_label("Correct (edit fields below)").check()
    page.get_by_label("year").fill("2021")
    page.get_by_label("Note (required)").fill("The notice is dated 2021.")
    page.get_by_role("button", name="Save review").click()
    expect(page.locator("#review-state")).to_have_text("corrected")  # waits for the reloaded page
    assert "[machine: 2020]" in page.content()
    page.screenshot(path=str(SHOTS / "fact-review.png"), full_page=True)
    assert page.errors == []
