"""Form pieces shared by the editing features."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, FormField, HiddenField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from planner.core.languages import LANGUAGES
from planner.i18n import AUTONYMS


def _texts_form(multiline: bool, max_length: int) -> type[Form]:
    field = TextAreaField if multiline else StringField
    fields: dict[str, Any] = {
        lang: field(
            AUTONYMS[lang],
            validators=[Optional(), Length(max=max_length)],
            render_kw={"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"},
        )
        for lang in LANGUAGES
    }
    return type("TextsForm", (Form,), fields)


def MultilingualField(
    label: str, *, multiline: bool = False, max_length: int = 20000, **kwargs: Any
) -> FormField:
    """A text in the six official languages, one input per language (any may be empty)."""
    return FormField(_texts_form(multiline, max_length), label=label, **kwargs)


def texts_of(field: FormField) -> dict[str, str]:
    """The languages filled in, as a language → text map."""
    return {lang: value.strip() for lang, value in field.data.items() if value and value.strip()}


def fill_texts(field: FormField, texts: dict[str, str]) -> None:
    for lang in LANGUAGES:
        field[lang].data = texts.get(lang, "")


class VersionedForm(FlaskForm):
    """A form that remembers the version of the record it was opened on."""

    version = HiddenField()


__all__ = ["MultilingualField", "VersionedForm", "_l", "fill_texts", "texts_of"]
