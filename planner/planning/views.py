"""Pages to plan meetings: create (blank or copied from the previous meeting), edit, delete.

Editors of the body (or of a body it reports to) and admins only. Each page commits once;
any problem leaves the database as it was and is shown at its field.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response
from wtforms import Field

from planner.auth.access import require_editor, signed_in_user
from planner.core.meetingfile import MeetingSpec, Problem
from planner.core.plain import BodyData
from planner.extensions import db
from planner.i18n import interface_language
from planner.manage import stale
from planner.manage.fields import add_error
from planner.manage.stale import reload_records
from planner.models import AgendaItem, Body, Meeting
from planner.planning import services
from planner.planning.forms import CopyForm, DeleteForm, MeetingForm, zone_choices
from planner.releases.service import is_published
from planner.services.concurrency import StaleEdit
from planner.services.exporter import meeting_spec
from planner.services.importer import ImportRefused
from planner.venues import services as venue_services

bp = Blueprint("planning", __name__, url_prefix="/manage")

Page = str | tuple[str, int] | Response


def _stale_message() -> str:
    return _(
        "A colleague saved this meeting while you were editing; nothing was saved. "
        "Their version is shown below; re-apply your change."
    )


# -- who may plan, for the templates -------------------------------------------------------------


@bp.app_template_global()
def can_plan(body: Body | BodyData | None) -> bool:
    """Whether the signed-in user may plan meetings of ``body`` (a record or its plain data)."""
    user = signed_in_user()
    if user is None or body is None:
        return False
    if not isinstance(body, Body):
        body = services.body_by_public_id(db.session, body.public_id)
        if body is None:
            return False
    return user.can_edit(body)


@bp.app_template_global()
def is_admin() -> bool:
    user = signed_in_user()
    return user is not None and user.active and user.role == "admin"


# -- lookups -------------------------------------------------------------------------------------


def _body_or_404(public_id: uuid.UUID) -> Body:
    body = services.body_by_public_id(db.session, public_id)
    if body is None:
        abort(404)
    return body


def _meeting_or_404(public_id: uuid.UUID) -> Meeting:
    meeting = services.by_public_id(db.session, public_id)
    if meeting is None:
        abort(404)
    return meeting


def _meeting_page(meeting: Meeting) -> Response:
    return redirect(url_for("meetings.meeting_page", symbol=meeting.symbol), 303)


# -- problems found after the form's own checks, put at their fields -----------------------------

_SIMPLE = {
    "symbol",
    "number",
    "start",
    "end",
    "timezone",
    "city",
    "venue",
    "format",
    "status",
    "original_language",
    "issued",
    "restricted",
    "venue_key",
}
_ROW = re.compile(r"\[([0-9]+)\](?:\.(start|end))?")


def _field_for(form: MeetingForm | CopyForm, path: str) -> Field | None:
    key = re.match(r"[a-z_]*", path)
    top = key.group(0) if key else ""
    if top in _SIMPLE:
        return form._fields.get(top)
    if not isinstance(form, MeetingForm):
        return None
    rest = path[len(top) :]
    if top == "interpretation":
        if rest.startswith(".meetings"):
            return form.interpretation_meetings
        return form.interpretation_languages
    if top == "daily_meetings":
        row = _ROW.match(rest)
        if row and int(row.group(1)) < len(form.daily_meetings.entries):
            sub = form.daily_meetings.entries[int(row.group(1))].form
            return sub[row.group(2) or "start"]
        return form.daily_meetings
    if top == "days":
        day = re.match(r"\.([0-9]{4}-[0-9]{2}-[0-9]{2})(.*)", rest)
        if not day:
            return form.days
        for entry in form.days.entries:
            if entry.form.date.data and entry.form.date.data.isoformat() == day.group(1):
                row = _ROW.match(day.group(2))
                slots = entry.form.slots.entries
                if row and int(row.group(1)) < len(slots):
                    return slots[int(row.group(1))].form[row.group(2) or "start"]
                return entry.form.date
        return form.days
    return None


def _attach(form: MeetingForm | CopyForm, problems: list[Problem]) -> None:
    for problem in problems:
        path = problem.path.removeprefix("meetings[0]").removeprefix(".")
        field = _field_for(form, path)
        if field is not None:
            add_error(field, problem.message)
            continue
        number = services.item_of(path)
        if number is not None:
            message = _(
                "Agenda item %(number)s: %(message)s", number=number, message=problem.message
            )
        elif path.startswith("organization_of_work"):
            message = _("Organization of work: %(message)s", message=problem.message)
        else:
            message = problem.message
        form.form_errors.append(message)


def _checked_spec(
    form: MeetingForm, base: MeetingSpec, meeting: Meeting | None
) -> MeetingSpec | None:
    """The spec to save, or None with every problem at its field."""
    if not form.check():
        return None
    wanted = form.to_spec(base)
    taken = services.symbol_problem(db.session, wanted.symbol, meeting)
    if taken:
        add_error(form.symbol, taken)
        return None
    current = meeting_spec(meeting) if meeting is not None else None
    final = services.edited_spec(current, wanted) if current is not None else wanted
    problems = services.reader_problems(final)
    _attach(form, problems)
    return None if problems else wanted


def _venue_choices(form: MeetingForm) -> MeetingForm:
    """The venues a meeting can be held at (with "—" for none)."""
    lang = interface_language()
    choices = [("", "—")]
    for venue in venue_services.venues(db.session):
        names = venue.text("name")
        name = names.get(lang) or names.get("en") or next(iter(names.values()), "")
        choices.append((venue.key, f"{venue.key} — {name}"))
    form.venue_key.choices = choices  # type: ignore[assignment]
    return form


def _form_page(
    form: MeetingForm, body: Body, meeting: Meeting | None, status: int = 200, **context: Any
) -> Page:
    form.for_display()
    _venue_choices(form)
    page = render_template(
        "planning/meeting_form.html",
        form=form,
        body=body,
        meeting=meeting,
        time_zones=zone_choices(interface_language()),
        **context,
    )
    return (page, status) if status != 200 else page


# -- new -----------------------------------------------------------------------------------------


@bp.route("/bodies/<uuid:body_id>/meetings/new", methods=["GET", "POST"])
def new_meeting(body_id: uuid.UUID) -> Page:
    body = _body_or_404(body_id)
    user = require_editor(body)
    form = MeetingForm()
    form.body_symbol = body.symbol
    base = services.new_spec(db.session, body)
    if request.method == "GET":
        form.fill(base)
        previous = services.previous_meeting(db.session, body)
        form.symbol.data = services.next_symbol(previous.symbol) if previous else ""
        form.start.data = form.end.data = None
        form.interpretation_meetings.data = None
        return _form_page(form, body, None)
    form.tidy()
    if form.add_rows():
        return _form_page(form, body, None)
    spec = _checked_spec(form, base, None)
    if spec is None:
        return _form_page(form, body, None, 422, invalid=True)
    try:
        meeting = services.create_meeting(db.session, user, spec)
        db.session.commit()
    except ImportRefused as refused:
        db.session.rollback()
        _attach(form, refused.problems)
        return _form_page(form, body, None, 422, invalid=True)
    except IntegrityError:
        db.session.rollback()
        add_error(form.symbol, _("Another meeting already has this symbol."))
        return _form_page(form, _body_or_404(body_id), None, 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The meeting %(symbol)s was created.", symbol=meeting.symbol), "success")
    return _meeting_page(meeting)


# -- edit ----------------------------------------------------------------------------------------


def _stale_page(failed: bool, form: MeetingForm, public_id: uuid.UUID) -> Page:
    reload_records(failed)
    meeting = services.by_public_id(db.session, public_id)
    if meeting is None:
        flash(_("A colleague deleted this meeting while you were editing; nothing was saved."))
        return redirect(url_for("meetings.home"), 303)
    fresh = MeetingForm(formdata=None)
    fresh.body_symbol = meeting.body.symbol
    fresh.fill(meeting_spec(meeting), meeting.version)
    return _form_page(
        fresh,
        meeting.body,
        meeting,
        409,
        stale=stale.differences(form, fresh),
        stale_message=_stale_message(),
    )


@bp.route("/meetings/<uuid:public_id>/edit", methods=["GET", "POST"])
def edit_meeting(public_id: uuid.UUID) -> Page:
    meeting = _meeting_or_404(public_id)
    body = meeting.body
    user = require_editor(body)
    form = MeetingForm()
    form.body_symbol = body.symbol
    if request.method == "GET":
        form.fill(meeting_spec(meeting), meeting.version)
        return _form_page(form, body, meeting)
    form.tidy()
    if form.add_rows():
        return _form_page(form, body, meeting)
    if form.version.data != str(meeting.version):
        return _stale_page(False, form, public_id)
    current = meeting_spec(meeting)
    form.follow_days(current)
    spec = _checked_spec(form, current, meeting)
    if spec is None:
        return _form_page(form, body, meeting, 422, invalid=True)
    try:
        changed = services.update_meeting(db.session, user, meeting, spec, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        return _stale_page(True, form, public_id)
    except ImportRefused as refused:
        db.session.rollback()
        _attach(form, refused.problems)
        meeting = _meeting_or_404(public_id)
        return _form_page(form, meeting.body, meeting, 422, invalid=True)
    except IntegrityError:
        db.session.rollback()
        add_error(form.symbol, _("Another meeting already has this symbol."))
        meeting = _meeting_or_404(public_id)
        return _form_page(form, meeting.body, meeting, 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    if changed:
        flash(_("The meeting %(symbol)s was saved.", symbol=spec.symbol), "success")
    else:
        flash(_("Nothing had changed; the meeting is as it was."), "info")
    return _meeting_page(_meeting_or_404(public_id))


# -- delete --------------------------------------------------------------------------------------


def _delete_page(form: DeleteForm, meeting: Meeting, status: int = 200, **context: Any) -> Page:
    items = db.session.scalar(
        select(func.count(AgendaItem.id)).where(AgendaItem.meeting_id == meeting.id)
    )
    page = render_template(
        "planning/delete.html", form=form, meeting=meeting, items=items or 0, **context
    )
    return (page, status) if status != 200 else page


@bp.route("/meetings/<uuid:public_id>/delete", methods=["GET", "POST"])
def delete_meeting(public_id: uuid.UUID) -> Page:
    meeting = _meeting_or_404(public_id)
    body = meeting.body
    user = require_editor(body)
    if is_published(db.session, meeting):  # only a draft is deleted; this one is cancelled
        return redirect(url_for("releases.cancel", public_id=public_id), 303)
    form = DeleteForm()
    if request.method == "GET":
        form.version.data = str(meeting.version)
        return _delete_page(form, meeting)
    symbol, body_id = meeting.symbol, body.public_id
    try:
        services.delete_meeting(db.session, user, meeting, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        meeting = _meeting_or_404(public_id)
        form.version.data = str(meeting.version)
        message = _(
            "A colleague saved this meeting after you opened this page; nothing was deleted. "
            "Check it and confirm again."
        )
        return _delete_page(form, meeting, 409, stale_message=message)
    except Exception:
        db.session.rollback()
        raise
    flash(
        _(
            "The meeting %(symbol)s was deleted. Its history below can bring it back (Undo).",
            symbol=symbol,
        ),
        "success",
    )
    return redirect(url_for("history.body_history", body_id=body_id), 303)


# -- copy from the previous meeting --------------------------------------------------------------


def _copy_page(
    form: CopyForm, body: Body, previous: Meeting, status: int = 200, **context: Any
) -> Page:
    page = render_template(
        "planning/copy.html",
        form=form,
        body=body,
        previous=previous,
        sources=services.meetings_to_copy(db.session, body),
        **context,
    )
    return (page, status) if status != 200 else page


def _source(body: Body, wanted: str | None) -> Meeting | None:
    """The meeting to copy: the one chosen (a meeting of ``body``), else the latest."""
    meetings = services.meetings_to_copy(db.session, body)
    for meeting in meetings:
        if wanted and str(meeting.public_id) == wanted:
            return meeting
    return meetings[0] if meetings else None


@bp.route("/bodies/<uuid:body_id>/meetings/copy", methods=["GET", "POST"])
def copy_meeting(body_id: uuid.UUID) -> Page:
    body = _body_or_404(body_id)
    user = require_editor(body)
    previous = _source(body, request.values.get("source"))
    if previous is None:
        flash(
            _("%(body)s has no meeting to copy from yet; start a new one.", body=body.symbol),
            "info",
        )
        return redirect(url_for("planning.new_meeting", body_id=body_id), 303)
    form = CopyForm()
    form.body_symbol = body.symbol
    if request.method == "GET":
        proposal = services.propose(previous)
        form.source.data = str(previous.public_id)
        form.symbol.data = proposal.symbol
        form.number.data = proposal.number
        form.start.data = proposal.start
        form.end.data = proposal.end
        return _copy_page(form, body, previous)
    copy = None
    if form.check():
        taken = services.symbol_problem(db.session, form.symbol.data or "", None)
        if taken:
            add_error(form.symbol, taken)
        else:
            copy = services.copied_spec(
                meeting_spec(previous),
                form.symbol.data or "",
                form.number.data or 0,
                form.start.data,
                form.end.data,
            )
            problems = services.reader_problems(copy.spec)
            _attach(form, problems)
            copy = None if problems else copy
    if copy is None:
        return _copy_page(form, body, previous, 422, invalid=True)
    try:
        meeting = services.create_meeting(db.session, user, copy.spec)
        flagged = services.flag_carried_over(db.session, meeting, previous)
        db.session.commit()
    except ImportRefused as refused:
        db.session.rollback()
        _attach(form, refused.problems)
        return _copy_page(form, _body_or_404(body_id), previous, 422, invalid=True)
    except IntegrityError:
        db.session.rollback()
        add_error(form.symbol, _("Another meeting already has this symbol."))
        body = _body_or_404(body_id)
        return _copy_page(form, body, _source(body, form.source.data), 422)
    except Exception:
        db.session.rollback()
        raise
    flash(
        _(
            "The meeting %(symbol)s was created from %(previous)s. Check its details below.",
            symbol=meeting.symbol,
            previous=previous.symbol,
        ),
        "success",
    )
    for note in copy.notes:
        flash(note, "warning")
    if flagged:
        flash(
            ngettext(
                "%(num)s agenda item still mentions the dates, ordinal or symbols of %(previous)s: "
                "it is flagged “carried over, review” in the agenda editor.",
                "%(num)s agenda items still mention the dates, ordinal or symbols of "
                "%(previous)s: they are flagged “carried over, review” in the agenda editor.",
                flagged,
                previous=previous.symbol,
            ),
            "warning",
        )
    return redirect(url_for("planning.edit_meeting", public_id=meeting.public_id), 303)
