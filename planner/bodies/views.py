"""Pages to create, edit and delete bodies: admins only."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner.auth.access import require_admin
from planner.bodies import services
from planner.bodies.forms import BodyForm
from planner.extensions import db
from planner.forms import VersionedForm, fill_texts, texts_of
from planner.manage import stale
from planner.manage.fields import add_error
from planner.manage.stale import reload_records
from planner.models import Body
from planner.services.concurrency import StaleEdit

bp = Blueprint("manage_bodies", __name__, url_prefix="/manage/bodies")


def _stale_message() -> str:
    return _(
        "A colleague saved this body while you were editing; nothing was saved. "
        "Their version is shown below; re-apply your change."
    )


Page = str | tuple[str, int] | Response


def _body_or_404(public_id: uuid.UUID) -> Body:
    body = services.by_public_id(db.session, public_id)
    if body is None:
        abort(404)
    return body


def _form(body: Body | None, *, formdata: bool = True) -> BodyForm:
    form = BodyForm() if formdata else BodyForm(formdata=None)
    form.parent.choices = services.parent_choices(db.session, body)
    return form


def _fill(form: BodyForm, body: Body) -> None:
    form.symbol.data = body.symbol
    form.parent.data = str(body.parent.public_id) if body.parent else ""
    fill_texts(form.name, body.text("name"))
    fill_texts(form.short_name, body.text("short_name"))
    form.meeting_word.data = body.meeting_word
    form.version.data = str(body.version)


def _input(form: BodyForm) -> services.BodyInput | None:
    try:
        parent = uuid.UUID(form.parent.data) if form.parent.data else None
    except ValueError:
        add_error(form.parent, _("Choose a body from the list."))
        return None
    return services.BodyInput(
        symbol=form.symbol.data or "",
        parent=parent,
        name=texts_of(form.name),
        short_name=texts_of(form.short_name),
        meeting_word=form.meeting_word.data or "meeting",
    )


def _checked(form: BodyForm, body: Body | None) -> services.BodyInput | None:
    """The form's data if it can be saved; else None, with each problem at its field."""
    valid = form.validate()
    data = _input(form)
    if data is None:
        return None
    found = {
        name: message
        for name, message in services.problems(db.session, data, body).items()
        if not form[name].errors
    }
    for name, message in found.items():
        add_error(form[name], message)
    return data if valid and not found else None


def _page(form: BodyForm, body: Body | None, status: int = 200, **context: object) -> Page:
    page = render_template("bodies/form.html", form=form, body=body, **context)
    return (page, status) if status != 200 else page


@bp.route("/new", methods=["GET", "POST"])
def new() -> Page:
    user = require_admin()
    form = _form(None)
    if request.method == "GET":
        form.parent.data = request.args.get("parent", "")
        return _page(form, None)
    data = _checked(form, None)
    if data is None:
        return _page(form, None, 422, invalid=True)
    try:
        body = services.create_body(db.session, user, data)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        add_error(form.symbol, _("Another body already has this symbol."))
        return _page(form, None, 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The body %(symbol)s was created.", symbol=body.symbol), "success")
    return redirect(url_for("meetings.home", _anchor=f"body-{body.public_id}"), 303)


def _stale_page(failed: bool, form: BodyForm, public_id: uuid.UUID) -> Page:
    reload_records(failed)
    body = _body_or_404(public_id)
    fresh = _form(body, formdata=False)
    _fill(fresh, body)
    return _page(
        fresh,
        body,
        409,
        stale=stale.differences(form, fresh),
        stale_message=_stale_message(),
    )


@bp.route("/<uuid:public_id>/edit", methods=["GET", "POST"])
def edit(public_id: uuid.UUID) -> Page:
    user = require_admin()
    body = _body_or_404(public_id)
    form = _form(body)
    if request.method == "GET":
        _fill(form, body)
        return _page(form, body)
    if form.version.data != str(body.version):
        return _stale_page(False, form, public_id)
    data = _checked(form, body)
    if data is None:
        return _page(form, body, 422, invalid=True)
    try:
        services.update_body(db.session, user, body, data, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        return _stale_page(True, form, public_id)
    except IntegrityError:
        db.session.rollback()
        add_error(form.symbol, _("Another body already has this symbol."))
        return _page(form, _body_or_404(public_id), 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The body %(symbol)s was saved.", symbol=data.symbol), "success")
    return redirect(url_for("meetings.home", _anchor=f"body-{public_id}"), 303)


@bp.route("/<uuid:public_id>/delete", methods=["GET", "POST"])
def delete(public_id: uuid.UUID) -> Page:
    user = require_admin()
    body = _body_or_404(public_id)
    form = VersionedForm()
    refusal = services.delete_refusal(db.session, body)
    if request.method == "GET":
        form.version.data = str(body.version)
        return render_template("bodies/delete.html", form=form, body=body, refusal=refusal)
    if refusal:
        return render_template("bodies/delete.html", form=form, body=body, refusal=refusal), 409
    symbol = body.symbol
    try:
        services.delete_body(db.session, user, body, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        body = _body_or_404(public_id)
        form.version.data = str(body.version)
        message = _(
            "A colleague saved this body after you opened this page; nothing was deleted. "
            "Check it and confirm again."
        )
        page = render_template(
            "bodies/delete.html", form=form, body=body, refusal=None, stale_message=message
        )
        return page, 409
    except Exception:
        db.session.rollback()
        raise
    flash(_("The body %(symbol)s was deleted.", symbol=symbol), "success")
    return redirect(url_for("meetings.home"), 303)
