"""The search page (signed-in staff) behind the box in the header."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import get_locale

from planner.auth.access import can_read_restricted, login_required
from planner.extensions import db
from planner.i18n import document_language
from planner.search import services

bp = Blueprint("search", __name__)


@bp.get("/search")
@login_required
def search() -> str:
    query = request.args.get("q", "").strip()[: services.MAX_LENGTH]
    results = services.search(db.session, query, restricted=can_read_restricted())
    return render_template(
        "search/results.html",
        query=query,
        results=results,
        lang=document_language(str(get_locale() or "en")),
        item_title=services.item_title,
        matching_text=services.matching_text,
    )
