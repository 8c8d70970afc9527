"""``make bench``: how long a body's calendar feed takes to build, and how many requests a second
the feed endpoint answers, full and conditional (304), next to ordinary pages.

    .venv/bin/python -m benchmarks.feeds            # SQLite in a temporary folder
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test make bench   # and PostgreSQL

What it does, on each database:

1. Builds the schema with the migrations and generates synthetic bodies directly through the
   models: one body each of 10, 50 and 200 meetings, each meeting of 4 to 10 half-day meetings
   with 6 agenda items (texts in the six languages, documents under the substantive items);
   :func:`planner.services.revisions.refresh_revisions` runs after each meeting, as an import does.
2. Builds each body's feed (English) as the view does: the body lookup, the feed version and
   the feed itself, in a fresh session each time. *cold* clears the feed cache and the cache of
   serialised events; *warm* clears only the feed cache, which is what a rebuild after an
   unrelated change costs. Times are medians of three builds, as wall-clock time and as the
   building thread's CPU time (on a busy machine the wall clock also counts waiting for a
   CPU); the columns on the right split the warm build's CPU time into loading (queries and
   plain data), event texts and iCalendar writing. The SQL statements issued are counted, and
   must not grow with the number of meetings. The feed service's loader is also checked to
   give what ``meeting_data()`` gives through the models, for every meeting.
3. Serves the app on 127.0.0.1 (werkzeug, threaded, an ephemeral port; loopback only) and
   measures requests a second with 4 client threads, a new connection per request, at most
   200 requests or 20 seconds per row: the 200-meeting feed in full (rebuilt for each request,
   then from the feed cache), the same with If-None-Match and with If-Modified-Since (304), and
   for comparison the home page, a static file and a 404 page (one query).
   Client and server share one Python process (and its GIL), so absolute numbers are lower
   than a real deployment's; compare the rows with one another. Each row also gives the app's
   CPU time per request, measured apart through Flask's test client (no sockets), which
   depends little on what else the machine is doing.

``BENCH_DATABASE_URL`` (PostgreSQL) is used without touching what is there: the benchmark creates
a schema of its own (``bench_<random>``), works in it through ``search_path`` and drops it at the
end. The exit status is 1 when the queries grow with the meetings, the loader's data differs
from ``meeting_data()``'s, or a request gets the wrong status.
"""

from __future__ import annotations

import http.client
import logging
import os
import random
import statistics
import sys
import tempfile
import threading
import time as clock
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from planner import create_app
from planner.core import ical
from planner.core.languages import LANGUAGES
from planner.extensions import db
from planner.feeds import service
from planner.models import (
    AgendaItem,
    AgendaItemDocument,
    AgendaItemText,
    Body,
    BodyText,
    DailySlot,
    Document,
    DocumentText,
    InterpretationLanguage,
    Meeting,
    MeetingText,
    TimeSlot,
)
from planner.services.revisions import refresh_revisions

SIZES = (10, 50, 200)
LANG = "en"
REPEATS = 3
HTTP_REQUESTS = 200
HTTP_THREADS = 4
HTTP_SECONDS = 20.0
SEED = 20260330

CITY = {"ar": "فيينا", "zh": "维也纳", "en": "Vienna", "fr": "Vienne", "ru": "Вена", "es": "Viena"}
VENUE = {
    "ar": "مركز فيينا الدولي",
    "zh": "维也纳国际中心",
    "en": "Vienna International Centre",
    "fr": "Centre international de Vienne",
    "ru": "Венский международный центр",
    "es": "Centro Internacional de Viena",
}
BODY_NAME = {
    "ar": "الفريق العامل المعني بالاتجار بالأشخاص {n}",
    "zh": "贩运人口问题工作组 {n}",
    "en": "Working Group on Trafficking in Persons {n}",
    "fr": "Groupe de travail sur la traite des personnes {n}",
    "ru": "Рабочая группа по торговле людьми {n}",
    "es": "Grupo de trabajo sobre la trata de personas {n}",
}
TOPIC = {
    "ar": "المناقشة المواضيعية {k}: التعاون الدولي في القضايا، بما في ذلك المساعدة التقنية",
    "zh": "专题讨论 {k}：案件中的国际合作，包括技术援助；经验和良好做法",
    "en": "Thematic discussion {k}: international cooperation in cases, including technical "
    "assistance; experience and good practices",
    "fr": "Débat thématique {k} : coopération internationale, y compris l'assistance technique",
    "ru": "Тематическое обсуждение {k}: международное сотрудничество, включая техническую помощь",
    "es": "Debate temático {k}: cooperación internacional, incluida la asistencia técnica",
}
PAPER = {
    "ar": "ورقة معلومات أساسية أعدتها الأمانة بشأن الموضوع {k}",
    "zh": "秘书处关于专题 {k} 的背景文件",
    "en": "Background paper prepared by the Secretariat on topic {k}",
    "fr": "Document d'information établi par le Secrétariat sur le thème {k}",
    "ru": "Справочный документ, подготовленный Секретариатом по теме {k}",
    "es": "Documento de antecedentes preparado por la Secretaría sobre el tema {k}",
}


def texts(template: dict[str, str], **values: object) -> dict[str, str]:
    return {lang: template[lang].format(**values) for lang in LANGUAGES}


# Synthetic data


def add_body(session: Any, size: int, today: date, rng: random.Random) -> Body:
    """A body with ``size`` meetings, a year back and forward from ``today``."""
    body = Body(symbol=f"BENCH/WG.{size}", meeting_word="meeting")
    for lang, name in texts(BODY_NAME, n=size).items():
        body.texts[lang] = BodyText(lang=lang, name=name, short_name=name)
    session.add(body)
    session.flush()
    step = max(3, 720 // size)  # days between meeting starts
    first = today - timedelta(days=340)
    for number in range(1, size + 1):
        add_meeting(session, body, number, first + timedelta(days=step * (number - 1)), rng)
    return body


def add_meeting(session: Any, body: Body, number: int, start: date, rng: random.Random) -> None:
    halves = rng.randint(4, 10)
    days = (halves + 1) // 2
    symbol = f"{body.symbol}/{start.year}/{number}"
    meeting = Meeting(
        body=body,
        symbol=symbol,
        number=number,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        timezone="Europe/Vienna" if number % 7 else "America/New_York",
        format="hybrid" if number % 3 == 0 else "in_person",
        status="planned" if number % 11 == 0 else "confirmed",
        original_language="en",
        interpretation_meetings=halves // 2,
    )
    for lang in LANGUAGES:
        meeting.texts[lang] = MeetingText(lang=lang, city=CITY[lang], venue=VENUE[lang])
    for position, lang in enumerate(LANGUAGES):
        meeting.interpretation_language_rows.append(
            InterpretationLanguage(lang=lang, position=position)
        )
    meeting.daily_slots.extend(
        [DailySlot(start=time(10), end=time(13)), DailySlot(start=time(15), end=time(18))]
    )
    for half in range(halves):
        day = start + timedelta(days=half // 2)
        begin, end = (time(10), time(13)) if half % 2 == 0 else (time(15), time(18))
        meeting.slots.append(TimeSlot(date=day, start=begin, end=end))
    if number % 10 == 3:
        meeting.slots[-1].cancelled = True

    def document(kind: str, suffix: str, title: dict[str, str]) -> Document:
        doc = Document(symbol=f"{symbol}/{suffix}", kind=kind)
        for lang, words in title.items():
            doc.texts[lang] = DocumentText(lang=lang, title=words)
        session.add(doc)
        return doc

    agenda_minutes = halves * 180 - 120
    items: list[tuple[str | None, int, dict[str, str] | None, list[Document]]] = [
        ("opening", 15, None, []),
        ("adoption_of_agenda", 15, None, [document("provisional_agenda", "1", texts(PAPER, k=0))]),
    ]
    for k in range(1, 4):
        papers = [document("background_paper", str(k + 1), texts(PAPER, k=k))]
        if k == 2:
            papers.append(document("conference_room_paper", f"CRP.{k}", texts(PAPER, k=k)))
        items.append((None, agenda_minutes // 3, texts(TOPIC, k=k), papers))
    items.append(("adoption_of_report", 90, None, []))
    for position, (standard, minutes, title, papers) in enumerate(items):
        item = AgendaItem(position=position, standard=standard, minutes=minutes)
        for lang, words in (title or {}).items():
            item.texts[lang] = AgendaItemText(lang=lang, title=words, annotation="")
        for place, doc in enumerate(papers):
            item.document_links.append(AgendaItemDocument(document=doc, position=place))
        meeting.items.append(item)
    session.add(meeting)
    refresh_revisions(session, meeting)


# Measuring


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_: Any) -> None:
        self.count += 1


@dataclass
class Phases:
    """CPU time spent in the feed service's steps, through wrappers around its functions."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def watching(self, names: Sequence[tuple[str, str]]) -> Iterator[None]:
        saved = {}
        for attribute, label in names:
            original = getattr(service, attribute, None)
            if original is None:
                continue
            saved[attribute] = original
            setattr(service, attribute, self._timed(original, label))
        try:
            yield
        finally:
            for attribute, original in saved.items():
                setattr(service, attribute, original)

    def _timed(self, function: Callable[..., Any], label: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = clock.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = clock.thread_time() - started
                self.seconds[label] = self.seconds.get(label, 0.0) + spent

        return timed


PHASES = (("_load", "load"), ("meeting_events", "texts"), ("build_calendar", "ical"))


@dataclass
class Build:
    seconds: float
    cpu: float  # CPU time of the building thread: what the build costs on an idle machine
    queries: int
    size: int
    events: int
    phases: dict[str, float]


def build_feed(app: Flask, counter: QueryCounter, public_id: uuid.UUID, *, cold: bool) -> Build:
    """One body feed, as the view builds it, in a fresh session."""
    service.cache.clear()
    if cold:
        ical.clear_cache()
    phases = Phases()
    with app.test_request_context("/", base_url="http://127.0.0.1:5000"), phases.watching(PHASES):
        counter.count = 0
        started, cpu = clock.perf_counter(), clock.thread_time()
        body = db.session.scalar(select(Body).where(Body.public_id == public_id))
        assert body is not None
        data = service.body_feed(db.session, body, LANG).body
        seconds, cpu = clock.perf_counter() - started, clock.thread_time() - cpu
        queries = counter.count
    return Build(seconds, cpu, queries, len(data), data.count(b"BEGIN:VEVENT"), phases.seconds)


def same_plain_data(app: Flask) -> bool:
    """The feed service's loader against the models' path, on every meeting."""
    from planner.services.snapshot import load_meeting_data, meeting_data, meeting_options

    with app.app_context():
        fast = load_meeting_data(db.session, Meeting.id.is_not(None))
    with app.app_context():
        query = select(Meeting).options(*meeting_options()).order_by(Meeting.start_date, Meeting.id)
        slow = [meeting_data(m) for m in db.session.scalars(query).unique()]
    return fast == slow


def median_build(builds: list[Build]) -> Build:
    """Median wall-clock and CPU times (each on its own), the phases of the median-CPU build."""
    if len({(b.queries, b.size, b.events) for b in builds}) != 1:
        raise SystemExit("the builds of one feed differ in queries, size or events")
    middle = sorted(builds, key=lambda b: b.cpu)[len(builds) // 2]
    seconds = statistics.median(b.seconds for b in builds)
    return Build(seconds, middle.cpu, middle.queries, middle.size, middle.events, middle.phases)


@dataclass
class Load:
    label: str
    path: str
    headers: dict[str, str]
    status: int
    requests: int
    before: Callable[[], None]
    done: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    size: int = 0
    cpu: float = 0.0  # per request, in process (Flask's test client): no client, no network


def cpu_per_request(
    app: Flask,
    base_url: str,
    path: str,
    headers: dict[str, str],
    status: int,
    requests: int,
    before: Callable[[], None],
) -> float:
    """CPU time the app spends on one request, through Flask's test client (no sockets).
    ``base_url`` is the live server's: a feed's ETag depends on its address."""
    client = app.test_client()
    for _ in range(3):
        client.get(path, base_url=base_url, headers=headers)
    spent = 0.0
    for _ in range(requests):
        before()
        started = clock.thread_time()
        response = client.get(path, base_url=base_url, headers=headers)
        spent += clock.thread_time() - started
        if response.status_code != status:
            raise SystemExit(f"GET {path}: {response.status_code}, expected {status}")
    return spent / requests


def hammer(
    port: int,
    label: str,
    path: str,
    headers: dict[str, str],
    status: int,
    *,
    requests: int = HTTP_REQUESTS,
    threads: int = HTTP_THREADS,
    before: Callable[[], None] = lambda: None,
) -> Load:
    """GET ``path`` up to ``requests`` times from ``threads`` threads, HTTP_SECONDS at most,
    calling ``before`` before each request."""

    def get() -> tuple[int, int]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return response.status, len(response.read())
        finally:
            connection.close()

    for _ in range(5):  # warm-up: builds and caches the feed, warms the session and templates
        get()
    load = Load(label, path, headers, status, requests, before)
    lock = threading.Lock()
    tickets = iter(range(requests))
    deadline = clock.perf_counter() + HTTP_SECONDS

    def worker() -> None:
        while clock.perf_counter() < deadline:
            with lock:
                if next(tickets, None) is None:
                    return
            before()
            started = clock.perf_counter()
            try:
                got, size = get()
            except OSError:
                got, size = 0, 0
            spent = clock.perf_counter() - started
            with lock:
                load.done += 1
                load.latencies.append(spent)
                load.size = size
                if got != status:
                    load.errors += 1

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    started = clock.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    load.seconds = clock.perf_counter() - started
    return load


# Output


def table(headings: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headings], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headings))]

    def line(row: list[str]) -> str:
        first = row[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))])

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB"


# Running


def run(label: str, url: str) -> list[str]:
    """Generate the data, measure, print; the problems found (queries growing, wrong answers)."""
    problems = []
    print(f"\n== {label}: {make_url(url).render_as_string(hide_password=True)}")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "PUBLIC_URL": "http://127.0.0.1:5000",
        }
    )
    from flask_migrate import upgrade

    # alembic.ini's logging configuration prints each migration; a filter survives it.
    quiet = logging.getLogger("alembic.runtime.migration")
    quiet.addFilter(lambda record: record.levelno >= logging.WARNING)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    rng = random.Random(SEED)
    started = clock.perf_counter()
    with app.app_context():
        upgrade()
        today = service.today()
        bodies = {}
        for size in SIZES:
            body = add_body(db.session, size, today, rng)
            bodies[size] = body.public_id
        db.session.commit()
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
    print(f"data: {sum(SIZES)} meetings generated in {clock.perf_counter() - started:.1f} s")

    rows = []
    query_counts = set()
    for size in SIZES:
        cold = median_build(
            [build_feed(app, counter, bodies[size], cold=True) for _ in range(REPEATS)]
        )
        warm = median_build(
            [build_feed(app, counter, bodies[size], cold=False) for _ in range(REPEATS)]
        )
        query_counts.add(cold.queries)
        rows.append(
            [
                size,
                cold.events,
                ms(cold.seconds),
                ms(cold.cpu),
                ms(warm.seconds),
                ms(warm.cpu),
                kib(cold.size),
                cold.queries,
                *(ms(warm.phases.get(name, 0.0)) for _, name in PHASES),
            ]
        )
    print(f"\nBuilding a body feed (?lang={LANG}); median of {REPEATS}:\n")
    headings = ["meetings", "events", "cold", "cold CPU", "warm", "warm CPU", "size", "queries"]
    print(table([*headings, *(f"{n} CPU" for _, n in PHASES)], rows))
    if len(query_counts) != 1:
        problems.append(f"{label}: the queries grow with the meetings: {sorted(query_counts)}")
    same = same_plain_data(app)
    print(f"\nFeed loader gives what meeting_data() gives for all {sum(SIZES)} meetings:", end=" ")
    print("yes" if same else "NO, THEY DIFFER")
    if not same:
        problems.append(f"{label}: the feed loader's plain data differs from meeting_data()")

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_port
        path = f"/feeds/bodies/{bodies[SIZES[-1]]}.ics"
        missing = f"/feeds/bodies/{uuid.UUID(int=1)}.ics"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        etag, since = response.getheader("ETag"), response.getheader("Last-Modified")
        connection.close()
        if response.status != 200 or not etag or not since:
            raise SystemExit(f"GET {path}: {response.status}, ETag {etag!r}")
        loads = [
            hammer(
                port,
                f"feed, {SIZES[-1]} meetings: GET, rebuilt *",
                path,
                {},
                200,
                requests=10,
                threads=1,
                before=service.cache.clear,
            ),
            hammer(port, f"feed, {SIZES[-1]} meetings: GET, cached", path, {}, 200),
            hammer(port, "feed: If-None-Match (304)", path, {"If-None-Match": etag}, 304),
            hammer(port, "feed: If-Modified-Since (304)", path, {"If-Modified-Since": since}, 304),
            hammer(port, f"home page / ({sum(SIZES)} meetings)", "/", {}, 200),
            hammer(port, "static file /static/planner.css", "/static/planner.css", {}, 200),
            hammer(port, "unknown feed (404 page, 1 query)", missing, {}, 404),
        ]
        for load in loads:
            load.cpu = cpu_per_request(
                app,
                f"http://127.0.0.1:{port}",
                load.path,
                load.headers,
                load.status,
                min(load.requests, 100),
                load.before,
            )
    finally:
        server.shutdown()
        thread.join()
        server.server_close()

    rows = []
    for load in loads:
        latencies = sorted(load.latencies)
        p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] if latencies else 0
        rows.append(
            [
                load.label,
                load.status,
                load.done,
                load.errors,
                f"{load.done / load.seconds:,.0f}" if load.seconds else "-",
                ms(statistics.mean(latencies)) if latencies else "-",
                ms(p95),
                f"{load.cpu * 1000:.1f} ms",
                kib(load.size) if load.size >= 1024 else f"{load.size} B",
            ]
        )
    print(
        f"\nRequests a second on 127.0.0.1:{port}, {HTTP_THREADS} client threads,"
        f" a connection per request:\n"
    )
    headings = ["request", "status", "requests", "wrong", "req/s", "mean", "p95", "app CPU"]
    print(table([*headings, "body"], rows))
    print(
        "\n* one client thread; the feed cache is cleared before each request, so each one"
        "\n  rebuilds the feed, as the first request after any change to the data does."
        "\napp CPU: the app's CPU time per request, measured apart through Flask's test client"
        "\n(no client, no sockets): what the request costs the server, whatever the load."
    )
    problems.extend(
        f"{label}: {load.label}: {load.errors} wrong answers" for load in loads if load.errors
    )
    with app.app_context():
        db.engine.dispose()
    return problems


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """``url`` with a search_path into a new schema of its own, dropped afterwards."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if make_url(url).get_backend_name() != "postgresql":
        raise SystemExit("BENCH_DATABASE_URL: only PostgreSQL (postgresql://...) is supported")
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    private = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield private.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    started = clock.perf_counter()
    print(
        f"planner feed benchmark, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs,"
        f" {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as folder:
        problems = run("SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
    other = os.environ.get("BENCH_DATABASE_URL")
    if other:
        with postgres_schema(other) as url:
            problems += run("PostgreSQL (BENCH_DATABASE_URL)", url)
    print(f"\nDone in {clock.perf_counter() - started:.0f} s.")
    if problems:
        print("\nPROBLEMS:\n" + "\n".join(f"- {problem}" for problem in problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
