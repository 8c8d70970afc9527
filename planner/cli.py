"""`flask --app wsgi planner ...`: import, export, render and check meetings from the shell."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from planner.core.languages import LANGUAGES
from planner.extensions import db

if TYPE_CHECKING:
    from planner.models import Meeting, Venue
    from planner.services.importer import FileSummary


class _PlannerGroup(AppGroup):
    """Database trouble ends a command with a sentence, not a stack trace."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SQLAlchemyError as error:
            db.session.rollback()
            reason = getattr(error, "orig", None) or error
            hint = ""
            if "no such table" in str(reason) or "does not exist" in str(reason):
                hint = " The database has no schema yet: run `flask --app wsgi db upgrade`."
            raise click.ClickException(f"The database could not be used: {reason}.{hint}") from None


planner_cli = _PlannerGroup("planner", help="Import, export, render and check meetings.")


def _meeting_or_exit(symbol: str):  # type: ignore[no-untyped-def]
    from planner.services.snapshot import load_meeting

    meeting = load_meeting(db.session, symbol)
    if meeting is None:
        raise click.ClickException(f'No meeting has the symbol "{symbol}".')
    return meeting


@planner_cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print what the import would change; write nothing.")
@click.option(
    "--replace",
    is_flag=True,
    help="Import even where the files remove agenda items, half-day meetings, texts or documents.",
)
@click.option(
    "--if-absent",
    is_flag=True,
    help="Leave alone a file whose meetings are all in the database already.",
)
@click.option(
    "--user", "email", help="The account the history names for this import (else: command line)."
)
@click.option(
    "--publish",
    "publish_all",
    is_flag=True,
    help="Publish every meeting of the files (as `published: true` in a file does).",
)
def import_command(
    files: tuple[Path, ...],
    dry_run: bool,
    replace: bool,
    if_absent: bool,
    email: str | None,
    publish_all: bool,
) -> None:
    """Import meeting files: all of them, or none if any has a problem. A new meeting is a
    draft unless its file says `published: true` or --publish is given.

    Over an existing meeting, prints what the import changes; refuses to remove anything unless
    --replace is given. Every import is a change in the history, undone like any other."""
    from planner.models import User
    from planner.services.importer import ImportRefused
    from planner.services.imports import import_files, record_in_history

    user = None
    if email:
        user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise click.ClickException(f"No account has the email {email}.")
    texts = []
    for path in files:
        try:
            texts.append((str(path), path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise click.ClickException(f"{path}: no such file.") from None
        except UnicodeDecodeError as error:
            raise click.ClickException(
                f"{path}: not UTF-8 text (byte {error.start}); save the file as UTF-8."
            ) from None
    try:
        report = import_files(
            db.session,
            texts,
            if_absent=if_absent,
            progress=lambda msg: click.echo(msg, err=True),
        )
    except ImportRefused as refused:
        db.session.rollback()
        for problem in refused.problems:
            click.echo(str(problem), err=True)
        click.echo(
            f"Nothing was imported: {len(refused.problems)} problem(s) to correct.", err=True
        )
        sys.exit(1)
    except SQLAlchemyError as error:
        db.session.rollback()
        click.echo(
            f"Nothing was imported: the database refused the change ({error.orig}).", err=True
        )
        sys.exit(1)
    for filename in report.skipped:
        click.echo(f"{filename}: its meetings are in the database already; left alone.")
    changes = report.lines()
    refused = report.removes and not replace
    if changes:
        click.echo("The import " + ("would change:" if dry_run or refused else "changes:"))
        for line in changes:
            click.echo(line)
    elif report.summaries:
        click.echo("The import changes nothing.")
    if dry_run:
        db.session.rollback()
        click.echo("Dry run: nothing was written.")
        return
    if refused:
        db.session.rollback()
        click.echo(
            "Nothing was imported: the files remove what is listed under “removed” above. "
            "Check them, and import again with --replace if that is intended.",
            err=True,
        )
        sys.exit(1)
    record_in_history(db.session, report, user)
    released = _publish_imported(report.summaries, publish_all)
    db.session.commit()
    for summary in report.summaries:
        click.echo(summary.line())
    for line in released:
        click.echo(line)


def _publish_imported(summaries: list[FileSummary], publish_all: bool) -> list[str]:
    """Publish what the import asks to publish; a line per release made."""
    from planner.releases.service import publish_imported

    made = publish_imported(db.session, summaries, every=publish_all)
    return [f"{r.meeting.symbol}: published release {r.number}" for r in made]


@planner_cli.command("export")
@click.argument("symbol")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def export_command(symbol: str, output: Path | None) -> None:
    """Print the meeting file of the meeting SYMBOL."""
    from planner.services.exporter import export_meeting

    text = export_meeting(_meeting_or_exit(symbol))
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@planner_cli.command("render")
@click.argument("symbol")
@click.option(
    "--lang",
    "lang",
    default="en",
    show_default=True,
    type=click.Choice(["ar", "zh", "en", "fr", "ru", "es"]),
    help="Language of the document or feed.",
)
@click.option(
    "--format",
    "fmt",
    default="html",
    show_default=True,
    type=click.Choice(["html", "json", "ics", "pdf", "docx"]),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write; pdf and docx need one unless the output is redirected.",
)
def render_command(symbol: str, lang: str, fmt: str, output: Path | None) -> None:
    """Render the provisional agenda of SYMBOL (html, json, pdf, docx) or its calendar feed
    (ics)."""
    import json

    from planner.core.document import build
    from planner.documents.render import agenda_json, standalone_html
    from planner.feeds.service import feed_links, meeting_feed
    from planner.services.snapshot import meeting_data

    binary = fmt in ("pdf", "docx")
    if binary and output is None and _stdout_is_terminal():
        raise click.UsageError(
            f"--format {fmt} writes a binary file: name it with -o FILE "
            f"(for example -o agenda.{fmt}) or redirect the output to a file."
        )
    meeting = _meeting_or_exit(symbol)
    data = meeting_data(meeting)
    payload: bytes
    # Addresses in the output are absolute, on the public address the app is served at.
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        if fmt == "html":
            payload = standalone_html(data, lang).encode()
        elif fmt == "json":
            document = agenda_json(build(data, lang), data, feed_links(meeting))
            payload = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
        elif fmt == "pdf":
            from planner.documents.pdf import PdfUnavailable, render_pdf

            try:
                payload = render_pdf(
                    standalone_html(data, lang), base_url=current_app.config["PUBLIC_URL"]
                )
            except PdfUnavailable as error:
                raise click.ClickException(str(error)) from None
        elif fmt == "docx":
            from planner.documents.docx import render_docx

            payload = render_docx(build(data, lang), cancelled=data.status == "cancelled")
        else:
            try:
                payload = meeting_feed(db.session, meeting, lang).body
            except LookupError:
                raise click.ClickException(
                    f"{symbol} is a draft: it has no calendar feed until it is published "
                    f"(flask --app wsgi planner publish {symbol})."
                ) from None
    if output:
        output.write_bytes(payload)
    elif binary:
        stream = click.get_binary_stream("stdout")
        stream.write(payload)
        stream.flush()
    else:
        click.echo(payload.decode(), nl=False)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@planner_cli.command("check")
@click.argument("symbol")
@click.option("--lang", default="en", type=click.Choice(["ar", "zh", "en", "fr", "ru", "es"]))
def check_command(symbol: str, lang: str) -> None:
    """Print the problems of the meeting SYMBOL, with every author's text its --lang version
    lacks (shown untranslated in that version); exit 1 if any is an error."""
    from planner.core.checks import check_meeting, describe, review_problems
    from planner.core.citationcheck import describe_citation
    from planner.models.base import utcnow
    from planner.services.citations import citation_check
    from planner.services.snapshot import meeting_data
    from planner.translation.services import stale_lines

    meeting = _meeting_or_exit(symbol)
    data = meeting_data(meeting)
    problems = check_meeting(data, utcnow().date(), lang) + review_problems(data)
    for problem in problems:
        click.echo(f"{problem.severity}: {describe(problem, lang)}")
    cited = citation_check(meeting)
    for found in cited:
        click.echo(f"{found.severity}: {describe_citation(found, lang)}")
    # Out-of-date translations: of --lang, or of every language when --lang is the original.
    with current_app.test_request_context():
        stale = stale_lines(meeting, LANGUAGES if lang == meeting.original_language else (lang,))
    for line in stale:
        click.echo(f"warning: {line}")
    venue_errors, venue_warnings = _venue_lines(meeting, lang)
    problem_errors = sum(p.severity == "error" for p in (*problems, *cited))
    errors = problem_errors + venue_errors
    warnings = len(problems) + len(cited) - problem_errors + len(stale) + venue_warnings
    click.echo(f"{symbol}: {errors} error(s), {warnings} warning(s)")
    if errors:
        sys.exit(1)


def _venue_lines(meeting: Meeting, lang: str) -> tuple[int, int]:
    """Print the over-booked half-days of the meeting's venue that involve it (errors), and
    how much interpretation its venue leaves it when that is less than it asks for (a
    warning). Returns (errors, warnings)."""
    from planner.core.venues import describe_offer, describe_overbooking
    from planner.venues.services import overbookings_of

    found, overbooked = overbookings_of(db.session, meeting)
    if found is None:
        return 0, 0
    name = _venue_name(found.venue, lang)
    for over in overbooked:
        click.echo(f"error: {describe_overbooking(over, name, lang)}")
    warnings = 0
    mine = next((b for b in found.meetings if b.meeting_id == meeting.id), None)
    if mine is not None and found.offered[mine.symbol] < mine.demand.requested:
        offer = found.offered[mine.symbol]
        click.echo(
            "warning: " + describe_offer(meeting.symbol, mine.demand.requested, offer, name, lang)
        )
        warnings = 1
    return len(overbooked), warnings


def _venue_name(venue: Venue, lang: str) -> str:
    names = venue.text("name")
    return names.get(lang) or names.get("en") or next(iter(names.values()), venue.key)


# Translation ----------------------------------------------------------------------------------


@planner_cli.command("xliff-export")
@click.argument("symbol")
@click.option("--lang", "lang", required=True, type=click.Choice(list(LANGUAGES)))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def xliff_export_command(symbol: str, lang: str, output: Path | None) -> None:
    """Write the texts of SYMBOL in LANG, beside the original, as XLIFF 2.0."""
    from planner.translation.services import export_xliff

    meeting = _meeting_or_exit(symbol)
    if lang == meeting.original_language:
        raise click.ClickException(
            f"{lang} is the original language of {symbol}: choose a language to translate into."
        )
    with current_app.test_request_context():
        data = export_xliff(meeting, lang)
    if output:
        output.write_bytes(data)
    else:
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()


@planner_cli.command("xliff-import")
@click.argument("symbol")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def xliff_import_command(symbol: str, file: Path) -> None:
    """Import a translated XLIFF 2.0 file of SYMBOL: all its texts, or none if any has a
    problem."""
    from planner.translation.services import XliffRefused, import_xliff

    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise click.ClickException(f"{file}: no such file.") from None
    meeting = _meeting_or_exit(symbol)
    with current_app.test_request_context():
        try:
            count = import_xliff(db.session, None, meeting, data)
            db.session.commit()
        except XliffRefused as refused:
            db.session.rollback()
            for problem in refused.problems:
                click.echo(f"{file}: {problem}", err=True)
            click.echo(
                f"Nothing was imported: {len(refused.problems)} problem(s) to correct.", err=True
            )
            sys.exit(1)
    click.echo(f"{file}: {count} translation(s) imported into {symbol}.")


# Accounts -------------------------------------------------------------------------------------


def _new_password() -> str:
    """From PLANNER_PASSWORD (for scripts), else asked twice without echo."""
    import os

    password = os.environ.get("PLANNER_PASSWORD")
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt="Password again")
    return password


@planner_cli.command("create-user")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice(["viewer", "editor", "admin"]),
    default="viewer",
    show_default=True,
    help="viewer reads restricted meetings; editor plans its bodies' meetings; admin manages all.",
)
@click.option(
    "--body",
    "bodies",
    multiple=True,
    metavar="SYMBOL",
    help="A body the user plans meetings for (editors); repeat for several.",
)
def create_user_command(email: str, role: str, bodies: tuple[str, ...]) -> None:
    """Create an account (the first admin, say). The password comes from PLANNER_PASSWORD, else
    it is asked twice; it must have at least 15 characters and not be a common password."""
    from planner.auth import services as accounts

    # A request context gives the messages a language (English, with no browser to ask).
    with current_app.test_request_context():
        problem = accounts.email_problem(db.session, email)
        if problem:
            raise click.ClickException(f"{email}: {problem}")
        try:
            found = accounts.bodies_by_symbol(db.session, bodies)
        except accounts.AccountRefused as refused:
            raise click.ClickException(str(refused)) from None
        password = _new_password()
        try:
            user = accounts.create_user(db.session, email, role, password, found)
            db.session.commit()
        except accounts.AccountRefused as refused:
            db.session.rollback()
            raise click.ClickException(f"Nobody was created: {refused}") from None
    assigned = f" for {', '.join(b.symbol for b in found)}" if found else ""
    click.echo(f"Created {user.email} ({user.role}{assigned}).")


@planner_cli.command("set-password")
@click.argument("email")
def set_password_command(email: str) -> None:
    """Give an account a new password (PLANNER_PASSWORD, else asked twice); its sessions end."""
    from planner.auth import services as accounts

    with current_app.test_request_context():
        user = accounts.find_user(db.session, email)
        if user is None:
            raise click.ClickException(f"No account has the email {email}.")
        try:
            accounts.set_password(user, _new_password())
            db.session.commit()
        except accounts.AccountRefused as refused:
            db.session.rollback()
            raise click.ClickException(f"The password was not changed: {refused}") from None
    click.echo(f"The password of {user.email} is changed; their sessions have ended.")


@planner_cli.command("revoke-feed-tokens")
@click.argument("email")
def revoke_feed_tokens_command(email: str) -> None:
    """Stop every private calendar address given to EMAIL; new ones work at once."""
    from planner.auth.services import find_user
    from planner.feeds.service import revoke_feed_tokens

    user = find_user(db.session, email)
    if user is None:
        raise click.ClickException(f"No account has the email {email}.")
    revoke_feed_tokens(user)
    db.session.commit()
    click.echo(f"The private calendar addresses of {user.email} no longer work.")


# Issuing ---------------------------------------------------------------------------------------


@planner_cli.command("issue")
@click.argument("symbol")
@click.option(
    "--date",
    "issued_on",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The issue date, YYYY-MM-DD.",
)
@click.option(
    "--lang",
    "langs",
    multiple=True,
    type=click.Choice(list(LANGUAGES)),
    help="A language version to issue (repeat the option); all six by default.",
)
@click.option("--revision", "kind", flag_value="revision", help="Issue a revision (…/Rev.n).")
@click.option(
    "--corrigendum", "kind", flag_value="corrigendum", help="Issue a corrigendum (…/Corr.n)."
)
def issue_command(symbol: str, issued_on: object, langs: tuple[str, ...], kind: str | None) -> None:
    """Issue the provisional agenda of the meeting SYMBOL on --date: the original (or further
    languages of the latest issue), a --revision or a --corrigendum. Its PDF, Word and HTML
    files are kept exactly as issued; a revision or corrigendum first lists what changed."""
    from datetime import datetime

    from planner.core.checks import describe
    from planner.core.issuing import IssueRefused
    from planner.issuing import services
    from planner.issuing.wording import difference, refusal
    from planner.services.snapshot import meeting_data

    assert isinstance(issued_on, datetime)
    meeting = _meeting_or_exit(symbol)
    languages = langs or LANGUAGES
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        try:
            prepared = services.prepare(
                db.session,
                meeting,
                meeting_data(meeting),
                kind,  # type: ignore[arg-type]
                languages,
                issued_on.date(),
                "en",
            )
        except IssueRefused as error:
            raise click.ClickException(refusal(error, "en")[1]) from None
        except services.MissingTexts as error:
            for code, problems in error.missing.items():
                click.echo(f"{code}: cannot be issued; these texts have no translation:", err=True)
                for problem in problems:
                    click.echo(f"  - {describe(problem, 'en')}", err=True)
            raise click.ClickException(
                "Nothing was issued: translate the texts listed above, or issue other languages."
            ) from None
        target = prepared.target
        if target.compared_with is not None:
            click.echo(f"Changes since {target.compared_with}:")
            for found in prepared.differences:
                click.echo(f"  - {difference(found, 'en')}")
            if not prepared.differences:
                click.echo("  (none)")
        record = services.issue(db.session, meeting, prepared, None)
        db.session.commit()
    click.echo(
        f"Issued {record.symbol} ({record.kind}) on {record.issued_on.isoformat()} in "
        f"{', '.join(prepared.languages)}: {len(record.files)} files kept."
    )


@planner_cli.command("publish")
@click.argument("symbols", nargs=-1)
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every meeting with changes not yet published, drafts included (after an upgrade).",
)
def publish_command(symbols: tuple[str, ...], every: bool) -> None:
    """Publish the meetings SYMBOL...: each one's changes become its next release, which the
    public page, the documents and the feeds then show."""
    if every == bool(symbols):
        raise click.UsageError("Name the meetings to publish, or give --all (not both).")
    if every:
        from sqlalchemy import select

        from planner.models import Meeting

        symbols = tuple(db.session.scalars(select(Meeting.symbol).order_by(Meeting.symbol)))
    from planner.releases.service import NothingToPublish, publish, release_changes
    from planner.releases.wording import describe

    for symbol in symbols:
        meeting = _meeting_or_exit(symbol)
        try:
            release = publish(db.session, meeting, None)
        except NothingToPublish:
            click.echo(f"{symbol}: nothing to publish; the public sees it as it is.")
            continue
        click.echo(f"{symbol}: published release {release.number}")
        for change in release_changes(release):
            click.echo(f"  - {describe(change)}")
    db.session.commit()


@planner_cli.command("releases")
@click.argument("symbol")
def releases_command(symbol: str) -> None:
    """List the releases of the meeting SYMBOL, newest first, with their changes, and what is
    not yet published."""
    from planner.releases.service import pending_changes, release_changes, releases
    from planner.releases.wording import describe

    meeting = _meeting_or_exit(symbol)
    pending = pending_changes(db.session, meeting)
    found = releases(db.session, meeting)
    if pending:
        click.echo("Not yet published:")
        for change in pending:
            click.echo(f"  - {describe(change)}")
    if not found:
        click.echo(f"{symbol} is a draft: it has never been published.")
    for release in found:
        when = release.published_at.strftime("%Y-%m-%d %H:%M UTC")
        click.echo(f"Release {release.number}, {when}, by {release.published_by}:")
        for change in release_changes(release):
            click.echo(f"  - {describe(change)}")
