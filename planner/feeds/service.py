"""Calendar feeds: which meetings each feed holds, the cheap version key behind its ETag, and the
feed bytes themselves.

A conditional GET needs one query (the change counter) and no feed building: the ETag is a hash of
the data revision, the feed, its language, its own address (a private feed's address holds its
reader's token, and the bytes are cached by ETag) and the day (retention and windows move with the
date).
Building a feed costs a fixed number of queries however many meetings it holds.

Each server process keeps its own copy of the built feeds, keyed by the ETag, and the ETag comes
from the change counter in the shared database: a process never serves a copy older than the
data, whichever process made the change (tests/web/test_two_servers.py).
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Final
from uuid import UUID

from flask import current_app, url_for
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from planner.core.languages import pick
from planner.core.plain import DocumentData, MeetingData
from planner.core.symbols import document_url
from planner.models import Body, ChangeCounter, Meeting, User
from planner.models.base import utcnow
from planner.releases.service import published_data

#: Bump when the feed's wording or shape changes, so that cached copies are refetched.
FEED_FORMAT: Final = "2"
#: How far back the feed of everything reaches (a rolling window keeps it small).
ALL_WINDOW: Final = timedelta(days=90)
#: How far back a body's feed reaches.
BODY_WINDOW: Final = timedelta(days=365)
_CACHE_SIZE: Final = 64

if TYPE_CHECKING:  # the calendar writer (icalendar) loads when a feed is built, not at start-up
    from planner.core.feedtext import Links


@dataclass(frozen=True)
class FeedVersion:
    etag: str  # strong, quoted
    last_modified: datetime  # UTC, whole seconds


class Feed:
    """A feed whose version is known at once (one query) and whose bytes are built only when
    asked for: a conditional GET that matches never builds anything."""

    def __init__(self, feed_version: FeedVersion, build: Callable[[], bytes]) -> None:
        self.version = feed_version
        self._build = build

    @property
    def body(self) -> bytes:
        body = cache.get(self.version.etag)
        if body is None:
            body = self._build()
            cache.put(self.version.etag, body)
        return body


def today() -> date:
    return utcnow().date()


def version(session: Session, key: str, lang: str, on: date | None = None) -> FeedVersion:
    """The feed's version from one small query: any change to planning data changes it."""
    on = on or today()
    counter = session.get(ChangeCounter, 1)
    revision = counter.revision if counter else 0
    changed = counter.changed_at if counter else datetime(2000, 1, 1, tzinfo=UTC)
    material = f"{FEED_FORMAT}|{key}|{lang}|{on.isoformat()}|{revision}|{changed.isoformat()}"
    digest = hashlib.sha256(material.encode()).hexdigest()[:32]
    midnight = datetime.combine(on, time(0), tzinfo=UTC)
    return FeedVersion(f'"{digest}"', max(changed, midnight).replace(microsecond=0))


class _Cache:
    """Recently built feeds by ETag, so that repeated full GETs are not rebuilt either."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, etag: str) -> bytes | None:
        with self._lock:
            body = self._items.get(etag)
            if body is not None:
                self._items.move_to_end(etag)
            return body

    def put(self, etag: str, body: bytes) -> None:
        with self._lock:
            self._items[etag] = body
            self._items.move_to_end(etag)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


cache = _Cache(_CACHE_SIZE)


def _links() -> Links:
    from planner.core.feedtext import Links

    def page(meeting: MeetingData, lang: str) -> str:
        return url_for("meetings.meeting_page", symbol=meeting.symbol, lang=lang, _external=True)

    def document(doc: DocumentData, lang: str) -> str:
        return document_url(doc.symbol, lang)

    return Links(meeting_page=page, document=document)


def _calendar(
    uid: str,
    name: str,
    description: str,
    lang: str,
    meetings: list[MeetingData],
    source: str,
    page: str,
    *,
    private: bool,
    on: date,
) -> bytes:
    from planner.core.feedtext import meeting_events
    from planner.core.ical import FeedCalendar, build_calendar

    links = _links()
    events = []
    for meeting in meetings:
        details = private or not meeting.restricted
        events.extend(meeting_events(meeting, lang, links, on, details=details))
    zone = meetings[0].timezone if meetings else "UTC"
    return build_calendar(
        FeedCalendar(
            uid=uid,
            name=name,
            description=description,
            language=lang,
            timezone=zone,
            source_url=source,
            url=page,
            events=events,
        )
    )


def _load(
    session: Session, *where: ColumnElement[bool], ending_from: date | None = None
) -> list[MeetingData]:
    """What the public sees of the published meetings that match: their latest releases, by
    start date (drafts are in no feed, and changes wait for the next release)."""
    return published_data(session, *where, ending_from=ending_from)


def _feed(
    key: str, lang: str, session: Session, build: Callable[[], bytes], on: date | None
) -> Feed:
    return Feed(version(session, key, lang, on), build)


def _source(endpoint: str, lang: str, **values: object) -> str:
    return url_for(endpoint, lang=lang, _external=True, **values)


def meeting_feed(
    session: Session,
    meeting: Meeting,
    lang: str,
    *,
    private: bool = False,
    on: date | None = None,
    source: str | None = None,
) -> Feed:
    source = source or _source("feeds.meeting_feed", lang, public_id=meeting.public_id)

    def build() -> bytes:
        day = on or today()
        found = _load(session, Meeting.id == meeting.id)
        if not found:
            raise LookupError(f"{meeting.symbol} is a draft: it has no feed")
        data = found[0]
        body = pick(data.body.name, lang)
        from planner.core import formatting
        from planner.core.feedtext import labels

        name = labels(lang)["calendar_meeting"].format(
            body=body, ordinal=formatting.ordinal(data.number, lang, data.body.meeting_word)
        )
        return _calendar(
            str(meeting.public_id),
            name,
            data.symbol,
            lang,
            [data],
            source,
            url_for("meetings.meeting_page", symbol=meeting.symbol, _external=True),
            private=private,
            on=day,
        )

    key = f"meeting:{meeting.public_id}:{private}:{source}"
    return _feed(key, lang, session, build, on)


def body_feed(
    session: Session,
    body: Body,
    lang: str,
    *,
    private: bool = False,
    on: date | None = None,
    source: str | None = None,
) -> Feed:
    source = source or _source("feeds.body_feed", lang, public_id=body.public_id)

    def build() -> bytes:
        day = on or today()
        meetings = _load(session, Meeting.body_id == body.id, ending_from=day - BODY_WINDOW)
        from planner.core.feedtext import labels

        name = labels(lang)["calendar_body"].format(body=pick(body.text("name"), lang))
        return _calendar(
            str(body.public_id),
            name,
            body.symbol,
            lang,
            meetings,
            source,
            url_for("meetings.home", _external=True, _anchor=f"body-{body.public_id}"),
            private=private,
            on=day,
        )

    return _feed(f"body:{body.public_id}:{private}:{source}", lang, session, build, on)


def all_feed(
    session: Session,
    lang: str,
    *,
    private: bool = False,
    on: date | None = None,
    source: str | None = None,
) -> Feed:
    source = source or _source("feeds.all_feed", lang)

    def build() -> bytes:
        day = on or today()
        meetings = _load(session, ending_from=day - ALL_WINDOW)
        from planner.core.feedtext import labels

        name = labels(lang)["calendar_all"]
        return _calendar(
            f"planner-all-{current_app.config['PUBLIC_URL']}",
            name,
            name,
            lang,
            meetings,
            source,
            url_for("meetings.home", _external=True),
            private=private,
            on=day,
        )

    return _feed(f"all:{private}:{source}", lang, session, build, on)


# Private feeds: an address per user, derived (not stored) from the app's secret, the user's
# public id and a serial; raising the serial revokes every address the user was given.


def feed_token(user: User) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"feed:{user.public_id}:{user.feed_token_serial}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:40]


def user_for_token(session: Session, user_id: UUID, token: str) -> User | None:
    user = session.scalar(select(User).where(User.public_id == user_id))
    if user is None or not user.can_read_restricted():
        return None
    # As bytes: compare_digest refuses str with non-ASCII characters (a mistyped address).
    return user if hmac.compare_digest(feed_token(user).encode(), token.encode()) else None


def revoke_feed_tokens(user: User) -> None:
    user.feed_token_serial += 1


def feed_links(meeting: Meeting) -> dict[str, str]:
    """The addresses of the meeting's feeds (paths; webcal and https forms for subscribing)."""
    path = url_for("feeds.meeting_feed", public_id=meeting.public_id)
    https = url_for("feeds.meeting_feed", public_id=meeting.public_id, _external=True)
    body_path = url_for("feeds.body_feed", public_id=meeting.body.public_id)
    return {
        "ics": path,
        "https": https,
        "webcal": "webcal://" + https.split("://", 1)[1],
        "body_ics": body_path,
        "all_ics": url_for("feeds.all_feed"),
    }
