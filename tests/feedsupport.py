"""Shared by the feed tests: small meeting files, a neutral reading of a feed with icalendar, and
the feedcheck tool.

feedcheck lives beside the repository (``<repo>/../shared/tools/feedcheck/feedcheck``). Without
it, or without node, a test that needs it is skipped, except under ``CI=true``, where it fails
(see :func:`tests.jsparse.unavailable`).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import yaml

from tests.jsparse import unavailable

REPO = Path(__file__).resolve().parent.parent
FEEDCHECK = REPO.parent / "shared" / "tools" / "feedcheck" / "feedcheck"

LANGS = ("ar", "zh", "en", "fr", "ru", "es")


# Meeting files ------------------------------------------------------------------------------


class _NoAliases(yaml.SafeDumper):
    """Writes a value shared by two places out twice: meeting files refuse anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def meeting_file(
    meetings: list[dict[str, Any]],
    bodies: list[dict[str, Any]] | None = None,
    documents: list[dict[str, Any]] | None = None,
) -> str:
    """A meeting file (format 1, MEETING-FILE.md) as YAML text."""
    content: dict[str, Any] = {"format": 1}
    if bodies:
        content["bodies"] = bodies
    if documents:
        content["documents"] = documents
    if meetings:
        content["meetings"] = meetings
    return yaml.dump(content, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000)


def body_spec(symbol: str, meeting_word: str = "meeting", **names: str) -> dict[str, Any]:
    """A body whose full name is ``names`` (language → text); its short name is the same."""
    return {
        "symbol": symbol,
        "name": dict(names),
        "short_name": dict(names),
        "meeting_word": meeting_word,
    }


def meeting_spec(
    body: str,
    symbol: str,
    number: int,
    start: date,
    end: date,
    timezone: str,
    *,
    agenda: list[dict[str, Any]],
    city: dict[str, str],
    venue: dict[str, str],
    daily: tuple[tuple[str, str], ...] = (("10:00", "13:00"), ("15:00", "18:00")),
    days: dict[date, list[tuple[str, str]]] | None = None,
    status: str | None = None,
    restricted: bool = False,
    interpreted: int = 99,
    languages: tuple[str, ...] = LANGS,
) -> dict[str, Any]:
    """One meeting of a meeting file. ``days`` gives per-date exceptions (an empty list: no
    meetings that day); ``interpreted`` is capped at the number of half-day meetings."""
    held = 0
    day = start
    while day <= end:
        held += len((days or {}).get(day, daily))
        day = date.fromordinal(day.toordinal() + 1)
    spec: dict[str, Any] = {
        "body": body,
        "symbol": symbol,
        "number": number,
        "start": start,
        "end": end,
        "timezone": timezone,
        "city": city,
        "venue": venue,
        "format": "in_person",
        "original_language": "en",
        "daily_meetings": [{"start": s, "end": e} for s, e in daily],
        "interpretation": {"meetings": min(interpreted, held), "languages": list(languages)},
        "agenda": agenda,
    }
    if days:
        spec["days"] = {d: [{"start": s, "end": e} for s, e in slots] for d, slots in days.items()}
    if status:
        spec["status"] = status
    if restricted:
        spec["restricted"] = True
    return spec


# Reading a feed -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One VEVENT as a parser reads it; start and end are UTC instants, or dates (all-day)."""

    uid: str
    summary: str
    description: str
    location: str
    status: str
    sequence: int
    transp: str
    start: datetime | date
    end: datetime | date
    last_modified: datetime | None
    summary_language: str | None


def _instant(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC)
    return value


def read_icalendar(data: bytes) -> list[Event]:
    """The VEVENTs of ``data`` read with icalendar (which resolves TZIDs by name)."""
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for vevent in calendar.walk("VEVENT"):
        modified = vevent.get("LAST-MODIFIED")
        summary = vevent.get("SUMMARY")
        events.append(
            Event(
                uid=str(vevent["UID"]),
                summary=str(summary or ""),
                description=str(vevent.get("DESCRIPTION", "")),
                location=str(vevent.get("LOCATION", "")),
                status=str(vevent.get("STATUS", "")),
                sequence=int(vevent.get("SEQUENCE", 0)),
                transp=str(vevent.get("TRANSP", "")),
                start=_instant(vevent["DTSTART"].dt),
                end=_instant(vevent["DTEND"].dt),
                last_modified=modified.dt if modified is not None else None,
                summary_language=summary.params.get("LANGUAGE") if summary is not None else None,
            )
        )
    return events


def read_icaljs(data: bytes) -> list[Event]:
    """The VEVENTs of ``data`` read with ical.js (only the feed's own VTIMEZONEs)."""
    from tests.jsparse import parse_with_icaljs

    def when(value: str, all_day: bool) -> datetime | date:
        if all_day:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)

    return [
        Event(
            uid=raw["uid"],
            summary=raw["summary"] or "",
            description=raw["description"] or "",
            location=raw["location"] or "",
            status=raw["status"] or "",
            sequence=raw["sequence"] or 0,
            transp=raw["transp"] or "",
            start=when(raw["start"], raw["all_day"]),
            end=when(raw["end"], raw["all_day"]),
            last_modified=None,
            summary_language=raw["languages"]["summary"],
        )
        for raw in parse_with_icaljs(data)
    ]


def by_uid(events: list[Event]) -> dict[str, Event]:
    out = {event.uid: event for event in events}
    assert len(out) == len(events), "duplicate UIDs"
    return out


# feedcheck ----------------------------------------------------------------------------------


def feedcheck(*args: str) -> subprocess.CompletedProcess[str]:
    """Run feedcheck with ``args``; skip (fail under CI=true) if it or node is missing."""
    if not FEEDCHECK.is_file():
        unavailable(f"feedcheck is not installed at {FEEDCHECK}")
    if shutil.which("node") is None or shutil.which("npm") is None:
        unavailable("feedcheck needs node and npm")
    return subprocess.run(
        [str(FEEDCHECK), *args], capture_output=True, text=True, timeout=600, check=False
    )


def assert_feedcheck_passes(*args: str) -> str:
    """Run feedcheck and fail with its report unless it exits 0 with no FAIL line; return the
    report."""
    done = feedcheck(*args)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    lines = done.stdout.strip().splitlines()
    assert lines, report
    assert lines[-1].endswith(" 0 failed"), report
    assert not [line for line in lines if line.startswith("FAIL")], report
    return report
