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


def _whole(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return max(0, int(value))
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}.") from None


#: Said by a server started without SECRET_KEY (anything but `make run`, the CLI and the tests).
SECRET_KEY_MISSING = (
    "planner: SECRET_KEY is not set. A server must be given the key that signs sessions, CSRF "
    "tokens and private feed addresses, the same on every server: for example "
    "SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))'), kept with the "
    "server's other secrets. (Only `make run` and the command line make a key of their own.)"
)


def engine_options(url: str, *, serving: bool) -> dict[str, object]:
    """Fail fast on PostgreSQL: a database that does not answer the connection within
    DATABASE_CONNECT_TIMEOUT seconds, a statement of a web request running longer than
    DATABASE_STATEMENT_TIMEOUT milliseconds (0: none) and a pool with no free connection within
    the connect timeout give the 503 page rather than a hung worker. Commands (migrations,
    imports) have no statement timeout."""
    if not url.startswith("postgresql"):
        return {}
    connect = max(2, _whole("DATABASE_CONNECT_TIMEOUT", 3))
    statement = _whole("DATABASE_STATEMENT_TIMEOUT", 4000) if serving else 0
    connect_args: dict[str, object] = {
        "connect_timeout": connect,
        # A database host that stops acknowledging what is sent (gone from the network) breaks
        # the connection after this many milliseconds rather than the system's 15 minutes.
        "tcp_user_timeout": connect * 1000,
    }
    if statement:
        connect_args["options"] = f"-c statement_timeout={statement}"
    return {"connect_args": connect_args, "pool_timeout": connect}


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
        # Failed sign-ins are counted in this store; several server processes share one Redis
        # (RATELIMIT_STORAGE_URI or REDIS_URL, redis://host:6379/0); memory:// counts per process.
        "RATELIMIT_STORAGE_URI": (
            os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
        ),
        # How many proxies in front of planner set X-Forwarded-For/-Proto/-Host/-Port (and may
        # pass X-Request-ID); 0 trusts none of these headers.
        "PROXY_COUNT": _whole("PROXY_COUNT", 0),
        "RATELIMIT_HEADERS_ENABLED": True,  # Retry-After on a 429
        # Redis out of reach: each process counts on its own meanwhile (no error page).
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    }
