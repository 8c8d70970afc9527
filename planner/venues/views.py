"""Venue pages: the list, the calendar of a venue (days × half-days × meetings, with the
over-booked half-days), its print version, and the forms to create and edit venues.

Signed-in staff read venues; admins create and edit them. Each form commits once; any problem
leaves the database as it was and is shown at its field; a stale save is refused.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner.auth.access import login_required, require_admin
from planner.core.formatting import weekday_date
from planner.extensions import db
from planner.i18n import interface_language
from planner.manage import stale
from planner.manage.fields import add_error
from planner.manage.stale import reload_records
from planner.models import Venue
from planner.models.base import utcnow
from planner.services.concurrency import StaleEdit
from planner.venues import services
from planner.venues.forms import RangeForm, VenueForm
from planner.venues.records import venue_spec

bp = Blueprint("venues", __name__)

Page = str | tuple[str, int] | Response


def _venue_or_404(public_id: uuid.UUID) -> Venue:
    venue = services.by_public_id(db.session, public_id)
    if venue is None:
        abort(404)
    return venue


# -- reading -------------------------------------------------------------------------------------


@bp.route("/venues/")
@login_required
def index() -> Page:
    return render_template("venues/index.html", venues=services.venues(db.session))


def _range(venue: Venue) -> tuple[RangeForm, date, date, bool]:
    """The dates asked for (from=, to=), or the default range with the problems at the fields."""
    form = RangeForm(request.args, meta={"csrf": False})
    start, end = services.default_range(db.session, venue, utcnow().date())
    asked = bool(request.args.get("from") or request.args.get("to"))
    if not asked:
        form.start.data, form.end.data = start, end
        return form, start, end, True
    if not form.check(services.MAX_DAYS):
        return form, start, end, False
    first = form.start.data or start
    last = form.end.data or first + timedelta(days=13)
    return form, first, last, True


def _calendar_page(public_id: uuid.UUID, template: str) -> Page:
    venue = _venue_or_404(public_id)
    form, start, end, ok = _range(venue)
    lang = interface_language()
    page = render_template(
        template,
        venue=venue,
        form=form,
        cal=services.calendar(db.session, venue, start, end),
        invalid=not ok,
        day_label=lambda day: weekday_date(day, lang),
    )
    return page if ok else (page, 400)


@bp.route("/venues/<uuid:public_id>/calendar")
@login_required
def calendar(public_id: uuid.UUID) -> Page:
    return _calendar_page(public_id, "venues/calendar.html")


@bp.route("/venues/<uuid:public_id>/calendar/print")
@login_required
def calendar_print(public_id: uuid.UUID) -> Page:
    return _calendar_page(public_id, "venues/calendar_print.html")


# -- editing -------------------------------------------------------------------------------------


def _stale_message() -> str:
    return _(
        "A colleague saved this venue while you were editing; nothing was saved. "
        "Their version is shown below; re-apply your change."
    )


def _form_page(form: VenueForm, venue: Venue | None, status: int = 200, **context: Any) -> Page:
    page = render_template("venues/form.html", form=form, venue=venue, **context)
    return (page, status) if status != 200 else page


def _save(form: VenueForm, venue: Venue | None, public_id: uuid.UUID | None) -> Page:
    form.tidy()
    if form.add_rows():
        return _form_page(form, venue)
    if venue is not None and form.version.data != str(venue.version):
        return _stale_page(False, form, venue.public_id)
    ok = form.check()
    if ok:
        taken = services.key_problem(db.session, form.key.data or "", venue)
        if taken:
            add_error(form.key, taken)
            ok = False
    if not ok:
        return _form_page(form, venue, 422, invalid=True)
    spec = form.to_spec(venue_spec(venue) if venue is not None else None)
    try:
        saved = services.save_venue(db.session, venue, spec, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        assert public_id is not None
        return _stale_page(True, form, public_id)
    except IntegrityError:
        db.session.rollback()
        add_error(form.key, _("Another venue already has this key."))
        again = _venue_or_404(public_id) if public_id is not None else None
        return _form_page(form, again, 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The venue %(key)s was saved.", key=saved.key), "success")
    return redirect(url_for("venues.calendar", public_id=saved.public_id), 303)


def _stale_page(failed: bool, form: VenueForm, public_id: uuid.UUID) -> Page:
    reload_records(failed)
    venue = services.by_public_id(db.session, public_id)
    if venue is None:
        flash(_("A colleague deleted this venue while you were editing; nothing was saved."))
        return redirect(url_for("venues.index"), 303)
    fresh = VenueForm(formdata=None)
    fresh.fill(venue_spec(venue), venue.version)
    return _form_page(
        fresh,
        venue,
        409,
        stale=stale.differences(form, fresh),
        stale_message=_stale_message(),
    )


@bp.route("/manage/venues/new", methods=["GET", "POST"])
def new() -> Page:
    require_admin()
    form = VenueForm()
    if request.method == "GET":
        form.interpretation_teams.data = None
        return _form_page(form, None)
    return _save(form, None, None)


@bp.route("/manage/venues/<uuid:public_id>/edit", methods=["GET", "POST"])
def edit(public_id: uuid.UUID) -> Page:
    require_admin()
    venue = _venue_or_404(public_id)
    form = VenueForm()
    if request.method == "GET":
        form.fill(venue_spec(venue), venue.version)
        return _form_page(form, venue)
    return _save(form, venue, public_id)
