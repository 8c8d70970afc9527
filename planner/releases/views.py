"""Publishing a meeting's changes, and cancelling a published meeting (which cannot be
deleted). Editors of the meeting's body and admins; each page commits once."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from planner.auth.access import require_editor
from planner.extensions import db
from planner.history.service import meeting_change
from planner.models import Meeting
from planner.releases import service
from planner.releases.forms import CancelForm, PublishForm

bp = Blueprint("releases", __name__, url_prefix="/manage")


def _meeting_or_404(public_id: uuid.UUID) -> Meeting:
    meeting = db.session.scalar(select(Meeting).where(Meeting.public_id == public_id))
    if meeting is None:
        abort(404)
    return meeting


def _page(symbol: str) -> Response:
    return redirect(url_for("meetings.meeting_page", symbol=symbol, _anchor="releases"), 303)


@bp.post("/meetings/<uuid:public_id>/publish")
def publish(public_id: uuid.UUID) -> Response:
    meeting = _meeting_or_404(public_id)
    user = require_editor(meeting.body)
    symbol = meeting.symbol
    form = PublishForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        release = service.publish(db.session, meeting, user, seen=form.seen.data or "")
        number = release.number
        db.session.commit()
    except service.NothingToPublish:
        db.session.rollback()
        flash(_("Nothing to publish: the public already sees the meeting as it is."), "info")
        return _page(symbol)
    except service.ChangedSinceShown:
        db.session.rollback()
        flash(
            _(
                "A colleague changed the meeting after you opened the page; nothing was "
                "published. Check the changes below and publish again."
            ),
            "error",
        )
        return _page(symbol)
    except IntegrityError:  # a colleague published the same release number at the same time
        db.session.rollback()
        flash(
            _(
                "A colleague published the meeting at the same time; nothing more was "
                "published. Check the changes below."
            ),
            "error",
        )
        return _page(symbol)
    flash(
        _("Release %(number)s of %(symbol)s is published.", number=number, symbol=symbol),
        "success",
    )
    return _page(symbol)


@bp.route("/meetings/<uuid:public_id>/cancel", methods=["GET", "POST"])
def cancel(public_id: uuid.UUID) -> str | Response | tuple[str, int]:
    """A published meeting is cancelled, not deleted: its status becomes "cancelled" and that
    is published at once, so that subscribed calendars show its events as cancelled."""
    meeting = _meeting_or_404(public_id)
    user = require_editor(meeting.body)
    if not service.is_published(db.session, meeting):
        return redirect(url_for("planning.delete_meeting", public_id=public_id), 303)
    form = CancelForm()
    if not form.validate_on_submit():
        return render_template("releases/cancel.html", form=form, meeting=meeting)
    if meeting.status != "cancelled":
        with meeting_change(db.session, user, meeting, f"Cancelled {meeting.symbol}"):
            meeting.status = "cancelled"
    service.publish_if_changed(db.session, meeting, user)
    db.session.commit()
    flash(
        _(
            "The meeting %(symbol)s is cancelled; calendars subscribed to it show its events as "
            "cancelled.",
            symbol=meeting.symbol,
        ),
        "success",
    )
    return _page(meeting.symbol)
