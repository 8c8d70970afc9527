"""The translator's workspace: /manage/meetings/<uuid>/translation/<lang>.

One page per meeting and language with every text of the meeting, the original beside the
translation, each saved or confirmed on its own; XLIFF 2.0 download and upload. Staff who may
plan the meeting's body may translate it (planner.auth.access). Each request commits once.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.file import FileField
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response as BaseResponse
from wtforms import HiddenField, TextAreaField

from planner.auth.access import require_editor
from planner.core.languages import LANGUAGES, RTL_LANGUAGES
from planner.extensions import db
from planner.forms import Form
from planner.manage.stale import reload_records
from planner.models import Meeting, User
from planner.services.snapshot import meetings_query
from planner.translation import services
from planner.translation.services import StaleTranslation, TranslationRefused, XliffRefused

bp = Blueprint("translation", __name__, url_prefix="/manage/meetings/<uuid:meeting_id>/translation")

Page = str | tuple[str, int] | BaseResponse
#: The URL converter for a language code: one of the six.
LANG = f"any({', '.join(LANGUAGES)})"

#: Largest XLIFF file accepted (a meeting's texts in one language are a few hundred kilobytes).
MAX_XLIFF_BYTES = 5 * 1024 * 1024


class UnitForm(Form):
    key = HiddenField()
    base = HiddenField()
    text = TextAreaField()


class UploadForm(Form):
    file = FileField()


def _meeting(meeting_id: UUID, lang: str) -> tuple[Meeting, User]:
    meeting = db.session.scalars(meetings_query().where(Meeting.public_id == meeting_id)).first()
    if meeting is None or lang not in LANGUAGES:
        abort(404)
    user = require_editor(meeting.body)
    if lang == meeting.original_language:
        abort(404)  # the original is written in the agenda editor, not translated
    return meeting, user


def _direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def _page(
    meeting: Meeting,
    lang: str,
    status: int = 200,
    notices: dict[str, dict[str, Any]] | None = None,
    upload_problems: list[str] | None = None,
) -> Page:
    found = services.language_units(meeting, lang)
    todo_only = request.args.get("show") == "todo"
    rows = [
        {
            "unit": unit,
            "where": services.describe(unit, isolate=True),
            "base": services.base_token(unit),
            "anchor": "u-" + unit.key.replace(".", "-"),
            **(notices or {}).get(unit.key, {}),
        }
        for unit in found
        if not todo_only or unit.status != "up_to_date" or unit.key in (notices or {})
    ]
    counts = {
        "missing": sum(u.status == "missing" for u in found),
        "out_of_date": sum(u.status == "out_of_date" for u in found),
        "total": len(found),
    }
    page = render_template(
        "translation/workspace.html",
        meeting=meeting,
        lang=lang,
        original=meeting.original_language,
        source_dir=_direction(meeting.original_language),
        target_dir=_direction(lang),
        rows=rows,
        counts=counts,
        languages=[code for code in LANGUAGES if code != meeting.original_language],
        upload=UploadForm(formdata=None),
        upload_problems=upload_problems or [],
        todo_only=todo_only,
    )
    return (page, status) if status != 200 else page


@bp.get(f"/<{LANG}:lang>")
def workspace(meeting_id: UUID, lang: str) -> Page:
    meeting, _user = _meeting(meeting_id, lang)
    return _page(meeting, lang)


@bp.post(f"/<{LANG}:lang>/unit")
def save(meeting_id: UUID, lang: str) -> Page:
    meeting, user = _meeting(meeting_id, lang)
    form = UnitForm()
    if not form.validate():
        abort(400)
    key = form.key.data or ""
    confirm = request.form.get("action") == "confirm"
    value = None if confirm else (form.text.data or "")
    try:
        services.save_unit(db.session, user, meeting, lang, key, value, form.base.data or "")
        db.session.commit()
    except (StaleTranslation, StaleDataError) as error:
        reload_records(isinstance(error, StaleDataError))
        meeting, user = _meeting(meeting_id, lang)
        return _stale_page(meeting, lang, key, value)
    except TranslationRefused as refused:
        db.session.rollback()
        meeting, user = _meeting(meeting_id, lang)
        notice = {"error": str(refused), "typed": value}
        return _page(meeting, lang, 422, notices={key: notice})
    except Exception:
        db.session.rollback()
        raise
    anchor = "u-" + key.replace(".", "-")
    message = _("Confirmed: still a correct translation.") if confirm else _("Translation saved.")
    flash(message, "success")
    return redirect(url_for(".workspace", meeting_id=meeting_id, lang=lang, _anchor=anchor), 303)


def _stale_page(meeting: Meeting, lang: str, key: str, typed: str | None) -> Page:
    current = services.find_unit(meeting, lang, key)
    if current is None:
        flash(
            _(
                "This text is no longer part of the meeting (a colleague removed it); "
                "nothing was saved."
            ),
            "error",
        )
        return redirect(url_for(".workspace", meeting_id=meeting.public_id, lang=lang), 303)
    notice = {
        "stale": _(
            "A colleague saved this text, or its original changed, after you opened the page; "
            "nothing was saved. The text now saved is shown; yours is below it."
        ),
        "typed": typed,
    }
    return _page(meeting, lang, 409, notices={key: notice})


@bp.get(f"/<{LANG}:lang>/xliff")
def download(meeting_id: UUID, lang: str) -> BaseResponse:
    meeting, _user = _meeting(meeting_id, lang)
    data = services.export_xliff(meeting, lang)
    name = f"{meeting.symbol.replace('/', '_')}.{meeting.original_language}-{lang}.xlf"
    return Response(
        data,
        mimetype="application/xliff+xml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post(f"/<{LANG}:lang>/xliff")
def upload(meeting_id: UUID, lang: str) -> Page:
    meeting, user = _meeting(meeting_id, lang)
    form = UploadForm()
    if not form.validate():
        abort(400)
    stream = request.files.get("file")
    data = stream.read(MAX_XLIFF_BYTES + 1) if stream else b""
    problems: list[str] = []
    if not data:
        problems.append(_("Choose an XLIFF file to import."))
    elif len(data) > MAX_XLIFF_BYTES:
        problems.append(_("The file is larger than 5 MB; it is not a translation of one meeting."))
    if problems:
        return _page(meeting, lang, 422, upload_problems=problems)
    try:
        count = services.import_xliff(db.session, user, meeting, data, lang)
        db.session.commit()
    except XliffRefused as refused:
        db.session.rollback()
        meeting, user = _meeting(meeting_id, lang)
        return _page(meeting, lang, 422, upload_problems=[str(p) for p in refused.problems])
    except (StaleDataError, SQLAlchemyError):
        db.session.rollback()
        meeting, user = _meeting(meeting_id, lang)
        message = _(
            "A colleague saved texts of this meeting at the same time; nothing was imported. "
            "Import the file again."
        )
        return _page(meeting, lang, 409, upload_problems=[message])
    flash(_("%(count)d translations imported.", count=count), "success")
    return redirect(url_for(".workspace", meeting_id=meeting_id, lang=lang), 303)
