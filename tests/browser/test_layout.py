"""What delegates see on a phone and with unusual titles, in Chromium: no sideways scroll at
390 px, a header that wraps, a masthead symbol that fits; a 250-character unbroken token that
wraps on the page and in the PDF; a cancelled meeting's banner and marked PDF; the 24-hour
clock in the time inputs.

The app is its own, on its own SQLite file: the reference meeting, and a copy of it a year
later, cancelled, whose second item's title is one long token.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from planner.core.pagetext import cancelled_mark
from tests.browser.conftest import REFERENCE, dispose, make_app, serving

pytestmark = pytest.mark.browser

SYMBOL = "CTOC/COP/WG.4/2018/1"
CANCELLED = "CTOC/COP/WG.4/2019/1"
TOKEN = "Trafficking" + "x" * 239  # 250 characters, no break opportunity
EMAIL = "layout-admin@un.org"
PASSWORD = "a passphrase for the layout"
PHONE = {"width": 390, "height": 844}


def _cancelled_copy(folder: Path) -> Path:
    """The reference meeting a year later, cancelled, with a 250-character token as a title."""
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    meeting = data["meetings"][0]
    meeting.update(
        symbol=CANCELLED, number=9, start="2019-07-01", end="2019-07-02", status="cancelled"
    )
    meeting["agenda"][1]["title"] = {"en": TOKEN, "zh": TOKEN}
    meeting.pop("organization_of_work", None)
    path = folder / "cancelled.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def layout_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder = tmp_path_factory.mktemp("layout")
    app = make_app(folder, reference=True)
    runner = app.test_cli_runner()
    # Published, as a cancelled meeting delegates read is.
    result = runner.invoke(args=["planner", "import", "--publish", str(_cancelled_copy(folder))])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=["planner", "create-user", EMAIL, "--role", "admin"],
        env={"PLANNER_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 0, result.output
    yield app
    dispose(app)


@pytest.fixture(scope="module")
def base(layout_app: Flask) -> Iterator[str]:
    with serving(layout_app) as address:
        yield address


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-US", viewport=PHONE, device_scale_factor=1)
    try:
        yield context.new_page()
    finally:
        context.close()


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/sign-in")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(EMAIL)


def _page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/bodies/CTOC/COP/WG.4",
        f"/meetings/{SYMBOL}",
        f"/meetings/{SYMBOL}?lang=zh",
        f"/meetings/{SYMBOL}?lang=ar",
        f"/meetings/{CANCELLED}",
    ],
)
def test_nothing_scrolls_sideways_at_phone_width(phone: Page, base: str, path: str) -> None:
    response = phone.goto(base + path)
    assert response is not None and response.ok
    assert _page_width(phone) <= PHONE["width"]


def test_the_signed_in_header_wraps_at_phone_width(phone: Page, base: str) -> None:
    _sign_in(phone, base)
    phone.goto(f"{base}/meetings/{SYMBOL}")
    assert _page_width(phone) <= PHONE["width"]
    header = phone.locator("header.site")
    box = header.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    for part in ("a.brand", "form.search", "nav.account", "nav.interface-language"):
        inner = header.locator(part).bounding_box()
        assert inner is not None, part
        assert inner["x"] >= 0 and inner["x"] + inner["width"] <= PHONE["width"], part
    assert box["height"] > 60  # wrapped onto several lines rather than running off


def test_the_masthead_symbol_fits_at_phone_width(phone: Page, base: str) -> None:
    phone.goto(f"{base}/meetings/{SYMBOL}")
    symbol = phone.locator(".masthead-symbol")
    box = symbol.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert symbol.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_token_in_a_title_wraps_on_the_page(browser: Browser, base: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{base}/meetings/{CANCELLED}")
        assert _page_width(page) <= width
        title = page.locator(".agenda-list .title", has_text="Traffickingxxx")
        box = title.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
        assert box["height"] > 30  # on several lines
    finally:
        context.close()


def test_a_long_token_wraps_in_the_pdf_and_every_page_is_marked_cancelled(
    page: Page, base: str, poppler: dict[str, str], tmp_path: Path
) -> None:
    response = page.request.get(f"{base}/meetings/{CANCELLED}/agenda.pdf?lang=en")
    assert response.ok
    pdf = tmp_path / "cancelled.pdf"
    pdf.write_bytes(response.body())
    html = tmp_path / "bbox.html"
    subprocess.run([poppler["pdftotext"], "-bbox", str(pdf), str(html)], check=True)
    text = html.read_text(encoding="utf-8")
    pages = text.split("<page ")[1:]
    assert len(pages) >= 2
    for number, sheet in enumerate(pages, start=1):
        width = float(sheet.split('width="')[1].split('"')[0])
        right_edges = [float(w.split('xMax="')[1].split('"')[0]) for w in sheet.split("<word ")[1:]]
        assert max(right_edges) <= width - 30, f"page {number}: text runs into the margin"
        assert cancelled_mark("en") in sheet, f"page {number} is not marked"
    pieces = [w for w in text.split("<word ")[1:] if "Traffickingx" in w or ">xxxx" in w]
    assert len(pieces) >= 2  # the token was broken over several lines


def test_time_inputs_show_the_24_hour_clock(browser: Browser, base: str) -> None:
    """Chromium in a United States locale would show <input type=time> as "10:00 AM"."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        _sign_in(page, base)
        page.goto(f"{base}/meetings/{SYMBOL}")
        page.get_by_role("link", name="Edit meeting").click()
        start = page.locator("#daily_meetings input[name$='-start']").first
        assert start.get_attribute("type") == "text"
        expect(start).to_have_value("10:00")
        start.fill("14:30")
        expect(start).to_have_value("14:30")
        assert start.evaluate("e => e.checkValidity()")
        start.fill("2:30 PM")
        assert not start.evaluate("e => e.checkValidity()")
    finally:
        context.close()
