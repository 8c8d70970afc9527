"""Venue pages: the calendar of a venue (days × half-days × meetings, over-booked half-days,
print version) and the forms to create and edit venues (admins, CSRF, errors at the field,
stale saves refused)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.models import Venue
from tests.web.formdata import all_errors, field_errors, form_fields, text_of
from tests.web.helpers import make_user, request_scoped_client, sign_in
from tests.web.helpers import submit_form as _submit

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "venue-session-2026.yaml"
ADMIN, VIEWER = "admin@un.org", "viewer@un.org"


@pytest.fixture
def venue(runner: FlaskCliRunner, session: Session) -> Venue:
    result = runner.invoke(args=["planner", "import", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    make_user(session, ADMIN, "admin")
    make_user(session, VIEWER, "viewer")
    session.commit()
    found = session.scalar(select(Venue).where(Venue.key == "VIC"))
    assert found is not None
    return found


@pytest.fixture
def admin(client: FlaskClient, venue: Venue) -> FlaskClient:
    assert sign_in(client, ADMIN).status_code == 303
    return client


def _rows(page: str) -> list[tuple[str, str, str]]:
    """The over-booked rows of the calendar: (half-day, planned, over by)."""
    body = page[page.index('<tbody class="day">') :]
    found = []
    for row in re.findall(r'<tr class="overbooked[^"]*">(.*?)</tr>', body, re.S):
        part = re.search(r'<th scope="row" class="part">(.*?)</th>', row)
        numbers = re.findall(r'<td class="num[^"]*">\s*([0-9]*)\s*</td>', row)
        assert part is not None
        found.append((part.group(1), numbers[0], numbers[2]))
    return found


def test_the_calendar_shows_the_half_days_where_three_are_planned(
    admin: FlaskClient, venue: Venue
) -> None:
    response = admin.get(f"/venues/{venue.public_id}/calendar")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    # the default range is the session and the meetings beside it
    assert form_fields(page, css_class="range") == {"from": "2026-10-12", "to": "2026-10-16"}
    assert _rows(page) == [
        ("Morning", "3", "1"),
        ("Afternoon", "3", "1"),
        ("Morning", "3", "1"),
        ("Afternoon", "3", "1"),
    ]
    text = text_of(page)
    for symbol in ("CTOC/COP/2026/1", "CTOC/COP/COW/2026/1", "CTOC/COP/WG.4/2026/1"):
        assert symbol in text
    assert (
        "Wednesday, 14 October 2026, morning: 3 meetings with interpretation planned "
        "(CTOC/COP/2026/1, CTOC/COP/COW/2026/1, CTOC/COP/WG.4/2026/1) for 2 teams: 1 too many."
    ) in text
    # the working group that gets no team is marked as such, four times
    assert page.count('class="sitting no_team_left"') == 4


def test_the_print_version_shows_the_same_calendar(admin: FlaskClient, venue: Venue) -> None:
    response = admin.get(f"/venues/{venue.public_id}/calendar/print?from=2026-10-14&to=2026-10-15")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "size: A4 landscape" in page and '<header class="site"' not in page
    assert len(_rows(page)) == 4


def test_a_range_without_over_booking_says_so(admin: FlaskClient, venue: Venue) -> None:
    page = admin.get(f"/venues/{venue.public_id}/calendar?from=2026-10-12&to=2026-10-13")
    assert "No half-day in these dates is over-booked." in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2026-10-16&to=2026-10-12", "to", "is before the first"),
        ("from=12/10/2026&to=2026-10-16", "from", "is not a date"),
        ("from=2026-01-01&to=2026-12-31", "to", "at most 92 days"),
    ],
)
def test_a_bad_range_is_refused_at_its_field(
    admin: FlaskClient, venue: Venue, query: str, field: str, message: str
) -> None:
    response = admin.get(f"/venues/{venue.public_id}/calendar?{query}")
    assert response.status_code == 400
    assert message in field_errors(response.get_data(as_text=True), field)


def test_the_calendar_is_for_signed_in_staff(client: FlaskClient, venue: Venue) -> None:
    response = client.get(f"/venues/{venue.public_id}/calendar")
    assert response.status_code == 302 and "/sign-in" in response.location
    assert sign_in(client, VIEWER).status_code == 303
    assert client.get(f"/venues/{venue.public_id}/calendar").status_code == 200


def test_only_admins_edit_venues(client: FlaskClient, venue: Venue) -> None:
    assert sign_in(client, VIEWER).status_code == 303
    assert client.get("/manage/venues/new").status_code == 403
    assert client.get(f"/manage/venues/{venue.public_id}/edit").status_code == 403


def test_an_admin_creates_a_venue_with_its_capacity(admin: FlaskClient, session: Session) -> None:
    response = _submit(
        admin,
        "/manage/venues/new",
        {
            "key": "UNHQ",
            "name-en": "United Nations Headquarters",
            "name-fr": "Siège de l’Organisation des Nations Unies",
            "rooms": "Conference Room 4\nConference Room 1\n",
            "interpretation_teams": "3",
            "exceptions-0-date": "2026-11-26",
            "exceptions-0-teams": "0",
        },
    )
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    session.expire_all()
    created = session.scalar(select(Venue).where(Venue.key == "UNHQ"))
    assert created is not None
    assert created.text("name")["en"] == "United Nations Headquarters"
    assert [r.name for r in created.rooms] == ["Conference Room 4", "Conference Room 1"]
    assert created.interpretation_teams == 3
    assert {str(d): n for d, n in created.teams_on().items()} == {"2026-11-26": 0}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"key": "VIC"}, "key", "Another venue already has the key VIC."),
        ({"key": "V I C"}, "key", "is not a venue key"),
        ({"name-en": "", "name-fr": ""}, "name", "at least one language"),
        ({"interpretation_teams": "-1"}, "interpretation_teams", "cannot be negative"),
        ({"interpretation_teams": "two"}, "interpretation_teams", "is not a whole number"),
        (
            {"exceptions-0-date": "2026-10-14", "exceptions-0-teams": ""},
            "exceptions-0-teams",
            "Give the number of teams",
        ),
        (
            {
                "exceptions-0-date": "2026-10-14",
                "exceptions-0-teams": "1",
                "exceptions-1-date": "2026-10-14",
                "exceptions-1-teams": "3",
            },
            "exceptions-1-date",
            "is given twice",
        ),
    ],
)
def test_a_bad_venue_is_refused_at_its_field_and_nothing_is_saved(
    admin: FlaskClient,
    venue: Venue,
    session: Session,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    url = "/manage/venues/new" if changes.get("key") == "VIC" else None
    url = url or f"/manage/venues/{venue.public_id}/edit"
    if url.endswith("/new"):
        changes = {**changes, "name-en": "Another", "interpretation_teams": "1"}
    before = session.scalar(select(func.count()).select_from(Venue))
    version = venue.version
    response = _submit(admin, url, changes)
    assert response.status_code == 422
    assert message in field_errors(response.get_data(as_text=True), field)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Venue)) == before
    assert session.get(Venue, venue.id).version == version  # type: ignore[union-attr]


def test_a_post_without_the_csrf_token_is_refused(admin: FlaskClient, venue: Venue) -> None:
    response = admin.post(
        f"/manage/venues/{venue.public_id}/edit",
        data={"key": "VIC", "name-en": "X", "interpretation_teams": "9"},
    )
    assert response.status_code == 400


def test_a_stale_save_is_refused_and_shows_the_colleagues_version(
    app: Flask, admin: FlaskClient, venue: Venue, session: Session
) -> None:
    url = f"/manage/venues/{venue.public_id}/edit"
    opened = admin.get(url)
    mine = form_fields(opened.get_data(as_text=True))
    session.commit()
    colleague = request_scoped_client(app)
    assert sign_in(colleague, ADMIN).status_code == 303
    assert _submit(colleague, url, {"interpretation_teams": "4"}).status_code == 303
    mine.update({"interpretation_teams": "3"})
    response = admin.post(url, data=mine, headers={"Referer": opened.request.url})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "A colleague saved this venue while you were editing" in page
    assert form_fields(page)["interpretation_teams"] == "4"
    session.expire_all()
    assert session.get(Venue, venue.id).interpretation_teams == 4  # type: ignore[union-attr]


def test_raising_the_capacity_clears_the_over_booking(admin: FlaskClient, venue: Venue) -> None:
    response = _submit(
        admin,
        f"/manage/venues/{venue.public_id}/edit",
        {"add_exception": "1"},
    )
    assert response.status_code == 200  # a row added, nothing saved yet
    fields = form_fields(response.get_data(as_text=True))
    assert "exceptions-0-date" in fields
    response = _submit(
        admin, f"/manage/venues/{venue.public_id}/edit", {"interpretation_teams": "3"}
    )
    assert response.status_code == 303
    page = admin.get(response.location).get_data(as_text=True)
    assert _rows(page) == []


def test_a_meeting_is_put_at_a_venue_through_its_form(
    admin: FlaskClient, venue: Venue, session: Session, runner: FlaskCliRunner
) -> None:
    from planner.models import Meeting
    from tests.conftest import REFERENCE

    assert runner.invoke(args=["planner", "import", str(REFERENCE)]).exit_code == 0
    session.commit()
    meeting = session.scalar(select(Meeting).where(Meeting.symbol == "CTOC/COP/WG.4/2018/1"))
    assert meeting is not None
    url = f"/manage/meetings/{meeting.public_id}/edit"
    page = admin.get(url).get_data(as_text=True)
    assert '<option value="VIC">VIC — Vienna International Centre</option>' in page
    response = _submit(admin, url, {"venue_key": "VIC"})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    session.expire_all()
    assert meeting.venue_record is not None and meeting.venue_record.key == "VIC"
    # a venue that does not exist (a stale page, a forged post) is refused at the field
    response = _submit(admin, url, {"venue_key": "NOWHERE"})
    assert response.status_code == 422
    assert 'No venue has the key "NOWHERE"' in field_errors(
        response.get_data(as_text=True), "venue_key"
    )
