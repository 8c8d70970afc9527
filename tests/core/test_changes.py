"""What a change did, read from the meeting before and after (planner.core.changes)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from planner.core.changes import Said, describe


def _meeting() -> dict[str, Any]:
    return {
        "symbol": "CTOC/COP/WG.4/2018/1",
        "number": 8,
        "start": date(2018, 7, 2),
        "end": date(2018, 7, 3),
        "timezone": "Europe/Vienna",
        "city": {"en": "Vienna"},
        "format": "in_person",
        "daily_meetings": [{"start": "10:00", "end": "13:00"}, {"start": "15:00", "end": "18:00"}],
        "interpretation": {"meetings": 4, "languages": ["en", "fr"]},
        "agenda": [
            {
                "standard": "organizational_matters",
                "id": "org",
                "items": [{"standard": "opening", "minutes": 10, "id": "open"}],
            },
            {
                "title": {"en": "International cooperation"},
                "minutes": 240,
                "documents": ["CTOC/COP/WG.4/2018/2"],
                "annotation": {"en": "A long text."},
                "id": "coop",
            },
            {"title": {"en": "Questionnaire"}, "minutes": 270, "id": "quest"},
            {"standard": "adoption_of_report", "minutes": 150, "id": "report"},
        ],
    }


def _kinds(said: list[Said]) -> list[str]:
    return [s.kind for s in said]


def test_nothing_changed_says_nothing() -> None:
    assert describe(_meeting(), _meeting()) == []


def test_created_and_deleted() -> None:
    assert _kinds(describe(None, _meeting())) == ["meeting_created"]
    assert _kinds(describe(_meeting(), None)) == ["meeting_deleted"]


def test_an_item_added_before_the_closing_items_is_one_addition_with_its_number() -> None:
    after = _meeting()
    after["agenda"].insert(3, {"title": {"en": "Technology"}, "id": "tech"})
    [said] = describe(_meeting(), after)
    assert (said.kind, said.number, said.title) == ("item_added", "4", {"en": "Technology"})


def test_an_item_deleted_keeps_its_old_number_and_title() -> None:
    after = _meeting()
    del after["agenda"][1]
    [said] = describe(_meeting(), after)
    assert (said.kind, said.number, said.title) == (
        "item_deleted",
        "2",
        {"en": "International cooperation"},
    )


def test_one_item_moved_up_is_one_move() -> None:
    after = _meeting()
    agenda = after["agenda"]
    agenda[1], agenda[2] = agenda[2], agenda[1]
    said = describe(_meeting(), after)
    assert len(said) == 1
    assert said[0].kind == "item_moved" and {said[0].before, said[0].after} == {"2", "3"}


def test_minutes_changed_by_number() -> None:
    after = _meeting()
    after["agenda"][1]["minutes"] = 200
    [said] = describe(_meeting(), after)
    assert (said.kind, said.number, said.before, said.after) == ("item_minutes", "2", 240, 200)


def test_an_annotation_changed_is_said_without_its_text() -> None:
    after = _meeting()
    after["agenda"][1]["annotation"] = {"en": "Another long text."}
    [said] = describe(_meeting(), after)
    assert (said.kind, said.number, said.lang) == ("item_annotation", "2", "en")
    assert said.before is None and said.after is None


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        (lambda m: m.update(start=date(2018, 7, 9), end=date(2018, 7, 10)), "dates"),
        (lambda m: m.update(status="cancelled"), "field"),
        (lambda m: m.update(days={date(2018, 7, 3): [{"start": "10:00", "end": "13:00"}]}), "days"),
        (lambda m: m["daily_meetings"].pop(), "daily_meetings"),
        (lambda m: m["interpretation"].update(meetings=2), "interpretation_meetings"),
        (lambda m: m["city"].update(fr="Vienne"), "text"),
        (lambda m: m["agenda"][1]["documents"].append("X/1"), "document_listed"),
        (lambda m: m["agenda"][2].update(pin={"day": 2, "meeting": 1}), "item_pin"),
        (lambda m: m.update(organization_of_work=[{"day": 1, "meeting": 1}]), "orgwork_fixed"),
    ],
)
def test_each_kind_of_change_is_named(change: Any, kind: str) -> None:
    after = copy.deepcopy(_meeting())
    change(after)
    assert _kinds(describe(_meeting(), after)) == [kind]


def test_a_status_left_out_of_the_file_is_planned() -> None:
    after = _meeting()
    after["status"] = "cancelled"
    [said] = describe(_meeting(), after)
    assert (said.name, said.before, said.after) == ("status", "planned", "cancelled")
