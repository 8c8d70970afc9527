"""Issuing the provisional agenda: files kept byte for byte, the issue date in the masthead,
revisions with their differences, refusals at their fields, access rules.

Rendering a PDF takes a second or more: the tests that are about the files issue one language;
the others replace the PDF renderer with a stand-in (``fast_pdf``), since what they check does
not depend on how the PDF is laid out.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_babel import refresh
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from planner.models import (
    AgendaItem,
    AgendaItemText,
    Body,
    BodyText,
    Change,
    Issue,
    IssuedFile,
    Meeting,
)
from tests.web.formdata import all_errors, field_errors, form_fields, text_of
from tests.web.helpers import make_user, sign_in
from tests.web.helpers import submit_form as submit

SYMBOL = "CTOC/COP/WG.4/2018/1"
WG4 = "CTOC/COP/WG.4"
EDITOR = "editor@un.org"
NEW_TITLE = "Trafficking in persons online"


@pytest.fixture
def fast_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in PDF renderer: the bytes name the HTML they come from."""
    import planner.documents.pdf

    def render(html: str, base_url: str | None = None) -> bytes:
        return b"%PDF-stand-in " + hashlib.sha256(html.encode()).hexdigest().encode()

    monkeypatch.setattr(planner.documents.pdf, "render_pdf", render)


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    make_user(reference, EDITOR, "editor", bodies=[WG4])
    reference.commit()
    assert sign_in(client, EDITOR).status_code == 303
    return client


def meeting_record(session: Session) -> Meeting:
    session.expire_all()
    found = session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert found is not None
    return found


def issue_url(session: Session) -> str:
    return f"/manage/meetings/{meeting_record(session).public_id}/issue"


def retitle_item_2(session: Session, title: str = NEW_TITLE) -> None:
    """Item 2 retitled, and the change published: the public documents follow it."""
    from planner.releases.service import publish

    meeting = meeting_record(session)
    item = next(i for i in meeting.items if i.parent_id is None and i.position == 1)
    assert isinstance(item, AgendaItem) and item.standard is None
    text = item.texts["en"]
    assert isinstance(text, AgendaItemText)
    text.title = title
    session.flush()
    publish(session, meeting, None)
    session.commit()


def issue_cli(runner: FlaskCliRunner, *args: str) -> Any:
    return runner.invoke(args=["planner", "issue", SYMBOL, *args])


def fetch(client: FlaskClient, symbol: str, lang: str, ext: str) -> TestResponse:
    stem = symbol.replace("/", "-")
    return client.get(f"/meetings/{symbol}/issued/{lang}/{stem}-{lang}.{ext}")


def confirm(client: FlaskClient, url: str, confirmation: TestResponse) -> TestResponse:
    html = confirmation.get_data(as_text=True)
    fields = form_fields(html)
    return client.post(url, data=fields, headers={"Referer": confirmation.request.url})


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


# --- Done when: issued files do not change -----------------------------------------------------


def test_issued_pdf_and_word_files_stay_byte_identical_after_an_edit(
    client: FlaskClient, runner: FlaskCliRunner, reference: Session
) -> None:
    result = issue_cli(runner, "--date", "2018-05-21", "--lang", "en")
    assert result.exit_code == 0, result.output
    before = {ext: fetch(client, SYMBOL, "en", ext) for ext in ("pdf", "docx", "html")}
    assert [r.status_code for r in before.values()] == [200, 200, 200]
    assert before["pdf"].data.startswith(b"%PDF")

    retitle_item_2(reference)
    live = client.get(f"/meetings/{SYMBOL}/print?lang=en").get_data(as_text=True)
    assert NEW_TITLE in live  # the edit shows in the live document...

    for ext, first in before.items():
        again = fetch(client, SYMBOL, "en", ext)
        assert again.data == first.data  # ...and not in the issued files
        digest = hashlib.sha256(again.data).hexdigest()
        assert again.headers["ETag"] == f'"{digest}"'
        stored = reference.scalar(
            select(IssuedFile.sha256).where(IssuedFile.filename.endswith(f"-en.{ext}"))
        )
        assert stored == digest
    assert NEW_TITLE not in before["html"].get_data(as_text=True)
    assert NEW_TITLE not in docx_text(before["docx"].data)


def test_the_issued_masthead_shows_the_issue_date_in_roman_type(
    client: FlaskClient, runner: FlaskCliRunner, reference: Session, fast_pdf: None
) -> None:
    live = client.get(f"/meetings/{SYMBOL}/print?lang=fr").get_data(as_text=True)
    assert 'class="issued deadline"' in live  # not issued: the six-week deadline, in italics

    result = issue_cli(runner, "--date", "2018-05-21", "--lang", "fr", "--lang", "en")
    assert result.exit_code == 0, result.output
    french = fetch(client, SYMBOL, "fr", "html").get_data(as_text=True)
    assert '<p class="issued">21 mai 2018</p>' in french
    english = fetch(client, SYMBOL, "en", "html").get_data(as_text=True)
    assert '<p class="issued">21 May 2018</p>' in english
    word = docx_text(fetch(client, SYMBOL, "fr", "docx").data)
    run = word.split("21 mai 2018")[0].rsplit("<w:r>", 1)[-1]
    assert "<w:i/>" not in run and "<w:i " not in run  # roman, not italic
    # The live document now carries the date of its first issue too, once published.
    assert runner.invoke(args=["planner", "publish", SYMBOL]).exit_code == 0
    live = client.get(f"/meetings/{SYMBOL}/print?lang=en").get_data(as_text=True)
    assert '<p class="issued">21 May 2018</p>' in live
    summaries = reference.scalars(select(Change.summary)).all()
    assert f"Issued {SYMBOL} on 2018-05-21" in summaries  # the meeting's history says so


# --- Done when: a revision lists its changes, with its own symbol and date ----------------------


def test_a_revision_lists_its_changes_and_gets_its_own_symbol_and_date(
    editor: FlaskClient, reference: Session
) -> None:
    url = issue_url(reference)
    first = submit(editor, url, {"kind": "same", "languages": ["en"], "issued_on": "2018-05-21"})
    assert first.status_code == 200
    assert "Issue CTOC/COP/WG.4/2018/1?" in text_of(first.get_data(as_text=True))
    done = confirm(editor, url, first)
    assert done.status_code == 303

    retitle_item_2(reference)
    review = submit(
        editor, url, {"kind": "revision", "languages": ["en"], "issued_on": "2018-06-01"}
    )
    page = text_of(review.get_data(as_text=True))
    assert review.status_code == 200
    assert "Issue CTOC/COP/WG.4/2018/1/Rev.1?" in page
    assert "Changes since CTOC/COP/WG.4/2018/1" in page
    assert "Item 2 retitled from “International cooperation" in page
    assert f"to “{NEW_TITLE}” (English)" in page
    assert reference.scalar(select(func.count()).select_from(Issue)) == 1  # nothing yet

    assert confirm(editor, url, review).status_code == 303
    revision = fetch(editor, f"{SYMBOL}/Rev.1", "en", "html").get_data(as_text=True)
    assert '<span class="masthead-symbol" dir="ltr">CTOC/COP/WG.4/2018/1/Rev.1</span>' in revision
    assert '<p class="issued">1 June 2018</p>' in revision
    assert NEW_TITLE in revision

    listed = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    section = listed.split('<section class="issued-versions"', 1)[1].split("</section>", 1)[0]
    assert section.index("CTOC/COP/WG.4/2018/1/Rev.1") < section.index("Superseded by")
    assert "1 June 2018" in section and "21 May 2018" in section
    assert 'class="issued-version superseded" data-symbol="CTOC/COP/WG.4/2018/1"' in section


def test_a_corrigendum_takes_the_symbol_of_the_version_it_corrects(
    runner: FlaskCliRunner, reference: Session, fast_pdf: None
) -> None:
    assert issue_cli(runner, "--date", "2018-05-21", "--lang", "en").exit_code == 0
    retitle_item_2(reference)
    result = issue_cli(runner, "--date", "2018-05-25", "--lang", "en", "--corrigendum")
    assert result.exit_code == 0, result.output
    assert "Changes since CTOC/COP/WG.4/2018/1:" in result.output
    assert f"to “{NEW_TITLE}”" in result.output
    assert "Issued CTOC/COP/WG.4/2018/1/Corr.1 (corrigendum) on 2018-05-25" in result.output


# --- Missing translations ----------------------------------------------------------------------


def test_issuing_a_language_with_missing_texts_is_refused_with_the_list(
    runner: FlaskCliRunner, bilingual: Session
) -> None:
    result = issue_cli(runner, "--date", "2018-05-21", "--lang", "fr")
    assert result.exit_code == 1
    assert "fr: cannot be issued" in result.output
    assert "The title of item 2 has no French text." in result.output
    assert "The annotation of item 2 has no French text." in result.output
    assert "Nothing was issued" in result.output
    assert bilingual.scalar(select(func.count()).select_from(Issue)) == 0


def test_the_form_lists_the_missing_texts_at_the_languages_field(
    client: FlaskClient, bilingual: Session
) -> None:
    make_user(bilingual, EDITOR, "editor", bodies=[WG4])
    bilingual.commit()
    assert sign_in(client, EDITOR).status_code == 303
    response = submit(
        client,
        issue_url(bilingual),
        {"kind": "same", "languages": ["en", "fr"], "issued_on": "2018-05-21"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    errors = field_errors(html, "languages")
    assert "The Français version cannot be issued" in errors
    assert "The title of item 2 has no French text." in errors
    assert all_errors(html) == ["languages"]
    assert bilingual.scalar(select(func.count()).select_from(Issue)) == 0


# --- Refusals at their fields ------------------------------------------------------------------


def test_an_issued_language_cannot_be_issued_again(
    editor: FlaskClient, runner: FlaskCliRunner, reference: Session, fast_pdf: None
) -> None:
    assert issue_cli(runner, "--date", "2018-05-21", "--lang", "en").exit_code == 0
    response = submit(
        editor,
        issue_url(reference),
        {"kind": "same", "languages": ["en"], "issued_on": "2018-05-22"},
    )
    assert response.status_code == 422
    assert "was already issued in English on 21 May 2018" in field_errors(
        response.get_data(as_text=True), "languages"
    )


def test_further_languages_are_issued_under_the_same_symbol(
    editor: FlaskClient, runner: FlaskCliRunner, reference: Session, fast_pdf: None
) -> None:
    assert issue_cli(runner, "--date", "2018-05-21", "--lang", "en").exit_code == 0
    url = issue_url(reference)
    form = editor.get(url).get_data(as_text=True)
    assert "Further language versions of CTOC/COP/WG.4/2018/1" in text_of(form)
    review = submit(editor, url, {"kind": "same", "languages": ["fr"], "issued_on": "2018-05-23"})
    assert review.status_code == 200
    assert confirm(editor, url, review).status_code == 303
    assert fetch(editor, SYMBOL, "fr", "html").status_code == 200
    assert fetch(editor, SYMBOL, "en", "html").status_code == 200


def test_a_revision_before_anything_is_issued_is_refused_at_its_field(
    editor: FlaskClient, reference: Session
) -> None:
    response = submit(
        editor,
        issue_url(reference),
        {"kind": "revision", "languages": ["en"], "issued_on": "2018-05-21"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Nothing has been issued yet" in field_errors(html, "kind")


def test_a_bad_date_is_refused_at_its_field_in_the_interface_language(
    editor: FlaskClient, reference: Session
) -> None:
    editor.set_cookie("ui_lang", "fr", domain="planner.example.org")
    refresh()
    response = submit(
        editor,
        issue_url(reference),
        {"kind": "same", "languages": ["en"], "issued_on": "21/05/2018"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert all_errors(html) == ["issued_on"]
    assert "21/05/2018\u00a0» n’est pas une date" in field_errors(html, "issued_on")
    assert reference.scalar(select(func.count()).select_from(Issue)) == 0


def test_a_changed_meeting_between_review_and_confirmation_is_shown_again(
    editor: FlaskClient, reference: Session, fast_pdf: None
) -> None:
    url = issue_url(reference)
    review = submit(editor, url, {"kind": "same", "languages": ["en"], "issued_on": "2018-05-21"})
    retitle_item_2(reference)
    meeting = meeting_record(reference)
    meeting.interpretation_meetings = 3  # any saved change moves the meeting's version
    reference.commit()
    again = confirm(editor, url, review)
    assert again.status_code == 200
    assert "The meeting was changed since you reviewed the issue" in text_of(
        again.get_data(as_text=True)
    )
    assert reference.scalar(select(func.count()).select_from(Issue)) == 0


# --- Access ------------------------------------------------------------------------------------


def test_the_form_needs_csrf(editor: FlaskClient, reference: Session) -> None:
    response = editor.post(
        issue_url(reference),
        data={"kind": "same", "languages": "en", "issued_on": "2018-05-21", "confirmed": "1"},
    )
    assert response.status_code == 400
    assert reference.scalar(select(func.count()).select_from(Issue)) == 0


@pytest.mark.parametrize("role", ["viewer", "editor of another body"])
def test_only_editors_of_the_body_may_issue(
    app: Flask, client: FlaskClient, reference: Session, role: str
) -> None:
    url = issue_url(reference)
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    if role == "viewer":
        make_user(reference, "someone@un.org", "viewer")
    else:
        other = Body(symbol="CTOC/COP/WG.6", meeting_word="meeting")
        other.texts["en"] = BodyText(lang="en", name="Working Group on Firearms", short_name="it")
        reference.add(other)
        make_user(reference, "someone@un.org", "editor", bodies=[other])
    reference.commit()
    assert sign_in(client, "someone@un.org").status_code == 303
    assert client.get(url).status_code == 403
    assert client.post(url, data={}).status_code in (400, 403)


def test_the_meeting_page_offers_issuing_to_editors_only(
    client: FlaskClient, editor: FlaskClient, reference: Session
) -> None:
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    assert 'class="issue-link"' in page
    assert "Not issued yet." in page


def test_readers_see_no_issue_link(client: FlaskClient, reference: Session) -> None:
    page = client.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    assert 'class="issue-link"' not in page


def test_issued_files_of_a_restricted_meeting_are_for_signed_in_staff(
    app: Flask, runner: FlaskCliRunner, reference: Session, fast_pdf: None
) -> None:
    meeting_record(reference).restricted = True
    reference.commit()
    assert issue_cli(runner, "--date", "2018-05-21", "--lang", "en").exit_code == 0
    anonymous = app.test_client()
    assert fetch(anonymous, SYMBOL, "en", "html").status_code == 403


def test_an_unknown_issued_file_is_not_found(client: FlaskClient, reference: Session) -> None:
    assert fetch(client, SYMBOL, "en", "pdf").status_code == 404


@pytest.fixture(autouse=True)
def _no_leftover_locale() -> Iterator[None]:
    yield
    refresh()


@pytest.mark.draft  # only a draft can be deleted
def test_issued_files_outlive_their_meeting(
    client: FlaskClient, runner: FlaskCliRunner, reference: Session, fast_pdf: None
) -> None:
    assert issue_cli(runner, "--date", "2018-05-21", "--lang", "en").exit_code == 0
    issued = fetch(client, SYMBOL, "en", "docx").data
    reference.delete(meeting_record(reference))
    reference.commit()
    assert fetch(client, SYMBOL, "en", "docx").data == issued


def test_further_languages_after_an_edit_are_warned_of_the_difference(
    editor: FlaskClient, runner: FlaskCliRunner, reference: Session, fast_pdf: None
) -> None:
    assert issue_cli(runner, "--date", "2018-05-21", "--lang", "en").exit_code == 0
    retitle_item_2(reference)
    review = submit(
        editor,
        issue_url(reference),
        {"kind": "same", "languages": ["fr"], "issued_on": "2018-05-23"},
    )
    page = text_of(review.get_data(as_text=True))
    assert "which the versions already issued under CTOC/COP/WG.4/2018/1 do not" in page
    assert f"to “{NEW_TITLE}”" in page


def test_an_issued_html_file_keeps_its_styles_under_the_content_security_policy(
    client: FlaskClient, runner: FlaskCliRunner, reference: Session, fast_pdf: None
) -> None:
    """Its <style> elements carry the nonce of the request that issued it: served today, it
    gets a policy of its own that lets its inline styles apply, and nothing else."""
    assert issue_cli(runner, "--date", "2018-05-21", "--lang", "en").exit_code == 0
    page = client.get(f"/meetings/{SYMBOL}/print?lang=en")
    response = fetch(client, SYMBOL, "en", "html")
    policy = response.headers["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy and "script-src" not in policy
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    # Every other page keeps the policy with the nonce of its own answer.
    assert "'unsafe-inline'" not in page.headers["Content-Security-Policy"]
