"""The organization-of-work page: one plan, the proposal around the staff's decisions, as a grid
of days and half-day meetings with their capacity and problems; moving an item moves only what
has to move, every item can be placed, moved back or released, and a save on a stale page is
refused with the colleague's change."""

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
from planner.core.orgwork import plan
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
    source: tuple[int, int] | None,
    target: tuple[int, int],
    revision: str | None = None,
    *,
    json: bool = False,
) -> TestResponse:
    """Move item ``number`` (shown in ``source``, or among the items that do not fit when
    ``None``) to ``target``, as the form or the script."""
    session = _session(meeting)
    item = item_at(session, meeting, number)
    org = plan(meeting_data(meeting))
    assert (
        any(o.item_id == item.public_id for o in org.overflow)
        if source is None
        else any(
            e.item_id == item.public_id
            for s in org.sittings
            for e in s.entries
            if (s.slot.day_index, s.slot.index_in_day) == source
        )
    )
    return post_form(
        client,
        f"{page_url(meeting)}/move",
        {
            "item": str(item.public_id),
            "target": slot_id(meeting, *target),
            "revision": revision or orgwork_revision(meeting),
        },
        page=page_url(meeting),
        headers={"Accept": "application/json"} if json else None,
    )


def release(client: FlaskClient, meeting: Meeting, number: str) -> TestResponse:
    item = item_at(_session(meeting), meeting, number)
    return post_form(
        client,
        f"{page_url(meeting)}/release",
        {"item": str(item.public_id), "revision": orgwork_revision(meeting)},
        page=page_url(meeting),
    )


def close(
    client: FlaskClient, meeting: Meeting, where: tuple[int, int], closed: bool
) -> TestResponse:
    return post_form(
        client,
        f"{page_url(meeting)}/close",
        {
            "slot": slot_id(meeting, *where),
            "closed": "1" if closed else "0",
            "revision": orgwork_revision(meeting),
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


def test_the_page_shows_the_plan_as_a_grid_with_capacity(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert rendered(reference, meeting) == ANNEX
    response = editor.get(page_url(meeting))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = _text(html)
    assert "planner proposes the organization of work around your decisions" in text
    assert "Day 1: Monday, 2 July" in text and "Day 2: Tuesday, 3 July" in text
    assert "Meeting 1, 10 a.m.–1 p.m." in text and "Meeting 2, 3–6 p.m." in text
    assert text.count("180 of 180 minutes used, 0 available") == 4
    assert html.count('class="capacity-bar"') == 4
    assert "1(b) Adoption of the agenda and organization of work 20 minutes" in text
    assert "2 International cooperation" in text and "(continued)" in text
    # every problem of the meeting, in the interface language
    for problem in check_meeting(meeting_data(meeting), utcnow().date()):
        assert describe(problem, "en").replace("'", "&#39;") in html
    # eight blocks, sized by their minutes, each with a plain form to move it anywhere
    assert html.count('class="og-block ') == 8
    assert 'class="og-block og-span-12 source-proposal"' in html  # 180 minutes of item 3
    assert html.count(f'action="{page_url(meeting)}/move"') == 8
    assert html.count('<option value="' + slot_id(meeting, 2, 2) + '"') >= 8
    # the script is a static file: no inline script for the Content-Security-Policy
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/planner.js" defer>',  # every page's
        '<script src="/static/orgwork.js" defer>',
    ]


def test_problems_follow_the_interface_language(editor: FlaskClient, meeting: Meeting) -> None:
    editor.set_cookie("ui_lang", "zh", domain="planner.example.org")
    refresh()  # the test's requests share one application context, where the locale is cached
    html = editor.get(page_url(meeting)).get_data(as_text=True)
    problems = check_meeting(meeting_data(meeting), utcnow().date())
    assert problems
    for problem in problems:
        assert describe(problem, "zh") in html


# --- Decisions ---------------------------------------------------------------------------------


def test_moving_one_item_leaves_the_others_where_they_were(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = move(editor, meeting, "4", (2, 2), (2, 1))
    assert response.status_code == 302
    # One decision is stored, not a copy of the plan.
    assert fixed_entries(reference) == 1
    # Item 4 joins the morning of day 2; only the end of item 3 makes room for it.
    assert rendered(reference, meeting) == [
        ("2018-07-02", "10:00", ["1(a)", "1(b)", "2"]),
        ("2018-07-02", "15:00", ["2", "3"]),
        ("2018-07-03", "10:00", ["3", "4"]),
        ("2018-07-03", "15:00", ["3", "5"]),
    ]
    org = plan(meeting_data(meeting))
    assert all(s.used_minutes <= s.capacity_minutes for s in org.sittings)
    assert [e.minutes for s in org.sittings for e in s.entries] == [
        10,
        20,
        150,
        90,
        90,
        150,
        30,
        30,
        150,
    ]
    assert history(reference, meeting.public_id)[0].summary == (
        "Organization of work: item 4 moved to meeting 1 of day 2"
    )
    text = _text(editor.get(page_url(meeting)).get_data(as_text=True))
    assert "Item 4 is now taken up in meeting 1 of day 2." in text
    assert "placed by staff" in text and "minutes too many" not in text


def test_a_second_move_changes_only_that_item(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert move(editor, meeting, "4", (2, 2), (2, 1)).status_code == 302
    assert move(editor, meeting, "5", (2, 2), (1, 2)).status_code == 302
    assert fixed_entries(reference) == 2
    org = plan(meeting_data(meeting))
    assert all(s.used_minutes <= s.capacity_minutes for s in org.sittings)
    assert [e.number for e in org.sittings[2].entries if e.source == "placed"] == ["4"]
    assert [e.number for e in org.sittings[1].entries if e.source == "placed"] == ["5"]


def test_releasing_the_items_restores_the_reference_annex(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert move(editor, meeting, "4", (2, 2), (2, 1)).status_code == 302
    assert rendered(reference, meeting) != ANNEX
    assert release(editor, meeting, "4").status_code == 302
    assert fixed_entries(reference) == 0
    assert rendered(reference, meeting) == ANNEX
    assert history(reference, meeting.public_id)[0].summary == (
        "Organization of work: item 4 released to the proposal"
    )


def test_an_item_can_be_moved_back_where_it_was(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert move(editor, meeting, "4", (2, 2), (2, 1)).status_code == 302
    assert move(editor, meeting, "4", (2, 1), (2, 2)).status_code == 302
    assert rendered(reference, meeting) == ANNEX


def test_a_move_on_a_changed_plan_is_refused_and_shows_the_colleagues_change(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    seen = orgwork_revision(meeting)
    assert move(editor, meeting, "4", (2, 2), (2, 1)).status_code == 302  # a colleague's move
    before = changes(reference)
    response = move(editor, meeting, "1(b)", (1, 1), (1, 2), revision=seen)
    assert response.status_code == 302
    assert fixed_entries(reference) == 1 and changes(reference) == before
    text = _text(editor.get(page_url(meeting)).get_data(as_text=True))
    assert "Someone else changed the agenda or the organization of work" in text
    assert (
        f"The latest change: Organization of work: item 4 moved to meeting 1 of day 2 ({EDITOR},"
        in text
    )


def test_the_script_gets_json_and_a_conflict_with_the_colleagues_change(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    seen = orgwork_revision(meeting)
    ok = move(editor, meeting, "4", (2, 2), (2, 1), json=True)
    assert ok.status_code == 200
    assert ok.get_json() == {"ok": "Item 4 is now taken up in meeting 1 of day 2."}
    refused = move(editor, meeting, "4", (2, 1), (2, 2), revision=seen, json=True)
    assert refused.status_code == 409
    body = refused.get_json()
    assert "Someone else changed" in body["error"]
    assert body["change"]["who"] == EDITOR
    assert body["change"]["summary"] == "Organization of work: item 4 moved to meeting 1 of day 2"


def test_a_move_to_a_meeting_that_is_not_held_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    session = _session(meeting)
    item = item_at(session, meeting, "4")
    response = post_form(
        editor,
        f"{page_url(meeting)}/move",
        {"item": str(item.public_id), "target": "nowhere", "revision": orgwork_revision(meeting)},
        page=page_url(meeting),
    )
    assert response.status_code == 302
    assert fixed_entries(reference) == 0 and rendered(reference, meeting) == ANNEX
    assert "Choose one of the half-day meetings that are held." in _text(
        editor.get(page_url(meeting)).get_data(as_text=True)
    )


def test_a_pin_is_honoured_and_a_left_over_item_can_be_placed(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert pin(editor, meeting, "3", "2-1").status_code == 302
    item = item_at(reference, meeting, "3")
    assert (item.pin_day, item.pin_meeting) == (2, 1)
    assert rendered(reference, meeting) == [
        ("2018-07-02", "10:00", ["1(a)", "1(b)", "2"]),
        ("2018-07-02", "15:00", ["2"]),
        ("2018-07-03", "10:00", ["3"]),
        ("2018-07-03", "15:00", ["3", "5"]),
    ]
    html = editor.get(page_url(meeting)).get_data(as_text=True)
    text = _text(html)
    assert "Item 3 is pinned to meeting 1 of day 2." in text
    assert "Items that do not fit" in text
    assert "Item 4 does not fit: 30 minutes cannot be placed" in text
    assert "Everything would fit with 90 minutes less in all on items" in text
    # the left-over items have a Move control of their own
    overflow = html[html.index('id="overflow"') :]
    assert f'action="{page_url(meeting)}/move"' in overflow
    # and can be placed: item 4 into the afternoon of day 1, which has room
    assert move(editor, meeting, "4", None, (1, 2)).status_code == 302
    assert rendered(reference, meeting)[1] == ("2018-07-02", "15:00", ["2", "4"])
    assert "4" not in [o.number for o in plan(meeting_data(meeting)).overflow]
    assert release(editor, meeting, "3").status_code == 302
    assert release(editor, meeting, "4").status_code == 302
    assert rendered(reference, meeting) == ANNEX


@pytest.mark.parametrize("value", ["3-1", "1-3", "soon"])
def test_a_pin_to_a_meeting_that_is_not_held_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session, value: str
) -> None:
    before = changes(reference)
    assert pin(editor, meeting, "3", value).status_code == 302
    assert item_at(reference, meeting, "3").pin_day is None and changes(reference) == before


def test_closing_a_meeting_keeps_further_items_out(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert close(editor, meeting, (1, 2), True).status_code == 302
    org = plan(meeting_data(meeting))
    assert org.sittings[1].closed and org.sittings[1].entries == ()
    assert "Closed to further items" in _text(editor.get(page_url(meeting)).get_data(True))
    assert close(editor, meeting, (1, 2), False).status_code == 302
    assert rendered(reference, meeting) == ANNEX


def test_changing_an_items_minutes_and_splitting_it(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "4")
    response = post_form(
        editor,
        f"{page_url(meeting)}/minutes",
        {"item": str(item.public_id), "minutes": "45", "revision": orgwork_revision(meeting)},
        page=page_url(meeting),
    )
    assert response.status_code == 302
    assert item_at(reference, meeting, "4").minutes == 45
    three = item_at(reference, meeting, "3")
    response = post_form(
        editor,
        f"{page_url(meeting)}/split",
        {
            "item": str(three.public_id),
            "target": slot_id(meeting, 2, 2),
            "minutes": "30",
            "revision": orgwork_revision(meeting),
        },
        page=page_url(meeting),
    )
    assert response.status_code == 302
    parts = [
        (s.slot.day_index, s.slot.index_in_day, e.minutes)
        for s in plan(meeting_data(meeting)).sittings
        for e in s.entries
        if e.number == "3"
    ]
    assert (2, 2, 30) in parts and sum(m for _d, _i, m in parts) == 270


def test_bad_minutes_are_refused_with_a_message(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "4")
    before = changes(reference)
    response = post_form(
        editor,
        f"{page_url(meeting)}/minutes",
        {"item": str(item.public_id), "minutes": "lots", "revision": orgwork_revision(meeting)},
        page=page_url(meeting),
    )
    assert response.status_code == 302 and changes(reference) == before
    assert "Give the minutes as a whole number." in _text(
        editor.get(page_url(meeting)).get_data(True)
    )


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
        (f"{page_url(meeting)}/release", {"item": str(item.public_id), "revision": revision}),
        (
            f"{page_url(meeting)}/close",
            {"slot": slot_id(meeting, 1, 1), "closed": "1", "revision": revision},
        ),
        (
            f"{page_url(meeting)}/minutes",
            {"item": str(item.public_id), "minutes": "5", "revision": revision},
        ),
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
