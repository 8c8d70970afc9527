"""The stale-edit notice: what the person had typed that differs from what is now saved.

When a colleague saved a record after the form was opened, nothing is saved and the form is
shown again with the colleague's version; the values the person submitted are listed beside it
(field by field) so that they can re-apply their change.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, FieldList, FormField, SelectField, SubmitField
from wtforms.csrf.core import CSRFTokenField

from planner.core.languages import LANGUAGES
from planner.extensions import db
from planner.i18n import AUTONYMS
from planner.manage.fields import LanguagesField

#: Field names that are plumbing, not content.
_SKIPPED = {"version", "csrf_token"}


@dataclass(frozen=True)
class Submitted:
    label: str
    yours: str
    saved: str


def _text(field: Field) -> str:
    if isinstance(field, BooleanField):
        return _("yes") if field.data else _("no")
    if isinstance(field, LanguagesField):
        return ", ".join(AUTONYMS[code] for code in field.languages)
    if isinstance(field, SelectField):
        labels = {str(value): str(label) for value, label, *_rest in field.iter_choices()}
        return labels.get(str(field.data), str(field.data or ""))
    value = field._value() if hasattr(field, "_value") else str(field.data or "")
    return str(value).strip()


def values(form: FlaskForm) -> dict[str, tuple[str, str]]:
    """Each content field as key → (label, value as text)."""
    out: dict[str, tuple[str, str]] = {}
    describe = getattr(form, "describe", None)
    for name, field in form._fields.items():
        if name in _SKIPPED or isinstance(field, SubmitField | CSRFTokenField):
            continue
        label = str(field.label.text)
        if isinstance(field, FieldList):
            text = describe(name) if describe else ""
            out[name] = (label, text or "—")
        elif isinstance(field, FormField) and set(field.form._fields) <= set(LANGUAGES):
            for lang in LANGUAGES:
                value = (field.form[lang].data or "").strip()
                out[f"{name}.{lang}"] = (f"{label} ({AUTONYMS[lang]})", value or "—")
        else:
            out[name] = (label, _text(field) or "—")
    return out


def differences(submitted: FlaskForm, current: FlaskForm) -> list[Submitted]:
    """The fields whose submitted value differs from the saved one, in form order."""
    theirs = values(current)
    out = []
    for key, (label, yours) in values(submitted).items():
        saved = theirs.get(key, (label, "—"))[1]
        if yours != saved:
            out.append(Submitted(label, yours, saved))
    return out


def reload_records(failed: bool) -> None:
    """Read the records again before showing a colleague's version: after a failed write,
    from a clean transaction; otherwise just forget what this request had loaded."""
    if failed:
        db.session.rollback()
    else:
        db.session.expire_all()
