"""Apply meeting files to the database: all or nothing, keeping every public identifier.

Bodies and documents are keyed by symbol and updated in place; a meeting is keyed by its symbol
and replaced, but the records it still contains (its half-day meetings, its agenda items) keep
their public identifiers, so calendar events and links survive the re-import.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.agenda import item_number
from planner.core.mandates import citation_problems, identity
from planner.core.meetingfile import (
    BodySpec,
    DocumentSpec,
    ItemSpec,
    MandateSpec,
    MeetingFile,
    MeetingFileError,
    MeetingSpec,
    Problem,
    SlotSpec,
    VenueSpec,
    parse,
    problem_at,
    references,
    walk_items,
)
from planner.core.translation import FIELDS
from planner.models import (
    AgendaItem,
    AgendaItemDocument,
    AgendaItemText,
    Body,
    BodyText,
    DailySlot,
    Document,
    DocumentLanguage,
    DocumentText,
    InterpretationLanguage,
    Mandate,
    Meeting,
    MeetingText,
    OrgWorkEntry,
    TimeSlot,
    Venue,
)
from planner.services.mandates import all_mandates, apply_spec, find_record
from planner.services.revisions import refresh_revisions
from planner.services.sync import set_languages, set_texts
from planner.translation.stamps import stamp_consistent
from planner.venues.records import upsert_venue, venue_by_key


@dataclass
class FileSummary:
    filename: str
    bodies: int = 0
    documents: int = 0
    meetings_created: list[str] = field(default_factory=list)
    meetings_replaced: list[str] = field(default_factory=list)
    mandates: int = 0
    published: list[str] = field(default_factory=list)  # whose file says `published: true`

    @property
    def meetings(self) -> list[str]:
        return self.meetings_created + self.meetings_replaced

    def line(self) -> str:
        parts = [f"{self.bodies} bodies", f"{self.documents} documents"]
        if self.mandates:
            parts.append(f"{self.mandates} mandates")
        if self.meetings_created:
            parts.append("created " + ", ".join(self.meetings_created))
        if self.meetings_replaced:
            parts.append("replaced " + ", ".join(self.meetings_replaced))
        return f"{self.filename}: " + "; ".join(parts)


class ImportRefused(Exception):
    """The files were not imported; nothing was changed. ``problems`` says why, and where."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


def import_texts(
    session: Session,
    files: Sequence[tuple[str, str]],
    progress: Callable[[str], None] = lambda _msg: None,
) -> list[FileSummary]:
    """Parse every file, then apply them in order. The caller commits, or rolls back on error."""
    return apply_parsed(session, parse_texts(files), progress)


def parse_texts(files: Sequence[tuple[str, str]]) -> list[tuple[str, MeetingFile]]:
    """Every file parsed, or :class:`ImportRefused` with the problems of all of them."""
    parsed: list[tuple[str, MeetingFile]] = []
    problems: list[Problem] = []
    for filename, text in files:
        try:
            parsed.append((filename, parse(text, filename)))
        except MeetingFileError as error:
            problems.extend(error.problems)
    if problems:
        raise ImportRefused(problems)
    return parsed


def apply_parsed(
    session: Session,
    parsed: Sequence[tuple[str, MeetingFile]],
    progress: Callable[[str], None] = lambda _msg: None,
) -> list[FileSummary]:
    """Apply parsed files in order. The caller commits, or rolls back on error."""
    summaries = []
    for count, (filename, mf) in enumerate(parsed, start=1):
        progress(f"[{count}/{len(parsed)}] {filename}")
        summaries.append(_apply(session, filename, mf))
    for _filename, mf in parsed:
        _texts_consistent(session, mf)
    session.flush()
    return summaries


def _texts_consistent(session: Session, mf: MeetingFile) -> None:
    """Texts that arrive together in a meeting file are translations of each other: none of
    them is out of date (planner.core.translation)."""
    for body_spec in mf.bodies:
        stamp_consistent(_body(session, body_spec.symbol).texts, FIELDS["body"])
    for doc_spec in mf.documents:
        doc = session.scalar(select(Document).where(Document.symbol == doc_spec.symbol))
        if doc is not None:
            stamp_consistent(doc.texts, FIELDS["document"])
    for meeting_spec in mf.meetings:
        meeting = session.scalar(select(Meeting).where(Meeting.symbol == meeting_spec.symbol))
        for item in meeting.items if meeting is not None else ():
            stamp_consistent(item.texts, FIELDS["item"])


def _apply(session: Session, filename: str, mf: MeetingFile) -> FileSummary:
    problems = _unresolved(session, filename, mf)
    if problems:
        raise ImportRefused(problems)
    summary = FileSummary(filename)
    with session.no_autoflush:
        for spec in mf.bodies:
            _upsert_body(session, spec, filename)
            summary.bodies += 1
    session.flush()
    for spec in mf.bodies:  # parents may be defined later in the same file
        if spec.parent:
            body = _body(session, spec.symbol)
            body.parent = _body(session, spec.parent)
    with session.no_autoflush:
        for doc in mf.documents:
            _upsert_document(session, doc, filename)
            summary.documents += 1
        for venue_spec in mf.venues:
            _upsert_venue(session, venue_spec, filename)
    session.flush()
    for mandate_spec in mf.mandates:
        _upsert_mandate(session, mandate_spec, filename)
        summary.mandates += 1
    session.flush()
    for meeting_spec in mf.meetings:
        meeting = session.scalar(select(Meeting).where(Meeting.symbol == meeting_spec.symbol))
        if meeting is None:
            summary.meetings_created.append(meeting_spec.symbol)
        else:
            summary.meetings_replaced.append(meeting_spec.symbol)
        if meeting_spec.published:
            summary.published.append(meeting_spec.symbol)
        with session.no_autoflush:
            meeting = _apply_meeting(session, meeting, meeting_spec, filename)
        session.flush()
        refresh_revisions(session, meeting)
    # A body's name or a document's symbol shows in the events of meetings this file may not
    # carry: their revisions move too (only where what they show changed).
    in_file = {spec.symbol for spec in mf.meetings}
    for other in _meetings_showing(session, mf):
        if other.symbol not in in_file:
            refresh_revisions(session, other)
    session.flush()
    return summary


def _meetings_showing(session: Session, mf: MeetingFile) -> list[Meeting]:
    """The meetings whose events show a body or a document of ``mf``."""
    bodies = [spec.symbol for spec in mf.bodies]
    documents = [spec.symbol for spec in mf.documents]
    found: dict[int, Meeting] = {}
    if bodies:
        query = select(Meeting).join(Meeting.body).where(Body.symbol.in_(bodies))
        found.update((m.id, m) for m in session.scalars(query))
    if documents:
        query = (
            select(Meeting)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .join(AgendaItemDocument, AgendaItemDocument.item_id == AgendaItem.id)
            .join(Document, Document.id == AgendaItemDocument.document_id)
            .where(Document.symbol.in_(documents))
        )
        found.update((m.id, m) for m in session.scalars(query).unique())
    return sorted(found.values(), key=lambda m: m.id)


def _unresolved(session: Session, filename: str, mf: MeetingFile) -> list[Problem]:
    problems = _citation_problems(session, filename, mf)
    for ref in references(mf):
        if ref.kind == "venue":
            if venue_by_key(session, ref.symbol) is None:
                problems.append(
                    problem_at(
                        filename,
                        ref,
                        f'No venue has the key "{ref.symbol}": it is neither in this file '
                        f"(venues) nor in the database.",
                    )
                )
            continue
        model = Document if ref.kind == "document" else Body
        found = session.scalar(select(model.id).where(model.symbol == ref.symbol))
        if found is None:
            what = "document" if ref.kind == "document" else "body"
            problems.append(
                problem_at(
                    filename,
                    ref,
                    f'No {what} has the symbol "{ref.symbol}": it is neither in this file '
                    f"nor in the database.",
                )
            )
    return problems


def _citation_problems(session: Session, filename: str, mf: MeetingFile) -> list[Problem]:
    """Placeholders of annotations that name no mandate (of the file or the database), name
    several, or use a form the mandate is not cited in."""
    texts = [
        (f"{path}.annotation", item.annotation)
        for m, meeting in enumerate(mf.meetings)
        for path, item in walk_items(meeting.agenda, f"meetings[{m}].agenda")
        if any("{mandate:" in text for text in item.annotation.values())
    ]
    if not texts:
        return []
    in_file = [spec.data() for spec in mf.mandates]
    known = {identity(d) for d in in_file}
    mandates = in_file + [d for d in all_mandates(session) if identity(d) not in known]
    problems = []
    for found in citation_problems(texts, mandates):
        if found.code not in ("unknown", "ambiguous", "form", "draft_form"):
            continue  # missing texts are for `planner check`, not a reason to refuse the file
        path = f"{found.where}.{found.lang}"
        message = {
            "unknown": f"{found.citation} names no mandate of this file or of the database.",
            "ambiguous": f"{found.citation} could be any of: {found.params.get('found', '')}; "
            "add the kind or the body, such as {mandate:CTOC/COP resolution 7/1}.",
            "form": f"{found.citation}: the form after | must be full, in or ref.",
            "draft_form": f"{found.citation}: a draft is cited by reference only (add |ref).",
        }[found.code]
        problems.append(Problem(filename, mf.lines.get(path), path, message))
    return problems


def _upsert_mandate(session: Session, spec: MandateSpec, filename: str) -> Mandate:
    mandate = find_record(session, spec)
    if mandate is None and spec.id is not None:
        mandate = session.scalar(select(Mandate).where(Mandate.public_id == spec.id))
    if mandate is None:
        mandate = Mandate()
        _claim_id(session, Mandate, mandate, spec.id, filename)
        session.add(mandate)
    apply_spec(session, mandate, spec)
    return mandate


def _body(session: Session, symbol: str) -> Body:
    body = session.scalar(select(Body).where(Body.symbol == symbol))
    assert body is not None  # checked by _unresolved
    return body


def _claim_id(
    session: Session, model: type, record: object, wanted: uuid.UUID | None, label: str
) -> None:
    """Give a new record the identifier the file carries, unless another record has it."""
    if wanted is None or getattr(record, "public_id", None) == wanted:
        return
    other = session.scalar(select(model).where(model.public_id == wanted))  # type: ignore[attr-defined]
    if other is not None and other is not record:
        raise ImportRefused(
            [Problem(label, None, "id", f"The id {wanted} already belongs to {other.symbol}.")]
        )  # type: ignore[attr-defined]
    if getattr(record, "id", None) is None:
        record.public_id = wanted  # type: ignore[attr-defined]


def _upsert_body(session: Session, spec: BodySpec, filename: str) -> Body:
    body = session.scalar(select(Body).where(Body.symbol == spec.symbol))
    if body is None:
        body = Body(symbol=spec.symbol)
        _claim_id(session, Body, body, spec.id, filename)
        session.add(body)
    body.meeting_word = spec.meeting_word
    set_texts(
        body.texts,
        lambda lang: BodyText(lang=lang),
        {"name": spec.name, "short_name": spec.short_name},
    )
    return body


def _upsert_document(session: Session, spec: DocumentSpec, filename: str) -> Document:
    doc = session.scalar(select(Document).where(Document.symbol == spec.symbol))
    if doc is None:
        doc = Document(symbol=spec.symbol)
        _claim_id(session, Document, doc, spec.id, filename)
        session.add(doc)
    doc.kind = spec.kind
    doc.issued = spec.issued
    doc.distribution = spec.distribution
    set_texts(
        doc.texts,
        lambda lang: DocumentText(lang=lang),
        {"title": spec.title, "listing": spec.listing},
    )
    set_languages(doc.language_rows, lambda lang: DocumentLanguage(lang=lang), spec.languages)
    return doc


def _upsert_venue(session: Session, spec: VenueSpec, filename: str) -> Venue:
    venue = venue_by_key(session, spec.key)
    if venue is None:
        venue = Venue(key=spec.key)
        if spec.id is not None:
            other = session.scalar(select(Venue).where(Venue.public_id == spec.id))
            if other is not None:
                raise ImportRefused(
                    [
                        Problem(
                            filename,
                            None,
                            "id",
                            f"The id {spec.id} already belongs to {other.key}.",
                        )
                    ]
                )
            venue.public_id = spec.id
        session.add(venue)
    upsert_venue(venue, spec)
    return venue


def _apply_meeting(
    session: Session, meeting: Meeting | None, spec: MeetingSpec, filename: str
) -> Meeting:
    if meeting is None:
        meeting = Meeting(symbol=spec.symbol)
        _claim_id(session, Meeting, meeting, spec.id, filename)
        session.add(meeting)
    old_start = meeting.start_date if meeting.id is not None else None
    meeting.body = _body(session, spec.body)
    meeting.number = spec.number
    meeting.start_date = spec.start
    meeting.end_date = spec.end
    meeting.timezone = spec.timezone
    meeting.format = spec.format
    meeting.status = spec.status
    meeting.original_language = spec.original_language
    meeting.interpretation_meetings = spec.interpretation_meetings
    meeting.issued = spec.issued
    meeting.restricted = spec.restricted
    meeting.venue_record = (
        venue_by_key(session, spec.venue_key) if spec.venue_key is not None else None
    )
    set_texts(
        meeting.texts,
        lambda lang: MeetingText(lang=lang),
        {"city": spec.city, "venue": spec.venue},
    )
    set_languages(
        meeting.interpretation_language_rows,
        lambda lang: InterpretationLanguage(lang=lang),
        spec.interpretation_languages,
    )
    meeting.orgwork_entries.clear()
    if meeting.id is not None:
        session.flush()
    _set_daily_pattern(meeting, spec.daily_meetings)
    slots_by_day = _apply_slots(meeting, spec, old_start)
    items_by_number = _apply_agenda(session, meeting, spec.agenda)
    closed = set()
    for entry in spec.organization_of_work or ():
        slot = slots_by_day[entry.day - 1][entry.meeting - 1]
        if entry.closed:
            closed.add(id(slot))
        minutes = dict(entry.minutes)
        for position, number in enumerate(entry.items):
            meeting.orgwork_entries.append(
                OrgWorkEntry(
                    slot=slot,
                    item=items_by_number[number],
                    position=position,
                    minutes=minutes.get(number),
                )
            )
    for slot in meeting.slots:
        if bool(slot.closed) != (id(slot) in closed):
            slot.closed = id(slot) in closed
    return meeting


def _set_daily_pattern(meeting: Meeting, pattern: Sequence[SlotSpec]) -> None:
    rows = meeting.daily_slots
    del rows[len(pattern) :]
    for row, slot in zip(rows, pattern, strict=False):
        row.start, row.end = slot.start, slot.end
    for slot in pattern[len(rows) :]:
        rows.append(DailySlot(start=slot.start, end=slot.end))


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _apply_slots(
    meeting: Meeting, spec: MeetingSpec, old_start: date | None
) -> list[list[TimeSlot]]:
    """Lay out the half-day meetings day by day, reusing the records (and identifiers) of the
    meeting as it was. Half-day meetings belong to the days of the meeting (day 1, day 2, ...),
    not to calendar dates, so a meeting moved to other dates keeps its events. Each rule is
    applied to the whole schedule before the next, so that a record is never taken by a
    half-day meeting that another matches more closely:

    1. the id the file carries;
    2. a held record of the same day of the meeting (counted from the first day as it was):
       the one at the same start, else the next in order of the day;
    3. a cancelled record at the same date and start (it is revived);
    4. otherwise a new record.

    Half-day meetings the new schedule no longer has stay, cancelled."""
    by_public = {s.public_id: s for s in meeting.slots}
    old_by_day: dict[int, list[TimeSlot]] = {}
    if old_start is not None:
        for slot in sorted(meeting.slots, key=lambda s: (s.date, s.start)):
            if not slot.cancelled:
                old_by_day.setdefault((slot.date - old_start).days, []).append(slot)
    cancelled_at: dict[tuple[date, time], list[TimeSlot]] = {}
    for slot in meeting.slots:
        if slot.cancelled:
            cancelled_at.setdefault((slot.date, slot.start), []).append(slot)
    used: set[int] = set()

    def take(slot: TimeSlot | None) -> TimeSlot | None:
        if slot is None or id(slot) in used:
            return None
        used.add(id(slot))
        return slot

    days = _days(spec.start, spec.end)
    wanted = [spec.days.get(day, spec.daily_meetings) for day in days]
    grid: list[list[TimeSlot | None]] = [[None] * len(row) for row in wanted]
    for d, day in enumerate(days):  # 1: the ids the file carries
        ids = spec.slot_ids.get(day, ())
        for k in range(min(len(ids), len(wanted[d]))):
            grid[d][k] = take(by_public.get(ids[k]))
    # A record the file names by id is that half-day meeting's alone: the later rules never
    # give it to another one (which would then need a new record with the same id).
    named = {i for ids in spec.slot_ids.values() for i in ids}

    def free(slot: TimeSlot) -> bool:
        return id(slot) not in used and slot.public_id not in named

    for d in range(len(days)):  # 2: the same day of the meeting
        candidates = old_by_day.get(d, [])
        for k, want in enumerate(wanted[d]):  # at the same start first
            if grid[d][k] is None:
                same = next((s for s in candidates if s.start == want.start and free(s)), None)
                grid[d][k] = take(same)
        for k in range(len(wanted[d])):  # then in the order of the day
            if grid[d][k] is None:
                grid[d][k] = take(next((s for s in candidates if free(s)), None))
    for d, day in enumerate(days):  # 3: a cancelled record at the same date and start
        for k, want in enumerate(wanted[d]):
            if grid[d][k] is None:
                found = cancelled_at.get((day, want.start), [])
                grid[d][k] = take(next((s for s in found if free(s)), None))

    layout: list[list[TimeSlot]] = []
    for d, day in enumerate(days):
        ids = spec.slot_ids.get(day, ())
        row: list[TimeSlot] = []
        for k, want in enumerate(wanted[d]):
            slot = grid[d][k]
            if slot is None:  # 4: a new half-day meeting
                slot = TimeSlot()
                if k < len(ids):
                    slot.public_id = ids[k]
                meeting.slots.append(slot)
                used.add(id(slot))
            slot.date, slot.start, slot.end, slot.cancelled = day, want.start, want.end, False
            row.append(slot)
        layout.append(row)
    for slot in meeting.slots:
        if id(slot) not in used:
            slot.cancelled = True
    return layout


def _flatten(
    items: Sequence[ItemSpec], path: tuple[int, ...] = ()
) -> list[tuple[tuple[int, ...], ItemSpec]]:
    out: list[tuple[tuple[int, ...], ItemSpec]] = []
    for position, item in enumerate(items, start=1):
        here = (*path, position)
        out.append((here, item))
        out.extend(_flatten(item.items, here))
    return out


def _apply_agenda(
    session: Session, meeting: Meeting, agenda: Sequence[ItemSpec]
) -> dict[str, AgendaItem]:
    """Rebuild the agenda tree, reusing item records: by id; else by standard kind; else by a
    title shared in any language; else by number. Items no longer on the agenda are deleted."""
    old = list(meeting.items)
    old_numbers = _old_numbers(old)
    free = {id(i): i for i in old}

    def claim(item: AgendaItem | None) -> AgendaItem | None:
        if item is not None and id(item) in free:
            del free[id(item)]
            return item
        return None

    flat = _flatten(agenda)
    chosen: dict[tuple[int, ...], AgendaItem] = {}
    for path, spec in flat:  # pass 1: explicit ids
        if spec.id is not None:
            found = claim(next((i for i in old if i.public_id == spec.id), None))
            if found:
                chosen[path] = found
    for path, spec in flat:  # pass 2: standard kind, then a shared title
        if path in chosen:
            continue
        found = None
        if spec.standard:
            found = claim(next((i for i in free.values() if i.standard == spec.standard), None))
        if found is None and spec.title:
            found = claim(
                next(
                    (
                        i
                        for i in list(free.values())
                        if any(
                            spec.title.get(lang) == t.title and t.title
                            for lang, t in i.texts.items()
                        )
                    ),
                    None,
                )
            )
        if found:
            chosen[path] = found
    for path, _spec in flat:  # pass 3: the same number
        if path not in chosen:
            found = claim(next((i for i in free.values() if old_numbers[id(i)] == path), None))
            if found:
                chosen[path] = found

    for item in free.values():
        meeting.items.remove(item)
        session.delete(item)
    if free and meeting.id is not None:
        session.flush()

    by_number: dict[str, AgendaItem] = {}
    for path, spec in flat:
        item = chosen.get(path)
        if item is None:
            item = AgendaItem()
            if spec.id is not None:
                item.public_id = spec.id
            meeting.items.append(item)
        item.parent = chosen[path[:-1]] if len(path) > 1 else None
        chosen[path] = item
        item.position = path[-1] - 1
        item.standard = spec.standard
        item.minutes = spec.minutes
        item.pin_day = spec.pin.day if spec.pin else None
        item.pin_meeting = spec.pin.meeting if spec.pin else None
        set_texts(
            item.texts,
            lambda lang: AgendaItemText(lang=lang),
            {"title": spec.title, "annotation": spec.annotation},
        )
        _set_item_documents(session, item, spec.documents)
        by_number[item_number(path)] = item
    return by_number


def _old_numbers(items: Sequence[AgendaItem]) -> dict[int, tuple[int, ...]]:
    def path(item: AgendaItem) -> tuple[int, ...]:
        return (*path(item.parent), item.position + 1) if item.parent else (item.position + 1,)

    return {id(i): path(i) for i in items}


def _set_item_documents(session: Session, item: AgendaItem, symbols: Sequence[str]) -> None:
    wanted = list(dict.fromkeys(symbols))
    for link in list(item.document_links):
        if link.document.symbol not in wanted:
            item.document_links.remove(link)
    present = {link.document.symbol: link for link in item.document_links}
    for position, symbol in enumerate(wanted):
        link = present.get(symbol)
        if link is None:
            doc = session.scalar(select(Document).where(Document.symbol == symbol))
            link = AgendaItemDocument(document=doc)
            item.document_links.append(link)
        link.position = position


def import_parsed(session: Session, mf: MeetingFile, filename: str) -> FileSummary:
    """Apply an already parsed meeting file (the history's snapshots). The caller commits."""
    return _apply(session, filename, mf)


def apply_meeting_spec(
    session: Session, meeting: Meeting, spec: MeetingSpec, filename: str
) -> Meeting:
    """Make ``meeting`` what ``spec`` says, keeping its records' identities."""
    problems = _unresolved(session, filename, MeetingFile((), (), (spec,)))
    if problems:
        raise ImportRefused(problems)
    with session.no_autoflush:
        _apply_meeting(session, meeting, spec, filename)
    session.flush()
    return meeting
