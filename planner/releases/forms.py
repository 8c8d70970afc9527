"""The Publish and Cancel-the-meeting forms: a button each, with what the person saw."""

from __future__ import annotations

from wtforms import HiddenField

from planner.forms import Form


class PublishForm(Form):
    """Publishes the changes the person saw (their key, planner.core.releases.content_digest)."""

    seen = HiddenField()


class CancelForm(Form):
    """Cancels a published meeting (which cannot be deleted) and publishes the cancellation."""
