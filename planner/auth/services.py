"""Accounts: passwords, sign-in checks and the changes an admin makes to a user.

Services only flush; the view or the CLI command commits. Refusals are :class:`AccountRefused`
with a message for the person who asked (in the interface language when there is a request).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Final
from uuid import UUID

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from planner.models import Body, User
from planner.models.users import ROLES

#: NIST SP 800-63B-4 (2025), §3.1.1.2: at least 15 characters for a password that is the only
#: factor, as here; no composition rules; checked against a list of common and breached ones.
MIN_PASSWORD_LENGTH: Final = 15
#: zxcvbn's estimate of the guesses an attacker needs; below this the password is one of the
#: 30,000 most common (from breaches), a dictionary word or name with few changes, a keyboard
#: pattern, a repetition or sequence, or made of the person's email.
MIN_GUESSES: Final = 10**8
#: zxcvbn's work grows with the length; a longer password is judged on its first characters.
_JUDGED_LENGTH: Final = 64
#: Long enough for any passphrase; bounds the work a single request can cause.
MAX_PASSWORD_LENGTH: Final = 1024
HASH_METHOD: Final = "scrypt"
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountRefused(Exception):
    """The change to an account is refused; the message says why."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=HASH_METHOD)


@cache
def _dummy_hash() -> str:
    return hash_password("not the password of anyone")


def check_password(user: User | None, password: str) -> bool:
    """Whether ``password`` is the user's. Takes as long for an unknown user (or one without a
    password) as for a known one, so the answer time tells nobody which emails have accounts."""
    stored = user.password_hash if user is not None else ""
    if not stored:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(stored, password)


def find_user(session: Session, email: str) -> User | None:
    wanted = normalize_email(email)
    if not wanted:
        return None
    return session.scalar(select(User).where(func.lower(User.email) == wanted))


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, else None (whichever part was wrong)."""
    if len(password) > MAX_PASSWORD_LENGTH:
        check_password(None, "")
        return None
    user = find_user(session, email)
    if not check_password(user, password) or user is None or not user.active:
        return None
    return user


def _easy_to_guess(password: str, context: Iterable[str]) -> bool:
    from zxcvbn import zxcvbn

    words = ["planner", "unitednations", "united nations", "secretariat"]
    for item in context:
        item = item.strip().lower()
        words.extend((item, item.split("@", 1)[0]))
        words.extend(part for part in re.split(r"[@._+-]+", item) if len(part) >= 3)
    guesses = zxcvbn(password[:_JUDGED_LENGTH], user_inputs=words)["guesses"]
    return float(guesses) < MIN_GUESSES


def password_problem(password: str, context: Iterable[str] = ()) -> str | None:
    """Why ``password`` is refused (None if it is not). ``context``: the account's email and
    other words an attacker would try first."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _(
            "The password is too short: use at least %(count)d characters.",
            count=MIN_PASSWORD_LENGTH,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        return _(
            "The password is too long: use at most %(count)d characters.",
            count=MAX_PASSWORD_LENGTH,
        )
    if _easy_to_guess(password, context):
        return _(
            "This password is too easy to guess: it is a common password, or a word, name, "
            "pattern or repetition with few changes, or it is made of your email. A phrase of "
            "several unrelated words is long and easy to remember."
        )
    return None


def email_problem(session: Session, email: str, *, exclude: User | None = None) -> str | None:
    normal = normalize_email(email)
    if not _EMAIL.match(normal) or len(normal) > 254:
        return _("This is not an email address.")
    other = find_user(session, normal)
    if other is not None and other is not exclude:
        return _("An account with this email already exists.")
    return None


def end_sessions(user: User) -> None:
    """Every browser signed in as ``user`` is signed out at its next request."""
    user.session_serial = (user.session_serial or 0) + 1


def set_password(user: User, password: str) -> None:
    """A new password; the sessions signed in with the old one end."""
    problem = password_problem(password, [user.email])
    if problem:
        raise AccountRefused(problem)
    user.password_hash = hash_password(password)
    end_sessions(user)


def create_user(
    session: Session,
    email: str,
    role: str,
    password: str,
    bodies: Iterable[Body] = (),
) -> User:
    problem = email_problem(session, email) or password_problem(password, [email])
    if role not in ROLES:
        problem = problem or _("There is no role “%(role)s”.", role=role)
    if problem:
        raise AccountRefused(problem)
    user = User(
        email=normalize_email(email),
        role=role,
        active=True,
        password_hash=hash_password(password),
        feed_token_serial=0,
        session_serial=0,
        bodies=list(bodies),
    )
    session.add(user)
    session.flush()
    return user


def _active_admins(session: Session) -> int:
    count = session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
    )
    return count or 0


def update_user(
    session: Session, user: User, *, role: str, active: bool, bodies: Iterable[Body]
) -> None:
    """Change a user's role, whether they may sign in, and the bodies they plan for.
    Deactivating ends their sessions. The last active admin stays an active admin, so that
    someone can always manage the accounts."""
    if role not in ROLES:
        raise AccountRefused(_("There is no role “%(role)s”.", role=role))
    was_admin = user.role == "admin" and user.active
    if was_admin and (role != "admin" or not active) and _active_admins(session) <= 1:
        raise AccountRefused(_("This is the only active admin: make another user an admin first."))
    if user.active and not active:
        end_sessions(user)
        # Its private feed addresses stop working and do not come back if it is reactivated.
        user.feed_token_serial = (user.feed_token_serial or 0) + 1
    user.role = role
    user.active = active
    user.bodies = list(bodies)
    session.flush()


def bodies_by_public_id(session: Session, public_ids: Iterable[str]) -> list[Body]:
    """The bodies named by these public identifiers (those that exist), by symbol."""
    wanted = []
    for value in public_ids:
        try:
            wanted.append(UUID(value))
        except ValueError:
            continue
    if not wanted:
        return []
    return list(
        session.scalars(select(Body).where(Body.public_id.in_(wanted)).order_by(Body.symbol))
    )


def bodies_by_symbol(session: Session, symbols: Iterable[str]) -> list[Body]:
    """The bodies with these symbols; refused if any is unknown."""
    found: list[Body] = []
    for symbol in symbols:
        body = session.scalar(select(Body).where(Body.symbol == symbol))
        if body is None:
            raise AccountRefused(_("No body has the symbol “%(symbol)s”.", symbol=symbol))
        found.append(body)
    return found
