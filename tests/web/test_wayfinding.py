"""Finding one's way and what delegates see: the body page's staff actions, the breadcrumb,
document symbols linked to the UN's document system, a cancelled meeting, Chinese punctuation,
the favicon."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from planner.core.pagetext import cancelled_mark, titled
from planner.core.symbols import document_url
from planner.models import Meeting
from tests.web.helpers import make_user, sign_in

SYMBOL = "CTOC/COP/WG.4/2018/1"
BODY = "CTOC/COP/WG.4"


def _page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _links(html: str) -> dict[str, str]:
    """Link text → address, for the staff links of a page."""
    block = re.search(r'<p class="manage-links">(.*?)</p>', html, re.S)
    assert block is not None, "no staff links"
    return {
        text.strip(): href
        for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', block.group(1))
    }


def test_the_body_page_offers_staff_actions_to_its_editors(
    client: FlaskClient, reference: Session
) -> None:
    assert 'class="manage-links"' not in _page(client, f"/bodies/{BODY}")
    make_user(reference, "editor@un.org", "editor", bodies=[BODY])
    sign_in(client, "editor@un.org")
    links = _links(_page(client, f"/bodies/{BODY}"))
    assert {"New meeting", "Copy from previous meeting", "Documents", "History"} <= set(links)
    assert "Edit body" not in links  # admins only
    assert links["History"].endswith("/history")


def test_the_body_page_offers_edit_body_to_admins(client: FlaskClient, reference: Session) -> None:
    make_user(reference, "admin@un.org", "admin")
    sign_in(client, "admin@un.org")
    links = _links(_page(client, f"/bodies/{BODY}"))
    assert "Edit body" in links and links["Edit body"].startswith("/manage/bodies/")


def test_the_breadcrumb_leads_to_the_body_page(client: FlaskClient, reference: Session) -> None:
    html = _page(client, f"/meetings/{SYMBOL}")
    crumbs = re.search(r'<nav class="breadcrumbs">(.*?)</nav>', html, re.S)
    assert crumbs is not None
    assert f'<a href="/bodies/{BODY}">{BODY}</a>' in crumbs.group(1)


@pytest.mark.parametrize("lang", ["en", "zh", "fr"])
def test_document_symbols_link_to_the_document_system_as_the_feeds_do(
    client: FlaskClient, reference: Session, lang: str
) -> None:
    html = _page(client, f"/meetings/{SYMBOL}?lang={lang}")
    for symbol in ("CTOC/COP/WG.4/2018/2", "CTOC/COP/WG.4/2018/CRP.1"):
        assert f'href="{document_url(symbol, lang)}"' in html
    assert document_url("CTOC/COP/WG.4/2018/2", lang) == (
        f"https://undocs.org/{lang}/CTOC/COP/WG.4/2018/2"
    )


def test_chinese_titles_take_the_full_width_colon(client: FlaskClient, reference: Session) -> None:
    html = _page(client, f"/meetings/{SYMBOL}?lang=zh")
    assert '<h1 lang="zh" dir="ltr">贩运人口问题工作组：第八次会议</h1>' in html
    subscribe = html.split('class="subscribe"')[1]
    assert "<p>贩运人口问题工作组：" in subscribe  # the calendar's name
    assert "工作组: " not in html
    assert titled("贩运人口问题工作组", "第九次会议", "zh") == "贩运人口问题工作组：第九次会议"


@pytest.fixture
def cancelled(reference: Session, meeting: Meeting) -> Meeting:
    """The reference meeting cancelled, and that published (as the Cancel button does)."""
    from planner.releases.service import publish

    meeting.status = "cancelled"
    reference.flush()
    publish(reference, meeting, None)
    reference.flush()
    return meeting


def test_a_cancelled_meeting_has_a_clear_banner(client: FlaskClient, cancelled: Meeting) -> None:
    html = _page(client, f"/meetings/{SYMBOL}")
    banner = re.search(r'<div class="banner banner-cancelled" role="alert">(.*?)</div>', html, re.S)
    assert banner is not None and "This meeting has been cancelled." in banner.group(1)
    assert "PDF (cancelled)" in html and "Word (cancelled)" in html
    assert "Print version (cancelled)" in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_print_version_of_a_cancelled_meeting_is_marked(
    client: FlaskClient, cancelled: Meeting, lang: str
) -> None:
    html = _page(client, f"/meetings/{SYMBOL}/print?lang={lang}")
    assert f'@top-center {{ content: "{cancelled_mark(lang)}";' in html  # on every printed page
    assert 'class="cancelled-notice"' in html


def test_a_meeting_that_is_held_has_no_cancelled_marks(
    client: FlaskClient, reference: Session
) -> None:
    for path in (f"/meetings/{SYMBOL}", f"/meetings/{SYMBOL}/print"):
        html = _page(client, path)
        assert (
            "banner-cancelled" not in html and "cancelled-notice" not in html.split("</style>")[-1]
        )
        assert "@top-center" not in html


def test_the_word_file_of_a_cancelled_meeting_says_so(
    client: FlaskClient, cancelled: Meeting
) -> None:
    from io import BytesIO

    from docx import Document

    response = client.get(f"/meetings/{SYMBOL}/agenda.docx?lang=en")
    assert response.status_code == 200
    doc = Document(BytesIO(response.data))
    first = doc.paragraphs[0].text
    assert "CANCELLED" in first and "This meeting has been cancelled." in first


def test_the_favicon_is_served_and_linked(client: FlaskClient, reference: Session) -> None:
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    html = _page(client, "/")
    assert 'rel="icon"' in html and "/favicon.ico" in html


def test_a_long_token_in_the_word_file_stays_in_wrapping_fixed_width_tables(
    client: FlaskClient, reference: Session, meeting: Meeting
) -> None:
    """Word breaks a word longer than the line at the margin, and in a table cell only when the
    table's layout is fixed (an autofit table widens past the page instead)."""
    from io import BytesIO

    from docx import Document
    from docx.oxml.ns import qn

    from planner.models import AgendaItem, AgendaItemText
    from planner.releases.service import publish

    token = "Trafficking" + "x" * 239
    item = next(i for i in meeting.items if i.minutes == 240)
    assert isinstance(item, AgendaItem)
    item.texts["en"] = AgendaItemText(lang="en", title=token)
    reference.flush()
    publish(reference, meeting, None)  # what delegates download: the published meeting
    reference.flush()
    response = client.get(f"/meetings/{SYMBOL}/agenda.docx?lang=en")
    assert response.status_code == 200
    doc = Document(BytesIO(response.data))
    assert any(token in p.text for p in doc.paragraphs)  # in the agenda, whole
    cells_with_token = [
        cell
        for table in doc.tables
        for row in table.rows
        for cell in row.cells
        if token in cell.text
    ]
    assert cells_with_token  # in the organization of work
    tables = doc.element.body.findall(".//" + qn("w:tbl"))
    assert len(tables) == len(doc.tables) > 0
    for table in tables:
        layout = table.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}")
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
    assert not doc.element.body.findall(".//" + qn("w:noWrap"))
