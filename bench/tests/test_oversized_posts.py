"""
Oversized questions: refused in milliseconds, so other readers are served as usual.

Three clients post 2.4 MB questions (in the question and in the name field)
again and again to a real gunicorn server while another reader reads the
article page and opens the question form. Before bodies were capped, one
such post took 28 s of CPU and the reader's page 17 s instead of 6 ms.
"""

import statistics
import time
import uuid
from urllib.parse import urlencode

import pytest

from bench.servers import fetch
from bench.tests.clients import LoadRecorder, open_forms, stored_questions

pytestmark = pytest.mark.faults

SLUG = "cervical-insufficiency"
ASK = f"/en/articles/{SLUG}/questions/"
READING = [f"/en/articles/{SLUG}/", ASK]
SAMPLES = 30
HUGE = 2_400_000


def reading_times(server, reader):
    times = []
    for turn in range(SAMPLES):
        started = time.monotonic()
        status, _, _ = reader.get(server.url + READING[turn % len(READING)])
        times.append(time.monotonic() - started)
        assert status == 200
    return times


def test_three_oversized_posts_at_once_are_refused_at_once_and_the_reader_is_not_slowed(
    site_env, start_app_server
):
    server = start_app_server({**site_env, "QUESTIONS_RATE_LIMIT": "3"}, workers=3)
    bot, reader = open_forms(server, SLUG, ["192.0.2.99", "198.51.100.210"])
    marker = uuid.uuid4().hex[:12]
    baseline = reading_times(server, reader)

    def oversized(client, turn):
        field = "display_name" if turn % 2 else "body"
        request = bot.ask_request(server, SLUG, f"Huge {marker}: is this normal?")
        fields = {
            "csrfmiddlewaretoken": bot.csrf_token.decode(),
            "started": bot.form_token.decode(),
            "body": f"Huge {marker}: is this normal?",
            field: "a" * HUGE,
        }
        return {**request, "body": urlencode(fields), "label": field}

    with LoadRecorder(oversized, clients=3) as load:
        load.wait_for(lambda answer: answer.status == 413, count=6)
        during = reading_times(server, reader)
    posts = load.answers
    assert posts and {answer.status for answer in posts} == {413}, {a.status for a in posts}
    assert "That was too much text to send" in posts[0].body
    post_seconds = sorted(answer.finished - answer.started for answer in posts)
    milliseconds = [statistics.median(values) * 1000 for values in (post_seconds, baseline, during)]
    print(
        "oversized posts: {} answered 413, median {:.0f} ms; the reader's pages: median "
        "{:.0f} ms alone, {:.0f} ms during".format(len(posts), *milliseconds)
    )
    # Refused without being read: milliseconds, not seconds.
    assert statistics.median(post_seconds) < 0.5, post_seconds
    # The reader is served at the speed of their own baseline (room for a busy machine).
    assert statistics.median(during) <= 3 * statistics.median(baseline) + 0.05, (baseline, during)
    assert stored_questions(site_env, marker) == []
    assert "Request body of" in server.log() and "refused with 413" in server.log()

    # Just under the byte cap, a question far over its length is a form error, also at once.
    started = time.monotonic()
    request = bot.ask_request(server, SLUG, "b" * 20_000)
    status, _, body = fetch(**request)
    assert status == 200 and b"Please shorten your question to 2000 characters" in body
    assert time.monotonic() - started < 1
