"""Copy from a previous meeting: staff choose the meeting to copy; copied texts that still
mention it are flagged "carried over, review" until edited or confirmed; `planner check` lists
them with the items left without annotation or documentation."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from planner.models import AgendaItem, Body, Meeting
from tests.web.formdata import all_errors, form_fields, text_of
from tests.web.helpers import csrf_token_in, make_user, sign_in

WG4 = "CTOC/COP/WG.4"
EDITOR = "editor@un.org"
COPY = "CTOC/COP/WG.4/2019/1"


@pytest.fixture
def wg4(reference: Session) -> Body:
    body = reference.scalar(select(Body).where(Body.symbol == WG4))
    assert body is not None
    return body


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    make_user(reference, EDITOR, "editor", bodies=[WG4])
    reference.commit()
    assert sign_in(client, EDITOR).status_code == 303
    return client


def copy(client: FlaskClient, body: Body, changes: dict[str, Any], query: str = "") -> TestResponse:
    url = f"/manage/bodies/{body.public_id}/meetings/copy{query}"
    page = client.get(url)
    assert page.status_code == 200
    fields = form_fields(page.get_data(as_text=True))
    fields.update(changes)
    return client.post(url, data=fields, headers={"Referer": page.request.url})


def _meeting(session: Session, symbol: str) -> Meeting:
    session.expire_all()
    found = session.scalar(select(Meeting).where(Meeting.symbol == symbol))
    assert found is not None
    return found


def _flagged(meeting: Meeting) -> dict[str, str]:
    return {
        item.standard or item.text("title").get("en", ""): item.carried_over
        for item in meeting.items
        if item.carried_over
    }


@pytest.fixture
def copied(editor: FlaskClient, wg4: Body, reference: Session) -> Meeting:
    response = copy(editor, wg4, {})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    return _meeting(reference, COPY)


def test_copied_texts_that_mention_the_previous_meeting_are_flagged(
    copied: Meeting, editor: FlaskClient
) -> None:
    flagged = _flagged(copied)
    # The annotation of the adoption of the agenda speaks of "the eighth meeting … on 2 and 3
    # July 2018" in every language.
    assert set(flagged) == {"adoption_of_agenda"}
    mentions = flagged["adoption_of_agenda"].splitlines()
    for phrase in ("eighth", "on 2 and 3 July 2018", "huitième", "第八", "восьмое"):
        assert phrase in mentions
    page = editor.get(f"/manage/meetings/{copied.public_id}/agenda").get_data(as_text=True)
    assert page.count("Carried over, review") == 1


def test_the_flag_shows_in_the_item_editor_and_confirm_clears_it(
    copied: Meeting, editor: FlaskClient, reference: Session
) -> None:
    item = next(i for i in copied.items if i.standard == "adoption_of_agenda")
    url = f"/manage/meetings/{copied.public_id}/agenda/items/{item.public_id}"
    page = editor.get(url).get_data(as_text=True)
    assert "Carried over, review" in page and "“<bdi>on 2 and 3 July 2018</bdi>”" in page
    response = editor.post(
        f"{url}/confirm",
        data={"csrf_token": csrf_token_in(page), "version": str(item.version)},
        headers={"Referer": "https://planner.example.org" + url},
    )
    assert response.status_code == 302
    reference.expire_all()
    assert reference.get(AgendaItem, item.id).carried_over == ""  # type: ignore[union-attr]
    assert "Carried over, review" not in editor.get(url).get_data(as_text=True)


def test_a_stale_confirm_is_refused(
    copied: Meeting, editor: FlaskClient, reference: Session
) -> None:
    item = next(i for i in copied.items if i.standard == "adoption_of_agenda")
    url = f"/manage/meetings/{copied.public_id}/agenda/items/{item.public_id}"
    page = editor.get(url).get_data(as_text=True)
    seen = item.version
    item.minutes = 25  # a colleague saves the item in between
    reference.commit()
    response = editor.post(
        f"{url}/confirm",
        data={"csrf_token": csrf_token_in(page), "version": str(seen)},
        headers={"Referer": "https://planner.example.org" + url},
        follow_redirects=True,
    )
    assert "Not confirmed: someone else changed item" in text_of(response.get_data(as_text=True))
    reference.expire_all()
    assert reference.get(AgendaItem, item.id).carried_over  # type: ignore[union-attr]


def test_editing_the_texts_clears_the_flag(
    copied: Meeting, editor: FlaskClient, reference: Session
) -> None:
    item = next(i for i in copied.items if i.standard == "adoption_of_agenda")
    url = f"/manage/meetings/{copied.public_id}/agenda/items/{item.public_id}"
    page = editor.get(url).get_data(as_text=True)
    fields = form_fields(page, css_class="item-form")
    fields["annotation-en"] = "The ninth meeting will be held in Vienna on 1 and 2 July 2019."
    referer = "https://planner.example.org" + url
    response = editor.post(url, data=fields, headers={"Referer": referer})
    assert response.status_code == 302
    reference.expire_all()
    assert reference.get(AgendaItem, item.id).carried_over == ""  # type: ignore[union-attr]


def test_staff_choose_the_meeting_to_copy(
    copied: Meeting, editor: FlaskClient, wg4: Body, reference: Session
) -> None:
    base = f"/manage/bodies/{wg4.public_id}/meetings/copy"
    latest = editor.get(base).get_data(as_text=True)
    assert form_fields(latest)["number"] == "10"  # from the latest meeting: 2019, the ninth
    first = _meeting(reference, "CTOC/COP/WG.4/2018/1")
    chosen = editor.get(f"{base}?source={first.public_id}").get_data(as_text=True)
    fields = form_fields(chosen)
    assert fields["source"] == str(first.public_id) and fields["number"] == "9"
    assert "Starts from CTOC/COP/WG.4/2018/1" in text_of(chosen)
    response = copy(
        editor,
        wg4,
        {"symbol": "CTOC/COP/WG.4/2020/1", "start": "2020-06-29", "end": "2020-06-30"},
        query=f"?source={first.public_id}",
    )
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    # Copied from the eighth meeting: its texts are flagged against the eighth meeting.
    assert set(_flagged(_meeting(reference, "CTOC/COP/WG.4/2020/1"))) == {"adoption_of_agenda"}


def test_check_lists_carried_over_texts_and_items_without_annotation_or_documents(
    copied: Meeting, runner: FlaskCliRunner
) -> None:
    result = runner.invoke(args=["planner", "check", COPY])
    lines = result.output.splitlines()
    carried = [line for line in lines if "carried over, review" in line]
    assert len(carried) == 1 and carried[0].startswith("warning: Item 1(b) was copied")
    assert "“on 2 and 3 July 2018”" in carried[0]
    # Substantive items were copied without annotation or documents.
    assert "warning: Item 2 has no annotation." in lines
    assert "warning: Item 2 lists no documentation." in lines
    # Standard items are annotated by planner's own sentences and need no documentation.
    assert not any(line.startswith("warning: Item 1(a)") for line in lines)
