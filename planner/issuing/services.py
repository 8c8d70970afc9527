"""Issue a meeting's provisional agenda and keep its files exactly as issued.

:func:`prepare` settles the symbol, checks the languages and the date, and lists the
differences from the issued version; :func:`issue` renders the files (PDF, Word, HTML) and
stores them. Both only flush: the view or the command commits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from flask import current_app, render_template
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.core.checks import missing_texts
from planner.core.document import build
from planner.core.issuing import (
    Difference,
    IssuedLanguage,
    IssueKind,
    IssueRefused,
    NextIssue,
    check_issue,
    differences,
    issued_filename,
    next_issue,
    outline,
)
from planner.core.languages import LANGUAGES
from planner.core.orgwork import Problem
from planner.core.plain import MeetingData
from planner.history.service import meeting_change
from planner.models import Issue, IssuedFile, Meeting, User

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


class MissingTexts(ValueError):
    """Language versions that lack authors' texts cannot be issued: the problems, by language."""

    def __init__(self, missing: dict[str, list[Problem]]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


@dataclass(frozen=True)
class Prepared:
    """An issue ready to be made: what it will be, and what changed since the issued version."""

    target: NextIssue
    languages: tuple[str, ...]
    issued_on: date
    differences: tuple[Difference, ...]
    data: MeetingData


def issues_of(session: Session, meeting: Meeting) -> list[Issue]:
    """The meeting's issues, oldest first."""
    return list(
        session.scalars(
            select(Issue)
            .where((Issue.meeting_id == meeting.id) | (Issue.meeting_symbol == meeting.symbol))
            .options(selectinload(Issue.files).load_only(IssuedFile.lang, IssuedFile.format))
            .order_by(Issue.created_at, Issue.id)
        )
    )


def history(issues: Sequence[Issue]) -> list[IssuedLanguage]:
    """Each language version issued, oldest issue first (HTML is always kept with the others)."""
    found: list[IssuedLanguage] = []
    for issue in issues:
        langs = sorted({f.lang for f in issue.files}, key=LANGUAGES.index)
        found.extend(
            IssuedLanguage(issue.symbol, issue.kind, lang, issue.issued_on)  # type: ignore[arg-type]
            for lang in langs
        )
    return found


def prepare(
    session: Session,
    meeting: Meeting,
    data: MeetingData,
    kind: IssueKind | None,
    languages: Sequence[str],
    issued_on: date,
    lang: str,
) -> Prepared:
    """Check an issue and say what it would be; raise IssueRefused or MissingTexts.

    ``kind`` None issues more language versions of the latest issue (the original at first);
    ``lang`` is the language the differences name titles in.
    """
    issues = issues_of(session, meeting)
    past = history(issues)
    target = next_issue(meeting.symbol, past, kind)
    chosen = tuple(code for code in LANGUAGES if code in languages)
    check_issue(target, past, tuple(languages), issued_on)
    missing = {code: found for code in chosen if (found := missing_texts(data, code))}
    if missing:
        raise MissingTexts(missing)
    found: list[Difference] = []
    if issues:
        found = differences(json.loads(issues[-1].outline), outline(data), lang)
    return Prepared(target, chosen, issued_on, tuple(found), data)


def render_files(data: MeetingData, lang: str) -> dict[str, bytes]:
    """The document in ``lang`` as HTML, PDF and Word (inside an application context)."""
    from planner.documents.docx import render_docx
    from planner.documents.pdf import render_pdf

    doc = build(data, lang)
    html = render_template("documents/print.html", doc=doc, meeting=data)
    return {
        "html": html.encode(),
        "pdf": render_pdf(html, base_url=current_app.config["PUBLIC_URL"]),
        "docx": render_docx(doc),
    }


def issue(session: Session, meeting: Meeting, prepared: Prepared, user: User | None) -> Issue:
    """Render and store the issue (flushes). The issued version's masthead carries its own
    symbol and its issue date; the meeting's issue date is set by its first issue."""
    target = prepared.target
    data = replace(prepared.data, symbol=target.symbol, issued=prepared.issued_on)
    record = Issue(
        meeting_id=meeting.id,
        meeting_symbol=meeting.symbol,
        symbol=target.symbol,
        kind=target.kind,
        issued_on=prepared.issued_on,
        restricted=meeting.restricted,
        outline=json.dumps(outline(prepared.data), ensure_ascii=False, sort_keys=True),
        created_by_id=user.id if user else None,
        created_by_email=user.email if user else "",
    )
    for lang in prepared.languages:
        for fmt, content in render_files(data, lang).items():
            record.files.append(
                IssuedFile(
                    lang=lang,
                    format=fmt,
                    filename=issued_filename(target.symbol, lang, fmt),
                    content=content,
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                )
            )
    session.add(record)
    session.flush()
    if target.kind == "original" and meeting.issued is None:
        summary = f"Issued {target.symbol} on {prepared.issued_on.isoformat()}"
        with meeting_change(session, user, meeting, summary):
            meeting.issued = prepared.issued_on
    return record


def issued_file(session: Session, symbol: str, lang: str, filename: str) -> IssuedFile | None:
    """The file issued under ``symbol`` in ``lang`` named ``filename``."""
    return session.scalar(
        select(IssuedFile)
        .join(Issue)
        .where(Issue.symbol == symbol, IssuedFile.lang == lang, IssuedFile.filename == filename)
    )


def file_issue(session: Session, file: IssuedFile) -> Issue:
    found = session.get(Issue, file.issue_id)
    assert found is not None  # the foreign key holds
    return found


__all__ = [
    "CONTENT_TYPES",
    "IssueRefused",
    "MissingTexts",
    "Prepared",
    "history",
    "issue",
    "issued_file",
    "issues_of",
    "prepare",
    "render_files",
]
