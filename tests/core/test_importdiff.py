"""What an import changes, in words: a table of edits to a meeting and the sentences they give."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from uuid import UUID

import pytest

from planner.core.importdiff import describe_document, describe_meeting
from planner.core.meetingfile import DocumentSpec, ItemSpec, MeetingSpec, SlotSpec


def uid(n: int) -> UUID:
    return UUID(int=n)


ITEMS = (
    ItemSpec(standard="opening", id=uid(1)),
    ItemSpec(
        title={"en": "Victims", "fr": "Victimes"},
        annotation={"en": "About victims.", "fr": "Sur les victimes."},
        documents=("A/1",),
        minutes=120,
        id=uid(2),
        items=(ItemSpec(title={"en": "Children"}, id=uid(3)),),
    ),
    ItemSpec(standard="other_matters", id=uid(4)),
)
BEFORE = MeetingSpec(
    body="WG",
    symbol="WG/2018/1",
    number=8,
    start=date(2018, 7, 2),
    end=date(2018, 7, 3),
    timezone="Europe/Vienna",
    format="in_person",
    original_language="en",
    daily_meetings=(SlotSpec(time(10), time(13)), SlotSpec(time(15), time(18))),
    interpretation_meetings=4,
    interpretation_languages=("en", "fr"),
    agenda=ITEMS,
)


def _item(index: int, **changes: object) -> Callable[[MeetingSpec], MeetingSpec]:
    def edit(spec: MeetingSpec) -> MeetingSpec:
        agenda = list(spec.agenda)
        agenda[index] = replace(agenda[index], **changes)  # type: ignore[arg-type]
        return replace(spec, agenda=tuple(agenda))

    return edit


CASES = [
    pytest.param(
        lambda s: replace(s, agenda=s.agenda[:2]),
        [("removed", "agenda item 3 “other matters”")],
        id="item removed",
    ),
    pytest.param(
        lambda s: replace(s, agenda=(*s.agenda, ItemSpec(title={"en": "New"}, id=uid(9)))),
        [("added", "agenda item 4 “New”")],
        id="item added",
    ),
    pytest.param(
        lambda s: replace(s, agenda=(s.agenda[1], s.agenda[0], s.agenda[2])),
        [
            ("changed", "agenda item 2 “Victims” is now item 1"),
            ("changed", "agenda item 1 “opening” is now item 2"),
        ],
        id="items swapped",
    ),
    pytest.param(
        _item(1, title={"en": "Victims of trafficking", "fr": "Victimes"}),
        [("changed", "agenda item 2 retitled from “Victims” to “Victims of trafficking”")],
        id="retitled",
    ),
    pytest.param(
        _item(1, annotation={"en": "About victims."}),
        [("removed", "the annotation of agenda item 2 in fr")],
        id="a translation removed",
    ),
    pytest.param(
        _item(1, documents=()),
        [("removed", "document A/1 from the list of item 2 “Victims”")],
        id="document unlisted",
    ),
    pytest.param(
        _item(1, items=()),
        [("removed", "agenda item 2(a) “Children”")],
        id="sub-item removed",
    ),
    pytest.param(
        lambda s: replace(s, end=date(2018, 7, 2), interpretation_meetings=2),
        [
            ("removed", "half-day meeting 2018-07-03 10:00–13:00"),
            ("removed", "half-day meeting 2018-07-03 15:00–18:00"),
            ("changed", "dates: 2018-07-02 to 2018-07-03 → 2018-07-02 to 2018-07-02"),
            ("changed", "meetings with interpretation: 4 → 2"),
        ],
        id="a day dropped",
    ),
    pytest.param(
        lambda s: replace(s, start=date(2018, 7, 3), end=date(2018, 7, 4)),
        [
            ("changed", "dates: 2018-07-02 to 2018-07-03 → 2018-07-03 to 2018-07-04"),
            ("changed", "half-day meeting 2018-07-02 10:00–13:00 → 2018-07-03 10:00–13:00"),
            ("changed", "half-day meeting 2018-07-02 15:00–18:00 → 2018-07-03 15:00–18:00"),
            ("changed", "half-day meeting 2018-07-03 10:00–13:00 → 2018-07-04 10:00–13:00"),
            ("changed", "half-day meeting 2018-07-03 15:00–18:00 → 2018-07-04 15:00–18:00"),
        ],
        id="dates moved: the half-day meetings move with their days, none removed",
    ),
    pytest.param(lambda s: s, [], id="nothing"),
]


@pytest.mark.parametrize(("edit", "expected"), CASES)
def test_the_changes_of_an_import_in_words(
    edit: Callable[[MeetingSpec], MeetingSpec], expected: list[tuple[str, str]]
) -> None:
    changes = describe_meeting(BEFORE, edit(BEFORE))
    found = [
        *(("removed", s) for s in changes.removed),
        *(("added", s) for s in changes.added),
        *(("changed", s) for s in changes.changed),
    ]
    assert sorted(found) == sorted(expected)
    assert changes.removes == any(kind == "removed" for kind, _ in expected)


def test_a_new_meeting_is_one_addition() -> None:
    changes = describe_meeting(None, BEFORE)
    assert changes.added == [
        "the meeting WG/2018/1 (2018-07-02 to 2018-07-03), 4 agenda items, 4 half-day meetings"
    ]
    assert not changes.removes


def test_a_document_losing_a_language_is_a_removal() -> None:
    before = DocumentSpec(symbol="A/1", kind="report", title={"en": "R"}, languages=("en", "fr"))
    changes = describe_document(before, replace(before, languages=("en",)))
    assert changes.removed == ["language fr of document A/1"] and changes.removes
