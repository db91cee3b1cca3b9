"""The staff roles exist on a fresh database and the admin enforces what each may do."""

import pytest
from django.contrib.auth.models import Group

from comments.models import Question
from healthinfo.tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

ROLES = ["Editors", "Medical reviewers", "Midwives"]


def test_migrations_create_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


# (url, {role: expected status}) — 200 allowed, 403 refused.
MATRIX = [
    ("/admin/healthinfo/article/", {"editor": 200, "reviewer": 200, "midwife": 403}),
    # A new article is written on the editing page (article/add/ leads there).
    ("/admin/healthinfo/drafttranslation/add/", {"editor": 200, "reviewer": 403, "midwife": 403}),
    ("/admin/healthinfo/category/add/", {"editor": 200, "reviewer": 403, "midwife": 403}),
    ("/admin/healthinfo/articletranslation/", {"editor": 200, "reviewer": 200, "midwife": 403}),
    ("/admin/healthinfo/review/add/", {"editor": 200, "reviewer": 200, "midwife": 403}),
    ("/admin/healthinfo/reviewer/add/", {"editor": 200, "reviewer": 403, "midwife": 403}),
    ("/admin/comments/question/", {"editor": 403, "reviewer": 403, "midwife": 200}),
    ("/admin/comments/cannedreply/add/", {"editor": 403, "reviewer": 403, "midwife": 200}),
    ("/admin/auth/user/", {"editor": 403, "reviewer": 403, "midwife": 403}),
]

GROUP_OF = {"editor": "Editors", "reviewer": "Medical reviewers", "midwife": "Midwives"}


@pytest.fixture
def staff():
    return {role: make_user(role, groups=[group]) for role, group in GROUP_OF.items()}


@pytest.mark.parametrize(("url", "expected"), MATRIX, ids=[url for url, _ in MATRIX])
def test_each_role_reaches_only_what_it_may(client, staff, url, expected):
    for role, status in expected.items():
        client.force_login(staff[role])
        assert client.get(url).status_code == status, f"{role} on {url}"


def test_superuser_reaches_everything(client):
    client.force_login(make_user("boss", superuser=True))
    for url, _ in MATRIX:
        assert client.get(url).status_code == 200, url


def test_midwife_cannot_change_an_article(client, staff):
    article = make_article()
    client.force_login(staff["midwife"])
    response = client.post(f"/admin/healthinfo/article/{article.pk}/change/", {"slug": "hijacked"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.slug != "hijacked"


def test_reviewer_sees_articles_read_only(client, staff):
    article = make_article()
    client.force_login(staff["reviewer"])
    response = client.get(f"/admin/healthinfo/article/{article.pk}/change/")
    assert response.status_code == 200
    assert b'name="_save"' not in response.content


def test_editor_cannot_moderate_questions(client, staff):
    question = Question.objects.create(article=make_article(), language="en", body="A question?")
    client.force_login(staff["editor"])
    response = client.post(
        f"/admin/comments/question/{question.pk}/change/", {"status": "approved"}
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING


def test_non_staff_user_cannot_log_into_the_admin(client):
    user = make_user("reader")
    user.is_staff = False
    user.save()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]
