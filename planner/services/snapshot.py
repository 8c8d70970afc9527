"""Turn database records into the plain data of :mod:`planner.core.plain`.

Loading goes through :func:`meeting_options`, which fetches a whole meeting aggregate with one
``SELECT ... IN`` per relationship for all the meetings asked for (SQLAlchemy sends the IN list in
chunks of 500 keys, so past 500 meetings, items or documents a relationship takes more queries).

Feeds, which read many meetings and change none, use :func:`load_meeting_data` instead: the same
plain data from a fixed number of Core queries, without building ORM objects (which cost most of
the time of a feed of a few hundred meetings).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, select
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
from planner.models import (
    AgendaItem,
    AgendaItemDocument,
    AgendaItemText,
    Body,
    BodyText,
    Document,
    DocumentLanguage,
    DocumentText,
    InterpretationLanguage,
    Meeting,
    MeetingText,
    OrgWorkEntry,
    TimeSlot,
)


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


# Read-only loading for feeds: Core queries into stand-ins for the models.


class _Record:
    """A row read with Core, standing in for its model in :func:`meeting_data` and the functions
    it calls: the columns as attributes (the models name their attributes after their columns),
    the relationships those functions read set by :func:`load_meeting_data`, and ``text()``."""

    texts: dict[str, _Record]

    # Columns and relationships are set at run time; to the type checker they are Any.
    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__[name] = value

    def text(self, field: str) -> dict[str, str]:
        """As the models' ``text()``."""
        return {lang: getattr(t, field) for lang, t in self.texts.items() if getattr(t, field)}


def _records(
    session: Session, table: Table, *where: Any, order: Iterable[Any] = ()
) -> list[_Record]:
    result = session.execute(select(table).where(*where).order_by(*order))
    keys = tuple(result.keys())
    records = []
    for row in result:
        record = object.__new__(_Record)
        record.__dict__.update(zip(keys, row, strict=True), texts={})
        records.append(record)
    return records


def _grouped(records: Iterable[_Record], key: str) -> dict[Any, list[_Record]]:
    groups: dict[Any, list[_Record]] = {}
    for record in records:
        groups.setdefault(getattr(record, key), []).append(record)
    return groups


def _add_texts(owners: dict[Any, _Record], texts: Iterable[_Record], key: str) -> None:
    for text in texts:
        owners[getattr(text, key)].texts[text.lang] = text


def load_meeting_data(session: Session, *where: ColumnElement[bool]) -> list[MeetingData]:
    """``meeting_data`` of every meeting that matches ``where``, by start date and id.

    Twelve queries whatever the number of meetings (each child table is read once, for all the
    meetings, through a subquery of their ids), and no ORM objects: the rows go into
    :class:`_Record` stand-ins that :func:`meeting_data` reads as it reads the models, so the
    result is what ``[meeting_data(m) for m in meetings]`` gives. Collections come in the order
    of their relationships' ``order_by``, ties broken by primary key. Daily slots are not read:
    the plain data has none.
    """
    meeting_ids = select(Meeting.id).where(*where)
    item_ids = select(AgendaItem.id).where(AgendaItem.meeting_id.in_(meeting_ids))
    document_ids = select(AgendaItemDocument.document_id).where(
        AgendaItemDocument.item_id.in_(item_ids)
    )
    tables = {m: cast(Table, m.__table__) for m in (Meeting, Body, Document, AgendaItem)}

    meetings = _records(session, tables[Meeting], *where, order=(Meeting.start_date, Meeting.id))
    if not meetings:
        return []
    # Bodies are few; all of them, so that parents of any depth are there.
    bodies = {b.id: b for b in _records(session, tables[Body])}
    _add_texts(bodies, _records(session, cast(Table, BodyText.__table__)), "body_id")
    for body in bodies.values():
        body.parent = bodies[body.parent_id] if body.parent_id is not None else None

    documents = {
        d.id: d for d in _records(session, tables[Document], Document.id.in_(document_ids))
    }
    _add_texts(
        documents,
        _records(
            session,
            cast(Table, DocumentText.__table__),
            DocumentText.document_id.in_(document_ids),
        ),
        "document_id",
    )
    languages = _grouped(
        _records(
            session,
            cast(Table, DocumentLanguage.__table__),
            DocumentLanguage.document_id.in_(document_ids),
            order=(DocumentLanguage.document_id, DocumentLanguage.position, DocumentLanguage.lang),
        ),
        "document_id",
    )
    for document in documents.values():
        document.languages = tuple(row.lang for row in languages.get(document.id, ()))

    items = {
        i.id: i
        for i in _records(
            session,
            tables[AgendaItem],
            AgendaItem.id.in_(item_ids),
            order=(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id),
        )
    }
    _add_texts(
        items,
        _records(
            session, cast(Table, AgendaItemText.__table__), AgendaItemText.item_id.in_(item_ids)
        ),
        "item_id",
    )
    links = _grouped(
        _records(
            session,
            cast(Table, AgendaItemDocument.__table__),
            AgendaItemDocument.item_id.in_(item_ids),
            order=(
                AgendaItemDocument.item_id,
                AgendaItemDocument.position,
                AgendaItemDocument.document_id,
            ),
        ),
        "item_id",
    )
    for item in items.values():
        item.document_links = links.get(item.id, [])
        for link in item.document_links:
            link.document = documents[link.document_id]

    by_meeting = {m.id: m for m in meetings}
    _add_texts(
        by_meeting,
        _records(
            session, cast(Table, MeetingText.__table__), MeetingText.meeting_id.in_(meeting_ids)
        ),
        "meeting_id",
    )
    children: dict[str, dict[Any, list[_Record]]] = {
        "slots": _grouped(
            _records(
                session,
                cast(Table, TimeSlot.__table__),
                TimeSlot.meeting_id.in_(meeting_ids),
                order=(TimeSlot.meeting_id, TimeSlot.date, TimeSlot.start, TimeSlot.id),
            ),
            "meeting_id",
        ),
        "interpretation_language_rows": _grouped(
            _records(
                session,
                cast(Table, InterpretationLanguage.__table__),
                InterpretationLanguage.meeting_id.in_(meeting_ids),
                order=(
                    InterpretationLanguage.meeting_id,
                    InterpretationLanguage.position,
                    InterpretationLanguage.lang,
                ),
            ),
            "meeting_id",
        ),
        "orgwork_entries": _grouped(
            _records(
                session,
                cast(Table, OrgWorkEntry.__table__),
                OrgWorkEntry.meeting_id.in_(meeting_ids),
                order=(OrgWorkEntry.meeting_id, OrgWorkEntry.position, OrgWorkEntry.id),
            ),
            "meeting_id",
        ),
        "items": _grouped(items.values(), "meeting_id"),
    }
    for meeting in meetings:
        meeting.body = bodies[meeting.body_id]
        for name, groups in children.items():
            setattr(meeting, name, groups.get(meeting.id, []))
        meeting.interpretation_languages = tuple(
            row.lang for row in meeting.interpretation_language_rows
        )
    return [meeting_data(cast(Meeting, meeting)) for meeting in meetings]
