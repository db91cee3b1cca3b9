"""The review calendar feed at a secret per-user address."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from healthinfo.models import Article, CalendarToken
from healthinfo.services import assign_review, regenerate_calendar_token
from healthinfo.tests.factories import make_article, make_reviewer, make_user

pytestmark = pytest.mark.django_db


def feed_url(token):
    return f"/en/reviews/calendar/{token.token}.ics"


def due_in(days, **fields):
    article = make_article(**fields)
    Article.objects.filter(pk=article.pk).update(
        next_review_due=timezone.localdate() + timedelta(days=days)
    )
    return article


def test_editor_feed_lists_upcoming_review_dates_and_parses_as_icalendar(client):
    due_in(20, title="Gestational diabetes")
    due_in(2000, title="Far in the future")
    token = regenerate_calendar_token(make_user(groups=["Editors"]))
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Review due: Gestational diabetes"]
    assert events[0].decoded("dtstart") == timezone.localdate() + timedelta(days=20)
    assert str(calendar["version"]) == "2.0"


def test_reviewer_feed_lists_their_assignments_only(client):
    user = make_user(groups=["Medical reviewers"])
    reviewer = make_reviewer(user=user)
    mine = make_article(title="Mine")
    assign_review(mine, reviewer, due_on=timezone.localdate() + timedelta(days=5))
    assign_review(make_article(title="Theirs"), make_reviewer(), due_on=timezone.localdate())
    due_in(10, title="Not assigned")
    calendar = icalendar.Calendar.from_ical(
        client.get(feed_url(regenerate_calendar_token(user))).content
    )
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Your review of Mine is due"]


def test_regenerated_token_revokes_the_old_address(client):
    user = make_user(groups=["Editors"])
    old = regenerate_calendar_token(user)
    new = regenerate_calendar_token(user)
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_forged_token_is_404(client):
    assert client.get("/en/reviews/calendar/not-a-real-token.ics").status_code == 404


def test_token_of_a_deactivated_user_is_404(client):
    user = make_user(groups=["Editors"])
    token = regenerate_calendar_token(user)
    user.is_active = False
    user.save()
    assert client.get(feed_url(token)).status_code == 404


def test_staff_regenerate_their_address_in_the_admin(client):
    user = make_user(groups=["Editors"])
    client.force_login(user)
    url = "/admin/healthinfo/reviewassignment/calendar/"
    assert client.get(url).status_code == 200
    client.post(url)
    first = CalendarToken.objects.get(user=user).token
    assert first in client.get(url).content.decode()
    client.post(url)
    assert CalendarToken.objects.get(user=user).token != first


def test_midwives_have_no_calendar(client):
    client.force_login(make_user(groups=["Midwives"]))
    assert client.post("/admin/healthinfo/reviewassignment/calendar/").status_code == 403
    assert not CalendarToken.objects.exists()
