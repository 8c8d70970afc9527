"""Changes to a meeting's agenda. Each function changes the records and flushes; the view wraps
the call in :func:`planner.history.service.meeting_change` and commits once.

The tree is stored as parent and position (0-based and dense among siblings); numbers are
derived (:mod:`planner.core.agenda`). Every reordering and nesting goes through
:func:`move_item`, which refuses cycles and trees deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from planner.core.agenda import MAX_DEPTH, substantive_index
from planner.core.plain import STANDARD_KINDS
from planner.core.symbols import SymbolError, parse_symbol, symbol_starts_with
from planner.models import AgendaItem, AgendaItemDocument, AgendaItemText, Document, Meeting
from planner.search.services import document_matches, query_words
from planner.services.sync import set_texts

#: A text in the six languages, as the forms give it (language → text).
Texts = Mapping[str, str]
#: Where an item is pinned: (day, half-day meeting), both 1-based.
Place = tuple[int, int]


class AgendaRefused(Exception):
    """A change the agenda cannot take; ``message`` says why, in the interface language."""

    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class AgendaChanged(AgendaRefused):
    """The agenda's structure changed since the page was opened; nothing was done."""

    def __init__(self) -> None:
        super().__init__(
            _l(
                "Someone else changed the agenda since you opened this page, so nothing was "
                "moved or deleted. The agenda is shown as it is now; please try again."
            )
        )


# --- Reading the tree ---------------------------------------------------------------------------


def children_of(meeting: Meeting, parent: AgendaItem | None) -> list[AgendaItem]:
    """The items directly under ``parent`` (the top level for ``None``), in order."""
    return sorted(
        (item for item in meeting.items if item.parent is parent),
        key=lambda item: (item.position, item.id or 0),
    )


def depth_of(item: AgendaItem | None) -> int:
    """How deep ``item`` sits: 1 for a top-level item, 0 for the agenda itself (``None``)."""
    depth = 0
    node = item
    while node is not None:
        depth += 1
        node = node.parent
    return depth


def height_of(meeting: Meeting, item: AgendaItem) -> int:
    """How many levels ``item`` and its sub-items span: 1 for an item without sub-items."""
    return 1 + max((height_of(meeting, child) for child in children_of(meeting, item)), default=0)


def descendants_of(meeting: Meeting, item: AgendaItem) -> list[AgendaItem]:
    """Every item below ``item``, deepest last (in agenda order)."""
    out: list[AgendaItem] = []
    for child in children_of(meeting, item):
        out.append(child)
        out.extend(descendants_of(meeting, child))
    return out


def agenda_revision(meeting: Meeting) -> str:
    """A short fingerprint of the agenda's structure (each item's parent and position).

    Pages that reorder, nest or delete items send it back; a different value means someone else
    changed the structure in between, and the change is refused (:class:`AgendaChanged`).
    """
    rows = sorted(
        (
            str(item.public_id),
            str(item.parent.public_id) if item.parent is not None else "",
            item.position,
        )
        for item in meeting.items
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:20]


def check_revision(meeting: Meeting, submitted: str | None) -> None:
    """Refuse (:class:`AgendaChanged`) a change made on another structure than the current one.

    The meeting's row is locked first (``SELECT … FOR UPDATE`` where the database has it;
    SQLite serialises writers instead) and the agenda read again, so that of two changes sent
    at the same moment on the same structure, the second sees the first's."""
    session = object_session(meeting)
    if session is not None:
        session.refresh(meeting, attribute_names=["version"], with_for_update=True)
        session.expire_all()
    if not submitted or submitted != agenda_revision(meeting):
        raise AgendaChanged()


def _renumber(items: list[AgendaItem]) -> None:
    """Positions 0, 1, 2… in list order, touching only the items whose position changes."""
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


# --- Moving ------------------------------------------------------------------------------------


def move_item(
    session: Session, item: AgendaItem, new_parent: AgendaItem | None, new_index: int
) -> bool:
    """Put ``item`` (with its sub-items) under ``new_parent`` (``None``: the top level) at
    ``new_index`` among its new siblings, counted without the item itself.

    Positions of the old and new siblings are renumbered densely. Refused
    (:class:`AgendaRefused`): a parent in another meeting, the item under itself or one of its
    sub-items, a tree deeper than :data:`MAX_DEPTH`, an index outside ``0..len(siblings)``.
    Returns whether anything moved.
    """
    meeting = item.meeting
    if new_parent is not None:
        if new_parent.meeting_id != item.meeting_id:
            raise AgendaRefused(_l("That item belongs to another meeting."))
        node: AgendaItem | None = new_parent
        while node is not None:
            if node is item:
                raise AgendaRefused(
                    _l("An item cannot be placed under itself or under one of its own sub-items.")
                )
            node = node.parent
    if depth_of(new_parent) + height_of(meeting, item) > MAX_DEPTH:
        raise AgendaRefused(
            _l(
                "Agenda items nest at most %(max)s levels deep, as in 2(b)(i); this would make "
                "the agenda deeper.",
                max=MAX_DEPTH,
            )
        )
    old_parent = item.parent
    siblings = [s for s in children_of(meeting, new_parent) if s is not item]
    if not 0 <= new_index <= len(siblings):
        raise AgendaRefused(_l("There is no such place on the agenda."))
    if old_parent is new_parent and children_of(meeting, new_parent).index(item) == new_index:
        return False
    siblings.insert(new_index, item)
    if old_parent is not new_parent:
        item.parent = new_parent
        _renumber([s for s in children_of(meeting, old_parent) if s is not item])
    _renumber(siblings)
    session.flush()
    return True


def move_step(session: Session, item: AgendaItem, direction: str) -> bool:
    """The keyboard moves: ``up``, ``down``, ``indent`` (under the previous sibling, last),
    ``outdent`` (after its parent, among the parent's siblings)."""
    meeting = item.meeting
    siblings = children_of(meeting, item.parent)
    index = siblings.index(item)
    if direction == "up":
        if index == 0:
            raise AgendaRefused(_l("This item is already the first of its group."))
        return move_item(session, item, item.parent, index - 1)
    if direction == "down":
        if index == len(siblings) - 1:
            raise AgendaRefused(_l("This item is already the last of its group."))
        return move_item(session, item, item.parent, index + 1)
    if direction == "indent":
        if index == 0:
            raise AgendaRefused(
                _l("The first item of a group has no item above it to become a sub-item of.")
            )
        previous = siblings[index - 1]
        return move_item(session, item, previous, len(children_of(meeting, previous)))
    if direction == "outdent":
        parent = item.parent
        if parent is None:
            raise AgendaRefused(_l("This item is already at the top level."))
        grand = children_of(meeting, parent.parent)
        return move_item(session, item, parent.parent, grand.index(parent) + 1)
    raise AgendaRefused(_l("Unknown move."))


# --- Adding, editing, deleting -----------------------------------------------------------------


def _clean(texts: Texts) -> dict[str, str]:
    """Texts with the line breaks browsers send (CR LF) made plain, so that a blank line
    separates paragraphs as in meeting files; empty texts dropped."""
    out = {
        lang: text.replace("\r\n", "\n").replace("\r", "\n").strip() for lang, text in texts.items()
    }
    return {lang: text for lang, text in out.items() if text}


def _set_fields(
    item: AgendaItem, title: Texts, annotation: Texts, minutes: int | None, pin: Place | None
) -> None:
    day, half = pin if pin is not None else (None, None)
    repinned = item.pin_day != day or item.pin_meeting != half
    if repinned and pin is not None and item.meeting is not None:
        # A new pin replaces the staff's placements of the item (planner.schedule.services).
        # Loaded before the item changes, so that loading flushes nothing: one save, one flush,
        # one new version.
        entries = item.meeting.orgwork_entries
        for entry in [e for e in entries if e.item is item]:
            entries.remove(entry)
    if item.minutes != minutes:
        item.minutes = minutes
    if repinned:
        item.pin_day, item.pin_meeting = day, half
    set_texts(
        item.texts,
        lambda lang: AgendaItemText(lang=lang),
        {"title": _clean(title), "annotation": _clean(annotation)},
    )


def add_item(
    session: Session,
    meeting: Meeting,
    parent: AgendaItem | None,
    *,
    title: Texts,
    annotation: Texts | None = None,
    minutes: int | None = None,
    pin: Place | None = None,
    standard: str | None = None,
) -> AgendaItem:
    """A new item at the end of the agenda, or the last sub-item of ``parent``. A substantive
    item at the top level goes before the closing standard items ("Other matters", "Adoption of
    the report"), where new substantive items belong.

    A standard kind appears at most once on an agenda; an item other than a standard one needs a
    title in at least one language."""
    if parent is not None and parent.meeting_id != meeting.id:
        raise AgendaRefused(_l("That item belongs to another meeting."))
    if depth_of(parent) + 1 > MAX_DEPTH:
        raise AgendaRefused(
            _l(
                "Agenda items nest at most %(max)s levels deep, as in 2(b)(i); this item cannot "
                "have sub-items.",
                max=MAX_DEPTH,
            )
        )
    if standard is not None:
        if standard not in STANDARD_KINDS:
            raise AgendaRefused(_l("Unknown standard item."))
        if any(other.standard == standard for other in meeting.items):
            raise AgendaRefused(
                _l("The agenda already has this standard item; each appears at most once.")
            )
    elif not any(text.strip() for text in title.values()):
        raise AgendaRefused(_l("Give the item a title in at least one language."))
    siblings = children_of(meeting, parent)
    item = AgendaItem(position=len(siblings), standard=standard)
    meeting.items.append(item)
    item.parent = parent
    _set_fields(item, title, annotation or {}, minutes, pin)
    session.flush()
    if parent is None and standard is None:
        index = substantive_index([s.standard for s in siblings])
        if index < len(siblings):
            move_item(session, item, None, index)
    return item


def update_item(
    session: Session,
    item: AgendaItem,
    *,
    title: Texts,
    annotation: Texts,
    minutes: int | None,
    pin: Place | None,
) -> None:
    if item.standard is None and not any(text.strip() for text in title.values()):
        raise AgendaRefused(_l("Give the item a title in at least one language."))
    texts = (item.text("title"), item.text("annotation"))
    _set_fields(item, title, annotation, minutes, pin)
    if item.carried_over and (item.text("title"), item.text("annotation")) != texts:
        item.carried_over = ""  # edited: reviewed
    session.flush()


def confirm_carried_over(session: Session, item: AgendaItem) -> None:
    """The editor has reviewed the texts copied from the previous meeting: they stand."""
    item.carried_over = ""
    session.flush()


def delete_item(session: Session, item: AgendaItem) -> int:
    """Delete ``item`` with its sub-items (and the staff's decisions placing them);
    the items after it move up. Returns how many items were deleted."""
    meeting = item.meeting
    doomed = [item, *descendants_of(meeting, item)]
    doomed_ids = {id(d) for d in doomed}
    touched_slots = set()
    for entry in list(meeting.orgwork_entries):
        if id(entry.item) in doomed_ids:
            touched_slots.add(entry.slot_id)
            meeting.orgwork_entries.remove(entry)
    for slot_id in touched_slots:
        remaining = sorted(
            (e for e in meeting.orgwork_entries if e.slot_id == slot_id), key=lambda e: e.position
        )
        for position, entry in enumerate(remaining):
            if entry.position != position:
                entry.position = position
    parent = item.parent
    for doomed_item in reversed(doomed):
        session.delete(doomed_item)
    _renumber([s for s in children_of(meeting, parent) if id(s) not in doomed_ids])
    session.flush()
    return len(doomed)


# --- Documents ---------------------------------------------------------------------------------


def documents_for(
    session: Session,
    meeting: Meeting,
    *,
    words: str = "",
    body: str = "",
    year: int | None = None,
) -> list[Document]:
    """Documents to choose from: those whose symbol starts with the body's prefix first, then
    the others, each group by symbol. Narrowed, when asked, to the documents holding every one
    of ``words`` (in their symbol or title, in any language), issued by ``body`` (a symbol
    prefix) and of ``year`` (the year of the symbol, else of the issue date)."""
    query = select(Document).order_by(Document.symbol)
    found = query_words(words)
    if found:
        query = query.where(*(document_matches(word) for word in found))
    documents = session.scalars(query).all()
    if body:
        documents = [d for d in documents if symbol_starts_with(d.symbol, body)]
    if year is not None:
        documents = [d for d in documents if document_year(d) == year]
    prefix = meeting.body.symbol + "/"
    return sorted(documents, key=lambda d: (not d.symbol.startswith(prefix), d.symbol))


def document_year(document: Document) -> int | None:
    """The year a document belongs to: the year in its symbol, else the year it was issued."""
    try:
        year = parse_symbol(document.symbol).year
    except SymbolError:
        year = None
    if year is None and document.issued is not None:
        year = document.issued.year
    return year


def document_years(session: Session) -> list[int]:
    """Every year some document belongs to, newest first (for the picker's filter)."""
    rows = session.execute(select(Document.symbol, Document.issued)).all()
    years = set()
    for symbol, issued in rows:
        try:
            year = parse_symbol(symbol).year
        except SymbolError:
            year = None
        if year is None and issued is not None:
            year = issued.year
        if year is not None:
            years.add(year)
    return sorted(years, reverse=True)


def _renumber_links(links: list[AgendaItemDocument]) -> None:
    for position, link in enumerate(links):
        if link.position != position:
            link.position = position


def attach_document(session: Session, item: AgendaItem, document: Document) -> None:
    """List ``document`` under ``item``, after the documents already there."""
    if any(link.document_id == document.id for link in item.document_links):
        raise AgendaRefused(_l("This document is already listed under the item."))
    item.document_links.append(
        AgendaItemDocument(document=document, position=len(item.document_links))
    )
    session.flush()


def remove_document(session: Session, item: AgendaItem, document: Document) -> None:
    link = next((lk for lk in item.document_links if lk.document_id == document.id), None)
    if link is None:
        raise AgendaRefused(_l("This document is not listed under the item."))
    item.document_links.remove(link)
    _renumber_links(sorted(item.document_links, key=lambda lk: lk.position))
    session.flush()


def move_document(session: Session, item: AgendaItem, document: Document, offset: int) -> None:
    """Move ``document`` ``offset`` places in the item's list (-1: up, 1: down)."""
    links = sorted(item.document_links, key=lambda lk: lk.position)
    index = next((i for i, lk in enumerate(links) if lk.document_id == document.id), None)
    if index is None:
        raise AgendaRefused(_l("This document is not listed under the item."))
    target = index + offset
    if not 0 <= target < len(links):
        raise AgendaRefused(_l("The document cannot move further."))
    links.insert(target, links.pop(index))
    _renumber_links(links)
    session.flush()
