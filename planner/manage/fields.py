"""Form fields for dates, times and language lists, with messages written for a secretariat
officer (the same wording as the meeting-file checks in :mod:`planner.core.meetingfile`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time
from typing import Any

from flask_babel import gettext as _
from wtforms import Field, SelectChoice, SelectMultipleField
from wtforms.form import BaseForm
from wtforms.validators import StopValidation
from wtforms.widgets import CheckboxInput, DateInput, ListWidget, NumberInput, TextInput

from planner.core.languages import LANGUAGES
from planner.core.text import character_name, refused_character
from planner.i18n import AUTONYMS

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::[0-5][0-9](?:\.[0-9]+)?)?")


class _ParsedField(Field):
    """A field whose text is parsed into a value; an unreadable text is the field's only error."""

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return self.format(self.data) if self.data is not None else ""

    def format(self, value: Any) -> str:  # pragma: no cover - overridden
        return str(value)

    def parse(self, raw: str) -> Any:  # pragma: no cover - overridden
        return raw

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        if valuelist and not str(valuelist[0]).strip():
            # Spaces alone are no answer: InputRequired asks for one, Optional lets it be.
            self.raw_data = []
            return
        if valuelist:
            raw = str(valuelist[0])
            refused = refused_character(raw, multiline=False)
            if refused is not None:
                raise ValueError(
                    _(
                        "This holds an invisible control character (%(character)s); remove it.",
                        character=character_name(refused),
                    )
                )
            self.data = self.parse(raw.strip())

    def pre_validate(self, form: BaseForm) -> None:
        if self.process_errors:
            raise StopValidation()


class DayField(_ParsedField):
    """A calendar date, typed or picked, written YYYY-MM-DD."""

    widget = DateInput()

    def format(self, value: date) -> str:
        return value.isoformat()

    def parse(self, raw: str) -> date:
        if not _DATE.fullmatch(raw):
            raise ValueError(
                _(
                    "“%(raw)s” is not a date. Write dates as YYYY-MM-DD, such as 2018-07-02.",
                    raw=raw,
                )
            )
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(
                _("%(raw)s is not a day of the calendar; check the month and the day.", raw=raw)
            ) from None


class ClockInput(TextInput):
    """A text box for HH:MM. Browsers show ``<input type="time">`` in the reader's regional
    format ("10:00 AM" in the United States) whatever the page's language; UN meetings are
    planned on the 24-hour clock, so the time is typed and shown as 10:00."""

    def __call__(self, field: Field, **kwargs: Any) -> Any:
        kwargs.setdefault("inputmode", "numeric")
        kwargs.setdefault("pattern", r"([01]?[0-9]|2[0-3]):[0-5][0-9]")
        kwargs.setdefault("placeholder", "HH:MM")
        kwargs.setdefault("size", 5)
        kwargs.setdefault("maxlength", 8)
        kwargs.setdefault("autocomplete", "off")
        kwargs.setdefault("spellcheck", "false")
        return super().__call__(field, **kwargs)


class ClockField(_ParsedField):
    """A local time of day on the 24-hour clock, HH:MM."""

    widget = ClockInput()

    def format(self, value: time) -> str:
        return f"{value:%H:%M}"

    def parse(self, raw: str) -> time:
        match = _TIME.fullmatch(raw)
        if not match:
            raise ValueError(
                _(
                    "“%(raw)s” is not a time. Write times as HH:MM on the 24-hour clock, "
                    "such as 15:00.",
                    raw=raw,
                )
            )
        return time(int(match.group(1)), int(match.group(2)))


class LanguagesField(SelectMultipleField):
    """Some of the six official languages, one checkbox each, kept in the UN order."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("choices", [SelectChoice(lang, AUTONYMS[lang]) for lang in LANGUAGES])
        super().__init__(label, validators, **kwargs)

    def pre_validate(self, form: BaseForm) -> None:
        unknown = [code for code in self.data or () if code not in LANGUAGES]
        if unknown:
            raise StopValidation(
                _(
                    "“%(code)s” is not one of the six official languages (%(list)s).",
                    code=unknown[0],
                    list=", ".join(LANGUAGES),
                )
            )

    @property
    def languages(self) -> tuple[str, ...]:
        return in_un_order(self.data or ())


def in_un_order(codes: Iterable[str]) -> tuple[str, ...]:
    wanted = set(codes)
    return tuple(lang for lang in LANGUAGES if lang in wanted)


def add_error(field: Field, message: str) -> None:
    """Show ``message`` at ``field`` (after validation; multilingual and list fields too)."""
    extra = getattr(field, "extra_errors", None)
    if extra is None:
        extra = []
        field.extra_errors = extra  # type: ignore[attr-defined]
    if message not in extra:
        extra.append(message)


class WholeNumberField(_ParsedField):
    """A whole number, such as 8."""

    widget = NumberInput()

    def format(self, value: int) -> str:
        return str(value)

    def parse(self, raw: str) -> int:
        if not re.fullmatch(r"[+-]?[0-9]{1,9}", raw):
            raise ValueError(_("“%(raw)s” is not a whole number.", raw=raw))
        return int(raw)
