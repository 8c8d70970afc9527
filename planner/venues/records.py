"""Venue records to and from meeting-file specs (used by the importer and the exporter)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.meetingfile import VenueSpec
from planner.models import CapacityException, Venue, VenueRoom, VenueText
from planner.services.sync import set_texts


def venue_by_key(session: Session, key: str) -> Venue | None:
    return session.scalar(select(Venue).where(Venue.key == key))


def venue_spec(venue: Venue) -> VenueSpec:
    return VenueSpec(
        key=venue.key,
        name=venue.text("name"),
        rooms=tuple(room.name for room in venue.rooms),
        interpretation_teams=venue.interpretation_teams,
        capacity_exceptions=venue.teams_on(),
        id=venue.public_id,
    )


def upsert_venue(venue: Venue, spec: VenueSpec) -> None:
    """Make ``venue`` what ``spec`` says (its key and identifier are the caller's)."""
    venue.key = spec.key
    venue.interpretation_teams = spec.interpretation_teams
    set_texts(venue.texts, lambda lang: VenueText(lang=lang), {"name": spec.name})
    rooms = venue.rooms
    del rooms[len(spec.rooms) :]
    for position, name in enumerate(spec.rooms):
        if position < len(rooms):
            rooms[position].name = name
            rooms[position].position = position
        else:
            rooms.append(VenueRoom(name=name, position=position))
    present = {row.date: row for row in venue.exceptions}
    for day, row in list(present.items()):
        if day not in spec.capacity_exceptions:
            venue.exceptions.remove(row)
    for day, teams in sorted(spec.capacity_exceptions.items()):
        row = present.get(day)
        if row is None:
            venue.exceptions.append(CapacityException(date=day, teams=teams))
        elif row.teams != teams:
            row.teams = teams
