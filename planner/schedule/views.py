"""The organization of work: /manage/meetings/<uuid>/organization-of-work.

The page shows the proposal (or the organization of work the secretariat fixed) per day and
half-day meeting, with the capacity used, the items that do not fit and every problem of the
meeting, re-rendered after each change. Every change goes through
:func:`planner.history.service.meeting_change`; each request commits once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner.agenda.forms import parse_place, place_value
from planner.agenda.services import AgendaRefused
from planner.agenda.views import (
    editable_meeting,
    find_item,
    interface_language,
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
from planner.models import Meeting
from planner.models.base import utcnow
from planner.schedule.forms import MoveEntryForm, OrgWorkForm, PinForm
from planner.schedule.services import (
    check_revision,
    held_places,
    move_entry,
    orgwork_revision,
    return_to_proposal,
    set_pin,
)
from planner.services.snapshot import meeting_data

bp = Blueprint("schedule", __name__)

BASE = "/manage/meetings/<uuid:meeting_id>/organization-of-work"


@dataclass(frozen=True)
class EntryRow:
    entry: Entry
    title: str


@dataclass(frozen=True)
class SittingView:
    sitting: Sitting
    time: str
    rows: tuple[EntryRow, ...]

    @property
    def slot(self) -> SlotData:
        return self.sitting.slot

    @property
    def free(self) -> int:
        return self.sitting.capacity_minutes - self.sitting.used_minutes


@dataclass(frozen=True)
class DayView:
    date: date
    heading: str
    day_index: int
    sittings: tuple[SittingView, ...]


def _days(org: OrgOfWork, titles: dict[UUID, str], lang: str) -> list[DayView]:
    days: list[DayView] = []
    by_date: dict[date, list[SittingView]] = {}
    for sitting in org.sittings:
        slot = sitting.slot
        rows = tuple(EntryRow(e, titles.get(e.item_id, "")) for e in sitting.entries)
        view = SittingView(sitting, formatting.time_range(slot.start, slot.end, lang), rows)
        by_date.setdefault(slot.date, []).append(view)
    for when, sittings in by_date.items():
        days.append(
            DayView(
                when,
                formatting.day_heading(when, lang),
                sittings[0].slot.day_index,
                tuple(sittings),
            )
        )
    return days


def _slot_choices(data: MeetingData, ui: str) -> list[tuple[str, str]]:
    return [(str(s.public_id), slot_label(s, ui)) for s in held_places(data)]


def _place_choices(data: MeetingData, ui: str) -> list[tuple[str, str]]:
    return [
        (place_value((s.day_index, s.index_in_day)), slot_label(s, ui)) for s in held_places(data)
    ]


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
    slot_choices = _slot_choices(data, ui)
    pin_choices = [("", _("Not pinned")), *_place_choices(data, ui)]
    pins = [
        (n, titles[n.item.public_id], place_value((n.item.pin.day, n.item.pin.meeting)))
        if n.item.pin
        else (n, titles[n.item.public_id], "")
        for n in numbered
    ]
    return render_template(
        "schedule/orgwork.html",
        meeting=data,
        org=org,
        days=_days(org, titles, ui) if org is not None else [],
        overflow=[(o, titles.get(o.item_id, "")) for o in org.overflow] if org else [],
        problems=problems,
        pins=pins,
        slot_choices=slot_choices,
        pin_choices=pin_choices,
        revision=orgwork_revision(meeting, org) if org is not None else "",
        form=OrgWorkForm(),
        lang=lang,
    )


def _back(meeting_id: UUID, anchor: str | None = None) -> Response:
    return redirect(url_for("schedule.orgwork", meeting_id=meeting_id, _anchor=anchor))


def _numbers(meeting: Meeting) -> dict[UUID, str]:
    return {n.item.public_id: n.number for n in number_agenda(meeting_data(meeting).agenda)}


def _refused(refused: BaseException) -> None:
    if isinstance(refused, StaleDataError):
        flash(
            _(
                "Someone else changed the meeting at the same moment, so nothing was changed. "
                "Please try again."
            ),
            "error",
        )
    else:
        flash(str(refused), "error")


def _uuid(value: Any) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


@bp.post(f"{BASE}/move")
def move(meeting_id: UUID) -> Response:
    meeting, user = editable_meeting(meeting_id)
    data = meeting_data(meeting)
    ui = interface_language()
    form = MoveEntryForm()
    form.target.choices = _slot_choices(data, ui)
    item = find_item(meeting, form.item.data)
    source, target = _uuid(form.source.data), _uuid(form.target.data)
    if not form.validate_on_submit() or item is None or source is None or target is None:
        flash(_("Choose one of the half-day meetings that are held."), "error")
        return _back(meeting_id)
    item_id = item.public_id
    number = _numbers(meeting)[item_id]
    slot = next(s for s in held_places(data) if s.public_id == target)
    was_fixed = bool(meeting.orgwork_entries)
    summary = (
        f"Organization of work: item {number} moved to meeting {slot.index_in_day} "
        f"of day {slot.day_index}"
    )
    try:
        check_revision(meeting, form.revision.data)
        with one_change(user, meeting, summary):
            move_entry(db.session, meeting, item, source, target)
    except (AgendaRefused, StaleDataError) as refused:
        _refused(refused)
        return _back(meeting_id)
    flash(
        _(
            "Item %(number)s is now taken up in meeting %(meeting)s of day %(day)s.",
            number=number,
            meeting=slot.index_in_day,
            day=slot.day_index,
        ),
        "success",
    )
    if not was_fixed:
        flash(
            _(
                "The organization of work is now fixed: planner no longer rearranges it when "
                "the agenda changes. “Return to the proposal” undoes that."
            ),
            "info",
        )
    return _back(meeting_id, f"slot-{target}")


@bp.post(f"{BASE}/pin")
def pin(meeting_id: UUID) -> Response:
    meeting, user = editable_meeting(meeting_id)
    data = meeting_data(meeting)
    form = PinForm()
    allowed = {value for value, _label in _place_choices(data, interface_language())}
    item = find_item(meeting, form.item.data)
    if not form.validate_on_submit() or item is None or (form.pin.data or "") not in {"", *allowed}:
        flash(_("Choose one of the half-day meetings that are held."), "error")
        return _back(meeting_id, "pins")
    place = parse_place(form.pin.data)
    number = _numbers(meeting)[item.public_id]
    summary = (
        f"Agenda item {number} pinned to meeting {place[1]} of day {place[0]}"
        if place
        else f"Agenda item {number} unpinned"
    )
    try:
        check_revision(meeting, form.revision.data)
        with one_change(user, meeting, summary):
            set_pin(db.session, item, place)
    except (AgendaRefused, StaleDataError) as refused:
        _refused(refused)
        return _back(meeting_id, "pins")
    if place:
        flash(
            _(
                "Item %(number)s is pinned to meeting %(meeting)s of day %(day)s.",
                number=number,
                meeting=place[1],
                day=place[0],
            ),
            "success",
        )
    else:
        flash(_("Item %(number)s is no longer pinned.", number=number), "success")
    return _back(meeting_id, "pins")


@bp.post(f"{BASE}/proposal")
def proposal(meeting_id: UUID) -> Response:
    """Return to the proposal: delete the fixed organization of work."""
    meeting, user = editable_meeting(meeting_id)
    form = OrgWorkForm()
    if not form.validate_on_submit():
        return _back(meeting_id)
    try:
        check_revision(meeting, form.revision.data)
        with one_change(user, meeting, "Organization of work: returned to the proposal"):
            returned = return_to_proposal(db.session, meeting)
    except (AgendaRefused, StaleDataError) as refused:
        _refused(refused)
        return _back(meeting_id)
    if returned:
        flash(_("The organization of work is planner's proposal again."), "success")
    return _back(meeting_id)
