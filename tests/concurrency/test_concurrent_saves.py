"""N saves of one record at the same moment, over HTTP, against a real threaded server: exactly
one is accepted, every other one is refused as stale (nothing lost, no server error).

The app runs under werkzeug's threaded server on its own database, committed for real (the
savepoint-per-test fixture would serialise everything on one connection): a SQLite file, and
a schema of its own in the PostgreSQL database of TEST_DATABASE_URL when that is set.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from sqlalchemy import create_engine, func, select, text
from werkzeug.serving import make_server

from planner import create_app
from planner.agenda.services import agenda_revision
from planner.extensions import db
from planner.models import AgendaItem, Change, Meeting, User
from tests.conftest import REFERENCE
from tests.web.formdata import form_fields
from tests.web.helpers import PASSWORD, make_user

N = 30
SYMBOL = "CTOC/COP/WG.4/2018/1"


@dataclass
class Server:
    app: Flask
    port: int

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        cookie: str = "",
        *,
        json_token: str | None = None,
    ) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": cookie} if cookie else {}
        data = None
        if json_token is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
            headers["X-CSRFToken"] = json_token
        elif body is not None:
            data = urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        page = response.read().decode()
        answer = (response.status, {k.lower(): v for k, v in response.getheaders()}, page)
        connection.close()
        return answer


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None
    return "postgresql+psycopg://" + url.split("://", 1)[1]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    from flask_migrate import upgrade

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('concurrency') / 'planner.sqlite3'}"
        cleanup = None
    else:
        base = _postgres_url()
        if base is None:
            pytest.skip("PostgreSQL: set TEST_DATABASE_URL")
        schema = f"concurrency_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"

        def cleanup() -> None:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "concurrency",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            # The limiter is one object for every app of the process: switching it off here
            # would leave the other tests' app without its storage. Only failed sign-ins count,
            # and these tests make none.
        }
    )
    with app.app_context():
        upgrade()
    result = app.test_cli_runner().invoke(args=["planner", "import", str(REFERENCE)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        make_user(db.session, "editor@un.org", "editor", bodies=["CTOC/COP/WG.4"])
        make_user(db.session, "admin@un.org", "admin")
        make_user(db.session, "viewer@un.org", "viewer")
        db.session.commit()
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(app, httpd.server_port)
    finally:
        httpd.shutdown()
        thread.join()
        with app.app_context():
            db.engine.dispose()
        if cleanup is not None:
            cleanup()


def _cookie(headers: dict[str, str]) -> str:
    return headers["set-cookie"].split(";", 1)[0]


def sign_in(server: Server, email: str) -> str:
    status, headers, page = server.request("GET", "/sign-in")
    assert status == 200
    cookie = _cookie(headers)
    token = form_fields(page, css_class=None)["csrf_token"]
    status, headers, _page = server.request(
        "POST", "/sign-in", {"email": email, "password": PASSWORD, "csrf_token": token}, cookie
    )
    assert status == 303, _page
    return _cookie(headers)


def at_once(
    server: Server,
    cookie: str,
    path: str,
    bodies: list[dict[str, Any]],
    json_token: str | None = None,
) -> list[tuple[int, str]]:
    """POST every body to ``path`` from its own thread, all released together."""
    barrier = threading.Barrier(len(bodies))
    answers: list[tuple[int, str] | None] = [None] * len(bodies)

    def send(index: int) -> None:
        barrier.wait()
        status, headers, page = server.request(
            "POST", path, bodies[index], cookie, json_token=json_token
        )
        answers[index] = (status, headers.get("location", "") or page)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(a is not None for a in answers)
    return [a for a in answers if a is not None]


def _count(model: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_concurrent_saves_of_one_agenda_items_texts_accept_exactly_one(server: Server) -> None:
    cookie = sign_in(server, "editor@un.org")
    with server.app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
        assert meeting is not None
        item = next(i for i in meeting.items if i.parent_id is None and i.standard is None)
        path = f"/manage/meetings/{meeting.public_id}/agenda/items/{item.public_id}"
        version, changes = item.version, _count(Change)
        item_id = item.id
    status, headers, page = server.request("GET", path, cookie=cookie)
    assert status == 200
    cookie = _cookie(headers) if "set-cookie" in headers else cookie
    fields = form_fields(page, css_class="item-form")
    # Only the texts change: the item's own row stays as it was.
    bodies = [{**fields, "title-en": f"Title saved by request {k}"} for k in range(N)]
    answers = at_once(server, cookie, path, bodies)

    statuses = [status for status, _ in answers]
    assert all(status < 500 for status in statuses), answers[0]
    accepted = [k for k, (status, _) in enumerate(answers) if status in (302, 303)]
    assert len(accepted) == 1, (statuses, answers[0][1][-3000:], sorted(fields))
    refused = [body for status, body in answers if status == 200]
    assert len(refused) == N - 1
    assert all("Not saved: someone else changed this item" in body for body in refused)
    with server.app.app_context():
        saved = db.session.get(AgendaItem, item_id)
        assert saved is not None
        assert saved.texts["en"].title == f"Title saved by request {accepted[0]}"
        assert saved.version == version + 1
        assert _count(Change) == changes + 1  # the accepted save, in the history


def test_concurrent_saves_of_one_user_accept_exactly_one(server: Server) -> None:
    cookie = sign_in(server, "admin@un.org")
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == "viewer@un.org"))
        assert user is not None
        path, version, user_id = f"/admin/users/{user.public_id}", user.version, user.id
    status, headers, page = server.request("GET", path, cookie=cookie)
    assert status == 200
    cookie = _cookie(headers) if "set-cookie" in headers else cookie
    fields = form_fields(page)
    roles = ["editor" if k % 2 else "viewer" for k in range(N)]
    # Each request assigns a different set of bodies, so that every save changes something.
    bodies = [{**fields, "role": role, "active": "y"} for role in roles]
    answers = at_once(server, cookie, path, bodies)

    statuses = [status for status, _ in answers]
    assert all(status < 500 for status in statuses), statuses
    accepted = [k for k, (status, _) in enumerate(answers) if status == 303]
    assert len(accepted) == 1, statuses
    assert statuses.count(409) == N - 1, statuses
    with server.app.app_context():
        saved = db.session.get(User, user_id)
        assert saved is not None
        assert saved.role == roles[accepted[0]]
        assert saved.version > version


def test_concurrent_moves_of_one_agenda_item_accept_exactly_one(server: Server) -> None:
    """Drag and drop (the JSON endpoint): N moves sent on the same agenda structure."""
    cookie = sign_in(server, "editor@un.org")
    with server.app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
        assert meeting is not None
        top = sorted((i for i in meeting.items if i.parent_id is None), key=lambda i: i.position)
        moved, meeting_id = top[2], meeting.public_id
        revision = agenda_revision(meeting)
        changes = _count(Change)
    editor = f"/manage/meetings/{meeting_id}/agenda"
    status, headers, page = server.request("GET", editor, cookie=cookie)
    assert status == 200
    cookie = _cookie(headers) if "set-cookie" in headers else cookie
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    assert token is not None
    body = {"item": str(moved.public_id), "parent": None, "index": 0, "revision": revision}
    answers = at_once(server, cookie, f"{editor}/move", [body] * N, json_token=token.group(1))

    statuses = [status for status, _ in answers]
    assert all(status < 500 for status in statuses), statuses
    assert statuses.count(200) == 1, statuses
    assert statuses.count(409) == N - 1, statuses
    refused = [json.loads(text) for status, text in answers if status == 409]
    assert all("Someone else changed the agenda" in answer["error"] for answer in refused)
    with server.app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
        assert meeting is not None
        first = min((i for i in meeting.items if i.parent_id is None), key=lambda i: i.position)
        assert first.public_id == moved.public_id
        assert _count(Change) == changes + 1


FORMS = {
    # record → (who, the edit form's address, the text field each request changes)
    "meeting": ("editor@un.org", lambda ids: f"/manage/meetings/{ids['meeting']}/edit", "venue-en"),
    "body": ("admin@un.org", lambda ids: f"/manage/bodies/{ids['body']}/edit", "name-en"),
    "document": (
        "editor@un.org",
        lambda ids: f"/manage/documents/{ids['document']}/edit",
        "title-en",
    ),
}


@pytest.mark.parametrize("record", list(FORMS))
def test_concurrent_saves_of_one_form_accept_exactly_one(server: Server, record: str) -> None:
    """The meeting (its facts, days, hours and interpretation), body and document forms."""
    from planner.models import Body, Document

    who, address, field = FORMS[record]
    cookie = sign_in(server, who)
    with server.app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
        body = db.session.scalar(select(Body).where(Body.symbol == "CTOC/COP/WG.4"))
        document = db.session.scalar(
            select(Document).where(Document.symbol == "CTOC/COP/WG.4/2018/2")
        )
        assert meeting is not None and body is not None and document is not None
        ids = {"meeting": meeting.public_id, "body": body.public_id, "document": document.public_id}
        changes = _count(Change)
    path = address(ids)
    status, headers, page = server.request("GET", path, cookie=cookie)
    assert status == 200
    cookie = _cookie(headers) if "set-cookie" in headers else cookie
    fields = form_fields(page)
    bodies = [{**fields, field: f"Saved by request {k}"} for k in range(N)]
    answers = at_once(server, cookie, path, bodies)

    statuses = [status for status, _ in answers]
    assert all(status < 500 for status in statuses), statuses
    accepted = [k for k, (status, _) in enumerate(answers) if status == 303]
    assert len(accepted) == 1, statuses
    assert statuses.count(409) == N - 1, statuses
    with server.app.app_context():
        model = {"meeting": Meeting, "body": Body, "document": Document}[record]
        saved = db.session.scalar(select(model).where(model.public_id == ids[record]))
        column = field.split("-")[0]
        assert getattr(saved.texts["en"], column) == f"Saved by request {accepted[0]}"
        assert _count(Change) == changes + 1
