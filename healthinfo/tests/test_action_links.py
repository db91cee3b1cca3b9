"""
Links to actions on articles and drafts are shown only to those the action's
view lets in: every link a role sees on the editors' pages opens (no 403).
"""

import re

import pytest

from healthinfo.admin.permissions import can_start_draft, draft_actions
from healthinfo.tests.factories import (
    edit_draft,
    make_published_article,
    make_user,
    publish_change,
)

pytestmark = pytest.mark.django_db

ROLES = ["Editors", "Medical reviewers", "Midwives"]
HREF = re.compile(r'href="(/admin/healthinfo/[^"?#]*)')
FORM_ACTION = re.compile(r'<form[^>]*action="(/admin/healthinfo/[^"?#]*)"')


@pytest.fixture
def article():
    """A live article with an English draft that changes it, and two versions."""
    article = make_published_article("pre-eclampsia", title="Pre-eclampsia")
    publish_change(article, title="Pre-eclampsia (updated)")
    edit_draft(article, title="Pre-eclampsia and HELLP")
    return article


def pages_of(article):
    english = article.translations.get(language="en")
    draft = article.drafts.get(language="en")
    return [
        f"/admin/healthinfo/article/{article.pk}/change/",
        f"/admin/healthinfo/article/{article.pk}/versions/",
        "/admin/healthinfo/articletranslation/",
        f"/admin/healthinfo/articletranslation/{english.pk}/change/",
        "/admin/healthinfo/drafttranslation/",
        f"/admin/healthinfo/drafttranslation/{draft.pk}/change/",
        f"/admin/healthinfo/drafttranslation/{draft.pk}/compare/",
        f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/live/",
        "/admin/",
        "/admin/healthinfo/",
        "/admin/healthinfo/article/",
        "/admin/healthinfo/reviewassignment/",
        f"/admin/healthinfo/review/add/?article={article.pk}",
        "/admin/healthinfo/review/",
    ]


def links_on(client, url):
    response = client.get(url)
    assert response.status_code in (200, 403, 404), url
    if response.status_code != 200:  # a page the role may not open shows it no links
        return set(), set()
    body = response.content.decode()
    return set(HREF.findall(body)), set(FORM_ACTION.findall(body))


@pytest.mark.parametrize("group", ROLES)
def test_every_link_a_role_sees_on_the_article_pages_opens(client, article, group):
    client.force_login(make_user("staff", groups=[group]))
    followed = set()
    for page in pages_of(article):
        links, _forms = links_on(client, page)
        for link in sorted(links - followed):
            status = client.get(link).status_code
            assert status != 403, f"{group} is shown {link} on {page} but gets 403"
            followed.add(link)
    if group != "Midwives":
        assert len(followed) > 10  # the pages were open to the role, and had links to follow


@pytest.mark.parametrize("group", ROLES)
def test_every_form_a_role_is_shown_on_the_versions_page_accepts_them(client, article, group):
    client.force_login(make_user("staff", groups=[group]))
    _links, forms = links_on(client, f"/admin/healthinfo/article/{article.pk}/versions/")
    for action in forms:
        assert client.post(action).status_code != 403, f"{group} is shown {action} but gets 403"
    if group == "Editors":
        assert any("/restore/" in action for action in forms)
    else:
        assert not any("/restore/" in action for action in forms)


def test_a_reviewer_is_not_shown_edit_discard_or_publish_links(client, article):
    client.force_login(make_user("doctor", groups=["Medical reviewers"]))
    english = article.translations.get(language="en")
    draft = article.drafts.get(language="en")
    listing = client.get("/admin/healthinfo/articletranslation/").content.decode()
    assert "Edit (as a draft)" not in listing
    assert f"/article/{article.pk}/drafts/en/start/" not in listing
    page = client.get(f"/admin/healthinfo/article/{article.pk}/change/").content.decode()
    assert "Pre-eclampsia and HELLP" in page  # the draft is shown, to be read
    assert "Read the draft" in page and "Edit the draft" not in page
    assert f"/drafttranslation/{draft.pk}/discard/" not in page
    assert "Add a page in Spanish" not in page and "/drafts/es/start/" not in page
    editing = client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/").content.decode()
    assert "Discard the draft" not in editing
    assert "Publish from the article's page" not in editing
    # … and the views those links lead to refuse the reviewer, as the links said.
    assert client.get(f"/admin/healthinfo/article/{article.pk}/drafts/es/start/").status_code == 403
    assert client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/discard/").status_code == 403
    assert english.pk  # the live page stays listed for reading


def test_an_editor_is_shown_the_links_to_act(client, article):
    client.force_login(make_user("editor", groups=["Editors"]))
    draft = article.drafts.get(language="en")
    listing = client.get("/admin/healthinfo/articletranslation/").content.decode()
    assert "Edit (as a draft)" in listing
    page = client.get(f"/admin/healthinfo/article/{article.pk}/change/").content.decode()
    assert "Edit the draft" in page
    assert f"/drafttranslation/{draft.pk}/discard/" in page
    assert f"/article/{article.pk}/drafts/es/start/" in page
    assert 'name="_publish"' in page
    editing = client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/").content.decode()
    assert "Discard the draft" in editing and "Publish from the article's page" in editing


@pytest.mark.parametrize("group", ROLES)
def test_the_start_draft_link_and_view_ask_the_same_question(client, group):
    article = make_published_article("anaemia", title="Anaemia")
    user = make_user("staff", groups=[group])
    client.force_login(user)
    status = client.get(f"/admin/healthinfo/article/{article.pk}/drafts/en/start/").status_code
    assert (status == 200) == can_start_draft(user) == draft_actions(user)["start_draft"]


def test_an_inactive_editor_may_do_nothing():
    user = make_user("gone", groups=["Editors"])
    user.is_active = False
    assert not any(draft_actions(user).values())
