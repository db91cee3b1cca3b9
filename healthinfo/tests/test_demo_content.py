"""The demo content in fixtures/demo loads, stays loadable, and is idempotent."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from comments.models import Question, Reply
from healthinfo.models import Article, ArticleTranslation, Review, Reviewer, Section

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Article,
            ArticleTranslation,
            Section,
            Review,
            Reviewer,
            Question,
            Reply,
            get_user_model(),
        )
    }


@pytest.fixture
def demo():
    # pytest-django runs with DEBUG off, which the command treats as production.
    call_command("load_demo", allow_production=True, verbosity=0)


def test_loading_twice_duplicates_nothing(demo):
    before = counts()
    call_command("load_demo", allow_production=True, verbosity=0)
    assert counts() == before


def test_demo_has_enough_articles_in_both_languages(demo):
    assert Article.objects.published().count() >= 8
    spanish = ArticleTranslation.objects.filter(language="es", article__status="published")
    assert spanish.count() >= 3


def test_cervical_insufficiency_has_its_alternate_names_sections_references_and_reviewers(demo):
    page = ArticleTranslation.objects.get(article__slug="cervical-insufficiency", language="en")
    assert page.alternate_name_list[:3] == [
        "Incompetent cervix",
        "Weak cervix",
        "Cervical weakness",
    ]
    assert page.sections.count() >= 4
    assert page.references.exists()
    last = page.article.last_review
    assert last.reviewer_credentials
    assert last.signoffs.exists()


def test_review_dates_cover_overdue_due_soon_and_up_to_date(demo):
    today = timezone.localdate()
    published = Article.objects.published()
    assert published.filter(next_review_due__lt=today).count() >= 2
    soon = published.filter(
        next_review_due__gte=today, next_review_due__lte=today + timezone.timedelta(days=30)
    )
    assert soon.count() >= 2
    assert published.filter(next_review_due__gt=today + timezone.timedelta(days=90)).count() >= 2


def test_questions_exist_in_every_state(demo):
    statuses = set(Question.objects.values_list("status", flat=True))
    assert statuses == {"pending", "approved", "rejected", "spam"}
    assert Reply.objects.filter(author_name="Midwife @HealthInfo").exists()


def test_demo_accounts_have_their_roles_and_demo_passwords(demo):
    for username, group in [
        ("editor", "Editors"),
        ("reviewer", "Medical reviewers"),
        ("midwife", "Midwives"),
    ]:
        user = authenticate(username=username, password=f"{username}-demo-pass")
        assert user is not None and user.is_staff
        assert list(user.groups.values_list("name", flat=True)) == [group]
    admin = authenticate(username="admin", password="admin-demo-pass")
    assert admin.is_superuser
    assert Reviewer.objects.get(user__username="reviewer").name == "Jane Roe"


def test_rerunning_does_not_reset_a_changed_password(demo):
    user = get_user_model().objects.get(username="editor")
    user.set_password("changed-by-the-editor")
    user.save()
    call_command("load_demo", allow_production=True, verbosity=0)
    assert authenticate(username="editor", password="changed-by-the-editor") is not None


def test_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_article_pages_render_in_both_languages(demo, client):
    for path in ["/en/articles/cervical-insufficiency/", "/es/articles/cervical-insufficiency/"]:
        response = client.get(path)
        assert response.status_code == 200
    assert "cuello uterino" in client.get("/es/articles/cervical-insufficiency/").content.decode()
