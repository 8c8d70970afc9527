"""A restricted meeting: its page shows dates and title to everyone, its documents only to
signed-in staff, who subscribe through their own private address."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.models import Meeting
from planner.releases.service import publish
from tests.web.helpers import make_user, request_scoped_client, sign_in

PAGE = "/meetings/CTOC/COP/WG.4/2018/1"


def _restrict(session: Session) -> Meeting:
    meeting = session.scalar(select(Meeting))
    assert meeting is not None
    meeting.restricted = True
    publish(session, meeting, None)  # what the public sees changes when it is published
    session.commit()
    return meeting


def test_anonymous_readers_see_dates_and_title_only(app: Flask, reference: Session) -> None:
    _restrict(reference)
    client = request_scoped_client(app)
    page = client.get(PAGE + "?lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Working Group on Trafficking in Persons" in text and "2 and 3 July 2018" in text
    assert "International cooperation in trafficking" not in text
    assert "Sign in to read it" in text
    for document in ("/print", "/agenda.pdf", "/agenda.docx"):
        assert client.get(PAGE + document).status_code == 403


def test_signed_in_staff_read_it_and_get_a_private_calendar_address(
    app: Flask, reference: Session
) -> None:
    meeting = _restrict(reference)
    make_user(reference, "viewer@un.org", "viewer")
    reference.commit()
    client = request_scoped_client(app)
    assert sign_in(client, "viewer@un.org").status_code == 303
    text = client.get(PAGE + "?lang=en").get_data(as_text=True)
    assert "International cooperation in trafficking" in text
    assert "/feeds/private/" in text and f"/meetings/{meeting.public_id}.ics" in text
    assert client.get(PAGE + "/print").status_code == 200
