"""gunicorn's settings for `make serve` (and any `gunicorn -c gunicorn.conf.py wsgi:app`).

From the environment: BIND (address:port, default 127.0.0.1:8000), WEB_CONCURRENCY (worker
processes, default 2), GUNICORN_TIMEOUT (seconds a worker may spend on one request, default 30).
planner itself reads SECRET_KEY, DATABASE_URL, REDIS_URL, PROXY_COUNT, ... (README).
"""

import os
import sys

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
wsgi_app = "wsgi:app"
# Logs on standard output; each access line ends with the request id planner gave the request.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms [%({x-request-id}o)s]'
# No control socket (gunicorn 24+): several servers on one machine would share its one path.
control_socket_disable = True
# Forwarded headers are trusted by planner alone, as PROXY_COUNT says (werkzeug's ProxyFix), not
# by gunicorn's own rules (which by default believe X-Forwarded-Proto from 127.0.0.1).
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}


def on_starting(server: object) -> None:
    """Refuse to start without the shared secret, before any worker boots."""
    if not os.environ.get("SECRET_KEY"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from config import SECRET_KEY_MISSING

        sys.exit(SECRET_KEY_MISSING)
