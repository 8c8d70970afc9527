"""Jinja filters that put UN editorial style (planner.core.formatting) into templates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask import Flask
from flask_babel import gettext as _
from markupsafe import Markup, escape

from planner.core import formatting, pagetext
from planner.core.document import words
from planner.core.languages import direction, is_marked, pick
from planner.core.runs import isolated, runs
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


def _isolate(value: object) -> Markup:
    """A value set apart from the text around it (a symbol or a language name inside an Arabic
    sentence keeps its own direction and leaves the sentence's punctuation where it belongs)."""
    return Markup("<bdi>{}</bdi>").format(value)


def document_text(value: str, lang: str) -> Markup:
    """A string of the ``lang`` version of a document as HTML: an author's text the data lacks
    in ``lang`` shown untranslated (marked, in its own language and direction); Latin runs of a
    right-to-left document isolated."""
    out = []
    for run in runs(value, lang):
        text = escape(isolated(run))
        if run.source is not None:
            mark = escape(words(lang)["untranslated"])
            out.append(
                f'<span class="gap"><span class="gap-mark">[{mark}]</span> '
                f'<bdi class="untranslated" lang="{run.source}" dir="{direction(run.source)}">'
                f"{text}</bdi></span>"
            )
        elif run.isolate:
            out.append(f'<bdi dir="ltr">{text}</bdi>')
        else:
            out.append(str(text))
    return Markup("".join(out))


def _document_url(symbol: str, lang: str) -> str:
    return document_url(symbol, lang)


def register(app: Flask) -> None:
    app.add_template_filter(document_text, "doc_text")
    app.add_template_filter(_isolate, "bdi")
    app.add_template_filter(_document_url, "document_url")
    app.add_template_filter(pagetext.cancelled_mark, "cancelled_mark")
    app.add_template_filter(pagetext.cancelled_notice, "cancelled_notice")
    app.add_template_filter(pagetext.titled, "titled")
    app.add_template_filter(pagetext.title_colon, "title_colon")
    app.add_template_test(is_marked, "marked")
    app.add_template_filter(pagetext.run_on, "run_on")
    app.add_template_filter(_pick, "pick")
    app.add_template_filter(_ordinal, "ordinal")
    app.add_template_filter(_date_span, "date_span")
    app.add_template_filter(_status_label, "status_label")
