"""The issue form, written by hand: what to issue, in which languages, on which date."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice
from wtforms.validators import InputRequired

from planner.forms import Form
from planner.manage.fields import DayField, LanguagesField

#: ``same``: the original at first, then further language versions of the latest issue.
KINDS = ("same", "revision", "corrigendum")


class IssueForm(Form):
    kind = RadioField(
        _l("What to issue"), choices=[SelectChoice(k, k) for k in KINDS], default="same"
    )
    languages = LanguagesField(
        _l("Languages"), description=_l("The language versions to issue on this date.")
    )
    issued_on = DayField(
        _l("Issue date"),
        validators=[InputRequired(_l("Give the issue date, such as 2018-05-21."))],
        description=_l("The date the masthead shows, YYYY-MM-DD."),
    )
    #: Set by the confirmation page: the staff member has seen the differences.
    confirmed = HiddenField()
