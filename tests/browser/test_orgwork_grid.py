"""The organization-of-work grid in Chromium: drag an item to another half-day meeting, make the
same move from the keyboard, and the capacity bars follow.

The test works on a meeting of its own: the reference file imported under another symbol, with
item 3 estimated at 150 minutes instead of 270, so that the second day has room and the bars
show it. The reference meeting other browser tests read stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Locator, Page, expect

from planner.auth.services import hash_password
from planner.extensions import db
from planner.models import Body, Meeting, User

pytestmark = pytest.mark.browser

REFERENCE = Path(__file__).resolve().parents[2] / "planner" / "data" / "wg4-2018.yaml"
SYMBOL = "CTOC/COP/WG.4/2020/1"
EMAIL = "grid-editor@un.org"
PASSWORD = "organization of work passphrase"
MORNING_2 = "Day 2, meeting 1"
AFTERNOON_2 = "Day 2, meeting 2"


@pytest.fixture(scope="module")
def meeting_id(live_app: Flask, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    text = REFERENCE.read_text(encoding="utf-8")
    assert text.count("minutes: 270") == 1
    copy = tmp_path_factory.mktemp("grid") / "wg4-2020.yaml"
    copy.write_text(
        text.replace("symbol: CTOC/COP/WG.4/2018/1 ", f"symbol: {SYMBOL} ")
        .replace("number: 8 ", "number: 10 ")
        .replace("minutes: 270", "minutes: 150"),
        encoding="utf-8",
    )
    result = live_app.test_cli_runner().invoke(args=["planner", "import", str(copy)])
    assert result.exit_code == 0, result.output
    with live_app.app_context():
        body = db.session.query(Body).filter_by(symbol="CTOC/COP/WG.4").one()
        db.session.add(
            User(email=EMAIL, role="editor", password_hash=hash_password(PASSWORD), bodies=[body])
        )
        db.session.commit()
        public_id = str(db.session.query(Meeting).filter_by(symbol=SYMBOL).one().public_id)
        db.session.remove()  # no open transaction while the live server writes
    yield public_id
    with live_app.app_context():
        db.session.delete(db.session.query(Meeting).filter_by(symbol=SYMBOL).one())
        db.session.query(User).filter_by(email=EMAIL).delete()
        db.session.commit()
        db.session.remove()


def _sign_in(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/sign-in")
    page.fill('input[name="email"]', EMAIL)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('form:has(input[name="password"]) button[type="submit"]').click()
    page.wait_for_load_state()


def _sitting(page: Page, label: str) -> Locator:
    return page.locator(f'.og-sitting[aria-label^="{label}:"]')


def _bar(page: Page, label: str) -> Locator:
    return _sitting(page, label).locator(".capacity-bar")


def _block(page: Page, label: str, number: str) -> Locator:
    return _sitting(page, label).locator(f'.og-block[data-number="{number}"]')


def test_drag_an_item_to_another_meeting_then_move_it_back_from_the_keyboard(
    page: Page, live_server: str, meeting_id: str
) -> None:
    _sign_in(page, live_server)
    page.goto(f"{live_server}/manage/meetings/{meeting_id}/organization-of-work")
    # The proposal: item 4 (30 minutes) after the end of item 3 on the morning of day 2.
    expect(_block(page, MORNING_2, "4")).to_be_visible()
    expect(_bar(page, MORNING_2)).to_have_attribute("value", "90")
    expect(_bar(page, AFTERNOON_2)).to_have_attribute("value", "150")

    # Drag and drop: item 4 to the afternoon; the grid is fetched again, without a reload.
    page.evaluate("window.notReloaded = true")
    _block(page, MORNING_2, "4").drag_to(_sitting(page, AFTERNOON_2))
    expect(_block(page, AFTERNOON_2, "4")).to_be_visible()
    expect(_block(page, MORNING_2, "4")).to_have_count(0)
    expect(_bar(page, MORNING_2)).to_have_attribute("value", "60")
    expect(_bar(page, AFTERNOON_2)).to_have_attribute("value", "180")
    expect(_sitting(page, AFTERNOON_2)).to_contain_text("180 of 180 minutes used, 0 available")
    expect(page.locator("#orgwork-live")).to_have_text(
        "Item 4 is now taken up in meeting 2 of day 2."
    )
    expect(_block(page, AFTERNOON_2, "4")).to_contain_text("placed by staff")
    assert page.evaluate("window.notReloaded") is True

    # The keyboard: focus the block, Enter picks it up, the arrow key chooses the morning,
    # Enter moves it there.
    _block(page, AFTERNOON_2, "4").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#orgwork-live")).to_contain_text("Move to Day 2, meeting 2")
    page.keyboard.press("ArrowUp")
    expect(_sitting(page, MORNING_2)).to_have_class(re.compile(r"\bkey-target\b"))
    expect(page.locator("#orgwork-live")).to_contain_text("Move to Day 2, meeting 1")
    page.keyboard.press("Enter")
    expect(_block(page, MORNING_2, "4")).to_be_visible()
    expect(_bar(page, MORNING_2)).to_have_attribute("value", "90")
    expect(_bar(page, AFTERNOON_2)).to_have_attribute("value", "150")
    expect(page.locator("#orgwork-live")).to_have_text(
        "Item 4 is now taken up in meeting 1 of day 2."
    )
    # The moved block keeps the focus, so the next move can follow.
    expect(_block(page, MORNING_2, "4")).to_be_focused()


def test_a_stale_move_is_refused_with_the_colleagues_change(
    page: Page, live_server: str, meeting_id: str
) -> None:
    _sign_in(page, live_server)
    url = f"{live_server}/manage/meetings/{meeting_id}/organization-of-work"
    page.goto(url)
    # A colleague (the same account, in another page) moves item 4 first.
    other = page.context.new_page()
    other.goto(url)
    other.locator('.og-sitting .og-block[data-number="4"] details summary').first.click()
    other.locator('.og-block[data-number="4"] select[name="target"]').first.select_option(
        label="Day 1, meeting 2: Monday, 2 July 2018, 3–6 p.m."
    )
    other.locator('.og-block[data-number="4"] button', has_text="Move").first.click()
    other.wait_for_load_state()
    expect(other.locator(".flash-success")).to_contain_text("Item 4 is now taken up")
    # This page still shows the old plan: its move is refused, the change shown.
    _block(page, AFTERNOON_2, "5").drag_to(_sitting(page, MORNING_2))
    alert = page.locator("#orgwork-alert")
    expect(alert).to_contain_text("Someone else changed the agenda or the organization of work")
    expect(alert).to_contain_text(
        f"The latest change: Organization of work: item 4 moved to meeting 2 of day 1 ({EMAIL},"
    )
    # and the grid now shows the colleague's move.
    expect(_block(page, "Day 1, meeting 2", "4")).to_be_visible()
    other.close()
