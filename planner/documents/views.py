"""The provisional agenda as files to download: PDF (the print version laid out by WeasyPrint)
and Word (built from the same document data)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from planner.core.document import AgendaDocument, build
from planner.core.plain import MeetingData
from planner.meetings.views import _meeting_or_404, _reader_language

bp = Blueprint("documents", __name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download_name(symbol: str, lang: str, extension: str) -> str:
    """``CTOC/COP/WG.4/2018/1`` in Chinese → ``CTOC-COP-WG.4-2018-1-zh.pdf``."""
    stem = "".join(c if c.isalnum() or c in ".-_" else "-" for c in symbol.replace("/", "-"))
    return f"{stem}-{lang}.{extension}"


def _document(symbol: str) -> tuple[MeetingData, AgendaDocument]:
    """The meeting as its page and print version find it (so under the same rules), in the
    language asked for (?lang=xx), else the interface language, as there."""
    meeting = _meeting_or_404(symbol)
    return meeting, build(meeting, _reader_language(meeting))


def _file(body: bytes, content_type: str, filename: str) -> Response:
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/meetings/<path:symbol>/agenda.pdf")
def agenda_pdf(symbol: str) -> Response:
    from planner.documents.pdf import render_pdf

    meeting, doc = _document(symbol)
    html = render_template("documents/print.html", doc=doc, meeting=meeting)
    return _file(
        render_pdf(html, base_url=request.url_root),
        PDF,
        download_name(meeting.symbol, doc.lang, "pdf"),
    )


@bp.get("/meetings/<path:symbol>/agenda.docx")
def agenda_docx(symbol: str) -> Response:
    from planner.documents.docx import render_docx

    meeting, doc = _document(symbol)
    word = render_docx(doc, cancelled=meeting.status == "cancelled")
    return _file(word, DOCX, download_name(meeting.symbol, doc.lang, "docx"))
