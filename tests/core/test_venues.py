"""Interpretation capacity shared by the meetings of a venue (planner.core.venues)."""

from __future__ import annotations

from datetime import date, time

import pytest

from planner.core.venues import (
    Booking,
    Capacity,
    Demand,
    HalfDay,
    allocate,
    capacity_left,
    half_day,
    offered,
    overbookings,
)

MON, TUE = date(2026, 3, 9), date(2026, 3, 10)
MON_AM, MON_PM, TUE_AM, TUE_PM = HalfDay(MON, 0), HalfDay(MON, 1), HalfDay(TUE, 0), HalfDay(TUE, 1)
TWO_DAYS = (MON_AM, MON_PM, TUE_AM, TUE_PM)


@pytest.mark.parametrize(
    ("start", "part"),
    [
        (time(9, 0), "morning"),
        (time(10, 0), "morning"),
        (time(12, 59), "morning"),
        (time(13, 0), "afternoon"),
        (time(15, 0), "afternoon"),
        (time(18, 30), "afternoon"),
    ],
)
def test_a_half_day_meeting_falls_in_the_morning_or_the_afternoon(start: time, part: str) -> None:
    assert half_day(MON, start).part == part


def test_an_exception_replaces_the_teams_of_both_half_days_of_its_date() -> None:
    capacity = Capacity(2, {TUE: 1})
    assert [capacity.on(h) for h in TWO_DAYS] == [2, 2, 1, 1]


@pytest.mark.parametrize(
    ("capacity", "others", "left"),
    [
        (Capacity(2), [], [2, 2, 2, 2]),
        (Capacity(2), [Booking("A", MON_AM)], [1, 2, 2, 2]),
        (Capacity(2), [Booking("A", MON_AM), Booking("B", MON_AM)], [0, 2, 2, 2]),
        # over-booked by others: nothing left, never less than nothing
        (Capacity(1), [Booking("A", MON_AM), Booking("B", MON_AM)], [0, 1, 1, 1]),
        (Capacity(2, {TUE: 0}), [Booking("A", MON_PM)], [2, 1, 0, 0]),
    ],
)
def test_capacity_left_for_a_meeting(
    capacity: Capacity, others: list[Booking], left: list[int]
) -> None:
    assert capacity_left(capacity, others, TWO_DAYS) == dict(zip(TWO_DAYS, left, strict=True))


@pytest.mark.parametrize(
    ("requested", "left", "expected"),
    [
        (4, [2, 2, 2, 2], 4),
        (3, [2, 2, 2, 2], 3),
        (4, [1, 1, 0, 1], 2),  # the first N are interpreted: the run stops at Tuesday morning
        (4, [0, 2, 2, 2], 0),
        (0, [2, 2, 2, 2], 0),
    ],
)
def test_a_meeting_is_offered_the_first_half_days_that_have_a_team(
    requested: int, left: list[int], expected: int
) -> None:
    assert offered(requested, TWO_DAYS, dict(zip(TWO_DAYS, left, strict=True))) == expected


def test_two_meetings_of_one_meeting_in_one_half_day_take_two_teams() -> None:
    split = (MON_AM, MON_AM, MON_PM)
    assert offered(3, split, {MON_AM: 1, MON_PM: 2}) == 1


def test_meetings_are_served_in_order_of_precedence() -> None:
    demands = [
        Demand("COP", TWO_DAYS, 4),
        Demand("COW", TWO_DAYS, 4),
        Demand("WG.4", (TUE_AM, TUE_PM), 2),
    ]
    assert allocate(Capacity(2), demands) == {"COP": 4, "COW": 4, "WG.4": 0}
    assert allocate(Capacity(3), demands) == {"COP": 4, "COW": 4, "WG.4": 2}
    assert allocate(Capacity(2, {TUE: 3}), demands)["WG.4"] == 2


def test_overbookings_name_the_half_days_the_meetings_and_by_how_much() -> None:
    demands = [
        Demand("COP", TWO_DAYS, 4),
        Demand("COW", TWO_DAYS, 3),
        Demand("WG.4", (TUE_AM, TUE_PM), 2),
    ]
    found = overbookings(Capacity(2), demands)
    assert [(o.when, o.meetings, o.planned, o.teams, o.over) for o in found] == [
        (TUE_AM, ("COP", "COW", "WG.4"), 3, 2, 1),
    ]
    assert overbookings(Capacity(3), demands) == ()
    assert [o.over for o in overbookings(Capacity(1), demands)] == [1, 1, 2, 1]
