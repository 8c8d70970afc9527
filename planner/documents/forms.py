"""The document form, written by hand."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, ValidationError

from planner.core.symbols import SymbolError, parse_symbol
from planner.forms import MultilingualField, VersionedForm
from planner.manage.fields import DayField, LanguagesField

KIND_LABELS = {
    "provisional_agenda": _l("Provisional agenda"),
    "report": _l("Report"),
    "background_paper": _l("Background paper prepared by the Secretariat"),
    "note_by_secretariat": _l("Note by the Secretariat"),
    "conference_room_paper": _l("Conference room paper"),
    "draft_resolution": _l("Draft resolution"),
    "information_note": _l("Information note"),
    "other": _l("Other"),
}

DISTRIBUTION_LABELS = {
    "general": _l("General"),
    "limited": _l("Limited"),
    "restricted": _l("Restricted"),
}


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class DocumentForm(VersionedForm):
    symbol = StringField(
        _l("Symbol"),
        validators=[InputRequired(_l("Give the document symbol, such as CTOC/COP/WG.4/2018/2."))],
        filters=[_strip],
        description=_l("The UN document symbol, such as CTOC/COP/WG.4/2018/CRP.1."),
    )
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()])
    title = MultilingualField(_l("Title"), max_length=2000)
    listing = MultilingualField(_l("Listing"), multiline=True, max_length=4000)
    issued = DayField(
        _l("Issue date"), description=_l("Optional: the date it was issued in all languages.")
    )
    languages = LanguagesField(_l("Available in"))
    distribution = SelectField(
        _l("Distribution"), choices=[SelectChoice(k, v) for k, v in DISTRIBUTION_LABELS.items()]
    )

    def validate_symbol(self, field: StringField) -> None:
        try:
            parse_symbol(field.data or "")
        except SymbolError as err:
            raise ValidationError(err.message) from None
