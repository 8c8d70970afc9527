"""Calendar feeds over HTTP: headers, conditional GETs, languages, restricted meetings and the
private token feeds."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from werkzeug.http import http_date, parse_date

from planner.feeds import service
from planner.models import Body, Meeting, User
from planner.releases.service import publish_imported
from planner.services.importer import import_texts
from tests.feedsupport import body_spec, meeting_file, meeting_spec, read_icalendar

SYMBOL = "CTOC/COP/WG.4/2018/1"
#: "Today" for these tests: the reference meeting (2 and 3 July 2018) is in every feed's window.
TODAY = date(2018, 6, 1)

SECRET_TITLE = {"en": "Confidential negotiation item", "zh": "保密谈判项目"}


@pytest.fixture(autouse=True)
def _fixed_day_and_cold_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(service, "today", lambda: TODAY)
    service.cache.clear()
    yield
    service.cache.clear()


def _meeting(session: Session, symbol: str = SYMBOL) -> Meeting:
    meeting = session.scalar(select(Meeting).where(Meeting.symbol == symbol))
    assert meeting is not None
    return meeting


def _urls(session: Session) -> dict[str, str]:
    meeting = _meeting(session)
    return {
        "meeting": f"/feeds/meetings/{meeting.public_id}.ics",
        "body": f"/feeds/bodies/{meeting.body.public_id}.ics",
        "all": "/feeds/all.ics",
    }


KINDS = ["meeting", "body", "all"]


@contextmanager
def _statements() -> Iterator[list[str]]:
    """The SQL statements sent while the block runs (savepoint bookkeeping left out)."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def _agenda(title: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "standard": "organizational_matters",
            "items": [
                {"standard": "opening", "minutes": 10},
                {"standard": "adoption_of_agenda", "minutes": 20},
            ],
        },
        {"title": title, "minutes": 300},
        {"standard": "other_matters", "minutes": 30},
        {"standard": "adoption_of_report", "minutes": 120},
    ]


def _import(session: Session, text: str) -> None:
    """Import and publish (these tests are about what the public feeds show)."""
    publish_imported(session, import_texts(session, [("feeds.yaml", text)]), every=True)
    session.flush()


def _restricted_meeting(session: Session) -> Meeting:
    """A restricted meeting (two days, four half-day meetings) of its own body."""
    _import(
        session,
        meeting_file(
            bodies=[
                body_spec("TEST/WG.9", en="Working Group on Closed Matters", zh="闭门事项工作组")
            ],
            meetings=[
                meeting_spec(
                    "TEST/WG.9",
                    "TEST/WG.9/2018/1",
                    1,
                    date(2018, 9, 10),
                    date(2018, 9, 11),
                    "Europe/Vienna",
                    agenda=_agenda(SECRET_TITLE),
                    city={"en": "Vienna", "zh": "维也纳"},
                    venue={"en": "Board Room D", "zh": "D 会议室"},
                    restricted=True,
                )
            ],
        ),
    )
    return _meeting(session, "TEST/WG.9/2018/1")


def _viewer(session: Session, email: str = "viewer@example.org") -> User:
    user = User(email=email, role="viewer")
    session.add(user)
    session.flush()
    return user


def _private_url(user: User, rest: str, token: str | None = None) -> str:
    token = token if token is not None else service.feed_token(user)
    return f"/feeds/private/{user.public_id}/{token}/{rest}"


# Headers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_feed_is_served_as_utf8_text_calendar(
    client: FlaskClient, reference: Session, kind: str
) -> None:
    response = client.get(_urls(reference)[kind])
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.data.startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize("kind", KINDS)
def test_feed_has_a_strong_etag_and_a_last_modified_date(
    client: FlaskClient, reference: Session, kind: str
) -> None:
    response = client.get(_urls(reference)[kind])
    etag = response.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2  # not W/"..."
    modified = parse_date(response.headers["Last-Modified"])
    assert modified is not None
    assert response.headers["Last-Modified"] == http_date(modified)


@pytest.mark.parametrize("kind", KINDS)
def test_public_feed_may_be_cached_by_anyone_for_a_while(
    client: FlaskClient, reference: Session, kind: str
) -> None:
    cache_control = client.get(_urls(reference)[kind]).headers["Cache-Control"]
    assert "public" in cache_control and "max-age=300" in cache_control


def test_private_feed_is_cached_by_its_reader_only(client: FlaskClient, reference: Session) -> None:
    user = _viewer(reference)
    url = _private_url(user, f"meetings/{_meeting(reference).public_id}.ics")
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response.headers["Cache-Control"]
    assert "public" not in response.headers["Cache-Control"]


# Conditional GETs ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_if_none_match_with_the_current_etag_gives_304_without_a_body(
    client: FlaskClient, reference: Session, kind: str
) -> None:
    url = _urls(reference)[kind]
    etag = client.get(url).headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert "max-age=300" in again.headers["Cache-Control"]


def test_if_none_match_with_a_weak_copy_of_the_etag_gives_304(
    client: FlaskClient, reference: Session
) -> None:
    """RFC 9110 13.1.2: If-None-Match compares weakly (a gzip proxy may weaken the ETag)."""
    url = _urls(reference)["meeting"]
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": f"W/{etag}"}).status_code == 304


@pytest.mark.parametrize("kind", KINDS)
def test_if_modified_since_last_modified_gives_304(
    client: FlaskClient, reference: Session, kind: str
) -> None:
    url = _urls(reference)[kind]
    modified = client.get(url).headers["Last-Modified"]
    again = client.get(url, headers={"If-Modified-Since": modified})
    assert again.status_code == 304
    assert again.data == b""


def test_if_modified_since_before_last_modified_gives_200(
    client: FlaskClient, reference: Session
) -> None:
    url = _urls(reference)["meeting"]
    modified = parse_date(client.get(url).headers["Last-Modified"])
    assert modified is not None
    earlier = http_date(modified - timedelta(seconds=1))
    assert client.get(url, headers={"If-Modified-Since": earlier}).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_a_stale_etag_gives_200_with_the_feed(
    client: FlaskClient, reference: Session, kind: str
) -> None:
    url = _urls(reference)[kind]
    first = client.get(url)
    stale = client.get(url, headers={"If-None-Match": '"0123456789abcdef"'})
    assert stale.status_code == 200
    assert stale.data == first.data


def test_a_stale_etag_wins_over_a_matching_if_modified_since(
    client: FlaskClient, reference: Session
) -> None:
    """RFC 9110 13.2.2: If-Modified-Since is ignored when If-None-Match is sent."""
    url = _urls(reference)["meeting"]
    modified = client.get(url).headers["Last-Modified"]
    response = client.get(url, headers={"If-None-Match": '"stale"', "If-Modified-Since": modified})
    assert response.status_code == 200


def test_a_change_to_the_meeting_changes_the_etag_and_ends_the_304s(
    client: FlaskClient, reference: Session
) -> None:
    url = _urls(reference)["meeting"]
    etag = client.get(url).headers["ETag"]
    meeting = _meeting(reference)
    meeting.status = "confirmed"
    reference.flush()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


@pytest.mark.parametrize("kind", KINDS)
def test_second_get_is_byte_identical_even_when_rebuilt(
    client: FlaskClient, reference: Session, kind: str
) -> None:
    url = _urls(reference)[kind]
    first = client.get(url)
    service.cache.clear()
    second = client.get(url)
    assert second.data == first.data
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Last-Modified"] == first.headers["Last-Modified"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_304_does_not_build_the_feed(
    client: FlaskClient, reference: Session, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    url = _urls(reference)[kind]
    etag = client.get(url).headers["ETag"]
    service.cache.clear()  # a cached copy would hide a build

    def no_building(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the feed was built for a conditional GET")

    monkeypatch.setattr(service, "_calendar", no_building)
    monkeypatch.setattr(service, "_load", no_building)
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize("kind", KINDS)
def test_a_304_reads_no_meeting_data(client: FlaskClient, reference: Session, kind: str) -> None:
    url = _urls(reference)[kind]
    etag = client.get(url).headers["ETag"]
    service.cache.clear()
    reference.expire_all()
    with _statements() as built:
        assert client.get(url).status_code == 200
    service.cache.clear()
    reference.expire_all()
    with _statements() as conditional:
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    # the probe sees a build (feeds are built from the latest releases' snapshots)
    assert any("meeting_releases.snapshot" in sql for sql in built)
    assert not [
        sql
        for sql in conditional
        if "snapshot" in sql or "time_slots" in sql or "agenda_items" in sql
    ]
    assert len(conditional) <= 2  # the meeting or body looked up, and the change counter


def test_body_feed_costs_as_many_queries_for_12_meetings_as_for_2(
    client: FlaskClient, session: Session
) -> None:
    def meetings(numbers: range) -> str:
        specs = [
            meeting_spec(
                "TEST/WG.5",
                f"TEST/WG.5/2018/{n}",
                n,
                date(2018, 6, 4) + timedelta(weeks=n),
                date(2018, 6, 5) + timedelta(weeks=n),
                "Europe/Vienna",
                agenda=_agenda({"en": f"Topic {n}", "ru": f"Тема {n}"}),
                city={"en": "Vienna"},
                venue={"en": "Vienna International Centre"},
            )
            for n in numbers
        ]
        return meeting_file(
            bodies=[body_spec("TEST/WG.5", en="Working Group on Counting")], meetings=specs
        )

    def count(expected_events: int) -> int:
        body = session.scalar(select(Body).where(Body.symbol == "TEST/WG.5"))
        assert body is not None
        service.cache.clear()
        session.expire_all()
        with _statements() as seen:
            response = client.get(f"/feeds/bodies/{body.public_id}.ics")
        assert response.status_code == 200
        assert len(read_icalendar(response.data)) == expected_events
        return len(seen)

    _import(session, meetings(range(1, 3)))
    two = count(2 * 5)  # per meeting: the all-day event and four half-day meetings
    _import(session, meetings(range(3, 13)))
    twelve = count(12 * 5)
    assert twelve == two


# Addresses and languages --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"/feeds/meetings/{uuid.UUID(int=1)}.ics",
        f"/feeds/bodies/{uuid.UUID(int=1)}.ics",
        "/feeds/meetings/not-a-uuid.ics",
        "/feeds/bodies/CTOC.ics",
    ],
)
def test_unknown_meeting_or_body_is_404(client: FlaskClient, reference: Session, url: str) -> None:
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ["de", "ZH", "", "zh-Hans", "english"])
def test_unknown_language_is_404(
    client: FlaskClient, reference: Session, kind: str, lang: str
) -> None:
    assert client.get(_urls(reference)[kind] + f"?lang={lang}").status_code == 404


def test_unknown_language_of_a_private_feed_is_404(client: FlaskClient, reference: Session) -> None:
    user = _viewer(reference)
    url = _private_url(user, f"meetings/{_meeting(reference).public_id}.ics?lang=de")
    assert client.get(url).status_code == 404


def test_english_is_the_default_language(client: FlaskClient, reference: Session) -> None:
    url = _urls(reference)["meeting"]
    assert client.get(url).data == client.get(url + "?lang=en").data
    events = read_icalendar(client.get(url).data)
    assert {e.summary_language for e in events} == {"en"}


def test_lang_zh_gives_language_zh_and_chinese_texts(
    client: FlaskClient, reference: Session
) -> None:
    response = client.get(_urls(reference)["meeting"] + "?lang=zh")
    assert response.status_code == 200
    assert b"NAME;LANGUAGE=zh:" in response.data
    events = read_icalendar(response.data)
    assert len(events) == 5
    assert {e.summary_language for e in events} == {"zh"}
    for e in events:
        assert e.summary.startswith("贩运人口问题工作组第八次会议"), e.summary
        assert "临时议程说明" in e.description
        assert "Working Group" not in e.summary + e.description
    timed = [e for e in events if e.description.startswith(("上午", "下午"))]
    assert len(timed) == 4
    assert "贩运人口案件中的国际合作" in timed[0].description


def test_zh_and_en_feeds_have_different_etags(client: FlaskClient, reference: Session) -> None:
    url = _urls(reference)["meeting"]
    assert client.get(url).headers["ETag"] != client.get(url + "?lang=zh").headers["ETag"]


# Restricted meetings and private feeds ------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_public_feeds_show_a_restricted_meeting_by_dates_and_title_only(
    client: FlaskClient, session: Session, kind: str
) -> None:
    meeting = _restricted_meeting(session)
    url = {
        "meeting": f"/feeds/meetings/{meeting.public_id}.ics",
        "body": f"/feeds/bodies/{meeting.body.public_id}.ics",
        "all": "/feeds/all.ics",
    }[kind]
    response = client.get(url)
    assert response.status_code == 200
    events = read_icalendar(response.data)
    assert len(events) == 1
    (whole,) = events
    assert whole.uid == str(meeting.public_id)
    assert (whole.start, whole.end) == (date(2018, 9, 10), date(2018, 9, 12))
    assert whole.summary == "Working Group on Closed Matters, first meeting"
    assert whole.transp == "TRANSPARENT"
    assert whole.location == ""
    assert "Vienna" not in whole.description  # no place: only the notice that it is restricted
    text = response.data.decode()
    assert SECRET_TITLE["en"] not in text
    assert "Board Room D" not in text
    for slot in meeting.slots:
        assert str(slot.public_id) not in text


def test_public_zh_feed_of_a_restricted_meeting_hides_the_chinese_item_titles(
    client: FlaskClient, session: Session
) -> None:
    meeting = _restricted_meeting(session)
    response = client.get(f"/feeds/meetings/{meeting.public_id}.ics?lang=zh")
    (whole,) = read_icalendar(response.data)
    assert whole.summary == "闭门事项工作组第一次会议"
    assert SECRET_TITLE["zh"] not in response.data.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_private_feed_with_a_valid_token_shows_a_restricted_meeting_in_full(
    client: FlaskClient, session: Session, kind: str
) -> None:
    meeting = _restricted_meeting(session)
    user = _viewer(session)
    rest = {
        "meeting": f"meetings/{meeting.public_id}.ics",
        "body": f"bodies/{meeting.body.public_id}.ics",
        "all": "all.ics",
    }[kind]
    response = client.get(_private_url(user, rest))
    assert response.status_code == 200
    events = read_icalendar(response.data)
    assert {e.uid for e in events} == {str(meeting.public_id)} | {
        str(s.public_id) for s in meeting.slots
    }
    assert SECRET_TITLE["en"] in response.data.decode()
    assert any("Board Room D" in e.location for e in events)


def test_revoked_token_is_404_and_the_new_one_works(client: FlaskClient, session: Session) -> None:
    meeting = _restricted_meeting(session)
    user = _viewer(session)
    rest = f"meetings/{meeting.public_id}.ics"
    old = _private_url(user, rest)
    assert client.get(old).status_code == 200
    service.revoke_feed_tokens(user)
    session.flush()
    assert client.get(old).status_code == 404
    assert client.get(_private_url(user, rest)).status_code == 200


@pytest.mark.parametrize(
    "token",
    ["0" * 40, "", "x", "../../all", "令牌" * 20],
    ids=["zeros", "empty", "short", "path", "non-ascii"],
)
def test_wrong_token_is_404(client: FlaskClient, session: Session, token: str) -> None:
    meeting = _restricted_meeting(session)
    user = _viewer(session)
    url = _private_url(user, f"meetings/{meeting.public_id}.ics", token=token)
    assert client.get(url).status_code == 404


def test_token_of_another_user_is_404(client: FlaskClient, session: Session) -> None:
    meeting = _restricted_meeting(session)
    alice, bob = _viewer(session, "alice@example.org"), _viewer(session, "bob@example.org")
    url = f"/feeds/private/{bob.public_id}/{service.feed_token(alice)}/all.ics"
    assert client.get(url).status_code == 404
    assert client.get(_private_url(alice, f"meetings/{meeting.public_id}.ics")).status_code == 200


def test_token_of_a_deactivated_user_is_404(client: FlaskClient, session: Session) -> None:
    _restricted_meeting(session)
    user = _viewer(session)
    url = _private_url(user, "all.ics")
    assert client.get(url).status_code == 200
    user.active = False
    session.flush()
    assert client.get(url).status_code == 404


def test_private_feed_never_carries_another_readers_address(
    client: FlaskClient, session: Session
) -> None:
    meeting = _restricted_meeting(session)
    alice, bob = _viewer(session, "alice@example.org"), _viewer(session, "bob@example.org")
    rest = f"meetings/{meeting.public_id}.ics"
    for_alice = client.get(_private_url(alice, rest)).data
    for_bob = client.get(_private_url(bob, rest)).data
    assert service.feed_token(alice).encode() not in for_bob
    assert service.feed_token(bob).encode() not in for_alice
    unfolded = for_bob.replace(b"\r\n ", b"")
    assert f"SOURCE:https://planner.example.org{_private_url(bob, rest)}".encode() in unfolded


def test_private_feed_answers_304_to_its_etag(client: FlaskClient, session: Session) -> None:
    meeting = _restricted_meeting(session)
    url = _private_url(_viewer(session), f"meetings/{meeting.public_id}.ics")
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
