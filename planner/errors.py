"""Error pages in the house style. No reader ever sees a stack trace."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import Forbidden, HTTPException

from planner.extensions import db
from planner.serving import SchemaBehind, schema_behind_page


def _page(status: int, title: str, message: str) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, title=title, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        status = error.code or 500
        if status == 404:
            return _page(
                404,
                _("Page not found"),
                _(
                    "There is no page at this address. It may have been moved or the "
                    "meeting renamed."
                ),
            )
        if isinstance(error, CSRFError):  # also a missing or foreign Referer over https
            return _page(
                400,
                _("Form expired"),
                _(
                    "The form was open too long or came from another page. Go back, "
                    "reload it and submit again; nothing was saved."
                ),
            )
        if status == 403 and error.description == Forbidden.description:
            # A view that says why (abort(403, description=...)) keeps its own words.
            return _page(
                403,
                _("Not allowed"),
                _(
                    "Your account may not open this page. If you need to, ask an admin of "
                    "planner to change your role or assignments."
                ),
            )
        if status == 429:
            # Flask-Limiter's after-request hook adds Retry-After to this page.
            return _page(
                429,
                _("Too many attempts"),
                _(
                    "There were too many failed attempts from your address or for this "
                    "account in a short time. Wait a minute, then try again."
                ),
            )
        if isinstance(error, SchemaBehind):
            return _page(503, *schema_behind_page())
        return _page(status, error.name, error.description or "")

    @app.errorhandler(OperationalError)
    @app.errorhandler(PoolTimeout)
    def database_unreachable(error: OperationalError | PoolTimeout) -> tuple[str, int]:
        # A database that refuses, does not answer in time, or has no free connection.
        app.logger.error("database unreachable: %s", getattr(error, "orig", None) or error)
        db.session.rollback()
        return _page(
            503,
            _("Service unavailable"),
            _(
                "planner cannot reach its database just now. Please try again in a few "
                "minutes; nothing you did was lost."
            ),
        )

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("unhandled error")
        db.session.rollback()
        return _page(
            500,
            _("Something went wrong"),
            _(
                "Something went wrong on our side and has been logged. Nothing was "
                "saved; please try again."
            ),
        )
