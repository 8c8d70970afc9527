"""What a production server needs around the app: trusted proxy headers, a request id in every
log line and response, logs on standard output, security headers, the schema check and the
health route for load balancers.

Everything here reads its settings from the app's config (config.py, from the environment).
"""

from __future__ import annotations

import logging
import re
import secrets
import sys
from typing import Final

from alembic.script import ScriptDirectory
from flask import Flask, Response, current_app, g, has_request_context, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from werkzeug.exceptions import ServiceUnavailable
from werkzeug.middleware.proxy_fix import ProxyFix

from planner.extensions import db, limiter

#: A request id taken from a trusted proxy: letters, digits and a few marks, at most 128.
_REQUEST_ID: Final = re.compile(r"[A-Za-z0-9._:@+=-]{1,128}")
REQUEST_ID_HEADER: Final = "X-Request-ID"
LOG_FORMAT: Final = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
#: A year, as browsers' preload lists expect; sent only on https answers.
HSTS_MAX_AGE: Final = 31_536_000


# Proxies ---------------------------------------------------------------------------------------


def trust_proxies(app: Flask) -> None:
    """Read the client address, scheme, host and port from X-Forwarded-* only when the app is
    told how many proxies stand in front of it (PROXY_COUNT); with 0 nothing is trusted."""
    count = int(app.config.get("PROXY_COUNT") or 0)
    if count > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count
        )


# Request ids and logs ---------------------------------------------------------------------------


def request_id() -> str:
    """This request's id ("-" outside a request)."""
    if not has_request_context():
        return "-"
    found = g.get("request_id")
    return found if isinstance(found, str) else "-"


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        return True


class _StandardOutput(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stdout is when a line is logged (a test's capture, a redirect)."""

    @property  # type: ignore[override]
    def stream(self) -> object:
        return sys.stdout

    @stream.setter
    def stream(self, value: object) -> None:
        pass


def configure_logging(app: Flask) -> None:
    """planner's log lines go to standard output (where gunicorn, systemd and containers collect
    them), each with the id of the request it belongs to."""
    from flask.logging import default_handler

    app.logger.removeHandler(default_handler)
    for handler in app.logger.handlers:
        if getattr(handler, "planner_stdout", False):
            return
    handler = _StandardOutput()
    handler.planner_stdout = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(_RequestIdFilter())
    app.logger.addHandler(handler)
    if app.logger.level == logging.NOTSET:
        app.logger.setLevel(logging.INFO)


def _start_request() -> None:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    trusted = int(current_app.config.get("PROXY_COUNT") or 0) > 0
    g.request_id = offered if trusted and _REQUEST_ID.fullmatch(offered) else secrets.token_hex(16)
    g.csp_nonce = secrets.token_urlsafe(16)


def csp_nonce() -> str:
    """The nonce of this response's Content-Security-Policy, for the few <style> elements that
    hold a document's own styles (templates: ``nonce="{{ csp_nonce() }}"``)."""
    if not has_request_context():
        return ""
    nonce = g.get("csp_nonce")
    if not isinstance(nonce, str):
        nonce = g.csp_nonce = secrets.token_urlsafe(16)
    return nonce


# Security headers --------------------------------------------------------------------------------


def content_security_policy(nonce: str) -> str:
    """Scripts and styles from planner's own files only (inline <style> elements with this
    response's nonce); no plugins; no framing; forms post to planner only."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


#: For a file kept exactly as it was issued: its <style> elements carry the nonce of the
#: request that issued it, so the policy of today's request cannot name them. It has no script,
#: loads nothing, submits nothing: inline styles are all it may use.
STATIC_DOCUMENT_POLICY = "; ".join(
    (
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)


def _finish_response(response: Response) -> Response:
    headers = response.headers
    headers[REQUEST_ID_HEADER] = request_id()
    # A view may set its own policy (a document kept as issued: planner.issuing.views).
    headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    # Private feed addresses carry a token: no page tells another site where the reader was.
    headers["Referrer-Policy"] = "same-origin"
    if request.is_secure:
        headers["Strict-Transport-Security"] = f"max-age={HSTS_MAX_AGE}"
    return response


# Schema and health --------------------------------------------------------------------------------


def schema_heads(app: Flask) -> tuple[str, ...]:
    """The latest migration(s) of the code, read once from migrations/versions."""
    heads = app.extensions.get("planner_schema_heads")
    if heads is None:
        directory = app.extensions["migrate"].directory
        heads = tuple(sorted(ScriptDirectory(directory).get_heads()))
        app.extensions["planner_schema_heads"] = heads
    return tuple(heads)


def database_revisions() -> tuple[str, ...] | None:
    """The migrations the database is at (None when it has no alembic_version table). Raises
    OperationalError when the database cannot be reached."""
    try:
        rows = db.session.execute(text("SELECT version_num FROM alembic_version")).scalars()
        return tuple(sorted(rows))
    except DBAPIError as error:
        db.session.rollback()
        if error.connection_invalidated or _unreachable(error):
            raise
        return None


def _unreachable(error: DBAPIError) -> bool:
    from sqlalchemy.exc import OperationalError

    # SQLite says "no such table" with an OperationalError; that is a schema, not a network, issue.
    return isinstance(error, OperationalError) and "no such table" not in str(error.orig)


class SchemaBehind(ServiceUnavailable):
    """The database is not at the code's latest migration (migrations are running or due)."""


def _check_schema() -> None:
    """Before the first request a process serves, and until the schema is at the latest
    migration: answer 503 rather than fail on a missing table or column. Once at the head the
    check is not made again (schemas move forward with a restart of the code)."""
    if request.endpoint in ("static", "healthz"):
        return
    if current_app.extensions.get("planner_schema_ok"):
        return
    if database_revisions() == schema_heads(current_app):
        current_app.extensions["planner_schema_ok"] = True
        return
    raise SchemaBehind()


def healthz() -> tuple[Response, int]:
    """For load balancers: 200 when the database answers and its schema is at the latest
    migration; 503 otherwise, with the reason."""
    heads = schema_heads(current_app)
    try:
        current = database_revisions()
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    if current != heads:
        return (
            jsonify(
                status="unavailable",
                database="reachable",
                schema=list(current or ()),
                expected=list(heads),
            ),
            503,
        )
    return jsonify(status="ok", database="reachable", schema=list(current)), 200


def schema_behind_page() -> tuple[str, str]:
    return (
        _("planner is being updated"),
        _(
            "planner's database is being brought up to date. Please try again in a few "
            "minutes; nothing you did was lost."
        ),
    )


def register(app: Flask) -> None:
    trust_proxies(app)
    configure_logging(app)
    app.before_request(_start_request)
    app.before_request(_check_schema)
    app.after_request(_finish_response)
    app.add_url_rule("/healthz", "healthz", limiter.exempt(healthz), methods=["GET"])

    @app.context_processor
    def _nonce() -> dict[str, object]:
        return {"csp_nonce": csp_nonce}
