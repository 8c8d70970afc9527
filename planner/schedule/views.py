"""The organization of work: /manage/meetings/<uuid>/organization-of-work.

One plan, the proposal around the staff's decisions, shown as a grid of days × half-day meetings:
items as blocks sized by their minutes, a capacity bar per meeting, the items that do not fit and
every problem of the meeting. Each decision (move, split, release, pin, close a meeting, change an
item's minutes) is a plain form; ``orgwork.js`` adds drag and drop and the keyboard, posting the
same forms. Every change goes through :func:`planner.history.service.meeting_change`, carries the
revision of the plan the page showed, and each request commits once. A request that asks for
JSON (the script) gets ``{"ok": ...}`` or, refused, ``{"error": ..., "change": ...}`` with
status 409 or 400 instead of a redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner.agenda.forms import parse_minutes, parse_place, place_value
from planner.agenda.services import AgendaRefused
from planner.agenda.views import (
    editable_meeting,
    find_item,
    interface_language,
    latest_change,
    one_change,
    reading_language,
    slot_label,
)
from planner.core import formatting
from planner.core.agenda import NumberedItem, number_agenda
from planner.core.checks import check_meeting, describe
from planner.core.document import item_title
from planner.core.orgwork import Entry, OrgOfWork, Sitting, plan
from planner.core.plain import MeetingData, SlotData
from planner.extensions import db
from planner.models import AgendaItem, Meeting, User
from planner.models.base import utcnow
from planner.schedule.forms import OrgWorkForm
from planner.schedule.services import (
    OrgWorkChanged,
    check_revision,
    held_places,
    orgwork_revision,
    place_item,
    release_item,
    set_closed,
    set_minutes,
    set_pin,
    split_item,
)
from planner.services.snapshot import meeting_data

bp = Blueprint("schedule", __name__)

BASE = "/manage/meetings/<uuid:meeting_id>/organization-of-work"
#: Minutes per step of a block's height on the grid.
STEP = 15


def _span(minutes: int) -> int:
    """How many steps of the grid a block of ``minutes`` takes (at least one)."""
    return max(1, min(24, -(-minutes // STEP)))


@dataclass(frozen=True)
class Block:
    entry: Entry
    title: str
    span: int


@dataclass(frozen=True)
class SittingView:
    sitting: Sitting
    time: str
    label: str
    blocks: tuple[Block, ...]

    @property
    def slot(self) -> SlotData:
        return self.sitting.slot

    @property
    def free(self) -> int:
        return self.sitting.capacity_minutes - self.sitting.used_minutes

    @property
    def span(self) -> int:
        return _span(self.sitting.capacity_minutes)


@dataclass(frozen=True)
class DayView:
    date: date
    heading: str
    day_index: int
    sittings: tuple[SittingView, ...]


@dataclass(frozen=True)
class ItemRow:
    """One agenda item in the table of decisions."""

    numbered: NumberedItem
    title: str
    pin: str  # place_value of its pin, "" if none
    decided: bool  # placed or pinned by staff
    where: str  # the half-day meetings that take it up, as labels


def _days(org: OrgOfWork, titles: dict[UUID, str], ui: str) -> list[DayView]:
    by_date: dict[date, list[SittingView]] = {}
    for sitting in org.sittings:
        slot = sitting.slot
        blocks = tuple(
            Block(e, titles.get(e.item_id, ""), _span(e.minutes)) for e in sitting.entries
        )
        view = SittingView(
            sitting, formatting.time_range(slot.start, slot.end, ui), slot_label(slot, ui), blocks
        )
        by_date.setdefault(slot.date, []).append(view)
    return [
        DayView(when, formatting.day_heading(when, ui), sittings[0].slot.day_index, tuple(sittings))
        for when, sittings in by_date.items()
    ]


def _slot_choices(data: MeetingData, ui: str) -> list[tuple[str, str]]:
    return [(str(s.public_id), slot_label(s, ui)) for s in held_places(data)]


def _place_choices(data: MeetingData, ui: str) -> list[tuple[str, str]]:
    return [
        (place_value((s.day_index, s.index_in_day)), slot_label(s, ui)) for s in held_places(data)
    ]


def _short(slot: SlotData) -> str:
    return _("Day %(day)s, meeting %(meeting)s", day=slot.day_index, meeting=slot.index_in_day)


@bp.get(BASE)
def orgwork(meeting_id: UUID) -> str:
    meeting, _user = editable_meeting(meeting_id)
    return render_orgwork(meeting)


def render_orgwork(meeting: Meeting) -> str:
    data = meeting_data(meeting)
    ui = interface_language()
    lang = reading_language()
    problems = [(p.severity, describe(p, ui)) for p in check_meeting(data, utcnow().date())]
    try:
        numbered: list[NumberedItem] = number_agenda(data.agenda)
        org: OrgOfWork | None = plan(data)
    except ValueError:  # deeper than the numbering allows; check_meeting says so
        numbered, org = [], None
    titles = {n.item.public_id: item_title(n.item, data, lang) for n in numbered}
    placed = {p.item_id for p in data.placements}
    where: dict[UUID, list[str]] = {}
    for sitting in org.sittings if org else ():
        for e in sitting.entries:
            where.setdefault(e.item_id, []).append(_short(sitting.slot))
    rows = [
        ItemRow(
            n,
            titles[n.item.public_id],
            place_value((n.item.pin.day, n.item.pin.meeting)) if n.item.pin else "",
            n.item.public_id in placed or n.item.pin is not None,
            ", ".join(where.get(n.item.public_id, [])),
        )
        for n in numbered
    ]
    days = _days(org, titles, ui) if org is not None else []
    return render_template(
        "schedule/orgwork.html",
        meeting=data,
        org=org,
        days=days,
        per_day=max((len(d.sittings) for d in days), default=0),
        overflow=[(o, titles.get(o.item_id, ""), _span(o.minutes_unplaced)) for o in org.overflow]
        if org
        else [],
        problems=problems,
        rows=rows,
        slot_choices=_slot_choices(data, ui),
        # The table of items takes the short labels ("Day 2, meeting 1"): the grid shows times.
        slot_short=[(str(s.public_id), _short(s)) for s in held_places(data)],
        pin_short=[
            ("", _("Not pinned")),
            *[(place_value((s.day_index, s.index_in_day)), _short(s)) for s in held_places(data)],
        ],
        revision=orgwork_revision(meeting, org) if org is not None else "",
        form=OrgWorkForm(),
        lang=lang,
        step=STEP,
    )


# --- Changes -------------------------------------------------------------------------------------


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _back(meeting_id: UUID, anchor: str | None = None) -> Response:
    return redirect(url_for("schedule.orgwork", meeting_id=meeting_id, _anchor=anchor))


def _numbers(meeting: Meeting) -> dict[UUID, str]:
    return {n.item.public_id: n.number for n in number_agenda(meeting_data(meeting).agenda)}


def _their_change(meeting: Meeting) -> dict[str, str] | None:
    change = latest_change(meeting.public_id)
    if change is None:
        return None
    return {
        "who": change.user_email or _("someone"),
        "summary": change.summary,
        "at": formatting.weekday_date(change.at.date(), interface_language()),
    }


def _refusal(
    meeting_id: UUID, meeting: Meeting, refused: BaseException, anchor: str | None
) -> Response:
    """Nothing was changed: say why, with the colleague's change when the page was stale."""
    stale = isinstance(refused, (StaleDataError, OrgWorkChanged))
    if isinstance(refused, StaleDataError):
        message = _(
            "Someone else changed the meeting at the same moment, so nothing was changed. "
            "Please try again."
        )
    else:
        message = str(refused)
    change = _their_change(meeting) if stale else None
    if _wants_json():
        return Response(
            jsonify({"error": message, "change": change}).get_data(),
            status=409 if stale else 400,
            mimetype="application/json",
        )
    flash(message, "error")
    if change is not None:
        flash(
            _(
                "The latest change: %(summary)s (%(who)s, %(at)s).",
                summary=change["summary"],
                who=change["who"],
                at=change["at"],
            ),
            "info",
        )
    return _back(meeting_id, anchor)


def _done(meeting_id: UUID, message: str, anchor: str | None = None) -> Response:
    if _wants_json():
        return jsonify({"ok": message})
    flash(message, "success")
    return _back(meeting_id, anchor)


def _bad(meeting_id: UUID, message: str, anchor: str | None = None) -> Response:
    if _wants_json():
        return Response(
            jsonify({"error": message}).get_data(), status=400, mimetype="application/json"
        )
    flash(message, "error")
    return _back(meeting_id, anchor)


def _decide(
    meeting: Meeting, user: User, summary: str, change: Callable[[], Any]
) -> BaseException | None:
    """Check the revision the page showed and make the change as one recorded change."""
    form = OrgWorkForm()
    try:
        check_revision(meeting, form.revision.data)
        with one_change(user, meeting, summary):
            change()
    except (AgendaRefused, StaleDataError) as refused:
        return refused
    return None


def _item_and_slot(
    meeting: Meeting, data: MeetingData, field: str = "target"
) -> tuple[AgendaItem | None, SlotData | None]:
    item = find_item(meeting, request.form.get("item"))
    try:
        wanted = UUID(str(request.form.get(field, "")))
    except ValueError:
        return item, None
    return item, next((s for s in held_places(data) if s.public_id == wanted), None)


@bp.post(f"{BASE}/move")
def move(meeting_id: UUID) -> Response:
    """Take an item up in another half-day meeting (all its time); nothing else is touched."""
    meeting, user = editable_meeting(meeting_id)
    data = meeting_data(meeting)
    item, slot = _item_and_slot(meeting, data)
    if not OrgWorkForm().validate_on_submit() or item is None or slot is None:
        return _bad(meeting_id, _("Choose one of the half-day meetings that are held."))
    number = _numbers(meeting)[item.public_id]
    summary = (
        f"Organization of work: item {number} moved to meeting {slot.index_in_day} "
        f"of day {slot.day_index}"
    )
    refused = _decide(
        meeting, user, summary, lambda: place_item(db.session, meeting, item, slot.public_id)
    )
    if refused is not None:
        return _refusal(meeting_id, meeting, refused, None)
    return _done(
        meeting_id,
        _(
            "Item %(number)s is now taken up in meeting %(meeting)s of day %(day)s.",
            number=number,
            meeting=slot.index_in_day,
            day=slot.day_index,
        ),
        f"slot-{slot.public_id}",
    )


@bp.post(f"{BASE}/split")
def split(meeting_id: UUID) -> Response:
    """Give another half-day meeting part of an item's time."""
    meeting, user = editable_meeting(meeting_id)
    data = meeting_data(meeting)
    item, slot = _item_and_slot(meeting, data)
    try:
        minutes = parse_minutes(request.form.get("minutes"))
    except ValueError:
        minutes = None
    if not OrgWorkForm().validate_on_submit() or item is None or slot is None:
        return _bad(meeting_id, _("Choose one of the half-day meetings that are held."), "items")
    if minutes is None:
        return _bad(meeting_id, _("Give the minutes as a whole number."), "items")
    number = _numbers(meeting)[item.public_id]
    summary = (
        f"Organization of work: {minutes} minutes of item {number} in meeting "
        f"{slot.index_in_day} of day {slot.day_index}"
    )
    refused = _decide(
        meeting,
        user,
        summary,
        lambda: split_item(db.session, meeting, item, slot.public_id, minutes),
    )
    if refused is not None:
        return _refusal(meeting_id, meeting, refused, "items")
    return _done(
        meeting_id,
        _(
            "%(minutes)s minutes of item %(number)s are now taken up in meeting %(meeting)s of "
            "day %(day)s.",
            minutes=minutes,
            number=number,
            meeting=slot.index_in_day,
            day=slot.day_index,
        ),
        "items",
    )


@bp.post(f"{BASE}/release")
def release(meeting_id: UUID) -> Response:
    """Give an item back to the proposal: delete its placements and its pin."""
    meeting, user = editable_meeting(meeting_id)
    item = find_item(meeting, request.form.get("item"))
    if not OrgWorkForm().validate_on_submit() or item is None:
        return _bad(meeting_id, _("That item is not on the agenda."))
    number = _numbers(meeting)[item.public_id]
    summary = f"Organization of work: item {number} released to the proposal"
    refused = _decide(meeting, user, summary, lambda: release_item(db.session, meeting, item))
    if refused is not None:
        return _refusal(meeting_id, meeting, refused, None)
    return _done(meeting_id, _("planner proposes where item %(number)s goes again.", number=number))


@bp.post(f"{BASE}/pin")
def pin(meeting_id: UUID) -> Response:
    meeting, user = editable_meeting(meeting_id)
    data = meeting_data(meeting)
    allowed = {value for value, _label in _place_choices(data, interface_language())}
    item = find_item(meeting, request.form.get("item"))
    value = request.form.get("pin", "")
    if not OrgWorkForm().validate_on_submit() or item is None or value not in {"", *allowed}:
        return _bad(meeting_id, _("Choose one of the half-day meetings that are held."), "items")
    place = parse_place(value)
    number = _numbers(meeting)[item.public_id]
    summary = (
        f"Agenda item {number} pinned to meeting {place[1]} of day {place[0]}"
        if place
        else f"Agenda item {number} unpinned"
    )
    refused = _decide(meeting, user, summary, lambda: set_pin(db.session, item, place))
    if refused is not None:
        return _refusal(meeting_id, meeting, refused, "items")
    if place:
        message = _(
            "Item %(number)s is pinned to meeting %(meeting)s of day %(day)s.",
            number=number,
            meeting=place[1],
            day=place[0],
        )
    else:
        message = _("Item %(number)s is no longer pinned.", number=number)
    return _done(meeting_id, message, "items")


@bp.post(f"{BASE}/minutes")
def minutes(meeting_id: UUID) -> Response:
    """Change an item's estimated time."""
    meeting, user = editable_meeting(meeting_id)
    item = find_item(meeting, request.form.get("item"))
    try:
        value = parse_minutes(request.form.get("minutes"))
    except ValueError:
        return _bad(meeting_id, _("Give the minutes as a whole number."), "items")
    if not OrgWorkForm().validate_on_submit() or item is None:
        return _bad(meeting_id, _("That item is not on the agenda."), "items")
    number = _numbers(meeting)[item.public_id]
    summary = f"Agenda item {number}: estimated time {value if value is not None else 'none'}"
    refused = _decide(meeting, user, summary, lambda: set_minutes(db.session, item, value))
    if refused is not None:
        return _refusal(meeting_id, meeting, refused, "items")
    message = _("The estimated time of item %(number)s is saved.", number=number)
    return _done(meeting_id, message, "items")


@bp.post(f"{BASE}/close")
def close(meeting_id: UUID) -> Response:
    """Close a half-day meeting to further items, or open it again."""
    meeting, user = editable_meeting(meeting_id)
    data = meeting_data(meeting)
    _item, slot = _item_and_slot(meeting, data, "slot")
    closing = request.form.get("closed") == "1"
    if not OrgWorkForm().validate_on_submit() or slot is None:
        return _bad(meeting_id, _("Choose one of the half-day meetings that are held."))
    where = f"meeting {slot.index_in_day} of day {slot.day_index}"
    state = "closed to" if closing else "opened to"
    summary = f"Organization of work: {where} {state} further items"
    refused = _decide(
        meeting,
        user,
        summary,
        lambda: set_closed(db.session, meeting, slot.public_id, closing),
    )
    if refused is not None:
        return _refusal(meeting_id, meeting, refused, f"slot-{slot.public_id}")
    if closing:
        message = _(
            "Meeting %(meeting)s of day %(day)s takes no further items.",
            meeting=slot.index_in_day,
            day=slot.day_index,
        )
    else:
        message = _(
            "Meeting %(meeting)s of day %(day)s is open to further items.",
            meeting=slot.index_in_day,
            day=slot.day_index,
        )
    return _done(meeting_id, message, f"slot-{slot.public_id}")
