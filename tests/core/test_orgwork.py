from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from planner.core.orgwork import Entry, OrgOfWork, Overflow, plan, slot_minutes
from planner.core.plain import FixedSitting, MeetingData
from tests.core.builders import fixed, item, meeting, reference_meeting, slot, std, uid

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
    assert org.fixed is False


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
        ["does_not_fit"],
        id="overflow reported with the unplaced minutes",
    ),
    pytest.param(
        meeting([item("a", 100), item("b", 300), item("c", 60)], days=1, interpretation=2),
        [["1 100", "2 80"], [f"2 180{CONT}"]],
        [("2", 40), ("3", 60)],
        ["does_not_fit", "does_not_fit"],
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
        ["does_not_fit"],
        id="report kept when the items before it need more than all sittings",
    ),
    pytest.param(
        meeting([item("a", 60), std("adoption_of_report", 200)], days=1, interpretation=2),
        [["1 60"], ["2 180"]],
        [("2", 20)],
        ["does_not_fit"],
        id="report longer than the last sitting overflows its remainder",
    ),
    pytest.param(
        meeting([item("a", 60), std("adoption_of_report", 60), item("late", 30)]),
        [["1 60"], [], [], ["2 60", "3 30"]],
        [],
        [],
        id="items after the report follow it in the last sitting",
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
        ["pin_collision.continued"],
        id="pin to a sitting occupied by a continuing item",
    ),
    pytest.param(
        meeting([item("a", 400), item("b", 60, pin=(1, 2))]),
        [["1 180"], [f"1 180{CONT}"], [f"1 40{CONT}", "2 60"], []],
        [],
        ["pin_collision.passed"],
        id="pin to a sitting already passed",
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
        [["1 30"], ["2 60", "3 30"], [], []],
        [],
        [],
        id="a pinned report is taken up where it is pinned",
    ),
    pytest.param(
        meeting([item("a", 300), item("b", 200)], interpretation=2),
        [["1 180"], [f"1 120{CONT}", "2 60"], [], []],
        [("2", 140)],
        ["does_not_fit"],
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
        ["no_interpreted_meetings"],
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
    assert org.fixed is False


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
    (problem,) = org.problems
    assert (problem.severity, problem.code) == ("error", "does_not_fit")
    assert problem.params == {"item": str(uid("b")), "number": "2", "minutes": 90}
    assert org.overflow == (Overflow(uid("b"), "2", 90),)


@pytest.mark.parametrize(
    ("meeting_data", "code"),
    [
        (meeting([item("a", 30), item("b", 60, pin=(3, 1))]), "pin_missing"),
        (
            meeting([item("a", 60), item("b", 60, pin=(2, 1))], interpretation=2),
            "pin_not_interpreted",
        ),
        (meeting([item("a", 250), item("b", 60, pin=(1, 2))]), "pin_collision"),
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


# --- A fixed organization of work ---------------------------------------------------------------


def _fixed_meeting(plan_: dict[tuple[int, int], list[str]], **kwargs: object) -> MeetingData:
    agenda = [
        std("organizational_matters", children=[std("opening", 10), std("adoption_of_agenda", 20)]),
        item("2", 240),
        item("3", 270),
        std("other_matters", 30),
        std("adoption_of_report", 150),
    ]
    return meeting(agenda, fixed_orgwork=fixed(plan_), **kwargs)  # type: ignore[arg-type]


def test_fixed_orgwork_is_followed_exactly() -> None:
    m = _fixed_meeting(
        {
            (1, 1): ["opening", "adoption_of_agenda", "2", "3"],
            (1, 2): ["3"],
            (2, 1): ["3", "other_matters"],
            (2, 2): ["adoption_of_report"],
        }
    )
    org = plan(m)
    assert org.fixed is True
    # Item 2 was fixed whole into the first meeting: it takes its 240 minutes there (the
    # meeting is over capacity, and says so), leaving nothing of that meeting to item 3.
    assert layout(org) == [
        ["1(a) 10", "1(b) 20", "2 240", "3 0"],
        [f"3 180{CONT}"],
        [f"3 90{CONT}", "4 30"],
        ["5 150"],
    ]
    assert [p.code for p in org.problems] == ["sitting_over_capacity"]
    assert org.overflow == ()


def test_fixed_orgwork_shares_an_items_minutes_as_the_proposal_would() -> None:
    """Each meeting but the item's last gives it what is left of the meeting; the last takes
    the rest (so a fixed copy of the proposal keeps the proposal's minutes)."""
    org = plan(_fixed_meeting({(1, 1): ["2", "3"], (1, 2): ["2"], (2, 1): ["2"]}))
    minutes = [e.minutes for s in org.sittings for e in s.entries if e.item_id == uid("2")]
    assert minutes == [180, 60, 0]
    minutes_3 = [e.minutes for s in org.sittings for e in s.entries if e.item_id == uid("3")]
    assert minutes_3 == [270]
    org = plan(_fixed_meeting({(1, 1): ["3"], (1, 2): ["3"], (2, 1): ["3"], (2, 2): ["3"]}))
    assert [e.minutes for s in org.sittings for e in s.entries] == [180, 90, 0, 0]


def test_a_fixed_copy_of_the_proposal_keeps_its_minutes_and_has_no_problem() -> None:
    proposal = plan(_fixed_meeting({}))
    copied = {
        (s.slot.day_index, s.slot.index_in_day): [
            {
                "1(a)": "opening",
                "1(b)": "adoption_of_agenda",
                "4": "other_matters",
                "5": "adoption_of_report",
            }.get(e.number, e.number)
            for e in s.entries
        ]
        for s in proposal.sittings
    }
    fixed_org = plan(_fixed_meeting(copied))
    assert layout(fixed_org) == layout(proposal)
    assert fixed_org.problems == ()


def test_fixed_orgwork_detects_continued_in_time_order_not_list_order() -> None:
    m = _fixed_meeting({(2, 1): ["2"], (1, 1): ["2"]})
    org = plan(m)
    assert layout(org)[0] == ["2 180"]
    assert layout(org)[2] == [f"2 60{CONT}"]


def test_fixed_orgwork_warns_of_items_not_scheduled() -> None:
    org = plan(_fixed_meeting({(1, 1): ["opening", "adoption_of_agenda", "2"], (2, 2): ["3"]}))
    not_scheduled = [
        (p.severity, p.params["number"]) for p in org.problems if p.code == "not_scheduled"
    ]
    assert not_scheduled == [("warning", "4"), ("warning", "5")]


def test_fixed_orgwork_counts_a_heading_as_scheduling_its_sub_items() -> None:
    org = plan(
        _fixed_meeting(
            {
                (1, 1): ["organizational_matters", "2"],
                (1, 2): ["3"],
                (2, 2): ["other_matters", "adoption_of_report"],
            }
        )
    )
    assert layout(org)[0] == ["1 30", "2 240"]
    assert [p.code for p in org.problems if p.code == "not_scheduled"] == []


def test_fixed_orgwork_warns_of_sittings_without_interpretation() -> None:
    agenda = [
        std("opening", 10),
        item("b", 30),
        std("other_matters", 10),
        std("adoption_of_report", 20),
    ]
    plan_ = {(1, 1): ["opening", "b"], (1, 2): ["other_matters"], (2, 1): ["adoption_of_report"]}
    org = plan(meeting(agenda, interpretation=2, fixed_orgwork=fixed(plan_)))
    (problem,) = org.problems
    assert (problem.severity, problem.code, problem.params) == (
        "warning",
        "fixed_not_interpreted",
        {"day": 2, "meeting": 1},
    )
    assert [s.interpreted for s in org.sittings] == [True, True, False, False]
    assert layout(org) == [["1 10", "2 30"], ["3 10"], ["4 20"], []]


def test_fixed_orgwork_warns_of_an_overfull_sitting() -> None:
    org = plan(
        _fixed_meeting(
            {
                (1, 1): [
                    "opening",
                    "adoption_of_agenda",
                    "2",
                    "3",
                    "other_matters",
                    "adoption_of_report",
                ]
            }
        )
    )
    over = [p for p in org.problems if p.code == "sitting_over_capacity"]
    assert [(p.severity, p.params) for p in over] == [
        ("warning", {"day": 1, "meeting": 1, "minutes": 720, "capacity": 180})
    ]


def test_fixed_orgwork_reports_unknown_items_and_cancelled_sittings() -> None:
    m = _fixed_meeting(
        {(1, 1): ["opening", "adoption_of_agenda", "not on the agenda"], (1, 2): ["2", "3"]},
        cancelled=[(1, 2)],
    )
    org = plan(m)
    assert [(p.severity, p.message_key) for p in org.problems] == [
        ("error", "fixed_unknown_item"),
        ("error", "fixed_slot_missing.cancelled"),
        *[("warning", "not_scheduled")] * 4,
    ]
    assert org.problems[0].params == {"item": str(uid("not on the agenda"))}
    assert org.problems[1].params == {"day": 1, "meeting": 2, "numbers": ("2", "3")}
    assert layout(org) == [["1(a) 10", "1(b) 20"], [], []]


def test_fixed_orgwork_reports_a_sitting_that_is_not_among_the_slots() -> None:
    stray = FixedSitting(slot_id=uid("nowhere"), item_ids=(uid("2"),))
    m = replace(
        _fixed_meeting({(1, 1): ["opening"]}), fixed_orgwork=(stray, *fixed({(1, 1): ["opening"]}))
    )
    org = plan(m)
    first = org.problems[0]
    assert (first.message_key, first.params) == (
        "fixed_slot_missing",
        {"slot": str(uid("nowhere")), "numbers": ("2",)},
    )


def test_fixed_orgwork_ignores_pins() -> None:
    m = meeting(
        [item("a", 30), item("b", 30, pin=(2, 2))], fixed_orgwork=fixed({(1, 1): ["a", "b"]})
    )
    assert layout(plan(m)) == [["1 30", "2 30"], [], [], []]
    assert plan(m).problems == ()


def test_an_empty_fixed_orgwork_means_a_proposal() -> None:
    m = replace(reference_meeting(), fixed_orgwork=())
    assert plan(m) == plan(reference_meeting())
