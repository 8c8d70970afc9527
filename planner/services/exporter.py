"""Write a meeting back as a meeting file, with the public identifiers that make re-import keep
every record's identity."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import object_session

from planner.core.agenda import item_number
from planner.core.meetingfile import (
    BodySpec,
    DocumentSpec,
    ItemSpec,
    MeetingFile,
    MeetingSpec,
    OrgWorkSpec,
    SlotSpec,
    dump,
)
from planner.core.plain import Pin
from planner.models import AgendaItem, Body, Document, Mandate, Meeting, MeetingRelease
from planner.services.mandates import cited, mandate_data, mandate_spec, mandates_query
from planner.venues.records import venue_spec


def _body_spec(body: Body) -> BodySpec:
    return BodySpec(
        symbol=body.symbol,
        parent=body.parent.symbol if body.parent else None,
        name=body.text("name"),
        short_name=body.text("short_name"),
        meeting_word=body.meeting_word,
        id=body.public_id,
    )


def _document_spec(doc: Document) -> DocumentSpec:
    return DocumentSpec(
        symbol=doc.symbol,
        kind=doc.kind,
        title=doc.text("title"),
        listing=doc.text("listing"),
        issued=doc.issued,
        languages=doc.languages,
        distribution=doc.distribution,
        id=doc.public_id,
    )


def _children(meeting: Meeting) -> dict[int | None, list[AgendaItem]]:
    children: dict[int | None, list[AgendaItem]] = {}
    for item in sorted(meeting.items, key=lambda i: (i.position, i.id)):
        children.setdefault(item.parent_id, []).append(item)
    return children


def _item_spec(item: AgendaItem, children: dict[int | None, list[AgendaItem]]) -> ItemSpec:
    pin = None
    if item.pin_day is not None and item.pin_meeting is not None:
        pin = Pin(item.pin_day, item.pin_meeting)
    return ItemSpec(
        standard=item.standard,
        title=item.text("title"),
        annotation=item.text("annotation"),
        documents=tuple(link.document.symbol for link in item.document_links),
        minutes=item.minutes,
        items=tuple(_item_spec(c, children) for c in children.get(item.id, ())),
        pin=pin,
        id=item.public_id,
    )


def _numbers(children: dict[int | None, list[AgendaItem]]) -> dict[int, str]:
    out: dict[int, str] = {}

    def walk(parent: int | None, path: tuple[int, ...]) -> None:
        for position, item in enumerate(children.get(parent, ()), start=1):
            out[item.id] = item_number((*path, position))
            walk(item.id, (*path, position))

    walk(None, ())
    return out


def _published(meeting: Meeting) -> bool:
    """Whether the meeting has a release (a new record, not yet flushed, has none)."""
    session = object_session(meeting)
    if session is None or meeting.id is None:
        return False
    query = select(exists().where(MeetingRelease.meeting_id == meeting.id))
    return bool(session.scalar(query))


def meeting_spec(meeting: Meeting) -> MeetingSpec:
    pattern = tuple(SlotSpec(s.start, s.end) for s in meeting.daily_slots)
    active = sorted((s for s in meeting.slots if not s.cancelled), key=lambda s: (s.date, s.start))
    by_day: dict[date, list[SlotSpec]] = {}
    slot_ids: dict[date, tuple] = {}
    for slot in active:
        by_day.setdefault(slot.date, []).append(SlotSpec(slot.start, slot.end))
    days = {}
    day = meeting.start_date
    while day <= meeting.end_date:
        held = tuple(by_day.get(day, ()))
        if held != pattern:
            days[day] = held
        ids = tuple(s.public_id for s in active if s.date == day)
        if ids:
            slot_ids[day] = ids
        day += timedelta(days=1)

    children = _children(meeting)
    orgwork = None
    if meeting.orgwork_entries or any(s.closed for s in active):
        numbers = _numbers(children)
        place = {}  # day n counts calendar days from the first day, as pins do
        for slot in active:
            same_day = [s for s in active if s.date == slot.date]
            day_number = (slot.date - meeting.start_date).days + 1
            place[slot.id] = (day_number, same_day.index(slot) + 1)
        grouped: dict[tuple[int, int], list[str]] = {s: [] for s in place.values()}
        split: dict[tuple[int, int], list[tuple[str, int]]] = {}
        for entry in sorted(meeting.orgwork_entries, key=lambda e: e.position):
            grouped[place[entry.slot_id]].append(numbers[entry.item_id])
            if entry.minutes is not None:
                split.setdefault(place[entry.slot_id], []).append(
                    (numbers[entry.item_id], entry.minutes)
                )
        closed = {place[s.id] for s in active if s.closed}
        orgwork = tuple(
            OrgWorkSpec(
                day=d,
                meeting=m,
                items=tuple(items),
                minutes=tuple(split.get((d, m), ())),
                closed=(d, m) in closed,
            )
            for (d, m), items in sorted(grouped.items())
            if items or (d, m) in closed
        )

    return MeetingSpec(
        body=meeting.body.symbol,
        symbol=meeting.symbol,
        number=meeting.number,
        start=meeting.start_date,
        end=meeting.end_date,
        timezone=meeting.timezone,
        city=meeting.text("city"),
        venue=meeting.text("venue"),
        format=meeting.format,
        status=meeting.status,
        original_language=meeting.original_language,
        daily_meetings=pattern,
        days=days,
        interpretation_meetings=meeting.interpretation_meetings,
        interpretation_languages=meeting.interpretation_languages,
        agenda=tuple(_item_spec(i, children) for i in children.get(None, ())),
        organization_of_work=orgwork,
        id=meeting.public_id,
        slot_ids=slot_ids,
        issued=meeting.issued,
        restricted=meeting.restricted,
        published=_published(meeting),
        venue_key=meeting.venue_record.key if meeting.venue_record is not None else None,
    )


def meeting_file(meeting: Meeting) -> MeetingFile:
    bodies: list[Body] = []
    body: Body | None = meeting.body
    while body is not None:
        bodies.insert(0, body)
        body = body.parent
    documents: dict[str, Document] = {}
    children = _children(meeting)

    def walk(parent: int | None) -> None:  # in agenda order, as a secretariat would list them
        for item in children.get(parent, ()):
            for link in item.document_links:
                documents.setdefault(link.document.symbol, link.document)
            walk(item.id)

    walk(None)
    mandates = cited_mandates(meeting)
    for mandate in mandates:  # the bodies they name, with the bodies those report to
        for named in (mandate.body, *(link.body for link in mandate.body_links)):
            chain: list[Body] = []
            node: Body | None = named
            while node is not None and node not in bodies and node not in chain:
                chain.insert(0, node)
                node = node.parent
            bodies.extend(chain)
    return MeetingFile(
        bodies=tuple(_body_spec(b) for b in bodies),
        documents=tuple(_document_spec(d) for d in documents.values()),
        meetings=(meeting_spec(meeting),),
        mandates=tuple(mandate_spec(m) for m in mandates),
        venues=(venue_spec(meeting.venue_record),) if meeting.venue_record is not None else (),
    )


def cited_mandates(meeting: Meeting) -> list[Mandate]:
    """The mandates the meeting's annotations cite, in the order first cited."""
    annotations = [item.text("annotation") for item in _in_order(meeting)]
    if not any("{mandate:" in t for texts in annotations for t in texts.values()):
        return []
    session = object_session(meeting)
    if session is None:
        return []
    records = list(session.scalars(mandates_query().order_by(Mandate.id)))
    return cited(annotations, [(m, mandate_data(m)) for m in records])


def _in_order(meeting: Meeting) -> list[AgendaItem]:
    children = _children(meeting)
    out: list[AgendaItem] = []

    def walk(parent: int | None) -> None:
        for item in children.get(parent, ()):
            out.append(item)
            walk(item.id)

    walk(None)
    return out


def export_meeting(meeting: Meeting) -> str:
    return dump(meeting_file(meeting))


def body_file(body: Body) -> str:
    """One body as a meeting file (its parent named, not included)."""
    return dump(MeetingFile(bodies=(_body_spec(body),), documents=(), meetings=()))


def document_file(doc: Document) -> str:
    """One document as a meeting file."""
    return dump(MeetingFile(bodies=(), documents=(_document_spec(doc),), meetings=()))
