"""The body form, written by hand."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, ValidationError

from planner.core.symbols import SymbolError, parse_body_prefix
from planner.forms import MultilingualField, VersionedForm


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class BodyForm(VersionedForm):
    symbol = StringField(
        _l("Symbol"),
        validators=[InputRequired(message=_l("Give the body's symbol, such as CTOC/COP/WG.4."))],
        filters=[_strip],
        description=_l("The document-symbol prefix of the body, such as CTOC/COP/WG.4."),
    )
    parent = SelectField(_l("Reports to"), choices=[SelectChoice("", "—")], validate_choice=False)
    name = MultilingualField(_l("Name"), max_length=2000)
    short_name = MultilingualField(_l("Short name"), max_length=500)
    meeting_word = SelectField(
        _l("Its gatherings are called"),
        choices=[
            SelectChoice("meeting", _l("meetings (as working groups hold)")),
            SelectChoice("session", _l("sessions (as conferences and commissions hold)")),
        ],
    )

    def validate_symbol(self, field: StringField) -> None:
        try:
            parse_body_prefix(field.data or "")
        except SymbolError as err:
            raise ValidationError(err.message) from None
