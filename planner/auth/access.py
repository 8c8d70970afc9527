"""Who may do what. Public pages and public feeds need no account; every change does.

- ``viewer``: reads restricted meetings (and their private feeds);
- ``editor``: plans the meetings of the bodies assigned to them (and of their subsidiary bodies);
- ``admin``: manages users, bodies and assignments, and edits everything.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit
from uuid import UUID

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from planner.extensions import db
from planner.models import Body, User

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.session_protection = "strong"
login_manager.login_message = _l("Sign in to see this page.")
# The message is flashed into the session cookie: a plain string in the reader's language.
login_manager.localize_callback = str

F = TypeVar("F", bound=Callable[..., Any])


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    """Sessions name the user and their session serial; a raised serial ends old sessions."""
    try:
        public_id, serial = user_id.split(":", 1)
        wanted = UUID(public_id)
    except ValueError:
        return None
    try:
        user = db.session.scalar(select(User).where(User.public_id == wanted))
    except OperationalError:
        # The database is down: read on as nobody, so that the error page can still be drawn.
        db.session.rollback()
        return None
    if user is None or not user.active or str(user.session_serial) != serial:
        return None
    return user


def signed_in_user() -> User | None:
    user = current_user._get_current_object() if current_user else None
    return user if isinstance(user, User) else None


def _require_signed_in() -> User:
    user = signed_in_user()
    if user is None:
        # Flask-Login's unauthorized() redirects to the sign-in page (401 for non-GET APIs).
        abort(login_manager.unauthorized())
    return user


def require_editor(body: Body) -> User:
    """The signed-in user, if they may plan meetings of ``body``; else 403 (or sign-in)."""
    user = _require_signed_in()
    if not user.can_edit(body):
        abort(403)
    return user


def require_admin() -> User:
    user = _require_signed_in()
    if user.role != "admin" or not user.active:
        abort(403)
    return user


def login_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        _require_signed_in()
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def admin_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        require_admin()
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def can_read_restricted() -> bool:
    user = signed_in_user()
    return user is not None and user.can_read_restricted()


def is_safe_next(target: str | None) -> bool:
    """Only redirect after sign-in to a path on this site. Browsers drop tabs and newlines from
    addresses ("/<tab>/evil.example" becomes "//evil.example") and read a backslash as a slash,
    so control characters and backslashes refuse the address too."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
