"""Hostile input refused at the door (issue 11): control characters at every text field, a blank
date, an address to go on to that leaves the site, a session cookie copied before sign-out, a
feed address of a deactivated account, easy passwords, and the sign-in limits per address and
per account."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.middleware.proxy_fix import ProxyFix
from wtforms.form import BaseForm

import planner
from planner.auth import services as accounts
from planner.models import AgendaItem, Body, Change, Meeting, User
from tests.web.formdata import field_errors, form_fields
from tests.web.helpers import (
    PASSWORD,
    RequestScopedClient,
    csrf_token_in,
    make_user,
    request_scoped_client,
    sign_in,
    sign_out,
)
from tests.web.helpers import submit_form as _submit

CONTROL = "Opening\x00 of the session"
CONTROL_MESSAGE = "held an invisible control character"


@pytest.fixture
def admin(app: Flask, reference: Session) -> RequestScopedClient:
    make_user(reference, "admin@un.org", "admin")
    client = request_scoped_client(app)
    assert sign_in(client, "admin@un.org").status_code == 303
    return client


def _state(session: Session) -> tuple[object, ...]:
    session.expire_all()
    counts = [
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Meeting, AgendaItem, Body, Change, User)
    ]
    return (*counts, session.scalar(select(func.max(Change.id))))


def _first(session: Session, model: Any) -> Any:
    found = session.scalar(select(model).limit(1))
    assert found is not None
    return found


# Control characters at every kind of form ---------------------------------------------------------


FORMS = {
    # what: (page, field, the form's class)
    "meeting": (lambda s: f"/manage/meetings/{_first(s, Meeting).public_id}/edit", "venue-en"),
    "meeting city": (
        lambda s: f"/manage/meetings/{_first(s, Meeting).public_id}/edit",
        "city-fr",
    ),
    "copy": (
        lambda s: f"/manage/bodies/{_first(s, Meeting).body.public_id}/meetings/copy",
        "symbol",
    ),
    "new body": (lambda s: "/manage/bodies/new", "symbol"),
    "agenda item": (
        lambda s: f"/manage/meetings/{_first(s, Meeting).public_id}/agenda/new",
        "title-en",
        "item-form",
    ),
    "document": (lambda s: "/manage/documents/new", "symbol"),
    "new user": (lambda s: "/admin/users/new", "email"),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_control_character_is_refused_at_the_field(
    admin: RequestScopedClient, reference: Session, name: str
) -> None:
    page, field, *css_class = FORMS[name]
    url = page(reference)
    before = _state(reference)
    response = _submit(admin, url, {field: CONTROL}, *css_class)
    assert response.status_code in (200, 422), response.status_code
    html = response.get_data(as_text=True)
    assert CONTROL_MESSAGE in field_errors(html, field)
    assert "Traceback" not in html
    assert _state(reference) == before


def test_a_nul_byte_in_the_sign_in_form_is_refused_at_the_field(
    client: FlaskClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    response = sign_in(client, "viewer@un.org\x00")
    assert response.status_code == 200
    assert CONTROL_MESSAGE in field_errors(response.get_data(as_text=True), "email")


def test_a_line_break_is_refused_in_a_title_and_kept_in_an_annotation(
    admin: RequestScopedClient, reference: Session
) -> None:
    meeting = _first(reference, Meeting)
    url = f"/manage/meetings/{meeting.public_id}/agenda/new"
    refused = _submit(
        admin, url, {"title-en": "Opening\nof the session", "minutes": "30"}, "item-form"
    )
    html = refused.get_data(as_text=True)
    assert "must stay on one line" in field_errors(html, "title-en")
    assert form_fields(html, css_class="item-form")["title-en"] == "Opening of the session"
    kept = _submit(
        admin,
        url,
        {
            "title-en": "Opening",
            "annotation-en": "First paragraph.\r\n\r\nSecond.",
            "minutes": "30",
        },
        "item-form",
    )
    assert kept.status_code == 302


def test_every_form_of_planner_refuses_control_characters() -> None:
    """Each form class of planner (and any added later) derives from the bases that refuse
    control characters at their fields."""
    from planner.forms import Form, Subform

    offenders = []
    for module_info in pkgutil.walk_packages(planner.__path__, "planner."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, BaseForm):
                continue
            if not issubclass(cls, (Form, Subform)):
                offenders.append(f"{cls.__module__}.{cls.__qualname__}")
    assert offenders == []


def test_a_blank_date_in_the_copy_form_is_refused_at_the_field(
    admin: RequestScopedClient, reference: Session
) -> None:
    body = _first(reference, Meeting).body
    before = _state(reference)
    response = _submit(admin, f"/manage/bodies/{body.public_id}/meetings/copy", {"start": " "})
    assert response.status_code == 422
    assert "Give the first day." in field_errors(response.get_data(as_text=True), "start")
    assert _state(reference) == before


def test_the_agenda_json_move_refuses_control_characters(
    admin: RequestScopedClient, reference: Session
) -> None:
    meeting = _first(reference, Meeting)
    editor_page = admin.get(f"/manage/meetings/{meeting.public_id}/agenda")
    token = csrf_token_in(editor_page.get_data(as_text=True))
    before = _state(reference)
    response = admin.post(
        f"/manage/meetings/{meeting.public_id}/agenda/move",
        json={"item": "\x00", "parent": "\x1b[2J", "index": 0, "revision": "\x00"},
        headers={"X-CSRFToken": token, "Referer": editor_page.request.url},
    )
    assert response.status_code == 400
    assert response.get_json()["ok"] is False
    assert _state(reference) == before


# Addresses to go on to --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "next=/%09/evil.example",
        "next=/%0a/evil.example",
        "next=%20//evil.example",
        "next=//evil.example",
        "next=/%5Cevil.example",
        "next=https://evil.example/",
    ],
)
def test_the_language_switch_stays_on_the_site(client: FlaskClient, query: str) -> None:
    response = client.get(f"/interface/en?{query}")
    assert response.status_code == 302
    location = urlsplit(response.location)
    assert location.netloc in ("", "planner.example.org")
    assert location.path == "/"


def test_the_language_switch_goes_on_to_a_page_of_the_site(client: FlaskClient) -> None:
    response = client.get("/interface/zh", query_string={"next": "/meetings?lang=fr"})
    assert response.location.endswith("/meetings?lang=fr")


# Sessions and private feeds ---------------------------------------------------------------------


def test_a_session_cookie_copied_before_sign_out_no_longer_works(
    app: Flask, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    owner = request_scoped_client(app)
    assert sign_in(owner, "viewer@un.org").status_code == 303
    cookie = owner.get_cookie("session", domain="planner.example.org")
    assert cookie is not None
    thief = request_scoped_client(app)
    thief.set_cookie("session", cookie.value, domain="planner.example.org")
    assert thief.get("/account").status_code == 200  # the copy works while the owner is in
    assert sign_out(owner).status_code == 303
    assert thief.get("/account").status_code == 302  # and not after the owner signed out


def test_reactivating_an_account_does_not_revive_its_old_feed_address(
    app: Flask, session: Session, reference: Session
) -> None:
    from planner.auth.views import feed_url_for

    user = make_user(session, "viewer@un.org", "viewer")
    with app.test_request_context():
        old = feed_url_for(user, "feeds.private_all_feed", lang="en", _external=False)
    client = request_scoped_client(app)
    assert client.get(old).status_code == 200
    accounts.update_user(session, user, role="viewer", active=False, bodies=[])
    accounts.update_user(session, user, role="viewer", active=True, bodies=[])
    session.flush()
    assert client.get(old).status_code == 404


# Passwords ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("fourteen chars", "too short"),
        ("password12345678", "too easy to guess"),
        ("qwertyuiopasdfgh", "too easy to guess"),
        ("aaaaaaaaaaaaaaaaaaaa", "too easy to guess"),
        ("plannerplanner123", "too easy to guess"),  # the service's name
        ("Fresh.Person@UN.org", "too easy to guess"),  # the account's email
    ],
)
def test_passwords_follow_nist_guidance(session: Session, password: str, why: str) -> None:
    with pytest.raises(accounts.AccountRefused, match=why):
        accounts.create_user(session, "fresh.person@un.org", "viewer", password)


def test_a_long_passphrase_is_a_good_password(session: Session) -> None:
    user = accounts.create_user(session, "fresh@un.org", "viewer", "drag and drop passphrase")
    assert user.password_hash


# Sign-in limits -----------------------------------------------------------------------------------


@pytest.fixture
def behind_a_proxy(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app as PROXY_COUNT=1 sets it up: the client address from X-Forwarded-For (monkeypatch
    puts the app's own wsgi_app back after the test)."""
    from planner import serving

    monkeypatch.setitem(app.config, "PROXY_COUNT", 1)
    monkeypatch.setattr(app, "wsgi_app", app.wsgi_app)
    serving.trust_proxies(app)
    assert isinstance(app.wsgi_app, ProxyFix)


def _from(client: FlaskClient, address: str) -> FlaskClient:
    client.environ_base["HTTP_X_FORWARDED_FOR"] = address
    return client


def test_failures_from_one_address_do_not_lock_out_the_others_behind_the_proxy(
    app: Flask, session: Session, behind_a_proxy: None
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    attacker = _from(request_scoped_client(app), "203.0.113.9")
    for attempt in range(10):
        assert sign_in(attacker, f"guess{attempt}@un.org", "wrong").status_code == 200
    assert sign_in(attacker, "guess@un.org", "wrong").status_code == 429
    colleague = _from(request_scoped_client(app), "10.0.0.7")
    assert sign_in(colleague, "viewer@un.org").status_code == 303


def test_failures_for_one_account_are_counted_whatever_the_address(
    app: Flask, session: Session, behind_a_proxy: None
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    make_user(session, "other@un.org", "viewer")
    for attempt in range(5):
        guesser = _from(request_scoped_client(app), f"198.51.100.{attempt + 1}")
        assert sign_in(guesser, "Viewer@UN.org ", "wrong").status_code == 200
    elsewhere = _from(request_scoped_client(app), "192.0.2.44")
    assert sign_in(elsewhere, "viewer@un.org", PASSWORD).status_code == 429
    assert sign_in(elsewhere, "other@un.org", PASSWORD).status_code == 303
