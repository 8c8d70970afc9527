"""Interpretation capacity shared by the meetings held at one venue.

Conference services staff interpretation teams per venue, not per meeting: at a session of the
Conference, its plenary, its Committee of the Whole and working groups meet in parallel and draw
on the same teams. A venue has a number of teams available in each half-day (morning, afternoon),
with exceptions for given dates. Each interpreted half-day meeting of a meeting held at the venue
takes one team for its half-day.

Plain functions on plain data: which half-day a meeting falls in, what is left of the capacity
for one meeting, which half-days are over-booked and by whom, and how much interpretation each
meeting can be offered when the meetings are served in order of precedence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

Part = Literal["morning", "afternoon"]
PARTS: tuple[Part, ...] = ("morning", "afternoon")

#: A venue's key: the short name meeting files use for it, such as VIC.
VENUE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")

#: A half-day meeting that starts before this local time is a morning meeting.
AFTERNOON_FROM = time(13, 0)


@dataclass(frozen=True, order=True)
class HalfDay:
    """The morning or the afternoon of one date (ordered by date, morning first)."""

    date: date
    index: int  # 0 morning, 1 afternoon

    @property
    def part(self) -> Part:
        return PARTS[self.index]


def half_day(day: date, start: time) -> HalfDay:
    """The half-day a meeting starting at ``start`` (local time) on ``day`` belongs to."""
    return HalfDay(day, 0 if start < AFTERNOON_FROM else 1)


@dataclass(frozen=True)
class Capacity:
    """Interpretation teams available per half-day, with exceptions for given dates (the same
    number for both half-days of the date)."""

    teams: int
    exceptions: Mapping[date, int] = field(default_factory=dict)

    def on(self, when: HalfDay) -> int:
        return self.exceptions.get(when.date, self.teams)


@dataclass(frozen=True)
class Booking:
    """One half-day meeting with interpretation of ``meeting`` (its symbol)."""

    meeting: str
    when: HalfDay


@dataclass(frozen=True)
class Overbooking:
    """A half-day for which more meetings with interpretation are planned than there are teams."""

    when: HalfDay
    meetings: tuple[str, ...]  # symbols, in order of precedence, one per booking
    teams: int

    @property
    def planned(self) -> int:
        return len(self.meetings)

    @property
    def over(self) -> int:
        return self.planned - self.teams


@dataclass(frozen=True)
class Demand:
    """What one meeting held at the venue asks for: its held half-day meetings, in order, and
    how many of them (the first ones, as the organization-of-work planner interprets them) it
    wants interpreted."""

    meeting: str
    half_days: tuple[HalfDay, ...]
    requested: int

    def bookings(self, count: int | None = None) -> tuple[Booking, ...]:
        n = self.requested if count is None else count
        n = max(0, min(n, len(self.half_days)))
        return tuple(Booking(self.meeting, when) for when in self.half_days[:n])


def capacity_left(
    capacity: Capacity, others: Iterable[Booking], half_days: Iterable[HalfDay]
) -> dict[HalfDay, int]:
    """For one meeting: the teams left in each of ``half_days`` once ``others`` (the other
    meetings' bookings) are served. Never below zero."""
    taken = Counter(booking.when for booking in others)
    return {when: max(0, capacity.on(when) - taken[when]) for when in half_days}


def offered(requested: int, half_days: Sequence[HalfDay], left: Mapping[HalfDay, int]) -> int:
    """How many meetings with interpretation a meeting can have with what is ``left``.

    The planner interprets a meeting's first N held half-day meetings; the meeting is offered
    the longest such run, up to ``requested``, that never takes a team a half-day does not have
    (two of its meetings in one half-day take two teams)."""
    remaining = dict(left)
    count = 0
    for when in half_days[: max(0, requested)]:
        if remaining.get(when, 0) <= 0:
            break
        remaining[when] -= 1
        count += 1
    return count


def allocate(capacity: Capacity, demands: Sequence[Demand]) -> dict[str, int]:
    """The meetings with interpretation each meeting is offered, serving ``demands`` in the
    order given (the order of precedence): each takes only what the ones before it left."""
    taken: list[Booking] = []
    out: dict[str, int] = {}
    for demand in demands:
        left = capacity_left(capacity, taken, demand.half_days)
        out[demand.meeting] = offered(demand.requested, demand.half_days, left)
        taken.extend(demand.bookings(out[demand.meeting]))
    return out


def overbookings(capacity: Capacity, demands: Sequence[Demand]) -> tuple[Overbooking, ...]:
    """The half-days for which the meetings ask for more interpretation than there are teams,
    in date order; each lists the meetings that ask (in the order of ``demands``)."""
    by_half_day: dict[HalfDay, list[str]] = {}
    for demand in demands:
        for booking in demand.bookings():
            by_half_day.setdefault(booking.when, []).append(booking.meeting)
    return tuple(
        Overbooking(when, tuple(meetings), capacity.on(when))
        for when, meetings in sorted(by_half_day.items())
        if len(meetings) > capacity.on(when)
    )


# -- what planner says about it (planner check) -------------------------------------------------

#: Whole sentences per language; English where a language has none yet.
_OVERBOOKED = {
    "en": (
        "interpretation over-booked at {venue} on {day}, {part}: {planned} meetings with "
        "interpretation planned ({meetings}) for {teams} {team_word}; {over} too many."
    ),
    "fr": (
        "interprétation surréservée à {venue} le {day}, {part} : {planned} séances avec "
        "interprétation prévues ({meetings}) pour {teams} {team_word} ; {over} de trop."
    ),
}
_PARTS = {
    "en": {"morning": "morning", "afternoon": "afternoon"},
    "fr": {"morning": "matin", "afternoon": "après-midi"},
}
_TEAM_WORDS = {"en": ("team", "teams"), "fr": ("équipe", "équipes")}
_OFFERED = {
    "en": (
        "{meeting} asks for {requested} meetings with interpretation; the teams of {venue} "
        "leave it {offered}, so its proposal plans {offered}."
    ),
    "fr": (
        "{meeting} demande {requested} séances avec interprétation ; les équipes de {venue} "
        "lui en laissent {offered}, et sa proposition en prévoit donc {offered}."
    ),
}


def describe_overbooking(over: Overbooking, venue: str, lang: str) -> str:
    """The over-booking as one sentence in ``lang`` (English where it has no sentence yet)."""
    from planner.core.formatting import join_list, weekday_date

    lang = lang if lang in _OVERBOOKED else "en"
    one, many = _TEAM_WORDS[lang]
    return _OVERBOOKED[lang].format(
        venue=venue,
        day=weekday_date(over.when.date, lang),
        part=_PARTS[lang][over.when.part],
        planned=over.planned,
        meetings=join_list(list(over.meetings), lang),
        teams=over.teams,
        team_word=one if over.teams == 1 else many,
        over=over.over,
    )


def describe_offer(meeting: str, requested: int, offered: int, venue: str, lang: str) -> str:
    lang = lang if lang in _OFFERED else "en"
    return _OFFERED[lang].format(meeting=meeting, requested=requested, offered=offered, venue=venue)
