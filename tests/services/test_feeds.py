"""Calendar feeds of meetings imported from meeting files: instants across the changes of
daylight saving time, texts in the reader's language, revisions across re-imports, retention of
cancelled events, the feeds' windows, and feedcheck on what the app writes.

The meetings straddle the DST changes of 2026: Vienna on 29 March and 25 October, New York on
8 March and 1 November (each Friday to Monday, with no meetings at the weekend).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from planner.core.feedtext import KEEP_CANCELLED, meeting_events
from planner.feeds import service
from planner.models import Body, Meeting
from planner.releases.service import publish_if_changed
from planner.services.importer import import_texts
from planner.services.snapshot import meeting_data
from tests.feedsupport import (
    Event,
    assert_feedcheck_passes,
    body_spec,
    by_uid,
    meeting_file,
    meeting_spec,
    read_icalendar,
    read_icaljs,
)

VIENNA = "Europe/Vienna"
NEW_YORK = "America/New_York"
#: "Today" for the feeds, unless a test says otherwise: before every meeting, so that every
#: meeting is in every feed's window.
ON = date(2026, 3, 1)

NAMES = {
    "TEST/WG.1": {
        "en": "Working Group on Testing",
        "zh": "测试问题工作组",
        "ar": "الفريق العامل المعني بالاختبار",
        "ru": "Рабочая группа по тестированию",
    },
    "TEST/WG.2": {
        "en": "Commission on Time Zones",
        "zh": "时区委员会",
        "ar": "لجنة المناطق الزمنية",
        "ru": "Комиссия по часовым поясам",
    },
}
BODIES = [
    body_spec("TEST/WG.1", "meeting", **NAMES["TEST/WG.1"]),
    body_spec("TEST/WG.2", "session", **NAMES["TEST/WG.2"]),
]
TOPIC = {
    "en": "Cross-border cooperation and the rights of victims",
    "zh": "跨境合作与受害者权利",
    "ar": "التعاون عبر الحدود وحقوق الضحايا",
    "ru": "Трансграничное сотрудничество и права жертв",
}
REVIEW = {
    "en": "Review of the questionnaire",
    "zh": "审议调查问卷",
    "ar": "استعراض الاستبيان",
    "ru": "Рассмотрение вопросника",
}
DOCUMENTS = [
    {"symbol": f"TEST/WG.{n}/2026/2", "kind": "background_paper", "title": TOPIC} for n in (1, 2)
]


def _agenda(body: str) -> list[dict[str, Any]]:
    """720 minutes: four half-day meetings of three hours, item 2 and item 3 running on."""
    return [
        {
            "standard": "organizational_matters",
            "items": [
                {"standard": "opening", "minutes": 10},
                {"standard": "adoption_of_agenda", "minutes": 20},
            ],
        },
        {"title": TOPIC, "minutes": 300, "documents": [f"{body}/2026/2"]},
        {"title": REVIEW, "minutes": 240},
        {"standard": "other_matters", "minutes": 30},
        {"standard": "adoption_of_report", "minutes": 120},
    ]


# name: (body, symbol, number, first day (a Friday), time zone, city)
MEETINGS: dict[str, tuple[str, str, int, date, str, dict[str, str]]] = {
    "vienna-spring": (
        "TEST/WG.1", "TEST/WG.1/2026/1", 11, date(2026, 3, 27), VIENNA,
        {"en": "Vienna", "zh": "维也纳", "ar": "فيينا", "ru": "Вена"},
    ),
    "vienna-autumn": (
        "TEST/WG.1", "TEST/WG.1/2026/3", 12, date(2026, 10, 23), VIENNA,
        {"en": "Vienna", "zh": "维也纳", "ar": "فيينا", "ru": "Вена"},
    ),
    "new-york-spring": (
        "TEST/WG.2", "TEST/WG.2/2026/1", 5, date(2026, 3, 6), NEW_YORK,
        {"en": "New York", "zh": "纽约", "ar": "نيويورك", "ru": "Нью-Йорк"},
    ),
    "new-york-autumn": (
        "TEST/WG.2", "TEST/WG.2/2026/3", 6, date(2026, 10, 30), NEW_YORK,
        {"en": "New York", "zh": "纽约", "ar": "نيويورك", "ru": "Нью-Йорк"},
    ),
}  # fmt: skip


def _spec(name: str, *, start: date | None = None, **changes: Any) -> dict[str, Any]:
    """The meeting ``name``: Friday and Monday (the weekend has no meetings), or as changed."""
    body, symbol, number, friday, zone, city = MEETINGS[name]
    first = start or friday
    weekend = {first + timedelta(days=1): [], first + timedelta(days=2): []}
    args: dict[str, Any] = {
        "end": first + timedelta(days=3),
        "days": weekend,
        "agenda": _agenda(body),
        "city": city,
        "venue": {"en": "Conference Room 1", "zh": "第1会议室", "ar": "قاعة الاجتماعات 1",
                  "ru": "Зал заседаний 1"},
    }  # fmt: skip
    args.update(changes)
    end = args.pop("end")
    return meeting_spec(body, symbol, number, first, end, zone, **args)


def _file(*meetings: dict[str, Any], with_bodies: bool = False) -> str:
    return meeting_file(
        meetings=list(meetings),
        bodies=BODIES if with_bodies else None,
        documents=DOCUMENTS if with_bodies else None,
    )


ALL_FILE = _file(*(_spec(name) for name in MEETINGS), with_bodies=True)


def _import(session: Session, text: str) -> None:
    """Import, then publish every meeting whose public version the import changed: these tests
    are about what subscribers see of each change."""
    import_texts(session, [("test.yaml", text)])
    for meeting in session.scalars(select(Meeting)):
        publish_if_changed(session, meeting, None)
    session.flush()
    session.expire_all()


@pytest.fixture
def imported(app: Flask, session: Session) -> Iterator[Session]:
    """The four meetings imported, in a request context (feeds hold absolute addresses)."""
    service.cache.clear()
    with app.test_request_context():
        _import(session, ALL_FILE)
        yield session
    service.cache.clear()


def _meeting(session: Session, name: str) -> Meeting:
    symbol = MEETINGS[name][1]
    meeting = session.scalar(select(Meeting).where(Meeting.symbol == symbol))
    assert meeting is not None
    return meeting


def _feed(session: Session, kind: str, target: str = "", lang: str = "en", on: date = ON) -> bytes:
    """A feed freshly built (never a cached copy). ``target``: a meeting's name or a body."""
    service.cache.clear()
    if kind == "meeting":
        feed = service.meeting_feed(session, _meeting(session, target), lang, on=on)
    elif kind == "body":
        body = session.scalar(select(Body).where(Body.symbol == target))
        assert body is not None
        feed = service.body_feed(session, body, lang, on=on)
    else:
        feed = service.all_feed(session, lang, on=on)
    return feed.body


def _model_instants(session: Session) -> dict[str, tuple[datetime | date, datetime | date]]:
    """Each event's start and end from the records: UTC for the half-day meetings (local time
    in the meeting's zone, by zoneinfo), dates (exclusive end) for the meeting as a whole."""
    out: dict[str, tuple[datetime | date, datetime | date]] = {}
    for meeting in session.scalars(select(Meeting)):
        zone = ZoneInfo(meeting.timezone)
        out[str(meeting.public_id)] = (meeting.start_date, meeting.end_date + timedelta(days=1))
        for slot in meeting.slots:
            out[str(slot.public_id)] = (
                datetime.combine(slot.date, slot.start, zone).astimezone(UTC),
                datetime.combine(slot.date, slot.end, zone).astimezone(UTC),
            )
    return out


READERS = [
    pytest.param(read_icalendar, id="icalendar"),
    pytest.param(read_icaljs, id="icaljs", marks=pytest.mark.js),
]
Reader = Callable[[bytes], list[Event]]


# Instants -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh", "ar", "ru"])
@pytest.mark.parametrize("read", READERS)
def test_every_event_is_at_the_instant_the_model_says(
    imported: Session, read: Reader, lang: str
) -> None:
    events = by_uid(read(_feed(imported, "all", lang=lang)))
    expected = _model_instants(imported)
    assert set(events) == set(expected)
    for uid, (start, end) in expected.items():
        assert (events[uid].start, events[uid].end) == (start, end), uid


# (meeting, local date, local start) -> the UTC start every client must show
KNOWN_INSTANTS = [
    ("vienna-spring", date(2026, 3, 27), 10, "2026-03-27T09:00Z"),  # CET, UTC+1
    ("vienna-spring", date(2026, 3, 27), 15, "2026-03-27T14:00Z"),
    ("vienna-spring", date(2026, 3, 30), 10, "2026-03-30T08:00Z"),  # CEST, UTC+2
    ("vienna-spring", date(2026, 3, 30), 15, "2026-03-30T13:00Z"),
    ("vienna-autumn", date(2026, 10, 23), 10, "2026-10-23T08:00Z"),  # CEST
    ("vienna-autumn", date(2026, 10, 26), 10, "2026-10-26T09:00Z"),  # CET
    ("new-york-spring", date(2026, 3, 6), 10, "2026-03-06T15:00Z"),  # EST, UTC-5
    ("new-york-spring", date(2026, 3, 9), 10, "2026-03-09T14:00Z"),  # EDT, UTC-4
    ("new-york-spring", date(2026, 3, 9), 15, "2026-03-09T19:00Z"),
    ("new-york-autumn", date(2026, 10, 30), 10, "2026-10-30T14:00Z"),  # EDT
    ("new-york-autumn", date(2026, 11, 2), 10, "2026-11-02T15:00Z"),  # EST
]


@pytest.mark.parametrize("read", READERS)
def test_meetings_on_either_side_of_a_dst_change_start_at_the_right_utc_instant(
    imported: Session, read: Reader
) -> None:
    events = by_uid(read(_feed(imported, "all")))
    for name, day, hour, utc in KNOWN_INSTANTS:
        (slot,) = [
            s for s in _meeting(imported, name).slots if s.date == day and s.start.hour == hour
        ]
        expected = datetime.fromisoformat(utc.replace("Z", "+00:00"))
        assert events[str(slot.public_id)].start == expected, (name, day, hour)
        assert events[str(slot.public_id)].end == expected + timedelta(hours=3), (name, day)


def test_a_feed_of_two_zones_carries_a_vtimezone_for_each(imported: Session) -> None:
    calendar = icalendar.Calendar.from_ical(_feed(imported, "all"))
    assert calendar.get_used_tzids() == {VIENNA, NEW_YORK}
    assert not calendar.get_missing_tzids()


# Texts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh", "ar", "ru", "fr", "es"])
@pytest.mark.parametrize("read", READERS)
def test_every_event_says_what_the_model_says(imported: Session, read: Reader, lang: str) -> None:
    events = by_uid(read(_feed(imported, "all", lang=lang)))
    links = service._links()
    expected = {}
    for meeting in imported.scalars(select(Meeting)):
        for event in meeting_events(meeting_data(meeting), lang, links, ON):
            expected[event.uid] = (event.summary, event.description, event.location)
    assert set(events) == set(expected)
    for uid, texts in expected.items():
        read_back = events[uid]
        assert (read_back.summary, read_back.description, read_back.location) == texts
        assert read_back.summary_language == lang


CONTINUED = {
    "en": "2 Cross-border cooperation and the rights of victims (continued)",
    "zh": "2 跨境合作与受害者权利（续）",
    "ar": "2 التعاون عبر الحدود وحقوق الضحايا (تابع)",
    "ru": "2 Трансграничное сотрудничество и права жертв (продолжение)",
}
SUMMARIES = {
    "en": [
        "Working Group on Testing, eleventh meeting: items 1 (a), 1 (b) and 2",
        "Working Group on Testing, eleventh meeting: items 2 and 3",
        "Working Group on Testing, eleventh meeting: item 3",
        "Working Group on Testing, eleventh meeting: items 3, 4 and 5",
    ],
    "zh": [
        "测试问题工作组第十一次会议：项目 1(a)、1(b) 和 2",
        "测试问题工作组第十一次会议：项目 2 和 3",
        "测试问题工作组第十一次会议：项目 3",
        "测试问题工作组第十一次会议：项目 3、4 和 5",
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh", "ar", "ru"])
def test_half_day_meetings_list_their_items_documents_and_page_in_the_readers_language(
    imported: Session, lang: str
) -> None:
    events = read_icalendar(_feed(imported, "meeting", "vienna-spring", lang=lang))
    timed = [e for e in events if isinstance(e.start, datetime)]
    assert len(timed) == 4
    page = f"https://planner.example.org/meetings/TEST/WG.1/2026/1?lang={lang}"
    for event in timed:
        assert event.summary.startswith(NAMES["TEST/WG.1"][lang]), event.summary
        assert page in event.description
        assert event.description.splitlines()[1] == event.location
        assert "Europe/Vienna" in event.description
    first, second, third, fourth = timed
    assert TOPIC[lang] in first.description and CONTINUED[lang] not in first.description
    assert f"TEST/WG.1/2026/2: https://undocs.org/{lang}/TEST/WG.1/2026/2" in first.description
    assert CONTINUED[lang] in second.description.splitlines()
    assert REVIEW[lang] in second.description and REVIEW[lang] in third.description
    assert "TEST/WG.1/2026/2" not in third.description + fourth.description
    if lang in SUMMARIES:
        assert [e.summary for e in timed] == SUMMARIES[lang]


def test_labels_in_chinese_use_full_width_colons(imported: Session) -> None:
    (first, *_) = [
        e
        for e in read_icalendar(_feed(imported, "meeting", "vienna-spring", lang="zh"))
        if isinstance(e.start, datetime)
    ]
    lines = first.description.splitlines()
    assert "议程项目：" in lines and "文件：" in lines


def test_the_meeting_as_a_whole_is_one_free_all_day_event(imported: Session) -> None:
    meeting = _meeting(imported, "new-york-autumn")
    events = by_uid(read_icalendar(_feed(imported, "meeting", "new-york-autumn")))
    whole = events[str(meeting.public_id)]
    assert (whole.start, whole.end) == (date(2026, 10, 30), date(2026, 11, 3))
    assert whole.summary == "Commission on Time Zones, sixth session"
    assert whole.transp == "TRANSPARENT"
    assert len(events) == 5
    timed = [e for e in events.values() if e.uid != whole.uid]
    assert {e.transp for e in timed} == {"OPAQUE"}


def test_render_command_writes_the_meetings_feed(
    imported: Session, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "meeting.ics"
    result = runner.invoke(
        args=["planner", "render", "TEST/WG.1/2026/1", "--format", "ics", "--lang", "zh",
              "-o", str(out)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    service.cache.clear()
    meeting = _meeting(imported, "vienna-spring")
    assert out.read_bytes() == service.meeting_feed(imported, meeting, "zh").body
    assert b"SUMMARY;LANGUAGE=zh:" in out.read_bytes()


# Revisions across re-imports ----------------------------------------------------------------


def _meeting_events(session: Session, name: str, lang: str = "en", on: date = ON) -> dict:
    return by_uid(read_icalendar(_feed(session, "meeting", name, lang=lang, on=on)))


@pytest.mark.parametrize("kind", ["meeting", "body", "all"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_identical_reimport_gives_byte_identical_feeds(
    imported: Session, kind: str, lang: str
) -> None:
    targets = {"meeting": list(MEETINGS), "body": ["TEST/WG.1", "TEST/WG.2"], "all": [""]}[kind]
    before = [_feed(imported, kind, target, lang) for target in targets]
    _import(imported, ALL_FILE)
    after = [_feed(imported, kind, target, lang) for target in targets]
    assert after == before


def test_a_rescheduled_meeting_keeps_its_uids_with_sequence_up_and_last_modified_later(
    imported: Session,
) -> None:
    before = _meeting_events(imported, "new-york-spring")
    untouched = _meeting_events(imported, "new-york-autumn")
    _import(imported, _file(_spec("new-york-spring", start=date(2026, 3, 13))))
    after = _meeting_events(imported, "new-york-spring")
    assert set(after) == set(before)
    expected = _model_instants(imported)
    for uid, old in before.items():
        new = after[uid]
        assert new.sequence == old.sequence + 1, uid
        assert new.last_modified is not None and old.last_modified is not None
        assert new.last_modified > old.last_modified, uid
        assert (new.start, new.end) == expected[uid] != (old.start, old.end)
        assert new.status == old.status == "TENTATIVE"
    friday_morning = min(
        (e for e in after.values() if isinstance(e.start, datetime)), key=lambda e: e.start
    )
    assert friday_morning.start == datetime(2026, 3, 13, 14, 0, tzinfo=UTC)  # EDT now
    assert _meeting_events(imported, "new-york-autumn") == untouched


@pytest.mark.parametrize(
    ("status", "en", "zh"),
    [("cancelled", "Cancelled: ", "已取消："), ("postponed", "Postponed: ", "已推迟：")],
)
def test_a_cancelled_or_postponed_meeting_stays_in_the_feed_as_cancelled(
    imported: Session, status: str, en: str, zh: str
) -> None:
    before = _meeting_events(imported, "vienna-autumn")
    before_zh = _meeting_events(imported, "vienna-autumn", "zh")
    _import(imported, _file(_spec("vienna-autumn", status=status)))
    after = _meeting_events(imported, "vienna-autumn")
    after_zh = _meeting_events(imported, "vienna-autumn", "zh")
    assert set(after) == set(before) == set(after_zh)
    assert len(after) == 5
    for uid, old in before.items():
        new = after[uid]
        assert new.status == "CANCELLED"
        assert new.transp == "TRANSPARENT"
        assert new.sequence == old.sequence + 1
        assert new.last_modified > old.last_modified  # type: ignore[operator]
        assert (new.start, new.end) == (old.start, old.end)
        assert new.summary == en + old.summary
        assert after_zh[uid].summary == zh + before_zh[uid].summary
        assert after_zh[uid].status == "CANCELLED"


@pytest.mark.parametrize(
    ("changes", "dropped_day", "kept_day"),
    [
        pytest.param(
            {"days": {date(2026, 3, d): [] for d in (27, 28, 29)}},
            date(2026, 3, 27),
            date(2026, 3, 30),
            id="first-day-emptied",
        ),
        pytest.param(
            {"end": date(2026, 3, 27), "days": {}},
            date(2026, 3, 30),
            date(2026, 3, 27),
            id="last-day-cut",
        ),
    ],
)
def test_a_dropped_days_half_day_meetings_stay_in_the_feed_as_cancelled(
    imported: Session, changes: dict[str, Any], dropped_day: date, kept_day: date
) -> None:
    meeting = _meeting(imported, "vienna-spring")
    dropped = {str(s.public_id) for s in meeting.slots if s.date == dropped_day}
    kept = {str(s.public_id) for s in meeting.slots if s.date == kept_day}
    assert len(dropped) == len(kept) == 2
    before = _meeting_events(imported, "vienna-spring")
    _import(imported, _file(_spec("vienna-spring", **changes)))
    after = _meeting_events(imported, "vienna-spring")
    for uid in dropped:
        old, new = before[uid], after[uid]
        assert new.status == "CANCELLED" and new.transp == "TRANSPARENT"
        assert (new.start, new.end) == (old.start, old.end)
        assert new.sequence == old.sequence + 1
        assert new.summary.startswith("Cancelled: ")
    for uid in kept:
        assert after[uid].status == "TENTATIVE"
        assert (after[uid].start, after[uid].end) == (before[uid].start, before[uid].end)
    assert set(after) == set(before)


def test_a_dropped_day_put_back_revives_its_events(imported: Session) -> None:
    before = _meeting_events(imported, "vienna-spring")
    _import(imported, _file(_spec("vienna-spring", end=date(2026, 3, 27), days={})))
    _import(imported, _file(_spec("vienna-spring")))
    after = _meeting_events(imported, "vienna-spring")
    assert set(after) == set(before)
    assert {e.status for e in after.values()} == {"TENTATIVE"}
    for uid, old in before.items():
        assert (after[uid].start, after[uid].end) == (old.start, old.end)


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", {"en": "Commission on Clocks"}), ("meeting_word", "meeting")],
)
def test_a_changed_body_raises_the_sequence_of_its_meetings_events(
    imported: Session, field: str, value: object
) -> None:
    ours = {n: _meeting_events(imported, n) for n in ("new-york-spring", "new-york-autumn")}
    others = _meeting_events(imported, "vienna-spring")
    changed = {**BODIES[1], field: value}
    _import(imported, meeting_file(meetings=[], bodies=[changed]))
    for name, before in ours.items():
        after = _meeting_events(imported, name)
        for uid, old in before.items():
            assert after[uid].summary != old.summary
            assert after[uid].sequence == old.sequence + 1, (name, uid)
    assert _meeting_events(imported, "vienna-spring") == others


def test_changed_interpretation_raises_the_sequence_of_the_half_day_meetings(
    imported: Session,
) -> None:
    before = _meeting_events(imported, "vienna-spring")
    _import(imported, _file(_spec("vienna-spring", languages=("zh", "en", "fr", "es"))))
    after = _meeting_events(imported, "vienna-spring")
    meeting = _meeting(imported, "vienna-spring")
    for slot in meeting.slots:
        uid = str(slot.public_id)
        assert after[uid].description != before[uid].description
        assert "Interpretation into Chinese, English, French and Spanish." in after[uid].description
        assert after[uid].sequence == before[uid].sequence + 1
    whole = str(meeting.public_id)
    assert after[whole] == before[whole]  # the all-day event does not show interpretation


# Retention and windows ----------------------------------------------------------------------


def test_a_cancelled_event_stays_30_days_after_its_date_then_leaves_the_feed(
    imported: Session,
) -> None:
    assert timedelta(days=30) == KEEP_CANCELLED
    _import(imported, _file(_spec("vienna-autumn", status="cancelled")))
    meeting = _meeting(imported, "vienna-autumn")
    dates = {str(s.public_id): s.date for s in meeting.slots}
    dates[str(meeting.public_id)] = meeting.end_date  # the all-day event: its last day
    for uid, day in dates.items():
        at_30 = _meeting_events(imported, "vienna-autumn", on=day + timedelta(days=30))
        at_31 = _meeting_events(imported, "vienna-autumn", on=day + timedelta(days=31))
        assert at_30[uid].status == "CANCELLED"
        assert uid not in at_31


def test_a_dropped_half_day_meeting_leaves_the_feed_31_days_after_its_date(
    imported: Session,
) -> None:
    _import(imported, _file(_spec("vienna-spring", end=date(2026, 3, 27), days={})))
    meeting = _meeting(imported, "vienna-spring")
    dropped = {str(s.public_id) for s in meeting.slots if s.cancelled}
    assert len(dropped) == 2
    assert dropped <= set(_meeting_events(imported, "vienna-spring", on=date(2026, 4, 29)))
    later = _meeting_events(imported, "vienna-spring", on=date(2026, 4, 30))
    assert not dropped & set(later)
    assert len(later) == 3  # the all-day event and Friday's two half-day meetings


def test_a_held_meeting_stays_in_its_own_feed_for_good(imported: Session) -> None:
    events = _meeting_events(imported, "vienna-spring", on=date(2030, 1, 1))
    assert len(events) == 5


@pytest.mark.parametrize(
    ("kind", "target", "window"),
    [("body", "TEST/WG.1", 365), ("all", "", 90)],
)
def test_feed_reaches_back_its_window_from_the_meetings_last_day(
    imported: Session, kind: str, target: str, window: int
) -> None:
    meeting = _meeting(imported, "vienna-spring")
    uid = str(meeting.public_id)
    last_day = meeting.end_date
    inside = read_icalendar(_feed(imported, kind, target, on=last_day + timedelta(days=window)))
    outside = read_icalendar(
        _feed(imported, kind, target, on=last_day + timedelta(days=window + 1))
    )
    assert uid in {e.uid for e in inside}
    assert uid not in {e.uid for e in outside}


# feedcheck on what the app writes -----------------------------------------------------------


FEEDS = [
    *[pytest.param("meeting", name, "en", id=f"meeting-{name}") for name in MEETINGS],
    *[
        pytest.param("meeting", "vienna-spring", lang, id=f"meeting-vienna-spring-{lang}")
        for lang in ("zh", "ar", "ru")
    ],
    pytest.param("body", "TEST/WG.1", "en", id="body-vienna"),
    pytest.param("body", "TEST/WG.2", "en", id="body-new-york"),
    pytest.param("body", "TEST/WG.2", "zh", id="body-new-york-zh"),
    pytest.param("all", "", "en", id="all"),
    pytest.param("all", "", "zh", id="all-zh"),
]


@pytest.mark.js
@pytest.mark.parametrize(("kind", "target", "lang"), FEEDS)
def test_feedcheck_passes_on_the_feed(
    imported: Session, tmp_path: Path, kind: str, target: str, lang: str
) -> None:
    path = tmp_path / "feed.ics"
    path.write_bytes(_feed(imported, kind, target, lang))
    args = [str(path)] if lang == "en" else [str(path), "--lang", lang]
    assert_feedcheck_passes(*args)


CHANGES = {
    "reschedule": ("new-york-spring", _spec("new-york-spring", start=date(2026, 3, 13))),
    "cancellation": ("vienna-autumn", _spec("vienna-autumn", status="cancelled")),
    "dropped-day": ("vienna-spring", _spec("vienna-spring", end=date(2026, 3, 27), days={})),
}


@pytest.mark.js
@pytest.mark.parametrize(
    ("change", "kind"),
    [
        ("reschedule", "meeting"),
        ("reschedule", "body"),
        ("cancellation", "meeting"),
        ("cancellation", "all"),
        ("dropped-day", "meeting"),
    ],
)
def test_feedcheck_passes_on_a_change_against_the_previous_feed(
    imported: Session, tmp_path: Path, change: str, kind: str
) -> None:
    name, changed = CHANGES[change]
    target = {"meeting": name, "body": MEETINGS[name][0], "all": ""}[kind]
    previous, current = tmp_path / "previous.ics", tmp_path / "current.ics"
    previous.write_bytes(_feed(imported, kind, target, "zh"))
    _import(imported, _file(changed))
    current.write_bytes(_feed(imported, kind, target, "zh"))
    assert current.read_bytes() != previous.read_bytes()
    report = assert_feedcheck_passes(str(current), "--previous", str(previous), "--lang", "zh")
    assert "PASS update:" in report


@pytest.fixture
def live_server(app: Flask, imported: Session) -> Iterator[str]:
    """The app served on 127.0.0.1 (a free port) from a thread, over the test's transaction."""
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.mark.js
@pytest.mark.parametrize("path", ["meeting", "all"])
def test_feedcheck_passes_on_the_live_feed_with_its_http_checks(
    live_server: str, imported: Session, path: str
) -> None:
    meeting = _meeting(imported, "vienna-spring")
    url = {
        "meeting": f"{live_server}/feeds/meetings/{meeting.public_id}.ics?lang=zh",
        "all": f"{live_server}/feeds/all.ics?lang=zh",
    }[path]
    report = assert_feedcheck_passes(url, "--lang", "zh")
    assert "PASS http:" in report
    assert "WARN http:" not in report
