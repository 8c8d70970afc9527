"""The translator's workspace and the translation status table, through the test client."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core import xliff
from planner.models import Meeting
from planner.services.exporter import export_meeting
from planner.translation import services
from tests.web.helpers import csrf_token_in, make_user, post_form, sign_in

PAGE = "/meetings/CTOC/COP/WG.4/2018/1"


@pytest.fixture
def meeting(bilingual: Session) -> Meeting:
    """The reference meeting as handed over in English and Chinese, before translation."""
    found = bilingual.scalar(select(Meeting).where(Meeting.symbol == "CTOC/COP/WG.4/2018/1"))
    assert found is not None
    return found


def _workspace(meeting: Meeting, lang: str) -> str:
    return f"/manage/meetings/{meeting.public_id}/translation/{lang}"


def _editor(client: FlaskClient, session: Session, email: str = "ed@un.org") -> None:
    make_user(session, email, "editor", bodies=["CTOC/COP/WG.4"])
    session.commit()  # a refused request rolls back: what the test set up stays (a savepoint)
    assert sign_in(client, email).status_code == 303


def _title_unit(meeting: Meeting, lang: str) -> services.Unit:
    return next(
        u for u in services.language_units(meeting, lang) if u.ref == "2" and u.field == "title"
    )


def test_anonymous_readers_see_no_translation_status(client: FlaskClient, meeting: Meeting) -> None:
    page = client.get(PAGE).get_data(as_text=True)
    assert "translation-status" not in page


def test_signed_in_staff_see_each_language_complete_missing_or_out_of_date(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    assert sign_in(client, "viewer@un.org").status_code == 303
    page = client.get(PAGE).get_data(as_text=True)
    table = page.split('class="translation-status"', 1)[1].split("</table>", 1)[0]
    rows = dict(
        re.findall(r'<th scope="row" lang="(\w\w)">[^<]+</th>\s*<td>(.*?)</td>', table, re.S)
    )
    text = {lang: re.sub(r"<[^>]+>|\s+", " ", cell).split() for lang, cell in rows.items()}
    assert list(rows) == ["ar", "zh", "en", "fr", "ru", "es"]
    assert text["zh"] == ["complete"]
    assert text["en"] == ["original"]
    assert text["fr"] == ["17", "missing"]
    assert "Translate" not in table  # a viewer may not translate


def test_an_editor_opens_the_workspace_with_original_beside_translation(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    _editor(client, session)
    response = client.get(_workspace(meeting, "ar"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('class="unit status-missing') == 17
    assert '<textarea id="t-1" name="text" lang="ar" dir="rtl"' in page
    assert '<p lang="en" dir="ltr">Working Group on Trafficking in Persons</p>' in page
    assert client.get(_workspace(meeting, "en")).status_code == 404  # the original


def test_the_workspace_is_for_editors_of_the_body(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    assert client.get(_workspace(meeting, "fr")).status_code == 302  # to the sign-in page
    make_user(session, "other@un.org", "editor", bodies=["CTOC/COP"])
    make_user(session, "viewer@un.org", "viewer")
    assert sign_in(client, "viewer@un.org").status_code == 303
    assert client.get(_workspace(meeting, "fr")).status_code == 403


def test_saving_a_translation_makes_it_up_to_date(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    _editor(client, session)
    unit = _title_unit(meeting, "fr")
    response = post_form(
        client,
        _workspace(meeting, "fr") + "/unit",
        {
            "key": unit.key,
            "base": services.base_token(unit),
            "text": "Coopération",
            "action": "save",
        },
        page=_workspace(meeting, "fr"),
    )
    assert response.status_code == 303
    session.expire_all()
    saved = _title_unit(meeting, "fr")
    assert (saved.target, saved.status) == ("Coopération", "up_to_date")


def test_two_translators_saving_the_same_text_the_second_is_refused(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    _editor(client, session)
    page = client.get(_workspace(meeting, "fr")).get_data(as_text=True)
    token = csrf_token_in(page)
    unit = _title_unit(meeting, "fr")
    base = services.base_token(unit)  # what both translators' pages carry
    headers = {"Referer": "https://planner.example.org" + _workspace(meeting, "fr")}
    first = {"key": unit.key, "base": base, "text": "Texte de la collègue", "csrf_token": token}
    assert (
        client.post(_workspace(meeting, "fr") + "/unit", data=first, headers=headers).status_code
        == 303
    )
    second = {**first, "text": "Mon texte"}
    response = client.post(_workspace(meeting, "fr") + "/unit", data=second, headers=headers)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "A colleague saved this text" in body
    assert ">Texte de la collègue</textarea>" in body  # their text, saved
    assert "Mon texte" in body  # yours, to re-apply
    session.expire_all()
    assert _title_unit(meeting, "fr").target == "Texte de la collègue"


def test_an_out_of_date_translation_can_be_confirmed(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    unit = _title_unit(meeting, "zh")
    item = next(i for i in meeting.items if i.public_id == unit.record)
    item.texts["en"].title = "International cooperation, amended"  # the original changes alone
    session.flush()
    stale = _title_unit(meeting, "zh")
    assert stale.status == "out_of_date"
    _editor(client, session)
    page = client.get(_workspace(meeting, "zh")).get_data(as_text=True)
    assert "Confirm still correct" in page
    response = post_form(
        client,
        _workspace(meeting, "zh") + "/unit",
        {"key": stale.key, "base": services.base_token(stale), "text": "", "action": "confirm"},
        page=_workspace(meeting, "zh"),
    )
    assert response.status_code == 303
    session.expire_all()
    confirmed = _title_unit(meeting, "zh")
    assert (confirmed.target, confirmed.status) == (stale.target, "up_to_date")


def test_xliff_download_and_upload_through_the_workspace(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    _editor(client, session)
    download = client.get(_workspace(meeting, "es") + "/xliff")
    assert download.status_code == 200
    assert download.mimetype == "application/xliff+xml"
    parsed = xliff.read(download.data)
    translated = xliff.write(
        [
            xliff.ExportUnit(u.id, "", u.source, "[es] " + u.source, "translated")
            for u in parsed.units
        ],
        "en",
        "es",
        meeting.symbol,
    )
    token = csrf_token_in(client.get(_workspace(meeting, "es")).get_data(as_text=True))
    headers = {"Referer": "https://planner.example.org" + _workspace(meeting, "es")}
    before = export_meeting(meeting)
    broken = translated.replace(parsed.units[0].id.encode(), b"nonsense", 1)
    response = client.post(
        _workspace(meeting, "es") + "/xliff",
        data={"csrf_token": token, "file": (BytesIO(broken), "es.xlf")},
        headers=headers,
    )
    assert response.status_code == 422
    assert "unit nonsense: No text of this meeting has this unit id" in response.get_data(
        as_text=True
    )
    session.expire_all()
    assert export_meeting(meeting) == before

    response = client.post(
        _workspace(meeting, "es") + "/xliff",
        data={"csrf_token": token, "file": (BytesIO(translated), "es.xlf")},
        headers=headers,
    )
    assert response.status_code == 303
    session.expire_all()
    assert {row.lang: row.complete for row in services.status(meeting)}["es"] is True


def test_the_workspace_can_show_only_the_texts_to_translate_or_check(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    _editor(client, session)
    unit = _title_unit(meeting, "fr")
    services.save_unit(
        session, None, meeting, "fr", unit.key, "Coopération", services.base_token(unit)
    )
    session.commit()
    every = client.get(_workspace(meeting, "fr")).get_data(as_text=True)
    todo = client.get(_workspace(meeting, "fr") + "?show=todo").get_data(as_text=True)
    assert every.count('<li class="unit ') == 17
    assert todo.count('<li class="unit ') == 16
    assert "Coopération" in every and "Coopération" not in todo


def test_a_refused_save_keeps_what_was_typed_and_says_why(
    client: FlaskClient, session: Session, meeting: Meeting
) -> None:
    _editor(client, session)
    unit = next(
        u
        for u in services.language_units(meeting, "fr")
        if u.field == "annotation" and u.paragraph == 2
    )
    response = post_form(
        client,
        _workspace(meeting, "fr") + "/unit",
        {"key": unit.key, "base": services.base_token(unit), "text": "Deuxième paragraphe."},
        page=_workspace(meeting, "fr"),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Translate paragraph 1 first" in page
    assert ">Deuxième paragraphe.</textarea>" in page
    session.expire_all()
    assert services.find_unit(meeting, "fr", unit.key).target == ""  # type: ignore[union-attr]
