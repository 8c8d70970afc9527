"""Forms of the user administration, written out field by field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length

from planner.forms import Form

ROLE_CHOICES = [
    SelectChoice("viewer", _l("Viewer: reads restricted meetings")),
    SelectChoice("editor", _l("Editor: plans the meetings of the assigned bodies")),
    SelectChoice("admin", _l("Admin: manages users, bodies and assignments; edits everything")),
]


def _bodies_field() -> SelectMultipleField:
    # Choices (every body) are set by the view.
    return SelectMultipleField(
        _l("Assigned bodies"),
        choices=[],
        validate_choice=True,
        description=_l(
            "Editors plan the meetings of these bodies and of their subsidiary bodies. "
            "Hold Ctrl (⌘ on a Mac) to choose several."
        ),
    )


class NewUserForm(Form):
    email = StringField(
        _l("Email"),
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="viewer")
    bodies = _bodies_field()
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired()],
        description=_l(
            "At least 15 characters, not a common password. Give it to the person by another "
            "channel."
        ),
        render_kw={"autocomplete": "new-password"},
    )


class EditUserForm(Form):
    #: The account's version when the form was opened (a colleague's save since refuses this one).
    version = HiddenField()
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    active = BooleanField(
        _l("Active (may sign in)"),
        description=_l("Deactivating signs the person out everywhere at once."),
    )
    bodies = _bodies_field()


class SetPasswordForm(Form):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired()],
        description=_l(
            "At least 15 characters, not a common password. The person is signed out everywhere."
        ),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
