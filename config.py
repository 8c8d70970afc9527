"""Configuration from the environment. Nothing secret is ever written here."""

from __future__ import annotations

import os
from pathlib import Path


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style postgres:// URLs name the driver the old way.
        if url.startswith("postgres://"):
            url = "postgresql://" + url.removeprefix("postgres://")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
    return f"sqlite:///{instance_path / 'planner.sqlite3'}"


def _flag(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


def _public_url() -> str:
    """PUBLIC_URL, else the loopback address at PORT (what `make run PORT=...` serves)."""
    url = os.environ.get("PUBLIC_URL", "").strip()
    if url:
        return url.rstrip("/")
    port = os.environ.get("PORT", "").strip() or "5000"
    return f"http://127.0.0.1:{port}"


def from_environment(instance_path: Path) -> dict[str, object]:
    """The settings the app factory applies before any test or caller overrides."""
    return {
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        # Public address used in feeds and documents when there is no request (CLI exports).
        "PUBLIC_URL": _public_url(),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Session cookies travel over https only; `make run` (plain http on loopback) sets
        # SESSION_COOKIE_SECURE=0.
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", default=True),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", default=True),
        # Sign-in attempts are counted per address here; several server processes need a shared
        # store (e.g. redis://...), else each counts on its own.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,  # Retry-After on a 429
    }
