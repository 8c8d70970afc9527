"""Signing in and out, the signed-in user's account page, and private calendar addresses.

Failed sign-ins are counted twice: per client address (the real one: behind a proxy, as
PROXY_COUNT tells) and per account, in the limiter's storage (Redis when several servers run), so
that one attacker can neither try many passwords nor lock out all staff behind one address. Only
failed attempts count, so that an office signing in behind one address in the morning is not
locked out.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response as BaseResponse

from planner.auth.access import is_safe_next, login_required, signed_in_user
from planner.auth.forms import ConfirmForm, PasswordChangeForm, SignInForm
from planner.auth.services import (
    AccountRefused,
    authenticate,
    check_password,
    end_sessions,
    normalize_email,
    set_password,
)
from planner.extensions import db, limiter
from planner.feeds.service import feed_token, revoke_feed_tokens
from planner.i18n import document_language
from planner.models import User

bp = Blueprint("auth", __name__)

#: Failed sign-in attempts allowed per client address.
SIGN_IN_LIMITS = "10 per minute;50 per hour"
#: Failed sign-in attempts allowed per account (whatever the address they come from).
ACCOUNT_LIMITS = "5 per minute;20 per hour"
_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def _failed(response: Response) -> bool:
    """A successful sign-in (or password change) redirects; anything else was a failed try."""
    return response.status_code != 303


def _account_key() -> str:
    """The account a sign-in names (its normalized email, hashed: no address in the store)."""
    email = normalize_email(str(request.form.get("email", "")))[:254]
    return "account:" + hashlib.sha256(email.encode("utf-8", "replace")).hexdigest()


def _signed_in_key() -> str:
    user = signed_in_user()
    return f"user:{user.public_id}" if user is not None else get_remote_address()


# Private calendar addresses -------------------------------------------------------------------


def feed_url_for(user: User, endpoint: str, **values: Any) -> str:
    """The address of one of ``user``'s private feeds (``feeds.private_meeting_feed``,
    ``feeds.private_body_feed``, ``feeds.private_all_feed``): absolute unless told otherwise."""
    values.setdefault("_external", True)
    return url_for(endpoint, user_id=user.public_id, token=feed_token(user), **values)


def private_feed_url(endpoint: str, **values: Any) -> str | None:
    """The signed-in user's private feed address (None for anyone else). In templates:
    ``private_feed_url('feeds.private_meeting_feed', public_id=meeting.public_id, lang=lang)``.
    """
    user = signed_in_user()
    if user is None or not user.can_read_restricted():
        return None
    return feed_url_for(user, endpoint, **values)


@bp.app_template_filter("webcal")
def webcal(address: str) -> str:
    """The webcal:// form of an https feed address (calendar applications subscribe to it)."""
    return "webcal://" + address.split("://", 1)[1]


@bp.app_context_processor
def _private_feeds() -> dict[str, object]:
    return {"private_feed_url": private_feed_url}


def _all_meetings_feed(user: User) -> str:
    return feed_url_for(
        user, "feeds.private_all_feed", lang=document_language(str(get_locale() or "en"))
    )


# Signing in and out ---------------------------------------------------------------------------


def _cookie_will_be_dropped() -> bool:
    """Secure cookies over plain http on this machine: the browser would drop the session."""
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    return (
        bool(current_app.config.get("SESSION_COOKIE_SECURE"))
        and not request.is_secure
        and host in _LOOPBACK
    )


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMITS, methods=["POST"], deduct_when=_failed)
@limiter.limit(ACCOUNT_LIMITS, methods=["POST"], deduct_when=_failed, key_func=_account_key)
def login() -> str | BaseResponse:
    form = SignInForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    failed = False
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data or "", form.password.data or "")
        if user is not None:
            login_user(user)
            target = form.next.data
            return redirect(target if is_safe_next(target) else url_for("meetings.home"), 303)
        failed = True
    return render_template(
        "auth/sign_in.html",
        form=form,
        failed=failed,
        insecure_cookie=_cookie_will_be_dropped(),
    )


@bp.post("/sign-out")
def logout() -> BaseResponse:
    # CSRFProtect has checked the token before this runs: a link or a foreign page cannot
    # sign anyone out. The session serial is raised, so that a copy of the session cookie (and
    # every other browser signed in as this user) no longer works.
    user = signed_in_user()
    if user is not None:
        try:
            end_sessions(user)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
    logout_user()
    flash(_("You are signed out, in this browser and in any other where you were signed in."))
    return redirect(url_for("meetings.home"), 303)


# The signed-in user's own account -------------------------------------------------------------


def _account_page(password_form: PasswordChangeForm, status: int = 200) -> tuple[str, int]:
    user = signed_in_user()
    assert user is not None
    return (
        render_template(
            "auth/account.html",
            user=user,
            password_form=password_form,
            confirm_form=ConfirmForm(),
            feed_address=_all_meetings_feed(user) if user.can_read_restricted() else None,
        ),
        status,
    )


@bp.get("/account")
@login_required
def account() -> tuple[str, int]:
    return _account_page(PasswordChangeForm())


@bp.post("/account/password")
@login_required
@limiter.limit(SIGN_IN_LIMITS, methods=["POST"], deduct_when=_failed)
@limiter.limit(ACCOUNT_LIMITS, methods=["POST"], deduct_when=_failed, key_func=_signed_in_key)
def change_password() -> tuple[str, int] | BaseResponse:
    user = signed_in_user()
    assert user is not None
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not check_password(user, form.current_password.data or ""):
            form.current_password.errors = [_("This is not your current password.")]
        else:
            try:
                set_password(user, form.new_password.data or "")
                db.session.commit()
            except AccountRefused as refused:
                db.session.rollback()
                form.new_password.errors = [str(refused)]
            except Exception:
                db.session.rollback()
                raise
            else:
                # Other browsers are signed out; this one goes on with the new session serial.
                login_user(user)
                flash(
                    _("Your password is changed. Other browsers signed in as you are signed out.")
                )
                return redirect(url_for("auth.account"), 303)
    return _account_page(form, 422)


@bp.post("/account/calendar-address")
@login_required
def renew_calendar_address() -> BaseResponse:
    user = signed_in_user()
    assert user is not None
    if ConfirmForm().validate_on_submit():
        try:
            revoke_feed_tokens(user)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        flash(
            _(
                "Your private calendar address is renewed: the old one no longer works. "
                "Subscribe again with the new one."
            )
        )
    return redirect(url_for("auth.account"), 303)


@bp.app_template_filter("role_label")
def role_label(role: str) -> str:
    labels = {"viewer": _("Viewer"), "editor": _("Editor"), "admin": _("Admin")}
    return labels.get(role, role)
