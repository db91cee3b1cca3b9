"""
Load the demo content from fixtures/demo/ and ensure the demo accounts.

Content goes in the way editors' does: each language is written into a draft,
the demo's reviews sign it off, and ``services.publish`` publishes it, with
every publication rule applied (a demo article that breaks one stops the
command, naming the reasons). Idempotent: running it again adds nothing twice;
a page whose fixture changed since it was published gets a draft awaiting
sign-off, and an unchanged one is left alone. Review and question dates in
the fixtures are relative ("days ago"), so the demo always shows some overdue
pages, some due soon and some up to date.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from comments.models import CannedReply, Question, Reply
from comments.services import screen
from healthinfo.links import linked_slugs
from healthinfo.models import (
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Review,
    ReviewAssignment,
    Reviewer,
    StaffProfile,
    public_name_for,
)
from healthinfo.services import assign_review, publish_together, record_review, start_draft

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"

# username: (groups, is_superuser, public display name, linked reviewer key)
DEMO_ACCOUNTS = {
    "admin": ((), True, "HealthInfo team", None),
    "editor": (("Editors",), False, "Editor @HealthInfo", None),
    "reviewer": (("Medical reviewers",), False, "Reviewer @HealthInfo", "jroe"),
    "midwife": (("Midwives",), False, "Midwife @HealthInfo", None),
}


def demo_password(username):
    """The demo-only password of a demo account (documented in the README)."""
    return f"{username}-demo-pass"


class Command(BaseCommand):
    help = "Load the demo articles, reviewers and questions, and create the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. Demo accounts have published passwords.",
        )
        parser.add_argument("--no-accounts", action="store_true", help="Load content only.")

    def handle(self, *args, allow_production=False, no_accounts=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to load demo content and accounts with DEBUG off "
                "(pass --allow-production for a throwaway benchmark database)."
            )
        self.demo_images = set()
        with transaction.atomic():
            users = {} if no_accounts else self.ensure_accounts()
            reviewers = self.load_reviewers()
            if "reviewer" in users:
                self.link_reviewer_account(users["reviewer"], reviewers)
            self.load_categories()
            staff = users.get("admin") or users.get("editor")
            articles = [
                (self.load_article(data, staff), data)
                for data in map(read_json, sorted((DEMO_DIR / "articles").glob("*.json")))
            ]
            # New pages link to each other: they are published together, once every
            # article has its drafts and its sign-off.
            new = [(article, data) for article, data in articles if not article.reviews.exists()]
            later = {
                article.pk: self.record_reviews(article, data, reviewers, staff)
                for article, data in new
            }
            self.publish(
                [
                    article
                    for article, data in new
                    if data.get("status") == Article.Status.PUBLISHED
                ],
                staff,
            )
            for article, _data in new:
                for record in later[article.pk]:
                    record()
            for article, _data in articles:
                article.refresh_from_db()
                if article.first_published_at and article.drafts.exists():
                    self.stdout.write(
                        f"{article.slug}: the demo content changed since it was published; "
                        "its draft awaits a medical sign-off."
                    )
            self.assign_demo_reviews(reviewers, staff)
            self.load_questions(users.get("midwife"))
            self.load_canned_replies()
        # The figures' responsive renditions (made at upload; the demo's are copied in).
        from healthinfo.figures.services import ensure_renditions

        for name in sorted(self.demo_images):
            ensure_renditions(name)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {Article.objects.count()} articles, "
                f"{ArticleTranslation.objects.count()} pages, "
                f"{Question.objects.count()} questions."
            )
        )

    # --- Accounts ---------------------------------------------------------

    def ensure_accounts(self):
        User = get_user_model()
        users = {}
        for username, (groups, is_superuser, public_name, _reviewer) in DEMO_ACCOUNTS.items():
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_staff = True
            user.is_superuser = is_superuser
            if created:
                user.set_password(demo_password(username))
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
            StaffProfile.objects.update_or_create(user=user, defaults={"public_name": public_name})
            users[username] = user
        return users

    def link_reviewer_account(self, user, reviewers):
        key = DEMO_ACCOUNTS["reviewer"][3]
        if key in reviewers:
            Reviewer.objects.filter(user=user).exclude(pk=reviewers[key].pk).update(user=None)
            reviewers[key].user = user
            reviewers[key].save(update_fields=["user"])

    # --- Content ----------------------------------------------------------

    def load_reviewers(self):
        reviewers = {}
        for item in read_json(DEMO_DIR / "reviewers.json"):
            reviewer, _ = Reviewer.objects.update_or_create(
                name=item["name"],
                defaults={
                    "credentials": item.get("credentials", ""),
                    "title": item.get("title", ""),
                    "affiliation": item.get("affiliation", ""),
                },
            )
            reviewers[item["key"]] = reviewer
        return reviewers

    def load_categories(self):
        items = read_json(DEMO_DIR / "categories.json")
        for item in items:
            category, _ = Category.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "order": item.get("order", 0),
                    "review_interval_months": item.get("review_interval_months"),
                },
            )
            for language, name in item["names"].items():
                CategoryTranslation.objects.update_or_create(
                    category=category,
                    language=language,
                    defaults={
                        "name": name,
                        "description": item.get("descriptions", {}).get(language, ""),
                    },
                )
        for item in items:
            if item.get("parent"):
                Category.objects.filter(slug=item["slug"]).update(
                    parent=Category.objects.get(slug=item["parent"])
                )

    def load_article(self, data, staff):
        """The article with each language's fixture content in a draft, unless unchanged."""
        article, _created = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "category": Category.objects.get(slug=data["category"]),
                "review_interval_months": data.get("review_interval_months"),
            },
        )
        translations = data["translations"]
        for language in sorted(translations, key=lambda code: code != settings.LANGUAGE_CODE):
            with transaction.atomic():
                had_draft = article.drafts.filter(language=language).exists()
                self.load_translation(article, language, translations[language], staff)
                changed = {draft.language for draft in article.pending_publication().changed}
                if language not in changed and not had_draft:
                    # Same as the live page: no draft, and nothing in the audit trail.
                    transaction.set_rollback(True)
        article.refresh_from_db()
        return article

    def in_link_order(self, articles):
        """``articles`` ordered so that an article comes after those it links to (when it can)."""
        remaining = {article.slug: (article, data) for article, data in articles}
        ordered = []
        while remaining:
            ready = [
                slug
                for slug, (_article, data) in remaining.items()
                if not (self.links_of(data) & set(remaining)) - {slug}
            ] or [next(iter(remaining))]
            for slug in ready:
                ordered.append(remaining.pop(slug))
        return ordered

    def links_of(self, data):
        return linked_slugs(
            *(
                section["body"]
                for translation in data["translations"].values()
                for section in translation.get("sections", [])
            )
        )

    def record_reviews(self, article, data, reviewers, staff):
        """
        Record the demo's reviews up to the latest approving whole-page one, which
        signs off the draft of a published demo article. Returns the recording of
        the reviews after it (of the live page, once published), for later.
        """
        today = timezone.localdate()
        reviews = sorted(data.get("reviews", []), key=lambda r: -r["days_ago"])
        approving = [
            index
            for index, item in enumerate(reviews)
            if item.get("scope", "whole") == "whole" and item["outcome"] in Review.APPROVING
        ]
        sign_off_at = approving[-1] if approving else len(reviews) - 1
        signs_off = data.get("status") == Article.Status.PUBLISHED

        def recorder(item, draft_revision=None):
            def record():
                record_review(
                    article,
                    reviewers[item["reviewer"]],
                    reviewed_on=today - timedelta(days=item["days_ago"]),
                    scope=item.get("scope", "whole"),
                    outcome=item["outcome"],
                    notes=item.get("notes", ""),
                    also_reviewed_by=[reviewers[key] for key in item.get("also", [])],
                    recorded_by=staff,
                    draft_revision=draft_revision,
                    evidence="Demo content: review recorded from the fixtures.",
                )

            return record

        for index, item in enumerate(reviews[: sign_off_at + 1]):
            article.refresh_from_db()
            sign_off = index == sign_off_at and signs_off and article.drafts.exists()
            recorder(item, article.draft_revision if sign_off else None)()
        return [recorder(item) for item in reviews[sign_off_at + 1 :]]

    def publish(self, articles, staff):
        _published, refused = publish_together(articles, staff)
        if refused:
            raise CommandError(
                "Demo articles cannot be published: "
                + "; ".join(
                    f"{article.slug}: {' '.join(reasons)}" for article, reasons in refused.items()
                )
            )
        # The demo's translations were made from the English page as published.
        for article in articles:
            source = (
                ArticleTranslation.objects.filter(article=article, language=settings.LANGUAGE_CODE)
                .values_list("revision", flat=True)
                .first()
            )
            ArticleTranslation.objects.filter(article=article).exclude(
                language=settings.LANGUAGE_CODE
            ).update(source_revision=source)

    def assign_demo_reviews(self, reviewers, staff):
        """Give the demo reviewer the three most urgent reviews (once: only if none is open)."""
        reviewer = reviewers.get(DEMO_ACCOUNTS["reviewer"][3])
        if reviewer is None or ReviewAssignment.objects.open().filter(reviewer=reviewer).exists():
            return
        today = timezone.localdate()
        urgent = Article.objects.published().exclude(next_review_due=None)
        for offset, article in enumerate(urgent.order_by("next_review_due", "slug")[:3]):
            assign_review(
                article, reviewer, due_on=today + timedelta(days=14 * (offset + 1)), by=staff
            )

    def load_translation(self, article, language, data, staff):
        """Write the fixture's page into the draft of ``language`` (started if needed)."""
        draft, _created = start_draft(article, language, staff)
        draft.replace_with_snapshot(
            {
                "title": data["title"],
                "summary": data.get("summary", ""),
                "alternate_names": data.get("alternate_names", []),
                "sections": [
                    {"heading": section["heading"], "body": section["body"], "anchor": ""}
                    for section in data.get("sections", [])
                ],
                "references": [
                    {
                        "authors": ref.get("authors", ""),
                        "title": ref["title"],
                        "source": ref.get("source", ""),
                        "year": ref.get("year") or None,
                        "volume": ref.get("volume", ""),
                        "issue": ref.get("issue", ""),
                        "pages": ref.get("pages", ""),
                        "doi": ref.get("doi", ""),
                        "pmid": ref.get("pmid", ""),
                        "url": ref.get("url", ""),
                        "accessed_on": ref.get("accessed") or None,
                    }
                    for ref in data.get("references", [])
                ],
                "figures": [
                    {
                        **self.demo_image(figure["file"]),
                        **{key: figure.get(key, "") for key in ("alt_text", "caption", "credit")},
                    }
                    for figure in data.get("figures", [])
                ],
            }
        )

    def demo_image(self, file):
        """
        The demo image ``file`` (under fixtures/demo/) in the media storage, stored
        once under a fixed name so that loading the demo again changes nothing.
        """
        from django.core.files import File
        from django.core.files.storage import default_storage
        from PIL import Image

        source = DEMO_DIR / file
        name = f"figures/demo/{source.name}"
        if not default_storage.exists(name):
            with source.open("rb") as opened:
                name = default_storage.save(name, File(opened, name=source.name))
        with Image.open(source) as image:
            width, height = image.size
        self.demo_images.add(name)
        return {"image": name, "width": width, "height": height}

    def load_questions(self, midwife):
        path = DEMO_DIR / "questions.json"
        if not path.exists():
            return
        now = timezone.now()
        articles = {article.slug: article for article in Article.objects.all()}
        for item in read_json(path):
            article = articles[item["article"]]
            # The same red-flag and personal-data screening as a reader's post.
            triage = screen(item["body"], item.get("name", ""))
            existing = Question.objects.filter(article=article, body=item["body"])
            if existing.exists():
                existing.update(**triage)
                continue
            asked_at = now - timedelta(hours=item.get("hours_ago", 24))
            question = Question.objects.create(
                article=article,
                language=item.get("language", settings.LANGUAGE_CODE),
                body=item["body"],
                display_name=item.get("name", ""),
                email=item.get("email", ""),
                status=item.get("status", Question.Status.PENDING),
                created_at=asked_at,
                **triage,
            )
            reply = item.get("reply")
            if reply and midwife and question.status == Question.Status.APPROVED:
                replied_at = asked_at + timedelta(hours=reply.get("hours_after", 4))
                Reply.objects.create(
                    question=question,
                    author=midwife,
                    author_name=public_name_for(midwife),
                    body=reply["body"],
                    created_at=replied_at,
                )
                question.moderated_by = midwife
                question.moderated_at = question.answered_at = replied_at
                # Demo askers with an email address were told about the answer.
                question.notified_at = replied_at if question.email else None
                question.save(
                    update_fields=["moderated_by", "moderated_at", "answered_at", "notified_at"]
                )

    def load_canned_replies(self):
        for item in read_json(DEMO_DIR / "canned_replies.json"):
            CannedReply.objects.update_or_create(
                title=item["title"], language=item["language"], defaults={"body": item["body"]}
            )


def read_json(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, json.JSONDecodeError) as exc:
        raise CommandError(f"Cannot read demo file {path}: {exc}") from exc
