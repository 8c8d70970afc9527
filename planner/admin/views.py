"""User administration under /admin: list, create and edit users, set passwords, end sessions
and renew private calendar addresses. Every view is for admins only."""

from __future__ import annotations

from uuid import UUID

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response as BaseResponse

from planner.admin.forms import EditUserForm, NewUserForm, SetPasswordForm
from planner.admin.services import body_choices, list_users, user_by_public_id
from planner.auth import services as accounts
from planner.auth.access import admin_required, signed_in_user
from planner.auth.forms import ConfirmForm
from planner.auth.views import feed_url_for
from planner.extensions import db
from planner.feeds.service import revoke_feed_tokens
from planner.i18n import document_language
from planner.manage.stale import Submitted, differences, reload_records
from planner.models import User
from planner.services.concurrency import StaleEdit, check_version

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _lang() -> str:
    return document_language(str(get_locale() or "en"))


def _user_or_404(public_id: UUID) -> User:
    user = user_by_public_id(db.session, public_id)
    if user is None:
        abort(404)
    return user


def _stored_form(user: User) -> EditUserForm:
    """The account as stored (formdata=None: the page may answer another form's POST)."""
    form = EditUserForm(
        formdata=None,
        role=user.role,
        active=user.active,
        bodies=[str(b.public_id) for b in user.bodies],
        version=str(user.version),
    )
    form.bodies.choices = body_choices(db.session, _lang())
    return form


def _user_page(
    user: User,
    edit_form: EditUserForm | None = None,
    password_form: SetPasswordForm | None = None,
    status: int = 200,
    stale: list[Submitted] | None = None,
) -> tuple[str, int]:
    if edit_form is None:
        edit_form = _stored_form(user)
    return (
        render_template(
            "admin/user.html",
            user=user,
            edit_form=edit_form,
            stale=stale,
            stale_message=_(
                "Another administrator saved this account while you were editing; nothing was "
                "saved. Their version is shown below; re-apply your change."
            ),
            password_form=password_form or SetPasswordForm(formdata=None),
            confirm_form=ConfirmForm(),
            feed_address=feed_url_for(user, "feeds.private_all_feed", lang=_lang()),
        ),
        status,
    )


@bp.get("/")
@admin_required
def index() -> BaseResponse:
    return redirect(url_for("admin.users"))


@bp.get("/users")
@admin_required
def users() -> str:
    return render_template("admin/users.html", users=list_users(db.session))


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def new_user() -> tuple[str, int] | BaseResponse:
    form = NewUserForm()
    form.bodies.choices = body_choices(db.session, _lang())
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                db.session,
                form.email.data or "",
                form.role.data or "viewer",
                form.password.data or "",
                accounts.bodies_by_public_id(db.session, form.bodies.data or []),
            )
            db.session.commit()
        except accounts.AccountRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        except Exception:
            db.session.rollback()
            raise
        else:
            flash(_("The account of %(email)s is created.", email=user.email))
            return redirect(url_for("admin.user", public_id=user.public_id), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("admin/new_user.html", form=form), status


@bp.route("/users/<uuid:public_id>", methods=["GET", "POST"])
@admin_required
def user(public_id: UUID) -> tuple[str, int] | BaseResponse:
    user = _user_or_404(public_id)
    form = EditUserForm()
    form.bodies.choices = body_choices(db.session, _lang())
    if not form.is_submitted():
        return _user_page(user)
    if form.validate():
        try:
            check_version(user, form.version.data)
            accounts.update_user(
                db.session,
                user,
                role=form.role.data or user.role,
                active=bool(form.active.data),
                bodies=accounts.bodies_by_public_id(db.session, form.bodies.data or []),
            )
            db.session.commit()
        except (StaleEdit, StaleDataError) as error:
            reload_records(isinstance(error, StaleDataError))
            user = _user_or_404(public_id)
            fresh = _stored_form(user)
            return _user_page(user, fresh, status=409, stale=differences(form, fresh))
        except accounts.AccountRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        except Exception:
            db.session.rollback()
            raise
        else:
            flash(_("The account of %(email)s is saved.", email=user.email))
            return redirect(url_for("admin.user", public_id=user.public_id), 303)
    return _user_page(user, edit_form=form, status=422)


@bp.post("/users/<uuid:public_id>/password")
@admin_required
def user_password(public_id: UUID) -> tuple[str, int] | BaseResponse:
    user = _user_or_404(public_id)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(user, form.password.data or "")
            db.session.commit()
        except accounts.AccountRefused as refused:
            db.session.rollback()
            form.password.errors = [str(refused)]
        except Exception:
            db.session.rollback()
            raise
        else:
            if user is signed_in_user():
                login_user(user)  # an admin setting their own password stays signed in here
            flash(
                _(
                    "The password of %(email)s is changed; they are signed out everywhere.",
                    email=user.email,
                )
            )
            return redirect(url_for("admin.user", public_id=user.public_id), 303)
    return _user_page(user, password_form=form, status=422)


@bp.post("/users/<uuid:public_id>/sign-out")
@admin_required
def end_sessions(public_id: UUID) -> BaseResponse:
    user = _user_or_404(public_id)
    if ConfirmForm().validate_on_submit():
        try:
            accounts.end_sessions(user)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        flash(_("%(email)s is signed out everywhere.", email=user.email))
    return redirect(url_for("admin.user", public_id=user.public_id), 303)


@bp.post("/users/<uuid:public_id>/calendar-addresses")
@admin_required
def revoke_feeds(public_id: UUID) -> BaseResponse:
    user = _user_or_404(public_id)
    if ConfirmForm().validate_on_submit():
        try:
            revoke_feed_tokens(user)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        flash(
            _(
                "The private calendar addresses of %(email)s no longer work; they have a new one.",
                email=user.email,
            )
        )
    return redirect(url_for("admin.user", public_id=user.public_id), 303)
