"""Two editors open the same agenda item; each changes only its texts. The second save is
refused with the colleague's change shown (before, the item's version did not move when only
its texts changed, and the second save silently won)."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.models import AgendaItem, Meeting
from tests.web.formdata import form_fields
from tests.web.helpers import make_user, request_scoped_client, sign_in

SYMBOL = "CTOC/COP/WG.4/2018/1"


def _open(client: FlaskClient, url: str) -> dict[str, str]:
    page = client.get(url)
    assert page.status_code == 200
    return form_fields(page.get_data(as_text=True), css_class="item-form")


def test_two_editors_change_an_items_texts_the_second_is_refused(
    app: Flask, reference: Session
) -> None:
    make_user(reference, "first@un.org", "editor", bodies=["CTOC/COP/WG.4"])
    make_user(reference, "second@un.org", "editor", bodies=["CTOC/COP/WG.4"])
    reference.commit()
    first, second = request_scoped_client(app), request_scoped_client(app)
    sign_in(first, "first@un.org")
    sign_in(second, "second@un.org")
    meeting = reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert meeting is not None
    item = next(i for i in meeting.items if i.standard is None)
    url = f"/manage/meetings/{meeting.public_id}/agenda/items/{item.public_id}"
    referer = {"Referer": "https://planner.example.org" + url}
    mine, theirs = _open(first, url), _open(second, url)

    mine["title-en"] = "The first editor's title"
    assert first.post(url, data=mine, headers=referer).status_code == 302
    theirs["annotation-en"] = "The second editor's annotation"
    refused = second.post(url, data=theirs, headers=referer)

    assert refused.status_code == 200
    page = refused.get_data(as_text=True)
    assert "Not saved: someone else changed this item" in page
    assert "first@un.org saved a change to this meeting" in page
    assert 'value="The first editor&#39;s title"' in page  # the colleague's change, in the form
    assert "The second editor&#39;s annotation" in page.split("Your version (not saved)")[1]
    reference.expire_all()
    saved = reference.get(AgendaItem, item.id)
    assert saved is not None
    assert saved.texts["en"].title == "The first editor's title"
    assert saved.texts["en"].annotation != "The second editor's annotation"
