"""Public pages and error pages."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.models import Meeting
from planner.releases.service import publish


def test_home_lists_bodies_and_their_meetings_newest_first(
    client: FlaskClient, reference: Session
) -> None:
    meeting = reference.scalar(select(Meeting))
    assert meeting is not None
    older = Meeting(
        body=meeting.body,
        symbol="CTOC/COP/WG.4/2017/1",
        number=7,
        start_date=date(2017, 9, 6),
        end_date=date(2017, 9, 8),
        timezone="Europe/Vienna",
    )
    reference.add(older)
    reference.flush()
    publish(reference, older, None)  # the public home lists published meetings only
    page = client.get("/").get_data(as_text=True)
    assert "CTOC/COP/WG.4" in page and "Working Group on Trafficking in Persons" in page
    assert page.index("CTOC/COP/WG.4/2018/1") < page.index("CTOC/COP/WG.4/2017/1")


def test_home_without_data_says_how_to_start(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert "planner import" in page


def test_meeting_page_shows_the_agenda_in_the_language_asked(
    client: FlaskClient, reference: Session
) -> None:
    zh = client.get("/meetings/CTOC/COP/WG.4/2018/1?lang=zh").get_data(as_text=True)
    en = client.get("/meetings/CTOC/COP/WG.4/2018/1?lang=en").get_data(as_text=True)
    assert (
        "临时议程说明" in zh and "Provisional agenda and annotations" not in zh.split("<article")[1]
    )
    assert "Provisional agenda and annotations" in en


def test_unknown_page_is_a_house_style_404(client: FlaskClient) -> None:
    response = client.get("/meetings/A/NOPE/1")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Page not found" in body and 'class="error-page"' in body


def test_unexpected_error_is_a_500_page_without_a_trace(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.meetings import views

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "render_template", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = client.get("/")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret internals" not in body and "Traceback" not in body
    assert "Something went wrong" in body


def test_unreachable_database_is_a_503_page(tmp_path: object) -> None:
    from planner import create_app

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
            "SECRET_KEY": "t",
        }
    )
    response = app.test_client().get("/")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert "cannot reach its database" in body and "Traceback" not in body
