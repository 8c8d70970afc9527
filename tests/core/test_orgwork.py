from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from planner.core.orgwork import Entry, OrgOfWork, Overflow, plan, slot_minutes
from planner.core.plain import MeetingData
from tests.core.builders import item, meeting, reference_meeting, slot, std, uid

CONT = " (continued)"


def layout(org: OrgOfWork) -> list[list[str]]:
    """Each sitting as "number minutes", with " (continued)" for an item carried over."""
    return [
        [f"{e.number} {e.minutes}{CONT if e.continued else ''}" for e in s.entries]
        for s in org.sittings
    ]


def keys(org: OrgOfWork) -> list[str]:
    return [p.message_key for p in org.problems]


def overflow(org: OrgOfWork) -> list[tuple[str, int]]:
    return [(o.number, o.minutes_unplaced) for o in org.overflow]


# --- The reference meeting ----------------------------------------------------------------------


def test_reference_meeting_gives_the_annex_of_the_seed() -> None:
    org = plan(reference_meeting())
    annex = [
        (
            s.slot.date,
            s.slot.start,
            s.slot.end,
            [e.number + ("（续）" if e.continued else "") for e in s.entries],
        )
        for s in org.sittings
    ]
    assert annex == [
        (date(2018, 7, 2), time(10), time(13), ["1(a)", "1(b)", "2"]),
        (date(2018, 7, 2), time(15), time(18), ["2（续）", "3"]),
        (date(2018, 7, 3), time(10), time(13), ["3（续）"]),
        (date(2018, 7, 3), time(15), time(18), ["4", "5"]),
    ]
    assert org.overflow == ()
    assert org.problems == ()


def test_reference_meeting_minutes_per_sitting() -> None:
    org = plan(reference_meeting())
    assert layout(org) == [
        ["1(a) 10", "1(b) 20", "2 150"],
        [f"2 90{CONT}", "3 90"],
        [f"3 180{CONT}"],
        ["4 30", "5 150"],
    ]
    assert [(s.used_minutes, s.capacity_minutes, s.interpreted) for s in org.sittings] == [
        (180, 180, True)
    ] * 4


def test_reference_entries_name_the_items() -> None:
    first = plan(reference_meeting()).sittings[0].entries[0]
    assert first == Entry(uid("opening"), "1(a)", 10, continued=False)


# --- The proposal, case by case -----------------------------------------------------------------

CASES = [
    pytest.param(
        meeting([item("a", 180), item("b", 180)], days=1, interpretation=2),
        [["1 180"], ["2 180"]],
        [],
        [],
        id="exact fit",
    ),
    pytest.param(
        meeting([item("a", 30), item("b", 400)], interpretation=4),
        [["1 30", "2 150"], [f"2 180{CONT}"], [f"2 70{CONT}"], []],
        [],
        [],
        id="item spanning three sittings",
    ),
    pytest.param(
        meeting([item("a", 200), item("b", 250)], days=1, interpretation=2),
        [["1 180"], [f"1 20{CONT}", "2 160"]],
        [("2", 90)],
        ["does_not_fit", "fit_hint.minutes"],
        id="overflow reported with the unplaced minutes",
    ),
    pytest.param(
        meeting([item("a", 100), item("b", 300), item("c", 60)], days=1, interpretation=2),
        [["1 100", "2 80"], [f"2 180{CONT}"]],
        [("2", 40), ("3", 60)],
        ["does_not_fit", "does_not_fit", "fit_hint.minutes"],
        id="an item with no room at all overflows whole",
    ),
    pytest.param(
        meeting([item("a", 60), std("adoption_of_report", 60)]),
        [["1 60"], [], [], ["2 60"]],
        [],
        [],
        id="report forced to the last sitting, leaving a gap",
    ),
    pytest.param(
        meeting([item("a", 600), std("adoption_of_report", 60)]),
        [["1 180"], [f"1 180{CONT}"], [f"1 180{CONT}"], [f"1 60{CONT}", "2 60"]],
        [],
        [],
        id="report follows items that run into the last sitting",
    ),
    pytest.param(
        meeting([item("a", 700), std("adoption_of_report", 150)]),
        [["1 180"], [f"1 180{CONT}"], [f"1 180{CONT}"], [f"1 30{CONT}", "2 150"]],
        [("1", 130)],
        ["does_not_fit", "fit_hint.minutes"],
        id="report kept when the items before it need more than all sittings",
    ),
    pytest.param(
        meeting([item("a", 60), std("adoption_of_report", 200)], days=1, interpretation=2),
        [["1 60"], ["2 180"]],
        [("2", 20)],
        ["does_not_fit", "fit_hint.minutes.item"],
        id="report longer than the last sitting overflows its remainder",
    ),
    pytest.param(
        meeting([item("a", 60), std("adoption_of_report", 60), item("late", 30)]),
        [["1 60", "3 30"], [], [], ["2 60"]],
        [],
        [],
        id="the report is taken up last, after the items that follow it on the agenda",
    ),
    pytest.param(
        meeting([item("a", 30), item("b", 60, pin=(2, 1))]),
        [["1 30"], [], ["2 60"], []],
        [],
        [],
        id="pin jumps forward, leaving the rest of the sittings before it free",
    ),
    pytest.param(
        meeting([item("a", 30), item("b", 60, pin=(1, 1))]),
        [["1 30", "2 60"], [], [], []],
        [],
        [],
        id="pin to the current sitting with room is honoured where the item falls",
    ),
    pytest.param(
        meeting([item("a", 60, pin=(1, 2)), item("b", 60, pin=(1, 2))]),
        [[], ["1 60", "2 60"], [], []],
        [],
        [],
        id="two pins to one sitting with room for both",
    ),
    pytest.param(
        meeting([item("a", 180, pin=(1, 2)), item("b", 60, pin=(1, 2))]),
        [[], ["1 180"], ["2 60"], []],
        [],
        ["pin_collision.full"],
        id="two pins to one sitting where the first leaves no room",
    ),
    pytest.param(
        meeting([item("a", 250), item("b", 60, pin=(1, 2))]),
        [["1 180"], [f"1 70{CONT}", "2 60"], [], []],
        [],
        [],
        id="pin to a sitting a continuing item runs into is honoured",
    ),
    pytest.param(
        meeting([item("a", 400), item("b", 60, pin=(1, 2))]),
        [["1 180"], [f"1 120{CONT}", "2 60"], [f"1 100{CONT}"], []],
        [],
        [],
        id="pin honoured even where the items before it would have run",
    ),
    pytest.param(
        meeting([item("a", 30), item("b", 60, pin=(2, 1))], interpretation=2),
        [["1 30", "2 60"], [], [], []],
        [],
        ["pin_not_interpreted"],
        id="pin to a sitting without interpretation",
    ),
    pytest.param(
        meeting([item("a", 30), item("b", 60, pin=(3, 1))]),
        [["1 30", "2 60"], [], [], []],
        [],
        ["pin_missing"],
        id="pin to a sitting that does not exist",
    ),
    pytest.param(
        meeting([item("a", 30), item("b", 60, pin=(1, 2))], cancelled=[(1, 2)]),
        [["1 30", "2 60"], [], []],
        [],
        ["pin_missing"],
        id="pin to a cancelled sitting",
    ),
    pytest.param(
        meeting(
            [item("a", 30), item("heading", children=[item("b", 60), item("c", 60)], pin=(2, 1))]
        ),
        [["1 30"], [], ["2(a) 60", "2(b) 60"], []],
        [],
        [],
        id="a heading's pin moves its first sub-item",
    ),
    pytest.param(
        meeting([item("a", 30), std("adoption_of_report", 60, pin=(1, 2)), item("c", 30)]),
        [["1 30", "3 30"], ["2 60"], [], []],
        [],
        [],
        id="a pinned report is taken up where it is pinned",
    ),
    pytest.param(
        meeting([item("a", 300), item("b", 200)], interpretation=2),
        [["1 180"], [f"1 120{CONT}", "2 60"], [], []],
        [("2", 140)],
        ["does_not_fit", "fit_hint.interpretation", "fit_hint.minutes"],
        id="fewer interpreted meetings than sittings",
    ),
    pytest.param(
        meeting([std("opening"), item("b"), std("adoption_of_report")]),
        [["1 0", "2 0"], [], [], ["3 0"]],
        [],
        [],
        id="no minutes at all",
    ),
    pytest.param(
        meeting([item("a", 180), item("b"), item("c", 30)], days=1, interpretation=2),
        [["1 180", "2 0"], ["3 30"]],
        [],
        [],
        id="an item without minutes is listed where it falls",
    ),
    pytest.param(
        meeting([item("a", 200), item("b", 200)], cancelled=[(1, 2)], interpretation=3),
        [["1 180"], [f"1 20{CONT}", "2 160"], [f"2 40{CONT}"]],
        [],
        [],
        id="a cancelled sitting is skipped",
    ),
    pytest.param(
        meeting([item("a", 30), std("opening", 10)]),
        [["1 30", "2 10"], [], [], []],
        [],
        ["opening_not_first"],
        id="opening that is not the first item",
    ),
    pytest.param(
        meeting([item("a", 30), item("b", 20)], interpretation=0),
        [[], [], [], []],
        [("1", 30), ("2", 20)],
        [
            "no_interpreted_meetings",
            "does_not_fit",
            "does_not_fit",
            "fit_hint.interpretation",
            "fit_hint.minutes",
        ],
        id="no meeting with interpretation",
    ),
    pytest.param(
        meeting([], interpretation=4),
        [[], [], [], []],
        [],
        [],
        id="empty agenda",
    ),
]


@pytest.mark.parametrize(("meeting_data", "sittings", "unplaced", "problems"), CASES)
def test_plan_proposes(
    meeting_data: MeetingData,
    sittings: list[list[str]],
    unplaced: list[tuple[str, int]],
    problems: list[str],
) -> None:
    org = plan(meeting_data)
    assert layout(org) == sittings
    assert overflow(org) == unplaced
    assert keys(org) == problems


@pytest.mark.parametrize(("meeting_data", "sittings", "unplaced", "problems"), CASES)
def test_plan_places_each_minute_once(
    meeting_data: MeetingData,
    sittings: list[list[str]],
    unplaced: list[tuple[str, int]],
    problems: list[str],
) -> None:
    org = plan(meeting_data)
    for leaf_id, minutes in _leaf_minutes(meeting_data).items():
        placed = sum(e.minutes for s in org.sittings for e in s.entries if e.item_id == leaf_id)
        left = sum(o.minutes_unplaced for o in org.overflow if o.item_id == leaf_id)
        assert placed + left == minutes


@pytest.mark.parametrize(("meeting_data", "sittings", "unplaced", "problems"), CASES)
def test_plan_never_overfills_a_sitting(
    meeting_data: MeetingData,
    sittings: list[list[str]],
    unplaced: list[tuple[str, int]],
    problems: list[str],
) -> None:
    for s in plan(meeting_data).sittings:
        assert s.used_minutes == sum(e.minutes for e in s.entries) <= s.capacity_minutes


def _leaf_minutes(m: MeetingData) -> dict[object, int]:
    out: dict[object, int] = {}
    stack = list(m.agenda)
    while stack:
        it = stack.pop()
        if it.children:
            stack.extend(it.children)
        else:
            out[it.public_id] = it.minutes or 0
    return out


def test_does_not_fit_names_the_item_and_its_minutes() -> None:
    org = plan(meeting([item("a", 200), item("b", 250)], days=1, interpretation=2))
    problem, hint = org.problems
    assert (problem.severity, problem.code) == ("error", "does_not_fit")
    assert problem.params == {"item": str(uid("b")), "number": "2", "minutes": 90}
    assert org.overflow == (Overflow(uid("b"), "2", 90),)
    assert hint.params == {"minutes": 90, "numbers": ("1", "2")}


@pytest.mark.parametrize(
    ("meeting_data", "code"),
    [
        (meeting([item("a", 30), item("b", 60, pin=(3, 1))]), "pin_missing"),
        (
            meeting([item("a", 60), item("b", 60, pin=(2, 1))], interpretation=2),
            "pin_not_interpreted",
        ),
        (meeting([item("a", 180, pin=(1, 2)), item("b", 60, pin=(1, 2))]), "pin_collision"),
    ],
)
def test_pin_problems_are_errors_naming_the_sitting(meeting_data: MeetingData, code: str) -> None:
    (problem,) = plan(meeting_data).problems
    assert (problem.severity, problem.code) == ("error", code)
    assert problem.params["number"] == "2"
    assert {"day", "meeting"} <= problem.params.keys()


def test_sittings_without_interpretation_are_returned_empty() -> None:
    org = plan(meeting([item("a", 600)], interpretation=2))
    assert [(s.interpreted, s.entries, s.capacity_minutes) for s in org.sittings[2:]] == [
        (False, (), 180),
        (False, (), 180),
    ]


def test_interpreted_sittings_are_the_first_in_time_whatever_the_slot_order() -> None:
    m = meeting([item("a", 200)], interpretation=1)
    m = replace(m, slots=tuple(reversed(m.slots)))
    org = plan(m)
    assert [(s.slot.day_index, s.slot.index_in_day, s.interpreted) for s in org.sittings] == [
        (1, 1, True),
        (1, 2, False),
        (2, 1, False),
        (2, 2, False),
    ]


def test_cancelled_sittings_are_not_returned() -> None:
    org = plan(meeting([item("a", 30)], cancelled=[(1, 2)]))
    held = [(s.slot.day_index, s.slot.index_in_day) for s in org.sittings]
    assert held == [(1, 1), (2, 1), (2, 2)]


def test_plan_is_deterministic() -> None:
    m = meeting(
        [
            std("opening", 10),
            item("a", 250),
            item("b", 60, pin=(2, 1)),
            item("c"),
            std("adoption_of_report", 90),
        ]
    )
    assert plan(m) == plan(m)
    assert plan(reference_meeting()) == plan(reference_meeting())


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [("10:00", "13:00", 180), ("15:00", "15:45", 45), ("13:00", "10:00", 0)],
)
def test_slot_minutes(start: str, end: str, minutes: int) -> None:
    s = replace(
        slot(1, 1),
        start=time(*map(int, start.split(":"))),
        end=time(*map(int, end.split(":"))),
    )
    assert slot_minutes(s) == minutes
