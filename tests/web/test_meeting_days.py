"""Half-day meetings belong to the days of the meeting (day 1, day 2, ...), not to calendar dates.

Moving a meeting's dates moves its events (same UIDs, new times, a higher SEQUENCE); a day's own
hours follow its day; shortening cancels the dropped days' events and lengthening adds new ones.
Checked on the feeds as calendar clients read them (parsed by icalendar), after edits through
the meeting form and after re-importing a meeting file.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import icalendar
import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.orm import Session

from planner.feeds import service
from planner.models import Meeting
from tests.conftest import REFERENCE
from tests.web.formdata import all_errors, form_fields
from tests.web.helpers import make_user, publish_through_the_page, sign_in


@pytest.fixture(autouse=True)
def _fresh_feeds(monkeypatch: pytest.MonkeyPatch) -> None:
    service.cache.clear()
    # Before the meeting: cancelled events stay in the feed until 30 days after their date.
    monkeypatch.setattr(service, "today", lambda: date(2018, 6, 1))


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    make_user(reference, "days@un.org", "editor", bodies=["CTOC/COP/WG.4"])
    reference.commit()
    assert sign_in(client, "days@un.org").status_code == 303
    return client


def _events(client: FlaskClient, meeting: Meeting) -> dict[str, Any]:
    """The half-day meetings' events of the meeting's feed, by UID."""
    service.cache.clear()
    response = client.get(f"/feeds/meetings/{meeting.public_id}.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.data)
    return {
        str(e["UID"]): e
        for e in calendar.walk("VEVENT")
        if isinstance(e["DTSTART"].dt, datetime)  # not the all-day event of the whole meeting
    }


def _held(events: dict[str, Any]) -> dict[str, datetime]:
    return {
        uid: e["DTSTART"].dt for uid, e in events.items() if str(e.get("STATUS")) != "CANCELLED"
    }


def _cancelled(events: dict[str, Any]) -> set[str]:
    return {uid for uid, e in events.items() if str(e.get("STATUS")) == "CANCELLED"}


def _edit(client: FlaskClient, meeting: Meeting, changes: dict[str, str]) -> dict[str, str]:
    url = f"/manage/meetings/{meeting.public_id}/edit"
    page = client.get(url)
    fields = form_fields(page.get_data(as_text=True))
    fields.update(changes)
    response = client.post(url, data=fields, headers={"Referer": page.request.url})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    # The feeds follow what is published: publish the change, as staff do.
    assert publish_through_the_page(client, meeting.symbol).status_code == 303
    return form_fields(client.get(url).get_data(as_text=True))


def _by_day(held: dict[str, datetime]) -> list[list[str]]:
    """UIDs grouped by day, in order, each day's in the order of their start."""
    days: dict[date, list[tuple[datetime, str]]] = {}
    for uid, start in held.items():
        days.setdefault(start.date(), []).append((start, uid))
    return [[uid for _start, uid in sorted(days[d])] for d in sorted(days)]


def test_moving_the_meeting_one_day_later_moves_every_event(
    editor: FlaskClient, meeting: Meeting
) -> None:
    before = _events(editor, meeting)
    _edit(editor, meeting, {"start": "2018-07-03", "end": "2018-07-04"})
    after = _events(editor, meeting)
    assert set(after) == set(before)  # every UID kept, none added
    assert not _cancelled(after)  # the first day's events are moved, not cancelled
    assert _by_day(_held(after)) == _by_day(_held(before))  # day 1 stays day 1, in order
    for uid, event in after.items():
        moved = before[uid]["DTSTART"].dt.replace(day=before[uid]["DTSTART"].dt.day + 1)
        assert event["DTSTART"].dt == moved
        assert int(event["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1


def test_moving_the_meeting_one_day_earlier_moves_every_event(
    editor: FlaskClient, meeting: Meeting
) -> None:
    before = _events(editor, meeting)
    _edit(editor, meeting, {"start": "2018-07-01", "end": "2018-07-02"})
    after = _events(editor, meeting)
    assert set(after) == set(before) and not _cancelled(after)
    assert _by_day(_held(after)) == _by_day(_held(before))


def test_a_days_own_hours_follow_its_day_when_the_meeting_moves(
    editor: FlaskClient, meeting: Meeting
) -> None:
    # Day 2 (3 July) has a morning meeting only: its afternoon is free.
    _edit(
        editor,
        meeting,
        {
            "days-0-date": "2018-07-03",
            "days-0-slots-0-start": "10:00",
            "days-0-slots-0-end": "13:00",
            "interpretation_meetings": "3",
        },
    )
    before = _events(editor, meeting)
    assert [len(day) for day in _by_day(_held(before))] == [2, 1]
    fields = _edit(editor, meeting, {"start": "2018-07-04", "end": "2018-07-05"})
    after = _events(editor, meeting)
    # The free afternoon is still on day 2 (now 5 July), not on day 1.
    assert [len(day) for day in _by_day(_held(after))] == [2, 1]
    assert _by_day(_held(after)) == _by_day(_held(before))
    assert set(after) == set(before) and _cancelled(after) == _cancelled(before)
    assert fields["days-0-date"] == "2018-07-05"  # the form shows the day at its new date


def test_shortening_cancels_the_dropped_days_events(editor: FlaskClient, meeting: Meeting) -> None:
    before = _by_day(_held(_events(editor, meeting)))
    _edit(editor, meeting, {"end": "2018-07-02", "interpretation_meetings": "2"})
    after = _events(editor, meeting)
    assert _by_day(_held(after)) == before[:1]
    assert _cancelled(after) == set(before[1])


def test_lengthening_adds_new_events_and_keeps_the_others(
    editor: FlaskClient, meeting: Meeting
) -> None:
    before = _events(editor, meeting)
    _edit(editor, meeting, {"end": "2018-07-04"})
    after = _events(editor, meeting)
    days = _by_day(_held(after))
    assert days[:2] == _by_day(_held(before))
    assert len(days) == 3 and not set(days[2]) & set(before)
    for uid in before:  # nothing moved: the existing events are unchanged
        assert after[uid]["DTSTART"].dt == before[uid]["DTSTART"].dt


def test_reimporting_a_file_with_dates_one_day_later_moves_every_event(
    runner: FlaskCliRunner, client: FlaskClient, meeting: Meeting, tmp_path: Any
) -> None:
    before = _events(client, meeting)
    moved = tmp_path / "moved.yaml"
    moved.write_text(
        REFERENCE.read_text(encoding="utf-8")
        .replace("start: 2018-07-02", "start: 2018-07-03")
        .replace("end: 2018-07-03", "end: 2018-07-04"),
        encoding="utf-8",
    )
    result = runner.invoke(args=["planner", "import", str(moved)])
    assert result.exit_code == 0, result.output
    after = _events(client, meeting)
    assert set(after) == set(before) and not _cancelled(after)
    assert _by_day(_held(after)) == _by_day(_held(before))
