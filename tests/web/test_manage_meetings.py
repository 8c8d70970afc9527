"""Planning meetings through the forms: create, edit, reschedule, copy from the previous meeting
and delete; every refusal is shown at its field and leaves the database as it was."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.models import AgendaItem, Body, BodyText, Change, Meeting, TimeSlot
from planner.services.exporter import meeting_spec
from tests.web.formdata import all_errors, field_errors, form_fields, text_of
from tests.web.helpers import make_user, post_form, request_scoped_client, sign_in
from tests.web.helpers import submit_form as submit

SYMBOL = "CTOC/COP/WG.4/2018/1"
WG4 = "CTOC/COP/WG.4"
EDITOR = "editor@un.org"
COLLEAGUE = "colleague@un.org"
OTHER = "other@un.org"


@pytest.fixture
def wg4(reference: Session) -> Body:
    body = reference.scalar(select(Body).where(Body.symbol == WG4))
    assert body is not None
    return body


@pytest.fixture
def editor(client: FlaskClient, reference: Session) -> FlaskClient:
    """The client, signed in as an editor of the Working Group."""
    make_user(reference, EDITOR, "editor", bodies=[WG4])
    make_user(reference, COLLEAGUE, "editor", bodies=["CTOC/COP"])  # edits its subsidiaries
    reference.commit()  # as in production: a request that rolls back keeps them
    assert sign_in(client, EDITOR).status_code == 303
    return client


def counts(session: Session) -> dict[str, int]:
    session.expire_all()
    return {
        model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Meeting, TimeSlot, AgendaItem, Change)
    }


def new_url(body: Body) -> str:
    return f"/manage/bodies/{body.public_id}/meetings/new"


def edit_url(meeting: Meeting) -> str:
    return f"/manage/meetings/{meeting.public_id}/edit"


NEW_MEETING = {
    "symbol": "CTOC/COP/WG.4/2019/1",
    "number": "9",
    "start": "2019-07-01",
    "end": "2019-07-03",
    "timezone": "Europe/Vienna",
    # the form proposes the previous meeting's place; every language is given here
    **{f"city-{lang}": "" for lang in ("ar", "zh", "ru", "es")},
    **{f"venue-{lang}": "" for lang in ("ar", "zh", "fr", "ru", "es")},
    "city-en": "Vienna",
    "city-fr": "Vienne",
    "venue-en": "Vienna International Centre",
    "format": "hybrid",
    "status": "confirmed",
    "original_language": "en",
    "issued": "2019-04-20",
    "restricted": "y",
    "daily_meetings-0-start": "10:00",
    "daily_meetings-0-end": "13:00",
    "daily_meetings-1-start": "15:00",
    "daily_meetings-1-end": "18:00",
    "interpretation_meetings": "5",
    "interpretation_languages": ["ar", "zh", "en", "fr", "ru", "es"],
}


def slots_of(session: Session, symbol: str) -> list[TimeSlot]:
    session.expire_all()
    found = session.scalar(select(Meeting).where(Meeting.symbol == symbol))
    assert found is not None
    return sorted((s for s in found.slots if not s.cancelled), key=lambda s: (s.date, s.start))


# --- Creating ----------------------------------------------------------------------------------


def test_a_meeting_created_through_the_form_is_saved_whole(
    editor: FlaskClient, wg4: Body, reference: Session
) -> None:
    before = counts(reference)
    response = submit(editor, new_url(wg4), NEW_MEETING)
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    assert response.location.endswith("/meetings/CTOC/COP/WG.4/2019/1")
    reference.expire_all()
    created = reference.scalar(select(Meeting).where(Meeting.symbol == "CTOC/COP/WG.4/2019/1"))
    assert created is not None
    assert created.body.symbol == WG4 and created.number == 9
    assert (created.start_date, created.end_date) == (date(2019, 7, 1), date(2019, 7, 3))
    assert created.timezone == "Europe/Vienna" and created.format == "hybrid"
    assert created.status == "confirmed" and created.restricted
    assert created.issued == date(2019, 4, 20)
    assert created.text("city") == {"en": "Vienna", "fr": "Vienne"}
    assert created.interpretation_meetings == 5
    assert created.interpretation_languages == ("ar", "zh", "en", "fr", "ru", "es")
    assert [(s.start, s.end) for s in created.daily_slots] == [
        (time(10), time(13)),
        (time(15), time(18)),
    ]
    assert len(slots_of(reference, created.symbol)) == 6  # three days, two meetings a day
    # a new agenda starts with the standard items
    spec = meeting_spec(created)
    assert [i.standard for i in spec.agenda] == [
        "organizational_matters",
        "other_matters",
        "adoption_of_report",
    ]
    assert [i.standard for i in spec.agenda[0].items] == ["opening", "adoption_of_agenda"]
    after = counts(reference)
    assert after["Meeting"] == before["Meeting"] + 1
    change = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None and change.action == "create"
    assert change.subject_id == created.public_id and change.user_email == EDITOR


def test_the_new_meeting_form_proposes_the_next_number_and_symbol(
    editor: FlaskClient, wg4: Body
) -> None:
    fields = form_fields(editor.get(new_url(wg4)).get_data(as_text=True))
    assert fields["symbol"] == "CTOC/COP/WG.4/2019/1"
    assert fields["number"] == "9"
    assert fields["timezone"] == "Europe/Vienna"  # as the previous meeting
    assert fields["daily_meetings-0-start"] == "10:00"
    assert fields["start"] == "" and fields["end"] == ""


def _day_exception(**overrides: str) -> dict[str, str]:
    return {
        "days-0-date": "2019-07-03",
        "days-0-slots-0-start": "10:00",
        "days-0-slots-0-end": "13:00",
        **overrides,
    }


INVALID = [
    pytest.param({"symbol": "CTOC/COP/WG.4/2019"}, "symbol", "ends with a year", id="symbol-year"),
    pytest.param({"symbol": "ctoc/COP/WG.4/2019/1"}, "symbol", "capital letters", id="symbol-case"),
    pytest.param(
        {"symbol": "CTOC/COP/WG.6/2019/1"}, "symbol", "starts with CTOC/COP/WG.4/", id="other-body"
    ),
    pytest.param({"symbol": SYMBOL}, "symbol", "Another meeting already has", id="taken"),
    pytest.param({"symbol": ""}, "symbol", "Give the symbol", id="symbol-missing"),
    pytest.param({"number": "0"}, "number", "1 or more", id="number-zero"),
    pytest.param({"number": "nine"}, "number", "is not a whole number", id="number-text"),
    pytest.param({"end": "2019-06-30"}, "end", "ends (2019-06-30) before it starts", id="end"),
    pytest.param({"start": "2019-02-30"}, "start", "not a day of the calendar", id="no-such-day"),
    pytest.param({"start": "1/7/2019"}, "start", "Write dates as YYYY-MM-DD", id="date-format"),
    pytest.param({"start": ""}, "start", "Give the first day", id="start-missing"),
    pytest.param(
        {"timezone": "Europe/Viena"},
        "timezone",
        "Did you mean one of these: Europe/Vienna",
        id="tz-typo",
    ),
    pytest.param({"timezone": "Vienna"}, "timezone", "Europe/Vienna", id="tz-city"),
    pytest.param({"timezone": "Mars/Olympus"}, "timezone", "IANA name", id="tz-unknown"),
    pytest.param({"city-en": "", "city-fr": ""}, "city", "Give the city", id="city-missing"),
    pytest.param({"venue-en": "x" * 2001}, "venue-en", "", id="venue-too-long"),
    pytest.param(
        {"daily_meetings-0-end": "09:00"},
        "daily_meetings-0-end",
        "ends (09:00) before it starts (10:00)",
        id="slot-backwards",
    ),
    pytest.param(
        {"daily_meetings-0-end": "10:00"},
        "daily_meetings-0-end",
        "ends when it starts",
        id="slot-empty",
    ),
    pytest.param(
        {"daily_meetings-1-start": "12:00"},
        "daily_meetings-1-start",
        "overlaps the one from 10:00 to 13:00",
        id="slots-overlap",
    ),
    pytest.param(
        {"daily_meetings-0-start": "25:00"},
        "daily_meetings-0-start",
        "is not a time",
        id="no-such-time",
    ),
    pytest.param(
        {"daily_meetings-1-end": ""},
        "daily_meetings-1-end",
        "Give the time this half-day meeting ends",
        id="slot-half-given",
    ),
    pytest.param(
        {
            "daily_meetings-0-start": "",
            "daily_meetings-0-end": "",
            "daily_meetings-1-start": "",
            "daily_meetings-1-end": "",
        },
        "daily_meetings",
        "at least one half-day meeting",
        id="no-daily-meetings",
    ),
    pytest.param(
        _day_exception(**{"days-0-date": "2019-07-09"}),
        "days-0-date",
        "not one of the meeting's days (2019-07-01 to 2019-07-03)",
        id="exception-outside",
    ),
    pytest.param(
        _day_exception(**{"days-0-slots-0-end": "09:00"}),
        "days-0-slots-0-end",
        "before it starts",
        id="exception-slot-backwards",
    ),
    pytest.param(
        _day_exception(**{"days-0-slots-0-start": "", "days-0-slots-0-end": ""}),
        "days-0-no_meetings",
        "or tick",
        id="exception-empty",
    ),
    pytest.param(
        _day_exception(**{"days-0-date": ""}), "days-0-date", "Give the date", id="exception-date"
    ),
    pytest.param(
        {"interpretation_meetings": "7"},
        "interpretation_meetings",
        "At most 6",
        id="interpretation-over",
    ),
    pytest.param(
        {**_day_exception(**{"days-0-no_meetings": "y"}), "interpretation_meetings": "5"},
        "interpretation_meetings",
        "At most 4",
        id="interpretation-over-with-a-day-off",
    ),
    pytest.param(
        {"interpretation_meetings": "-1"},
        "interpretation_meetings",
        "cannot be negative",
        id="interpretation-negative",
    ),
    pytest.param(
        {"interpretation_meetings": ""},
        "interpretation_meetings",
        "Give the number of meetings with interpretation",
        id="interpretation-missing",
    ),
    pytest.param(
        {"interpretation_languages": None},
        "interpretation_languages",
        "Choose the languages",
        id="interpretation-languages",
    ),
    pytest.param(
        {"interpretation_languages": ["en", "de"]},
        "interpretation_languages",
        "",
        id="interpretation-unknown-language",
    ),
]


@pytest.mark.parametrize(("changes", "field", "message"), INVALID)
def test_each_problem_is_shown_at_its_field_and_nothing_is_saved(
    editor: FlaskClient,
    wg4: Body,
    reference: Session,
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    before = counts(reference)
    response = submit(editor, new_url(wg4), {**NEW_MEETING, **changes})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert all_errors(page) == [field], all_errors(page)
    assert message in field_errors(page, field)
    assert "nothing was saved" in page
    assert counts(reference) == before


def test_an_online_meeting_needs_no_city_or_venue(
    editor: FlaskClient, wg4: Body, reference: Session
) -> None:
    changes = {"format": "online", "city-en": "", "city-fr": "", "venue-en": ""}
    response = submit(editor, new_url(wg4), {**NEW_MEETING, **changes})
    assert response.status_code == 303
    reference.expire_all()
    created = reference.scalar(select(Meeting).where(Meeting.symbol == NEW_MEETING["symbol"]))
    assert created is not None and created.text("city") == {}


def test_a_day_with_other_hours_and_a_day_without_meetings(
    editor: FlaskClient, wg4: Body, reference: Session
) -> None:
    changes = {
        "end": "2019-07-04",
        "days-0-date": "2019-07-04",
        "days-0-slots-0-start": "10:00",
        "days-0-slots-0-end": "12:00",
        "days-1-date": "2019-07-02",
        "days-1-no_meetings": "y",
        "days-1-slots-0-start": "10:00",  # ignored: the day has no meetings
        "days-1-slots-0-end": "13:00",
    }
    response = submit(editor, new_url(wg4), {**NEW_MEETING, **changes})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    held = [(s.date, s.start, s.end) for s in slots_of(reference, NEW_MEETING["symbol"])]
    assert held == [
        (date(2019, 7, 1), time(10), time(13)),
        (date(2019, 7, 1), time(15), time(18)),
        (date(2019, 7, 3), time(10), time(13)),
        (date(2019, 7, 3), time(15), time(18)),
        (date(2019, 7, 4), time(10), time(12)),
    ]
    # the edit form shows both days again, in date order
    created = reference.scalar(select(Meeting).where(Meeting.symbol == NEW_MEETING["symbol"]))
    assert created is not None
    fields = form_fields(editor.get(edit_url(created)).get_data(as_text=True))
    assert fields["days-0-date"] == "2019-07-02" and fields["days-0-no_meetings"] == "y"
    assert fields["days-1-date"] == "2019-07-04" and fields["days-1-slots-0-end"] == "12:00"


def test_rows_are_added_and_removed_without_saving(
    editor: FlaskClient, wg4: Body, reference: Session
) -> None:
    before = counts(reference)
    response = submit(editor, new_url(wg4), {**NEW_MEETING, "add_daily": "Add"})
    assert response.status_code == 200
    fields = form_fields(response.get_data(as_text=True))
    assert fields["daily_meetings-2-start"] == "" and fields["daily_meetings-1-end"] == "18:00"
    assert counts(reference) == before

    response = submit(editor, new_url(wg4), {**NEW_MEETING, "add_day": "Add"})
    fields = form_fields(response.get_data(as_text=True))
    assert "days-0-date" in fields and "days-0-slots-0-start" in fields
    assert counts(reference) == before

    # a row marked "Remove" is dropped when saving; a half-day meeting alone remains
    removed = {**NEW_MEETING, "daily_meetings-0-remove": "y", "interpretation_meetings": "3"}
    response = submit(editor, new_url(wg4), removed)
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    held = slots_of(reference, NEW_MEETING["symbol"])
    assert [(s.start, s.end) for s in held] == [(time(15), time(18))] * 3


def test_rows_typed_out_of_order_are_put_in_order(
    editor: FlaskClient, wg4: Body, reference: Session
) -> None:
    swapped = {
        **NEW_MEETING,
        "daily_meetings-0-start": "15:00",
        "daily_meetings-0-end": "18:00",
        "daily_meetings-1-start": "10:00",
        "daily_meetings-1-end": "13:00",
    }
    assert submit(editor, new_url(wg4), swapped).status_code == 303
    created = reference.scalar(select(Meeting).where(Meeting.symbol == NEW_MEETING["symbol"]))
    assert created is not None
    assert [s.start for s in created.daily_slots] == [time(10), time(15)]


# --- Editing -----------------------------------------------------------------------------------


def test_editing_saves_and_records_the_change(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    response = submit(
        editor, edit_url(meeting), {"venue-en": "Board Room D", "status": "confirmed"}
    )
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    reference.expire_all()
    assert meeting.text("venue")["en"] == "Board Room D" and meeting.status == "confirmed"
    change = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None and change.action == "update"
    assert "venue" in change.summary and "status" in change.summary


def test_the_edit_form_shows_the_meeting(editor: FlaskClient, meeting: Meeting) -> None:
    page = editor.get(edit_url(meeting)).get_data(as_text=True)
    assert 'class="stale"' not in page and "nothing was saved" not in page
    fields = form_fields(page)
    assert fields["symbol"] == SYMBOL and fields["number"] == "8"
    assert fields["start"] == "2018-07-02" and fields["end"] == "2018-07-03"
    assert fields["daily_meetings-1-start"] == "15:00"
    assert fields["interpretation_meetings"] == "4"
    assert fields["version"] == str(meeting.version)


def test_rescheduling_keeps_the_half_day_meetings_and_raises_their_sequence(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    before = slots_of(reference, SYMBOL)
    ids = [s.public_id for s in before]
    sequences = [s.sequence for s in before]
    response = submit(editor, edit_url(meeting), {"start": "2018-07-09", "end": "2018-07-10"})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    after = slots_of(reference, SYMBOL)
    assert [s.public_id for s in after] == ids
    assert [s.date for s in after] == [date(2018, 7, 9)] * 2 + [date(2018, 7, 10)] * 2
    assert all(new.sequence > old for new, old in zip(after, sequences, strict=True))


def test_saving_an_unchanged_form_changes_nothing(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    before = counts(reference)
    ids = [s.public_id for s in slots_of(reference, SYMBOL)]
    response = submit(editor, edit_url(meeting), {})
    assert response.status_code == 303
    assert counts(reference) == before  # no change recorded
    assert [s.public_id for s in slots_of(reference, SYMBOL)] == ids


def test_a_stale_form_is_refused_and_shows_the_colleagues_version(
    app: Flask, editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    url = edit_url(meeting)
    opened = editor.get(url)
    mine = form_fields(opened.get_data(as_text=True))
    reference.commit()  # the request is over (in production each request has its own session)
    # A colleague saves the meeting while the form is open.
    colleague = request_scoped_client(app)
    assert sign_in(colleague, COLLEAGUE).status_code == 303
    assert submit(colleague, url, {"venue-en": "Their venue"}).status_code == 303
    # The old form is submitted.
    mine.update({"venue-en": "My venue", "number": "18"})
    response = editor.post(url, data=mine, headers={"Referer": opened.request.url})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert (
        "A colleague saved this meeting while you were editing; nothing was saved. Their "
        "version is shown below; re-apply your change." in text_of(page)
    )
    fields = form_fields(page)
    assert fields["venue-en"] == "Their venue" and fields["number"] == "8"  # their version
    notice = text_of(page.split('class="stale"')[1].split("</section>")[0])
    assert "My venue" in notice and "Their venue" in notice and "18" in notice
    reference.expire_all()
    assert meeting.text("venue")["en"] == "Their venue" and meeting.number == 8
    # the form shown carries the current version: submitting it again saves
    fields["venue-en"] = "My venue"
    again = editor.post(url, data=fields, headers={"Referer": opened.request.url})
    assert again.status_code == 303
    reference.expire_all()
    assert meeting.text("venue")["en"] == "My venue"


def test_a_reschedule_that_breaks_a_pin_is_refused_with_the_items_number(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    item = next(i for i in meeting.items if i.standard == "adoption_of_report")
    item.pin_day, item.pin_meeting = 2, 2
    reference.commit()
    before = counts(reference)
    response = submit(
        editor, edit_url(meeting), {"end": "2018-07-02", "interpretation_meetings": "2"}
    )
    assert response.status_code == 422
    page = text_of(response.get_data(as_text=True))
    assert "Agenda item 5: The item is pinned to day 2" in page
    assert counts(reference) == before
    reference.expire_all()
    assert meeting.end_date == date(2018, 7, 3)


# --- Deleting ----------------------------------------------------------------------------------


@pytest.mark.draft  # only a draft can be deleted
def test_deleting_asks_then_deletes_and_sends_to_the_history(
    editor: FlaskClient, meeting: Meeting, reference: Session, wg4: Body
) -> None:
    url = f"/manage/meetings/{meeting.public_id}/delete"
    page = editor.get(url).get_data(as_text=True)
    assert "can bring the meeting back" in page
    response = submit(editor, url, {})
    assert response.status_code == 303
    assert response.location.endswith(f"/manage/bodies/{wg4.public_id}/history")
    reference.expire_all()
    assert reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL)) is None
    assert reference.scalar(select(func.count()).select_from(TimeSlot)) == 0


@pytest.mark.draft  # only a draft can be deleted
def test_deleting_with_a_stale_page_deletes_nothing(
    editor: FlaskClient, meeting: Meeting, reference: Session
) -> None:
    url = f"/manage/meetings/{meeting.public_id}/delete"
    opened = editor.get(url)
    fields = form_fields(opened.get_data(as_text=True))
    meeting.number = 80
    reference.commit()
    response = editor.post(url, data=fields, headers={"Referer": opened.request.url})
    assert response.status_code == 409
    assert "nothing was deleted" in response.get_data(as_text=True)
    reference.expire_all()
    assert reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL)) is not None


# --- Copying from the previous meeting ---------------------------------------------------------


def test_copy_proposes_the_next_meeting(editor: FlaskClient, wg4: Body) -> None:
    page = editor.get(f"/manage/bodies/{wg4.public_id}/meetings/copy").get_data(as_text=True)
    fields = form_fields(page)
    assert fields["symbol"] == "CTOC/COP/WG.4/2019/1" and fields["number"] == "9"
    # the same weekdays 52 weeks later: Monday 1 and Tuesday 2 July 2019
    assert (fields["start"], fields["end"]) == ("2019-07-01", "2019-07-02")


def test_copy_from_the_previous_meeting(
    editor: FlaskClient, wg4: Body, meeting: Meeting, reference: Session
) -> None:
    old = meeting_spec(meeting)
    response = submit(editor, f"/manage/bodies/{wg4.public_id}/meetings/copy", {})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))
    reference.expire_all()
    copy = reference.scalar(select(Meeting).where(Meeting.symbol == "CTOC/COP/WG.4/2019/1"))
    assert copy is not None
    assert response.location.endswith(f"/manage/meetings/{copy.public_id}/edit")
    new = meeting_spec(copy)
    assert new.number == 9 and (new.start, new.end) == (date(2019, 7, 1), date(2019, 7, 2))
    assert (new.timezone, new.city, new.venue, new.format) == (
        old.timezone,
        old.city,
        old.venue,
        old.format,
    )
    assert new.daily_meetings == old.daily_meetings
    assert new.interpretation_meetings == old.interpretation_meetings
    assert new.interpretation_languages == old.interpretation_languages
    assert new.status == "planned" and new.issued is None

    def shape(items: Any) -> list[Any]:
        return [(i.standard, i.title, i.minutes, shape(i.items)) for i in items]

    assert shape(new.agenda) == shape(old.agenda)
    substantive = [i for i in new.agenda if not i.standard]
    assert substantive and all(not i.annotation and not i.documents for i in substantive)
    assert all(i.id not in {o.id for o in old.agenda} for i in new.agenda)
    assert new.id != old.id
    old_slots = {u for ids in old.slot_ids.values() for u in ids}
    assert not old_slots & {u for ids in new.slot_ids.values() for u in ids}
    # the previous meeting is untouched
    reference.expire_all()
    assert meeting_spec(meeting) == old


def test_copy_refuses_a_symbol_in_use_at_its_field(
    editor: FlaskClient, wg4: Body, reference: Session
) -> None:
    before = counts(reference)
    response = submit(editor, f"/manage/bodies/{wg4.public_id}/meetings/copy", {"symbol": SYMBOL})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Another meeting already has" in field_errors(page, "symbol")
    assert counts(reference) == before


def test_copy_caps_interpretation_at_what_the_new_dates_hold(
    editor: FlaskClient, wg4: Body, reference: Session
) -> None:
    response = submit(
        editor,
        f"/manage/bodies/{wg4.public_id}/meetings/copy",
        {"end": "2019-07-01"},
        follow_redirects=True,
    )
    assert "it is now planned for 2" in text_of(response.get_data(as_text=True))
    copy = reference.scalar(select(Meeting).where(Meeting.symbol == "CTOC/COP/WG.4/2019/1"))
    assert copy is not None and copy.interpretation_meetings == 2


def test_copy_without_a_previous_meeting_starts_a_new_one(
    editor: FlaskClient, reference: Session
) -> None:
    body = Body(symbol="CTOC/COP/WG.4/X", meeting_word="meeting")  # a subsidiary: editable
    body.texts["en"] = BodyText(lang="en", name="Expert group", short_name="the group")
    body.parent = reference.scalar(select(Body).where(Body.symbol == WG4))
    reference.add(body)
    reference.commit()
    response = editor.get(f"/manage/bodies/{body.public_id}/meetings/copy")
    assert response.status_code == 303
    assert response.location.endswith(f"/manage/bodies/{body.public_id}/meetings/new")


# --- Who may plan ------------------------------------------------------------------------------


def _other_body(session: Session) -> Body:
    body = Body(symbol="CTOC/COP/WG.6", meeting_word="meeting")
    body.texts["en"] = BodyText(lang="en", name="Working Group on Firearms", short_name="it")
    session.add(body)
    session.flush()
    return body


def test_an_editor_of_another_body_is_refused(
    client: FlaskClient, meeting: Meeting, wg4: Body, reference: Session
) -> None:
    make_user(reference, OTHER, "editor", bodies=[_other_body(reference)])
    reference.commit()
    assert sign_in(client, OTHER).status_code == 303
    before = counts(reference)
    for url in (
        edit_url(meeting),
        f"/manage/meetings/{meeting.public_id}/delete",
        new_url(wg4),
        f"/manage/bodies/{wg4.public_id}/meetings/copy",
    ):
        assert client.get(url).status_code == 403, url
        assert post_form(client, url, NEW_MEETING, page="/").status_code == 403, url
    assert counts(reference) == before


def test_anonymous_posts_go_to_sign_in_and_change_nothing(
    app: Flask, meeting: Meeting, wg4: Body, reference: Session
) -> None:
    reference.commit()
    anonymous = request_scoped_client(app)
    fields = form_fields(anonymous.get("/sign-in").get_data(as_text=True))
    before = counts(reference)
    for url in (
        edit_url(meeting),
        f"/manage/meetings/{meeting.public_id}/delete",
        new_url(wg4),
        f"/manage/bodies/{wg4.public_id}/meetings/copy",
    ):
        response = anonymous.post(
            url,
            data={**NEW_MEETING, "csrf_token": fields["csrf_token"]},
            headers={"Referer": "https://planner.example.org/sign-in"},
        )
        assert response.status_code in (302, 303), url
        assert "/sign-in" in response.location, url
        assert anonymous.get(url).status_code in (302, 303)
    assert counts(reference) == before


def test_the_meeting_and_home_pages_show_planning_links_to_editors_only(
    app: Flask, editor: FlaskClient, meeting: Meeting
) -> None:
    page = editor.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    # the reference meeting is published: it is cancelled, not deleted (a draft offers Delete)
    for link in (edit_url(meeting), f"/manage/meetings/{meeting.public_id}/cancel"):
        assert link in page
    assert "Copy from previous meeting" in page and "New meeting" in page
    home = editor.get("/").get_data(as_text=True)
    assert "Copy from previous meeting" in home and "New meeting" in home
    anonymous = request_scoped_client(app)
    public = anonymous.get(f"/meetings/{SYMBOL}").get_data(as_text=True)
    assert edit_url(meeting) not in public
    assert f"/manage/meetings/{meeting.public_id}/cancel" not in public
    assert "New meeting" not in anonymous.get("/").get_data(as_text=True)


def test_a_date_outside_a_week_is_fine(editor: FlaskClient, wg4: Body, reference: Session) -> None:
    """Long meetings (a session of two weeks) are planned like short ones."""
    start = date(2019, 7, 1)
    changes = {
        "start": start.isoformat(),
        "end": (start + timedelta(days=13)).isoformat(),
        "interpretation_meetings": "28",
    }
    assert submit(editor, new_url(wg4), {**NEW_MEETING, **changes}).status_code == 303
    assert len(slots_of(reference, NEW_MEETING["symbol"])) == 28
