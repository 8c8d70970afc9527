"""The Publish and Cancel-the-meeting forms: a button each, with what the person saw."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField


class PublishForm(FlaskForm):
    """Publishes the changes the person saw (their key, planner.core.releases.content_digest)."""

    seen = HiddenField()


class CancelForm(FlaskForm):
    """Cancels a published meeting (which cannot be deleted) and publishes the cancellation."""
