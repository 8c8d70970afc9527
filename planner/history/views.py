"""The history of meetings, for the people who may plan them: on each meeting's page, and per
body (including the meetings since deleted), with Undo."""

from __future__ import annotations

import re
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import yaml
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from planner.auth.access import require_editor, signed_in_user
from planner.core.changes import Said, describe
from planner.core.meetingfile import MeetingFileError
from planner.core.plain import MeetingData
from planner.extensions import db
from planner.history.service import UndoRefused, history, load_snapshot, undo
from planner.history.words import sentence
from planner.i18n import interface_language
from planner.models import Body, Change, Meeting

bp = Blueprint("history", __name__, url_prefix="/manage")

#: Facts said per change; a larger change says the first ones and how many more.
SHOWN_FACTS = 40
#: Changes told in words on a meeting's page (older ones: the summary only).
DETAILED_ON_MEETING_PAGE = 10
#: Changes per page of a body's history.
PER_PAGE = 20


@dataclass(frozen=True)
class Entry:
    change: Change
    sentences: list[str]  # what the change did, in words, in the interface language
    more: int  # facts not shown
    can_undo: bool
    exists: bool  # the meeting still exists


#: Facts of recorded changes, which never change: each change's YAML is read once.
_FACTS: OrderedDict[tuple[int, int, int], tuple[Said, ...]] = OrderedDict()
_CACHED = 256


def _facts(change: Change) -> tuple[Said, ...]:
    if change.subject != "meeting" or not (change.before or change.after):
        return ()
    # Keyed by content too: a rolled-back transaction may hand the same id out again.
    key = (change.id, hash(change.before), hash(change.after))
    found = _FACTS.get(key)
    if found is None:
        found = tuple(describe(_meeting_of(change.before), _meeting_of(change.after)))
        _FACTS[key] = found
        while len(_FACTS) > _CACHED:
            _FACTS.popitem(last=False)
    return found


def _meeting_of(snapshot: str) -> Any:
    """The one meeting of a recorded meeting file, as plain data (None: none recorded)."""
    data = load_snapshot(snapshot)
    try:
        return data["meetings"][0] if data else None
    except (KeyError, IndexError, TypeError):
        return None


#: The summary planner.services.imports gives an import: "Imported from FILE (n removed, …)".
_IMPORTED = re.compile(r"^Imported from (?P<file>.+?)(?: \(\d+ (?:removed|added|changed)[^)]*\))?$")


def _origin(change: Change) -> list[str]:
    """Where a change came from, when it was not a form: the meeting file it was imported from."""
    found = _IMPORTED.match(change.summary or "")
    return [_("Imported from %(file)s.", file=found["file"])] if found else []


def _entry(change: Change, exists: bool, meeting_word: str, detailed: bool = True) -> Entry:
    facts = list(_facts(change)) if detailed else []
    ui = interface_language()
    can_undo = change.undone_by_id is None and (change.action == "create" or bool(change.before))
    return Entry(
        change=change,
        sentences=_origin(change)
        + [sentence(fact, ui, meeting_word) for fact in facts[:SHOWN_FACTS]],
        more=max(0, len(facts) - SHOWN_FACTS),
        can_undo=can_undo,
        exists=exists,
    )


@bp.app_template_global()
def meeting_changes(meeting: MeetingData | Meeting) -> list[Entry] | None:
    """The meeting's changes, newest first, for a signed-in user who may edit it; else None."""
    user = signed_in_user()
    if user is None:
        return None
    record = db.session.scalar(select(Meeting).where(Meeting.public_id == meeting.public_id))
    if record is None or not user.can_edit(record.body):
        return None
    return [
        _entry(change, True, record.body.meeting_word, detailed=n < DETAILED_ON_MEETING_PAGE)
        for n, change in enumerate(history(db.session, record.public_id))
    ]


def _body_or_404(public_id: uuid.UUID) -> Body:
    body = db.session.scalar(select(Body).where(Body.public_id == public_id))
    if body is None:
        abort(404)
    return body


def body_changes(body: Body, limit: int, offset: int = 0) -> list[Change]:
    """Changes of the meetings of ``body`` and of its subsidiaries, deleted meetings included:
    by the meetings it has now, by symbol, or by the body named in the recorded meeting."""
    current = select(Meeting.public_id).where(Meeting.body_id == body.id)
    return list(
        db.session.scalars(
            select(Change)
            .where(
                Change.subject == "meeting",
                or_(
                    Change.subject_id.in_(current),
                    Change.subject_symbol.startswith(body.symbol + "/", autoescape=True),
                    Change.before.contains(f"- body: {body.symbol}\n", autoescape=True),
                ),
            )
            .order_by(Change.id.desc())
            .offset(offset)
            .limit(limit)
        )
    )


@bp.get("/bodies/<uuid:body_id>/history")
def body_history(body_id: uuid.UUID) -> str:
    body = _body_or_404(body_id)
    require_editor(body)
    page = max(1, request.args.get("page", 1, type=int) or 1)
    changes = body_changes(body, PER_PAGE + 1, (page - 1) * PER_PAGE)
    more = len(changes) > PER_PAGE
    changes = changes[:PER_PAGE]
    ids = {c.subject_id for c in changes}
    existing = set(db.session.scalars(select(Meeting.public_id).where(Meeting.public_id.in_(ids))))
    entries = [
        _entry(change, change.subject_id in existing, body.meeting_word) for change in changes
    ]
    return render_template(
        "history/body_history.html", body=body, entries=entries, page=page, more=more
    )


def _recorded_body(change: Change) -> Body | None:
    """The body of the meeting a change is about, even if the meeting is gone."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.public_id == change.subject_id))
    if meeting is not None:
        return meeting.body
    for text in (change.before, change.after):
        try:
            data = yaml.safe_load(text) if text else None
            symbol = data["meetings"][0]["body"]
        except (yaml.YAMLError, KeyError, IndexError, TypeError):
            continue
        return db.session.scalar(select(Body).where(Body.symbol == str(symbol)))
    return None


def _symbol_taken(change: Change) -> str | None:
    """Restoring a deleted meeting must not overwrite another that took its symbol since."""
    if not change.before:
        return None
    gone = db.session.scalar(select(Meeting.id).where(Meeting.public_id == change.subject_id))
    if gone is not None:
        return None
    other = db.session.scalar(select(Meeting).where(Meeting.symbol == change.subject_symbol))
    if other is None:
        return None
    return _(
        "The meeting cannot be brought back: %(symbol)s is now the symbol of another meeting. "
        "Change that meeting's symbol first.",
        symbol=change.subject_symbol,
    )


@bp.post("/changes/<int:change_id>/undo")
def undo_change(change_id: int) -> Response:
    change = db.session.get(Change, change_id)
    if change is None or change.subject != "meeting":
        abort(404)
    body = _recorded_body(change)
    if body is None:
        abort(404)
    user = require_editor(body)
    body_id, subject_id = body.public_id, change.subject_id
    refusal = _symbol_taken(change)
    if refusal:
        flash(refusal, "error")
        return _back(body_id, subject_id)
    symbol = change.subject_symbol
    try:
        undo(db.session, change, user)
        db.session.commit()
    except UndoRefused as refused:
        db.session.rollback()
        flash(_("Nothing was undone: %(reason)s", reason=str(refused)), "error")
    except (MeetingFileError, IntegrityError):
        db.session.rollback()
        flash(_("Nothing was undone: the recorded version can no longer be restored."), "error")
    except Exception:
        db.session.rollback()
        raise
    else:
        flash(_("The change to %(symbol)s was undone.", symbol=symbol), "success")
    return _back(body_id, subject_id)


def _back(body_id: uuid.UUID, subject_id: uuid.UUID) -> Response:
    """Back to the meeting's page if the Undo was pressed there and the meeting exists (under
    its symbol now); else to the body's history."""
    if request.form.get("back") == "meeting":
        meeting = db.session.scalar(select(Meeting).where(Meeting.public_id == subject_id))
        if meeting is not None:
            return redirect(
                url_for("meetings.meeting_page", symbol=meeting.symbol, _anchor="history"), 303
            )
    return redirect(url_for("history.body_history", body_id=body_id), 303)
