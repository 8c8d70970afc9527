"""A meeting (or session) of a body: its days, half-day meetings and interpretation capacity."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from planner.core.plain import MEETING_FORMATS, MEETING_STATUSES
from planner.models.base import (
    Base,
    Multilingual,
    UTCDateTime,
    known_language,
    language_column,
    one_of,
    public_id_column,
    utcnow,
)

if TYPE_CHECKING:
    from planner.models.agenda import AgendaItem
    from planner.models.bodies import Body
    from planner.models.venues import Venue


class Meeting(Multilingual, Base):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("end_date >= start_date", name="end_not_before_start"),
        CheckConstraint("interpretation_meetings >= 0", name="interpretation_not_negative"),
        one_of("format", MEETING_FORMATS, "format"),
        one_of("status", MEETING_STATUSES, "status"),
        known_language("original_language", "original_language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    symbol: Mapped[str] = mapped_column(String(96), unique=True)
    number: Mapped[int]
    start_date: Mapped[date]
    end_date: Mapped[date]
    timezone: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(16), default="in_person")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    original_language: Mapped[str] = mapped_column(String(2), default="en")
    interpretation_meetings: Mapped[int] = mapped_column(default=0)
    issued: Mapped[date | None]
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Where it is held, for the interpretation capacity it shares (planner.models.venues).
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venues.id", ondelete="RESTRICT"), index=True
    )

    # What calendar clients see of the whole meeting (its all-day event): bumped by
    # planner.services.revisions whenever something a reader cares about changes.
    sequence: Mapped[int] = mapped_column(default=0)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    body: Mapped[Body] = relationship(back_populates="meetings")
    venue_record: Mapped[Venue | None] = relationship()
    texts: Mapped[dict[str, MeetingText]] = relationship(
        collection_class=attribute_keyed_dict("lang"), cascade="all, delete-orphan"
    )
    daily_slots: Mapped[list[DailySlot]] = relationship(
        cascade="all, delete-orphan", order_by="DailySlot.start"
    )
    slots: Mapped[list[TimeSlot]] = relationship(
        cascade="all, delete-orphan",
        order_by="(TimeSlot.date, TimeSlot.start)",
        back_populates="meeting",
    )
    interpretation_language_rows: Mapped[list[InterpretationLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="InterpretationLanguage.position"
    )
    items: Mapped[list[AgendaItem]] = relationship(
        cascade="all, delete-orphan",
        back_populates="meeting",
        order_by="AgendaItem.position",
        foreign_keys="AgendaItem.meeting_id",
    )
    orgwork_entries: Mapped[list[OrgWorkEntry]] = relationship(
        cascade="all, delete-orphan", order_by="OrgWorkEntry.position"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def interpretation_languages(self) -> tuple[str, ...]:
        return tuple(row.lang for row in self.interpretation_language_rows)


class MeetingText(Base):
    __tablename__ = "meeting_texts"
    __table_args__ = (known_language(),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    city: Mapped[str] = mapped_column(Text, default="")
    venue: Mapped[str] = mapped_column(Text, default="")


class DailySlot(Base):
    """The pattern of half-day meetings held each day, in local time."""

    __tablename__ = "daily_slots"
    __table_args__ = (CheckConstraint('"end" > start', name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)


class TimeSlot(Base):
    """One half-day meeting on one day: an event in the calendar feeds.

    A slot that the schedule no longer has is kept as cancelled, so that subscribed calendars
    learn of the cancellation instead of seeing the event vanish.
    """

    __tablename__ = "time_slots"
    __table_args__ = (CheckConstraint('"end" > start', name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[date]
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Closed by staff to further items of the organization of work (its placements stay).
    closed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sequence: Mapped[int] = mapped_column(default=0)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="slots")


class InterpretationLanguage(Base):
    """A language into which conference services interpret the meetings with interpretation."""

    __tablename__ = "interpretation_languages"
    __table_args__ = (known_language(),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)


class OrgWorkEntry(Base):
    """A staff decision: take an item up in a half-day meeting (planner proposes the rest).

    ``minutes`` gives that meeting part of the item's time; ``None``, what the item has left."""

    __tablename__ = "orgwork_entries"
    __table_args__ = (UniqueConstraint("slot_id", "item_id", name="uq_orgwork_entries_slot_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int] = mapped_column(ForeignKey("time_slots.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    minutes: Mapped[int | None]

    slot: Mapped[TimeSlot] = relationship()
    item: Mapped[AgendaItem] = relationship()
