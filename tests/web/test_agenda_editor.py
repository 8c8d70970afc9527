"""The agenda editor through its routes: add, edit, delete, reorder and nest items (by forms and
by drag and drop), attach documents; refusals leave the agenda as it was."""

from __future__ import annotations

import html
import re
from datetime import date
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from planner.agenda.services import agenda_revision
from planner.core.agenda import number_agenda
from planner.core.languages import LANGUAGES
from planner.history.service import history, undo
from planner.models import AgendaItem, Body, Change, Document, Meeting
from planner.services.snapshot import meeting_data
from tests.web.formdata import text_of
from tests.web.helpers import csrf_token_in, make_user, post_form, sign_in

SYMBOL = "CTOC/COP/WG.4/2018/1"
EDITOR = "editor@un.org"
#: The reference agenda: number → English title as planner shows it.
REFERENCE = {
    "1": "Organizational matters",
    "1(a)": "Opening of the meeting",
    "1(b)": "Adoption of the agenda and organization of work",
    "2": "International cooperation in trafficking in persons cases: taking into account the "
    "needs and rights of victims",
    "3": "Development of the questionnaire for the review of the implementation of the "
    "Trafficking in Persons Protocol",
    "4": "Other matters",
    "5": "Adoption of the report",
}


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    """The client, signed in as an editor of the Working Group."""
    make_user(reference, EDITOR, "editor", bodies=["CTOC/COP/WG.4"])
    # Committed, as in production: a request that rolls back (a refused change) keeps it.
    reference.commit()
    assert sign_in(client, EDITOR).status_code == 303
    return client


def numbers(session: Session, meeting: Meeting) -> dict[str, str]:
    """Each item's derived number → its English title (or its standard kind)."""
    session.expire_all()
    return {
        n.number: n.item.title.get("en") or str(n.item.standard)
        for n in number_agenda(meeting_data(meeting).agenda)
    }


def item_at(session: Session, meeting: Meeting, number: str) -> AgendaItem:
    session.expire_all()
    wanted = next(
        n.item.public_id for n in number_agenda(meeting_data(meeting).agenda) if n.number == number
    )
    item = session.scalar(select(AgendaItem).where(AgendaItem.public_id == wanted))
    assert item is not None
    return item


def base(meeting: Meeting) -> str:
    return f"/manage/meetings/{meeting.public_id}/agenda"


def changes(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Change)) or 0


def reference_numbers() -> dict[str, str]:
    kinds = {
        "1": "organizational_matters",
        "1(a)": "opening",
        "1(b)": "adoption_of_agenda",
        "4": "other_matters",
        "5": "adoption_of_report",
    }
    return {number: kinds.get(number, title) for number, title in REFERENCE.items()}


def move(client: FlaskClient, meeting: Meeting, number: str, direction: str) -> TestResponse:
    session_item = item_at(_session(meeting), meeting, number)
    return post_form(
        client,
        f"{base(meeting)}/items/{session_item.public_id}/move",
        {"direction": direction, "revision": agenda_revision(meeting)},
        page=base(meeting),
    )


def _session(meeting: Meeting) -> Session:
    from sqlalchemy.orm import object_session

    session = object_session(meeting)
    assert session is not None
    return session


# --- The page ----------------------------------------------------------------------------------


def test_editor_shows_the_tree_with_derived_numbers(editor: FlaskClient, meeting: Meeting) -> None:
    response = editor.get(base(meeting))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for number, title in REFERENCE.items():
        assert re.search(
            rf'<span class="number">{re.escape(number)}</span>\s*<span class="title"[^>]*>'
            rf"{re.escape(title)}</span>",
            page,
        ), number
    # the keyboard alternative: small POST forms with CSRF
    assert page.count('value="indent"') >= 1 and page.count('value="outdent"') == 2
    assert 'name="csrf_token"' in page and "agenda.js" in page
    assert 'data-move-url="/manage/meetings/' in page


def test_meeting_page_links_to_the_editors_for_editors_only(
    client: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    anonymous = client.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    assert base(meeting) not in anonymous
    make_user(reference, EDITOR, "editor", bodies=["CTOC/COP/WG.4"])
    sign_in(client, EDITOR)
    page = client.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    assert base(meeting) in page
    assert f"/manage/meetings/{meeting.public_id}/organization-of-work" in page


# --- Adding ------------------------------------------------------------------------------------


def test_a_new_item_goes_before_the_closing_standard_items(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = post_form(
        editor,
        f"{base(meeting)}/new",
        {"title-en": "Trafficking and technology", "title-zh": "贩运与技术", "minutes": "60"},
    )
    assert response.status_code == 302
    before = reference_numbers()
    assert numbers(reference, meeting) == {
        **{k: v for k, v in before.items() if k not in ("4", "5")},
        "4": "Trafficking and technology",
        "5": "other_matters",
        "6": "adoption_of_report",
    }
    item = item_at(reference, meeting, "4")
    assert item.minutes == 60 and item.text("title")["zh"] == "贩运与技术"
    assert history(reference, meeting.public_id)[0].summary == "Agenda item added"


def test_add_a_sub_item(editor: FlaskClient, meeting: Meeting, reference: Session) -> None:
    parent = item_at(reference, meeting, "2")
    response = post_form(
        editor, f"{base(meeting)}/new?parent={parent.public_id}", {"title-en": "Victims"}
    )
    assert response.status_code == 302
    assert numbers(reference, meeting)["2(a)"] == "Victims"


def test_add_an_item_without_a_title_is_refused_at_the_field(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = post_form(editor, f"{base(meeting)}/new", {"minutes": "30"})
    assert response.status_code == 200
    assert "Give the item a title in at least one language." in response.get_data(as_text=True)
    assert numbers(reference, meeting) == reference_numbers()


def test_add_a_standard_item_where_it_usually_goes(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = post_form(
        editor,
        f"{base(meeting)}/standard",
        {"std-kind": "election_of_officers", "std-where": "usual"},
        page=base(meeting),
    )
    assert response.status_code == 302
    got = numbers(reference, meeting)
    assert got["1(a)"] == "opening"
    assert got["1(b)"] == "election_of_officers"
    assert got["1(c)"] == "adoption_of_agenda"
    assert not item_at(reference, meeting, "1(b)").texts  # planner knows its title


def test_a_standard_item_the_agenda_has_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    page = editor.get(base(meeting)).get_data(as_text=True)
    menu = page.split('name="std-kind"')[1].split("</select>")[0]
    assert 'value="election_of_officers"' in menu and 'value="opening"' not in menu
    response = post_form(
        editor,
        f"{base(meeting)}/standard",
        {"std-kind": "opening", "std-where": ""},
        page=base(meeting),
    )
    assert response.status_code == 302
    assert numbers(reference, meeting) == reference_numbers()
    followed = editor.get(base(meeting)).get_data(as_text=True)
    assert "Choose a standard item the agenda does not have yet." in followed


# --- Editing -----------------------------------------------------------------------------------


def _edit_url(meeting: Meeting, item: AgendaItem) -> str:
    return f"{base(meeting)}/items/{item.public_id}"


def _form_fields(editor: FlaskClient, url: str) -> dict[str, str]:
    """The values the edit form shows (inputs and text areas), as a browser would send them."""
    page = editor.get(url).get_data(as_text=True)
    form = page.split('class="item-form"')[1].split("</form>")[0]
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and name.group(1) != "csrf_token":
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    areas = re.findall(r'<textarea[^>]*name="([^"]*)"[^>]*>\n?(.*?)</textarea>', form, re.S)
    for name, content in areas:
        fields[name] = html.unescape(content)
    select = re.search(r'<select[^>]*name="pin".*?</select>', form, re.S)
    assert select is not None
    chosen = re.search(r'<option selected value="([^"]*)"', select.group(0))
    fields["pin"] = chosen.group(1) if chosen else ""
    return fields


def test_edit_an_item(editor: FlaskClient, meeting: Meeting, reference: Session) -> None:
    item = item_at(reference, meeting, "3")
    annotation = item.text("annotation")
    assert "\n\n" in annotation["en"] and annotation["zh"]
    url = _edit_url(meeting, item)
    fields = _form_fields(editor, url)
    assert fields["version"] == str(item.version)
    assert fields["minutes"] == "270"
    fields.update(
        {
            "title-en": "Questionnaire",
            "title-fr": "Questionnaire",
            "minutes": "200",
            "pin": "2-1",
            "annotation-fr": "Premier paragraphe.\r\n\r\nSecond paragraphe.",
        }
    )
    response = post_form(editor, url, fields)
    assert response.status_code == 302
    item = item_at(reference, meeting, "3")
    assert (
        item.text("title")["en"] == "Questionnaire" and item.text("title")["fr"] == "Questionnaire"
    )
    assert (item.minutes, item.pin_day, item.pin_meeting) == (200, 2, 1)
    # sent back unchanged, paragraphs and all; a browser's CR LF is stored as a line break
    assert item.text("annotation") == {
        **annotation,
        "fr": "Premier paragraphe.\n\nSecond paragraphe.",
    }
    assert history(reference, meeting.public_id)[0].summary == "Agenda item 3 edited"


def test_a_standard_item_may_keep_an_empty_title(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "4")
    url = _edit_url(meeting, item)
    page = editor.get(url).get_data(as_text=True)
    assert 'placeholder="Other matters"' in page and 'placeholder="其他事项"' in page
    fields = _form_fields(editor, url)
    fields["minutes"] = "45"
    assert post_form(editor, url, fields).status_code == 302
    item = item_at(reference, meeting, "4")
    assert item.minutes == 45 and not item.text("title")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minutes", "ninety", "Give the estimated time in whole minutes"),
        ("minutes", "0", "Give the estimated time in whole minutes"),
        ("minutes", "-5", "Give the estimated time in whole minutes"),
        ("pin", "3-1", "The meeting has no day 3: it lasts 2 days."),
        ("pin", "1-3", "Day 1 has no half-day meeting 3."),
        ("pin", "soon", "Choose a half-day meeting from the list."),
        ("title-en", "", "Give the item a title in at least one language."),
    ],
)
def test_a_bad_value_gets_a_message_at_the_field_and_nothing_is_saved(
    editor: FlaskClient,
    meeting: Meeting,
    reference: Session,
    field: str,
    value: str,
    message: str,
) -> None:
    item = item_at(reference, meeting, "2")
    version = item.version
    url = _edit_url(meeting, item)
    fields = _form_fields(editor, url)
    fields.update({f"title-{code}": "" for code in LANGUAGES})
    fields.update({"title-en": "Changed", field: value})
    response = post_form(editor, url, fields)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    errors = re.findall(r'<ul class="field-errors" id="([^"]*)-errors">\s*<li>([^<]*)</li>', page)
    assert any(message in text for _id, text in errors), errors
    where = {"minutes": "minutes", "pin": "pin", "title-en": "title"}[field]
    assert [i for i, text in errors if message in text] == [where]
    item = item_at(reference, meeting, "2")
    assert item.version == version and item.minutes == 240 and item.pin_day is None
    assert item.text("title")["en"] == REFERENCE["2"]


def test_a_stale_form_is_refused_and_shows_the_colleagues_values(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "2")
    url = _edit_url(meeting, item)
    fields = _form_fields(editor, url)
    # A colleague saves the item while the form is open.
    item.texts["en"].title = "The colleague's title"
    item.minutes = 180
    reference.commit()
    fields.update({"title-en": "My title", "minutes": "100"})
    response = post_form(editor, url, fields)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Not saved: someone else changed this item" in page
    assert 'value="The colleague&#39;s title"' in page and 'value="180"' in page
    assert "My title" in page.split("Your version (not saved)")[1]
    item = item_at(reference, meeting, "2")
    assert item.text("title")["en"] == "The colleague's title" and item.minutes == 180
    # the form now carries the current version: saving again works
    again = _form_fields(editor, url)
    assert again["version"] == str(item.version)


def test_a_save_that_loses_the_race_at_the_database_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form's version was current when checked, but a colleague's save reached the database
    just before ours: SQLAlchemy's version check refuses the write (StaleDataError)."""
    from planner.agenda import views

    real_update = views.update_item

    def colleague_first(session: Session, item: AgendaItem, **fields: object) -> None:
        session.execute(
            text("UPDATE agenda_items SET version = version + 1 WHERE id = :id"), {"id": item.id}
        )
        real_update(session, item, **fields)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "update_item", colleague_first)
    item = item_at(reference, meeting, "2")
    url = _edit_url(meeting, item)
    before = changes(reference)
    fields = _form_fields(editor, url)
    fields.update({"title-en": "My title", "minutes": "100"})
    response = post_form(editor, url, fields)
    assert response.status_code == 200
    assert "Not saved: someone else changed this item" in response.get_data(as_text=True)
    item = item_at(reference, meeting, "2")
    assert item.text("title")["en"] == REFERENCE["2"] and item.minutes == 240
    assert changes(reference) == before


# --- Deleting ----------------------------------------------------------------------------------


def test_delete_an_item_with_its_sub_items_and_undo_it(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "1")
    url = f"{base(meeting)}/items/{item.public_id}/delete"
    page = editor.get(url).get_data(as_text=True)
    assert "Opening of the meeting" in page  # the sub-items that go with it are listed
    revision = re.search(r'name="revision"[^>]*value="([^"]*)"', page)
    assert revision is not None
    response = post_form(editor, url, {"revision": revision.group(1)})
    assert response.status_code == 302
    assert numbers(reference, meeting) == {
        "1": REFERENCE["2"],
        "2": REFERENCE["3"],
        "3": "other_matters",
        "4": "adoption_of_report",
    }
    change = history(reference, meeting.public_id)[0]
    assert change.summary == "Agenda item 1 deleted"
    undo(reference, change, None)
    assert numbers(reference, meeting) == reference_numbers()


def test_delete_with_a_stale_revision_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "3")
    response = post_form(
        editor, f"{base(meeting)}/items/{item.public_id}/delete", {"revision": "old"}
    )
    assert response.status_code == 302
    assert numbers(reference, meeting) == reference_numbers()


# --- Reordering and nesting with the buttons ---------------------------------------------------


def test_move_up_down_indent_outdent(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    r2, r3 = REFERENCE["2"], REFERENCE["3"]
    assert move(editor, meeting, "3", "up").status_code == 302
    assert numbers(reference, meeting)["2"] == r3 and numbers(reference, meeting)["3"] == r2
    assert move(editor, meeting, "2", "down").status_code == 302
    assert numbers(reference, meeting) == reference_numbers()
    assert move(editor, meeting, "3", "indent").status_code == 302
    got = numbers(reference, meeting)
    assert got["2(a)"] == r3 and got["3"] == "other_matters" and got["4"] == "adoption_of_report"
    assert move(editor, meeting, "2(a)", "outdent").status_code == 302
    assert numbers(reference, meeting) == reference_numbers()
    assert move(editor, meeting, "1(b)", "outdent").status_code == 302
    got = numbers(reference, meeting)
    assert got["1(a)"] == "opening" and got["2"] == "adoption_of_agenda" and got["3"] == r2
    summaries = [c.summary for c in history(reference, meeting.public_id)]
    assert summaries[0] == "Agenda item 1(b) moved" and len(summaries) >= 5


def test_an_impossible_move_is_refused_with_a_message(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = move(editor, meeting, "1", "up")
    assert response.status_code == 302
    page = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "already the first of its group" in page
    assert numbers(reference, meeting) == reference_numbers()


def test_a_move_on_a_changed_agenda_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "3")
    revision = agenda_revision(meeting)
    item_at(reference, meeting, "2").position = 9  # a colleague reorders meanwhile
    reference.flush()
    after_colleague = numbers(reference, meeting)
    response = post_form(
        editor,
        f"{base(meeting)}/items/{item.public_id}/move",
        {"direction": "up", "revision": revision},
        page=base(meeting),
    )
    assert response.status_code == 302
    assert numbers(reference, meeting) == after_colleague
    assert "Someone else changed the agenda" in editor.get(base(meeting)).get_data(as_text=True)


# --- Drag and drop -----------------------------------------------------------------------------


def _drop(
    client: FlaskClient, meeting: Meeting, body: dict[str, object], *, token: bool = True
) -> TestResponse:
    page = client.get(f"/meetings/{SYMBOL}")
    headers = {"Referer": page.request.url}
    if token:
        headers["X-CSRFToken"] = csrf_token_in(client.get("/sign-in").get_data(as_text=True))
    return client.post(f"{base(meeting)}/move", json=body, headers=headers)


def test_drag_and_drop_moves_an_item(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "3")
    parent = item_at(reference, meeting, "2")
    response = _drop(
        editor,
        meeting,
        {
            "item": str(item.public_id),
            "parent": str(parent.public_id),
            "index": 0,
            "revision": agenda_revision(meeting),
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["ok"] is True and body["numbers"][str(item.public_id)] == "2(a)"
    assert body["revision"] == agenda_revision(meeting)
    got = numbers(reference, meeting)
    assert got["2(a)"] == REFERENCE["3"] and got["3"] == "other_matters"


def test_drag_and_drop_to_the_top_level(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "1(a)")
    response = _drop(
        editor,
        meeting,
        {
            "item": str(item.public_id),
            "parent": None,
            "index": 0,
            "revision": agenda_revision(meeting),
        },
    )
    assert response.status_code == 200
    got = numbers(reference, meeting)
    assert got["1"] == "opening" and got["2"] == "organizational_matters"
    assert got["2(a)"] == "adoption_of_agenda"


def test_drag_and_drop_needs_the_csrf_header(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "3")
    before = changes(reference)
    response = _drop(
        editor,
        meeting,
        {
            "item": str(item.public_id),
            "parent": None,
            "index": 0,
            "revision": agenda_revision(meeting),
        },
        token=False,
    )
    assert response.status_code == 400
    assert numbers(reference, meeting) == reference_numbers() and changes(reference) == before


def _drop_under(client: FlaskClient, meeting: Meeting, moved: str, parent: str) -> TestResponse:
    session = _session(meeting)
    item, target = item_at(session, meeting, moved), item_at(session, meeting, parent)
    return _drop(
        client,
        meeting,
        {
            "item": str(item.public_id),
            "parent": str(target.public_id),
            "index": 0,
            "revision": agenda_revision(meeting),
        },
    )


def test_drag_and_drop_refuses_a_cycle(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = _drop_under(editor, meeting, "1", "1(a)")
    assert response.status_code == 409
    assert "under itself or under one of its own sub-items" in response.get_json()["error"]
    assert numbers(reference, meeting) == reference_numbers()


def test_drag_and_drop_refuses_a_fourth_level(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    assert _drop_under(editor, meeting, "3", "2").status_code == 200
    nested = numbers(reference, meeting)
    assert nested["2(a)"] == REFERENCE["3"]
    response = _drop_under(editor, meeting, "2", "1(a)")
    assert response.status_code == 409
    assert "nest at most 3 levels deep" in response.get_json()["error"]
    assert numbers(reference, meeting) == nested


def test_drag_and_drop_on_a_changed_agenda_is_refused(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "3")
    response = _drop(
        editor,
        meeting,
        {"item": str(item.public_id), "parent": None, "index": 0, "revision": "stale"},
    )
    assert response.status_code == 409
    body = response.get_json()
    assert "Someone else changed the agenda" in body["error"]
    assert body["revision"] == agenda_revision(meeting)
    assert numbers(reference, meeting) == reference_numbers()


def test_drag_and_drop_needs_a_signed_in_editor(
    client: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = item_at(reference, meeting, "3")
    move = {
        "item": str(item.public_id),
        "parent": None,
        "index": 0,
        "revision": agenda_revision(meeting),
    }
    assert _drop(client, meeting, move).status_code == 401
    other_body = Body(symbol="A/AC.1", meeting_word="session")
    reference.add(other_body)
    make_user(reference, "elsewhere@un.org", "editor", bodies=[other_body])
    sign_in(client, "elsewhere@un.org")
    assert _drop(client, meeting, move).status_code == 403
    assert numbers(reference, meeting) == reference_numbers()


# --- Documents ---------------------------------------------------------------------------------


def _menu(editor: FlaskClient, url: str) -> list[str]:
    """The symbols the document picker offers on the page at ``url``."""
    page = editor.get(url).get_data(as_text=True)
    if 'name="doc-document"' not in page:
        return []
    menu = page.split('name="doc-document"')[1].split("</select>")[0]
    return [label.split(" — ")[0] for label in re.findall(r">([^<]+)</option>", menu)]


def test_the_document_picker_finds_by_words_body_and_year(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    reference.add_all(
        [
            Document(symbol="A/RES/55/25", kind="other"),
            Document(symbol="CTOC/COP/WG.4/2017/3", kind="report"),
        ]
    )
    reference.flush()
    url = _edit_url(meeting, item_at(reference, meeting, "1(a)"))
    # By default: the meeting's body and year.
    assert _menu(editor, url) == ["CTOC/COP/WG.4/2018/2", "CTOC/COP/WG.4/2018/CRP.1"]
    assert _menu(editor, f"{url}?docyear=2017") == ["CTOC/COP/WG.4/2017/3"]
    assert _menu(editor, f"{url}?docbody=&docyear=all&docq=RES/55") == ["A/RES/55/25"]
    # Words in any case, in the title in any language.
    assert _menu(editor, f"{url}?docq=QUESTIONNAIRE") == ["CTOC/COP/WG.4/2018/CRP.1"]
    assert _menu(editor, f"{url}?docq=调查问卷") == ["CTOC/COP/WG.4/2018/CRP.1"]
    page = editor.get(f"{url}?docq=zanzibar").get_data(as_text=True)
    assert "No other document matches" in page
    # The filter is a plain GET form: it works without JavaScript.
    assert re.search(r'<form method="get"[^>]*class="document-filter"', page)


def test_attach_reorder_and_remove_documents(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    reference.add_all(
        [
            Document(symbol="A/RES/55/25", kind="other"),
            Document(
                symbol="CTOC/COP/WG.4/2018/3", kind="note_by_secretariat", issued=date(2018, 4, 1)
            ),
        ]
    )
    reference.flush()
    item = item_at(reference, meeting, "2")
    url = _edit_url(meeting, item)
    assert _menu(editor, f"{url}?docbody=&docyear=all") == [
        "CTOC/COP/WG.4/2018/3",
        "CTOC/COP/WG.4/2018/CRP.1",
        "A/RES/55/25",
    ]

    def attach(symbol: str) -> None:
        doc = reference.scalar(select(Document).where(Document.symbol == symbol))
        assert doc is not None
        response = post_form(
            editor, f"{url}/documents", {"doc-document": str(doc.public_id)}, page=url
        )
        assert response.status_code == 302

    def listed() -> list[str]:
        reference.expire_all()
        data = meeting_data(meeting)
        found = next(n for n in number_agenda(data.agenda) if n.number == "2")
        return [d.symbol for d in found.item.documents]

    attach("CTOC/COP/WG.4/2018/3")
    attach("A/RES/55/25")
    assert listed() == ["CTOC/COP/WG.4/2018/2", "CTOC/COP/WG.4/2018/3", "A/RES/55/25"]
    doc = reference.scalar(select(Document).where(Document.symbol == "A/RES/55/25"))
    assert doc is not None
    assert post_form(editor, f"{url}/documents/{doc.public_id}/up", page=url).status_code == 302
    assert listed() == ["CTOC/COP/WG.4/2018/2", "A/RES/55/25", "CTOC/COP/WG.4/2018/3"]
    assert post_form(editor, f"{url}/documents/{doc.public_id}/remove", page=url).status_code == 302
    assert listed() == ["CTOC/COP/WG.4/2018/2", "CTOC/COP/WG.4/2018/3"]
    assert history(reference, meeting.public_id)[0].summary == (
        "Document A/RES/55/25 removed from agenda item 2"
    )


# --- Who may edit ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(
    client: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = client.get(base(meeting))
    assert response.status_code in (302, 303) and "/sign-in" in response.headers["Location"]
    item = item_at(reference, meeting, "3")
    before = changes(reference)
    token = csrf_token_in(client.get("/sign-in").get_data(as_text=True))
    referer = {"Referer": "https://planner.example.org/sign-in"}
    for path, data in [
        (f"{base(meeting)}/new", {"title-en": "Intruder"}),
        (
            f"{base(meeting)}/items/{item.public_id}/move",
            {"direction": "up", "revision": agenda_revision(meeting)},
        ),
        (f"{base(meeting)}/items/{item.public_id}/delete", {"revision": agenda_revision(meeting)}),
        (f"{base(meeting)}/standard", {"std-kind": "election_of_officers", "std-where": ""}),
    ]:
        answer = client.post(path, data={**data, "csrf_token": token}, headers=referer)
        assert answer.status_code in (302, 303, 401), path
        assert "/sign-in" in answer.headers.get("Location", "/sign-in")
    assert numbers(reference, meeting) == reference_numbers() and changes(reference) == before


def test_editors_of_other_bodies_change_nothing(
    client: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    other_body = Body(symbol="A/AC.1", meeting_word="session")
    reference.add(other_body)
    make_user(reference, "elsewhere@un.org", "editor", bodies=[other_body])
    sign_in(client, "elsewhere@un.org")
    assert client.get(base(meeting)).status_code == 403
    item = item_at(reference, meeting, "3")
    before = changes(reference)
    token = csrf_token_in(client.get("/sign-in").get_data(as_text=True))
    referer = {"Referer": "https://planner.example.org/sign-in"}
    for path, data in [
        (f"{base(meeting)}/new", {"title-en": "Intruder"}),
        (
            f"{base(meeting)}/items/{item.public_id}",
            {"title-en": "Intruder", "version": str(item.version)},
        ),
        (
            f"{base(meeting)}/items/{item.public_id}/move",
            {"direction": "up", "revision": agenda_revision(meeting)},
        ),
        (f"{base(meeting)}/items/{item.public_id}/delete", {"revision": agenda_revision(meeting)}),
    ]:
        answer = client.post(path, data={**data, "csrf_token": token}, headers=referer)
        assert answer.status_code == 403, path
    assert numbers(reference, meeting) == reference_numbers() and changes(reference) == before


def test_an_unknown_meeting_or_item_is_a_404(editor: FlaskClient, meeting: Meeting) -> None:
    assert editor.get(f"/manage/meetings/{UUID(int=1)}/agenda").status_code == 404
    assert editor.get(f"{base(meeting)}/items/{UUID(int=1)}").status_code == 404


def test_the_history_says_agenda_changes_in_words(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    added = post_form(editor, f"{base(meeting)}/new", {"title-en": "Trafficking and technology"})
    assert added.status_code == 302
    item = item_at(reference, meeting, "2")
    url = _edit_url(meeting, item)
    fields = {**_form_fields(editor, url), "minutes": "200"}
    assert post_form(editor, url, fields).status_code == 302
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    said = text_of(page.split('id="history"')[1])
    assert "Minutes of item 2 changed from 240 to 200." in said
    assert "Item 4 “Trafficking and technology” added." in said
    assert said.index("Minutes of item 2") < said.index("Item 4 “Trafficking")  # newest first
    assert "agenda[" not in said and "standard:" not in said  # no paths, no dumped agenda


def test_a_heading_shows_its_sub_items_time_read_only(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    heading = item_at(reference, meeting, "1")  # organizational matters: 10 + 20 minutes
    own = heading.minutes
    url = _edit_url(meeting, heading)
    page = editor.get(url).get_data(as_text=True)
    form = page.split('class="item-form"')[1].split("</form>")[0]
    assert 'name="minutes"' not in form
    assert re.search(r"<output[^>]*>\s*30\s*</output>", form)
    fields = {**_form_fields(editor, url), "minutes": "999"}
    assert post_form(editor, url, fields).status_code == 302
    assert item_at(reference, meeting, "1").minutes == own
