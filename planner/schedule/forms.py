"""Forms of the organization-of-work page; every one carries a CSRF token and the revision of
the organization of work the page showed. The other fields (item, target, slot, pin, minutes)
are read and checked by the views against the meeting's own items and half-day meetings."""

from __future__ import annotations

from wtforms import HiddenField

from planner.forms import Form


class OrgWorkForm(Form):
    revision = HiddenField()
