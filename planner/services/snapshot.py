"""Turn database records into the plain data of :mod:`planner.core.plain`.

Loading goes through :func:`meeting_options`, which fetches a whole meeting aggregate with a fixed
number of queries whatever the number of meetings, items or documents (each relationship is one
``SELECT ... IN`` for all the meetings asked for).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from planner.core.plain import (
    BodyData,
    DocumentData,
    FixedSitting,
    ItemData,
    MeetingData,
    Pin,
    SlotData,
)
from planner.models import AgendaItem, AgendaItemDocument, Body, Document, Meeting


def meeting_options() -> list[LoaderOption]:
    items = selectinload(Meeting.items)
    links = items.selectinload(AgendaItem.document_links)
    document = links.selectinload(AgendaItemDocument.document)
    return [
        selectinload(Meeting.body).selectinload(Body.texts),
        selectinload(Meeting.body).selectinload(Body.parent).selectinload(Body.texts),
        selectinload(Meeting.texts),
        selectinload(Meeting.slots),
        selectinload(Meeting.daily_slots),
        selectinload(Meeting.interpretation_language_rows),
        selectinload(Meeting.orgwork_entries),
        items.selectinload(AgendaItem.texts),
        document.selectinload(Document.texts),
        document.selectinload(Document.language_rows),
    ]


def meetings_query() -> Select[tuple[Meeting]]:
    return select(Meeting).options(*meeting_options())


def load_meeting(session: Session, symbol: str) -> Meeting | None:
    return session.scalars(meetings_query().where(Meeting.symbol == symbol)).first()


def body_data(body: Body) -> BodyData:
    return BodyData(
        public_id=body.public_id,
        symbol=body.symbol,
        name=body.text("name"),
        short_name=body.text("short_name"),
        meeting_word=cast(Any, body.meeting_word),
        parent=body_data(body.parent) if body.parent is not None else None,
    )


def document_data(doc: Document) -> DocumentData:
    return DocumentData(
        public_id=doc.public_id,
        symbol=doc.symbol,
        kind=doc.kind,
        title=doc.text("title"),
        listing=doc.text("listing"),
        issued=doc.issued,
        languages=doc.languages,
        distribution=cast(Any, doc.distribution),
    )


def _item_data(item: AgendaItem, children: dict[int | None, list[AgendaItem]]) -> ItemData:
    return ItemData(
        public_id=item.public_id,
        standard=item.standard,
        title=item.text("title"),
        annotation=item.text("annotation"),
        minutes=item.minutes,
        pin=Pin(item.pin_day, item.pin_meeting)
        if item.pin_day is not None and item.pin_meeting is not None
        else None,
        documents=tuple(document_data(link.document) for link in item.document_links),
        children=tuple(_item_data(c, children) for c in children.get(item.id, ())),
    )


def agenda_data(items: Sequence[AgendaItem]) -> tuple[ItemData, ...]:
    children: dict[int | None, list[AgendaItem]] = {}
    for item in sorted(items, key=lambda i: (i.position, i.id or 0)):
        children.setdefault(item.parent_id, []).append(item)
    return tuple(_item_data(i, children) for i in children.get(None, ()))


def slot_data(meeting: Meeting) -> tuple[SlotData, ...]:
    """Every half-day meeting with its place: day n (calendar days from the meeting's first
    day, as pins and the organization of work count them) and meeting k of that day (among the
    ones held, or among the cancelled ones for a cancelled slot)."""
    out = []
    for slot in sorted(meeting.slots, key=lambda s: (s.date, s.start, s.cancelled)):
        same_day = sorted(
            (s for s in meeting.slots if s.date == slot.date and s.cancelled == slot.cancelled),
            key=lambda s: s.start,
        )
        out.append(
            SlotData(
                public_id=slot.public_id,
                date=slot.date,
                start=slot.start,
                end=slot.end,
                day_index=(slot.date - meeting.start_date).days + 1,
                index_in_day=same_day.index(slot) + 1,
                cancelled=slot.cancelled,
                sequence=slot.sequence,
                created_at=slot.created_at,
                modified_at=slot.modified_at,
            )
        )
    return tuple(out)


def meeting_data(meeting: Meeting) -> MeetingData:
    fixed: tuple[FixedSitting, ...] | None = None
    if meeting.orgwork_entries:
        by_slot: dict[Any, list[Any]] = {}
        slot_ids = {s.id: s.public_id for s in meeting.slots}
        item_ids = {i.id: i.public_id for i in meeting.items}
        for entry in sorted(meeting.orgwork_entries, key=lambda e: e.position):
            by_slot.setdefault(slot_ids[entry.slot_id], []).append(item_ids[entry.item_id])
        order = {s.public_id: (s.date, s.start) for s in meeting.slots}
        fixed = tuple(
            FixedSitting(slot_id, tuple(items))
            for slot_id, items in sorted(by_slot.items(), key=lambda kv: order[kv[0]])
        )
    return MeetingData(
        public_id=meeting.public_id,
        symbol=meeting.symbol,
        number=meeting.number,
        body=body_data(meeting.body),
        start=meeting.start_date,
        end=meeting.end_date,
        timezone=meeting.timezone,
        city=meeting.text("city"),
        venue=meeting.text("venue"),
        format=cast(Any, meeting.format),
        status=cast(Any, meeting.status),
        original_language=meeting.original_language,
        interpretation_meetings=meeting.interpretation_meetings,
        interpretation_languages=meeting.interpretation_languages,
        slots=slot_data(meeting),
        agenda=agenda_data(meeting.items),
        fixed_orgwork=fixed,
        issued=meeting.issued,
        restricted=meeting.restricted,
        sequence=meeting.sequence,
        created_at=meeting.created_at,
        modified_at=meeting.modified_at,
    )
