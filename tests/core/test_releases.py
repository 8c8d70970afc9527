"""planner.core.releases: snapshots stored as JSON and back, and what changed between two."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from planner.core.plain import MeetingData
from planner.core.releases import (
    KINDS,
    ReleaseChange,
    changes,
    content_digest,
    dump,
    from_text,
    load,
    same_content,
    to_text,
)
from tests.core.builders import document, item, reference_meeting, six_language_meeting, std, uid


def _stamped(data: MeetingData) -> MeetingData:
    when = datetime(2018, 5, 1, 9, 30, tzinfo=UTC)
    slots = tuple(replace(s, sequence=3, created_at=when, modified_at=when) for s in data.slots)
    return replace(data, slots=slots, sequence=2, created_at=when, modified_at=when)


@pytest.mark.parametrize(
    "data",
    [reference_meeting(), _stamped(reference_meeting()), six_language_meeting()],
    ids=["reference", "stamped", "six-languages"],
)
def test_a_snapshot_comes_back_equal_from_json(data: MeetingData) -> None:
    text = to_text(data)
    assert json.loads(text) == dump(data)
    assert load(json.loads(text)) == data
    assert from_text(text) == data


def test_a_snapshot_without_a_field_added_later_loads_with_its_default() -> None:
    stored = dump(reference_meeting())
    del stored["restricted"], stored["placements"]
    assert load(stored) == reference_meeting()


def test_sequences_and_timestamps_are_not_content() -> None:
    data = reference_meeting()
    assert same_content(data, _stamped(data))
    assert content_digest(data) == content_digest(_stamped(data))
    other = replace(data, status="confirmed")
    assert not same_content(data, other)
    assert content_digest(data) != content_digest(other)


def test_the_first_release_says_published() -> None:
    assert changes(None, reference_meeting()) == (ReleaseChange("published"),)


def test_nothing_changed_gives_no_change() -> None:
    assert changes(reference_meeting(), _stamped(reference_meeting())) == ()


def _kinds(old: MeetingData, new: MeetingData) -> list[str]:
    return [c.kind for c in changes(old, new)]


def test_status_and_dates() -> None:
    old = reference_meeting()
    new = replace(old, status="postponed", start=date(2018, 9, 3), end=date(2018, 9, 4))
    found = {c.kind: c.params for c in changes(old, new)}
    assert found["status"] == {"before": "planned", "after": "postponed"}
    assert found["dates"] == {
        "before_start": "2018-07-02",
        "before_end": "2018-07-03",
        "start": "2018-09-03",
        "end": "2018-09-04",
    }


def test_items_added_removed_retitled_and_moved() -> None:
    old = reference_meeting()
    agenda = list(old.agenda)
    # item "2" removed, so "3" becomes 2; a new item after it; "other_matters" retitled
    retitled = replace(agenda[3], title={"en": "Any other business"})
    new_item = item("new", 60)
    new = replace(old, agenda=(agenda[0], agenda[2], new_item, retitled, agenda[4]))
    found = [(c.kind, dict(c.params)) for c in changes(old, new)]
    assert ("item_added", {"number": "3", "title": {"en": "new"}}) in found
    assert ("item_removed", {"number": "2", "title": {"en": "2"}}) in found
    assert ("item_moved", {"before": "3", "number": "2", "title": {"en": "3"}}) in found
    retitle = next(params for kind, params in found if kind == "item_retitled")
    assert retitle["number"] == "4" and retitle["title"] == {"en": "Any other business"}
    # a standard item's title before is the standard title, in every language
    assert retitle["before"]["en"] == "Other matters"
    assert retitle["before"]["zh"] == "其他事项"


def test_annotation_and_documents_of_an_item() -> None:
    old = reference_meeting()
    agenda = list(old.agenda)
    agenda[1] = replace(
        agenda[1], annotation={"en": "New text."}, documents=(document("CTOC/COP/WG.4/2018/2"),)
    )
    found = {c.kind: dict(c.params) for c in changes(old, replace(old, agenda=tuple(agenda)))}
    assert found["item_annotation"] == {"number": "2", "title": {"en": "2"}}
    assert found["item_documents"]["added"] == ["CTOC/COP/WG.4/2018/2"]
    assert found["item_documents"]["removed"] == []


def test_half_day_meetings_added_dropped_and_moved() -> None:
    old = reference_meeting()
    first, second, third, fourth = old.slots
    moved = replace(first, start=time(9, 0), end=time(12, 0))
    dropped = replace(fourth, cancelled=True)
    added = replace(fourth, public_id=uid("slot 2.3"), start=time(19, 0), end=time(21, 0))
    new = replace(old, slots=(moved, second, third, dropped, added))
    found = [(c.kind, dict(c.params)) for c in changes(old, new)]
    assert (
        "slot_moved",
        {
            "before_date": "2018-07-02",
            "before_start": "10:00",
            "before_end": "13:00",
            "date": "2018-07-02",
            "start": "09:00",
            "end": "12:00",
        },
    ) in found
    assert ("slot_dropped", {"date": "2018-07-03", "start": "15:00", "end": "18:00"}) in found
    assert ("slot_added", {"date": "2018-07-03", "start": "19:00", "end": "21:00"}) in found


def test_items_taken_up_in_a_half_day_meeting() -> None:
    old = reference_meeting()
    # one interpreted meeting fewer: the items move into the meetings that remain
    new = replace(old, interpretation_meetings=3)
    found = [c for c in changes(old, new) if c.kind == "slot_items"]
    assert found
    assert all(isinstance(c.params["items"], list) for c in found)
    assert "interpretation" in _kinds(old, new)


def test_place_format_symbol_and_restriction() -> None:
    old = reference_meeting()
    new = replace(
        old,
        city={"en": "New York"},
        venue={"en": "United Nations Headquarters"},
        format="hybrid",
        symbol="CTOC/COP/WG.4/2018/1/Rev.1",
        restricted=True,
    )
    assert {"place", "format", "symbol", "restricted"} <= set(_kinds(old, new))


def test_a_change_no_kind_names_is_still_a_change() -> None:
    old = reference_meeting()
    new = replace(old, timezone="Europe/Berlin")
    assert changes(old, new) == (ReleaseChange("details"),)


def test_every_kind_found_is_a_known_kind() -> None:
    old = reference_meeting()
    new = replace(
        old,
        status="cancelled",
        agenda=(*old.agenda[:-1], std("adoption_of_report", 90)),
        slots=old.slots[:2],
    )
    assert set(_kinds(old, new)) <= set(KINDS)
    assert ReleaseChange.from_json(changes(old, new)[0].to_json()) == changes(old, new)[0]


def test_half_day_meetings_that_move_with_the_dates_are_not_listed_one_by_one() -> None:
    old = reference_meeting()
    week = old.start.replace(day=9) - old.start
    slots = tuple(replace(s, date=s.date + week) for s in old.slots)
    new = replace(old, start=old.start + week, end=old.end + week, slots=slots)
    assert _kinds(old, new) == ["dates"]
    # one of them moved to other hours as well: that one is listed
    later = replace(slots[0], start=time(11, 0))
    kinds = _kinds(old, replace(new, slots=(later, *slots[1:])))
    assert kinds[:2] == ["dates", "slot_moved"]
    assert [k for k in kinds if k == "slot_moved"] == ["slot_moved"]
