"""Rescheduling and cancelling a meeting through the web forms reach the calendar feeds as they
do through import: the same UIDs, a higher SEQUENCE, and STATUS:CANCELLED with "Cancelled"."""

from __future__ import annotations

from datetime import date
from typing import Any

import icalendar
import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from planner.feeds import service
from planner.models import Meeting
from tests.web.formdata import all_errors, form_fields
from tests.web.helpers import make_user, publish_through_the_page, sign_in

SYMBOL = "CTOC/COP/WG.4/2018/1"


@pytest.fixture(autouse=True)
def _fresh_feeds() -> None:
    service.cache.clear()


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    make_user(reference, "planner@un.org", "editor", bodies=["CTOC/COP/WG.4"])
    reference.commit()
    assert sign_in(client, "planner@un.org").status_code == 303
    return client


def _events(client: FlaskClient, meeting: Meeting, lang: str = "en") -> dict[str, Any]:
    response = client.get(f"/feeds/meetings/{meeting.public_id}.ics?lang={lang}")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _edit(client: FlaskClient, meeting: Meeting, changes: dict[str, str]) -> None:
    url = f"/manage/meetings/{meeting.public_id}/edit"
    page = client.get(url)
    fields = form_fields(page.get_data(as_text=True))
    fields.update(changes)
    response = client.post(url, data=fields, headers={"Referer": page.request.url})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    # the feeds show the change once it is published
    assert publish_through_the_page(client, meeting.symbol).status_code == 303


def test_rescheduling_through_the_form_keeps_uids_and_raises_sequence(
    editor: FlaskClient, meeting: Meeting
) -> None:
    before = _events(editor, meeting)
    _edit(editor, meeting, {"start": "2018-07-09", "end": "2018-07-10"})
    after = _events(editor, meeting)
    assert set(after) == set(before)
    for uid, event in after.items():
        assert int(event["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
        assert event["LAST-MODIFIED"].dt > before[uid]["LAST-MODIFIED"].dt
    starts = sorted(e["DTSTART"].dt for e in after.values() if hasattr(e["DTSTART"].dt, "hour"))
    assert starts[0].isoformat() == "2018-07-09T10:00:00+02:00"


def test_cancelling_through_the_form_marks_every_event_cancelled(
    editor: FlaskClient, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A month before the meeting: cancelled events stay in the feed until 30 days after it.
    monkeypatch.setattr(service, "today", lambda: date(2018, 6, 1))
    before = _events(editor, meeting)
    _edit(editor, meeting, {"status": "cancelled"})
    for lang, word in (("en", "Cancelled: "), ("zh", "已取消：")):
        after = _events(editor, meeting, lang)
        assert set(after) == set(before)
        for uid, event in after.items():
            assert str(event["STATUS"]) == "CANCELLED"
            assert str(event["SUMMARY"]).startswith(word)
            assert str(event["TRANSP"]) == "TRANSPARENT"
            assert int(event["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
