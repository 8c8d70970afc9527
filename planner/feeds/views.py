"""Feed addresses: public feeds for everyone, private ones (with restricted meetings in full)
behind a per-user secret in the address, since calendar servers fetch feeds without cookies."""

from __future__ import annotations

from uuid import UUID

from flask import Blueprint, Response, abort, request
from sqlalchemy import select
from werkzeug.http import http_date

from planner.core.languages import LANGUAGES
from planner.extensions import csrf, db
from planner.feeds import service
from planner.models import Body, Meeting
from planner.releases.service import published

bp = Blueprint("feeds", __name__, url_prefix="/feeds")
csrf.exempt(bp)


def _lang() -> str:
    lang = request.args.get("lang", "en")
    if lang not in LANGUAGES:
        abort(404)
    return lang


def _not_modified(version: service.FeedVersion) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since when both are sent, and compares
    weakly (13.1.2): a proxy that compresses the feed may hand clients W/"<our etag>"."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(version.etag.strip('"'))
    since = request.if_modified_since
    return since is not None and version.last_modified <= since


def _respond(feed: service.Feed, filename: str, *, private: bool) -> Response:
    version = feed.version
    headers = {
        "ETag": version.etag,
        "Last-Modified": http_date(version.last_modified),
        "Cache-Control": ("private" if private else "public") + ", max-age=300",
        "Vary": "Accept-Encoding",
    }
    if private:
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Robots-Tag"] = "noindex"
    if _not_modified(version):
        return Response(status=304, headers=headers)
    headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return Response(
        feed.body, status=200, headers=headers, content_type="text/calendar; charset=utf-8"
    )


def _meeting(public_id: UUID) -> Meeting:
    """The meeting, if it has been published: a draft has no feed (404)."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.public_id == public_id, published()))
    if meeting is None:
        abort(404)
    return meeting


def _body(public_id: UUID) -> Body:
    body = db.session.scalar(select(Body).where(Body.public_id == public_id))
    if body is None:
        abort(404)
    return body


def _private(user_id: UUID, token: str) -> None:
    if service.user_for_token(db.session, user_id, token) is None:
        abort(404)


@bp.get("/meetings/<uuid:public_id>.ics")
def meeting_feed(public_id: UUID) -> Response:
    lang = _lang()
    meeting = _meeting(public_id)
    return _respond(
        service.meeting_feed(db.session, meeting, lang), f"meeting-{public_id}.ics", private=False
    )


@bp.get("/bodies/<uuid:public_id>.ics")
def body_feed(public_id: UUID) -> Response:
    lang = _lang()
    body = _body(public_id)
    return _respond(
        service.body_feed(db.session, body, lang), f"body-{public_id}.ics", private=False
    )


@bp.get("/all.ics")
def all_feed() -> Response:
    lang = _lang()
    return _respond(service.all_feed(db.session, lang), "all.ics", private=False)


@bp.get("/private/<uuid:user_id>/<token>/meetings/<uuid:public_id>.ics")
def private_meeting_feed(user_id: UUID, token: str, public_id: UUID) -> Response:
    _private(user_id, token)
    lang = _lang()
    meeting = _meeting(public_id)
    return _respond(
        service.meeting_feed(
            db.session, meeting, lang, private=True, source=request.base_url + f"?lang={lang}"
        ),
        f"meeting-{public_id}.ics",
        private=True,
    )


@bp.get("/private/<uuid:user_id>/<token>/bodies/<uuid:public_id>.ics")
def private_body_feed(user_id: UUID, token: str, public_id: UUID) -> Response:
    _private(user_id, token)
    lang = _lang()
    body = _body(public_id)
    return _respond(
        service.body_feed(
            db.session, body, lang, private=True, source=request.base_url + f"?lang={lang}"
        ),
        f"body-{public_id}.ics",
        private=True,
    )


@bp.get("/private/<uuid:user_id>/<token>/all.ics")
def private_all_feed(user_id: UUID, token: str) -> Response:
    _private(user_id, token)
    lang = _lang()
    return _respond(
        service.all_feed(db.session, lang, private=True, source=request.base_url + f"?lang={lang}"),
        "all.ics",
        private=True,
    )
