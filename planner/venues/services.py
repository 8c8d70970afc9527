"""Interpretation shared by the meetings of a venue: what each meeting asks for, what it is
offered, and where the venue is over-booked. The rules are in :mod:`planner.core.venues`; this
module reads the records they need. Functions flush; the caller commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.meetingfile import VenueSpec
from planner.core.venues import (
    PARTS,
    Capacity,
    Demand,
    HalfDay,
    Overbooking,
    allocate,
    half_day,
    overbookings,
)
from planner.models import Body, CapacityException, Meeting, TimeSlot, Venue
from planner.models.base import utcnow
from planner.services.concurrency import check_version
from planner.venues.records import upsert_venue

#: Meetings that will not be held book no interpretation.
NOT_HELD = ("postponed", "cancelled")


@dataclass(frozen=True)
class Booked:
    """One meeting held at a venue, as the capacity rules see it."""

    meeting_id: int
    symbol: str
    body_id: int
    start: date
    end: date
    demand: Demand
    slots: tuple[tuple[date, time, time], ...]  # its held half-day meetings, in order


def capacity_of(venue: Venue) -> Capacity:
    return Capacity(venue.interpretation_teams, venue.teams_on())


def _depths(session: Session) -> dict[int, int]:
    """Each body's depth below the top of its tree (the Conference 0, its working groups 1)."""
    parents: dict[int, int | None] = {
        row.id: row.parent_id for row in session.execute(select(Body.id, Body.parent_id))
    }
    depths: dict[int, int] = {}

    def depth(body_id: int, seen: frozenset[int] = frozenset()) -> int:
        if body_id not in depths:
            parent = parents.get(body_id)
            depths[body_id] = (
                0 if parent is None or parent in seen else depth(parent, seen | {body_id}) + 1
            )
        return depths[body_id]

    for body_id in parents:
        depth(body_id)
    return depths


def booked(session: Session, venue_ids: Iterable[int]) -> dict[int, list[Booked]]:
    """The meetings held at each venue, in order of precedence: meetings of a body before those
    of its subsidiary bodies (the Conference before its working groups), then by first day,
    then by symbol. Two queries, whatever the number of meetings."""
    wanted = set(venue_ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.venue_id,
            Meeting.symbol,
            Meeting.body_id,
            Meeting.start_date,
            Meeting.end_date,
            Meeting.interpretation_meetings,
        ).where(Meeting.venue_id.in_(wanted), Meeting.status.not_in(NOT_HELD))
    ).all()
    slots: dict[int, list[tuple[date, time, time]]] = {}
    for meeting_id, day, start, end in session.execute(
        select(TimeSlot.meeting_id, TimeSlot.date, TimeSlot.start, TimeSlot.end)
        .where(TimeSlot.meeting_id.in_([row.id for row in rows]), TimeSlot.cancelled.is_(False))
        .order_by(TimeSlot.meeting_id, TimeSlot.date, TimeSlot.start)
    ):
        slots.setdefault(meeting_id, []).append((day, start, end))
    depths = _depths(session)
    out: dict[int, list[Booked]] = {venue_id: [] for venue_id in wanted}
    for row in sorted(rows, key=lambda r: (depths.get(r.body_id, 0), r.start_date, r.symbol)):
        held = tuple(slots.get(row.id, ()))
        half_days = tuple(half_day(day, start) for day, start, _end in held)
        requested = min(row.interpretation_meetings, len(half_days))
        demand = Demand(row.symbol, half_days, requested)
        out[row.venue_id].append(
            Booked(row.id, row.symbol, row.body_id, row.start_date, row.end_date, demand, held)
        )
    return out


def offers(session: Session, venue_ids: Iterable[int]) -> dict[int, int]:
    """The meetings with interpretation each meeting held at these venues is offered (by
    meeting id): what its venue's teams leave once the meetings before it are served."""
    wanted = set(venue_ids)
    if not wanted:
        return {}
    venues = {v.id: v for v in session.scalars(select(Venue).where(Venue.id.in_(wanted)))}
    out: dict[int, int] = {}
    for venue_id, meetings in booked(session, wanted).items():
        allocation = allocate(capacity_of(venues[venue_id]), [b.demand for b in meetings])
        out.update((b.meeting_id, allocation[b.symbol]) for b in meetings)
    return out


def offered(session: Session, meeting: Meeting) -> int:
    """The meetings with interpretation ``meeting`` is offered: what it asks for when it is not
    held at a venue (or will not be held), else what its venue has left for it."""
    if meeting.venue_id is None or meeting.id is None:
        return meeting.interpretation_meetings
    return offers(session, [meeting.venue_id]).get(meeting.id, meeting.interpretation_meetings)


def venue_mates(session: Session, meeting: Meeting) -> list[Meeting]:
    """The other meetings held at ``meeting``'s venue (their interpretation depends on it)."""
    if meeting.venue_id is None:
        return []
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.venue_id == meeting.venue_id, Meeting.id != meeting.id)
            .order_by(Meeting.start_date, Meeting.id)
        )
    )


# -- reports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VenueReport:
    venue: Venue
    capacity: Capacity
    meetings: tuple[Booked, ...]
    overbooked: tuple[Overbooking, ...]
    offered: dict[str, int]  # symbol → meetings with interpretation offered


def report(session: Session, venue: Venue) -> VenueReport:
    meetings = booked(session, [venue.id])[venue.id]
    capacity = capacity_of(venue)
    demands = [b.demand for b in meetings]
    return VenueReport(
        venue,
        capacity,
        tuple(meetings),
        overbookings(capacity, demands),
        allocate(capacity, demands),
    )


def overbookings_of(
    session: Session, meeting: Meeting
) -> tuple[VenueReport | None, list[Overbooking]]:
    """The over-booked half-days of ``meeting``'s venue that involve ``meeting``."""
    venue = meeting.venue_record
    if venue is None:
        return None, []
    found = report(session, venue)
    return found, [o for o in found.overbooked if meeting.symbol in o.meetings]


def venues(session: Session) -> Sequence[Venue]:
    return session.scalars(select(Venue).order_by(Venue.key)).all()


def by_public_id(session: Session, public_id: object) -> Venue | None:
    return session.scalar(select(Venue).where(Venue.public_id == public_id))


def exceptions_of(venue: Venue) -> list[CapacityException]:
    return list(venue.exceptions)


# -- the venue calendar --------------------------------------------------------------------------

#: How a meeting's half-day meeting stands: interpreted; interpretation asked for but no team
#: left for it (the proposal plans it without); or planned without interpretation.
State = Literal["interpreted", "no_team_left", "not_interpreted"]

#: The longest range the calendar shows at once.
MAX_DAYS = 92


@dataclass(frozen=True)
class Sitting:
    start: time
    end: time
    state: State


@dataclass(frozen=True)
class Row:
    when: HalfDay
    cells: tuple[tuple[Sitting, ...], ...]  # per meeting (column), its sittings in this half-day
    planned: int  # meetings with interpretation asked for
    teams: int

    @property
    def over(self) -> int:
        return max(0, self.planned - self.teams)


@dataclass(frozen=True)
class Calendar:
    venue: Venue
    start: date
    end: date
    meetings: tuple[Booked, ...]  # the columns, in order of precedence
    bodies: dict[int, Body]
    rows: tuple[Row, ...]
    overbooked: tuple[Overbooking, ...]  # in the range


def calendar(session: Session, venue: Venue, start: date, end: date) -> Calendar:
    """Days × half-days × meetings of ``venue`` from ``start`` to ``end``."""
    found = report(session, venue)
    columns = tuple(b for b in found.meetings if any(start <= s[0] <= end for s in b.slots))
    states: dict[tuple[int, int], State] = {}
    for column, booked_meeting in enumerate(columns):
        offer = found.offered[booked_meeting.symbol]
        for index in range(len(booked_meeting.slots)):
            if index < offer:
                states[(column, index)] = "interpreted"
            elif index < booked_meeting.demand.requested:
                states[(column, index)] = "no_team_left"
            else:
                states[(column, index)] = "not_interpreted"
    rows = []
    day = start
    while day <= end:
        for index in range(len(PARTS)):
            when = HalfDay(day, index)
            cells = []
            for column, booked_meeting in enumerate(columns):
                cells.append(
                    tuple(
                        Sitting(s[1], s[2], states[(column, i)])
                        for i, s in enumerate(booked_meeting.slots)
                        if half_day(s[0], s[1]) == when
                    )
                )
            planned = sum(1 for b in found.meetings for h in b.demand.bookings() if h.when == when)
            rows.append(Row(when, tuple(cells), planned, found.capacity.on(when)))
        day += timedelta(days=1)
    bodies = {
        b.id: b
        for b in session.scalars(select(Body).where(Body.id.in_({m.body_id for m in columns})))
    }
    overbooked = tuple(o for o in found.overbooked if start <= o.when.date <= end)
    return Calendar(venue, start, end, columns, bodies, tuple(rows), overbooked)


def default_range(session: Session, venue: Venue, today: date) -> tuple[date, date]:
    """The dates the calendar opens on: the next meeting held at the venue (or, when none is
    ahead, the last one) and the meetings that overlap it, at most :data:`MAX_DAYS` days."""
    meetings = booked(session, [venue.id])[venue.id]
    if not meetings:
        return today, today + timedelta(days=13)
    ahead = [b for b in meetings if b.end >= today]
    first = min(ahead, key=lambda b: b.start) if ahead else max(meetings, key=lambda b: b.start)
    start, end = first.start, first.end
    grown = True
    while grown:
        grown = False
        for b in meetings:
            if b.start <= end and b.end >= start and (b.start < start or b.end > end):
                start, end = min(start, b.start), max(end, b.end)
                grown = True
    return start, min(end, start + timedelta(days=MAX_DAYS - 1))


# -- saving through the form ---------------------------------------------------------------------


def key_problem(session: Session, key: str, venue: Venue | None) -> str | None:
    from flask_babel import gettext as _

    other = session.scalar(select(Venue).where(Venue.key == key))
    if other is not None and other is not venue:
        return _("Another venue already has the key %(key)s.", key=key)
    return None


def save_venue(
    session: Session, venue: Venue | None, spec: VenueSpec, version: str | None
) -> Venue:
    """Create or update a venue from the form; raise StaleEdit if a colleague saved it since
    ``version``. The meetings held there get their calendar revisions refreshed (what they are
    offered may have changed)."""
    from planner.services.revisions import refresh_venue

    if venue is None:
        venue = Venue(key=spec.key)
        session.add(venue)
    else:
        check_version(venue, version)
    upsert_venue(venue, spec)
    venue.updated_at = utcnow()  # a new version even when only child rows changed
    session.flush()
    held_here = session.scalars(select(Meeting).where(Meeting.venue_id == venue.id)).all()
    refresh_venue(session, list(held_here))
    return venue
