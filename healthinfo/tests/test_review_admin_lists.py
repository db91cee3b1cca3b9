"""Admin lists of the review workflow: who reaches them and what they cost."""

from datetime import timedelta

import pytest
from django.utils import timezone

from healthinfo.services import assign_review
from healthinfo.tests.factories import (
    make_article,
    make_published_article,
    make_reviewer,
    make_user,
    publish_change,
)

pytestmark = pytest.mark.django_db

# (url, {role: expected status})
MATRIX = [
    ("/admin/healthinfo/reviewassignment/", {"editor": 200, "reviewer": 200, "midwife": 403}),
    ("/admin/healthinfo/reviewassignment/add/", {"editor": 200, "reviewer": 403, "midwife": 403}),
    (
        "/admin/healthinfo/reviewassignment/dashboard/",
        {"editor": 200, "reviewer": 403, "midwife": 403},
    ),
    (
        "/admin/healthinfo/reviewassignment/calendar/",
        {"editor": 200, "reviewer": 200, "midwife": 403},
    ),
    ("/admin/healthinfo/version/", {"editor": 200, "reviewer": 200, "midwife": 403}),
    ("/admin/healthinfo/articleevent/", {"editor": 200, "reviewer": 200, "midwife": 403}),
]
GROUP_OF = {"editor": "Editors", "reviewer": "Medical reviewers", "midwife": "Midwives"}


@pytest.mark.parametrize(("url", "expected"), MATRIX, ids=[url for url, _ in MATRIX])
def test_each_role_reaches_only_what_it_may(client, url, expected):
    for role, status in expected.items():
        client.force_login(make_user(groups=[GROUP_OF[role]]))
        assert client.get(url).status_code == status, f"{role} on {url}"


def test_nobody_edits_versions_or_the_audit_trail_by_hand(client):
    article = make_published_article()
    client.force_login(make_user(superuser=True))
    version, event = article.versions.get(), article.events.first()
    assert client.get("/admin/healthinfo/version/add/").status_code == 403
    assert client.post(f"/admin/healthinfo/version/{version.pk}/delete/").status_code == 403
    assert client.post(f"/admin/healthinfo/articleevent/{event.pk}/delete/").status_code == 403


def test_assignment_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    reviewer = make_reviewer()
    due = timezone.localdate() + timedelta(days=10)
    for _ in range(30):
        assign_review(make_article(), reviewer, due_on=due, by=None)
    client.force_login(make_user(groups=["Editors"]))
    # Session, user, permissions (2), two counts, the rows, the category menu (2).
    with django_assert_max_num_queries(9):
        assert client.get("/admin/healthinfo/reviewassignment/").status_code == 200


def test_versions_page_query_count_does_not_grow_with_versions(
    client, django_assert_max_num_queries
):
    article = make_published_article()
    for number in range(15):
        publish_change(article, title=f"Title {number}")
    client.force_login(make_user(groups=["Editors"]))
    # Session, user, article, its translations, permissions (2), versions, events, menu (2).
    with django_assert_max_num_queries(10):
        response = client.get(f"/admin/healthinfo/article/{article.pk}/versions/")
    assert response.status_code == 200


def test_version_and_event_lists_query_count(client, django_assert_max_num_queries):
    for _ in range(10):
        make_published_article()
    client.force_login(make_user(groups=["Editors"]))
    with django_assert_max_num_queries(10):
        assert client.get("/admin/healthinfo/version/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/admin/healthinfo/articleevent/").status_code == 200
