"""Venues: where meetings are held, with the interpretation capacity conference services staff
there (teams per half-day, with exceptions for given dates), shared by the meetings held there."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from planner.models.base import (
    Base,
    Multilingual,
    UTCDateTime,
    known_language,
    language_column,
    public_id_column,
    utcnow,
)


class Venue(Multilingual, Base):
    __tablename__ = "venues"
    __table_args__ = (CheckConstraint("interpretation_teams >= 0", name="teams_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    #: The short name meeting files use for it, such as VIC.
    key: Mapped[str] = mapped_column(String(32), unique=True)
    #: Interpretation teams available per half-day (each staffs one meeting).
    interpretation_teams: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    texts: Mapped[dict[str, VenueText]] = relationship(
        collection_class=attribute_keyed_dict("lang"), cascade="all, delete-orphan"
    )
    rooms: Mapped[list[VenueRoom]] = relationship(
        cascade="all, delete-orphan", order_by="VenueRoom.position"
    )
    exceptions: Mapped[list[CapacityException]] = relationship(
        cascade="all, delete-orphan", order_by="CapacityException.date"
    )

    __mapper_args__ = {"version_id_col": version}

    def teams_on(self) -> dict[date, int]:
        return {row.date: row.teams for row in self.exceptions}


class VenueText(Base):
    __tablename__ = "venue_texts"
    __table_args__ = (known_language(),)

    venue_id: Mapped[int] = mapped_column(
        ForeignKey("venues.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")


class VenueRoom(Base):
    """A room of the venue, as signposted there (optional)."""

    __tablename__ = "venue_rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))


class CapacityException(Base):
    """Another number of interpretation teams on one date (both half-days)."""

    __tablename__ = "venue_capacity_exceptions"
    __table_args__ = (
        UniqueConstraint("venue_id", "date", name="uq_venue_capacity_exceptions_venue_date"),
        CheckConstraint("teams >= 0", name="teams_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"))
    date: Mapped[date]
    teams: Mapped[int]
