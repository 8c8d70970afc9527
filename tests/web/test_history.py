"""The history of meetings: on each meeting's page and per body (deleted meetings included),
with Undo for those who may plan the meeting."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.models import AgendaItem, Body, BodyText, Change, Meeting, TimeSlot
from tests.web.formdata import text_of
from tests.web.helpers import make_user, post_form, request_scoped_client, sign_in
from tests.web.helpers import submit_form as submit

SYMBOL = "CTOC/COP/WG.4/2018/1"
WG4 = "CTOC/COP/WG.4"
EDITOR = "editor@un.org"


@pytest.fixture
def wg4(reference: Session) -> Body:
    body = reference.scalar(select(Body).where(Body.symbol == WG4))
    assert body is not None
    return body


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    make_user(reference, EDITOR, "editor", bodies=[WG4])
    reference.commit()
    assert sign_in(client, EDITOR).status_code == 303
    return client


def edit(client: FlaskClient, meeting: Meeting, changes: dict[str, Any]) -> None:
    response = submit(client, f"/manage/meetings/{meeting.public_id}/edit", changes)
    assert response.status_code == 303


def undo_buttons(page: str) -> list[str]:
    """The addresses the Undo buttons of a page post to, in page order."""
    return re.findall(r'action="(/manage/changes/[0-9]+/undo)"', page)


def ids_of(session: Session, public_id: Any) -> tuple[Any, set[Any], set[Any]]:
    session.expire_all()
    found = session.scalar(select(Meeting).where(Meeting.public_id == public_id))
    assert found is not None
    return (
        found.public_id,
        {i.public_id for i in found.items},
        {s.public_id for s in found.slots},
    )


def test_the_meeting_page_says_in_words_what_changed(editor: FlaskClient, meeting: Meeting) -> None:
    edit(editor, meeting, {"venue-en": "Board Room D"})
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    section = page.split('id="history"')[1]
    text = text_of(section)
    assert EDITOR in text
    assert "Venue (English) changed from “Vienna International Centre” to “Board Room D”." in text
    assert "venue.en" not in text  # no field paths
    # The edit, and the import that created the meeting.
    assert len(undo_buttons(section)) == 2 and "Imported from wg4-2018.yaml" in text


def test_the_history_lists_newest_first_without_counting_down(
    editor: FlaskClient, meeting: Meeting
) -> None:
    edit(editor, meeting, {"venue-en": "Board Room D"})
    edit(editor, meeting, {"status": "confirmed"})
    section = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True).split('id="history"')[1]
    text = text_of(section)
    assert text.index("Status changed from Planned to Confirmed.") < text.index("Board Room D")
    assert "reversed" not in section.split("</section>")[0]


def test_the_history_is_for_those_who_may_plan_the_meeting(
    app: Flask, editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    edit(editor, meeting, {"venue-en": "Board Room D"})
    anonymous = request_scoped_client(app)
    assert 'id="history"' not in anonymous.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    other = Body(symbol="CTOC/COP/WG.6", meeting_word="meeting")
    other.texts["en"] = BodyText(lang="en", name="Working Group on Firearms", short_name="it")
    reference.add(other)
    make_user(reference, "viewer@un.org", "viewer")
    make_user(reference, "other@un.org", "editor", bodies=[other])
    reference.commit()
    for email in ("viewer@un.org", "other@un.org"):
        someone = request_scoped_client(app)
        assert sign_in(someone, email).status_code == 303
        page = someone.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
        assert 'id="history"' not in page and "Board Room D" not in page.split("</article>")[-1]
    wg4 = reference.scalar(select(Body).where(Body.symbol == WG4))
    assert wg4 is not None
    viewer = request_scoped_client(app)
    assert sign_in(viewer, "viewer@un.org").status_code == 303
    assert viewer.get(f"/manage/bodies/{wg4.public_id}/history").status_code == 403


def test_undo_from_the_meeting_page_restores_the_previous_version(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    edit(editor, meeting, {"venue-en": "Board Room D", "start": "2018-07-09", "end": "2018-07-10"})
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    button = undo_buttons(page.split('id="history"')[1])[0]  # the edit; below: the import
    response = post_form(editor, button, {"back": "meeting"}, page=f"/meetings/{SYMBOL}")
    assert response.status_code == 303
    assert response.location.endswith(f"/meetings/{SYMBOL}#history")
    reference.expire_all()
    assert meeting.text("venue")["en"] == "Vienna International Centre"
    assert meeting.start_date.isoformat() == "2018-07-02"
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    assert "was undone" in text_of(page) and "Undone." in text_of(page)


def test_undo_refused_says_why(editor: FlaskClient, meeting: Meeting, reference: Session) -> None:
    edit(editor, meeting, {"venue-en": "Board Room D"})
    edit(editor, meeting, {"status": "confirmed"})
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    older = undo_buttons(page.split('id="history"')[1])[1]  # the venue edit
    response = post_form(editor, older, {"back": "meeting"}, page=f"/meetings/{SYMBOL}")
    assert response.status_code == 303
    page = text_of(editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True))
    assert "Nothing was undone: Only the latest change can be undone whole" in page
    reference.expire_all()
    assert meeting.text("venue")["en"] == "Board Room D"


@pytest.mark.draft  # only a draft can be deleted
def test_a_deleted_meeting_comes_back_from_the_body_history_with_the_same_ids(
    editor: FlaskClient, meeting: Meeting, wg4: Body, reference: Session
) -> None:
    before = ids_of(reference, meeting.public_id)
    public_id = meeting.public_id
    response = submit(editor, f"/manage/meetings/{public_id}/delete", {})
    assert response.status_code == 303
    reference.expire_all()
    assert reference.scalar(select(func.count()).select_from(Meeting)) == 0
    history_url = f"/manage/bodies/{wg4.public_id}/history"
    page = editor.get(history_url).get_data(as_text=True)
    assert "(deleted)" in text_of(page) and "Undo: bring the meeting back" in page
    button = undo_buttons(page)[0]
    response = post_form(editor, button, {"back": "body"}, page=history_url)
    assert response.status_code == 303 and response.location.endswith(history_url)
    assert ids_of(reference, public_id) == before
    assert editor.get(f"/meetings/{SYMBOL}").status_code == 200
    last = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert last is not None and last.action == "undo"


@pytest.mark.draft  # only a draft can be deleted
def test_a_deleted_meeting_is_not_restored_over_one_that_took_its_symbol(
    editor: FlaskClient, meeting: Meeting, wg4: Body, reference: Session
) -> None:
    assert submit(editor, f"/manage/meetings/{meeting.public_id}/delete", {}).status_code == 303
    new = submit(
        editor,
        f"/manage/bodies/{wg4.public_id}/meetings/new",
        {
            "symbol": SYMBOL,
            "number": "8",
            "start": "2018-07-02",
            "end": "2018-07-02",
            "timezone": "Europe/Vienna",
            "city-en": "Vienna",
            "venue-en": "Elsewhere",
            "interpretation_meetings": "0",
        },
    )
    assert new.status_code == 303
    reference.expire_all()
    replacement = reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert replacement is not None
    history_url = f"/manage/bodies/{wg4.public_id}/history"
    page = editor.get(history_url).get_data(as_text=True)
    delete_button = undo_buttons(page)[1]  # [0] undoes the creation of the replacement
    response = post_form(editor, delete_button, {"back": "body"}, page=history_url)
    assert response.status_code == 303
    assert "is now the symbol of another meeting" in text_of(
        editor.get(history_url).get_data(as_text=True)
    )
    reference.expire_all()
    assert reference.scalar(select(func.count()).select_from(Meeting)) == 1
    assert replacement.text("venue") == {"en": "Elsewhere"}


def test_an_editor_of_another_body_cannot_undo(
    app: Flask, editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    edit(editor, meeting, {"venue-en": "Board Room D"})
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    button = undo_buttons(page.split('id="history"')[1])[0]  # the edit; below: the import
    other = Body(symbol="CTOC/COP/WG.6", meeting_word="meeting")
    other.texts["en"] = BodyText(lang="en", name="Working Group on Firearms", short_name="it")
    reference.add(other)
    make_user(reference, "other@un.org", "editor", bodies=[other])
    reference.commit()
    someone = request_scoped_client(app)
    assert sign_in(someone, "other@un.org").status_code == 303
    assert post_form(someone, button, {}, page="/").status_code == 403
    reference.expire_all()
    assert meeting.text("venue")["en"] == "Board Room D"


def test_undo_needs_the_csrf_token_and_a_signed_in_planner(
    app: Flask, editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    edit(editor, meeting, {"venue-en": "Board Room D"})
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    button = undo_buttons(page.split('id="history"')[1])[0]  # the edit; below: the import
    assert editor.post(button, data={}).status_code == 400  # no CSRF token
    anonymous = request_scoped_client(app)
    response = post_form(anonymous, button, {}, page="/sign-in")
    assert response.status_code in (302, 303) and "/sign-in" in response.location
    reference.expire_all()
    assert meeting.text("venue")["en"] == "Board Room D"
    assert reference.scalar(select(func.count()).select_from(TimeSlot)) == 4
    assert reference.scalar(select(func.count()).select_from(AgendaItem)) == 7


def test_the_history_speaks_the_interface_language(editor: FlaskClient, meeting: Meeting) -> None:
    edit(editor, meeting, {"status": "confirmed"})
    editor.set_cookie("ui_lang", "zh", domain="planner.example.org")
    refresh()  # the test's requests share one application context, where the locale is cached
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    text = text_of(page.split('id="history"')[1])
    # Through the catalogs: the values at least are in Chinese (the sentence itself follows
    # once its new entry is translated).
    assert "已计划" in text and "已确认" in text and "Planned" not in text
