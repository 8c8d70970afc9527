"""The organization-of-work page: the proposal per day and half-day meeting with its capacity
and problems; moving an item fixes it, pins shape the proposal, and returning to the proposal
restores the reference annex."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from planner.core.agenda import number_agenda
from planner.core.checks import check_meeting, describe
from planner.core.document import build
from planner.documents.render import agenda_json
from planner.history.service import history
from planner.models import AgendaItem, Body, Change, Meeting, OrgWorkEntry
from planner.models.base import utcnow
from planner.schedule.services import orgwork_revision
from planner.services.snapshot import meeting_data
from tests.web.helpers import csrf_token_in, make_user, post_form, sign_in

SYMBOL = "CTOC/COP/WG.4/2018/1"
EDITOR = "editor@un.org"
#: The annexed organization of work of the reference document: (date, start, item numbers).
ANNEX = [
    ("2018-07-02", "10:00", ["1(a)", "1(b)", "2"]),
    ("2018-07-02", "15:00", ["2", "3"]),
    ("2018-07-03", "10:00", ["3"]),
    ("2018-07-03", "15:00", ["4", "5"]),
]


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    make_user(reference, EDITOR, "editor", bodies=["CTOC/COP/WG.4"])
    reference.commit()  # kept when a refused change rolls the request back
    assert sign_in(client, EDITOR).status_code == 303
    return client


def page_url(meeting: Meeting) -> str:
    return f"/manage/meetings/{meeting.public_id}/organization-of-work"


def rendered(session: Session, meeting: Meeting) -> list[tuple[str, str, list[str]]]:
    """The organization of work as the rendered JSON agenda shows it."""
    session.expire_all()
    data = meeting_data(meeting)
    org = agenda_json(build(data, "en"), data, {})["organization_of_work"]
    return [(s["date"], s["start"], [i["number"] for i in s["items"]]) for s in org]


def item_at(session: Session, meeting: Meeting, number: str) -> AgendaItem:
    session.expire_all()
    wanted = next(
        n.item.public_id for n in number_agenda(meeting_data(meeting).agenda) if n.number == number
    )
    item = session.scalar(select(AgendaItem).where(AgendaItem.public_id == wanted))
    assert item is not None
    return item


def slot_id(meeting: Meeting, day: int, half: int) -> str:
    data = meeting_data(meeting)
    return str(
        next(s.public_id for s in data.active_slots if (s.day_index, s.index_in_day) == (day, half))
    )


def fixed_entries(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OrgWorkEntry)) or 0


def changes(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Change)) or 0


def move(
    client: FlaskClient,
    meeting: Meeting,
    number: str,
    source: tuple[int, int],
    target: tuple[int, int],
    revision: str | None = None,
) -> TestResponse:
    session = _session(meeting)
    item = item_at(session, meeting, number)
    return post_form(
        client,
        f"{page_url(meeting)}/move",
        {
            "item": str(item.public_id),
            "source": slot_id(meeting, *source),
            "target": slot_id(meeting, *target),
            "revision": revision or orgwork_revision(meeting),
        },
        page=page_url(meeting),
    )


def pin(client: FlaskClient, meeting: Meeting, number: str, value: str) -> TestResponse:
    item = item_at(_session(meeting), meeting, number)
    return post_form(
        client,
        f"{page_url(meeting)}/pin",
        {"item": str(item.public_id), "pin": value, "revision": orgwork_revision(meeting)},
        page=page_url(meeting),
    )


def _session(meeting: Meeting) -> Session:
    from sqlalchemy.orm import object_session

    session = object_session(meeting)
    assert session is not None
    return session


def _text(html: str) -> str:
    """The page's text, tags removed and white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- The page ----------------------------------------------------------------------------------


def test_the_page_shows_the_proposal_per_day_and_meeting_with_capacity(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert rendered(reference, meeting) == ANNEX
    response = editor.get(page_url(meeting))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = _text(html)
    assert "This is planner's proposal" in text
    assert "Day 1: Monday, 2 July" in text and "Day 2: Tuesday, 3 July" in text
    assert "Meeting 1, 10 a.m.–1 p.m." in text and "Meeting 2, 3–6 p.m." in text
    assert text.count("180 of 180 minutes used, 0 available") == 4
    assert "1(b) Adoption of the agenda and organization of work 20" in text
    assert "2 International cooperation" in text and "(continued)" in text
    # every problem of the meeting, in the interface language
    for problem in check_meeting(meeting_data(meeting), utcnow().date()):
        assert describe(problem, "en").replace("'", "&#39;") in html
    # each entry can be moved to any half-day meeting
    assert html.count('name="target"') == 8
    assert html.count('<option value="' + slot_id(meeting, 2, 2) + '"') == 8


def test_problems_follow_the_interface_language(editor: FlaskClient, meeting: Meeting) -> None:
    editor.set_cookie("ui_lang", "zh", domain="planner.example.org")
    refresh()  # the test's requests share one application context, where the locale is cached
    html = editor.get(page_url(meeting)).get_data(as_text=True)
    problems = check_meeting(meeting_data(meeting), utcnow().date())
    assert problems
    for problem in problems:
        assert describe(problem, "zh") in html


# --- Moving an item fixes the organization of work ---------------------------------------------


def test_moving_an_item_fixes_the_organization_of_work(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert fixed_entries(reference) == 0
    response = move(editor, meeting, "4", (2, 2), (2, 1))
    assert response.status_code == 302
    assert fixed_entries(reference) == 8
    assert rendered(reference, meeting) == [
        ("2018-07-02", "10:00", ["1(a)", "1(b)", "2"]),
        ("2018-07-02", "15:00", ["2", "3"]),
        ("2018-07-03", "10:00", ["3", "4"]),
        ("2018-07-03", "15:00", ["5"]),
    ]
    assert history(reference, meeting.public_id)[0].summary == (
        "Organization of work: item 4 moved to meeting 1 of day 2"
    )
    text = _text(editor.get(page_url(meeting)).get_data(as_text=True))
    assert "Item 4 is now taken up in meeting 1 of day 2." in text
    assert "The organization of work is now fixed" in text
    assert "This organization of work is fixed" in text and "Return to the proposal" in text
    # the fixed organization of work shares an item's time among its meetings: a capacity
    # problem shows at once
    data = meeting_data(meeting)
    over = [p for p in check_meeting(data, utcnow().date()) if p.code == "sitting_over_capacity"]
    assert over
    for problem in over:
        assert describe(problem, "en") in text


def test_deleting_an_item_removes_it_from_the_fixed_organization_of_work(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    from planner.agenda.services import agenda_revision

    assert move(editor, meeting, "4", (2, 2), (2, 1)).status_code == 302
    item = item_at(reference, meeting, "4")
    response = post_form(
        editor,
        f"/manage/meetings/{meeting.public_id}/agenda/items/{item.public_id}/delete",
        {"revision": agenda_revision(meeting)},
    )
    assert response.status_code == 302
    assert fixed_entries(reference) == 7
    assert rendered(reference, meeting)[2:] == [
        ("2018-07-03", "10:00", ["3"]),
        ("2018-07-03", "15:00", ["4"]),  # the adoption of the report, now item 4
    ]


def test_a_second_move_changes_the_fixed_organization_of_work(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert move(editor, meeting, "4", (2, 2), (2, 1)).status_code == 302
    assert move(editor, meeting, "1(b)", (1, 1), (1, 2)).status_code == 302
    assert rendered(reference, meeting) == [
        ("2018-07-02", "10:00", ["1(a)", "2"]),
        ("2018-07-02", "15:00", ["1(b)", "2", "3"]),
        ("2018-07-03", "10:00", ["3", "4"]),
        ("2018-07-03", "15:00", ["5"]),
    ]
    assert fixed_entries(reference) == 8


def test_moving_into_a_meeting_that_already_takes_the_item_up_merges(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert move(editor, meeting, "2", (1, 2), (1, 1)).status_code == 302
    assert rendered(reference, meeting)[:2] == [
        ("2018-07-02", "10:00", ["1(a)", "1(b)", "2"]),
        ("2018-07-02", "15:00", ["3"]),
    ]


def test_return_to_the_proposal_restores_the_reference_annex(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert move(editor, meeting, "4", (2, 2), (2, 1)).status_code == 302
    assert rendered(reference, meeting) != ANNEX
    response = post_form(
        editor,
        f"{page_url(meeting)}/proposal",
        {"revision": orgwork_revision(meeting)},
        page=page_url(meeting),
    )
    assert response.status_code == 302
    assert fixed_entries(reference) == 0
    assert rendered(reference, meeting) == ANNEX
    assert history(reference, meeting.public_id)[0].summary == (
        "Organization of work: returned to the proposal"
    )
    assert "This is planner's proposal" in _text(editor.get(page_url(meeting)).get_data(True))


def test_a_move_on_a_changed_organization_of_work_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    before = changes(reference)
    response = move(editor, meeting, "4", (2, 2), (2, 1), revision="stale")
    assert response.status_code == 302
    assert fixed_entries(reference) == 0 and changes(reference) == before
    assert "Someone else changed the agenda or the organization of work" in _text(
        editor.get(page_url(meeting)).get_data(as_text=True)
    )


def test_a_move_from_a_meeting_that_does_not_take_the_item_up_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert move(editor, meeting, "5", (1, 1), (1, 2)).status_code == 302
    assert fixed_entries(reference) == 0 and rendered(reference, meeting) == ANNEX
    assert "That half-day meeting does not take up this item." in _text(
        editor.get(page_url(meeting)).get_data(as_text=True)
    )


# --- Pins --------------------------------------------------------------------------------------


def test_pinning_an_item_reshapes_the_proposal_and_shows_what_does_not_fit(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert pin(editor, meeting, "3", "2-1").status_code == 302
    item = item_at(reference, meeting, "3")
    assert (item.pin_day, item.pin_meeting) == (2, 1)
    assert fixed_entries(reference) == 0
    assert rendered(reference, meeting) == [
        ("2018-07-02", "10:00", ["1(a)", "1(b)", "2"]),
        ("2018-07-02", "15:00", ["2"]),
        ("2018-07-03", "10:00", ["3"]),
        ("2018-07-03", "15:00", ["3", "5"]),
    ]
    text = _text(editor.get(page_url(meeting)).get_data(as_text=True))
    assert "Item 3 is pinned to meeting 1 of day 2." in text
    assert "Items that do not fit" in text
    assert "Item 3 does not fit: 60 minutes cannot be placed" in text
    assert "Item 4 does not fit: 30 minutes cannot be placed" in text
    assert "90 of 180 minutes used, 90 available" in text
    assert history(reference, meeting.public_id)[0].summary == (
        "Agenda item 3 pinned to meeting 1 of day 2"
    )
    assert pin(editor, meeting, "3", "").status_code == 302
    assert item_at(reference, meeting, "3").pin_day is None
    assert rendered(reference, meeting) == ANNEX


@pytest.mark.parametrize("value", ["3-1", "1-3", "soon"])
def test_a_pin_to_a_meeting_that_is_not_held_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session, value: str
) -> None:
    before = changes(reference)
    assert pin(editor, meeting, "3", value).status_code == 302
    assert item_at(reference, meeting, "3").pin_day is None and changes(reference) == before


# --- Who may change it -------------------------------------------------------------------------


def _attempts(meeting: Meeting) -> list[tuple[str, dict[str, Any]]]:
    session = _session(meeting)
    item = item_at(session, meeting, "4")
    revision = orgwork_revision(meeting)
    return [
        (
            f"{page_url(meeting)}/move",
            {
                "item": str(item.public_id),
                "source": slot_id(meeting, 2, 2),
                "target": slot_id(meeting, 2, 1),
                "revision": revision,
            },
        ),
        (
            f"{page_url(meeting)}/pin",
            {"item": str(item.public_id), "pin": "1-1", "revision": revision},
        ),
        (f"{page_url(meeting)}/proposal", {"revision": revision}),
    ]


def test_anonymous_visitors_change_nothing(
    client: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = client.get(page_url(meeting))
    assert response.status_code in (302, 303) and "/sign-in" in response.headers["Location"]
    token = csrf_token_in(client.get("/sign-in").get_data(as_text=True))
    before = changes(reference)
    for path, data in _attempts(meeting):
        answer = client.post(
            path,
            data={**data, "csrf_token": token},
            headers={"Referer": "https://planner.example.org/sign-in"},
        )
        assert answer.status_code in (302, 303) and "/sign-in" in answer.headers["Location"]
    assert fixed_entries(reference) == 0 and changes(reference) == before
    assert item_at(reference, meeting, "4").pin_day is None


def test_editors_of_other_bodies_change_nothing(
    client: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    other = Body(symbol="A/AC.1", meeting_word="session")
    reference.add(other)
    make_user(reference, "elsewhere@un.org", "editor", bodies=[other])
    sign_in(client, "elsewhere@un.org")
    assert client.get(page_url(meeting)).status_code == 403
    token = csrf_token_in(client.get("/sign-in").get_data(as_text=True))
    before = changes(reference)
    for path, data in _attempts(meeting):
        answer = client.post(
            path,
            data={**data, "csrf_token": token},
            headers={"Referer": "https://planner.example.org/sign-in"},
        )
        assert answer.status_code == 403
    assert fixed_entries(reference) == 0 and changes(reference) == before
    assert item_at(reference, meeting, "4").pin_day is None
