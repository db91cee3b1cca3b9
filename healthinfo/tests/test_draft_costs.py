"""
Query counts of the draft workflow: they do not grow with the size of the page
(2 or 30 sections and references, 3 figures). Measured: starting a draft 21;
publishing it 78 on SQLite, 82 on PostgreSQL (locks, the rules, the copy, the
search document and the published search heads, two queries each time the
document is rebuilt and when the status is saved, versions, audit, the cache
generations it replaces); the
editing page 20 (at most 24); the article's 22.
"""

import pytest

from healthinfo.services import publish, start_draft
from healthinfo.tests.factories import (
    add_figure,
    edit_draft,
    make_published_article,
    make_user,
    sign_off,
)

pytestmark = pytest.mark.django_db


def big_page(sections):
    article = make_published_article(sections=sections, references=sections)
    for order in range(1, 4):
        add_figure(article.translations.get(), order=order)
    publish(article)
    article.refresh_from_db()
    return article


@pytest.mark.parametrize("sections", [2, 30])
def test_starting_a_draft_costs_the_same_for_any_page(sections, django_assert_max_num_queries):
    article = big_page(sections)
    with django_assert_max_num_queries(21):
        start_draft(article, "en", make_user())


@pytest.mark.parametrize("sections", [2, 30])
def test_publishing_a_draft_costs_the_same_for_any_page(sections, django_assert_max_num_queries):
    article = big_page(sections)
    edit_draft(article, title="Changed")
    sign_off(article)
    with django_assert_max_num_queries(82):
        publish(article)


@pytest.mark.parametrize("sections", [2, 30])
def test_the_draft_page_in_the_admin_costs_the_same_for_any_page(
    client, sections, django_assert_max_num_queries
):
    article = big_page(sections)
    draft = edit_draft(article)
    client.force_login(make_user(groups=["Editors"]))
    with django_assert_max_num_queries(24):
        assert (
            client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/").status_code == 200
        )


@pytest.mark.parametrize("sections", [2, 30])
def test_the_article_page_in_the_admin_costs_the_same_for_any_page(
    client, sections, django_assert_max_num_queries
):
    article = big_page(sections)
    edit_draft(article)
    client.force_login(make_user(groups=["Editors"]))
    with django_assert_max_num_queries(22):
        assert client.get(f"/admin/healthinfo/article/{article.pk}/change/").status_code == 200


def test_the_list_of_drafts_costs_the_same_for_any_number(client, django_assert_max_num_queries):
    for number in range(12):
        edit_draft(make_published_article(f"topic-{number}"), title=f"Draft {number}")
    client.force_login(make_user(groups=["Editors"]))
    with django_assert_max_num_queries(8):
        assert client.get("/admin/healthinfo/drafttranslation/").status_code == 200
