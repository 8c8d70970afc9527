"""Pages to add, edit and delete mandates and their paragraphs; the list on a body's page.

Admins edit every mandate; editors those adopted by, establishing or steering a body they plan.
Every form carries the mandate's version: a colleague's save in between is shown, never
overwritten. Nothing is half-saved: the view commits once, or rolls back.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner.auth.access import login_required, signed_in_user
from planner.core.meetingfile import MandateLinkSpec, MandateSpec, ParagraphSpec
from planner.core.symbols import document_url
from planner.extensions import db
from planner.forms import VersionedForm, fill_texts, texts_of
from planner.manage import stale
from planner.manage.fields import add_error
from planner.manage.stale import reload_records
from planner.mandates import services
from planner.mandates.forms import (
    KIND_LABELS,
    RELATION_LABELS,
    MandateForm,
    ParagraphForm,
    message,
)
from planner.models import Body, Mandate, MandateParagraph, User
from planner.services.concurrency import StaleEdit
from planner.services.mandates import body_mandates, by_public_id, sorted_paragraphs

bp = Blueprint("manage_mandates", __name__, url_prefix="/manage/mandates")

Page = str | tuple[str, int] | Response


@bp.app_template_global("body_mandates")
def _body_mandates(body: Body) -> list[Mandate]:
    """For the body page: the mandates of ``body``, the establishing one first."""
    return body_mandates(db.session, body)


@bp.app_template_global("mandate_url")
def _mandate_url(mandate: Mandate, lang: str) -> str | None:
    """Where the mandate's document can be read (undocs.org, as the feeds link documents)."""
    return document_url(mandate.symbol, lang) if mandate.symbol else None


@bp.app_template_global("may_edit_mandate")
def _may_edit_mandate(mandate: Mandate) -> bool:
    user = signed_in_user()
    return user is not None and services.may_edit(user, mandate)


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    return {"MANDATE_KINDS": KIND_LABELS, "MANDATE_RELATIONS": RELATION_LABELS}


def _user() -> User:
    user = signed_in_user()
    if user is None:  # login_required has redirected anonymous users already
        abort(403)
    return user


def _editable(public_id: uuid.UUID) -> tuple[User, Mandate]:
    user = _user()
    mandate = by_public_id(db.session, public_id)
    if mandate is None:
        abort(404)
    if not services.may_edit(user, mandate):
        abort(403)
    return user, mandate


def _stale_message() -> str:
    return _(
        "A colleague saved this mandate while you were editing; nothing was saved. "
        "Their version is shown below; re-apply your change."
    )


# The mandate form ------------------------------------------------------------------------------


def _choices(form: MandateForm) -> None:
    bodies = db.session.scalars(
        select(Body).options(selectinload(Body.texts)).order_by(Body.symbol)
    ).all()
    labelled = [
        (
            b.symbol,
            f"{b.symbol} — {b.text('name').get('en') or next(iter(b.text('name').values()), '')}",
        )
        for b in bodies
    ]
    form.body.choices = labelled
    form.establishes.choices = labelled
    form.steers.choices = labelled


def _fill(form: MandateForm, mandate: Mandate) -> None:
    form.body.data = mandate.body.symbol
    form.kind.data = mandate.kind
    form.number.data = mandate.number or ""
    form.session.data = mandate.session
    form.symbol.data = mandate.symbol or ""
    form.adopted.data = mandate.adopted
    fill_texts(form.title, mandate.text("title"))
    form.establishes.data = [
        k.body.symbol for k in mandate.body_links if k.relation == "establishes"
    ]
    form.steers.data = [k.body.symbol for k in mandate.body_links if k.relation == "steers"]
    form.version.data = str(mandate.version)


def _spec(form: MandateForm, mandate: Mandate | None) -> MandateSpec:
    links = [MandateLinkSpec(s, "establishes") for s in form.establishes.data or []]
    links += [MandateLinkSpec(s, "steers") for s in form.steers.data or []]
    return MandateSpec(
        body=form.body.data or "",
        kind=form.kind.data or "resolution",
        number=form.number.data or None,
        session=form.session.data,
        symbol=form.symbol.data or None,
        adopted=form.adopted.data,
        title=texts_of(form.title),
        paragraphs=services.current_spec(mandate).paragraphs if mandate is not None else (),
        bodies=tuple(links),
        id=mandate.public_id if mandate is not None else None,
    )


def _field_for(where: str) -> str:
    """The form field a problem of the rules belongs to ("bodies[1].relation" → steers)."""
    if where.startswith("bodies"):
        return "steers"
    if where.startswith("paragraphs"):
        return "title"
    return where


def _checked(form: MandateForm, user: User, mandate: Mandate | None) -> MandateSpec | None:
    valid = form.validate()
    spec = _spec(form, mandate)
    found = services.problems(db.session, user, spec, mandate, message)
    shown = False
    for where, messages in found.items():
        field = form[_field_for(where)]
        if field.errors:
            continue
        for text in messages:
            add_error(field, text)
            shown = True
    return spec if valid and not shown else None


def _page(form: MandateForm, mandate: Mandate | None, status: int = 200, **context: Any) -> Page:
    page = render_template("mandates/form.html", form=form, mandate=mandate, **context)
    return (page, status) if status != 200 else page


def _back(mandate: Mandate | None) -> Response:
    if mandate is not None:
        return redirect(url_for("manage_mandates.edit", public_id=mandate.public_id), 303)
    return redirect(url_for("manage_mandates.index"), 303)


@bp.get("")
@login_required
def index() -> str:
    user = _user()
    if not services.may_create_any(user):
        abort(403)
    mandates = db.session.scalars(
        select(Mandate)
        .options(selectinload(Mandate.texts), selectinload(Mandate.body))
        .order_by(Mandate.adopted, Mandate.id)
    ).all()
    shown = [m for m in mandates if services.may_edit(user, m)]
    return render_template("mandates/list.html", mandates=shown)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> Page:
    user = _user()
    if not services.may_create_any(user):
        abort(403)
    form = MandateForm()
    _choices(form)
    if request.method == "GET":
        body = request.args.get("body")
        if body:
            form.steers.data = [body]
        return _page(form, None)
    spec = _checked(form, user, None)
    if spec is None:
        return _page(form, None, 422, invalid=True)
    try:
        mandate = services.create_mandate(db.session, user, spec)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        add_error(form.number, _("This mandate is already recorded."))
        return _page(form, None, 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The mandate was created."), "success")
    return _back(mandate)


def _stale_page(failed: bool, form: MandateForm, public_id: uuid.UUID) -> Page:
    reload_records(failed)
    mandate = by_public_id(db.session, public_id)
    if mandate is None:
        flash(_("A colleague deleted this mandate while you were editing; nothing was saved."))
        return redirect(url_for("manage_mandates.index"), 303)
    fresh = MandateForm(formdata=None)
    _choices(fresh)
    _fill(fresh, mandate)
    return _page(
        fresh, mandate, 409, stale=stale.differences(form, fresh), stale_message=_stale_message()
    )


@bp.route("/<uuid:public_id>/edit", methods=["GET", "POST"])
@login_required
def edit(public_id: uuid.UUID) -> Page:
    user, mandate = _editable(public_id)
    form = MandateForm()
    _choices(form)
    if request.method == "GET":
        _fill(form, mandate)
        return _page(form, mandate)
    if form.version.data != str(mandate.version):
        return _stale_page(False, form, public_id)
    spec = _checked(form, user, mandate)
    if spec is None:
        return _page(form, mandate, 422, invalid=True)
    try:
        services.update_mandate(db.session, user, mandate, spec, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        return _stale_page(True, form, public_id)
    except IntegrityError:
        db.session.rollback()
        add_error(form.number, _("This mandate is already recorded."))
        return _page(form, by_public_id(db.session, public_id), 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The mandate was saved."), "success")
    return _back(mandate)


@bp.route("/<uuid:public_id>/delete", methods=["GET", "POST"])
@login_required
def delete(public_id: uuid.UUID) -> Page:
    user, mandate = _editable(public_id)
    form = VersionedForm()
    refusal = services.delete_refusal(db.session, mandate)
    if request.method == "GET":
        form.version.data = str(mandate.version)
        return render_template("mandates/delete.html", form=form, mandate=mandate, refusal=refusal)
    if refusal:
        page = render_template("mandates/delete.html", form=form, mandate=mandate, refusal=refusal)
        return page, 409
    if not form.validate():
        abort(400)
    try:
        services.delete_mandate(db.session, user, mandate, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        reload_records(True)
        mandate = by_public_id(db.session, public_id)
        if mandate is None:
            return redirect(url_for("manage_mandates.index"), 303)
        form.version.data = str(mandate.version)
        message_ = _(
            "A colleague saved this mandate after you opened this page; nothing was deleted. "
            "Check it and confirm again."
        )
        page = render_template(
            "mandates/delete.html", form=form, mandate=mandate, refusal=None, stale_message=message_
        )
        return page, 409
    except Exception:
        db.session.rollback()
        raise
    flash(_("The mandate was deleted."), "success")
    return redirect(url_for("manage_mandates.index"), 303)


# Paragraphs ----------------------------------------------------------------------------------


def _paragraph_index(mandate: Mandate, paragraph_id: uuid.UUID) -> int:
    for i, paragraph in enumerate(mandate.paragraphs):
        if paragraph.public_id == paragraph_id:
            return i
    abort(404)


def _paragraph_page(
    form: ParagraphForm,
    mandate: Mandate,
    paragraph: MandateParagraph | None,
    status: int = 200,
    **context: Any,
) -> Page:
    page = render_template(
        "mandates/paragraph.html", form=form, mandate=mandate, paragraph=paragraph, **context
    )
    return (page, status) if status != 200 else page


def _save_paragraph(
    public_id: uuid.UUID, paragraph_id: uuid.UUID | None, delete: bool = False
) -> Page:
    user, mandate = _editable(public_id)
    index = _paragraph_index(mandate, paragraph_id) if paragraph_id is not None else None
    paragraph = mandate.paragraphs[index] if index is not None else None
    form = ParagraphForm()
    if request.method == "GET":
        form.version.data = str(mandate.version)
        if paragraph is not None:
            form.number.data = paragraph.number or ""
            fill_texts(form.text, paragraph.text("text"))
        return _paragraph_page(form, mandate, paragraph)
    if form.version.data != str(mandate.version):
        return _paragraph_stale(False, form, public_id, paragraph_id)
    if not form.validate():
        return _paragraph_page(form, mandate, paragraph, 422, invalid=True)
    current = services.current_spec(mandate)
    wanted = (
        None
        if delete
        else ParagraphSpec(
            number=form.number.data or None,
            text=texts_of(form.text),
            id=paragraph.public_id if paragraph is not None else None,
        )
    )
    spec = services.with_paragraph(current, index, wanted)
    where = f"paragraphs[{index if index is not None else len(current.paragraphs)}]"
    shown = False
    for at, messages in services.problems(db.session, user, spec, mandate, message).items():
        if not delete and at.startswith(where):
            field = form.number if at.endswith(".number") else form.text
            for text in messages:
                add_error(field, text)
                shown = True
    if shown:
        return _paragraph_page(form, mandate, paragraph, 422, invalid=True)
    try:
        services.update_mandate(db.session, user, mandate, spec, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        return _paragraph_stale(True, form, public_id, paragraph_id)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The paragraph was deleted.") if delete else _("The paragraph was saved."), "success")
    return _back(mandate)


def _paragraph_stale(
    failed: bool, form: ParagraphForm, public_id: uuid.UUID, paragraph_id: uuid.UUID | None
) -> Page:
    reload_records(failed)
    mandate = by_public_id(db.session, public_id)
    if mandate is None:
        flash(_("A colleague deleted this mandate while you were editing; nothing was saved."))
        return redirect(url_for("manage_mandates.index"), 303)
    fresh = ParagraphForm(formdata=None)
    fresh.version.data = str(mandate.version)
    paragraph = next((p for p in mandate.paragraphs if p.public_id == paragraph_id), None)
    if paragraph is not None:
        fresh.number.data = paragraph.number or ""
        fill_texts(fresh.text, paragraph.text("text"))
    return _paragraph_page(
        fresh,
        mandate,
        paragraph,
        409,
        stale=stale.differences(form, fresh),
        stale_message=_stale_message(),
    )


@bp.route("/<uuid:public_id>/paragraphs/new", methods=["GET", "POST"])
@login_required
def new_paragraph(public_id: uuid.UUID) -> Page:
    return _save_paragraph(public_id, None)


@bp.route("/<uuid:public_id>/paragraphs/<uuid:paragraph_id>/edit", methods=["GET", "POST"])
@login_required
def edit_paragraph(public_id: uuid.UUID, paragraph_id: uuid.UUID) -> Page:
    return _save_paragraph(public_id, paragraph_id)


@bp.post("/<uuid:public_id>/paragraphs/<uuid:paragraph_id>/delete")
@login_required
def delete_paragraph(public_id: uuid.UUID, paragraph_id: uuid.UUID) -> Page:
    return _save_paragraph(public_id, paragraph_id, delete=True)


__all__ = ["bp", "sorted_paragraphs"]
