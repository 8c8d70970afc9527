"""Forms of the organization-of-work page; every one carries a CSRF token and the revision of
the organization of work the page showed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField

from planner.agenda.forms import PlaceField
from planner.forms import Form


class OrgWorkForm(Form):
    revision = HiddenField()


class MoveEntryForm(OrgWorkForm):
    """Take an item up in another half-day meeting instead of this one."""

    item = HiddenField()
    source = HiddenField()
    target = SelectField(_l("Move to"), choices=[])


class PinForm(OrgWorkForm):
    item = HiddenField()
    pin = PlaceField(_l("Pin to"), choices=[])
