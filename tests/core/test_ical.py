"""planner.core.ical: the feed reads back as the model in icalendar, in ical.js and in feedcheck.

Sessions sit on both sides of the 2026 clock changes in Vienna (29 March, 25 October) and New
York (8 March, 1 November), so a feed that is an hour off anywhere fails. Texts are in Chinese,
Arabic and Russian with commas, semicolons, backslashes and line breaks, which iCalendar escapes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from planner.core.ical import PRODID, FeedCalendar, FeedEvent, build_calendar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: shared test helpers
from jsparse import parse_with_icaljs, unavailable

VIENNA = ZoneInfo("Europe/Vienna")
NEW_YORK = ZoneInfo("America/New_York")
CREATED = datetime(2026, 1, 12, 8, 30, tzinfo=UTC)
FEEDCHECK = Path(__file__).resolve().parents[3] / "shared" / "tools" / "feedcheck" / "feedcheck"

# summary, description, location per feed language
TEXTS = {
    "zh": (
        "预防犯罪和刑事司法委员会，第三十五届会议; 上午会议, 议程项目 3",
        "议程项目 3：审议执行情况，包括技术援助；\n文件: E/CN.15/2026/1, E/CN.15/2026/2; "
        "见 https://docs.example.org/?s=E/CN.15/2026/1&l=zh\n路径 C:\\docs\\议程",
        "维也纳国际中心, M 楼; 第一会议室",
    ),
    "ar": (
        "لجنة منع الجريمة والعدالة الجنائية، الدورة الخامسة والثلاثون; الجلسة الصباحية, البند 3",
        "البند 3: النظر في التنفيذ، بما في ذلك المساعدة التقنية;\n"
        "الوثائق: E/CN.15/2026/1, E/CN.15/2026/2\nانظر https://docs.example.org/?l=ar",
        "مركز فيينا الدولي, المبنى M; قاعة الاجتماعات 1",
    ),
    "ru": (
        "Комиссия по предупреждению преступности, тридцать пятая сессия; утреннее заседание",
        "Пункт 3 повестки дня: рассмотрение хода осуществления, включая техническую помощь;\n"
        "документы: E/CN.15/2026/1, E/CN.15/2026/2\nсм. https://docs.example.org/?l=ru",
        "Венский международный центр, здание M; зал заседаний 1",
    ),
}

# uid, start, end, expected UTC start, expected UTC end (written out: the ground truth)
SESSIONS = [
    ("vie-0327-am", datetime(2026, 3, 27, 10, 0, tzinfo=VIENNA), 3, "2026-03-27T09:00:00Z"),
    ("vie-0330-am", datetime(2026, 3, 30, 10, 0, tzinfo=VIENNA), 3, "2026-03-30T08:00:00Z"),
    ("vie-1023-pm", datetime(2026, 10, 23, 15, 0, tzinfo=VIENNA), 3, "2026-10-23T13:00:00Z"),
    ("vie-1026-pm", datetime(2026, 10, 26, 15, 0, tzinfo=VIENNA), 3, "2026-10-26T14:00:00Z"),
    # Across the spring-forward night: 22:00 CET to 04:00 CEST is five hours.
    ("vie-0328-night", datetime(2026, 3, 28, 22, 0, tzinfo=VIENNA), 6, "2026-03-28T21:00:00Z"),
    ("ny-0306-am", datetime(2026, 3, 6, 10, 0, tzinfo=NEW_YORK), 3, "2026-03-06T15:00:00Z"),
    ("ny-0309-am", datetime(2026, 3, 9, 10, 0, tzinfo=NEW_YORK), 3, "2026-03-09T14:00:00Z"),
    ("ny-1030-pm", datetime(2026, 10, 30, 15, 0, tzinfo=NEW_YORK), 3, "2026-10-30T19:00:00Z"),
    ("ny-1102-pm", datetime(2026, 11, 2, 15, 0, tzinfo=NEW_YORK), 3, "2026-11-02T20:00:00Z"),
]
CANCELLED_UID = "ny-1102-pm"
ALL_DAY_UID = "vie-0330-0331-all-day"


def make_events(lang: str) -> list[FeedEvent]:
    summary, description, location = TEXTS[lang]
    events = [
        FeedEvent(
            uid=f"{uid}-{lang}@meetings.example.org",
            start=start,
            end=start + timedelta(hours=hours),  # wall-clock arithmetic, as a meeting planner does
            summary=f"{summary} ({uid})",
            description=description,
            location=location,
            status="CONFIRMED",
            sequence=0,
            created=CREATED,
            last_modified=CREATED,
            url=f"https://meetings.example.org/sessions/{uid}",
            categories=("CCPCJ", "Plenary, morning"),
            attachments=("https://docs.example.org/E/CN.15/2026/1.pdf",),
        )
        for uid, start, hours, _ in SESSIONS
    ]
    events.append(
        FeedEvent(
            uid=f"{ALL_DAY_UID}-{lang}@meetings.example.org",
            start=date(2026, 3, 30),
            end=date(2026, 4, 1),  # 30 and 31 March: the end is exclusive
            summary=summary,
            description="",
            location=location,
            status="TENTATIVE",
            sequence=0,
            created=CREATED,
            last_modified=CREATED,
        )
    )
    return [cancel(e) if e.uid.startswith(CANCELLED_UID) else e for e in events]


def cancel(event: FeedEvent) -> FeedEvent:
    return replace(
        event,
        status="CANCELLED",
        sequence=event.sequence + 1,
        last_modified=event.last_modified + timedelta(days=20),
    )


def make_calendar(lang: str = "zh", events: list[FeedEvent] | None = None) -> FeedCalendar:
    return FeedCalendar(
        uid=f"all-{lang}@meetings.example.org",
        name={"zh": "联合国会议", "ar": "اجتماعات الأمم المتحدة", "ru": "Заседания ООН"}[lang],
        description="Sessions in Vienna and New York, with agendas; documents",
        language=lang,
        timezone="Europe/Vienna",
        source_url=f"https://meetings.example.org/feeds/all.ics?lang={lang}",
        url="https://meetings.example.org/meetings",
        events=make_events(lang) if events is None else events,
    )


def utc(value: datetime) -> str:
    return f"{value.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def unfolded_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


LANGS = list(TEXTS)


def test_expected_instants_are_zoneinfos() -> None:
    # Guards the table: the written-out UTC instants are what zoneinfo says.
    for _, start, _, expected in SESSIONS:
        assert utc(start) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_icalendar_reads_back_instants_and_texts(lang: str) -> None:
    model = {e.uid: e for e in make_events(lang)}
    parsed = icalendar.Calendar.from_ical(build_calendar(make_calendar(lang)))
    seen = set()
    for vevent in parsed.walk("VEVENT"):
        event = model[str(vevent["UID"])]
        seen.add(event.uid)
        start, end = vevent["DTSTART"].dt, vevent["DTEND"].dt
        if isinstance(event.start, datetime):
            assert isinstance(event.end, datetime)
            assert (utc(start), utc(end)) == (utc(event.start), utc(event.end))
        else:
            assert (start, end) == (event.start, event.end)
        assert str(vevent["SUMMARY"]) == event.summary
        assert str(vevent.get("DESCRIPTION", "")) == event.description
        assert str(vevent["LOCATION"]) == event.location
        assert str(vevent["STATUS"]) == event.status
        assert vevent["SEQUENCE"] == event.sequence
    assert seen == set(model)


@pytest.mark.parametrize("lang", LANGS)
def test_the_embedded_vtimezones_give_the_model_instants(lang: str) -> None:
    # icalendar resolves TZID by name; read each event's wall time through the VTIMEZONE *body*.
    parsed = icalendar.Calendar.from_ical(build_calendar(make_calendar(lang)))
    bodies = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in parsed.walk("VTIMEZONE")}
    expected = {f"{uid}-{lang}@meetings.example.org": truth for uid, _, _, truth in SESSIONS}
    for vevent in parsed.walk("VEVENT"):
        start = vevent["DTSTART"]
        if str(vevent["UID"]) in expected:
            body = bodies[start.params["TZID"]]
            assert utc(start.dt.replace(tzinfo=body)) == expected[str(vevent["UID"])]


@pytest.mark.js
@pytest.mark.parametrize("lang", LANGS)
def test_icaljs_reads_back_instants_and_texts(lang: str) -> None:
    model = {e.uid: e for e in make_events(lang)}
    parsed = parse_with_icaljs(build_calendar(make_calendar(lang)))
    assert sorted(e["uid"] for e in parsed) == sorted(model)
    for got in parsed:
        event = model[got["uid"]]
        if isinstance(event.start, datetime):
            assert isinstance(event.end, datetime)
            assert (got["start"], got["end"]) == (utc(event.start), utc(event.end))
            assert got["start_tzid"] == got["end_tzid"] == str(event.start.tzinfo)
        else:
            assert got["all_day"]
            assert (got["start"], got["end"]) == (event.start.isoformat(), event.end.isoformat())
        assert got["summary"] == event.summary
        assert got["description"] == (event.description or None)
        assert got["location"] == event.location
        assert got["languages"]["summary"] == got["languages"]["location"] == lang
        assert (got["status"], got["sequence"]) == (event.status, event.sequence)
        assert got["url"] == event.url
        assert got["categories"] == list(event.categories)
        assert got["attachments"] == list(event.attachments)


def test_calendar_properties_follow_the_checklist_shape() -> None:
    lines = unfolded_lines(build_calendar(make_calendar("zh")))
    header = lines[: lines.index("BEGIN:VTIMEZONE")]
    assert header == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "DESCRIPTION;LANGUAGE=zh:Sessions in Vienna and New York\\, with agendas\\; documents",
        "X-WR-CALDESC:Sessions in Vienna and New York, with agendas; documents",
        "NAME;LANGUAGE=zh:联合国会议",
        "X-WR-CALNAME:联合国会议",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "SOURCE:https://meetings.example.org/feeds/all.ics?lang=zh",
        "UID:all-zh@meetings.example.org",
        "URL:https://meetings.example.org/meetings",
        "X-PUBLISHED-TTL:PT1H",
        "X-WR-TIMEZONE:Europe/Vienna",
    ]
    assert PRODID == "-//planner//Meeting planner//EN"


def test_refresh_interval_is_a_duration_with_value_duration() -> None:
    calendar = replace(make_calendar(), refresh=timedelta(hours=6))
    lines = unfolded_lines(build_calendar(calendar))
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in lines
    assert "X-PUBLISHED-TTL:PT6H" in lines


def test_multi_line_calendar_name_and_description_stay_valid() -> None:
    calendar = replace(make_calendar(), name="联合国\n会议", description="第一行\n第二行, 完")
    data = build_calendar(calendar)
    lines = unfolded_lines(data)
    assert "NAME;LANGUAGE=zh:联合国 会议" in lines
    assert "X-WR-CALDESC:第一行 第二行, 完" in lines
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed["DESCRIPTION"]) == "第一行\n第二行, 完"


def test_one_vtimezone_per_zone_in_use_in_rrule_form() -> None:
    parsed = icalendar.Calendar.from_ical(build_calendar(make_calendar()))
    zones = [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")]
    assert zones == ["America/New_York", "Europe/Vienna"]
    assert not parsed.get_missing_tzids()
    for tz in parsed.walk("VTIMEZONE"):
        assert sorted(sub.name for sub in tz.subcomponents) == ["DAYLIGHT", "STANDARD"]
        assert all("RRULE" in sub and "RDATE" not in sub for sub in tz.subcomponents)


def test_vtimezone_covers_every_year_the_events_use() -> None:
    later = replace(
        make_events("zh")[0],
        uid="vie-2028@meetings.example.org",
        start=datetime(2028, 7, 3, 10, tzinfo=VIENNA),
        end=datetime(2028, 7, 3, 13, tzinfo=VIENNA),
    )
    parsed = icalendar.Calendar.from_ical(
        build_calendar(make_calendar(events=[*make_events("zh"), later]))
    )
    (vienna,) = [tz for tz in parsed.walk("VTIMEZONE") if tz["TZID"] == "Europe/Vienna"]
    body = vienna.to_tz(lookup_tzid=False)
    assert datetime(2028, 7, 3, 10, tzinfo=body).utcoffset() == timedelta(hours=2)
    assert min(sub["DTSTART"].dt.year for sub in vienna.subcomponents) == 2025


def test_event_properties() -> None:
    data = build_calendar(make_calendar("ru"))
    parsed = icalendar.Calendar.from_ical(data)
    by_uid = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    session = by_uid["vie-0330-am-ru@meetings.example.org"]
    assert session["DTSTAMP"].dt == session["LAST-MODIFIED"].dt == CREATED
    assert session["CREATED"].dt == CREATED
    assert str(session["TRANSP"]) == "OPAQUE"
    assert str(session["URL"]) == "https://meetings.example.org/sessions/vie-0330-am"
    assert session["CATEGORIES"].cats == ["CCPCJ", "Plenary, morning"]
    assert str(session["ATTACH"]) == "https://docs.example.org/E/CN.15/2026/1.pdf"
    assert session["ATTACH"].params["VALUE"] == "URI"
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert session[name].params["LANGUAGE"] == "ru"
    lines = unfolded_lines(data)
    assert "DTSTART;TZID=Europe/Vienna:20260330T100000" in lines
    assert "DTEND;TZID=Europe/Vienna:20260330T130000" in lines


def test_cancelled_event_is_transparent_with_a_higher_sequence() -> None:
    parsed = icalendar.Calendar.from_ical(build_calendar(make_calendar()))
    by_uid = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    cancelled = by_uid[f"{CANCELLED_UID}-zh@meetings.example.org"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["TRANSP"]) == "TRANSPARENT"
    assert cancelled["SEQUENCE"] == 1
    assert cancelled["DTSTAMP"].dt == CREATED + timedelta(days=20)


def test_all_day_event_uses_dates_with_an_exclusive_end_and_is_transparent() -> None:
    data = build_calendar(make_calendar())
    block = data.decode().split(f"UID:{ALL_DAY_UID}-zh@meetings.example.org")[0]
    block = block[block.rindex("BEGIN:VEVENT") :]
    assert "DTSTART;VALUE=DATE:20260330\r\n" in block
    assert "DTEND;VALUE=DATE:20260401\r\n" in block
    all_day = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}[
        f"{ALL_DAY_UID}-zh@meetings.example.org"
    ]
    assert str(all_day["TRANSP"]) == "TRANSPARENT"
    assert "DESCRIPTION" not in all_day  # an empty text is left out, not written empty


def test_event_times_never_float_in_the_events() -> None:
    data = build_calendar(make_calendar())
    events_part = data.decode()[data.decode().index("BEGIN:VEVENT") :]
    for line in events_part.replace("\r\n ", "").split("\r\n"):
        if line.startswith(("DTSTART", "DTEND")):
            assert "TZID=" in line or "VALUE=DATE" in line or line.endswith("Z"), line


def test_utc_zone_is_written_as_utc_not_as_a_vtimezone() -> None:
    event = replace(
        make_events("zh")[0],
        start=datetime(2026, 5, 4, 12, tzinfo=ZoneInfo("Etc/UTC")),
        end=datetime(2026, 5, 4, 14, tzinfo=UTC),
    )
    data = build_calendar(make_calendar(events=[event]))
    lines = unfolded_lines(data)
    assert "DTSTART:20260504T120000Z" in lines
    assert "DTEND:20260504T140000Z" in lines
    assert "BEGIN:VTIMEZONE" not in lines


def test_identical_input_gives_identical_bytes_whatever_the_event_order() -> None:
    events = make_events("ar")
    first = build_calendar(make_calendar("ar", events))
    assert build_calendar(make_calendar("ar", list(events))) == first
    assert build_calendar(make_calendar("ar", list(reversed(events)))) == first


def test_events_are_sorted_by_start_then_uid() -> None:
    twin = replace(make_events("zh")[0], uid="aaa-twin@meetings.example.org")
    parsed = icalendar.Calendar.from_ical(
        build_calendar(make_calendar(events=[*make_events("zh"), twin]))
    )
    keys = []
    for vevent in parsed.walk("VEVENT"):
        start = vevent["DTSTART"].dt
        if not isinstance(start, datetime):
            start = datetime(start.year, start.month, start.day, tzinfo=VIENNA)
        keys.append((start.astimezone(UTC), str(vevent["UID"])))
    assert keys == sorted(keys)
    assert keys[0][1] == "ny-0306-am-zh@meetings.example.org"
    twins = [uid for _, uid in keys if uid.startswith(("aaa-twin", "vie-0327-am"))]
    assert twins == ["aaa-twin@meetings.example.org", "vie-0327-am-zh@meetings.example.org"]


@pytest.mark.parametrize("lang", LANGS)
def test_crlf_line_ends_and_lines_of_at_most_75_octets(lang: str) -> None:
    data = build_calendar(make_calendar(lang))
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # no fold splits a multi-byte character


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": datetime(2026, 3, 30, 10)}, "IANA zone"),  # noqa: DTZ001 - naive on purpose
        ({"start": datetime(2026, 3, 30, 10, tzinfo=timezone(timedelta(hours=2)))}, "IANA"),
        ({"end": date(2026, 3, 30)}, "both be dates"),
        ({"end": datetime(2026, 3, 30, 9, tzinfo=VIENNA)}, "not after"),
        ({"status": "DELETED"}, "STATUS"),
        ({"sequence": -1}, "negative"),
        ({"created": datetime(2026, 1, 1)}, "naive"),  # noqa: DTZ001 - naive on purpose
        ({"last_modified": datetime(2026, 1, 1)}, "naive"),  # noqa: DTZ001 - naive on purpose
        ({"uid": ""}, "empty UID"),
    ],
)
def test_data_a_client_would_misread_is_refused(change: dict[str, object], message: str) -> None:
    event = replace(make_events("zh")[1], **change)
    with pytest.raises(ValueError, match=message):
        build_calendar(make_calendar(events=[event]))


def test_all_day_end_must_be_after_start() -> None:
    event = replace(make_events("zh")[-1], end=date(2026, 3, 30))
    with pytest.raises(ValueError, match="exclusive"):
        build_calendar(make_calendar(events=[event]))


def test_duplicate_uids_are_refused() -> None:
    events = make_events("zh")
    with pytest.raises(ValueError, match="duplicate"):
        build_calendar(make_calendar(events=[*events, events[0]]))


# feedcheck: /work/shared/tools/feedcheck, the interop checker (needs node and npm).


def run_feedcheck(feed: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not FEEDCHECK.is_file():
        unavailable(f"feedcheck is not at {FEEDCHECK}")
    if not os.access(FEEDCHECK, os.X_OK):
        unavailable(f"feedcheck at {FEEDCHECK} is not executable")
    done = subprocess.run(
        [str(FEEDCHECK), str(feed), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # Exit 2 is also how feedcheck says it cannot run here: no python3/node/npm on PATH, or
    # its first-run install (PyPI and npm) failed. Anything else is a verdict on the feed.
    if done.returncode == 2 and (
        "not found on PATH" in done.stderr or "installation failed" in done.stderr
    ):
        unavailable("feedcheck cannot run here: " + done.stderr.strip().splitlines()[0])
    return done


def previous_and_current(tmp_path: Path) -> tuple[Path, Path]:
    """v1, and v2 in which one session moved by a day and another was cancelled."""
    v1_events = [replace(e, status="CONFIRMED", sequence=0) for e in make_events("zh")]
    v1_events = [replace(e, last_modified=CREATED) for e in v1_events]
    later = CREATED + timedelta(days=30)
    v2_events = []
    for event in v1_events:
        if event.uid.startswith("vie-1026-pm"):
            assert isinstance(event.start, datetime)
            assert isinstance(event.end, datetime)
            event = replace(
                event,
                start=event.start + timedelta(days=1),
                end=event.end + timedelta(days=1),
                sequence=event.sequence + 1,
                last_modified=later,
            )
        elif event.uid.startswith(CANCELLED_UID):
            event = replace(event, status="CANCELLED", sequence=1, last_modified=later)
        v2_events.append(event)
    v1, v2 = tmp_path / "v1.ics", tmp_path / "v2.ics"
    v1.write_bytes(build_calendar(make_calendar("zh", v1_events)))
    v2.write_bytes(build_calendar(make_calendar("zh", v2_events)))
    return v1, v2


@pytest.mark.js
@pytest.mark.parametrize("lang", LANGS)
def test_feedcheck_passes(tmp_path: Path, lang: str) -> None:
    feed = tmp_path / f"all-{lang}.ics"
    feed.write_bytes(build_calendar(make_calendar(lang)))
    done = run_feedcheck(feed, "--lang", lang)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith(" 0 failed"), done.stdout


@pytest.mark.js
def test_feedcheck_passes_a_reschedule_and_a_cancellation(tmp_path: Path) -> None:
    v1, v2 = previous_and_current(tmp_path)
    done = run_feedcheck(v2, "--previous", str(v1), "--lang", "zh")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARN" not in done.stdout, done.stdout


@pytest.mark.js
def test_feedcheck_fails_a_reschedule_without_a_sequence_bump(tmp_path: Path) -> None:
    # The control: the check above is not vacuous.
    v1, _ = previous_and_current(tmp_path)
    events = []
    for event in make_events("zh"):
        event = replace(event, status="CONFIRMED", sequence=0, last_modified=CREATED)
        if event.uid.startswith("vie-1026-pm"):
            assert isinstance(event.start, datetime)
            assert isinstance(event.end, datetime)
            event = replace(
                event, start=event.start + timedelta(days=1), end=event.end + timedelta(days=1)
            )
        events.append(event)
    v2 = tmp_path / "v2-bad.ics"
    v2.write_bytes(build_calendar(make_calendar("zh", events)))
    done = run_feedcheck(v2, "--previous", str(v1))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAIL update" in done.stdout, done.stdout


# The VEVENT writer: build_calendar writes the events itself (see planner.core.ical's docstring).
# icalendar is the reference: each event below, written by build_calendar, must read back in
# icalendar exactly as the same event built with icalendar's own Event.new (what build_calendar
# used before), unfold to icalendar's very lines, read back the same in ical.js, and pass
# feedcheck.

KOLKATA = ZoneInfo("Asia/Kolkata")
BUENOS_AIRES = ZoneInfo("America/Argentina/Buenos_Aires")
EMOJI = "🇺🇳 🗓️ 👩🏽‍⚖️ 🕙–🕐 📄"  # flags, a variation selector, a ZWJ sequence: 4-octet characters
EVERY_ESCAPE = 'back\\slash; semi, comma\nLF\r\nCRLF\rCR "quoted" colon: caret^ tab\t, end\\'


def tricky(name: str, **change: object) -> FeedEvent:
    """An event named ``name`` (its UID) in Vienna, changed by ``change``."""
    start = datetime(2026, 6, 15, 10, tzinfo=VIENNA)
    event = FeedEvent(
        uid=f"{name}@meetings.example.org",
        start=start,
        end=start + timedelta(hours=3),
        summary=f"Working group, {name}",
        description=f"About {name}; see the agenda.",
        location="Vienna International Centre, Board room D",
        status="CONFIRMED",
        sequence=0,
        created=CREATED,
        last_modified=CREATED + timedelta(days=3, seconds=17),
        url=f"https://meetings.example.org/sessions/{name}",
    )
    return replace(event, **change)  # type: ignore[arg-type]


TRICKY = [
    tricky("plain"),
    tricky(
        "chinese",
        summary="预防犯罪和刑事司法委员会第三十五届会议，第一次会议；议程项目 3、4 和 5（续）" * 3,
        description=TEXTS["zh"][1] * 4,
        location=TEXTS["zh"][2],
    ),
    tricky(
        "arabic",
        summary="لجنة منع الجريمة والعدالة الجنائية، الدورة الخامسة والثلاثون; الجلسة الأولى" * 2,
        description=TEXTS["ar"][1] * 4,
        location=TEXTS["ar"][2],
    ),
    tricky(
        "russian",
        summary=TEXTS["ru"][0] * 2,
        description=TEXTS["ru"][1] * 4,
        location=TEXTS["ru"][2],
    ),
    tricky("emoji", summary=EMOJI * 6, description=(EMOJI + "\n") * 12, location=EMOJI),
    tricky(
        "every-escape", summary=EVERY_ESCAPE, description=EVERY_ESCAPE * 8, location=EVERY_ESCAPE
    ),
    # Backslash, semicolon and comma escapes land on every byte offset of the folds.
    tricky(
        "escape-runs",
        summary="\\" * 101,
        description="".join("a" * n + "\\;,\n" for n in range(80)),
        location=";" * 77 + "," * 77,
    ),
    tricky("long-ascii", summary="x" * 300, description=" ".join(["word"] * 400)),
    tricky("empty-texts", summary="", description="", location=""),
    tricky("whitespace", summary="  padded\ttext  ", description="\n\nblank lines\n\n"),
    tricky(
        "attachments",
        attachments=(
            "https://documents.example.org/E/CN.15/2026/1.pdf",
            "https://documents.example.org/get?symbol=E/CN.15/2026/L.3;lang=zh,ar&x=%2C",
            "https://undocs.org/zh/" + "A/" * 40 + "RES/78/1",
        ),
        url="https://meetings.example.org/sessions/attachments?lang=zh&view=a;b,c",
    ),
    tricky(
        "categories",
        categories=("CCPCJ", "Plenary, morning", "a;b", "back\\slash", "会议", "اجتماع"),
    ),
    tricky(
        "all-day",
        start=date(2026, 6, 15),
        end=date(2026, 6, 20),
        status="TENTATIVE",
        description="",
        url=None,
    ),
    tricky("cancelled", status="CANCELLED", sequence=7, summary="Cancelled: " + TEXTS["ru"][0]),
    tricky(
        "utc",
        start=datetime(2026, 6, 15, 8, tzinfo=UTC),
        end=datetime(2026, 6, 15, 11, 30, tzinfo=UTC),
    ),
    tricky(
        "other-zones",
        start=datetime(2026, 6, 15, 10, 30, tzinfo=KOLKATA),
        end=datetime(2026, 6, 15, 13, 45, tzinfo=KOLKATA),
    ),
    tricky(
        "deep-zone",
        start=datetime(2026, 6, 15, 9, tzinfo=BUENOS_AIRES),
        end=datetime(2026, 6, 15, 12, tzinfo=BUENOS_AIRES),
    ),
]
TRICKY_IDS = [str(e.uid).split("@")[0] for e in TRICKY]
WRITER_LANGS = ["zh", "ar", ""]


def reference_vevent(event: FeedEvent, language: str) -> icalendar.Event:
    """``event`` built by icalendar, as build_calendar did before it had its own writer."""
    all_day = not isinstance(event.start, datetime)
    transparent = event.status == "CANCELLED" or all_day
    vevent = icalendar.Event.new(
        uid=event.uid,
        stamp=event.last_modified,
        created=event.created,
        last_modified=event.last_modified,
        sequence=event.sequence,
        start=event.start,
        end=event.end,
        summary=event.summary or None,
        description=event.description or None,
        location=event.location or None,
        status=icalendar.enums.STATUS(event.status),
        transparency=icalendar.enums.TRANSP("TRANSPARENT" if transparent else "OPAQUE"),
        url=event.url,
        categories=event.categories,
    )
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        if language and name in vevent:
            vevent[name].params["LANGUAGE"] = language
    for link in event.attachments:
        vevent.add("ATTACH", link, parameters={"VALUE": "URI"})
    return vevent


def tricky_calendar(language: str, events: list[FeedEvent] | None = None) -> FeedCalendar:
    return replace(
        make_calendar("zh", TRICKY if events is None else events),
        uid=f"tricky-{language}@meetings.example.org",
        language=language,
    )


def written_vevent(event: FeedEvent, language: str) -> tuple[bytes, icalendar.Event]:
    """The VEVENT block build_calendar writes for ``event``, and icalendar's reading of it."""
    data = build_calendar(tricky_calendar(language, [event]))
    block = data[data.index(b"BEGIN:VEVENT") : data.index(b"END:VCALENDAR")]
    (vevent,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return block, vevent


def decoded(vevent: icalendar.Event) -> list[tuple[str, dict[str, str], object]]:
    """Every property as icalendar reads it: name, parameters and value, in file order."""
    out: list[tuple[str, dict[str, str], object]] = []
    for name, prop in vevent.property_items(recursive=False):
        if name in ("BEGIN", "END"):
            continue
        if hasattr(prop, "dt"):
            value: object = prop.dt
        elif hasattr(prop, "cats"):
            value = [str(c) for c in prop.cats]
        else:
            value = str(prop)
        out.append((name, dict(prop.params), value))
    return out


@pytest.mark.parametrize("language", WRITER_LANGS)
@pytest.mark.parametrize("event", TRICKY, ids=TRICKY_IDS)
def test_written_event_reads_back_as_icalendars_own(event: FeedEvent, language: str) -> None:
    block, written = written_vevent(event, language)
    reference = icalendar.Event.from_ical(reference_vevent(event, language).to_ical())
    assert decoded(written) == decoded(reference)
    # the same content lines, in the same order, as icalendar writes them
    assert unfolded_lines(block) == unfolded_lines(reference_vevent(event, language).to_ical())


@pytest.mark.parametrize("event", TRICKY, ids=TRICKY_IDS)
def test_written_event_reads_back_as_the_model(event: FeedEvent) -> None:
    # TEXT has one kind of line break: CRLF and a lone CR read back as LF.
    _, written = written_vevent(event, "ru")
    texts = {"SUMMARY": event.summary, "DESCRIPTION": event.description}
    texts["LOCATION"] = event.location
    for name, text in texts.items():
        assert str(written.get(name, "")) == text.replace("\r\n", "\n").replace("\r", "\n")
        if text:
            assert written[name].params["LANGUAGE"] == "ru"
    assert str(written["UID"]) == event.uid
    assert str(written.get("URL")) == str(event.url)
    attachments = written.get("ATTACH", [])
    attachments = attachments if isinstance(attachments, list) else [attachments]
    assert [str(a) for a in attachments] == list(event.attachments)
    categories = written.get("CATEGORIES")
    assert ([str(c) for c in categories.cats] if categories else []) == list(event.categories)
    assert (written["DTSTART"].dt, written["DTEND"].dt) == (event.start, event.end)
    assert (str(written["STATUS"]), written["SEQUENCE"]) == (event.status, event.sequence)


@pytest.mark.parametrize("language", WRITER_LANGS)
def test_written_lines_are_crlf_at_most_75_octets_and_never_split_a_character(
    language: str,
) -> None:
    data = build_calendar(tricky_calendar(language))
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    physical = data.split(b"\r\n")
    assert physical[-1] == b""
    for line in physical[:-1]:
        assert 0 < len(line) <= 75, line
        text = line.decode("utf-8")  # no fold splits a multi-byte character
        if text.startswith(" "):
            assert len(text) > 1  # no empty continuation lines
        trailing = len(text) - len(text.rstrip("\\"))
        assert trailing % 2 == 0, line  # no fold splits a backslash escape


def test_fold_at_every_length_around_the_limit() -> None:
    # SUMMARY lines of 9 to 480 octets: of ASCII, of 3-octet and of 4-octet characters, and of
    # escapes, so that every kind of character meets every place of the first three folds.
    units = ["a", "议", "🗓", "\\", ";", "a\\", "é;"]
    events = [
        tricky(f"fold-{u}-{count}", summary=unit * count, description="", location="", url=None)
        for u, unit in enumerate(units)
        for count in range(1, 120)
    ]
    data = build_calendar(tricky_calendar("", events))
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    written = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    by_uid = {e.uid: e for e in events}
    blocks = data.split(b"BEGIN:VEVENT")[1:]
    assert len(blocks) == len(events)
    for block in blocks:
        block = b"BEGIN:VEVENT" + block.replace(b"END:VCALENDAR\r\n", b"")
        uid = next(line for line in unfolded_lines(block) if line.startswith("UID:"))[4:]
        event = by_uid[uid]
        assert str(written[uid]["SUMMARY"]) == event.summary
        # an unfolded line is icalendar's; only the places of the folds may differ
        assert unfolded_lines(block) == unfolded_lines(reference_vevent(event, "").to_ical())


def test_writer_keeps_a_literal_backslash_n_that_icalendar_73_turns_into_a_line_break() -> None:
    text = "C:\\New folder\\N\\notes, v2; final"
    event = tricky("backslash-n", summary=text, description=text, location=text)
    block, written = written_vevent(event, "zh")
    assert b"SUMMARY;LANGUAGE=zh:C:\\\\New folder\\\\N\\\\notes\\, v2\\; final\r\n" in block
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert str(written[name]) == text


def test_control_characters_are_dropped_from_texts_and_addresses() -> None:
    event = tricky(
        "controls",
        summary="bell\x07 nul\x00 esc\x1b del\x7f tab\t kept",
        description="vertical\x0btab\x0cform\nline",
        url="https://meetings.example.org/a\r\nb\tc",
        attachments=("https://documents.example.org/x\n.pdf",),
    )
    block, written = written_vevent(event, "")
    assert str(written["SUMMARY"]) == "bell nul esc del tab\t kept"
    assert str(written["DESCRIPTION"]) == "verticaltabform\nline"
    assert str(written["URL"]) == "https://meetings.example.org/abc"
    assert str(written["ATTACH"]) == "https://documents.example.org/x.pdf"
    assert not any((0 <= c < 32 and c not in (9, 10, 13)) or c == 127 for c in block)


def test_an_empty_url_is_left_out() -> None:
    block, written = written_vevent(tricky("no-url", url=""), "")
    assert b"URL" not in block
    assert "URL" not in written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("zh", ";LANGUAGE=zh"),
        ("en-GB", ";LANGUAGE=en-GB"),
        ("a:b", ';LANGUAGE="a:b"'),
        ("a;b,c", ';LANGUAGE="a;b,c"'),
        ('say "hi"^', ";LANGUAGE=say ^'hi^'^^"),
        ("two\nlines", ";LANGUAGE=two^nlines"),
    ],
)
def test_parameter_values_are_quoted_and_caret_escaped(value: str, written: str) -> None:
    from icalendar.parser import param_value

    from planner.core.ical import _param

    assert _param("LANGUAGE", value) == written
    assert _param("LANGUAGE", value) == ";LANGUAGE=" + param_value(value)
    event = tricky("parameter")
    block, vevent = written_vevent(event, value)
    assert f"SUMMARY{written}:".encode() in block.replace(b"\r\n ", b"")
    assert vevent["SUMMARY"].params["LANGUAGE"] == value


def test_event_cache_tells_apart_the_same_instant_in_two_zones() -> None:
    # Aware date-times compare by instant, so these two events are equal as dataclasses.
    vienna = tricky(
        "cache",
        start=datetime(2026, 6, 15, 10, tzinfo=VIENNA),
        end=datetime(2026, 6, 15, 13, tzinfo=VIENNA),
    )
    utc_twin = replace(vienna, start=vienna.start.astimezone(UTC), end=vienna.end.astimezone(UTC))
    assert vienna == utc_twin
    first = unfolded_lines(build_calendar(tricky_calendar("zh", [vienna])))
    second = unfolded_lines(build_calendar(tricky_calendar("zh", [utc_twin])))
    assert "DTSTART;TZID=Europe/Vienna:20260615T100000" in first
    assert "DTSTART:20260615T080000Z" in second
    assert "DTSTART;TZID=Europe/Vienna:20260615T100000" not in second


def test_event_cache_gives_the_same_bytes_cold_and_warm() -> None:
    from planner.core.ical import clear_cache

    calendar = tricky_calendar("ar")
    clear_cache()
    cold = build_calendar(calendar)
    assert build_calendar(calendar) == cold
    # and the language is part of the key
    assert build_calendar(replace(calendar, language="ru")) != cold


@pytest.mark.js
@pytest.mark.parametrize("language", WRITER_LANGS)
def test_icaljs_reads_the_written_events_as_icalendar_does(language: str) -> None:
    parsed = {e["uid"]: e for e in parse_with_icaljs(build_calendar(tricky_calendar(language)))}
    assert sorted(parsed) == sorted(e.uid for e in TRICKY)
    for event in TRICKY:
        reference = icalendar.Event.from_ical(reference_vevent(event, language).to_ical())
        got = parsed[event.uid]
        for name in ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "TRANSP"):
            expected = str(reference[name]) if name in reference else None
            assert got[name.lower()] == expected, (event.uid, name)
        assert got["sequence"] == reference["SEQUENCE"]
        categories = reference.get("CATEGORIES")
        assert got["categories"] == ([str(c) for c in categories.cats] if categories else [])
        attachments = reference.get("ATTACH", [])
        attachments = attachments if isinstance(attachments, list) else [attachments]
        assert got["attachments"] == [str(a) for a in attachments]
        for name in ("summary", "description", "location"):
            expected_language = (language or None) if got[name] is not None else None
            assert got["languages"][name] == expected_language, (event.uid, name)
        start, end = reference["DTSTART"].dt, reference["DTEND"].dt
        if isinstance(start, datetime):
            assert (got["start"], got["end"]) == (utc(start), utc(end)), event.uid
            assert got["start_tzid"] == reference["DTSTART"].params.get("TZID")
        else:
            assert (got["start"], got["end"]) == (start.isoformat(), end.isoformat())


@pytest.mark.js
def test_feedcheck_passes_the_written_events(tmp_path: Path) -> None:
    feed = tmp_path / "tricky.ics"
    feed.write_bytes(build_calendar(tricky_calendar("zh")))
    done = run_feedcheck(feed, "--lang", "zh")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith(" 0 failed"), done.stdout
