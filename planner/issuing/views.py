"""Issuing pages: the issue form and its confirmation (for the editors of the meeting's body),
the files as issued (at a stable address, for every reader of the meeting), and the list of
issued versions that the meeting page includes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from planner.auth.access import can_read_restricted, require_editor
from planner.core import formatting
from planner.core.issuing import (
    ISSUED_FORMATS,
    IssueKind,
    IssueRefused,
    ListedVersion,
    issued_filename,
    listing,
    next_issue,
)
from planner.core.languages import LANGUAGES
from planner.core.plain import MeetingData
from planner.extensions import db
from planner.issuing import services, wording
from planner.issuing.forms import IssueForm
from planner.manage.fields import add_error
from planner.models import Meeting
from planner.models.base import utcnow
from planner.services.snapshot import meeting_data, meetings_query
from planner.serving import STATIC_DOCUMENT_POLICY

bp = Blueprint("issuing", __name__)

Page = str | tuple[str, int] | BaseResponse


def _ui() -> str:
    """The interface language: messages, dates and titles in the differences are in it."""
    ui = str(get_locale() or "en")
    return ui if ui in LANGUAGES else "en"


def _meeting_or_404(public_id: uuid.UUID) -> Meeting:
    meeting = db.session.scalar(meetings_query().where(Meeting.public_id == public_id))
    if meeting is None:
        abort(404)
    return meeting


def _kind(form: IssueForm) -> IssueKind | None:
    return None if form.kind.data in (None, "", "same") else form.kind.data  # type: ignore[return-value]


def _kind_choices(form: IssueForm, meeting: Meeting) -> None:
    """Label the choices with the symbols they would take."""
    past = services.history(services.issues_of(db.session, meeting))
    same = next_issue(meeting.symbol, past, None)
    if not past:
        form.kind.choices = [
            SelectChoice("same", _("The original, %(symbol)s", symbol=same.symbol)),
            SelectChoice("revision", _("A revision (once the original is issued)")),
            SelectChoice("corrigendum", _("A corrigendum (once the original is issued)")),
        ]
        return
    revision = next_issue(meeting.symbol, past, "revision").symbol
    corrigendum = next_issue(meeting.symbol, past, "corrigendum").symbol
    form.kind.choices = [
        SelectChoice("same", _("Further language versions of %(symbol)s", symbol=same.symbol)),
        SelectChoice(
            "revision", _("A revision, %(symbol)s, replacing the issued text", symbol=revision)
        ),
        SelectChoice(
            "corrigendum",
            _("A corrigendum, %(symbol)s, correcting the issued text", symbol=corrigendum),
        ),
    ]


def _form_page(form: IssueForm, meeting: Meeting, status: int = 200, **context: Any) -> Page:
    page = render_template("issued/form.html", form=form, meeting=meeting, **context)
    return (page, status) if status != 200 else page


def _prepare(form: IssueForm, meeting: Meeting, data: MeetingData) -> services.Prepared | None:
    """The issue the form asks for, or None with the reasons at their fields."""
    if not form.validate():
        return None
    lang = _ui()
    try:
        return services.prepare(
            db.session,
            meeting,
            data,
            _kind(form),
            form.languages.languages,
            form.issued_on.data,
            lang,
        )
    except IssueRefused as error:
        name, message = wording.refusal(error, lang)
        add_error(form[name], message)
    except services.MissingTexts as error:
        for message in wording.missing(error, lang):
            add_error(form.languages, message)
    return None


@bp.route("/manage/meetings/<uuid:public_id>/issue", methods=["GET", "POST"])
def issue_form(public_id: uuid.UUID) -> Page:
    meeting = _meeting_or_404(public_id)
    user = require_editor(meeting.body)
    form = IssueForm()
    _kind_choices(form, meeting)
    if request.method == "GET":
        form.issued_on.data = utcnow().date()
        form.languages.data = list(_unissued(meeting))
        return _form_page(form, meeting)
    data = meeting_data(meeting)
    prepared = _prepare(form, meeting, data)
    if prepared is None:
        return _form_page(form, meeting, 422, invalid=True)
    lang = _ui()
    changed_meanwhile = bool(form.confirmed.data) and form.confirmed.data != str(meeting.version)
    if not form.confirmed.data or changed_meanwhile:
        form.confirmed.data = str(meeting.version)
        return render_template(
            "issued/confirm.html",
            form=form,
            meeting=meeting,
            prepared=prepared,
            differences=[wording.difference(d, lang) for d in prepared.differences],
            changed_meanwhile=changed_meanwhile,
            KIND_LABELS=wording.KIND_LABELS,
        )
    try:
        record = services.issue(db.session, meeting, prepared, user)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    flash(
        _(
            "%(symbol)s was issued on %(date)s; its files are kept as issued.",
            symbol=record.symbol,
            date=record.issued_on.isoformat(),
        ),
        "success",
    )
    return redirect(url_for("meetings.meeting_page", symbol=meeting.symbol), 303)


def _unissued(meeting: Meeting) -> tuple[str, ...]:
    """The languages the latest issue lacks (all six before the first issue)."""
    past = services.history(services.issues_of(db.session, meeting))
    if not past:
        return LANGUAGES
    done = {h.lang for h in past if h.symbol == past[-1].symbol}
    return tuple(code for code in LANGUAGES if code not in done)


@bp.get("/meetings/<path:symbol>/issued/<lang>/<filename>")
def issued_file(symbol: str, lang: str, filename: str) -> Response:
    """A file exactly as issued: the same bytes whatever was edited since."""
    found = services.issued_file(db.session, symbol, lang, filename)
    if found is None:
        abort(404)
    issue = services.file_issue(db.session, found)
    meeting = db.session.get(Meeting, issue.meeting_id) if issue.meeting_id else None
    restricted = issue.restricted or (meeting is not None and meeting.restricted)
    if restricted and not can_read_restricted():
        abort(403)
    etag = found.sha256
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = Response(found.content, content_type=services.CONTENT_TYPES[found.format])
        disposition = "inline" if found.format in ("pdf", "html") else "attachment"
        response.headers["Content-Disposition"] = f'{disposition}; filename="{found.filename}"'
        if found.format == "html":
            response.headers["Content-Security-Policy"] = STATIC_DOCUMENT_POLICY
    response.set_etag(etag)
    response.headers["Cache-Control"] = (
        "private, no-cache" if restricted else "public, max-age=86400"
    )
    return response


@bp.app_template_filter("ui_date")
def ui_date(day: date) -> str:
    """A date written as the interface language writes it (UN style)."""
    return formatting.date_long(day, _ui())


@bp.app_template_global()
def issued_versions(meeting: MeetingData) -> list[dict[str, Any]]:
    """The meeting's issued versions for its page, newest first, each language with its date
    and the addresses of its files."""
    record = db.session.scalar(select(Meeting).where(Meeting.public_id == meeting.public_id))
    if record is None:
        return []
    versions: list[ListedVersion] = listing(
        services.history(services.issues_of(db.session, record))
    )
    return [
        {
            "version": version,
            "kind": wording.KIND_LABELS[version.kind],
            "languages": [
                {
                    "lang": code,
                    "date": day,
                    "files": [
                        (
                            wording.FORMAT_LABELS[fmt],
                            url_for(
                                "issuing.issued_file",
                                symbol=version.symbol,
                                lang=code,
                                filename=issued_filename(version.symbol, code, fmt),
                            ),
                        )
                        for fmt in ISSUED_FORMATS
                    ],
                }
                for code, day in version.languages
            ],
        }
        for version in versions
    ]
