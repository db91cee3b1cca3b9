"""The cold search scenario of issue 18: 200 distinct searches and two latency limits."""

from urllib.parse import parse_qs, urlsplit

from bench import seed
from bench.scenarios import SCENARIOS, Measurement, latencies_at_most


def test_the_scenario_asks_200_distinct_searches_in_both_languages_with_no_results_kept():
    (scenario,) = [s for s in SCENARIOS if s.name == "search, 200 distinct queries"]
    assert scenario.cache and not scenario.search_cache
    assert scenario.cache_label == "warm (Redis), no search results kept"
    paths = scenario.paths(seed.site_for(10_000))
    assert len(paths) == len(set(paths)) == 200
    languages = {urlsplit(path).path.split("/")[1] for path in paths}
    assert languages == {"en", "es"}
    words = {parse_qs(urlsplit(path).query)["q"][0] for path in paths}
    assert {"causes", "causas", "pregnancy", "embarazo"} <= words  # found on most pages


def test_both_latency_limits_must_hold():
    target = latencies_at_most(("p95", 30), ("max", 60), from_articles=10_000)
    site = seed.site_for(10_000)
    fast = Measurement(requests=1, seconds=1, p50=5, p95=20, p99=40, errors=0, max=55)
    assert target.verdict(fast, None, site) == "met (p95 20 ms, max 55 ms)"
    spiky = Measurement(requests=1, seconds=1, p50=5, p95=20, p99=40, errors=0, max=90)
    assert target.verdict(spiky, None, site) == "max missed by 30 ms (1.5×)"
    assert "applies at 10,000" in target.verdict(spiky, None, seed.site_for(1000))
    assert target.text == "p95 ≤ 30 ms over 10,000 articles and max ≤ 60 ms over 10,000 articles"
