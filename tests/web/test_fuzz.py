"""Property-based fuzzing (hypothesis) of the meeting-file reader and of every form, signed in as
an admin with a valid CSRF token: no server error, no traceback, and a database unchanged by
every refusal (issue 11).

The forms are read off the pages that show them, so a form added later is fuzzed too. Example
counts are modest and the runs derandomized, so that the suite stays fast and CI repeatable.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.core.meetingfile import MeetingFileError, parse
from planner.models import (
    AgendaItem,
    Body,
    Change,
    ChangeCounter,
    Document,
    Meeting,
    TimeSlot,
    User,
)
from tests.web.formdata import form_fields
from tests.web.helpers import RequestScopedClient, make_user, request_scoped_client, sign_in

REFERENCE = (Path(__file__).resolve().parents[2] / "planner/data/wg4-2018.yaml").read_text()
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: Values people paste, type by mistake or send on purpose.
HOSTILE = st.one_of(
    st.sampled_from(
        [
            "\x00",
            "Opening\x00",
            " ",
            "\t",
            "\r\n",
            "\x1b[2J",
            "\u0085",
            "\uffff",
            "9" * 5000,
            "-1",
            "0",
            "2018-02-30",
            "2018-07-02T10:00",
            "25:99",
            "１２",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "../../etc/passwd",
            "%00",
            "x" * 30_000,
            "CTOC/COP/WG.4/2018/1",
            "00000000-0000-0000-0000-000000000000",
        ]
    ),
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=12),
)


# The meeting-file reader ----------------------------------------------------------------


def _mutate(text: str, position: int, insert: str, cut: int) -> str:
    at = position % (len(text) + 1)
    return text[:at] + insert + text[at + cut :]


@settings(FUZZ, max_examples=150)
@given(
    position=st.integers(min_value=0, max_value=len(REFERENCE)),
    insert=st.one_of(
        HOSTILE,
        st.sampled_from(["[" * 300, "{a: " * 200, ": ", "- ", "\n  ", "&a ", "*a", "!!python/"]),
    ),
    cut=st.integers(min_value=0, max_value=40),
)
def test_the_meeting_file_reader_refuses_or_reads_but_never_fails(
    position: int, insert: str, cut: int
) -> None:
    problems = _problems(_mutate(REFERENCE, position, insert, cut))
    assert all(str(p).startswith("fuzzed.yaml") for p in problems)


def _problems(text: str) -> list[object]:
    """The problems the reader found (none when it read the file)."""
    try:
        parse(text, "fuzzed.yaml")
    except MeetingFileError as refused:
        return list(refused.problems) or ["a refusal without a problem"]
    return []


# Every form -----------------------------------------------------------------------------


_FORM = re.compile(r"<form\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def _pages(session: Session) -> list[str]:
    """The pages that show the forms of planner, reached with reference records."""
    meeting = session.scalars(select(Meeting)).first()
    item = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).first()
    document = session.scalars(select(Document)).first()
    assert meeting is not None and item is not None and document is not None
    admin = session.scalar(select(User).where(User.email == "admin@un.org"))
    viewer = session.scalar(select(User).where(User.email == "viewer@un.org"))
    assert admin is not None and viewer is not None
    m = f"/manage/meetings/{meeting.public_id}"
    return [
        "/sign-in",
        "/account",
        "/admin/users/new",
        f"/admin/users/{viewer.public_id}",
        "/manage/bodies/new",
        f"/manage/bodies/{meeting.body.public_id}/edit",
        f"/manage/bodies/{meeting.body.public_id}/meetings/new",
        f"/manage/bodies/{meeting.body.public_id}/meetings/copy",
        f"{m}/edit",
        f"{m}/agenda",
        f"{m}/agenda/new",
        f"{m}/agenda/items/{item.public_id}",
        f"{m}/organization-of-work",
        "/manage/documents/new",
        f"/manage/documents/{document.public_id}/edit",
    ]


def _forms(client: RequestScopedClient, page: str) -> list[tuple[str, int]]:
    """(page, index) of each form on ``page`` that posts somewhere other than sign-out."""
    html = client.get(page).get_data(as_text=True)
    found = []
    for index, match in enumerate(_FORM.finditer(html)):
        attrs = dict(_ATTR.findall(match.group(1)))
        if attrs.get("method", "get").lower() == "post" and attrs.get("action") != "/sign-out":
            found.append((page, index))
    return found


def _state(session: Session) -> tuple[Any, ...]:
    session.expire_all()
    counts = [
        session.scalar(select(func.count()).select_from(model))
        for model in (Meeting, AgendaItem, TimeSlot, Body, Document, Change, User)
    ]
    counter = session.get(ChangeCounter, 1)
    hashes = tuple(session.execute(select(User.email, User.password_hash, User.role)).all())
    return (*counts, counter.revision if counter else 0, hashes)


@pytest.fixture
def fuzz_admin(app: Flask, reference: Session) -> RequestScopedClient:
    make_user(reference, "admin@un.org", "admin")
    make_user(reference, "viewer@un.org", "viewer")
    client = request_scoped_client(app)
    assert sign_in(client, "admin@un.org").status_code == 303
    return client


@pytest.fixture
def forms(fuzz_admin: RequestScopedClient, reference: Session) -> list[tuple[str, int]]:
    found = [form for page in _pages(reference) for form in _forms(fuzz_admin, page)]
    assert len(found) >= 15
    return found


@settings(FUZZ, max_examples=80)
@given(data=st.data())
def test_every_form_refuses_hostile_input_without_an_error_or_a_change(
    fuzz_admin: RequestScopedClient,
    reference: Session,
    forms: list[tuple[str, int]],
    data: st.DataObject,
) -> None:
    # A page first, then one of its forms: the agenda editor's many small forms do not crowd
    # out the big ones.
    page = data.draw(st.sampled_from(sorted({page for page, _ in forms})), label="page")
    index = data.draw(st.sampled_from([i for p, i in forms if p == page]), label="form")
    response = fuzz_admin.get(page)
    html = response.get_data(as_text=True)
    match = list(_FORM.finditer(html))[index]
    action = unescape(dict(_ATTR.findall(match.group(1)))["action"])
    fields = form_fields(html, index=index, css_class=None)
    # A form of buttons only (its token) gets a field it does not expect.
    names = sorted(name for name in fields if name != "csrf_token") or ["unexpected"]
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="fields changed")):
        fields[data.draw(st.sampled_from(names), label="field")] = data.draw(HOSTILE, label="value")
    before = _state(reference)
    answer = fuzz_admin.post(action, data=fields, headers={"Referer": response.request.url})
    body = answer.get_data(as_text=True)
    assert answer.status_code < 500, (action, answer.status_code)
    assert "Traceback" not in body
    if answer.status_code not in (302, 303):
        assert _state(reference) == before, (action, answer.status_code)
    if fuzz_admin.get("/account").status_code != 200:  # a fuzzed password change signs out
        assert sign_in(fuzz_admin, "admin@un.org").status_code == 303
