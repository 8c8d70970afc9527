"""Bodies through the forms (admins only): create, edit, delete; refusals at their fields."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.models import Body, BodyText, Change
from tests.web.formdata import all_errors, field_errors, form_fields, text_of
from tests.web.helpers import make_user, post_form, request_scoped_client, sign_in
from tests.web.helpers import submit_form as submit

ADMIN = "admin@un.org"
WG4 = "CTOC/COP/WG.4"


@pytest.fixture
def admin(client: FlaskClient, reference: Session) -> FlaskClient:
    make_user(reference, ADMIN, "admin")
    reference.commit()
    assert sign_in(client, ADMIN).status_code == 303
    return client


def body(session: Session, symbol: str) -> Body | None:
    session.expire_all()
    return session.scalar(select(Body).where(Body.symbol == symbol))


def counts(session: Session) -> tuple[int, int]:
    session.expire_all()
    return (
        session.scalar(select(func.count()).select_from(Body)) or 0,
        session.scalar(select(func.count()).select_from(Change)) or 0,
    )


def _cop(session: Session) -> Body:
    found = body(session, "CTOC/COP")
    assert found is not None
    return found


NEW_BODY = {
    "symbol": "CTOC/COP/WG.6",
    "name-en": "Working Group on Firearms",
    "name-fr": "Groupe de travail sur les armes à feu",
    "short_name-en": "the Working Group",
    "meeting_word": "meeting",
}


def test_an_admin_creates_a_body(admin: FlaskClient, reference: Session) -> None:
    cop = _cop(reference)
    response = submit(admin, "/manage/bodies/new", {**NEW_BODY, "parent": str(cop.public_id)})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    created = body(reference, "CTOC/COP/WG.6")
    assert created is not None and created.parent is not None
    assert created.parent.symbol == "CTOC/COP" and created.meeting_word == "meeting"
    assert created.text("name") == {
        "en": "Working Group on Firearms",
        "fr": "Groupe de travail sur les armes à feu",
    }
    assert created.text("short_name") == {"en": "the Working Group"}
    change = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None and change.subject == "body" and change.action == "create"


INVALID = [
    pytest.param({"symbol": "CTOC/COP/WG.6/2019"}, "symbol", "has no year or number", id="year"),
    pytest.param({"symbol": "ctoc/COP"}, "symbol", "capital letters", id="case"),
    pytest.param({"symbol": "CTOC/COP/CRP.1"}, "symbol", "is not a body component", id="nature"),
    pytest.param({"symbol": ""}, "symbol", "Give the body's symbol", id="missing"),
    pytest.param({"symbol": WG4}, "symbol", "Another body already has", id="taken"),
    pytest.param({"name-en": "", "name-fr": ""}, "name", "at least one language", id="no-name"),
    pytest.param({"short_name-en": ""}, "short_name", "at least one language", id="no-short"),
    pytest.param({"meeting_word": "gathering"}, "meeting_word", "", id="word"),
]


@pytest.mark.parametrize(("changes", "field", "message"), INVALID)
def test_each_problem_is_shown_at_its_field_and_nothing_is_saved(
    admin: FlaskClient, reference: Session, changes: dict[str, str], field: str, message: str
) -> None:
    before = counts(reference)
    response = submit(admin, "/manage/bodies/new", {**NEW_BODY, **changes})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert all_errors(page) == [field]
    assert message in field_errors(page, field)
    assert counts(reference) == before


def test_editing_a_body_refreshes_its_meetings_calendar(
    admin: FlaskClient, reference: Session
) -> None:
    wg4 = body(reference, WG4)
    assert wg4 is not None
    meeting = wg4.meetings[0]
    sequence = meeting.sequence
    response = submit(
        admin, f"/manage/bodies/{wg4.public_id}/edit", {"name-en": "Working Group on TIP"}
    )
    assert response.status_code == 303
    wg4 = body(reference, WG4)
    assert wg4 is not None and wg4.text("name")["en"] == "Working Group on TIP"
    assert wg4.meetings[0].sequence == sequence + 1  # the name is in its events


def test_a_body_cannot_report_to_itself_or_its_subsidiary(
    admin: FlaskClient, reference: Session
) -> None:
    cop = _cop(reference)
    page = admin.get(f"/manage/bodies/{cop.public_id}/edit").get_data(as_text=True)
    assert f'value="{cop.public_id}"' not in page  # not offered
    wg4 = body(reference, WG4)
    assert wg4 is not None
    response = submit(admin, f"/manage/bodies/{cop.public_id}/edit", {"parent": str(wg4.public_id)})
    assert response.status_code == 422
    assert "cannot report to itself" in field_errors(response.get_data(as_text=True), "parent")


def test_the_symbol_of_a_body_with_meetings_stays(admin: FlaskClient, reference: Session) -> None:
    wg4 = body(reference, WG4)
    assert wg4 is not None
    response = submit(admin, f"/manage/bodies/{wg4.public_id}/edit", {"symbol": "CTOC/COP/WG.40"})
    assert response.status_code == 422
    assert "cannot be changed" in field_errors(response.get_data(as_text=True), "symbol")
    assert body(reference, WG4) is not None


def test_a_stale_body_form_is_refused(admin: FlaskClient, reference: Session) -> None:
    wg4 = body(reference, WG4)
    assert wg4 is not None
    url = f"/manage/bodies/{wg4.public_id}/edit"
    opened = admin.get(url)
    fields = form_fields(opened.get_data(as_text=True))
    wg4.texts["en"].name = "Their name"  # a colleague's save: a new version
    wg4.meeting_word = "session"
    reference.commit()
    fields["name-en"] = "My name"
    response = admin.post(url, data=fields, headers={"Referer": opened.request.url})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "A colleague saved this body while you were editing; nothing was saved." in text_of(page)
    assert form_fields(page)["name-en"] == "Their name"
    assert "My name" in text_of(page.split('class="stale"')[1])
    assert body(reference, WG4).text("name")["en"] == "Their name"  # type: ignore[union-attr]


def test_delete_is_refused_for_a_body_with_meetings_or_subsidiaries(
    admin: FlaskClient, reference: Session
) -> None:
    before = counts(reference)
    wg4, cop = body(reference, WG4), _cop(reference)
    assert wg4 is not None
    for target, reason in ((wg4, "it has meetings (CTOC/COP/WG.4/2018/1)"), (cop, WG4)):
        url = f"/manage/bodies/{target.public_id}/delete"
        assert reason in text_of(admin.get(url).get_data(as_text=True))
        response = post_form(admin, url, {"version": str(target.version)}, page="/")
        assert response.status_code == 409
        assert reason in text_of(response.get_data(as_text=True))
    assert counts(reference) == before


def test_a_body_without_meetings_is_deleted(admin: FlaskClient, reference: Session) -> None:
    extra = Body(symbol="CTOC/COP/WG.6", meeting_word="meeting")
    extra.texts["en"] = BodyText(lang="en", name="Firearms", short_name="it")
    reference.add(extra)
    reference.commit()
    response = submit(admin, f"/manage/bodies/{extra.public_id}/delete", {})
    assert response.status_code == 303
    assert body(reference, "CTOC/COP/WG.6") is None
    change = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None and change.action == "delete" and "Firearms" in change.before


def test_only_admins_manage_bodies(app: Flask, client: FlaskClient, reference: Session) -> None:
    make_user(reference, "editor@un.org", "editor", bodies=[WG4])
    reference.commit()
    wg4 = body(reference, WG4)
    assert wg4 is not None
    urls = (
        "/manage/bodies/new",
        f"/manage/bodies/{wg4.public_id}/edit",
        f"/manage/bodies/{wg4.public_id}/delete",
    )
    before = counts(reference)
    anonymous = request_scoped_client(app)
    for url in urls:
        response = post_form(anonymous, url, NEW_BODY, page="/sign-in")
        assert response.status_code in (302, 303) and "/sign-in" in response.location
    assert sign_in(client, "editor@un.org").status_code == 303
    for url in urls:
        assert client.get(url).status_code == 403
        assert post_form(client, url, NEW_BODY, page="/").status_code == 403
    assert counts(reference) == before
