"""Mandates through the forms and on the body page: create, edit, paragraphs, delete; refusals at
their fields, stale saves shown, editors kept to their bodies."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.models import Body, BodyText, Change, Mandate, MandateBody, Meeting
from planner.services.importer import import_texts
from tests.conftest import REFERENCE
from tests.web.formdata import all_errors, field_errors, form_fields, text_of
from tests.web.helpers import make_user, post_form, sign_in
from tests.web.helpers import submit_form as submit
from tests.web.test_agenda_editor import _edit_url, _form_fields, item_at

WG4 = "CTOC/COP/WG.4"
EDITOR = "editor@un.org"


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


def mandate(session: Session, number: str) -> Mandate | None:
    session.expire_all()
    return session.scalar(select(Mandate).where(Mandate.number == number))


def counts(session: Session) -> tuple[int, int]:
    session.expire_all()
    return (
        session.scalar(select(func.count()).select_from(Mandate)) or 0,
        session.scalar(select(func.count()).select_from(Change)) or 0,
    )


NEW = {
    "body": "CTOC/COP",
    "kind": "resolution",
    "number": "9/1",
    "session": "9",
    "symbol": "",
    "adopted": "2018-10-19",
    "title-en": "Establishment of the Mechanism for the Review of the Implementation",
    "title-zh": "设立审议机制",
    "steers": [WG4],
}


def test_the_body_page_lists_the_mandates_in_order_with_their_dates(
    client: FlaskClient, reference: Session
) -> None:
    seeds = REFERENCE.parent / "mandates-wg4.yaml"
    import_texts(reference, [(str(seeds), seeds.read_text(encoding="utf-8"))])
    reference.commit()
    text = text_of(client.get(f"/bodies/{WG4}").get_data(as_text=True))
    expected = [
        "Mandates",
        "Decision 4/4",
        "fourth session",
        "17 October 2008",
        "establishes this body",
        "Trafficking in human beings",
        "Resolution 64/178",
        "18 December 2009",
        "A/RES/64/178",
        "Draft resolution",
        "26 May 2017",
        "Draft resolution",
        "15 October 2020",
        "CTOC/COP/2020/L.6/Rev.1",
        "Resolution 7/1",
        "Resolution 8/2",
    ]
    position = 0
    for fragment in expected:
        found = text.find(fragment, position)
        assert found >= 0, f"not found after {position}: {fragment!r}"
        position = found + len(fragment)
    page = client.get(f"/bodies/{WG4}").get_data(as_text=True)
    assert 'href="https://undocs.org/en/A/RES/64/178"' in page


def test_an_editor_creates_a_mandate_of_their_body(editor: FlaskClient, reference: Session) -> None:
    response = submit(editor, "/manage/mandates/new", NEW)
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    created = mandate(reference, "9/1")
    assert created is not None and created.session == 9 and created.body.symbol == "CTOC/COP"
    assert created.text("title")["zh"] == "设立审议机制"
    assert [(k.body.symbol, k.relation) for k in created.body_links] == [(WG4, "steers")]
    change = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None and change.subject == "mandate" and change.action == "create"


INVALID = [
    pytest.param({"number": "IX/1"}, "number", "not a resolution or decision number", id="number"),
    pytest.param({"number": ""}, "number", "number as cited", id="no-number"),
    pytest.param({"number": "7/1"}, "number", "already recorded", id="taken"),
    pytest.param({"kind": "draft"}, "number", "A draft has no number", id="draft-number"),
    pytest.param({"symbol": "CTOC/COP/2018"}, "symbol", "", id="symbol"),
    pytest.param({"adopted": "2018-13-01"}, "adopted", "not a day of the calendar", id="date"),
    pytest.param({"session": "0"}, "session", "", id="session"),
    pytest.param({"establishes": [WG4]}, "steers", "both established and steered", id="twice"),
    pytest.param({"steers": ["CTOC/COP/WG.6"]}, "body", "bodies you plan", id="not-my-body"),
]


@pytest.mark.parametrize(("changes", "field", "message"), INVALID)
def test_each_problem_is_shown_at_its_field_and_nothing_is_saved(
    editor: FlaskClient, reference: Session, changes: dict[str, Any], field: str, message: str
) -> None:
    before = counts(reference)
    response = submit(editor, "/manage/mandates/new", {**NEW, **changes})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert all_errors(page) == [field]
    assert message in field_errors(page, field)
    assert counts(reference) == before


def test_a_stale_mandate_form_is_refused(editor: FlaskClient, reference: Session) -> None:
    resolution = mandate(reference, "7/1")
    assert resolution is not None
    url = f"/manage/mandates/{resolution.public_id}/edit"
    opened = editor.get(url)
    fields = form_fields(opened.get_data(as_text=True))
    resolution.session = 6  # a colleague's save
    reference.commit()
    fields["session"] = "8"
    response = editor.post(url, data=fields, headers={"Referer": opened.request.url})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "A colleague saved this mandate while you were editing" in text_of(page)
    assert form_fields(page)["session"] == "6"
    assert mandate(reference, "7/1").session == 6  # type: ignore[union-attr]


def test_a_paragraph_is_added_edited_and_deleted_as_an_edit_of_the_mandate(
    editor: FlaskClient, reference: Session
) -> None:
    resolution = mandate(reference, "8/2")
    assert resolution is not None
    base = f"/manage/mandates/{resolution.public_id}"
    bad = submit(editor, f"{base}/paragraphs/new", {"number": "nine", "text-en": "x"})
    assert bad.status_code == 422 and "not a paragraph number" in field_errors(
        bad.get_data(as_text=True), "number"
    )
    empty = submit(editor, f"{base}/paragraphs/new", {"number": "4"})
    assert empty.status_code == 422 and all_errors(empty.get_data(as_text=True)) == ["text"]
    added = submit(editor, f"{base}/paragraphs/new", {"number": "4", "text-en": "Decides …"})
    assert added.status_code == 303
    resolution = mandate(reference, "8/2")
    assert resolution is not None
    (paragraph,) = resolution.paragraphs
    assert paragraph.number == "4" and paragraph.text("text") == {"en": "Decides …"}
    twice = submit(editor, f"{base}/paragraphs/new", {"number": "4", "text-en": "Again"})
    assert "already has a paragraph 4" in field_errors(twice.get_data(as_text=True), "number")
    url = f"{base}/paragraphs/{paragraph.public_id}/edit"
    assert submit(editor, url, {"text-zh": "决定"}).status_code == 303
    resolution = mandate(reference, "8/2")
    assert resolution is not None and resolution.paragraphs[0].text("text")["zh"] == "决定"
    response = post_form(
        editor,
        f"{base}/paragraphs/{paragraph.public_id}/delete",
        {"version": str(resolution.version)},
        page=url,
    )
    assert response.status_code == 303
    assert mandate(reference, "8/2").paragraphs == []  # type: ignore[union-attr]


def test_a_cited_mandate_cannot_be_deleted(editor: FlaskClient, reference: Session) -> None:
    resolution = mandate(reference, "8/2")
    assert resolution is not None
    url = f"/manage/mandates/{resolution.public_id}/delete"
    before = counts(reference)
    assert "CTOC/COP/WG.4/2018/1, item 3" in text_of(editor.get(url).get_data(as_text=True))
    response = post_form(editor, url, {"version": str(resolution.version)}, page="/")
    assert response.status_code == 409
    assert counts(reference) == before


def test_an_uncited_mandate_is_deleted_and_the_history_keeps_it(
    editor: FlaskClient, reference: Session
) -> None:
    assert submit(editor, "/manage/mandates/new", NEW).status_code == 303
    created = mandate(reference, "9/1")
    assert created is not None
    url = f"/manage/mandates/{created.public_id}/delete"
    response = post_form(editor, url, {"version": str(created.version)}, page=url)
    assert response.status_code == 303
    assert mandate(reference, "9/1") is None
    change = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None and change.action == "delete" and 'number: "9/1"' in change.before


def test_an_editor_of_another_body_may_not_edit(client: FlaskClient, reference: Session) -> None:
    other = Body(symbol="CTOC/COP/WG.6", meeting_word="meeting")
    other.texts["en"] = BodyText(lang="en", name="Working Group on Firearms", short_name="it")
    reference.add(other)
    make_user(reference, "other@un.org", "editor", bodies=[other])
    reference.commit()
    assert sign_in(client, "other@un.org").status_code == 303
    resolution = mandate(reference, "7/1")
    assert resolution is not None
    assert client.get(f"/manage/mandates/{resolution.public_id}/edit").status_code == 403


def test_a_body_that_mandates_name_is_not_deleted(client: FlaskClient, reference: Session) -> None:
    extra = Body(symbol="CTOC/COP/WG.6", meeting_word="meeting")
    extra.texts["en"] = BodyText(lang="en", name="Working Group on Firearms", short_name="it")
    reference.add(extra)
    resolution = mandate(reference, "5/5")
    assert resolution is not None
    resolution.body_links.append(MandateBody(body=extra, relation="steers"))
    make_user(reference, "admin@un.org", "admin")
    reference.commit()
    assert sign_in(client, "admin@un.org").status_code == 303
    url = f"/manage/bodies/{extra.public_id}/delete"
    before = counts(reference)
    response = post_form(client, url, {"version": str(extra.version)}, page="/")
    assert response.status_code == 409
    assert "mandates name it (CTOC/COP resolution 5/5)" in text_of(response.get_data(as_text=True))
    assert counts(reference) == before


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        ("{mandate:9/9} decided", "{mandate:9/9} names no recorded mandate."),
        ("{mandate:8/2|short} decided", "after | write full, in or ref"),
    ],
)
def test_the_agenda_form_refuses_a_citation_that_names_no_mandate_under_its_language(
    editor: FlaskClient, reference: Session, annotation: str, message: str
) -> None:
    meeting = reference.scalar(select(Meeting))
    assert meeting is not None
    item = item_at(reference, meeting, "3")
    before = item.text("annotation").get("fr")
    url = _edit_url(meeting, item)
    fields = _form_fields(editor, url)
    fields["annotation-fr"] = annotation
    response = post_form(editor, url, fields)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in field_errors(page, "annotation-fr")
    assert item_at(reference, meeting, "3").text("annotation").get("fr") == before  # unchanged


def test_the_agenda_form_accepts_a_citation_of_a_recorded_mandate(
    editor: FlaskClient, reference: Session
) -> None:
    meeting = reference.scalar(select(Meeting))
    assert meeting is not None
    item = item_at(reference, meeting, "3")
    url = _edit_url(meeting, item)
    fields = _form_fields(editor, url)
    fields["annotation-fr"] = "{mandate:8/2|in} a décidé"
    assert post_form(editor, url, fields).status_code == 302
    saved = item_at(reference, meeting, "3").text("annotation")["fr"]
    assert saved == "{mandate:8/2|in} a décidé"  # stored as typed, written out when rendered
