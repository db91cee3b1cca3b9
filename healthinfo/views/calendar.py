"""
The review calendar: an iCalendar (RFC 5545) feed of review due dates at a
secret, per-user address, so editors and reviewers can subscribe from a
calendar app that cannot log in. Replacing the token revokes the old address.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from healthinfo import site_address
from healthinfo.forms import can_manage_reviews
from healthinfo.models import Article, CalendarToken, ReviewAssignment

# Recently missed dates stay in the calendar; older ones are on the dashboard.
PAST_DAYS = 90
FUTURE_DAYS = 400


def _title(article):
    titles = {t.language: t.title for t in article.translations.all()}
    return titles.get(settings.LANGUAGE_CODE) or next(iter(titles.values()), article.slug)


def _event(uid, day, summary, path, site_url):
    event = icalendar.Event()
    event.add("uid", f"{uid}@{urlsplit(site_url).netloc}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", site_address.absolute(path, site_url))
    return event


def build_calendar(user, today=None, site_url=None):
    """
    The ``icalendar.Calendar`` of the review dates ``user`` looks after.

    Its links start with ``site_url`` (``healthinfo.site_address.current()``
    when not given).
    """
    today = today or timezone.localdate()
    site_url = site_url or site_address.current()
    window = (today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS))
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Review calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("%(site)s reviews") % {"site": settings.SITE_NAME})
    if can_manage_reviews(user):
        articles = (
            Article.objects.exclude(status=Article.Status.ARCHIVED)
            .filter(next_review_due__range=window)
            .prefetch_related("translations")
        )
        for article in articles:
            calendar.add_component(
                _event(
                    f"article-{article.pk}-due-{article.next_review_due:%Y%m%d}",
                    article.next_review_due,
                    _("Review due: %(title)s") % {"title": _title(article)},
                    reverse("admin:healthinfo_article_change", args=[article.pk]),
                    site_url,
                )
            )
    assignments = (
        ReviewAssignment.objects.open()
        .for_user(user)
        .filter(due_on__range=window)
        .select_related("article")
        .prefetch_related("article__translations")
    )
    for assignment in assignments:
        calendar.add_component(
            _event(
                f"assignment-{assignment.pk}",
                assignment.due_on,
                _("Your review of %(title)s is due") % {"title": _title(assignment.article)},
                reverse("admin:healthinfo_review_add") + f"?assignment={assignment.pk}",
                site_url,
            )
        )
    return calendar


def review_calendar(request, token):
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, user__is_active=True, user__is_staff=True)
        .first()
    )
    if found is None:
        raise Http404
    response = HttpResponse(
        build_calendar(found.user, site_url=site_address.for_request(request)).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="reviews.ics"'
    # The address is the secret: keep it out of shared caches and referrers.
    response["Cache-Control"] = "private, no-store"
    return response
