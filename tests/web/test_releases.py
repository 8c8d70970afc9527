"""Draft and published meetings over HTTP: a draft is for signed-in staff only; publishing makes
it public; later edits reach the public page, documents and feeds only with the next release,
and then each changed event's SEQUENCE rises once. Published meetings are cancelled, not
deleted; the public page shows no problems panel, history or unpublished changes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import icalendar
import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.feeds import service
from planner.models import Body, Meeting, MeetingRelease, User
from tests.web.formdata import all_errors, form_fields, text_of
from tests.web.helpers import (
    RequestScopedClient,
    make_user,
    post_form,
    publish_through_the_page,
    request_scoped_client,
    sign_in,
)

SYMBOL = "CTOC/COP/WG.4/2018/1"
PAGE = f"/meetings/{SYMBOL}"
DOCUMENTS = (PAGE, f"{PAGE}/print", f"{PAGE}/agenda.pdf", f"{PAGE}/agenda.docx")
#: "Today" for the feeds: a month before the reference meeting, inside every window.
TODAY = date(2018, 6, 1)


@pytest.fixture(autouse=True)
def _fixed_day_and_cold_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(service, "today", lambda: TODAY)
    service.cache.clear()
    yield
    service.cache.clear()


@pytest.fixture
def meeting(reference: Session) -> Meeting:
    found = reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert found is not None
    return found


@pytest.fixture
def anonymous(app: Flask, reference: Session) -> RequestScopedClient:
    reference.commit()
    return request_scoped_client(app)


@pytest.fixture
def editor(app: Flask, reference: Session) -> RequestScopedClient:
    make_user(reference, "planner@un.org", "editor", bodies=["CTOC/COP/WG.4"])
    reference.commit()
    client = request_scoped_client(app)
    assert sign_in(client, "planner@un.org").status_code == 303
    return client


def _feed_urls(meeting: Meeting) -> dict[str, str]:
    return {
        "meeting": f"/feeds/meetings/{meeting.public_id}.ics",
        "body": f"/feeds/bodies/{meeting.body.public_id}.ics",
        "all": "/feeds/all.ics",
    }


def _events(client: RequestScopedClient, url: str) -> dict[str, icalendar.Event]:
    service.cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    assert response.content_type == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _uids(meeting: Meeting) -> set[str]:
    return {str(meeting.public_id)} | {str(s.public_id) for s in meeting.slots}


def _edit(client: RequestScopedClient, meeting: Meeting, changes: dict[str, str]) -> None:
    url = f"/manage/meetings/{meeting.public_id}/edit"
    page = client.get(url)
    fields = form_fields(page.get_data(as_text=True))
    fields.update(changes)
    response = client.post(url, data=fields, headers={"Referer": page.request.url})
    assert response.status_code == 303, all_errors(response.get_data(as_text=True))


# -- a draft ---------------------------------------------------------------------------------


@pytest.mark.draft
def test_a_draft_is_404_for_anonymous_readers_page_documents_and_feed(
    anonymous: RequestScopedClient, meeting: Meeting
) -> None:
    for url in (*DOCUMENTS, _feed_urls(meeting)["meeting"]):
        assert anonymous.get(url).status_code == 404, url
    assert anonymous.get(f"{_feed_urls(meeting)['meeting']}?lang=zh").status_code == 404


@pytest.mark.draft
def test_a_draft_is_absent_from_the_home_and_body_pages_and_every_feed(
    anonymous: RequestScopedClient, meeting: Meeting, reference: Session
) -> None:
    assert SYMBOL not in anonymous.get("/").get_data(as_text=True)
    assert SYMBOL not in anonymous.get("/bodies/CTOC/COP/WG.4").get_data(as_text=True)
    urls = _feed_urls(meeting)
    for kind in ("body", "all"):
        assert not _uids(meeting) & set(_events(anonymous, urls[kind])), kind


@pytest.mark.draft
def test_a_draft_is_in_no_private_feed_either(
    anonymous: RequestScopedClient, meeting: Meeting, reference: Session
) -> None:
    viewer = User(email="viewer@example.org", role="viewer")
    reference.add(viewer)
    reference.commit()
    prefix = f"/feeds/private/{viewer.public_id}/{_token(anonymous, viewer)}"
    assert anonymous.get(f"{prefix}/meetings/{meeting.public_id}.ics").status_code == 404
    assert not _uids(meeting) & set(_events(anonymous, f"{prefix}/all.ics"))


def _token(client: RequestScopedClient, user: User) -> str:
    with client.application.test_request_context():
        return service.feed_token(user)


@pytest.mark.draft
def test_signed_in_staff_see_a_draft_marked_as_such_with_a_publish_button(
    editor: RequestScopedClient, meeting: Meeting
) -> None:
    for url in DOCUMENTS[:2]:
        assert editor.get(url).status_code == 200, url
    page = editor.get(PAGE).get_data(as_text=True)
    assert "Only signed-in staff see this meeting" in page
    assert "First publication." in text_of(page)
    assert "Publish the meeting" in page
    assert f'href="/manage/meetings/{meeting.public_id}/delete"' in page  # a draft is deleted
    home = editor.get("/").get_data(as_text=True)
    assert SYMBOL in home and "Draft" in text_of(home)


@pytest.mark.draft
def test_publish_command_makes_the_draft_public(
    runner: FlaskCliRunner, anonymous: RequestScopedClient, meeting: Meeting
) -> None:
    result = runner.invoke(args=["planner", "publish", SYMBOL])
    assert result.exit_code == 0, result.output
    assert f"{SYMBOL}: published release 1" in result.output
    assert "First publication." in result.output
    for url in DOCUMENTS[:2]:
        assert anonymous.get(url).status_code == 200, url
    assert SYMBOL in anonymous.get("/").get_data(as_text=True)
    assert SYMBOL in anonymous.get("/bodies/CTOC/COP/WG.4").get_data(as_text=True)
    for kind, url in _feed_urls(meeting).items():
        assert _uids(meeting) <= set(_events(anonymous, url)), kind
    again = runner.invoke(args=["planner", "publish", SYMBOL])
    assert again.exit_code == 0 and "nothing to publish" in again.output


@pytest.mark.draft
def test_publishing_through_the_page_makes_the_draft_public(
    editor: RequestScopedClient, anonymous: RequestScopedClient, meeting: Meeting
) -> None:
    response = publish_through_the_page(editor, SYMBOL)
    assert response.status_code == 303
    assert "Release 1 of" in text_of(editor.get(response.location).get_data(as_text=True))
    assert anonymous.get(PAGE).status_code == 200
    assert _uids(meeting) <= set(_events(anonymous, _feed_urls(meeting)["meeting"]))


# -- after publishing: releases ----------------------------------------------------------------


def _without_nonce(html: str) -> str:
    return re.sub(r' nonce="[^"]*"', "", html)


def test_edits_after_publishing_change_nothing_public_until_the_next_release(
    editor: RequestScopedClient,
    anonymous: RequestScopedClient,
    meeting: Meeting,
    reference: Session,
) -> None:
    urls = _feed_urls(meeting)
    page = anonymous.get(PAGE).get_data(as_text=True)
    printed = anonymous.get(f"{PAGE}/print").get_data(as_text=True)
    feeds = {kind: _events(anonymous, url) for kind, url in urls.items()}
    raw = {kind: anonymous.get(url).data for kind, url in urls.items()}

    # two reschedules: every event changes twice in the working copy
    _edit(editor, meeting, {"start": "2018-07-09", "end": "2018-07-10"})
    _edit(editor, meeting, {"start": "2018-07-16", "end": "2018-07-17"})
    reference.expire_all()
    assert meeting.sequence == 2  # staff's working copy moved at every save

    # The same page, but for the nonce of its style element (new at every answer).
    assert _without_nonce(anonymous.get(PAGE).get_data(as_text=True)) == _without_nonce(page)
    assert _without_nonce(anonymous.get(f"{PAGE}/print").get_data(as_text=True)) == (
        _without_nonce(printed)
    )
    for kind, url in urls.items():
        service.cache.clear()
        assert anonymous.get(url).data == raw[kind], kind
    assert "16 and 17 July 2018" not in page + printed
    staff_page = editor.get(f"{PAGE}/print").get_data(as_text=True)
    assert "16 and 17 July 2018" in staff_page  # staff work on the meeting as it is

    assert publish_through_the_page(editor, SYMBOL).status_code == 303
    assert "16 and 17 July 2018" in anonymous.get(f"{PAGE}/print").get_data(as_text=True)
    assert "16 and 17 July 2018" in anonymous.get(PAGE).get_data(as_text=True)
    for kind, url in urls.items():
        after = _events(anonymous, url)
        for uid in _uids(meeting):
            old, new = feeds[kind][uid], after[uid]
            assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1, (kind, uid)
            assert new["LAST-MODIFIED"].dt > old["LAST-MODIFIED"].dt
            assert new["DTSTART"].dt.day in (16, 17), (kind, uid)


def test_an_event_that_did_not_change_keeps_its_sequence_in_the_next_release(
    editor: RequestScopedClient, anonymous: RequestScopedClient, meeting: Meeting
) -> None:
    url = _feed_urls(meeting)["meeting"]
    before = _events(anonymous, url)
    # interpretation shows in the half-day meetings' events, not in the all-day event
    _edit(editor, meeting, {"interpretation_meetings": "3"})
    assert publish_through_the_page(editor, SYMBOL).status_code == 303
    after = _events(anonymous, url)
    whole = str(meeting.public_id)
    assert after[whole]["SEQUENCE"] == before[whole]["SEQUENCE"]
    raised = [
        uid for uid in after if uid != whole and after[uid]["SEQUENCE"] != before[uid]["SEQUENCE"]
    ]
    assert raised
    for uid in raised:
        assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1


def test_the_page_lists_releases_for_everyone_and_unpublished_changes_for_staff(
    editor: RequestScopedClient, anonymous: RequestScopedClient, meeting: Meeting
) -> None:
    _edit(editor, meeting, {"status": "confirmed"})
    staff = text_of(editor.get(PAGE).get_data(as_text=True))
    assert "Not yet published" in staff
    assert "Status changed from Planned to Confirmed." in staff
    public = text_of(anonymous.get(PAGE).get_data(as_text=True))
    assert "Release 1" in public and "First publication." in public
    assert "Not yet published" not in public and "Confirmed" not in public
    assert "command line" not in public  # who published is for staff

    assert publish_through_the_page(editor, SYMBOL).status_code == 303
    public = text_of(anonymous.get(PAGE).get_data(as_text=True))
    assert "Release 2" in public and "Status changed from Planned to Confirmed." in public
    staff = text_of(editor.get(PAGE).get_data(as_text=True))
    assert "Nothing: the public sees the meeting as it is." in staff


def test_publishing_after_a_colleagues_change_publishes_nothing(
    app: Flask, editor: RequestScopedClient, meeting: Meeting, reference: Session
) -> None:
    _edit(editor, meeting, {"status": "confirmed"})
    html = editor.get(PAGE).get_data(as_text=True)
    colleague = request_scoped_client(app)
    make_user(reference, "colleague@un.org", "editor", bodies=["CTOC/COP/WG.4"])
    reference.commit()
    assert sign_in(colleague, "colleague@un.org").status_code == 303
    _edit(colleague, meeting, {"venue-en": "Conference Room C"})
    seen = form_fields(html, css_class=None, index=_publish_form_index(html))["seen"]
    response = post_form(
        editor, f"/manage/meetings/{meeting.public_id}/publish", {"seen": seen}, page=PAGE
    )
    assert response.status_code == 303
    assert "nothing was published" in text_of(editor.get(PAGE).get_data(as_text=True))
    count = reference.scalar(
        select(MeetingRelease.number)
        .where(MeetingRelease.meeting_id == meeting.id)
        .order_by(MeetingRelease.number.desc())
    )
    assert count == 1


def _publish_form_index(html: str) -> int:
    forms = html.split("<form")[1:]
    return next(i for i, form in enumerate(forms) if "/publish" in form.split(">", 1)[0])


def test_releases_command_lists_the_releases_and_what_is_not_yet_published(
    runner: FlaskCliRunner, editor: RequestScopedClient, meeting: Meeting
) -> None:
    _edit(editor, meeting, {"status": "confirmed"})
    assert runner.invoke(args=["planner", "publish", SYMBOL]).exit_code == 0
    _edit(editor, meeting, {"status": "postponed"})
    result = runner.invoke(args=["planner", "releases", SYMBOL])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Not yet published:"
    assert "  - Status changed from Confirmed to Postponed." in lines
    assert any(line.startswith("Release 2, ") for line in lines)
    assert "  - Status changed from Planned to Confirmed." in lines
    assert any(line.startswith("Release 1, ") for line in lines)
    assert "  - First publication." in lines
    missing = runner.invoke(args=["planner", "releases", "NO/SUCH/1"])
    assert missing.exit_code != 0 and "No meeting has the symbol" in missing.output


# -- what delegates see ------------------------------------------------------------------------


def test_the_problems_panel_is_for_signed_in_staff_only(
    editor: RequestScopedClient, anonymous: RequestScopedClient, meeting: Meeting
) -> None:
    # one meeting with interpretation: the items no longer fit, a problem to resolve
    _edit(editor, meeting, {"interpretation_meetings": "1"})
    assert publish_through_the_page(editor, SYMBOL).status_code == 303
    assert "Problems to resolve" in editor.get(PAGE).get_data(as_text=True)
    public = anonymous.get(PAGE).get_data(as_text=True)
    assert "Problems to resolve" not in public
    assert "does not fit" not in public
    assert 'id="history"' not in public


# -- deleting and cancelling -------------------------------------------------------------------


def test_a_published_meeting_is_cancelled_not_deleted(
    editor: RequestScopedClient,
    anonymous: RequestScopedClient,
    meeting: Meeting,
    reference: Session,
) -> None:
    url = f"/manage/meetings/{meeting.public_id}/delete"
    links = editor.get(PAGE).get_data(as_text=True)
    assert f'href="/manage/meetings/{meeting.public_id}/cancel"' in links and url not in links
    asked = editor.get(url)
    assert asked.status_code == 303 and asked.location.endswith(
        f"/manage/meetings/{meeting.public_id}/cancel"
    )
    refused = post_form(editor, url, {"version": str(meeting.version)}, page=PAGE)
    assert refused.status_code == 303 and refused.location.endswith("/cancel")
    reference.expire_all()
    assert reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL)) is not None

    before = _events(anonymous, _feed_urls(meeting)["meeting"])
    cancel = f"/manage/meetings/{meeting.public_id}/cancel"
    assert "cannot be deleted" in editor.get(cancel).get_data(as_text=True)
    assert post_form(editor, cancel).status_code == 303
    reference.expire_all()
    assert meeting.status == "cancelled"
    after = _events(anonymous, _feed_urls(meeting)["meeting"])
    assert set(after) == set(before)
    for uid, event in after.items():
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["SUMMARY"]).startswith("Cancelled: ")
        assert int(event["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    public = text_of(anonymous.get(PAGE).get_data(as_text=True))
    assert "Status changed from Planned to Cancelled." in public


def test_a_cancelled_meetings_feed_stays_a_calendar_after_its_events_are_dropped(
    editor: RequestScopedClient,
    anonymous: RequestScopedClient,
    meeting: Meeting,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert post_form(editor, f"/manage/meetings/{meeting.public_id}/cancel").status_code == 303
    monkeypatch.setattr(service, "today", lambda: date(2019, 1, 1))  # past the 30 days kept
    assert _events(anonymous, _feed_urls(meeting)["meeting"]) == {}


def test_deleting_a_published_meeting_is_refused_by_the_service_too(
    meeting: Meeting, reference: Session
) -> None:
    from planner.planning.services import delete_meeting
    from planner.releases.service import PublishedMeeting

    editor = make_user(reference, "planner@un.org", "editor", bodies=["CTOC/COP/WG.4"])
    with pytest.raises(PublishedMeeting):
        delete_meeting(reference, editor, meeting, str(meeting.version))
    assert reference.scalar(select(Body).where(Body.symbol == "CTOC/COP/WG.4")) is not None


def test_a_new_symbol_reaches_the_public_address_with_the_next_release(
    editor: RequestScopedClient,
    anonymous: RequestScopedClient,
    meeting: Meeting,
    reference: Session,
) -> None:
    renamed = "CTOC/COP/WG.4/2018/2"
    # (the edit form does not store a new symbol today: set it as a service would)
    meeting.symbol = renamed
    reference.commit()
    assert anonymous.get(PAGE).status_code == 200  # the public still knows the old symbol
    assert anonymous.get(f"/meetings/{renamed}").status_code == 404
    assert editor.get(f"/meetings/{renamed}").status_code == 200
    assert publish_through_the_page(editor, renamed).status_code == 303
    assert anonymous.get(f"/meetings/{renamed}/print").status_code == 200
    assert anonymous.get(PAGE).status_code == 404
    assert "Symbol changed from CTOC/COP/WG.4/2018/1 to CTOC/COP/WG.4/2018/2." in text_of(
        anonymous.get(f"/meetings/{renamed}").get_data(as_text=True)
    )


@pytest.mark.draft
def test_publish_all_publishes_every_meeting_with_changes_and_needs_no_symbol(
    runner: FlaskCliRunner, anonymous: RequestScopedClient
) -> None:
    refused = runner.invoke(args=["planner", "publish"])
    assert refused.exit_code != 0 and "--all" in refused.output
    result = runner.invoke(args=["planner", "publish", "--all"])
    assert result.exit_code == 0, result.output
    assert f"{SYMBOL}: published release 1" in result.output
    assert anonymous.get(PAGE).status_code == 200
    again = runner.invoke(args=["planner", "publish", "--all"])
    assert again.exit_code == 0 and "published release" not in again.output


def test_a_meeting_created_through_the_form_is_a_draft(
    editor: RequestScopedClient, anonymous: RequestScopedClient, reference: Session
) -> None:
    body = reference.scalar(select(Body).where(Body.symbol == "CTOC/COP/WG.4"))
    assert body is not None
    url = f"/manage/bodies/{body.public_id}/meetings/new"
    form = editor.get(url)
    created = editor.post(
        url,
        data={
            **form_fields(form.get_data(as_text=True)),
            "symbol": "CTOC/COP/WG.4/2019/1",
            "number": "9",
            "start": "2019-07-01",
            "end": "2019-07-02",
            "timezone": "Europe/Vienna",
            "city-en": "Vienna",
            "venue-en": "Vienna International Centre",
            "interpretation_meetings": "0",
        },
        headers={"Referer": form.request.url},
    )
    assert created.status_code == 303, all_errors(created.get_data(as_text=True))
    page = "/meetings/CTOC/COP/WG.4/2019/1"
    assert editor.get(page).status_code == 200
    assert anonymous.get(page).status_code == 404
    assert "CTOC/COP/WG.4/2019/1" not in anonymous.get("/").get_data(as_text=True)
    new = reference.scalar(select(Meeting).where(Meeting.symbol == "CTOC/COP/WG.4/2019/1"))
    assert new is not None
    assert anonymous.get(f"/feeds/meetings/{new.public_id}.ics").status_code == 404
