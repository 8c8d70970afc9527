"""Pages to create, edit and delete documents.

Admins edit every document; editors the documents of the bodies they plan: those whose symbol
starts with the body's symbol (CTOC/COP/WG.4/2018/2 is a document of CTOC/COP/WG.4).
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
from planner.core.symbols import symbol_starts_with
from planner.documents import editing
from planner.documents.forms import KIND_LABELS, DocumentForm
from planner.extensions import db
from planner.forms import VersionedForm, fill_texts, texts_of
from planner.manage import stale
from planner.manage.fields import add_error
from planner.manage.stale import reload_records
from planner.models import Body, Document, User
from planner.services.concurrency import StaleEdit

bp = Blueprint("manage_documents", __name__, url_prefix="/manage/documents")

Page = str | tuple[str, int] | Response


def _stale_message() -> str:
    return _(
        "A colleague saved this document while you were editing; nothing was saved. "
        "Their version is shown below; re-apply your change."
    )


def _user() -> User:
    user = signed_in_user()
    if user is None:  # login_required has redirected anonymous users already
        abort(403)
    return user


def _document_or_404(public_id: uuid.UUID) -> Document:
    doc = editing.by_public_id(db.session, public_id)
    if doc is None:
        abort(404)
    return doc


def _editable(public_id: uuid.UUID) -> tuple[User, Document]:
    user = _user()
    doc = _document_or_404(public_id)
    if not editing.may_edit(db.session, user, doc.symbol):
        abort(403)
    return user, doc


def _fill(form: DocumentForm, doc: Document) -> None:
    form.symbol.data = doc.symbol
    form.kind.data = doc.kind
    fill_texts(form.title, doc.text("title"))
    fill_texts(form.listing, doc.text("listing"))
    form.issued.data = doc.issued
    form.languages.data = list(doc.languages)
    form.distribution.data = doc.distribution
    form.version.data = str(doc.version)


def _checked(form: DocumentForm, user: User, doc: Document | None) -> editing.DocumentInput | None:
    valid = form.validate()
    data = editing.DocumentInput(
        symbol=form.symbol.data or "",
        kind=form.kind.data or "other",
        title=texts_of(form.title),
        listing=texts_of(form.listing),
        issued=form.issued.data,
        languages=form.languages.languages,
        distribution=form.distribution.data or "general",
    )
    found = {
        name: message
        for name, message in editing.problems(db.session, user, data, doc).items()
        if not form[name].errors
    }
    for name, message in found.items():
        add_error(form[name], message)
    return data if valid and not found else None


def _page(form: DocumentForm, doc: Document | None, status: int = 200, **context: Any) -> Page:
    page = render_template("documents/manage_form.html", form=form, doc=doc, **context)
    return (page, status) if status != 200 else page


def _back(symbol: str) -> Response:
    body = editing.issuing_body(db.session, symbol)
    return redirect(url_for("manage_documents.index", body=body.public_id if body else None), 303)


@bp.get("")
@login_required
def index() -> str:
    user = _user()
    if not editing.may_create_any(user):
        abort(403)
    body = None
    if request.args.get("body"):
        try:
            body = db.session.scalar(
                select(Body).where(Body.public_id == uuid.UUID(request.args["body"]))
            )
        except ValueError:
            abort(404)
        if body is None:
            abort(404)
    documents = db.session.scalars(
        select(Document).options(selectinload(Document.texts)).order_by(Document.symbol)
    ).all()
    shown = [
        doc
        for doc in documents
        if (body is None or symbol_starts_with(doc.symbol, body.symbol))
        and editing.may_edit(db.session, user, doc.symbol)
    ]
    return render_template(
        "documents/manage_list.html", documents=shown, body=body, kinds=KIND_LABELS
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> Page:
    user = _user()
    if not editing.may_create_any(user):
        abort(403)
    form = DocumentForm()
    if request.method == "GET":
        prefix = request.args.get("body")
        if prefix:
            try:
                body = db.session.scalar(select(Body).where(Body.public_id == uuid.UUID(prefix)))
            except ValueError:
                body = None
            form.symbol.data = f"{body.symbol}/" if body else ""
        return _page(form, None)
    data = _checked(form, user, None)
    if data is None:
        return _page(form, None, 422, invalid=True)
    try:
        doc = editing.create_document(db.session, user, data)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        add_error(form.symbol, _("Another document already has this symbol."))
        return _page(form, None, 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The document %(symbol)s was created.", symbol=doc.symbol), "success")
    return _back(doc.symbol)


def _stale_page(failed: bool, form: DocumentForm, public_id: uuid.UUID) -> Page:
    reload_records(failed)
    doc = editing.by_public_id(db.session, public_id)
    if doc is None:
        flash(_("A colleague deleted this document while you were editing; nothing was saved."))
        return redirect(url_for("manage_documents.index"), 303)
    fresh = DocumentForm(formdata=None)
    _fill(fresh, doc)
    return _page(
        fresh,
        doc,
        409,
        stale=stale.differences(form, fresh),
        stale_message=_stale_message(),
    )


@bp.route("/<uuid:public_id>/edit", methods=["GET", "POST"])
@login_required
def edit(public_id: uuid.UUID) -> Page:
    user, doc = _editable(public_id)
    form = DocumentForm()
    if request.method == "GET":
        _fill(form, doc)
        return _page(form, doc)
    if form.version.data != str(doc.version):
        return _stale_page(False, form, public_id)
    data = _checked(form, user, doc)
    if data is None:
        return _page(form, doc, 422, invalid=True)
    try:
        editing.update_document(db.session, user, doc, data, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        return _stale_page(True, form, public_id)
    except IntegrityError:
        db.session.rollback()
        add_error(form.symbol, _("Another document already has this symbol."))
        return _page(form, _document_or_404(public_id), 422, invalid=True)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The document %(symbol)s was saved.", symbol=data.symbol), "success")
    return _back(data.symbol)


@bp.route("/<uuid:public_id>/delete", methods=["GET", "POST"])
@login_required
def delete(public_id: uuid.UUID) -> Page:
    user, doc = _editable(public_id)
    form = VersionedForm()
    refusal = editing.delete_refusal(db.session, doc)
    if request.method == "GET":
        form.version.data = str(doc.version)
        return render_template("documents/manage_delete.html", form=form, doc=doc, refusal=refusal)
    if refusal:
        page = render_template("documents/manage_delete.html", form=form, doc=doc, refusal=refusal)
        return page, 409
    symbol = doc.symbol
    try:
        editing.delete_document(db.session, user, doc, form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        doc = _document_or_404(public_id)
        form.version.data = str(doc.version)
        message = _(
            "A colleague saved this document after you opened this page; nothing was deleted. "
            "Check it and confirm again."
        )
        page = render_template(
            "documents/manage_delete.html", form=form, doc=doc, refusal=None, stale_message=message
        )
        return page, 409
    except Exception:
        db.session.rollback()
        raise
    flash(_("The document %(symbol)s was deleted.", symbol=symbol), "success")
    return _back(symbol)
