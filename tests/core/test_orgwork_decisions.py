"""The staff's decisions as constraints of one plan (issue 10, requirement 1).

The meeting is the one the issue tried: three days, five half-day meetings (the afternoon of the
second day free), an agenda that runs one item longer than the reference meeting's.
"""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

import pytest

from planner.core.orgwork import OrgOfWork, plan
from planner.core.plain import ItemData, MeetingData, Pin, Placement
from tests.core.builders import item, meeting, placed, std, uid


def three_days(interpretation: int = 5, **kwargs: object) -> MeetingData:
    agenda = [
        std("organizational_matters", children=[std("opening", 10), std("adoption_of_agenda", 20)]),
        item("2", 240),
        item("3", 270),
        item("4", 120),
        std("other_matters", 30),
        std("adoption_of_report", 150),
        item("7", 30),
    ]
    return meeting(
        agenda,
        days=3,
        slots_per_day=2,
        cancelled=[(2, 2)],
        interpretation=interpretation,
        **kwargs,  # type: ignore[arg-type]
    )


def where(org: OrgOfWork) -> dict[UUID, list[tuple[int, int, int]]]:
    """Each item's (day, meeting, minutes) parts, in time order."""
    out: dict[UUID, list[tuple[int, int, int]]] = {}
    for s in org.sittings:
        for e in s.entries:
            out.setdefault(e.item_id, []).append((s.slot.day_index, s.slot.index_in_day, e.minutes))
    return out


def numbers(org: OrgOfWork) -> list[list[str]]:
    return [[e.number for e in s.entries] for s in org.sittings]


def with_decisions(m: MeetingData, *placements: Placement) -> MeetingData:
    return replace(m, placements=placements)


def test_the_proposal_of_the_three_day_meeting() -> None:
    org = plan(three_days())
    assert numbers(org) == [
        ["1(a)", "1(b)", "2"],
        ["2", "3"],
        ["3"],
        ["4", "5", "7"],
        ["6"],
    ]
    assert org.overflow == ()


def test_moving_one_item_to_a_meeting_with_room_leaves_every_other_item_where_it_was() -> None:
    m = three_days()
    before = where(plan(m))
    # The report's meeting has 30 minutes free: item 5 (other matters) goes there.
    after = where(plan(with_decisions(m, *placed({(3, 2): ["other_matters"]}))))
    assert after.pop(uid("other_matters")) == [(3, 2, 30)]
    before.pop(uid("other_matters"))
    assert after == before


def test_moving_one_item_into_a_full_meeting_moves_only_what_has_to_move() -> None:
    m = three_days()
    before = plan(m)
    after = plan(with_decisions(m, *placed({(1, 2): ["other_matters"]})))
    # No meeting holds more than it lasts ("360 of 180 minutes used")...
    assert all(s.used_minutes <= s.capacity_minutes for s in after.sittings)
    # ...no item's time changes ("30 became 60")...
    totals = {i: sum(m for _d, _s, m in parts) for i, parts in where(after).items()}
    assert totals == {i: sum(m for _d, _s, m in p) for i, p in where(before).items()}
    # ...and only item 3, which ran after the moved item's new place, shifts by its 30 minutes.
    changed = {i for i, parts in where(after).items() if where(before)[i] != parts}
    assert changed == {uid("3"), uid("other_matters")}
    assert where(after)[uid("3")] == [(1, 2, 60), (2, 1, 180), (3, 1, 30)]
    assert after.overflow == ()


def test_releasing_a_placement_gives_back_the_proposal() -> None:
    m = three_days()
    moved = plan(with_decisions(m, *placed({(1, 2): ["other_matters"]})))
    assert moved != plan(m)
    assert plan(with_decisions(m)) == plan(m)


def test_an_item_can_be_moved_back_to_where_the_proposal_had_it() -> None:
    m = three_days()
    back = plan(with_decisions(m, *placed({(3, 1): ["other_matters"]})))
    assert where(back) == where(plan(m))
    assert [e.source for e in back.sittings[3].entries] == ["proposal", "placed", "proposal"]


def test_the_report_is_last_and_agenda_order_holds_when_items_do_not_fit() -> None:
    # Interpretation for 3 of the 5 meetings: not everything fits.
    org = plan(three_days(interpretation=3))
    placed_numbers = [n for s in org.sittings for n in [e.number for e in s.entries]]
    # The items placed are the agenda from its start, then the report; nothing jumps ahead of
    # an item that does not fit (item 7, after the report on the agenda, does not come first).
    assert placed_numbers == ["1(a)", "1(b)", "2", "2", "3", "3", "6"]
    assert [(o.number, o.minutes_unplaced) for o in org.overflow] == [
        ("3", 150),
        ("4", 120),
        ("5", 30),
        ("7", 30),
    ]


def test_what_does_not_fit_says_what_would_make_it_fit() -> None:
    org = plan(three_days(interpretation=3))
    assert org.fit is not None
    # Interpretation for the first meeting without it is not enough (330 minutes are left over)...
    assert org.fit.slot is None
    assert org.fit.minutes == 330
    assert org.fit.numbers == ("1(a)", "1(b)", "2", "3", "4", "5", "6", "7")
    hints = [p for p in org.problems if p.code.startswith("fit_hint")]
    assert [p.message_key for p in hints] == ["fit_hint.minutes"]
    # ...but with 4 meetings with interpretation, one more (the afternoon of day 3) is.
    four = plan(three_days(interpretation=4))
    assert four.fit is not None and four.fit.slot is not None
    assert (four.fit.slot.day_index, four.fit.slot.index_in_day) == (3, 2)
    hint = next(p for p in four.problems if p.message_key == "fit_hint.interpretation")
    assert hint.params == {"day": 3, "meeting": 2}


def test_a_left_over_item_can_be_placed() -> None:
    m = three_days(interpretation=3)
    assert "5" in [o.number for o in plan(m).overflow]
    org = plan(with_decisions(m, *placed({(3, 1): ["other_matters"]})))
    assert "5" not in [o.number for o in org.overflow]
    assert [(e.number, e.minutes, e.source) for e in org.sittings[3].entries] == [
        ("5", 30, "placed")
    ]
    # Staff may place it in a meeting without interpretation; planner says so.
    assert "placed_not_interpreted" in [p.code for p in org.problems]


def test_a_pin_is_honoured_even_where_the_items_before_it_would_have_run() -> None:
    # The pin: item 4 to the morning of day 2, which items 2 and 3 fill in the proposal.
    m = three_days()
    agenda = tuple(replace(i, pin=None) for i in m.agenda)
    pinned = replace(agenda[3], pin=Pin(2, 1))
    org = plan(replace(m, agenda=(*agenda[:3], pinned, *agenda[4:])))
    day2 = org.sittings[2]
    assert [e.number for e in day2.entries][:2] == ["3", "4"]
    assert where(org)[uid("4")][0][:2] == (2, 1)
    assert [p.code for p in org.problems] == []
    assert all(s.used_minutes <= s.capacity_minutes for s in org.sittings)


@pytest.mark.parametrize(
    ("pins", "code", "extra"),
    [
        ({"4": (2, 2)}, "pin_missing", {}),  # the free afternoon
        ({"4": (4, 1)}, "pin_missing", {}),
        ({"2": (1, 2), "3": (1, 2), "4": (1, 2)}, "pin_collision", {"numbers": ("2",)}),
    ],
)
def test_a_pin_that_cannot_be_honoured_is_reported_with_the_reason(
    pins: dict[str, tuple[int, int]], code: str, extra: dict[str, object]
) -> None:
    m = three_days()

    def pin_of(it: ItemData) -> ItemData:
        name = next((n for n in pins if uid(n) == it.public_id), None)
        return replace(it, pin=Pin(*pins[name]) if name else None)

    org = plan(replace(m, agenda=tuple(pin_of(i) for i in m.agenda)))
    problems = [p for p in org.problems if p.code == code]
    assert problems, org.problems
    assert problems[-1].params["number"] == "4"
    for key, value in extra.items():
        assert problems[-1].params[key] == value


def test_a_pin_to_a_meeting_without_interpretation_is_reported() -> None:
    m = three_days(interpretation=3)
    agenda = tuple(replace(i, pin=Pin(3, 1)) if i.public_id == uid("4") else i for i in m.agenda)
    org = plan(replace(m, agenda=agenda))
    assert [p.params["number"] for p in org.problems if p.code == "pin_not_interpreted"] == ["4"]


def test_a_closed_meeting_takes_no_further_items() -> None:
    m = three_days()
    closed = tuple(replace(s, closed=True) if s.day_index == 2 else s for s in m.slots)
    org = plan(replace(m, slots=closed))
    day2 = next(s for s in org.sittings if s.slot.day_index == 2)
    assert day2.closed and day2.entries == ()
    # ...but keeps what staff put there.
    kept = plan(replace(m, slots=closed, placements=placed({(2, 1): ["4"]})))
    assert [e.number for e in next(s for s in kept.sittings if s.slot.day_index == 2).entries] == [
        "4"
    ]


def test_an_items_minutes_can_be_split_between_meetings() -> None:
    m = three_days()
    org = plan(with_decisions(m, *placed({(1, 2): ["3:100"], (2, 1): ["3"]})))
    assert where(org)[uid("3")] == [(1, 2, 100), (2, 1, 170)]
    assert all(s.used_minutes <= s.capacity_minutes for s in org.sittings)


def test_changing_an_items_minutes_moves_only_the_items_after_it() -> None:
    m = three_days()
    shorter = tuple(replace(i, minutes=60) if i.public_id == uid("4") else i for i in m.agenda)
    before, after = where(plan(m)), where(plan(replace(m, agenda=shorter)))
    assert after[uid("4")] == [(3, 1, 60)]
    for name in ("opening", "adoption_of_agenda", "2", "3"):
        assert after[uid(name)] == before[uid(name)]


def test_a_meeting_can_be_marked_with_or_without_interpretation() -> None:
    # As a venue's capacity left per half-day would: no interpretation on day 1's afternoon.
    m = three_days()
    marked = tuple(
        replace(s, interpreted=False) if (s.day_index, s.index_in_day) == (1, 2) else s
        for s in m.slots
    )
    org = plan(replace(m, slots=marked))
    assert [s.interpreted for s in org.sittings] == [True, False, True, True, True]
    assert org.sittings[1].entries == ()


def test_placements_of_unknown_items_and_cancelled_meetings_are_reported() -> None:
    m = three_days()
    org = plan(
        with_decisions(
            m,
            Placement(uid("nothing"), uid("slot 1.1")),
            Placement(uid("4"), uid("slot 2.2")),
        )
    )
    assert [p.message_key for p in org.problems if p.code.startswith("placement")] == [
        "placement_unknown_item",
        "placement_slot_missing.cancelled",
    ]
    # The item whose placement cannot be honoured stays where the proposal has it.
    assert where(org)[uid("4")] == where(plan(m))[uid("4")]


def test_placing_a_heading_places_its_sub_items() -> None:
    org = plan(with_decisions(three_days(), *placed({(3, 2): ["organizational_matters"]})))
    assert [e.number for e in org.sittings[4].entries] == ["1(a)", "1(b)", "6"]


def test_plan_with_decisions_is_deterministic() -> None:
    m = with_decisions(three_days(interpretation=4), *placed({(1, 2): ["other_matters", "7"]}))
    assert plan(m) == plan(m)


def test_the_fit_hint_names_only_items_whose_time_would_help() -> None:
    # Item 2 pinned to day 2 leaves day 1 nearly empty: shortening 1(a) or 1(b) would not help
    # the items that do not fit, which come after the pin.
    m = three_days(interpretation=4)
    agenda = tuple(replace(i, pin=Pin(2, 1)) if i.public_id == uid("2") else i for i in m.agenda)
    org = plan(replace(m, agenda=agenda))
    assert org.fit is not None and org.overflow
    assert "1(a)" not in org.fit.numbers and "1(b)" not in org.fit.numbers
    assert {o.number for o in org.overflow} <= set(org.fit.numbers)
