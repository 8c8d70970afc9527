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
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, select
from sqlalchemy.orm import Session, object_session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from planner.core.plain import (
    BodyData,
    DocumentData,
    ItemData,
    MeetingData,
    Pin,
    Placement,
    SlotData,
)
from planner.models import (
    AgendaItem,
    AgendaItemDocument,
    AgendaItemText,
    Base,
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
from planner.services.mandates import (
    all_mandates,
    has_citation,
    resolve_agenda,
    resolve_citations,
)
from planner.venues import services as venues


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
        carried_over=tuple(item.carried_over.splitlines()),
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
                closed=bool(slot.closed),
                sequence=slot.sequence,
                created_at=slot.created_at,
                modified_at=slot.modified_at,
            )
        )
    return tuple(out)


def _interpretation(meeting: Meeting) -> int:
    """The meetings with interpretation the planner is offered: what the meeting asks for, or,
    for a meeting held at a venue, only what the venue's teams leave for it
    (planner.venues.services)."""
    if meeting.venue_id is None:
        return meeting.interpretation_meetings
    known = meeting.__dict__.get("offered")  # set by load_meeting_data for its stand-ins
    if known is not None:
        return int(known)
    session = object_session(meeting)
    return venues.offered(session, meeting) if session else meeting.interpretation_meetings


def meeting_data(meeting: Meeting, *, citations: bool = True) -> MeetingData:
    """The meeting as plain data. Its annotations' mandate citations are written out, unless
    ``citations`` is false: translators work on the texts as typed, placeholders included."""
    slot_ids = {s.id: s.public_id for s in meeting.slots}
    item_ids = {i.id: i.public_id for i in meeting.items}
    placements = tuple(
        Placement(item_ids[entry.item_id], slot_ids[entry.slot_id], entry.minutes)
        for entry in sorted(meeting.orgwork_entries, key=lambda e: (e.position, e.id or 0))
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
        interpretation_meetings=_interpretation(meeting),
        interpretation_languages=meeting.interpretation_languages,
        slots=slot_data(meeting),
        agenda=_agenda_with_citations(meeting) if citations else agenda_data(meeting.items),
        placements=placements,
        issued=meeting.issued,
        restricted=meeting.restricted,
        sequence=meeting.sequence,
        created_at=meeting.created_at,
        modified_at=meeting.modified_at,
    )


def _agenda_with_citations(meeting: Meeting) -> tuple[ItemData, ...]:
    """The agenda, its annotations' mandate citations written out (not for the feeds' stand-ins,
    whose events carry no annotation)."""
    agenda = agenda_data(meeting.items)
    session = object_session(meeting) if isinstance(meeting, Meeting) else None
    if session is None:
        return agenda
    return resolve_citations(session, agenda)


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


class _Link:
    """An agenda item's link to a document, as :func:`meeting_data` reads it."""

    __slots__ = ("document",)

    def __init__(self, document: _Record) -> None:
        self.document = document


def _rows(session: Session, model: type[Base], *where: Any, order: Iterable[Any] = ()) -> list[Any]:
    """The rows of ``model``'s table that match ``where``: Core rows, whose columns are attributes
    (enough for what is only read, such as texts)."""
    query = select(cast(Table, model.__table__)).where(*where).order_by(*order)
    return list(session.execute(query))


def _records(
    session: Session, model: type[Base], *where: Any, order: Iterable[Any] = ()
) -> list[_Record]:
    """As :func:`_rows`, as :class:`_Record` stand-ins, which take relationships."""
    result = session.execute(select(cast(Table, model.__table__)).where(*where).order_by(*order))
    keys = tuple(result.keys())
    records = []
    for row in result:
        record = object.__new__(_Record)
        record.__dict__.update(zip(keys, row, strict=True), texts={})
        records.append(record)
    return records


def _grouped(rows: Iterable[Any], key: str) -> dict[Any, list[Any]]:
    groups: dict[Any, list[Any]] = {}
    for row in rows:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def _add_texts(owners: dict[Any, _Record], texts: Iterable[Any], key: str) -> None:
    for text in texts:
        owners[getattr(text, key)].texts[text.lang] = text


def load_meeting_data(session: Session, *where: ColumnElement[bool]) -> list[MeetingData]:
    """``meeting_data`` of every meeting that matches ``where``, by start date and id.

    Thirteen queries whatever the number of meetings (each table is read once, for all the
    meetings, through a subquery of their ids; four more when some are held at a venue, for
    what interpretation each is offered: planner.venues.services.offers) and no ORM objects:
    the rows go into :class:`_Record` stand-ins that :func:`meeting_data` reads as it reads the
    models, so the result is what ``[meeting_data(m) for m in meetings]`` gives. Collections
    come in the order of their relationships' ``order_by``, ties broken by primary key. Daily
    slots are not read: the plain data has none.
    """
    meeting_ids = select(Meeting.id).where(*where)
    item_ids = select(AgendaItem.id).where(AgendaItem.meeting_id.in_(meeting_ids))
    document_ids = select(AgendaItemDocument.document_id).where(
        AgendaItemDocument.item_id.in_(item_ids)
    )
    meetings = _records(session, Meeting, *where, order=(Meeting.start_date, Meeting.id))
    if not meetings:
        return []

    # Bodies are few: all of them, so that parents of any depth are there.
    bodies = {b.id: b for b in _records(session, Body)}
    _add_texts(bodies, _rows(session, BodyText), "body_id")
    for body in bodies.values():
        body.parent = bodies[body.parent_id] if body.parent_id is not None else None

    documents = {d.id: d for d in _records(session, Document, Document.id.in_(document_ids))}
    where_document = DocumentText.document_id.in_(document_ids)
    _add_texts(documents, _rows(session, DocumentText, where_document), "document_id")
    order: tuple[Any, ...] = (
        DocumentLanguage.document_id,
        DocumentLanguage.position,
        DocumentLanguage.lang,
    )
    rows = _rows(
        session, DocumentLanguage, DocumentLanguage.document_id.in_(document_ids), order=order
    )
    languages = _grouped(rows, "document_id")
    for document in documents.values():
        document.languages = tuple(row.lang for row in languages.get(document.id, ()))

    order = (AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id)
    items = {
        i.id: i for i in _records(session, AgendaItem, AgendaItem.id.in_(item_ids), order=order)
    }
    _add_texts(
        items, _rows(session, AgendaItemText, AgendaItemText.item_id.in_(item_ids)), "item_id"
    )
    order = (
        AgendaItemDocument.item_id,
        AgendaItemDocument.position,
        AgendaItemDocument.document_id,
    )
    rows = _rows(session, AgendaItemDocument, AgendaItemDocument.item_id.in_(item_ids), order=order)
    links = _grouped(rows, "item_id")
    for item in items.values():
        item.document_links = [
            _Link(documents[link.document_id]) for link in links.get(item.id, ())
        ]

    by_id = {m.id: m for m in meetings}
    _add_texts(
        by_id, _rows(session, MeetingText, MeetingText.meeting_id.in_(meeting_ids)), "meeting_id"
    )
    order = (TimeSlot.meeting_id, TimeSlot.date, TimeSlot.start, TimeSlot.id)
    slots = _grouped(
        _rows(session, TimeSlot, TimeSlot.meeting_id.in_(meeting_ids), order=order), "meeting_id"
    )
    order = (
        InterpretationLanguage.meeting_id,
        InterpretationLanguage.position,
        InterpretationLanguage.lang,
    )
    where_language = InterpretationLanguage.meeting_id.in_(meeting_ids)
    languages = _grouped(
        _rows(session, InterpretationLanguage, where_language, order=order), "meeting_id"
    )
    order = (OrgWorkEntry.meeting_id, OrgWorkEntry.position, OrgWorkEntry.id)
    rows = _rows(session, OrgWorkEntry, OrgWorkEntry.meeting_id.in_(meeting_ids), order=order)
    orgwork = _grouped(rows, "meeting_id")
    agendas = _grouped(items.values(), "meeting_id")
    offers = venues.offers(session, {m.venue_id for m in meetings if m.venue_id is not None})
    for meeting in meetings:
        if meeting.venue_id is not None:
            meeting.offered = offers.get(meeting.id, meeting.interpretation_meetings)
        meeting.body = bodies[meeting.body_id]
        meeting.slots = slots.get(meeting.id, [])
        meeting.items = agendas.get(meeting.id, [])
        meeting.orgwork_entries = orgwork.get(meeting.id, [])
        meeting.interpretation_languages = tuple(row.lang for row in languages.get(meeting.id, ()))
    data = [meeting_data(cast(Meeting, meeting)) for meeting in meetings]
    if any(has_citation(d.agenda) for d in data):  # as meeting_data gives them for one meeting
        mandates = all_mandates(session)
        data = [replace(d, agenda=resolve_agenda(d.agenda, mandates)) for d in data]
    return data
