"""Plain, immutable data for one meeting: what the renderers, the planner and the feeds read.

The services build these from database records (``planner.services.snapshot``); tests build them
by hand. Nothing here knows about the ORM or Flask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal
from uuid import UUID

from planner.core.languages import Texts

MeetingWord = Literal["meeting", "session"]
MeetingFormat = Literal["in_person", "hybrid", "online"]
MeetingStatus = Literal["planned", "confirmed", "postponed", "cancelled"]
Distribution = Literal["general", "limited", "restricted"]

STANDARD_KINDS = (
    "organizational_matters",
    "opening",
    "election_of_officers",
    "adoption_of_agenda",
    "other_matters",
    "adoption_of_report",
)
DOCUMENT_KINDS = (
    "provisional_agenda",
    "report",
    "background_paper",
    "note_by_secretariat",
    "conference_room_paper",
    "draft_resolution",
    "information_note",
    "other",
)
MEETING_FORMATS = ("in_person", "hybrid", "online")
MEETING_STATUSES = ("planned", "confirmed", "postponed", "cancelled")
DISTRIBUTIONS = ("general", "limited", "restricted")
MEETING_WORDS = ("meeting", "session")


@dataclass(frozen=True)
class BodyData:
    public_id: UUID
    symbol: str
    name: Texts
    short_name: Texts
    meeting_word: MeetingWord
    parent: BodyData | None = None


@dataclass(frozen=True)
class DocumentData:
    public_id: UUID
    symbol: str
    kind: str
    title: Texts
    listing: Texts = field(default_factory=dict)
    issued: date | None = None
    languages: tuple[str, ...] = ()
    distribution: Distribution = "general"


@dataclass(frozen=True)
class Pin:
    """Take the item up at the start of half-day meeting ``meeting`` of day ``day`` (1-based)."""

    day: int
    meeting: int


@dataclass(frozen=True)
class ItemData:
    public_id: UUID
    standard: str | None
    title: Texts
    annotation: Texts = field(default_factory=dict)
    minutes: int | None = None
    pin: Pin | None = None
    documents: tuple[DocumentData, ...] = ()
    children: tuple[ItemData, ...] = ()
    #: What its texts, copied from a previous meeting, still say about it (planner.core.carryover),
    #: until an editor changes or confirms them.
    carried_over: tuple[str, ...] = ()


@dataclass(frozen=True)
class SlotData:
    """One half-day meeting (a time slot), in the meeting's local time."""

    public_id: UUID
    date: date
    start: time
    end: time
    day_index: int  # 1-based day of the meeting
    index_in_day: int  # 1-based meeting of that day
    cancelled: bool = False
    sequence: int = 0
    created_at: datetime | None = None  # UTC
    modified_at: datetime | None = None  # UTC
    #: Whether the meeting has interpretation; ``None``: the meeting's count decides (the first
    #: ``interpretation_meetings`` held meetings have it). A venue's capacity left per half-day
    #: can set it meeting by meeting.
    interpreted: bool | None = None
    #: Closed by staff to further items: the planner puts nothing more there.
    closed: bool = False


@dataclass(frozen=True)
class Placement:
    """A staff decision: take item ``item_id`` up in half-day meeting ``slot_id``.

    ``minutes`` is the part of the item's time given to that meeting; ``None`` gives it what
    the item has left (an item placed in several meetings shares its time among them)."""

    item_id: UUID
    slot_id: UUID
    minutes: int | None = None


@dataclass(frozen=True)
class MeetingData:
    public_id: UUID
    symbol: str
    number: int
    body: BodyData
    start: date
    end: date
    timezone: str
    city: Texts
    venue: Texts
    format: MeetingFormat
    status: MeetingStatus
    original_language: str
    interpretation_meetings: int
    interpretation_languages: tuple[str, ...]
    slots: tuple[SlotData, ...]
    agenda: tuple[ItemData, ...]
    #: Staff decisions that place items (besides pins, on the items, and closed meetings).
    placements: tuple[Placement, ...] = ()
    issued: date | None = None
    restricted: bool = False
    sequence: int = 0
    created_at: datetime | None = None  # UTC
    modified_at: datetime | None = None  # UTC

    @property
    def active_slots(self) -> tuple[SlotData, ...]:
        """The half-day meetings that will be held, in order."""
        return tuple(s for s in self.slots if not s.cancelled)
