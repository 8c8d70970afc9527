"""Jinja filters that put UN editorial style (planner.core.formatting) into templates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask import Flask
from flask_babel import gettext as _

from planner.core import formatting, pagetext
from planner.core.languages import pick
from planner.core.symbols import document_url


def _pick(texts: Mapping[str, str], lang: str) -> str:
    return pick(texts, lang)


def _ordinal(number: int, noun: str, lang: str) -> str:
    return formatting.ordinal(number, lang, noun)


def _date_span(span: tuple[date, date], lang: str) -> str:
    return formatting.date_span(span[0], span[1], lang)


def _status_label(status: str) -> str:
    labels = {
        "planned": _("Planned"),
        "confirmed": _("Confirmed"),
        "postponed": _("Postponed"),
        "cancelled": _("Cancelled"),
    }
    return labels.get(status, status)


def _document_url(symbol: str, lang: str) -> str:
    return document_url(symbol, lang)


def register(app: Flask) -> None:
    app.add_template_filter(_document_url, "document_url")
    app.add_template_filter(pagetext.cancelled_mark, "cancelled_mark")
    app.add_template_filter(pagetext.cancelled_notice, "cancelled_notice")
    app.add_template_filter(pagetext.titled, "titled")
    app.add_template_filter(pagetext.run_on, "run_on")
    app.add_template_filter(_pick, "pick")
    app.add_template_filter(_ordinal, "ordinal")
    app.add_template_filter(_date_span, "date_span")
    app.add_template_filter(_status_label, "status_label")
