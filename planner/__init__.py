"""planner: the meeting planner for intergovernmental working groups."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, send_from_directory

import config

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(instance))
    if test_config:
        app.config.from_mapping(test_config)
    command_line = os.environ.get("FLASK_RUN_FROM_CLI") == "true"  # `flask ...`, `make run`
    if not app.config.get("SECRET_KEY"):
        # `make run` and the other `flask` commands (and the tests) may use a key of this
        # machine; a server (gunicorn, ...) must be given the key all servers share.
        if not (app.testing or command_line):
            raise RuntimeError(config.SECRET_KEY_MISSING)
        app.config["SECRET_KEY"] = _instance_secret(instance)
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        config.engine_options(app.config["SQLALCHEMY_DATABASE_URI"], serving=not command_line),
    )
    # Interface catalogs: the .po files are kept in git, `make catalogs` compiles them to .mo.
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))

    from planner.auth.access import login_manager
    from planner.extensions import babel, csrf, db, limiter, migrate
    from planner.i18n import select_locale
    from planner.models.base import configure_sqlite
    from planner.models.state import track_changes
    from planner.models.versions import track_versions

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    limiter.init_app(app)
    track_changes()
    track_versions()
    configure_sqlite(reads_only=_get_request)

    from planner import errors, i18n, serving, templating
    from planner.admin.views import bp as admin_bp
    from planner.agenda.views import bp as agenda_bp
    from planner.auth.views import bp as auth_bp
    from planner.bodies.views import bp as manage_bodies_bp
    from planner.cli import planner_cli
    from planner.documents.manage import bp as manage_documents_bp
    from planner.documents.views import bp as documents_bp
    from planner.feeds.views import bp as feeds_bp
    from planner.history.views import bp as history_bp
    from planner.issuing.views import bp as issuing_bp
    from planner.mandates.views import bp as manage_mandates_bp
    from planner.meetings.views import bp as meetings_bp
    from planner.planning.views import bp as planning_bp
    from planner.releases.views import bp as releases_bp
    from planner.schedule.views import bp as schedule_bp
    from planner.search.views import bp as search_bp
    from planner.translation.views import bp as translation_bp
    from planner.venues.views import bp as venues_bp

    app.register_blueprint(meetings_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(documents_bp)
    app.register_blueprint(agenda_bp)
    app.register_blueprint(schedule_bp)
    app.register_blueprint(manage_bodies_bp)
    app.register_blueprint(planning_bp)
    app.register_blueprint(manage_documents_bp)
    app.register_blueprint(history_bp)
    app.register_blueprint(translation_bp)
    app.register_blueprint(manage_mandates_bp)
    app.register_blueprint(search_bp)
    serving.register(app)
    app.register_blueprint(venues_bp)
    app.register_blueprint(issuing_bp)
    app.register_blueprint(releases_bp)
    errors.register(app)
    i18n.register(app)
    templating.register(app)
    app.cli.add_command(planner_cli)
    app.add_url_rule("/favicon.ico", "favicon", _favicon)
    return app


def _favicon() -> Response:
    """Browsers ask every site for /favicon.ico; pages also link the SVG version."""
    return send_from_directory(
        Path(__file__).resolve().parent / "static",
        "favicon.ico",
        mimetype="image/vnd.microsoft.icon",
        max_age=7 * 24 * 3600,
    )


def _get_request() -> bool:
    """Whether the current work is a request that only reads (its SQLite transactions need not
    take the write lock)."""
    from flask import has_request_context, request

    return has_request_context() and request.method in ("GET", "HEAD", "OPTIONS")


def _instance_secret(instance: Path) -> str:
    """A secret kept in the instance folder, so a newcomer's sessions survive restarts."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
