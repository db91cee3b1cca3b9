"""The editors' review dashboard: buckets, filters, links, permissions and query cost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from healthinfo.models import Article
from healthinfo.review_dashboard import bucket_counts
from healthinfo.services import assign_review
from healthinfo.tests.factories import make_article, make_category, make_reviewer, make_user

pytestmark = pytest.mark.django_db

URL = "/admin/healthinfo/reviewassignment/dashboard/"


def article_due_in(days, **fields):
    article = make_article(**fields)
    today = timezone.localdate()
    Article.objects.filter(pk=article.pk).update(
        last_reviewed_on=today - timedelta(days=365), next_review_due=today + timedelta(days=days)
    )
    return article


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", groups=["Editors"]))
    return client


def test_articles_fall_into_the_right_buckets():
    article_due_in(-5, slug="overdue")
    article_due_in(10, slug="soon")
    article_due_in(60, slug="later")
    article_due_in(400, slug="fine")
    make_article("never")
    assigned = article_due_in(-1, slug="assigned")
    assign_review(assigned, make_reviewer(), due_on=timezone.localdate() + timedelta(days=3))
    counts = bucket_counts()
    assert counts["overdue"] == 2
    assert counts["due_30"] == 1
    assert counts["due_90"] == 2
    assert counts["never"] == 1
    # Overdue, soon, later and never reviewed, but not the assigned one.
    assert counts["unassigned"] == 4
    assert counts["all"] == 6


def test_share_of_published_articles_within_their_review_date():
    article_due_in(-5)
    article_due_in(100)
    article_due_in(200)
    article_due_in(300, status=Article.Status.DRAFT)
    assert bucket_counts()["share_in_date"] == 67


def test_dashboard_lists_overdue_articles_with_links_to_assign_and_record(editor_client):
    overdue = article_due_in(-5, slug="overdue-page", title="Overdue page")
    article_due_in(200, slug="fine-page", title="Fine page")
    body = editor_client.get(URL).content.decode()
    assert "Overdue page" in body
    assert "Fine page" not in body
    assert f"/admin/healthinfo/reviewassignment/add/?article={overdue.pk}" in body
    assert f"/admin/healthinfo/review/add/?article={overdue.pk}" in body


def test_dashboard_filters_by_category_and_bucket(editor_client):
    antenatal = make_category("antenatal")
    article_due_in(10, slug="in-category", title="In category", category=antenatal)
    article_due_in(10, slug="elsewhere", title="Elsewhere")
    body = editor_client.get(URL, {"bucket": "due_30", "category": antenatal.pk}).content.decode()
    assert "In category" in body
    assert "Elsewhere" not in body


def test_dashboard_sorts_by_next_review_date(editor_client):
    article_due_in(-1, title="Recent miss")
    article_due_in(-300, title="Long overdue")
    body = editor_client.get(URL, {"sort": "due"}).content.decode()
    assert body.index("Long overdue") < body.index("Recent miss")
    body = editor_client.get(URL, {"sort": "-due"}).content.decode()
    assert body.index("Recent miss") < body.index("Long overdue")


def test_dashboard_ignores_nonsense_filters(editor_client):
    response = editor_client.get(
        URL, {"bucket": "<script>", "category": "x'--", "sort": "pk; drop", "page": "999"}
    )
    assert response.status_code == 200


def test_dashboard_is_for_editors_and_superusers_only(client):
    for groups, status in ((["Medical reviewers"], 403), (["Midwives"], 403), (["Editors"], 200)):
        client.force_login(make_user(groups=groups))
        assert client.get(URL).status_code == status
    client.force_login(make_user(superuser=True))
    assert client.get(URL).status_code == 200


def test_dashboard_runs_the_same_number_of_queries_for_5_or_50_articles(client):
    editor = make_user("editor", groups=["Editors"])
    reviewer = make_reviewer()
    today = timezone.localdate()

    def add(count):
        for _ in range(count):
            article = article_due_in(-3, category=make_category())
            assign_review(article, reviewer, due_on=today + timedelta(days=7))

    def queries_for_page():
        client.force_login(editor)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"bucket": "overdue"}).status_code == 200
        return len(captured)

    add(5)
    small = queries_for_page()
    add(45)
    large = queries_for_page()
    assert small == large
    # Session, user, groups' and user's permissions (2), counts, page count, rows, four
    # prefetches, the category filter's categories and their names, the plain-language
    # targets and the pages harder to read than them.
    assert large <= 16
