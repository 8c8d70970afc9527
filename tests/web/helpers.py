"""Helpers for web tests that need accounts: make users, sign in, post forms with their CSRF
token (read from the page, as a browser would).

    from tests.web.helpers import make_user, post_form, sign_in

    def test_editor_saves(client, reference):
        make_user(reference, "ed@un.org", "editor", bodies=["CTOC/COP/WG.4"])
        assert sign_in(client, "ed@un.org").status_code == 303
        response = post_form(client, "/some/form", {"field": "value"})

Requests and globals: the shared ``client`` fixture runs every request inside the test's own
application context, so ``flask.g`` (where Flask-Login keeps the signed-in user, Flask-WTF the
CSRF token and Flask-Babel the locale) lives as long as the test, not the request. A test that
changes a user between two requests (deactivates them, say) and expects the next request to see
it needs :func:`request_scoped_client`: each request gets its own application context, as in
production. Its requests use their own database session on the test's connection: call
``session.expire_all()`` before reading in the test what a request changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from planner.auth.services import hash_password
from planner.models import Body, User
from tests.web.formdata import form_fields

PASSWORD = "correct horse battery"
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_VALUE = re.compile(r'\bvalue="([^"]*)"')
# scrypt takes a good part of a second per hash: hash each test password once per run.
_hashes: dict[str, str] = {}


def make_user(
    session: Session,
    email: str,
    role: str = "viewer",
    bodies: Iterable[Body | str] = (),
    password: str = PASSWORD,
    *,
    active: bool = True,
) -> User:
    """A user with ``password`` (scrypt), assigned to ``bodies`` (Body objects or symbols)."""
    if password not in _hashes:
        _hashes[password] = hash_password(password)
    assigned = []
    for body in bodies:
        if isinstance(body, str):
            found = session.scalar(select(Body).where(Body.symbol == body))
            assert found is not None, f"no body {body}"
            body = found
        assigned.append(body)
    user = User(
        email=email.strip().lower(),
        role=role,
        active=active,
        password_hash=_hashes[password],
        feed_token_serial=0,
        session_serial=0,
        bodies=assigned,
    )
    session.add(user)
    session.flush()
    return user


def csrf_token_in(html: str) -> str:
    """The CSRF token of the first form on the page."""
    for tag in _INPUT.findall(html):
        if 'name="csrf_token"' in tag:
            value = _VALUE.search(tag)
            if value:
                return value.group(1)
    raise AssertionError("no csrf_token on the page")


def _form_page(client: FlaskClient, page: str) -> tuple[str, str]:
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    assert response.request is not None
    return csrf_token_in(response.get_data(as_text=True)), response.request.url


def csrf_token(client: FlaskClient, page: str = "/sign-in") -> str:
    """A CSRF token valid for this client's session, read from ``page``."""
    return _form_page(client, page)[0]


def submit_form(
    client: FlaskClient,
    url: str,
    changes: dict[str, Any],
    css_class: str | None = "manage",
    **kwargs: Any,
) -> TestResponse:
    """Open the form at ``url``, change some of its fields (None: leave the field out) and
    submit it as a browser would, from that page."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    fields = {**form_fields(page.get_data(as_text=True), css_class=css_class), **changes}
    for name in [n for n, v in changes.items() if v is None]:
        del fields[name]
    return client.post(url, data=fields, headers={"Referer": page.request.url}, **kwargs)


def post_form(
    client: FlaskClient,
    path: str,
    data: dict[str, Any] | None = None,
    *,
    page: str | None = None,
    headers: dict[str, str] | None = None,
) -> TestResponse:
    """POST ``data`` to ``path`` as a browser would from the page that shows the form: with the
    CSRF token read from ``page`` (``path`` itself when it answers GET; any page with a form
    will do) and that page as the Referer (required over https); ``headers`` add to them."""
    token, referrer = _form_page(client, page or path)
    return client.post(
        path,
        data={**(data or {}), "csrf_token": token},
        headers={"Referer": referrer, **(headers or {})},
    )


def sign_in(
    client: FlaskClient, email: str, password: str = PASSWORD, *, next: str | None = None
) -> TestResponse:
    """Sign in through the form (GET it, read its token, POST). A success answers 303."""
    page = "/sign-in" if next is None else "/sign-in?" + urlencode({"next": next})
    fields = {"email": email, "password": password}
    if next is not None:
        fields["next"] = next
    return post_form(client, "/sign-in", fields, page=page)


def sign_out(client: FlaskClient) -> TestResponse:
    return post_form(client, "/sign-out", page="/sign-in")


class RequestScopedClient(FlaskClient):
    """A test client whose every request runs in a fresh application context (so a fresh
    ``flask.g`` and database session), as each request does in production."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        with self.application.app_context():
            return super().open(*args, **kwargs)


def request_scoped_client(app: Flask) -> RequestScopedClient:
    return RequestScopedClient(app, app.response_class, use_cookies=True)


_SEEN = re.compile(r'<input type="hidden" name="seen" value="([^"]*)">')


def publish_through_the_page(client: FlaskClient, symbol: str) -> TestResponse:
    """Press the meeting page's Publish button (signed in as one who plans the meeting): the
    changes the page lists become the next release. A success answers 303."""
    page = f"/meetings/{symbol}"
    html = client.get(page).get_data(as_text=True)
    seen = _SEEN.search(html)
    assert seen is not None, "no Publish button on the meeting page"
    public_id = re.search(r'action="/manage/meetings/([0-9a-f-]+)/publish"', html)
    assert public_id is not None
    return post_form(
        client,
        f"/manage/meetings/{public_id.group(1)}/publish",
        {"seen": seen.group(1)},
        page=page,
    )
