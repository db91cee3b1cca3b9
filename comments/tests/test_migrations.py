"""The screening migration holds back questions that were published with personal details."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from healthinfo.tests.factories import make_article

BEFORE = [("comments", "0003_midwives_audit_permissions")]
AFTER = [("comments", "0004_screening_decisions")]


@pytest.mark.django_db(transaction=True)
def test_published_questions_with_personal_details_go_back_to_the_queue():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Question = apps.get_model("comments", "Question")
    article = make_article("migration-check")  # the articles' tables are as they are now
    published = Question.objects.create(
        article_id=article.pk, language="en", body="Email me at jo@example.com", status="approved"
    )
    clean = Question.objects.create(
        article_id=article.pk, language="en", body="Can I swim at 30 weeks?", status="approved"
    )
    urgent = Question.objects.create(
        article_id=article.pk, language="en", body="My waters have gone at 33 weeks", is_urgent=True
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Question = apps.get_model("comments", "Question")
    AuditEntry = apps.get_model("comments", "AuditEntry")
    published = Question.objects.get(pk=published.pk)
    assert (published.status, published.has_personal_data) == ("pending", True)
    assert Question.objects.get(pk=clean.pk).status == "approved"
    assert Question.objects.get(pk=urgent.pk).urgent_category == "waters"
    entry = AuditEntry.objects.get(question_number=published.pk)
    assert entry.action == "hold"

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
