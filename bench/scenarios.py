"""
The scenarios of `make bench`: one row of the results table each.

A scenario names the URLs to load, whether the app server runs with the
Redis cache (warm) or with no cache at all (cold), whose session to send,
and the issue's targets for it. Adding a scenario is one ``Scenario(...)``
line in ``SCENARIOS``; the runner groups them by cache setting, so each
setting starts gunicorn once. A scenario whose ``paths`` returns None (a page
this commit does not have yet) is reported as skipped.

``asks=True`` posts the question form at its one path instead of loading
pages (``bench/wrk/ask.lua``), a new question each time, as a reader with a
session; the runner deletes the questions afterwards.

``oversized=True`` posts 2.4 MB questions to its first path over three
connections (``bench/wrk/oversized.lua``) while one more connection loads its
second path, an article page; the article page is also measured alone just
before, and the Target column reports both.

The page-cache scenarios: ``reader_session_on`` sends the session of a reader
who asked a question on that article and voted on it; ``through_varnish`` loads
Varnish in front of gunicorn (``docs/varnish/healthinfo.vcl``), measured against
``floor`` (Varnish serving a static file); ``special`` names a measurement of the
runner's own (a stampede after an invalidation, a change through Varnish, session
readers through Varnish).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import translation

HELLO_WORLD = "hello world (floor)"
STATIC_THROUGH_VARNISH = "static file through Varnish (floor)"


@dataclass(frozen=True)
class Measurement:
    """What one scenario measured: throughput, latency (milliseconds) and query count."""

    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    errors: int
    queries: int | None = None
    queries_on_miss: int | None = None  # the first request after the page's cache was dropped
    load_average: float | None = None  # the machine's, as the scenario started
    # An oversized scenario's article page: loaded meanwhile, and alone just before.
    beside: "Measurement | None" = None
    alone: "Measurement | None" = None
    max: float | None = None  # the slowest request (milliseconds)
    # Special measurements (see the runner): renders of a page after one invalidation,
    # the longest a previous copy was served after the change, seconds until a change
    # showed through Varnish, pages that showed another reader's own parts.
    renders: int | None = None
    stale_for: float | None = None
    visible_after: float | None = None
    foreign_pages: int | None = None

    @property
    def most_queries(self):
        counts = [count for count in (self.queries, self.queries_on_miss) if count is not None]
        return max(counts) if counts else None

    @property
    def requests_per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Target:
    """A target from the issue, checked against a measurement."""

    text: str
    check: Callable  # (measurement, floor, site) -> verdict string

    def verdict(self, measurement, floor, site):
        return self.check(measurement, floor, site)


def at_least_of_floor(share, floor="hello world"):
    def check(measurement, floor, site):
        if floor is None or not floor.requests_per_second:
            return "no floor measured"
        ratio = measurement.requests_per_second / floor.requests_per_second
        if ratio >= share:
            return "met"
        return f"missed by {(share - ratio) * 100:.0f} points"

    return Target(f"≥ {share:.0%} of {floor}", check)


def latency_at_most(percentile, milliseconds, *, from_articles=0):
    def check(measurement, floor, site):
        if site.articles < from_articles:
            return f"applies at {from_articles:,} articles"
        value = getattr(measurement, percentile)
        if value <= milliseconds:
            return "met"
        return f"missed by {value - milliseconds:.0f} ms ({value / milliseconds:.1f}×)"

    scale = f" over {from_articles:,} articles" if from_articles else ""
    return Target(f"{percentile} ≤ {milliseconds} ms{scale}", check)


def beside_at_most(times):
    """The page loaded beside the scenario keeps its p95 within ``times`` its p95 alone."""

    def check(measurement, floor, site):
        during, alone = measurement.beside, measurement.alone
        if during is None or alone is None:
            return "not measured"
        figures = (
            f"article page p50/p95 {during.p50:.1f}/{during.p95:.1f} ms meanwhile, "
            f"{alone.p50:.1f}/{alone.p95:.1f} ms alone"
        )
        verdict = "met" if during.p95 <= times * max(alone.p95, 1.0) else "missed"
        return f"{verdict} ({figures})"

    return Target(f"article page p95 ≤ {times}× its own", check)


def latencies_at_most(*limits, from_articles=0):
    """Several latency limits at once, e.g. ("p95", 30), ("max", 60): met when all are."""
    checks = [latency_at_most(name, ms, from_articles=from_articles) for name, ms in limits]

    def check(measurement, floor, site):
        verdicts = [target.verdict(measurement, floor, site) for target in checks]
        named = zip(limits, verdicts, strict=True)
        missed = [f"{name} {verdict}" for (name, _ms), verdict in named if verdict != "met"]
        if missed:
            return "; ".join(missed)
        # Met by how much: the figures not in the table's columns (the max) say.
        figures = ", ".join(f"{name} {getattr(measurement, name):.0f} ms" for name, _ms in limits)
        return f"met ({figures})"

    return Target(" and ".join(target.text for target in checks), check)


def _distinct_searches(site):
    """200 distinct searches in both languages, common words included (bench/data)."""
    from pathlib import Path
    from urllib.parse import urlencode

    lines = (Path(__file__).parent / "data" / "search_queries.txt").read_text("utf-8").splitlines()
    pairs = [line.split("\t", 1) for line in lines if line and not line.startswith("#")]
    return [f"/{language}/search/?{urlencode({'q': words})}" for language, words in pairs]


def queries_at_most(count):
    def check(measurement, floor, site):
        most = measurement.most_queries
        if most is None:
            return "not counted"
        if most <= count:
            return "met"
        return f"missed by {most - count} queries"

    return Target(f"≤ {count} SQL queries", check)


def rendered_once(grace_seconds):
    def check(measurement, floor, site):
        if measurement.renders is None:
            return "not counted"
        stale = measurement.stale_for or 0.0
        figures = f"{measurement.renders} render(s), previous copy up to {stale:.2f} s"
        if measurement.renders == 1 and stale <= grace_seconds:
            return f"met ({figures})"
        return f"missed ({figures})"

    return Target(f"rendered once, previous copy ≤ {grace_seconds:g} s", check)


def visible_within(seconds):
    def check(measurement, floor, site):
        if measurement.visible_after is None:
            return "not visible"
        figure = f"{measurement.visible_after * 1000:.0f} ms after the commit"
        if measurement.visible_after <= seconds:
            return f"met ({figure})"
        return f"missed ({figure})"

    return Target(f"change visible ≤ {seconds:g} s after commit", check)


def no_foreign_pages():
    def check(measurement, floor, site):
        if measurement.foreign_pages is None:
            return "not checked"
        if measurement.foreign_pages == 0:
            return f"met (0 of {measurement.requests:,} pages)"
        return f"missed ({measurement.foreign_pages} of {measurement.requests:,} pages)"

    return Target("never another reader's page", check)


def all_of(*targets):
    def check(measurement, floor, site):
        verdicts = [target.verdict(measurement, floor, site) for target in targets]
        return "; ".join(f"{t.text}: {v}" for t, v in zip(targets, verdicts, strict=True))

    return Target(" and ".join(target.text for target in targets), check)


@dataclass(frozen=True)
class Scenario:
    """URLs loaded for a bounded time on an app server with or without the cache."""

    name: str
    paths: Callable  # (SeededSite) -> list of paths, requested in turn
    cache: bool = True
    # With the cache warm, whether search results are kept (off: every search ranked afresh).
    search_cache: bool = True
    login_as: Callable | None = None  # (SeededSite) -> username whose session is sent
    target: Target | None = None
    note: str = ""
    asks: bool = False  # post the question form at paths(site)[0] instead of loading pages
    oversized: bool = False  # post 2.4 MB questions to paths(site)[0] beside paths(site)[1]
    # (SeededSite) -> slug of the article of paths(site)[0]: also count a cache miss
    miss_of: Callable | None = None
    connections: int | None = None  # instead of --connections (the floor is measured alike)
    # (SeededSite) -> slug: send the session of a reader who asked and voted on that article
    reader_session_on: Callable | None = None
    through_varnish: bool = False
    floor: str = HELLO_WORLD  # the name of the scenario whose rate is the floor
    special: str = ""  # "stampede", "change through varnish", "sessions through varnish"
    headers: tuple = ()  # ("Name: value", ...) sent with every request

    @property
    def is_floor(self):
        return self.name in (HELLO_WORLD, STATIC_THROUGH_VARNISH)

    @property
    def cache_label(self):
        if not self.cache:
            return "off"
        return "warm (Redis)" if self.search_cache else "warm (Redis), no search results kept"


def _hello(cache, connections=None):
    return Scenario(HELLO_WORLD, lambda site: ["/healthz"], cache=cache, connections=connections)


def _article(site):
    return [f"/en/articles/{site.article_slug}/"]


def _thread(count):
    return lambda site: [f"/en/articles/{site.thread_slugs[count]}/"]


def _thread_slug(count):
    return lambda site: site.thread_slugs[count]


def _static_file(site):
    """The hashed address of bootstrap.bundle.min.js (about 80 kB), as pages link to it."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return [staticfiles_storage.url("bootstrap/js/bootstrap.bundle.min.js")]


def _a_to_z(site):
    """The A-Z index, once issue 3's page exists (``healthinfo:a_to_z``)."""
    try:
        with translation.override("en"):
            return [reverse("healthinfo:a_to_z")]
    except NoReverseMatch:
        return None


def _threads(cache):
    """The article page with 10, 100 and 1,000 answered questions (with replies)."""
    return [
        Scenario(
            f"article page, {count:,} answered questions",
            _thread(count),
            cache=cache,
            target=(
                all_of(queries_at_most(8), at_least_of_floor(0.70)) if cache else queries_at_most(8)
            )
            if count == 100
            else None,
            miss_of=_thread_slug(count),
        )
        for count in (10, 100, 1000)
    ]


SCENARIOS = [
    _hello(cache=True),
    Scenario("home page", lambda site: ["/en/"]),
    Scenario(
        "article page",
        _article,
        target=at_least_of_floor(0.70),
        miss_of=lambda site: site.article_slug,
    ),
    *_threads(cache=True),
    Scenario(
        "article page, 100 answered questions, Accept-Encoding: gzip",
        _thread(100),
        target=at_least_of_floor(0.70),
        headers=("Accept-Encoding: gzip",),
        note="as browsers ask for it (the target is the row without the header); the site "
        "sends the page uncompressed either way, so the header only shows the cost of asking",
    ),
    Scenario(
        "article page, 100 answered questions, a reader with a session",
        _thread(100),
        target=at_least_of_floor(0.40),
        reader_session_on=_thread_slug(100),
        note="the shared page with her own parts filled in: her question awaiting review, her vote "
        "(her signed reader cookie, no database session; her question's fragment cached)",
    ),
    Scenario(
        "stampede: 100 readers at once after an approval",
        _thread(10),
        target=rendered_once(1.0),
        special="stampede",
        note="a question is approved on the article while 100 readers ask for the page at "
        "once, each again until she gets the new page; renders are counted inside gunicorn",
    ),
    Scenario("category page", lambda site: [f"/en/categories/{site.category_slug}/"]),
    Scenario("A-Z", _a_to_z),
    Scenario(
        "search",
        lambda site: list(site.search_queries),
        target=latency_at_most("p95", 30, from_articles=10_000),
        note="15 queries in turn, English and Spanish",
    ),
    Scenario(
        "search, 200 distinct queries",
        _distinct_searches,
        search_cache=False,
        target=latencies_at_most(("p95", 30), ("max", 60), from_articles=10_000),
        note="200 different searches in turn (bench/data/search_queries.txt: words found on most "
        "pages, condition names, lay words, misspellings, English and Spanish), the cache warm "
        "as in production but no search results kept, so every one is ranked afresh",
    ),
    Scenario(
        "posting a question",
        lambda site: [f"/en/articles/{site.article_slug}/questions/"],
        asks=True,
        note="the form posted with its CSRF token and signed timestamp, a new question each "
        "time, by a reader with a session; rate limit off (bench.settings); the answer is the "
        "redirect to the article",
    ),
    Scenario(
        "oversized question",
        lambda site: [
            f"/en/articles/{site.article_slug}/questions/",
            f"/en/articles/{site.article_slug}/",
        ],
        oversized=True,
        target=beside_at_most(3),
        note="3 connections post 2.4 MB questions (answered 413 before the body is read) while "
        "1 connection loads the article page; latency columns are the oversized posts'",
    ),
    Scenario(
        "moderation queue",
        lambda site: ["/admin/comments/question/"],
        login_as=lambda site: site.midwife_username,
        target=latency_at_most("p95", 300),
        note="the admin's question list (pending, urgent first, then oldest; 50 rows a page) as a "
        "midwife, with 100,000 questions waiting",
    ),
    _hello(cache=True, connections=8),
    Scenario(
        "article page, 100 answered questions",
        _thread(100),
        connections=8,
        target=at_least_of_floor(0.70),
    ),
    Scenario(
        STATIC_THROUGH_VARNISH,
        _static_file,
        through_varnish=True,
        headers=("Accept-Encoding: gzip",),
        note="bootstrap.bundle.min.js (24 kB gzipped; the article page is 38 kB, not "
        "compressed), asked for gzipped so that Varnish sends its stored copy unchanged "
        "(without Accept-Encoding it unzips the file for every request, at a quarter of the rate)",
    ),
    Scenario(
        "article page, 100 answered questions, through Varnish",
        _thread(100),
        through_varnish=True,
        floor=STATIC_THROUGH_VARNISH,
        target=at_least_of_floor(0.80, floor="the static file"),
    ),
    Scenario(
        "a change through Varnish",
        _thread(100),
        through_varnish=True,
        special="change through varnish",
        target=visible_within(1.0),
        note="a question approved in the runner (as a midwife would), then the page read "
        "through Varnish every 10 ms until it shows",
    ),
    Scenario(
        "readers with a session through Varnish",
        _thread(100),
        through_varnish=True,
        special="sessions through varnish",
        target=no_foreign_pages(),
        note="two readers with sessions (each her own question awaiting review) and readers "
        "without, interleaved: every page checked for the others' questions",
    ),
    _hello(cache=False),
    Scenario("article page", _article, cache=False, target=at_least_of_floor(0.25)),
    *_threads(cache=False),
]
