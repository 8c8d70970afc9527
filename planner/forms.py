"""Form pieces shared by the editing features, and the two base classes every form of planner
derives from (:class:`Form` for a page's form, :class:`Subform` for a part repeated or nested
in one): each of their fields refuses control characters, and line breaks and tabs except in a
text with paragraphs (a text area), with a message at the field
(:func:`planner.core.text.refused_character`; tests/web/test_hostile_input.py checks that
every form of planner derives from them)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField, HiddenField, StringField, TextAreaField
from wtforms import Form as WTForm
from wtforms.form import BaseForm
from wtforms.meta import DefaultMeta
from wtforms.validators import Length, Optional, StopValidation

from planner.core.languages import LANGUAGES
from planner.core.text import (
    PARAGRAPH_BREAKS,
    character_name,
    refused_character,
    without_refused,
)
from planner.i18n import AUTONYMS


def text_problem(value: str, *, multiline: bool) -> str | None:
    """Why a typed ``value`` is refused (in the interface language), or None."""
    refused = refused_character(value, multiline=multiline)
    if refused is None:
        return None
    if refused in PARAGRAPH_BREAKS:
        return _(
            "This text must stay on one line: the line break or tab (%(character)s) is now a "
            "space. Check the text and save again.",
            character=character_name(refused),
        )
    return _(
        "This text held an invisible control character (%(character)s), which cannot be "
        "saved; it often comes with text pasted from another program. It is taken out: check "
        "the text and save again.",
        character=character_name(refused),
    )


def json_text_problem(value: Any, *, depth: int = 0) -> str | None:
    """Why a JSON payload is refused: a string in it (key or value, at any depth) holds a
    control character or a line break, or it is nested absurdly deep; None if it is fine."""
    if depth > 16:
        return _("The request could not be read.")
    if isinstance(value, str):
        return text_problem(value, multiline=False)
    if isinstance(value, dict):
        for key, item in value.items():
            problem = json_text_problem(key, depth=depth + 1) or json_text_problem(
                item, depth=depth + 1
            )
            if problem:
                return problem
    if isinstance(value, list):
        for item in value:
            problem = json_text_problem(item, depth=depth + 1)
            if problem:
                return problem
    return None


class PlainText:
    """A validator every field of a planner form gets first (see :class:`Form`): what was typed
    holds no control character; line breaks and tabs only in a text area."""

    def __init__(self, *, multiline: bool) -> None:
        self.multiline = multiline

    def __call__(self, form: BaseForm, field: Field) -> None:
        for value in field.raw_data or ():
            if isinstance(value, str):
                problem = text_problem(value, multiline=self.multiline)
                if problem:
                    # What the view reads next (and the field shows again) is the text without
                    # the character: nothing further down ever sees it.
                    field.raw_data = [
                        without_refused(v, multiline=self.multiline) if isinstance(v, str) else v
                        for v in field.raw_data or ()
                    ]
                    if isinstance(field.data, str):
                        field.data = without_refused(field.data, multiline=self.multiline)
                    elif isinstance(field.data, list):
                        field.data = [
                            without_refused(v, multiline=self.multiline)
                            if isinstance(v, str)
                            else v
                            for v in field.data
                        ]
                    raise StopValidation(problem)


class _PlainTextMeta(DefaultMeta):
    def bind_field(self, form: BaseForm, unbound_field: Any, options: dict[str, Any]) -> Field:
        field: Field = super().bind_field(form, unbound_field, options)
        # Hidden fields (versions, the address to go on to) are read by their views, which refuse
        # what they cannot use: a message at a field nobody sees would help no one.
        if not isinstance(field, (FormField, FieldList, HiddenField)):
            check = PlainText(multiline=isinstance(field, TextAreaField))
            field.validators = [check, *field.validators]
        return field


class Form(FlaskForm):
    """The base of every form of a page (with its CSRF token)."""

    class Meta(_PlainTextMeta, FlaskForm.Meta):
        pass


class Subform(WTForm):
    """The base of a part of a form (a row of a list, a text in six languages): no CSRF token
    of its own."""

    Meta = _PlainTextMeta


def _texts_form(multiline: bool, max_length: int) -> type[Subform]:
    field = TextAreaField if multiline else StringField
    fields: dict[str, Any] = {
        lang: field(
            AUTONYMS[lang],
            validators=[Optional(), Length(max=max_length)],
            render_kw={"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"},
        )
        for lang in LANGUAGES
    }
    return type("TextsForm", (Subform,), fields)


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


class VersionedForm(Form):
    """A form that remembers the version of the record it was opened on."""

    version = HiddenField()


__all__ = [
    "Form",
    "MultilingualField",
    "PlainText",
    "Subform",
    "VersionedForm",
    "_l",
    "fill_texts",
    "json_text_problem",
    "texts_of",
]
