"""The agenda services on a real database: every move goes through move_item, which keeps
positions dense and refuses cycles and trees deeper than three levels."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from planner.agenda.services import (
    AgendaRefused,
    add_item,
    agenda_revision,
    delete_item,
    move_item,
    move_step,
    update_item,
)
from planner.core.agenda import number_agenda
from planner.models import AgendaItem, AgendaItemText, Body, Meeting
from planner.services.snapshot import meeting_data

#: A: top-level; B with B1 (which has B1x) and B2; C.
TREE: Sequence[Any] = (("A", ()), ("B", (("B1", (("B1x", ()),)), ("B2", ()))), ("C", ()))


def _meeting(session: Session, symbol: str) -> Meeting:
    body = Body(symbol=f"TEST/{symbol}", meeting_word="meeting")
    meeting = Meeting(
        body=body,
        symbol=f"TEST/{symbol}/1",
        number=1,
        start_date=date(2030, 1, 7),
        end_date=date(2030, 1, 8),
        timezone="Europe/Vienna",
    )
    session.add(meeting)
    session.flush()
    return meeting


def _grow(meeting: Meeting, spec: Sequence[Any], parent: AgendaItem | None) -> None:
    for position, (name, children) in enumerate(spec):
        item = AgendaItem(position=position)
        meeting.items.append(item)
        item.parent = parent
        item.texts["en"] = AgendaItemText(lang="en", title=name)
        _grow(meeting, children, item)


@pytest.fixture(autouse=True)
def _request(app: Flask) -> Iterator[None]:
    """Refusals are worded in the interface language, which is chosen per request."""
    with app.test_request_context():
        yield


@pytest.fixture
def meeting(session: Session) -> Meeting:
    meeting = _meeting(session, "WG.1")
    _grow(meeting, TREE, None)
    session.flush()
    return meeting


def by_title(meeting: Meeting, title: str) -> AgendaItem:
    return next(i for i in meeting.items if i.texts["en"].title == title)


def shape(meeting: Meeting) -> dict[str, str]:
    """Each item's derived number, by title."""
    return {n.item.title["en"]: n.number for n in number_agenda(meeting_data(meeting).agenda)}


def assert_dense(meeting: Meeting) -> None:
    groups: dict[Any, list[int]] = {}
    for item in meeting.items:
        groups.setdefault(item.parent_id, []).append(item.position)
    for positions in groups.values():
        assert sorted(positions) == list(range(len(positions)))


START = {"A": "1", "B": "2", "B1": "2(a)", "B1x": "2(a)(i)", "B2": "2(b)", "C": "3"}


@pytest.mark.parametrize(
    ("name", "parent", "index", "expected"),
    [
        (
            "C",
            None,
            0,
            {"C": "1", "A": "2", "B": "3", "B1": "3(a)", "B1x": "3(a)(i)", "B2": "3(b)"},
        ),
        (
            "A",
            None,
            2,
            {"B": "1", "B1": "1(a)", "B1x": "1(a)(i)", "B2": "1(b)", "C": "2", "A": "3"},
        ),
        (
            "A",
            "B",
            0,
            {"B": "1", "A": "1(a)", "B1": "1(b)", "B1x": "1(b)(i)", "B2": "1(c)", "C": "2"},
        ),
        ("C", "B1", 1, {**START, "C": "2(a)(ii)"}),
        ("B2", None, 1, {"A": "1", "B2": "2", "B": "3", "B1": "3(a)", "B1x": "3(a)(i)", "C": "4"}),
        ("B1x", None, 3, {"A": "1", "B": "2", "B1": "2(a)", "B2": "2(b)", "C": "3", "B1x": "4"}),
        ("B2", "B", 0, {**START, "B2": "2(a)", "B1": "2(b)", "B1x": "2(b)(i)"}),
        ("B1x", "B", 2, {**START, "B1x": "2(c)"}),
    ],
)
def test_move_item_renumbers(
    session: Session,
    meeting: Meeting,
    name: str,
    parent: str | None,
    index: int,
    expected: dict[str, str],
) -> None:
    target = by_title(meeting, parent) if parent else None
    assert move_item(session, by_title(meeting, name), target, index) is True
    assert shape(meeting) == expected
    assert_dense(meeting)
    session.expire_all()
    assert shape(meeting) == expected
    assert_dense(meeting)


def test_move_to_the_same_place_changes_nothing(session: Session, meeting: Meeting) -> None:
    before = agenda_revision(meeting)
    assert move_item(session, by_title(meeting, "B"), None, 1) is False
    assert agenda_revision(meeting) == before
    assert shape(meeting) == START


@pytest.mark.parametrize(("name", "parent"), [("B", "B"), ("B", "B1"), ("B", "B1x"), ("B1", "B1x")])
def test_move_under_itself_is_refused(
    session: Session, meeting: Meeting, name: str, parent: str
) -> None:
    with pytest.raises(AgendaRefused, match="under itself"):
        move_item(session, by_title(meeting, name), by_title(meeting, parent), 0)
    assert shape(meeting) == START


@pytest.mark.parametrize(
    ("name", "parent"),
    [("B", "A"), ("B", "C"), ("B1", "B2"), ("A", "B1x"), ("C", "B1x")],
)
def test_move_deeper_than_three_levels_is_refused(
    session: Session, meeting: Meeting, name: str, parent: str
) -> None:
    with pytest.raises(AgendaRefused, match="3 levels"):
        move_item(session, by_title(meeting, name), by_title(meeting, parent), 0)
    assert shape(meeting) == START


@pytest.mark.parametrize("index", [-1, 3, 10])
def test_move_outside_the_siblings_is_refused(
    session: Session, meeting: Meeting, index: int
) -> None:
    with pytest.raises(AgendaRefused):
        move_item(session, by_title(meeting, "A"), None, index)
    assert shape(meeting) == START


def test_move_under_an_item_of_another_meeting_is_refused(
    session: Session, meeting: Meeting
) -> None:
    other = _meeting(session, "WG.2")
    _grow(other, (("X", ()),), None)
    session.flush()
    with pytest.raises(AgendaRefused, match="another meeting"):
        move_item(session, by_title(meeting, "A"), other.items[0], 0)


@pytest.mark.parametrize(
    ("name", "direction", "expected"),
    [
        ("C", "up", {**START, "C": "2", "B": "3", "B1": "3(a)", "B1x": "3(a)(i)", "B2": "3(b)"}),
        ("B1", "down", {**START, "B2": "2(a)", "B1": "2(b)", "B1x": "2(b)(i)"}),
        ("C", "indent", {**START, "C": "2(c)"}),
        ("B2", "indent", {**START, "B2": "2(a)(ii)"}),
        ("B1", "outdent", {**START, "B2": "2(a)", "B1": "3", "B1x": "3(a)", "C": "4"}),
        ("B1x", "outdent", {**START, "B1x": "2(b)", "B2": "2(c)"}),
    ],
)
def test_keyboard_moves(
    session: Session, meeting: Meeting, name: str, direction: str, expected: dict[str, str]
) -> None:
    move_step(session, by_title(meeting, name), direction)
    assert shape(meeting) == expected
    assert_dense(meeting)


@pytest.mark.parametrize(
    ("name", "direction"),
    [("A", "up"), ("C", "down"), ("A", "indent"), ("A", "outdent"), ("B", "indent")],
)
def test_impossible_keyboard_moves_are_refused(
    session: Session, meeting: Meeting, name: str, direction: str
) -> None:
    with pytest.raises(AgendaRefused):
        move_step(session, by_title(meeting, name), direction)
    assert shape(meeting) == START


def test_add_item_at_the_end_and_as_sub_item(session: Session, meeting: Meeting) -> None:
    add_item(session, meeting, None, title={"en": "D"}, minutes=30)
    add_item(session, meeting, by_title(meeting, "A"), title={"en": "A1"})
    assert shape(meeting) == {**START, "D": "4", "A1": "1(a)"}
    assert by_title(meeting, "D").minutes == 30
    assert_dense(meeting)


def test_add_item_below_the_third_level_is_refused(session: Session, meeting: Meeting) -> None:
    with pytest.raises(AgendaRefused):
        add_item(session, meeting, by_title(meeting, "B1x"), title={"en": "too deep"})


def test_add_item_needs_a_title_unless_standard(session: Session, meeting: Meeting) -> None:
    with pytest.raises(AgendaRefused, match="title"):
        add_item(session, meeting, None, title={"en": "  "})
    item = add_item(session, meeting, None, title={}, standard="other_matters")
    assert item.standard == "other_matters" and not item.texts


def test_a_standard_kind_appears_once(session: Session, meeting: Meeting) -> None:
    add_item(session, meeting, None, title={}, standard="opening")
    with pytest.raises(AgendaRefused, match="already"):
        add_item(session, meeting, by_title(meeting, "A"), title={}, standard="opening")


def test_update_item_sets_texts_minutes_and_pin(session: Session, meeting: Meeting) -> None:
    item = by_title(meeting, "A")
    version = item.version
    update_item(
        session,
        item,
        title={"en": "A new", "zh": "新"},
        annotation={"fr": "Texte"},
        minutes=45,
        pin=(1, 2),
    )
    assert item.text("title") == {"en": "A new", "zh": "新"}
    assert item.text("annotation") == {"fr": "Texte"}
    assert (item.minutes, item.pin_day, item.pin_meeting) == (45, 1, 2)
    assert item.version == version + 1


def test_delete_item_takes_its_sub_items_and_closes_the_gap(
    session: Session, meeting: Meeting
) -> None:
    assert delete_item(session, by_title(meeting, "B")) == 4
    session.expire_all()
    assert shape(meeting) == {"A": "1", "C": "2"}
    assert_dense(meeting)


def test_a_pin_set_in_the_agenda_editor_replaces_the_items_placements(
    session: Session, meeting: Meeting
) -> None:
    from datetime import time

    from planner.models import OrgWorkEntry, TimeSlot

    slot = TimeSlot(date=date(2030, 1, 7), start=time(10), end=time(13))
    meeting.slots.append(slot)
    item = by_title(meeting, "A")
    meeting.orgwork_entries.append(OrgWorkEntry(slot=slot, item=item, position=0))
    session.flush()
    update_item(session, item, title={"en": "A"}, annotation={}, minutes=30, pin=None)
    assert len(meeting.orgwork_entries) == 1  # no pin given: the placement stays
    update_item(session, item, title={"en": "A"}, annotation={}, minutes=30, pin=(2, 1))
    assert meeting.orgwork_entries == []
    assert (item.pin_day, item.pin_meeting) == (2, 1)
