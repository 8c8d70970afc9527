"""The meeting form: a time zone picker with names people read, and times on the 24-hour clock."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from planner.models import Meeting
from planner.planning.forms import zone_choices
from tests.web.helpers import make_user, sign_in


def _form(client: FlaskClient, reference: Session, meeting: Meeting) -> str:
    make_user(reference, "admin@un.org", "admin")
    sign_in(client, "admin@un.org")
    response = client.get(f"/manage/meetings/{meeting.public_id}/edit")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_time_zone_is_picked_from_named_zones_keeping_the_current_one(
    client: FlaskClient, reference: Session, meeting: Meeting
) -> None:
    html = _form(client, reference, meeting)
    field = re.search(r'<input[^>]*name="timezone"[^>]*>', html)
    assert field is not None
    assert 'value="Europe/Vienna"' in field.group(0) and 'list="time-zones"' in field.group(0)
    assert '<option value="Europe/Vienna" label="Vienna — Central European Time">' in html
    assert '<option value="America/New_York" label="New York — Eastern Time">' in html


def test_zone_names_follow_the_interface_language() -> None:
    chinese = dict(zone_choices("zh"))
    assert chinese["Europe/Vienna"] == "维也纳 — 中欧时间"
    assert dict(zone_choices("en"))["UTC"] == "UTC"  # no made-up name where CLDR has none


def test_times_are_text_on_the_24_hour_clock(
    client: FlaskClient, reference: Session, meeting: Meeting
) -> None:
    """<input type="time"> shows "10:00 AM" in a United States browser, whatever the page says."""
    html = _form(client, reference, meeting)
    starts = re.findall(r'<input[^>]*name="daily_meetings-0-start"[^>]*>', html)
    assert len(starts) == 1
    start = starts[0]
    assert 'type="text"' in start and 'value="10:00"' in start
    assert 'pattern="([01]?[0-9]|2[0-3]):[0-5][0-9]"' in start and 'inputmode="numeric"' in start
    assert 'type="time"' not in html
