"""
`make bench` (``python -m bench``): the site measured as it runs in production.

1. Seeds PostgreSQL (``BENCH_DATABASE_URL``, by default the dedicated
   database ``healthinfo_bench`` on 127.0.0.1:5432, created when missing)
   with synthetic content at the chosen scale, reusing it when it is already
   seeded at that scale.
2. Collects the static files and starts gunicorn (2 sync workers, DEBUG off,
   production settings) on loopback, once with the Redis cache (warm) and
   once with no cache (cold). Redis is ``BENCH_REDIS_URL`` when set, else a
   private ``redis-server`` on a free port.
3. Loads each scenario with wrk for a bounded time after a short warm-up, then
   asks gunicorn how many SQL queries one request of it runs.
4. Prints the table and appends it to ``bench/results/<date>.md``.
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import quote_plus, urlencode, urlsplit, urlunsplit

from bench import report, scenarios
from bench.load import (
    ASK_SCRIPT,
    OVERSIZED_SCRIPT,
    LoadToolMissing,
    ensure_varnish,
    ensure_wrk,
    run_wrk,
)
from bench.middleware import REQUEST_HEADER, RESPONSE_HEADER
from bench.scenarios import Measurement
from bench.servers import (
    BASE_DIR,
    AppServer,
    PrivateRedis,
    PrivateVarnish,
    cookies_from,
    fetch,
    free_port,
    production_env,
    redis_server_path,
    varnishd_path,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/healthinfo_bench"
# The app servers' minimum time between showing the question form and a post.
BENCH_MIN_FILL_SECONDS = 1
RESULTS_DIR = BASE_DIR / "bench" / "results"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=1000, help="articles to seed (1000 or 10000)"
    )
    parser.add_argument("--seconds", type=int, default=10, help="measured load per scenario")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured load before each")
    parser.add_argument(
        "--connections",
        type=int,
        default=2,
        help="concurrent keep-alive connections (default: one per gunicorn worker)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="TEXT",
        help="only the scenarios whose name contains TEXT (repeatable)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="TEXT",
        help="leave out the scenarios whose name contains TEXT (repeatable); leaving out "
        "Varnish runs the warm app server without an HTTP cache purger",
    )
    parser.add_argument("--reseed", action="store_true", help="drop and seed the database again")
    parser.add_argument("--no-save", action="store_true", help="print the table only")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    database_name = urlsplit(database_url).path.lstrip("/")
    if "bench" not in database_name or database_name.startswith("test_"):
        sys.exit(
            f"BENCH_DATABASE_URL names {database_name!r}: the benchmark drops and re-creates "
            "its database, so the name must contain 'bench' (and not be a test database)."
        )
    try:
        wrk = ensure_wrk()
    except LoadToolMissing as error:
        sys.exit(str(error))

    # This process seeds the database and creates the midwife's session with
    # the same production settings as the app servers.
    os.environ.update(production_env(database_url))
    import django

    django.setup()
    from bench import seed

    if not seed.min_articles() <= args.articles <= seed.max_articles():
        sys.exit(f"--articles must be between {seed.min_articles()} and {seed.max_articles()}.")

    site = prepare_database(database_url, args.articles, reseed=args.reseed)
    collect_static()
    # Other work on the machine skews the figures: the report says how busy it was.
    load_before = os.getloadavg()[0]

    chosen = [
        scenario
        for scenario in scenarios.SCENARIOS
        if not args.scenario or any(text in scenario.name for text in args.scenario)
        if not any(text in scenario.name for text in args.skip)
    ]
    if any(scenario.through_varnish for scenario in chosen):
        ensure_varnish()  # else those scenarios are reported as skipped
    redis_url, private_redis, cache_note = start_redis()
    key_prefix = f"bench-{secrets.token_hex(4)}"
    try:
        results = run_scenarios(chosen, site, args, wrk, database_url, redis_url, key_prefix)
    finally:
        if private_redis:
            private_redis.destroy()
        elif redis_url:
            forget_keys(redis_url, key_prefix)

    rows = []
    for scenario in chosen:
        measurement, verdict = results[scenario]
        floor = floor_for(scenario, results)
        if measurement is not None and scenario.target:
            verdict = scenario.target.verdict(measurement, floor, site)
        rows.append((scenario, measurement, floor, verdict))
    section = report.document(
        title=f"{datetime.now():%Y-%m-%d %H:%M} — {args.articles:,} articles, {git_revision()}",
        settings_lines=describe_run(args, site, cache_note, load_before),
        rows=rows,
        notes=[f"{s.name}: {s.note}" for s in chosen if s.note],
    )
    print()
    print(section)
    if not args.no_save:
        path = save(section)
        print(f"Written to {path.relative_to(BASE_DIR)}")


def prepare_database(database_url, articles, *, reseed):
    """Reuse the bench database when it holds this scale already; else re-create and seed it."""
    from django.core.management import call_command
    from django.db import connection

    from bench import seed

    if not reseed and database_exists(database_url):
        call_command("migrate", interactive=False, verbosity=0)
        if seed.is_seeded(articles):
            print(f"Reusing the benchmark database, already seeded with {articles:,} articles.")
            return seed.site_for(articles)
    connection.close()
    recreate_database(database_url)
    print("Migrating the benchmark database…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    print(f"Seeding {articles:,} articles…", flush=True)
    started = time.monotonic()
    site = seed.seed(articles, say=lambda message: print(message, flush=True))
    with connection.cursor() as cursor:
        # Fresh statistics, as a database in production would have.
        cursor.execute("VACUUM ANALYZE")
    print(f"Seeded in {time.monotonic() - started:.0f} s.")
    return site


def _maintenance_url(database_url):
    return urlunsplit(urlsplit(database_url)._replace(path="/postgres"))


def database_exists(database_url):
    import psycopg

    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def recreate_database(database_url):
    import psycopg
    from psycopg import sql

    name = sql.Identifier(urlsplit(database_url).path.lstrip("/"))
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def collect_static():
    from django.core.management import call_command

    print("Collecting static files…", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)


def start_redis():
    """(URL, private server or None, note) of the Redis the warm scenarios use."""
    if url := os.environ.get("BENCH_REDIS_URL"):
        return url, None, "Redis at BENCH_REDIS_URL, keys under a per-run prefix (removed after)"
    if redis_server_path():
        redis = PrivateRedis().start()
        return redis.url(), redis, "a private redis-server on loopback, started for this run"
    return None, None, "no Redis: warm scenarios skipped (set BENCH_REDIS_URL or install redis)"


def forget_keys(redis_url, prefix):
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


def session_cookie(username):
    """A ``Cookie`` header value for a session of ``username``, stored in the database."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def run_scenarios(chosen, site, args, wrk, database_url, redis_url, key_prefix):
    """{scenario: (measurement or None, note)}; one gunicorn per cache setting."""
    folder = Path(tempfile.mkdtemp(prefix="healthinfo-bench-"))
    results = {}
    for cache, search_cache in ((True, True), (True, False), (False, True)):
        group = [
            scenario
            for scenario in chosen
            if scenario.cache is cache and (scenario.search_cache or not cache) is search_cache
        ]
        if cache and group and not redis_url:
            results.update(
                (scenario, (None, "skipped: no Redis (set BENCH_REDIS_URL or install redis)"))
                for scenario in group
            )
            continue
        if not group:
            continue
        needs_varnish = any(scenario.through_varnish for scenario in group)
        if needs_varnish and not varnishd_path():
            results.update(
                (scenario, (None, "skipped: varnishd is not installed (apt-get install varnish)"))
                for scenario in group
                if scenario.through_varnish
            )
            group = [scenario for scenario in group if not scenario.through_varnish]
            needs_varnish = False
        port = free_port()
        env = production_env(
            database_url,
            redis_url=redis_url if cache else "",
            settings_module="bench.settings",
            # The midwife's session is signed by this process: same key.
            DJANGO_SECRET_KEY=os.environ["DJANGO_SECRET_KEY"],
            BENCH_CACHE_OFF="0" if cache else "1",
            BENCH_SEARCH_CACHE_OFF="0" if search_cache else "1",
            QUESTIONS_MIN_FILL_SECONDS=str(BENCH_MIN_FILL_SECONDS),
            CACHE_KEY_PREFIX=key_prefix,
            LOG_LEVEL="WARNING",
        )
        varnish = None
        if needs_varnish:
            varnish = PrivateVarnish(backend_port=port)
            # The app servers purge this Varnish when pages change (healthinfo.pagecache).
            env["HTTP_CACHE_PURGE_URLS"] = varnish.url
        server = AppServer(env, folder, workers=args.workers, port=port).start()
        try:
            if varnish is not None:
                varnish.start()
            for scenario in group:
                print(f"- {scenario.name} (cache {scenario.cache_label})…", flush=True)
                context = Context(server, varnish, redis_url, key_prefix, cache)
                # How busy the machine was (our previous scenario included): see the report.
                load = os.getloadavg()[0]
                measurement, note = measure(server, scenario, site, args, wrk, context)
                if measurement is not None:
                    measurement = replace(measurement, load_average=load)
                results[scenario] = (measurement, note)
        finally:
            server.stop()
            if varnish is not None:
                varnish.destroy()
    # Kept when a server failed to start: the error quotes its log.
    shutil.rmtree(folder, ignore_errors=True)
    return results


@dataclass
class Context:
    """The servers a scenario runs against."""

    server: AppServer
    varnish: PrivateVarnish | None
    redis_url: str | None
    key_prefix: str
    cache: bool


def article_id_of(slug):
    from healthinfo.models import Article

    return Article.objects.values_list("pk", flat=True).get(slug=slug)


def change_article(context, slug):
    """
    Invalidate an article's cached pages from this process, as a change would: its
    cache generation in the database, and a purge of the bench's Varnish.
    """
    from django.test import override_settings

    from healthinfo.cache import invalidate_article

    purger = None
    if context.varnish is not None:
        purger = {
            "BACKEND": "healthinfo.pagecache.http_cache.VarnishPurger",
            "OPTIONS": {"urls": [context.varnish.url]},
        }
    with override_settings(HTTP_CACHE_PURGER=purger):
        invalidate_article(article_id_of(slug))


def measure(server, scenario, site, args, wrk, context=None):
    """
    (Measurement, None), or (None, why) when a URL does not answer 200 before the load.

    For a scenario with ``miss_of`` on a server with the cache, the query count
    of the first request after the article's cache was invalidated is kept too.
    """
    paths = scenario.paths(site)
    if paths is None:
        return None, "skipped: this commit has no such page yet"
    if scenario.asks:
        return measure_asking(server, paths[0], args, wrk)
    if scenario.oversized:
        return measure_oversized(server, paths, args, wrk)
    if scenario.special:
        return SPECIAL[scenario.special](context, scenario, site, paths)
    base = context.varnish.url if scenario.through_varnish else server.url
    headers = {}
    cleanup = None
    if scenario.login_as:
        headers["Cookie"] = session_cookie(scenario.login_as(site))
    headers.update(line.split(": ", 1) for line in scenario.headers)
    if scenario.reader_session_on:
        fetch(base + paths[0])  # a reader without a session stores the shared page
        cookie, marker, cleanup = reader_session(scenario.reader_session_on(site))
        headers["Cookie"] = cookie
    try:
        for path in paths:
            status, _, body = fetch(base + path, headers=headers)
            if status != 200:
                return None, f"not measured: {path} answered {status}"
            if scenario.reader_session_on and marker.encode() not in body:
                return None, "not measured: the reader's own question was not on her page"
        header_lines = [f"{name}: {value}" for name, value in headers.items()]
        connections = scenario.connections or args.connections
        load = {"connections": connections, "headers": header_lines, "wrk": wrk}
        if args.warmup:
            run_wrk(base, paths, seconds=args.warmup, **load)
        measurement = run_wrk(base, paths, seconds=args.seconds, **load)

        def count_queries(path):
            answer_headers = fetch(server.url + path, headers={**headers, REQUEST_HEADER: "1"})[1]
            return int(answer_headers[RESPONSE_HEADER])

        if scenario.through_varnish:
            return measurement, None
        queries = [count_queries(path) for path in paths]
        queries_on_miss = None
        if scenario.miss_of and context is not None and context.cache:
            change_article(context, scenario.miss_of(site))
            queries_on_miss = count_queries(paths[0])
        return replace(measurement, queries=max(queries), queries_on_miss=queries_on_miss), None
    finally:
        if cleanup:
            cleanup()


def reader_session(slug, body_prefix="bench-own"):
    """
    (Cookie header, her question's marker, cleanup) of a reader who asked a question on
    the article ``slug`` (awaiting review) and voted that the page was useful: her signed
    reader-state cookie (``healthinfo.reader_state``), as the site writes it.
    """
    from django.conf import settings

    from comments.models import Question
    from healthinfo.reader_state import ReaderState

    marker = f"{body_prefix}-{secrets.token_hex(6)}"
    article_id = article_id_of(slug)
    question = Question.objects.create(
        article_id=article_id, language="en", body=f"{marker}: is it normal to feel tired?"
    )
    state = ReaderState()
    state.add_question(question.pk, article_id)
    state.add_vote(article_id)

    def cleanup():
        question.delete()

    return f"{settings.READER_STATE_COOKIE_NAME}={state.cookie_value()}", marker, cleanup


def approve_new_question(slug, text):
    """A question with ``text`` on the article, approved as a midwife would (with its commit)."""
    from django.contrib.auth import get_user_model

    from comments import services
    from comments.models import Question

    question = Question.objects.create(article_id=article_id_of(slug), language="en", body=text)
    midwife = get_user_model().objects.filter(groups__name="Midwives").first()
    services.approve(question, midwife)
    return question


def remove_question(question):
    from comments import services

    services.delete_question(question)


def render_count(context):
    import redis

    # Django's Redis cache stores "<KEY_PREFIX>:<version>:<key>" (bench.middleware counts).
    value = redis.Redis.from_url(context.redis_url).get(f"{context.key_prefix}:1:bench-renders")
    return int(value or 0)


def measure_stampede(context, scenario, site, paths, readers=100, deadline=3.0):
    """
    Approve a question while 100 readers ask for the page at once, each again
    until she gets the new page: how many renders, and how long after the
    commit a reader still got the previous copy.

    The readers keep asking because the first ones after a commit may rightly
    get the previous copy (tokens read a moment ago are trusted): the stampede
    happens when the change is noticed, and all 100 are asking then.
    """
    import redis

    path = paths[0]
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    url = context.server.url + path
    for _ in range(3):
        fetch(url)  # stored, in Redis and in each worker's memory
    marker = f"bench-stampede-{secrets.token_hex(6)}"
    redis.Redis.from_url(context.redis_url).delete(f"{context.key_prefix}:1:bench-renders")
    answers = []
    start = threading.Barrier(readers + 1)
    committed = None

    def read(_):
        start.wait()
        while True:
            started = time.monotonic()
            status, _, body = fetch(url)
            fresh = marker.encode() in body
            answers.append((started, time.monotonic(), status, fresh))
            if fresh or status != 200 or time.monotonic() - committed > deadline:
                return

    pool = ThreadPoolExecutor(max_workers=readers)
    question = None
    try:
        reading = pool.map(read, range(readers))
        question = approve_new_question(slug, f"{marker}: can I fly with a stitch?")
        committed = time.monotonic()
        start.wait()
        list(reading)
    finally:
        # Should the approval fail, the readers waiting to start are let go (a
        # barrier already passed is not affected).
        start.abort()
        pool.shutdown()
        renders = render_count(context)
        if question is not None:
            remove_question(question)
    stale = [finished - committed for _, finished, _, fresh in answers if not fresh]
    errors = sum(1 for *_, status, _ in answers if status != 200)
    seconds = max(finished for _, finished, _, _ in answers) - committed
    latencies = sorted((finished - started) * 1000 for started, finished, _, _ in answers)
    return Measurement(
        requests=len(answers),
        seconds=seconds,
        p50=latencies[len(latencies) // 2],
        p95=latencies[int(len(latencies) * 0.95) - 1],
        p99=latencies[int(len(latencies) * 0.99) - 1],
        errors=errors,
        renders=renders,
        stale_for=max(stale, default=0.0),
    ), None


def measure_change_through_varnish(context, scenario, site, paths):
    """Seconds from a commit until the page read through Varnish shows the change."""
    path = paths[0]
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    url = context.varnish.url + path
    for _ in range(3):
        fetch(url)  # kept by Varnish now
    marker = f"bench-visible-{secrets.token_hex(6)}"
    with override_purger(context):
        question = approve_new_question(slug, f"{marker}: can I drive with a stitch?")
    committed = time.monotonic()
    reads = 0
    visible_after = None
    try:
        while time.monotonic() - committed < 10:
            reads += 1
            if marker.encode() in fetch(url)[2]:
                visible_after = time.monotonic() - committed
                break
            time.sleep(0.01)
    finally:
        with override_purger(context):
            remove_question(question)
    return Measurement(
        requests=reads,
        seconds=time.monotonic() - committed,
        p50=0,
        p95=0,
        p99=0,
        errors=0,
        visible_after=visible_after,
    ), None


def override_purger(context):
    from django.test import override_settings

    return override_settings(
        HTTP_CACHE_PURGER={
            "BACKEND": "healthinfo.pagecache.http_cache.VarnishPurger",
            "OPTIONS": {"urls": [context.varnish.url]},
        }
    )


def measure_sessions_through_varnish(context, scenario, site, paths, rounds=100):
    """Readers with sessions and without, interleaved through Varnish: any foreign page?"""
    path = paths[0]
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    url = context.varnish.url + path
    first = reader_session(slug, "bench-first")
    second = reader_session(slug, "bench-second")
    readers = [(first[0], first[1]), (second[0], second[1]), (None, None)]
    others = {first[1], second[1]}
    answers = []

    def read(turn):
        cookie, own = readers[turn % len(readers)]
        started = time.monotonic()
        status, _, body = fetch(url, headers={"Cookie": cookie} if cookie else {})
        text = body.decode()
        foreign = any(marker in text for marker in others - {own})
        answers.append((time.monotonic() - started, status, foreign, own is None or own in text))

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(read, range(rounds * len(readers))))
    finally:
        first[2]()
        second[2]()
    latencies = sorted(seconds * 1000 for seconds, *_ in answers)
    return Measurement(
        requests=len(answers),
        seconds=time.monotonic() - started,
        p50=latencies[len(latencies) // 2],
        p95=latencies[int(len(latencies) * 0.95) - 1],
        p99=latencies[int(len(latencies) * 0.99) - 1],
        errors=sum(1 for _, status, _, own in answers if status != 200 or not own),
        foreign_pages=sum(1 for _, _, foreign, _ in answers if foreign),
    ), None


SPECIAL = {
    "stampede": measure_stampede,
    "change through varnish": measure_change_through_varnish,
    "sessions through varnish": measure_sessions_through_varnish,
}


def measure_asking(server, path, args, wrk):
    """
    (Measurement, None) of posting the question form at ``path`` again and again.

    Like a reader, the runner loads the form (CSRF cookie and token, signed
    timestamp), waits the minimum fill time and posts once, which starts its
    session; wrk then posts new questions with that session. The questions
    are deleted afterwards, so the seeded database stays as it was.
    """
    from comments.models import Question

    status, headers, body = fetch(server.url + path)
    if status != 200:
        return None, f"not measured: {path} answered {status}"
    cookies = cookies_from(headers)
    fields = {
        "csrfmiddlewaretoken": re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1],
        "started": re.search(rb'name="started" value="([^"]+)"', body)[1],
        "display_name": "",
        "email": "",
        "website": "",
    }
    form = urlencode(fields) + "&body="
    marker = f"bench{secrets.token_hex(6)}"
    time.sleep(BENCH_MIN_FILL_SECONDS + 0.1)

    def post(question, extra_headers=None):
        headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
            "Content-Type": "application/x-www-form-urlencoded",
            **(extra_headers or {}),
        }
        return fetch(
            server.url + path, method="POST", headers=headers, body=form + quote_plus(question)
        )

    try:
        status, headers, _ = post(f"{marker} first: is it normal to feel tired?")
        if status != 302:
            return None, f"not measured: posting the form answered {status}"
        cookies.update(cookies_from(headers))
        load = {
            "connections": args.connections,
            "wrk": wrk,
            "script": ASK_SCRIPT,
            "headers": [
                "Content-Type: application/x-www-form-urlencoded",
                "Cookie: " + "; ".join(f"{name}={value}" for name, value in cookies.items()),
            ],
        }
        if args.warmup:
            run_wrk(server.url, [path, form, f"{marker}w"], seconds=args.warmup, **load)
        measurement = run_wrk(server.url, [path, form, f"{marker}m"], seconds=args.seconds, **load)
        _, headers, _ = post(f"{marker} counted: and at night?", {REQUEST_HEADER: "1"})
        return replace(measurement, queries=int(headers[RESPONSE_HEADER])), None
    finally:
        Question.objects.filter(body__startswith=marker).delete()


# What a client trying to burn the server's CPU sent (issue 16: 28 s a post before the cap).
OVERSIZED_BYTES = 2_400_000
OVERSIZED_CONNECTIONS = 3


def measure_oversized(server, paths, args, wrk):
    """
    (Measurement, None) of 2.4 MB posts to ``paths[0]``, with ``paths[1]`` loaded beside them.

    The article page is loaded alone first (one connection), then again while
    three connections post oversized questions; the measurement is the posts',
    with the article page's two measurements attached.
    """
    from concurrent.futures import ThreadPoolExecutor

    form_path, page_path = paths
    status, _, _ = fetch(server.url + page_path)
    if status != 200:
        return None, f"not measured: {page_path} answered {status}"
    form = urlencode({"display_name": "", "email": "", "website": ""}) + "&body="
    posts = {
        "connections": OVERSIZED_CONNECTIONS,
        "wrk": wrk,
        "script": OVERSIZED_SCRIPT,
    }
    reading = {"connections": 1, "wrk": wrk}
    if args.warmup:
        run_wrk(server.url, [page_path], seconds=args.warmup, **reading)
    alone = run_wrk(server.url, [page_path], seconds=args.seconds, **reading)
    arguments = [form_path, form, str(OVERSIZED_BYTES)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        oversized = pool.submit(run_wrk, server.url, arguments, seconds=args.seconds, **posts)
        beside = pool.submit(run_wrk, server.url, [page_path], seconds=args.seconds, **reading)
        measurement, during = oversized.result(), beside.result()
    return replace(measurement, beside=during, alone=alone), None


def floor_for(scenario, results):
    """
    The measurement of the scenario's floor (hello world, or Varnish's static file) on the
    same kind of server (cache on or off) with as many connections, else the closest one.
    """
    floors = [
        (
            candidate.cache == scenario.cache,
            candidate.search_cache == scenario.search_cache,
            candidate.connections == scenario.connections,
            measurement,
        )
        for candidate, (measurement, _) in results.items()
        if candidate.name == scenario.floor and measurement is not None
    ]
    floors.sort(key=lambda item: (not item[0], not item[1], not item[2]))
    return floors[0][3] if floors else None


def describe_run(args, site, cache_note, load_before):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres_version = cursor.fetchone()[0].split()[0]
    return [
        f"Machine: {report.machine_description()}; PostgreSQL {postgres_version}; "
        f"wrk, gunicorn and PostgreSQL share the machine's cores; load average "
        f"{load_before:.1f} just before the load (other work on the machine skews figures; "
        f"the last column is the 1-minute load average as each scenario started)",
        f"Content: {site.articles:,} published articles in English and Spanish (5 sections "
        f"and 2 references each), {sum(site.thread_slugs):,} answered questions on 3 articles, "
        f"100,000 questions waiting for moderation",
        f"Server: gunicorn, {args.workers} sync workers, DEBUG off, production settings "
        f"(bench.settings), HTTP on loopback",
        f"Load: wrk, 1 thread, {args.connections} keep-alive connections, {args.seconds} s "
        f"per scenario after {args.warmup} s of warm-up; latency includes queueing",
        f"Cache: warm = {cache_note}; off = Django's DummyCache",
        "SQL queries/request: counted inside gunicorn by bench.middleware.QueryCountMiddleware "
        "on one request per URL after the load (the most of any URL of the scenario)",
    ]


def git_revision():
    try:
        revision = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"commit {revision}"


def save(section):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{datetime.now():%Y-%m-%d}.md"
    if path.exists():
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + section
    else:
        text = (
            f"# Benchmark results, {datetime.now():%Y-%m-%d}\n\n"
            "Written by `make bench` (see README, “Benchmark”). Requests/s and latency are "
            "measured by wrk against gunicorn on loopback; “vs hello world” is the share of "
            "the /healthz floor's requests/s on the same kind of server.\n\n" + section
        )
    path.write_text(text, encoding="utf-8")
    return path
