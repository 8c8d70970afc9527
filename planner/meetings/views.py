"""Public pages: bodies and their meetings, each meeting's page and its print version."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for
from flask_babel import get_locale
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.auth.access import can_read_restricted, signed_in_user
from planner.auth.views import private_feed_url
from planner.core.checks import check_meeting, describe
from planner.core.document import build
from planner.core.formatting import date_span
from planner.core.languages import pick, pick_text
from planner.core.pagetext import titled
from planner.core.plain import MeetingData
from planner.extensions import db
from planner.i18n import document_language
from planner.models import Body, Meeting
from planner.models.base import utcnow
from planner.releases import service as releases
from planner.releases.panel import release_section
from planner.services.snapshot import load_meeting, meeting_data
from planner.translation.services import status as translation_status

bp = Blueprint("meetings", __name__)


def _reader_language(meeting: MeetingData) -> str:
    """The document language: the one asked for, else the interface language."""
    return document_language(str(get_locale() or meeting.original_language))


def _meeting_or_404(symbol: str) -> MeetingData:
    """The meeting's data, for a reader allowed to read it: a restricted meeting's documents
    are for signed-in staff (403 otherwise; its page shows dates and title only)."""
    data = _find(symbol)
    if data.restricted and not can_read_restricted():
        abort(403)
    return data


def _find(symbol: str) -> MeetingData:
    """Signed-in staff read the meeting as it is (a draft included); everyone else reads the
    latest release of the meeting published under ``symbol``: a draft does not exist for them
    (404)."""
    if signed_in_user() is None:
        public = releases.public_by_symbol(db.session, symbol)
        if public is None:
            abort(404)
        return public
    meeting = load_meeting(db.session, symbol)
    if meeting is None:
        abort(404)
    return meeting_data(meeting)


@bp.get("/")
def home() -> str:
    bodies = db.session.scalars(
        select(Body)
        .options(
            selectinload(Body.texts),
            selectinload(Body.meetings).selectinload(Meeting.texts),
        )
        .order_by(Body.symbol)
    ).all()
    lang = document_language(str(get_locale() or "en"))
    staff = signed_in_user() is not None
    listing = [
        (body, releases.listings(db.session, list(body.meetings), staff=staff)) for body in bodies
    ]
    return render_template("meetings/home.html", listing=listing, lang=lang)


def _subscription(endpoint: str, public_id: object, name: str, lang: str) -> dict[str, str]:
    https = url_for(endpoint, public_id=public_id, lang=lang, _external=True)
    return {
        "key": str(public_id),
        "https": https,
        "webcal": "webcal://" + https.split("://", 1)[1],
        "name": name,
    }


@bp.get("/bodies/<path:symbol>")
def body_page(symbol: str) -> str:
    body = db.session.scalar(
        select(Body)
        .where(Body.symbol == symbol)
        .options(selectinload(Body.texts), selectinload(Body.meetings).selectinload(Meeting.texts))
    )
    if body is None:
        abort(404)
    lang = document_language(str(get_locale() or "en"))
    meetings = releases.listings(
        db.session, list(body.meetings), staff=signed_in_user() is not None
    )
    name = pick(body.text("name"), lang)
    feed = _subscription("feeds.body_feed", body.public_id, name, lang)
    return render_template("meetings/body.html", body=body, meetings=meetings, lang=lang, feed=feed)


@bp.get("/meetings/<path:symbol>/print")
def meeting_print(symbol: str) -> str:
    meeting = _meeting_or_404(symbol)
    doc = build(meeting, _reader_language(meeting))
    return render_template("documents/print.html", doc=doc, meeting=meeting)


@bp.get("/meetings/<path:symbol>")
def meeting_page(symbol: str) -> str:
    meeting = _find(symbol)
    lang = _reader_language(meeting)
    if meeting.restricted and not can_read_restricted():
        return render_template(
            "meetings/restricted.html",
            meeting=meeting,
            lang=lang,
            body_name=pick_text(meeting.body.name, lang, meeting.original_language),
            dates=date_span(meeting.start, meeting.end, lang),
        )
    doc = build(meeting, lang)
    ui = str(get_locale() or "en")
    # The problems are the secretariat's work list: for signed-in staff only.
    problems = (
        [(p.severity, describe(p, ui)) for p in check_meeting(meeting, utcnow().date())]
        if signed_in_user() is not None
        else []
    )
    feed = _subscription(
        "feeds.meeting_feed", meeting.public_id, titled(doc.body_name, doc.dateline, lang), lang
    )
    if meeting.restricted:  # a signed-in reader subscribes to their own private address
        private = private_feed_url(
            "feeds.private_meeting_feed", public_id=meeting.public_id, lang=lang
        )
        if private:
            feed = {**feed, "https": private, "webcal": "webcal://" + private.split("://", 1)[1]}
    # Staff see how far each language version is translated; readers see the documents only.
    record = load_meeting(db.session, symbol) if signed_in_user() is not None else None
    return render_template(
        "meetings/meeting.html",
        meeting=meeting,
        doc=doc,
        lang=lang,
        problems=problems,
        feed=feed,
        translation_status=translation_status(record) if record is not None else None,
        releases=release_section(meeting),
    )
