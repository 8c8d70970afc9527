"""Walk every route that changes something and prove the gates hold: no change without signing
in, none without a CSRF token, none by an editor outside their bodies.

The walk reads the app's URL map, so a route added later is walked too. For each argument of a
route it tries every record of the reference data that could fill it (meetings, bodies, items,
documents, half-day meetings, users, changes), so the route reaches real records, and after
each request it checks that nothing in the database moved.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from itertools import product

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.routing import Rule
from werkzeug.routing.converters import AnyConverter

from planner.history.service import meeting_change
from planner.models import (
    AgendaItem,
    Body,
    Change,
    ChangeCounter,
    Document,
    Issue,
    Mandate,
    MandateParagraph,
    Meeting,
    TimeSlot,
    User,
)
from tests.web.helpers import csrf_token_in, make_user, request_scoped_client, sign_in

CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
#: Routes meant for anonymous visitors that change nothing planned: signing in (and out).
OPEN_DOORS = {"auth.login", "auth.logout"}


def _changing_rules(app: Flask) -> list[Rule]:
    return sorted(
        (r for r in app.url_map.iter_rules() if CHANGING & set(r.methods or ())),
        key=lambda r: r.rule,
    )


def _state(session: Session) -> tuple[object, ...]:
    """Everything a change could move: the planning data's counter, the history, accounts."""
    session.expire_all()
    counter = session.get(ChangeCounter, 1)
    users = tuple(
        session.execute(
            select(
                User.email,
                User.role,
                User.active,
                User.password_hash,
                User.session_serial,
                User.feed_token_serial,
            ).order_by(User.email)
        )
    )
    return (
        counter.revision if counter else 0,
        session.scalar(select(func.count()).select_from(Change)),
        session.scalar(select(func.count()).select_from(Issue)),  # issues move no counter
        users,
    )


@pytest.fixture
def walk_data(reference: Session) -> dict[str, list[object]]:
    """Candidate values for route arguments, from the reference meeting and a few users."""
    meeting = reference.scalar(select(Meeting))
    assert meeting is not None
    make_user(reference, "outsider@un.org", "editor", bodies=["CTOC/COP"])
    with meeting_change(reference, None, meeting, "a change for the history routes"):
        meeting.restricted = True
    cited = reference.scalar(select(Mandate).where(Mandate.number == "8/2"))
    assert cited is not None
    cited.paragraphs.append(MandateParagraph(number="4"))  # for the paragraph routes
    reference.flush()
    models = {
        "meeting": Meeting,
        "body": Body,
        "item": AgendaItem,
        "document": Document,
        "slot": TimeSlot,
        "user": User,
        "mandate": Mandate,
        "paragraph": MandateParagraph,
    }
    data: dict[str, list[object]] = {
        kind: list(reference.scalars(select(model.public_id))) for kind, model in models.items()
    }
    data["change"] = list(reference.scalars(select(Change.id)))
    data["path"] = ["CTOC/COP/WG.4/2018/1", "CTOC/COP/WG.4", "CTOC/COP/WG.4/2018/2"]
    data["uuid"] = [v for kind in models for v in data[kind]]
    return data


#: Which records can fill an argument, from its name or the path segment before it.
_KINDS = {
    "meeting": "meeting",
    "meetings": "meeting",
    "body": "body",
    "bodies": "body",
    "item": "item",
    "items": "item",
    "document": "document",
    "documents": "document",
    "slot": "slot",
    "slots": "slot",
    "user": "user",
    "users": "user",
    "change": "change",
    "changes": "change",
    "mandate": "mandate",
    "mandates": "mandate",
    "paragraph": "paragraph",
    "paragraphs": "paragraph",
}


def _pool(rule: Rule, name: str, data: dict[str, list[object]]) -> list[object]:
    converter = rule._converters[name]
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)
    kind = _KINDS.get(name.removesuffix("_id"))
    if kind is None:
        segments = rule.rule.split("/")
        at = next(i for i, part in enumerate(segments) if f":{name}>" in part)
        kind = _KINDS.get(segments[at - 1], "uuid")
    if "path" in type(converter).__name__.lower():
        kind = "path"
    return data[kind]


def _urls(app: Flask, rule: Rule, data: dict[str, list[object]]) -> Iterator[str]:
    names = sorted(rule.arguments)
    pools = [_pool(rule, name, data) for name in names]
    adapter = app.url_map.bind("planner.example.org", url_scheme="https")
    for values in product(*pools) if names else [()]:
        yield adapter.build(
            rule.endpoint, dict(zip(names, values, strict=True)), force_external=False
        )


def _post(client: FlaskClient, method: str, url: str, token: str) -> int:
    response = client.open(
        url,
        method=method,
        data={"title-en": "x", "version": "1", "csrf_token": token},
        headers={"Referer": "https://planner.example.org/", "X-CSRFToken": token},
    )
    return response.status_code


def test_the_walk_covers_the_editing_routes(app: Flask) -> None:
    endpoints = {r.endpoint for r in _changing_rules(app)}
    assert len(endpoints - OPEN_DOORS) >= 10, sorted(endpoints)


def test_no_change_without_signing_in(
    app: Flask, reference: Session, walk_data: dict[str, list[object]]
) -> None:
    client = request_scoped_client(app)
    # A valid CSRF token, so that the requests reach the sign-in gate rather than stop before.
    token = csrf_token_in(client.get("/sign-in").get_data(as_text=True))
    statuses: list[int] = []
    before = _state(reference)
    for rule in _changing_rules(app):
        if rule.endpoint in OPEN_DOORS:
            continue
        for url in _urls(app, rule, walk_data):
            for method in sorted(CHANGING & set(rule.methods or ())):
                status = _post(client, method, url, token)
                assert status in (302, 303, 400, 401, 403, 404, 405), (method, url, status)
                statuses.append(status)
                assert _state(reference) == before, (method, url)
    # Most answers send the visitor to the sign-in page.
    assert statuses.count(302) + statuses.count(303) >= 20, statuses


def test_no_change_without_a_csrf_token(
    app: Flask, reference: Session, walk_data: dict[str, list[object]]
) -> None:
    make_user(reference, "admin@un.org", "admin")
    client = request_scoped_client(app)
    assert sign_in(client, "admin@un.org").status_code == 303
    statuses: list[int] = []
    before = _state(reference)
    for rule in _changing_rules(app):
        for url in _urls(app, rule, walk_data):
            for method in sorted(CHANGING & set(rule.methods or ())):
                response = client.open(
                    url,
                    method=method,
                    data={"version": "1"},
                    headers={"Referer": "https://planner.example.org/"},
                )
                assert response.status_code in (400, 404, 405), (method, url)
                statuses.append(response.status_code)
                assert _state(reference) == before, (method, url)
    assert statuses.count(400) >= 20, statuses


def test_no_change_by_an_editor_outside_their_bodies(
    app: Flask, reference: Session, walk_data: dict[str, list[object]]
) -> None:
    """An editor of another body (here: the parent conference's sibling) changes nothing of
    WG.4's meetings, with a valid CSRF token."""
    other = Body(symbol="CTOC/COP/WG.7", meeting_word="meeting")
    reference.add(other)
    reference.flush()
    make_user(reference, "elsewhere@un.org", "editor", bodies=["CTOC/COP/WG.7"])
    client = request_scoped_client(app)
    assert sign_in(client, "elsewhere@un.org").status_code == 303
    token_page = client.get("/account")
    assert token_page.status_code == 200
    token = csrf_token_in(token_page.get_data(as_text=True))
    wg4 = {str(v) for v in _wg4_ids(reference)}
    statuses: list[int] = []
    before = _state(reference)
    for rule in _changing_rules(app):
        if rule.endpoint in OPEN_DOORS or rule.endpoint.startswith("auth."):
            continue
        for url in _urls(app, rule, walk_data):
            if not any(key in url for key in wg4 | {"CTOC/COP/WG.4"}):
                continue
            for method in sorted(CHANGING & set(rule.methods or ())):
                response = client.open(
                    url,
                    method=method,
                    data={"csrf_token": token, "version": "1", "title-en": "x"},
                    headers={"Referer": "https://planner.example.org/", "X-CSRFToken": token},
                )
                assert response.status_code in (400, 403, 404, 405), (
                    method,
                    url,
                    response.status_code,
                )
                statuses.append(response.status_code)
                assert _state(reference) == before, (method, url)
    # The walk reached the views: most answers are the access check's 403.
    assert statuses.count(403) >= 10, statuses


def _wg4_ids(session: Session) -> list[uuid.UUID]:
    meeting = session.scalar(select(Meeting))
    assert meeting is not None
    ids = [meeting.public_id, meeting.body.public_id]
    ids += [i.public_id for i in meeting.items] + [s.public_id for s in meeting.slots]
    ids += list(session.scalars(select(Document.public_id)))
    ids += list(session.scalars(select(Mandate.public_id)))
    ids += list(session.scalars(select(MandateParagraph.public_id)))
    return ids
