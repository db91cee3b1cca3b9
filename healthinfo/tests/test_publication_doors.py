"""
Every publication rule holds on every door through which content could reach readers.

One test per door: the article admin's buttons, the live-page (translation)
admin, the drafts admin and its inlines, the list actions, scheduled
publishing, ``load_demo`` and the shell through the services. Then a walker
submits every form of every admin page of the app, as a superuser would, and
checks after each request that nothing readers see changed without passing
the rules.
"""

import json
import re
import shutil
from datetime import timedelta
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import URLPattern
from django.utils import timezone

from healthinfo import services
from healthinfo.models import (
    Article,
    ArticleTranslation,
    LiveContentLocked,
    Section,
    Version,
)
from healthinfo.snapshots import build_snapshot
from healthinfo.tests.factories import (
    edit_draft,
    make_article,
    make_published_article,
    make_reviewed_article,
    make_reviewer,
    make_user,
    review,
)

pytestmark = pytest.mark.django_db

BROKEN_LINK = "<p>Rest in bed: see [[bed-rest]].</p>"


def public_state():
    """What readers can see of every article: visibility and each language's snapshot."""
    state = {}
    for article in Article.objects.select_related("category", "last_review").order_by("pk"):
        visible = article.is_visible()
        pages = {}
        if visible:
            for translation in ArticleTranslation.objects.filter(article=article).prefetch_related(
                "sections", "references", "figures"
            ):
                translation.article = article
                content = build_snapshot(translation)
                content.pop("review")  # dates move with reviews: checked apart
                pages[translation.language] = content
        state[article.slug] = (visible, pages)
    return state


@pytest.fixture
def bad():
    """A live page with an unsigned draft that also links to a page that does not exist."""
    article = make_published_article("pre-eclampsia", title="Pre-eclampsia")
    edit_draft(article, title="Changed without review", section={"body": BROKEN_LINK})
    article.refresh_from_db()
    return article


@pytest.fixture
def editor(client):
    user = make_user("editor", groups=["Editors"])
    client.force_login(user)
    return user


def assert_unchanged(before, article):
    after = public_state()
    assert after[article.slug] == before[article.slug]
    article.refresh_from_db()
    assert "Changed without review" not in json.dumps(after[article.slug])


def test_door_article_admin_publish_button(client, editor, bad):
    before = public_state()
    response = client.post(
        f"/admin/healthinfo/article/{bad.pk}/change/",
        {"slug": bad.slug, "category": bad.category_id, "_publish": "Publish"},
        follow=True,
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "need a medical sign-off" in messages and "[[bed-rest]]" in messages
    assert_unchanged(before, bad)


def test_door_article_admin_status_field_is_not_a_way_in(client, editor):
    article = make_article("unreviewed", status=Article.Status.DRAFT)
    client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        {"slug": article.slug, "category": article.category_id, "status": "published"},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_door_translation_admin_cannot_change_a_live_page(client, editor, bad):
    before = public_state()
    english = bad.translations.get()
    url = f"/admin/healthinfo/articletranslation/{english.pk}/change/"
    posted = {
        "title": "Changed without review",
        "language": "en",
        "article": bad.pk,
        "sections-TOTAL_FORMS": 1,
        "sections-INITIAL_FORMS": 0,
        "sections-0-heading": "More",
        "sections-0-body": BROKEN_LINK,
        "sections-0-order": 3,
    }
    assert client.post(url, posted).status_code == 403
    assert client.post("/admin/healthinfo/articletranslation/add/", posted).status_code == 403
    assert client.post(f"{url[:-7]}delete/", {"post": "yes"}).status_code == 403
    assert_unchanged(before, bad)


def test_door_drafts_admin_inlines_change_only_the_draft(client, editor, bad):
    from healthinfo.tests.test_article_admin import draft_form

    before = public_state()
    draft = bad.drafts.get()
    data = draft_form(draft)
    data.update(
        {
            "sections-TOTAL_FORMS": int(data["sections-TOTAL_FORMS"]) + 1,
            "sections-2-order": 3,
            "sections-2-heading": "Bed rest",
            "sections-2-anchor": "",
            "sections-2-body": "<p>[[another-missing-page]]</p>",
            "sections-2-translation": draft.pk,
        }
    )
    response = client.post(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/", data)
    assert response.status_code == 302
    assert draft.sections.filter(heading="Bed rest").exists()
    assert_unchanged(before, bad)


def test_door_list_action_publishes_what_passes_and_refuses_the_rest(client, editor, bad):
    good = make_reviewed_article("ready")
    before = public_state()
    response = client.post(
        "/admin/healthinfo/article/",
        {"action": "publish_selected", "_selected_action": [bad.pk, good.pk]},
        follow=True,
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "pre-eclampsia: The changes in draft revision" in messages
    assert_unchanged(before, bad)
    good.refresh_from_db()
    assert good.is_visible()


def test_door_list_action_publishes_pages_that_link_to_each_other_together(client, editor):
    first = make_reviewed_article("first", sections=0)
    second = make_reviewed_article("second", sections=0)
    from healthinfo.models import writing_live_content

    with writing_live_content():
        Section.objects.create(translation=first.translations.get(), heading="S", body="[[second]]")
        Section.objects.create(translation=second.translations.get(), heading="S", body="[[first]]")
    with pytest.raises(ValidationError):
        services.publish(first)
    client.post(
        "/admin/healthinfo/article/",
        {"action": "publish_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert Article.objects.published().count() == 2
    # Each version holds the link to the other, as readers see it.
    assert '<a href="/en/articles/second/"' in first.versions.get().content["sections"][0]["html"]


def test_door_scheduled_publishing(bad):
    before = public_state()
    services.schedule_publication(bad, timezone.now() + timedelta(minutes=1))
    _published, _unpublished, failed = services.run_schedule(timezone.now() + timedelta(minutes=2))
    assert [article for article, _reasons in failed] == [bad]
    assert_unchanged(before, bad)


def demo_copy(tmp_path, monkeypatch):
    """A copy of the demo fixtures that ``load_demo`` reads instead."""
    from healthinfo.management.commands import load_demo

    demo = tmp_path / "demo"
    shutil.copytree(load_demo.DEMO_DIR, demo)
    monkeypatch.setattr(load_demo, "DEMO_DIR", demo)
    return demo


def load_demo_content():
    call_command("load_demo", "--no-accounts", allow_production=True, stdout=StringIO())


def test_door_load_demo(tmp_path, monkeypatch):
    demo = demo_copy(tmp_path, monkeypatch)
    path = demo / "articles" / "ectopic-pregnancy.json"
    article = json.loads(path.read_text())
    article["translations"]["en"]["sections"][0]["body"] = BROKEN_LINK
    path.write_text(json.dumps(article))
    with pytest.raises(CommandError, match=r"ectopic-pregnancy: .*\[\[bed-rest\]\]"):
        load_demo_content()
    assert not Article.objects.exists()  # one transaction: nothing half-loaded


def test_door_load_demo_run_again_never_publishes_changed_content(tmp_path, monkeypatch):
    demo = demo_copy(tmp_path, monkeypatch)
    load_demo_content()
    article = Article.objects.get(slug="ectopic-pregnancy")
    versions, events = article.versions.count(), article.events.count()
    load_demo_content()
    assert article.versions.count() == versions and not article.drafts.exists()
    assert article.events.count() == events  # an unchanged run leaves no trace
    path = demo / "articles" / "ectopic-pregnancy.json"
    changed = json.loads(path.read_text())
    changed["translations"]["en"]["title"] = "Changed in the fixtures"
    path.write_text(json.dumps(changed))
    load_demo_content()
    assert article.translations.get().title != "Changed in the fixtures"
    assert article.drafts.get().title == "Changed in the fixtures"


def test_door_the_shell_through_services(bad):
    before = public_state()
    with pytest.raises(ValidationError):
        services.publish(bad)
    published, refused = services.publish_together([bad])
    assert not published and "[[bed-rest]]" in " ".join(refused[bad])
    with pytest.raises(LiveContentLocked):
        section = bad.translations.get().sections.first()
        section.body = BROKEN_LINK
        section.save()
    assert_unchanged(before, bad)


def test_door_recording_a_review_changes_only_the_review_box(client, bad):
    before = public_state()
    review(bad, days_ago=0)
    assert_unchanged(before, bad)
    assert bad.versions.order_by("-number").first().sign_off is not None


# --- The walker --------------------------------------------------------------------------


class Forms(HTMLParser):
    """The forms of a page, as a browser would submit them (the first option, checked boxes)."""

    def __init__(self):
        super().__init__()
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": [],
                "buttons": [],
            }
            self.forms.append(self.form)
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind == "submit":
                self.form["buttons"].append((name, attrs.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs and name:
                    self.form["fields"].append([name, attrs.get("value", "on"), kind])
            elif kind != "file" and name:
                self.form["fields"].append([name, attrs.get("value", ""), kind])
        elif tag == "button" and (attrs.get("type") or "submit") == "submit":
            self.form["buttons"].append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.select = [name, None, "select", "multiple" in attrs]
        elif tag == "option" and self.select is not None:
            if "selected" in attrs or (self.select[1] is None and not self.select[3]):
                if "selected" in attrs and self.select[3]:
                    self.form["fields"].append([self.select[0], attrs.get("value", ""), "select"])
                else:
                    self.select[1] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = [name, "", "textarea"]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            if not self.select[3] and self.select[1] is not None:
                self.form["fields"].append(self.select[:3])
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.textarea[1] = self.textarea[1].removeprefix("\n")
            self.form["fields"].append(self.textarea)
            self.textarea = None
        elif tag == "form":
            self.form = None


def forms_of(html):
    parser = Forms()
    parser.feed(html)
    return [form for form in parser.forms if form["method"] == "post"]


def submissions(form):
    """The form as it is, and with every text changed (an editor typing), per button."""
    buttons = [button for button in form["buttons"] if button[0]] or [(None, "")]
    for edited in (False, True):
        data = {}
        for name, value, kind in form["fields"]:
            if edited and kind in ("text", "textarea") and "TOTAL_FORMS" not in name:
                value = f"{value} Changed without review {BROKEN_LINK}"
            data.setdefault(name, []).append(value)
        for name, value in buttons:
            yield data | ({name: [value]} if name else {})


def healthinfo_admin_urls():
    """Every URL of the app's ModelAdmins, with the ids of real objects filled in."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "healthinfo":
            continue
        base = f"/admin/healthinfo/{model._meta.model_name}/"
        objects = list(model._default_manager.order_by("pk")[:3])
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern):
                continue
            route = str(pattern.pattern)
            params = re.findall(r"<(?:\w+:)?(\w+)>", route)
            if not params:
                urls.append(base + route)
                continue
            for obj in objects:
                choices = {"object_id": [obj.pk], "pk": [obj.pk], "language": ["en", "es"]}
                if "version_id" in params:
                    choices["version_id"] = list(
                        Version.objects.filter(article_id=obj.pk).values_list("pk", flat=True)
                    )
                filled = [route]
                for name in params:
                    filled = [
                        re.sub(rf"<(?:\w+:)?{name}>", str(value), url, count=1)
                        for url in filled
                        for value in choices.get(name, [])
                    ]
                urls.extend(base + url for url in filled)
    # Deleting comes last, so that everything is still there to be changed first.
    return sorted(dict.fromkeys(urls), key=lambda url: url.endswith("/delete/"))


def test_no_admin_url_or_form_changes_public_content_around_the_rules(client, bad):
    """
    Walk every admin page of the app as a superuser, submit each of its forms
    with each button (unchanged, and with every text field changed to include
    a broken link), and check after each request that: the page with the
    unsigned draft never shows it; every visible page matches its newest
    version; and every version made meanwhile was signed off.
    """
    other = make_published_article("other-live-page")
    never = make_article("never-reviewed", status=Article.Status.DRAFT)
    reviewer = make_reviewer("Jane Roe")
    services.assign_review(other, reviewer, due_on=timezone.localdate() + timedelta(days=9))
    services.restore_version_as_draft(other.versions.get())
    client.force_login(make_user("boss", superuser=True))
    versions_before = set(Version.objects.values_list("pk", flat=True))
    walked = 0
    for url in healthinfo_admin_urls():
        if "/calendar/" in url:
            continue  # the user's own feed address, not content
        response = client.get(url)
        assert response.status_code < 500, url
        walked += 1
        if response.status_code != 200 or not hasattr(response, "content"):
            continue
        for form in forms_of(response.content.decode()):
            action = urljoin(url, form["action"]) if form["action"] else url
            if urlsplit(action).path.startswith(("/admin/logout", "/admin/password")):
                continue
            for data in submissions(form):
                posted = client.post(action, data)
                assert posted.status_code < 500, (action, data)
                check_public_content(bad, never, versions_before)
                walked += 1
    assert walked > 100  # the walk really went somewhere


def check_public_content(bad, never, versions_before):
    bad.refresh_from_db()
    assert not Article.objects.published().filter(pk=never.pk).exists()
    (translation,) = ArticleTranslation.objects.filter(article=bad)
    assert translation.title == "Pre-eclampsia"
    assert "bed-rest" not in "".join(s.body for s in translation.sections.all())
    for article in Article.objects.published():
        live = list(article.translations.prefetch_related("sections", "references", "figures"))
        versioned = set(article.versions.values_list("language", flat=True))
        assert {translation.language for translation in live} == versioned, article.slug
        for translation in live:
            latest = Version.objects.latest_for(article, translation.language)
            translation.article = article
            snapshot = build_snapshot(translation)
            assert {k: v for k, v in snapshot.items() if k != "review"} == {
                k: v for k, v in latest.content.items() if k != "review"
            }, article.slug
    for version in Version.objects.exclude(pk__in=versions_before):
        assert version.sign_off is not None or version.non_clinical_change is not None
