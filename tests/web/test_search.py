"""Search for staff: meetings, agenda items and documents by words or symbol, in any language."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import current_app
from flask.testing import FlaskClient
from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from planner.models import AgendaItem, AgendaItemText, Meeting
from planner.search.services import search
from tests.conftest import REFERENCE
from tests.web.helpers import make_user, sign_in


@pytest.fixture
def staff(client: FlaskClient, reference: Session) -> FlaskClient:
    make_user(reference, "viewer@un.org", "viewer")
    assert sign_in(client, "viewer@un.org").status_code == 303
    return client


def _page(client: FlaskClient, query: str) -> str:
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _section(html: str, heading_id: str) -> str:
    start = html.find(f'id="{heading_id}"')
    if start < 0:
        return ""
    end = html.find("</section>", start)
    return html[start:end]


def test_search_needs_a_signed_in_user(client: FlaskClient, reference: Session) -> None:
    response = client.get("/search?q=trafficking")
    assert response.status_code in (302, 303)
    assert "/sign-in" in response.headers["Location"]


def test_header_has_a_search_box_for_staff_only(client: FlaskClient, reference: Session) -> None:
    assert 'role="search"' not in client.get("/").get_data(as_text=True)
    make_user(reference, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    home = client.get("/").get_data(as_text=True)
    assert 'role="search"' in home and 'action="/search"' in home


def test_finds_a_meeting_by_its_symbol(staff: FlaskClient) -> None:
    meetings = _section(_page(staff, "wg.4/2018/1"), "found-meetings")
    assert "/meetings/CTOC/COP/WG.4/2018/1" in meetings


def test_finds_a_meeting_by_city_in_chinese(staff: FlaskClient) -> None:
    meetings = _section(_page(staff, "维也纳"), "found-meetings")
    assert "CTOC/COP/WG.4/2018/1" in meetings


def test_finds_an_agenda_item_by_words_in_any_case_with_its_number(staff: FlaskClient) -> None:
    items = _section(_page(staff, "QUESTIONNAIRE review"), "found-items")
    assert "#item-3" in items
    assert "Development of the questionnaire" in items


def test_item_numbers_are_counted_within_each_meeting(
    staff: FlaskClient, reference: Session, tmp_path: Path
) -> None:
    """Two meetings: each item's number comes from its own meeting's agenda."""
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["meetings"][0].update(
        symbol="CTOC/COP/WG.4/2019/1", number=9, start="2019-07-01", end="2019-07-02"
    )
    copy = tmp_path / "copy.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = current_app.test_cli_runner().invoke(args=["planner", "import", str(copy)])
    assert result.exit_code == 0, result.output
    items = _section(_page(staff, "questionnaire review"), "found-items")
    assert items.count("#item-3") == 2 and "#item-6" not in items


def test_every_word_must_match(staff: FlaskClient) -> None:
    html = _page(staff, "questionnaire zanzibar")
    assert "found-items" not in html and "found-documents" not in html
    assert "Nothing found" in html


def test_finds_a_standard_item_by_its_title(staff: FlaskClient) -> None:
    items = _section(_page(staff, "adoption of the report"), "found-items")
    assert "#item-5" in items


def test_finds_a_document_by_symbol_and_links_it_to_undocs(staff: FlaskClient) -> None:
    documents = _section(_page(staff, "crp.1"), "found-documents")
    assert 'href="https://undocs.org/en/CTOC/COP/WG.4/2018/CRP.1"' in documents


def test_folds_case_beyond_ascii(staff: FlaskClient, reference: Session) -> None:
    """SQLite's own lower() folds ASCII only; the search folds Cyrillic too."""
    item = reference.scalars(
        select(AgendaItem).join(AgendaItemText).where(AgendaItemText.title.like("International%"))
    ).one()
    item.texts["ru"] = AgendaItemText(lang="ru", title="МЕЖДУНАРОДНОЕ СОТРУДНИЧЕСТВО")
    reference.flush()
    items = _section(_page(staff, "сотрудничество"), "found-items")
    assert "#item-2" in items
    assert 'lang="ru"' in items  # the text that matched is shown, in its language


def test_restricted_meetings_are_left_out_for_readers_who_may_not_read_them(
    reference: Session,
) -> None:
    meeting = reference.scalars(select(Meeting)).one()
    meeting.restricted = True
    reference.flush()
    hidden = search(reference, "vienna questionnaire", restricted=False)
    shown = search(reference, "vienna", restricted=True)
    assert hidden.meetings == [] and hidden.items == []
    assert [m.symbol for m in shown.meetings] == ["CTOC/COP/WG.4/2018/1"]


@contextmanager
def _statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def test_query_count_does_not_grow_with_the_results(staff: FlaskClient, reference: Session) -> None:
    _page(staff, "questionnaire")  # warm the session's user and caches
    with _statements() as few:
        html = _page(staff, "questionnaire")
    assert html.count('class="found-item"') == 1
    meeting = reference.scalars(select(Meeting)).one()
    for n in range(6):
        reference.add(
            AgendaItem(
                meeting=meeting,
                position=10 + n,
                texts={"en": AgendaItemText(lang="en", title=f"Questionnaire, part {n}")},
            )
        )
    reference.flush()
    with _statements() as many:
        html = _page(staff, "questionnaire")
    assert html.count('class="found-item"') == 7
    assert len(many) == len(few)
