"""The agenda editor in Chromium: drag and drop nests an item, the keyboard buttons undo it.

The test works on a meeting of its own (the reference file imported under another symbol), so
the reference meeting other browser tests read stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from planner.auth.services import hash_password
from planner.extensions import db
from planner.models import Body, Meeting, User

pytestmark = pytest.mark.browser

REFERENCE = Path(__file__).resolve().parents[2] / "planner" / "data" / "wg4-2018.yaml"
SYMBOL = "CTOC/COP/WG.4/2019/1"
EMAIL = "dnd-editor@un.org"
PASSWORD = "drag and drop passphrase"
ITEM_2 = "International cooperation in trafficking in persons cases"
ITEM_3 = "Development of the questionnaire"


@pytest.fixture(scope="module")
def meeting_id(live_app: Flask, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    text = REFERENCE.read_text(encoding="utf-8")
    copy = tmp_path_factory.mktemp("dnd") / "wg4-2019.yaml"
    copy.write_text(
        text.replace("symbol: CTOC/COP/WG.4/2018/1 ", f"symbol: {SYMBOL} ").replace(
            "number: 8 ", "number: 9 "
        ),
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


def _row(page: Page, title: str):  # type: ignore[no-untyped-def]
    return page.locator(".item-row", has=page.locator(".title", has_text=title))


def test_drag_an_item_onto_another_then_outdent_it_from_the_keyboard(
    page: Page, live_server: str, meeting_id: str
) -> None:
    _sign_in(page, live_server)
    page.goto(f"{live_server}/manage/meetings/{meeting_id}/agenda")
    expect(_row(page, ITEM_3).locator(".number")).to_have_text("3")

    target = _row(page, ITEM_2)
    box = target.bounding_box()
    assert box is not None
    with page.expect_navigation():
        _row(page, ITEM_3).drag_to(
            target, target_position={"x": box["width"] / 2, "y": box["height"] / 2}
        )
    expect(_row(page, ITEM_3).locator(".number")).to_have_text("2(a)")
    expect(page.locator(".flash-success")).to_contain_text("The item is now item 2(a).")

    outdent = _row(page, ITEM_3).get_by_role("button", name="Outdent")
    outdent.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(_row(page, ITEM_3).locator(".number")).to_have_text("3")
    expect(_row(page, "Other matters").locator(".number")).to_have_text("4")
