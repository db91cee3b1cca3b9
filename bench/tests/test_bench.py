"""The benchmark's own parts: seeded content, wrk results, targets, the query counter."""

import pytest
from django.test import override_settings

from bench import seed
from bench.load import parse_wrk_output
from bench.report import table
from bench.scenarios import SCENARIOS, Measurement, at_least_of_floor, latency_at_most

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000
  1 threads and 2 connections
BENCH_RESULT {"requests": 5000, "duration_us": 10000000, "errors": {"connect": 0, "read": 0, \
"write": 0, "status": 3, "timeout": 1}, "latency_us": {"p50": 1500, "p95": 4200, "p99": 9100, \
"max": 20000, "mean": 1800.5}}
"""


@pytest.fixture
def seeded_site(db):
    return seed.seed(seed.min_articles() + 10, pending_questions=200, say=lambda message: None)


def test_seeded_site_answers_every_anonymous_scenario_url(client, seeded_site, settings):
    for scenario in SCENARIOS:
        if scenario.login_as:
            continue
        for path in scenario.paths(seeded_site) or ():  # None: not on this commit yet
            if path.startswith(settings.STATIC_URL):
                # Served from collectstatic's output, which the bench makes and a clone lacks.
                continue
            assert client.get(path).status_code == 200, path


def test_seeded_articles_are_found_by_their_alternate_names_in_both_languages(client, seeded_site):
    english = client.get("/en/search/?q=weak+cervix").context["results"]
    assert english[0].title == "Cervical insufficiency"
    spanish = client.get("/es/search/?q=cuello+uterino+incompetente").context["results"]
    assert spanish[0].title == "Insuficiencia cervical"


def test_seeded_threads_and_queue_have_the_promised_sizes(seeded_site):
    from comments.models import Question

    for count, slug in seeded_site.thread_slugs.items():
        thread = Question.objects.approved().filter(article__slug=slug)
        assert thread.count() == count
        assert not thread.filter(replies__isnull=True).exists()
    assert Question.objects.pending().count() == 200


def test_generated_titles_are_distinct_in_each_language():
    titles = list(seed.titles(seed.max_articles()))
    for language in seed.LANGUAGES:
        assert len({title[language] for title, _ in titles}) == len(titles)


def test_wrk_result_line_becomes_a_measurement():
    measurement = parse_wrk_output(WRK_OUTPUT)
    assert measurement.requests_per_second == 500
    assert (measurement.p50, measurement.p95, measurement.p99) == (1.5, 4.2, 9.1)
    assert measurement.errors == 4


def test_targets_say_whether_they_are_met_and_by_how_much():
    floor = Measurement(requests=1000, seconds=1, p50=1, p95=1, p99=1, errors=0)
    page = Measurement(requests=500, seconds=1, p50=20, p95=45, p99=60, errors=0)
    site = seed.site_for(10_000)
    assert at_least_of_floor(0.25).verdict(page, floor, site) == "met"
    assert at_least_of_floor(0.70).verdict(page, floor, site) == "missed by 20 points"
    assert latency_at_most("p95", 30).verdict(page, floor, site) == "missed by 15 ms (1.5×)"
    small = seed.site_for(1000)
    assert "applies at 10,000" in latency_at_most("p95", 30, from_articles=10_000).verdict(
        page, floor, small
    )


def test_table_reports_failed_requests_next_to_the_target():
    scenario = SCENARIOS[2]
    floor = Measurement(requests=1000, seconds=1, p50=1, p95=1, p99=1, errors=0)
    failing = Measurement(requests=800, seconds=1, p50=2, p95=3, p99=4, errors=12, queries=6)
    markdown = table([(scenario, failing, floor, "met")])
    assert "| 800.0 | 2.0 | 3.0 | 4.0 | 6 | 80% | 12 failed requests." in markdown


@pytest.mark.django_db
def test_query_counter_answers_only_requests_that_ask(client):
    from django.conf import settings

    with override_settings(
        MIDDLEWARE=["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]
    ):
        counted = client.get("/en/", headers={"X-Bench-Count-Queries": "1"})
        plain = client.get("/en/")
    assert int(counted.headers["X-Bench-Queries"]) > 0
    assert "X-Bench-Queries" not in plain.headers


def test_a_cache_miss_counts_towards_the_query_target_and_shows_in_the_table():
    from bench.report import query_cell
    from bench.scenarios import queries_at_most

    warm = Measurement(requests=1, seconds=1, p50=1, p95=1, p99=1, errors=0, queries=1)
    site = seed.site_for(1000)
    assert queries_at_most(8).verdict(warm, None, site) == "met"
    missing = Measurement(**{**warm.__dict__, "queries_on_miss": 10})
    assert queries_at_most(8).verdict(missing, None, site) == "missed by 2 queries"
    assert query_cell(missing) == "1 (10 on a miss)" and query_cell(warm) == "1"


def test_the_oversized_scenario_reports_the_article_page_beside_it_and_alone():
    from bench.scenarios import beside_at_most

    posts = Measurement(requests=100, seconds=10, p50=10, p95=20, p99=30, errors=0)
    alone = Measurement(requests=5000, seconds=10, p50=1, p95=4, p99=6, errors=0)
    fine = Measurement(requests=4000, seconds=10, p50=2, p95=10, p99=12, errors=0)
    slow = Measurement(requests=100, seconds=10, p50=900, p95=17000, p99=17000, errors=0)
    target = beside_at_most(3)
    assert target.verdict(
        Measurement(**{**posts.__dict__, "beside": fine, "alone": alone}), None, None
    ) == ("met (article page p50/p95 2.0/10.0 ms meanwhile, 1.0/4.0 ms alone)")
    assert target.verdict(
        Measurement(**{**posts.__dict__, "beside": slow, "alone": alone}), None, None
    ).startswith("missed")
    assert target.verdict(posts, None, None) == "not measured"
    assert any(scenario.oversized for scenario in SCENARIOS)
