"""The agenda editor: /manage/meetings/<uuid>/agenda and the item pages under it.

Every change goes through :func:`planner.history.service.meeting_change`; each request commits
once and rolls back on any refusal or error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner.agenda.forms import (
    AttachDocumentForm,
    ItemForm,
    MoveForm,
    RevisionForm,
    StandardItemForm,
    parse_minutes,
    place_choices,
)
from planner.agenda.services import (
    AgendaRefused,
    add_item,
    agenda_revision,
    attach_document,
    check_revision,
    children_of,
    delete_item,
    descendants_of,
    document_years,
    documents_for,
    move_document,
    move_item,
    move_step,
    remove_document,
    update_item,
)
from planner.agenda.services import (
    confirm_carried_over as confirm_item_texts,
)
from planner.auth.access import require_editor, signed_in_user
from planner.core import formatting
from planner.core.agenda import (
    MAX_DEPTH,
    NumberedItem,
    number_agenda,
    total_minutes,
    usual_index,
)
from planner.core.document import item_title
from planner.core.languages import LANGUAGES, pick
from planner.core.orgwork import held_slots
from planner.core.plain import STANDARD_KINDS, ItemData, MeetingData, SlotData
from planner.core.standard import standard_title
from planner.extensions import db
from planner.forms import VersionedForm, fill_texts, json_text_problem, texts_of
from planner.history.service import meeting_change
from planner.i18n import document_language
from planner.models import AgendaItem, Body, Change, Document, Meeting, User
from planner.services.concurrency import StaleEdit, check_version
from planner.services.mandates import all_mandates
from planner.services.snapshot import meeting_data, meetings_query

bp = Blueprint("agenda", __name__)

BASE = "/manage/meetings/<uuid:meeting_id>/agenda"


# --- Loading and access ------------------------------------------------------------------------


def load_meeting_by_id(meeting_id: UUID) -> Meeting | None:
    return db.session.scalars(meetings_query().where(Meeting.public_id == meeting_id)).first()


def editable_meeting(meeting_id: UUID) -> tuple[Meeting, User]:
    """The meeting and the signed-in user, who must be allowed to plan it (else 403 / sign-in)."""
    meeting = load_meeting_by_id(meeting_id)
    if meeting is None:
        abort(404)
    return meeting, require_editor(meeting.body)


def _item(meeting: Meeting, item_id: UUID | str | None) -> AgendaItem:
    item = find_item(meeting, item_id)
    if item is None:
        abort(404)
    return item


def find_item(meeting: Meeting, item_id: UUID | str | None) -> AgendaItem | None:
    try:
        wanted = item_id if isinstance(item_id, UUID) else UUID(str(item_id))
    except ValueError:
        return None
    return next((i for i in meeting.items if i.public_id == wanted), None)


def interface_language() -> str:
    return str(get_locale() or "en")


def reading_language() -> str:
    """The language item titles are shown in: ?lang=xx, else the interface language."""
    return document_language(interface_language())


@contextmanager
def one_change(user: User, meeting: Meeting, summary: str) -> Iterator[None]:
    """A change recorded in the history and committed, or rolled back whole."""
    try:
        with meeting_change(db.session, user, meeting, summary):
            yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def latest_change(meeting_public_id: UUID) -> Change | None:
    return db.session.scalar(
        select(Change)
        .where(Change.subject_id == meeting_public_id)
        .order_by(Change.id.desc())
        .limit(1)
    )


# --- The tree ----------------------------------------------------------------------------------


@dataclass
class Row:
    """One item as the editor shows it."""

    numbered: NumberedItem
    title: str
    standard_label: str
    minutes: int | None
    documents: tuple[str, ...]
    index: int
    last: bool
    height: int
    children: list[Row] = field(default_factory=list)

    @property
    def carried_over(self) -> tuple[str, ...]:
        return self.numbered.item.carried_over

    @property
    def public_id(self) -> UUID:
        return self.numbered.item.public_id

    @property
    def number(self) -> str:
        return self.numbered.number

    @property
    def depth(self) -> int:
        return self.numbered.depth

    @property
    def parent_id(self) -> UUID | None:
        return self.numbered.parent_id

    @property
    def pin(self) -> Any:
        return self.numbered.item.pin

    @property
    def can_indent(self) -> bool:
        return self.index > 0 and self.depth + 1 + self.height <= MAX_DEPTH

    @property
    def can_have_children(self) -> bool:
        return self.depth + 1 < MAX_DEPTH


def _height(item: ItemData) -> int:
    return 1 + max((_height(child) for child in item.children), default=0)


def agenda_rows(data: MeetingData, lang: str) -> list[Row]:
    """The agenda as a tree of rows (top-level rows, each with its sub-rows)."""
    top: list[Row] = []
    by_id: dict[UUID, Row] = {}
    for n in number_agenda(data.agenda):
        item = n.item
        row = Row(
            numbered=n,
            title=item_title(item, data, lang),
            standard_label=standard_title(item.standard, data.body.meeting_word, lang)
            if item.standard
            else "",
            minutes=total_minutes(item),
            documents=tuple(d.symbol for d in item.documents),
            index=n.path[-1] - 1,
            last=n.is_last_sibling,
            height=_height(item),
        )
        by_id[item.public_id] = row
        (by_id[n.parent_id].children if n.parent_id is not None else top).append(row)
    return top


def _flat(rows: list[Row]) -> Iterator[Row]:
    for row in rows:
        yield row
        yield from _flat(row.children)


def slot_label(slot: SlotData, lang: str) -> str:
    return _(
        "Day %(day)s, meeting %(meeting)s: %(date)s, %(time)s",
        day=slot.day_index,
        meeting=slot.index_in_day,
        date=formatting.weekday_date(slot.date, lang),
        time=formatting.time_range(slot.start, slot.end, lang),
    )


_ORGANIZATIONAL = ("opening", "election_of_officers", "adoption_of_agenda")


def usual_place(meeting: Meeting, kind: str) -> tuple[AgendaItem | None, int]:
    """Where a standard item usually goes: the opening, the election of officers and the
    adoption of the agenda under "Organizational matters" (when the agenda has it), in that
    order; organizational matters first; other matters and then the adoption of the report last.
    """
    parent = None
    if kind in _ORGANIZATIONAL:
        parent = next((i for i in meeting.items if i.standard == "organizational_matters"), None)
    siblings = [s.standard for s in children_of(meeting, parent) if s.standard != kind]
    return parent, usual_index(kind, siblings)


def _standard_form(meeting: Meeting, data: MeetingData, rows: list[Row], lang: str) -> Any:
    present = {i.standard for i in meeting.items if i.standard}
    form = StandardItemForm(prefix="std")
    form.kind.choices = [
        (kind, standard_title(kind, data.body.meeting_word, lang))
        for kind in STANDARD_KINDS
        if kind not in present
    ]
    form.where.choices = [
        ("usual", _("Where it usually goes")),
        ("", _("At the end of the agenda")),
        *(
            (str(r.public_id), _("As the last sub-item of item %(number)s", number=r.number))
            for r in _flat(rows)
            if r.can_have_children
        ),
    ]
    return form


@bp.get(BASE)
def editor(meeting_id: UUID) -> str:
    meeting, _user = editable_meeting(meeting_id)
    return render_editor(meeting)


def render_editor(meeting: Meeting) -> str:
    data = meeting_data(meeting)
    lang = reading_language()
    rows = agenda_rows(data, lang)
    return render_template(
        "agenda/editor.html",
        meeting=data,
        rows=rows,
        lang=lang,
        revision=agenda_revision(meeting),
        standard_form=_standard_form(meeting, data, rows, lang),
        max_depth=MAX_DEPTH,
    )


# --- Adding ------------------------------------------------------------------------------------


def _numbers(meeting: Meeting) -> dict[UUID, str]:
    return {n.item.public_id: n.number for n in number_agenda(meeting_data(meeting).agenda)}


def _back_to_tree(meeting_id: UUID, item_id: UUID | None = None) -> Response:
    anchor = f"item-{item_id}" if item_id else None
    return redirect(url_for("agenda.editor", meeting_id=meeting_id, _anchor=anchor))


def _setup_item_form(form: ItemForm, data: MeetingData, item: AgendaItem | None) -> None:
    lang = interface_language()
    current = (
        (item.pin_day, item.pin_meeting)
        if item is not None and item.pin_day is not None and item.pin_meeting is not None
        else None
    )
    choices = place_choices(
        held_slots(data),
        lambda slot: slot_label(slot, lang),
        keep=current,
        keep_label=_(
            "Day %(day)s, meeting %(meeting)s (not held)",
            day=current[0] if current else 0,
            meeting=current[1] if current else 0,
        ),
    )
    form.setup(held_slots(data), choices, item.standard if item else None, current)
    form.mandates = lambda: all_mandates(db.session)


def _standard_titles(kind: str | None, data: MeetingData) -> dict[str, str]:
    if kind is None:
        return {}
    return {lang: standard_title(kind, data.body.meeting_word, lang) for lang in LANGUAGES}


@bp.route(f"{BASE}/new", methods=["GET", "POST"])
def new_item(meeting_id: UUID) -> Any:
    meeting, user = editable_meeting(meeting_id)
    parent = _item(meeting, request.args["parent"]) if request.args.get("parent") else None
    data = meeting_data(meeting)
    numbers = _numbers(meeting)
    form = ItemForm()
    _setup_item_form(form, data, None)
    if form.validate_on_submit():
        try:
            with one_change(user, meeting, "Agenda item added"):
                item = add_item(
                    db.session,
                    meeting,
                    parent,
                    title=texts_of(form.title),
                    annotation=texts_of(form.annotation),
                    minutes=parse_minutes(form.minutes.data),
                    pin=form.place,
                )
                item_id = item.public_id
        except AgendaRefused as refused:
            flash(str(refused), "error")
        else:
            flash(_("Item %(number)s added.", number=_numbers(meeting)[item_id]), "success")
            return _back_to_tree(meeting_id, item_id)
    return render_template(
        "agenda/item.html",
        meeting=data,
        form=form,
        item=None,
        parent_number=numbers.get(parent.public_id) if parent is not None else None,
        number=None,
        standard_titles={},
        action=url_for("agenda.new_item", meeting_id=meeting_id, parent=request.args.get("parent")),
    )


@bp.post(f"{BASE}/standard")
def add_standard_item(meeting_id: UUID) -> Response:
    meeting, user = editable_meeting(meeting_id)
    data = meeting_data(meeting)
    lang = reading_language()
    form = _standard_form(meeting, data, agenda_rows(data, lang), lang)
    if not form.validate_on_submit():
        flash(_("Choose a standard item the agenda does not have yet."), "error")
        return _back_to_tree(meeting_id)
    kind = form.kind.data
    try:
        with one_change(user, meeting, f"Standard agenda item added: {kind}"):
            if form.where.data == "usual":
                parent, index = usual_place(meeting, kind)
            else:
                parent = _item(meeting, form.where.data) if form.where.data else None
                index = len(children_of(meeting, parent))
            item = add_item(db.session, meeting, parent, title={}, standard=kind)
            move_item(db.session, item, parent, index)
            item_id = item.public_id
    except AgendaRefused as refused:
        flash(str(refused), "error")
        return _back_to_tree(meeting_id)
    flash(_("Item %(number)s added.", number=_numbers(meeting)[item_id]), "success")
    return _back_to_tree(meeting_id, item_id)


# --- Editing -----------------------------------------------------------------------------------


def _fill_item_form(form: ItemForm, item: AgendaItem) -> None:
    fill_texts(form.title, item.text("title"))
    fill_texts(form.annotation, item.text("annotation"))
    form.minutes.data = str(item.minutes) if item.minutes is not None else ""
    form.pin.data = (
        f"{item.pin_day}-{item.pin_meeting}"
        if item.pin_day is not None and item.pin_meeting is not None
        else ""
    )
    form.version.data = str(item.version)


def _submitted(form: ItemForm) -> dict[str, Any]:
    """What the person typed, kept to show beside the colleague's values after a refusal."""
    return {
        "title": texts_of(form.title),
        "annotation": texts_of(form.annotation),
        "minutes": (form.minutes.data or "").strip(),
        "pin": dict(form.pin.choices).get(form.pin.data or "", "") if form.pin.data else "",
    }


def _sub_items_minutes(data: MeetingData, item_id: UUID) -> int | bool | None:
    """For an item with sub-items, the sum of their times (``None`` when none is estimated);
    ``False`` for an item without sub-items, whose own time is edited."""
    for numbered in number_agenda(data.agenda):
        if numbered.item.public_id == item_id and numbered.item.children:
            return total_minutes(numbered.item)
    return False


@bp.route(f"{BASE}/items/<uuid:item_id>", methods=["GET", "POST"])
def edit_item(meeting_id: UUID, item_id: UUID) -> Any:
    meeting, user = editable_meeting(meeting_id)
    item = _item(meeting, item_id)
    data = meeting_data(meeting)
    number = _numbers(meeting)[item_id]
    form = ItemForm()
    _setup_item_form(form, data, item)
    stale: dict[str, Any] | None = None
    if request.method == "GET":
        _fill_item_form(form, item)
    elif form.validate_on_submit():
        try:
            check_version(item, form.version.data)
            with one_change(user, meeting, f"Agenda item {number} edited"):
                update_item(
                    db.session,
                    item,
                    title=texts_of(form.title),
                    annotation=texts_of(form.annotation),
                    # A heading's time is its sub-items': its own field is not offered.
                    minutes=item.minutes
                    if children_of(meeting, item)
                    else parse_minutes(form.minutes.data),
                    pin=form.place,
                )
        except (StaleEdit, StaleDataError):
            db.session.rollback()
            db.session.expire_all()
            stale = _submitted(form)
            meeting = load_meeting_by_id(meeting_id) or abort(404)
            current = find_item(meeting, item_id)
            if current is None:
                flash(_("Someone else deleted this item while you were editing it."), "error")
                return _back_to_tree(meeting_id)
            item = current
            data = meeting_data(meeting)
            number = _numbers(meeting)[item_id]
            _fill_item_form(form, item)
        except AgendaRefused as refused:
            form.title_errors.append(str(refused))
        else:
            flash(_("Item %(number)s saved.", number=number), "success")
            return _back_to_tree(meeting_id, item_id)
    change = latest_change(meeting.public_id) if stale is not None else None
    return render_template(
        "agenda/item.html",
        meeting=data,
        form=form,
        item=item,
        number=number,
        parent_number=None,
        standard_titles=_standard_titles(item.standard, data),
        sub_items_minutes=_sub_items_minutes(data, item_id),
        stale=stale,
        change=change,
        action=url_for("agenda.edit_item", meeting_id=meeting_id, item_id=item_id),
        documents=_document_rows(item),
        document_filter=(chosen := _document_filter(meeting)),
        attach_form=_attach_form(meeting, item, chosen),
    )


@bp.post(f"{BASE}/items/<uuid:item_id>/confirm")
def confirm_carried_over(meeting_id: UUID, item_id: UUID) -> Response:
    """The texts copied from the previous meeting are right as they are: the flag goes."""
    meeting, _user = editable_meeting(meeting_id)
    item = _item(meeting, item_id)
    form = VersionedForm()
    if not form.validate_on_submit():
        abort(400)
    number = _numbers(meeting)[item_id]
    try:
        check_version(item, form.version.data)
        confirm_item_texts(db.session, item)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        flash(
            _(
                "Not confirmed: someone else changed item %(number)s in the meantime. Review "
                "its texts as they are now.",
                number=number,
            ),
            "error",
        )
        return _back_to_item(meeting_id, item_id)
    flash(_("The texts of item %(number)s are confirmed.", number=number), "success")
    return _back_to_tree(meeting_id, item_id)


# --- Deleting ----------------------------------------------------------------------------------


@bp.route(f"{BASE}/items/<uuid:item_id>/delete", methods=["GET", "POST"])
def delete(meeting_id: UUID, item_id: UUID) -> Any:
    meeting, user = editable_meeting(meeting_id)
    item = _item(meeting, item_id)
    numbers = _numbers(meeting)
    form = RevisionForm()
    if form.validate_on_submit():
        number = numbers[item_id]
        try:
            check_revision(meeting, form.revision.data)
            with one_change(user, meeting, f"Agenda item {number} deleted"):
                count = delete_item(db.session, item)
        except (AgendaRefused, StaleDataError) as refused:
            flash(_message(refused), "error")
            return _back_to_tree(meeting_id)
        flash(
            ngettext(
                "Item %(number)s deleted, with its sub-item. The history can bring it back.",
                "Item %(number)s deleted, with its %(num)s sub-items. The history can bring "
                "them back.",
                count - 1,
                number=number,
            )
            if count > 1
            else _("Item %(number)s deleted. The history can bring it back.", number=number),
            "success",
        )
        return _back_to_tree(meeting_id)
    data = meeting_data(meeting)
    lang = reading_language()
    rows = {r.public_id: r for r in _flat(agenda_rows(data, lang))}
    doomed = [rows[item.public_id], *(rows[d.public_id] for d in descendants_of(meeting, item))]
    form.revision.data = agenda_revision(meeting)
    return render_template("agenda/delete.html", meeting=data, doomed=doomed, form=form)


def _message(refused: BaseException) -> str:
    if isinstance(refused, StaleDataError):
        return _(
            "Someone else changed the agenda at the same moment, so nothing was changed. "
            "Please try again."
        )
    return str(refused)


# --- Moving ------------------------------------------------------------------------------------


@bp.post(f"{BASE}/items/<uuid:item_id>/move")
def move(meeting_id: UUID, item_id: UUID) -> Response:
    """The keyboard (and no-JavaScript) moves: up, down, indent, outdent."""
    meeting, user = editable_meeting(meeting_id)
    item = _item(meeting, item_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        check_revision(meeting, form.revision.data)
        with one_change(user, meeting, f"Agenda item {_numbers(meeting)[item_id]} moved"):
            moved = move_step(db.session, item, form.direction.data or "")
    except (AgendaRefused, StaleDataError) as refused:
        flash(_message(refused), "error")
        return _back_to_tree(meeting_id, item_id)
    if moved:
        flash(_("The item is now item %(number)s.", number=_numbers(meeting)[item_id]), "success")
    return _back_to_tree(meeting_id, item_id)


def _json_error(status: int, message: str, meeting: Meeting | None = None) -> tuple[Any, int]:
    body: dict[str, Any] = {"ok": False, "error": message}
    if meeting is not None:
        body["revision"] = agenda_revision(meeting)
    return jsonify(body), status


@bp.post(f"{BASE}/move")
def move_json(meeting_id: UUID) -> Any:
    """Drag and drop: ``{"item": id, "parent": id or null, "index": n, "revision": r}``, sent
    with the CSRF token in the X-CSRFToken header. ``index`` counts the new siblings without the
    item. Answers ``{"ok": true, "revision": r, "numbers": {id: number}}``, or 409 with
    ``error`` when the move is refused (the agenda changed, a cycle, too deep)."""
    user = signed_in_user()
    if user is None:
        return _json_error(401, _("Sign in to edit the agenda."))
    meeting = load_meeting_by_id(meeting_id)
    if meeting is None:
        return _json_error(404, _("There is no such meeting."))
    if not user.can_edit(meeting.body):
        return _json_error(403, _("You may not edit the agenda of this meeting."))
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return _json_error(400, _("The move could not be read."))
    problem = json_text_problem(payload)
    if problem:
        return _json_error(400, problem)
    item = find_item(meeting, payload.get("item"))
    parent_id = payload.get("parent")
    parent = find_item(meeting, parent_id) if parent_id else None
    index = payload.get("index")
    if item is None or (parent_id and parent is None):
        return _json_error(409, _("That item is no longer on the agenda."), meeting)
    if not isinstance(index, int) or isinstance(index, bool):
        return _json_error(400, _("The move could not be read."))
    item_id = item.public_id
    try:
        check_revision(meeting, payload.get("revision"))
        with one_change(user, meeting, f"Agenda item {_numbers(meeting)[item_id]} moved"):
            moved = move_item(db.session, item, parent, index)
    except (AgendaRefused, StaleDataError) as refused:
        message = _message(refused)
        flash(message, "error")
        fresh = load_meeting_by_id(meeting_id)
        return _json_error(409, message, fresh)
    numbers = _numbers(meeting)
    if moved:
        flash(_("The item is now item %(number)s.", number=numbers[item_id]), "success")
    return jsonify(
        {
            "ok": True,
            "moved": moved,
            "revision": agenda_revision(meeting),
            "numbers": {str(k): v for k, v in numbers.items()},
        }
    )


# --- Documents ---------------------------------------------------------------------------------


def _document_rows(item: AgendaItem) -> list[Document]:
    return [link.document for link in sorted(item.document_links, key=lambda lk: lk.position)]


@dataclass(frozen=True)
class DocumentFilter:
    """The document picker's filter (a GET form, so it works without JavaScript): words or a
    symbol, the issuing body and the year; by default the meeting's body and year."""

    words: str
    body: str  # a body's symbol; "" for every body
    year: int | None  # None for every year
    bodies: list[str]
    years: list[int]


def _document_filter(meeting: Meeting) -> DocumentFilter:
    args = request.args
    bodies = list(db.session.scalars(select(Body.symbol).order_by(Body.symbol)))
    years = document_years(db.session)
    body = args.get("docbody", meeting.body.symbol)
    if body not in bodies:
        body = ""
    raw_year = args.get("docyear", str(meeting.start_date.year))
    year = int(raw_year) if raw_year.isdigit() and int(raw_year) in years else None
    return DocumentFilter(
        words=args.get("docq", "").strip()[:200], body=body, year=year, bodies=bodies, years=years
    )


def _attach_form(
    meeting: Meeting, item: AgendaItem, chosen: DocumentFilter | None = None
) -> AttachDocumentForm:
    """The picker; its choices narrowed by ``chosen`` (on the page) or all (when posted)."""
    form = AttachDocumentForm(prefix="doc")
    listed = {link.document_id for link in item.document_links}
    found = (
        documents_for(db.session, meeting, words=chosen.words, body=chosen.body, year=chosen.year)
        if chosen is not None
        else documents_for(db.session, meeting)
    )
    lang = reading_language()
    form.document.choices = [
        (str(d.public_id), _document_choice(d, lang)) for d in found if d.id not in listed
    ]
    return form


def _document_choice(document: Document, lang: str) -> str:
    title = pick(document.text("title"), lang)
    if len(title) > 90:
        title = title[:89].rstrip() + "…"
    return f"{document.symbol} — {title}" if title else document.symbol


def _document(document_id: UUID | str | None) -> Document:
    try:
        wanted = document_id if isinstance(document_id, UUID) else UUID(str(document_id))
    except ValueError:
        abort(400)
    document = db.session.scalar(select(Document).where(Document.public_id == wanted))
    if document is None:
        abort(404)
    return document


def _back_to_item(meeting_id: UUID, item_id: UUID) -> Response:
    return redirect(
        url_for("agenda.edit_item", meeting_id=meeting_id, item_id=item_id, _anchor="documents")
    )


def _document_change(
    meeting: Meeting,
    user: User,
    item: AgendaItem,
    summary: str,
    change: Callable[[AgendaItem], None],
) -> Response:
    meeting_id, item_id = meeting.public_id, item.public_id
    number = _numbers(meeting)[item_id]
    try:
        with one_change(user, meeting, summary.format(number=number)):
            change(item)
    except (AgendaRefused, StaleDataError) as refused:
        flash(_message(refused), "error")
    return _back_to_item(meeting_id, item_id)


@bp.post(f"{BASE}/items/<uuid:item_id>/documents")
def attach(meeting_id: UUID, item_id: UUID) -> Response:
    meeting, user = editable_meeting(meeting_id)
    item = _item(meeting, item_id)
    form = _attach_form(meeting, item)
    if not form.validate_on_submit():
        flash(_("Choose a document from the list."), "error")
        return _back_to_item(meeting_id, item_id)
    document = _document(form.document.data)
    return _document_change(
        meeting,
        user,
        item,
        f"Document {document.symbol} listed under agenda item {{number}}",
        lambda it: attach_document(db.session, it, document),
    )


@bp.post(f"{BASE}/items/<uuid:item_id>/documents/<uuid:document_id>/remove")
def detach(meeting_id: UUID, item_id: UUID, document_id: UUID) -> Response:
    meeting, user = editable_meeting(meeting_id)
    item = _item(meeting, item_id)
    document = _document(document_id)
    return _document_change(
        meeting,
        user,
        item,
        f"Document {document.symbol} removed from agenda item {{number}}",
        lambda it: remove_document(db.session, it, document),
    )


@bp.post(f"{BASE}/items/<uuid:item_id>/documents/<uuid:document_id>/<any(up, down):direction>")
def reorder_document(
    meeting_id: UUID, item_id: UUID, document_id: UUID, direction: str
) -> Response:
    meeting, user = editable_meeting(meeting_id)
    item = _item(meeting, item_id)
    document = _document(document_id)
    offset = -1 if direction == "up" else 1
    return _document_change(
        meeting,
        user,
        item,
        "Documents of agenda item {number} reordered",
        lambda it: move_document(db.session, it, document, offset),
    )
