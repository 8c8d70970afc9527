"""Documents through the forms: create, edit, delete, by admins and the editors of the body whose
symbol starts the document's; refusals at their fields."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.models import Body, BodyText, Change, Document, Meeting
from tests.web.formdata import all_errors, field_errors, form_fields, text_of
from tests.web.helpers import make_user, post_form, request_scoped_client, sign_in
from tests.web.helpers import submit_form as submit

WG4 = "CTOC/COP/WG.4"
EDITOR = "editor@un.org"
CRP = "CTOC/COP/WG.4/2018/CRP.1"


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    other = Body(symbol="CTOC/COP/WG.6", meeting_word="meeting")
    other.texts["en"] = BodyText(lang="en", name="Working Group on Firearms", short_name="it")
    reference.add(other)
    make_user(reference, EDITOR, "editor", bodies=[WG4])
    make_user(reference, "other@un.org", "editor", bodies=[other])
    reference.commit()
    assert sign_in(client, EDITOR).status_code == 303
    return client


def document(session: Session, symbol: str) -> Document | None:
    session.expire_all()
    return session.scalar(select(Document).where(Document.symbol == symbol))


def counts(session: Session) -> tuple[int, int]:
    session.expire_all()
    return (
        session.scalar(select(func.count()).select_from(Document)) or 0,
        session.scalar(select(func.count()).select_from(Change)) or 0,
    )


NEW_DOCUMENT = {
    "symbol": "CTOC/COP/WG.4/2019/CRP.1",
    "kind": "conference_room_paper",
    "title-en": "Draft questionnaire",
    "title-zh": "调查问卷草案",
    "listing-en": "Revised draft questionnaire",
    "issued": "2019-06-01",
    "languages": ["en", "zh"],
    "distribution": "limited",
}


def test_an_editor_creates_a_document_of_their_body(
    editor: FlaskClient, reference: Session
) -> None:
    wg4 = reference.scalar(select(Body).where(Body.symbol == WG4))
    assert wg4 is not None
    page = editor.get(f"/manage/documents/new?body={wg4.public_id}").get_data(as_text=True)
    assert form_fields(page)["symbol"] == "CTOC/COP/WG.4/"  # the body's prefix, to complete
    response = submit(editor, "/manage/documents/new", NEW_DOCUMENT)
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    created = document(reference, NEW_DOCUMENT["symbol"])
    assert created is not None
    assert created.kind == "conference_room_paper" and created.distribution == "limited"
    assert created.text("title") == {"zh": "调查问卷草案", "en": "Draft questionnaire"}
    assert created.text("listing") == {"en": "Revised draft questionnaire"}
    assert created.issued == date(2019, 6, 1) and created.languages == ("zh", "en")
    change = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None and change.subject == "document" and change.action == "create"
    listing = editor.get("/manage/documents").get_data(as_text=True)
    assert NEW_DOCUMENT["symbol"] in listing and CRP in listing


INVALID = [
    pytest.param({"symbol": "CTOC/COP/WG.4/2019"}, "symbol", "ends with a year", id="year"),
    pytest.param({"symbol": "CTOC/COP/WG.4/2019/CRP"}, "symbol", "with its number", id="crp"),
    pytest.param({"symbol": "CTOC/COP/WG.4/2019/1 "}, "", "", id="trailing-space-is-fine"),
    pytest.param({"symbol": CRP}, "symbol", "Another document already has", id="taken"),
    pytest.param(
        {"symbol": "CTOC/COP/WG.6/2019/1"}, "symbol", "documents of CTOC/COP/WG.6", id="not-mine"
    ),
    pytest.param({"symbol": "A/74/1"}, "symbol", "only an administrator", id="no-body"),
    pytest.param({"title-en": "", "title-zh": ""}, "title", "at least one language", id="title"),
    pytest.param({"issued": "2019-13-01"}, "issued", "not a day of the calendar", id="issued"),
    pytest.param({"kind": "memo"}, "kind", "", id="kind"),
    pytest.param({"languages": ["en", "xx"]}, "languages", "", id="language"),
    pytest.param({"distribution": "secret"}, "distribution", "", id="distribution"),
]


@pytest.mark.parametrize(("changes", "field", "message"), INVALID)
def test_each_problem_is_shown_at_its_field_and_nothing_is_saved(
    editor: FlaskClient, reference: Session, changes: dict[str, Any], field: str, message: str
) -> None:
    before = counts(reference)
    response = submit(editor, "/manage/documents/new", {**NEW_DOCUMENT, **changes})
    page = response.get_data(as_text=True)
    if not field:
        assert response.status_code == 303
        assert document(reference, "CTOC/COP/WG.4/2019/1") is not None
        return
    assert response.status_code == 422
    assert all_errors(page) == [field]
    assert message in field_errors(page, field)
    assert counts(reference) == before


def test_editing_a_listed_document_refreshes_the_meetings_events(
    editor: FlaskClient, reference: Session
) -> None:
    crp = document(reference, CRP)
    assert crp is not None
    meeting = reference.scalar(select(Meeting))
    assert meeting is not None
    sequences = {s.public_id: s.sequence for s in meeting.slots}
    response = submit(
        editor, f"/manage/documents/{crp.public_id}/edit", {"title-en": "Revised questionnaire"}
    )
    assert response.status_code == 303
    crp = document(reference, CRP)
    assert crp is not None and crp.text("title")["en"] == "Revised questionnaire"
    raised = [s for s in meeting.slots if s.sequence > sequences[s.public_id]]
    assert raised  # the half-day meetings that take up its item


def test_a_stale_document_form_is_refused(editor: FlaskClient, reference: Session) -> None:
    crp = document(reference, CRP)
    assert crp is not None
    url = f"/manage/documents/{crp.public_id}/edit"
    opened = editor.get(url)
    fields = form_fields(opened.get_data(as_text=True))
    crp.distribution = "restricted"  # a colleague's save
    reference.commit()
    fields["distribution"] = "limited"
    response = editor.post(url, data=fields, headers={"Referer": opened.request.url})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "A colleague saved this document while you were editing" in text_of(page)
    assert form_fields(page)["distribution"] == "restricted"
    assert "Limited" in text_of(page.split('class="stale"')[1])
    assert document(reference, CRP).distribution == "restricted"  # type: ignore[union-attr]


def test_delete_is_refused_while_agenda_items_list_the_document(
    editor: FlaskClient, reference: Session
) -> None:
    crp = document(reference, CRP)
    assert crp is not None
    before = counts(reference)
    url = f"/manage/documents/{crp.public_id}/delete"
    assert "CTOC/COP/WG.4/2018/1, item 3" in text_of(editor.get(url).get_data(as_text=True))
    response = post_form(editor, url, {"version": str(crp.version)}, page="/")
    assert response.status_code == 409
    assert "CTOC/COP/WG.4/2018/1, item 3" in text_of(response.get_data(as_text=True))
    assert counts(reference) == before


def test_an_unlisted_document_is_deleted(editor: FlaskClient, reference: Session) -> None:
    assert submit(editor, "/manage/documents/new", NEW_DOCUMENT).status_code == 303
    created = document(reference, NEW_DOCUMENT["symbol"])
    assert created is not None
    response = submit(editor, f"/manage/documents/{created.public_id}/delete", {})
    assert response.status_code == 303
    assert document(reference, NEW_DOCUMENT["symbol"]) is None


def test_who_may_edit_documents(app: Flask, editor: FlaskClient, reference: Session) -> None:
    crp = document(reference, CRP)
    assert crp is not None
    urls = (f"/manage/documents/{crp.public_id}/edit", f"/manage/documents/{crp.public_id}/delete")
    before = counts(reference)
    other = request_scoped_client(app)
    assert sign_in(other, "other@un.org").status_code == 303
    for url in urls:
        assert other.get(url).status_code == 403
        assert post_form(other, url, NEW_DOCUMENT, page="/").status_code == 403
    assert CRP not in other.get("/manage/documents").get_data(as_text=True)
    anonymous = request_scoped_client(app)
    for url in (*urls, "/manage/documents/new"):
        response = post_form(anonymous, url, NEW_DOCUMENT, page="/sign-in")
        assert response.status_code in (302, 303) and "/sign-in" in response.location
    make_user(reference, "viewer@un.org", "viewer")
    reference.commit()
    viewer = request_scoped_client(app)
    assert sign_in(viewer, "viewer@un.org").status_code == 303
    assert viewer.get("/manage/documents/new").status_code == 403
    assert counts(reference)[0] == before[0]
