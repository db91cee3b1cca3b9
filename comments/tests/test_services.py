"""Moderation services: each one is atomic, audited, and refreshes what readers see."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from comments import services
from comments.models import AuditEntry, Question, Reply
from comments.tests.factories import answered_question, make_midwife, make_question
from healthinfo.cache import article_generation
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def midwife():
    return make_midwife("midwife", public_name="Midwife @HealthInfo")


@pytest.fixture
def invalidations(monkeypatch):
    """The article ids whose cache a service invalidated (on commit)."""
    calls = []
    monkeypatch.setattr(
        "comments.services.invalidate_article", lambda article_id: calls.append(article_id)
    )
    return calls


def only_entry(question, action):
    entries = AuditEntry.objects.filter(question_number=question.pk, action=action)
    assert entries.count() == 1
    return entries.get()


@pytest.mark.parametrize(
    ("service", "status", "action"),
    [
        (services.approve, "approved", "approve"),
        (services.reject, "rejected", "reject"),
        (services.mark_spam, "spam", "spam"),
    ],
)
def test_status_changes_record_who_when_why_and_the_change(midwife, service, status, action):
    question = make_question()
    service(question, midwife, note="checked")
    question.refresh_from_db()
    assert question.status == status
    assert question.moderated_by == midwife and question.moderated_at is not None
    assert question.moderation_reason == "checked"
    entry = only_entry(question, action)
    assert (entry.actor, entry.actor_name) == (midwife, "midwife")
    assert (entry.before, entry.after, entry.note) == ("pending", status, "checked")


def test_approving_twice_records_once(midwife):
    question = make_question()
    services.approve(question, midwife)
    services.approve(question, midwife)
    assert AuditEntry.objects.filter(action="approve").count() == 1


def test_approval_refreshes_the_article_for_readers(midwife, invalidations):
    question = make_question()
    services.approve(question, midwife)
    assert invalidations == [question.article_id]


def test_rejecting_a_pending_question_changes_nothing_readers_see(midwife, invalidations):
    services.reject(make_question(), midwife)
    assert invalidations == []


def test_rejecting_a_published_question_hides_it_from_readers(midwife, invalidations):
    question = make_question(status="approved")
    services.reject(question, midwife)
    assert invalidations == [question.article_id]


def test_the_invalidation_happens_on_commit(midwife, django_capture_on_commit_callbacks):
    question = make_question()
    before = article_generation(question.article_id)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(question, midwife)
    assert article_generation(question.article_id) != before


def test_a_reply_is_signed_with_the_public_name_and_marks_the_question_answered(midwife):
    question = make_question(status="approved")
    reply = services.reply(question, midwife, "  Please call your maternity unit.  ")
    question.refresh_from_db()
    assert (reply.author, reply.author_name) == (midwife, "Midwife @HealthInfo")
    assert reply.body == "Please call your maternity unit."
    assert question.answered_at == reply.created_at
    entry = only_entry(question, "reply")
    assert (entry.reply, entry.after) == (reply, "Please call your maternity unit.")


def test_a_reply_to_an_unapproved_question_is_impossible(midwife):
    for status in ["pending", "rejected", "spam"]:
        question = make_question(status=status)
        with pytest.raises(ValidationError):
            services.reply(question, midwife, "Hello")
        with pytest.raises(ValidationError):
            Reply.objects.create(question=question, author=midwife, author_name="x", body="Hi")
    assert not Reply.objects.exists()


def test_an_empty_reply_is_refused(midwife):
    with pytest.raises(ValidationError):
        services.reply(make_question(status="approved"), midwife, " <b></b> ")


def test_approve_and_reply_publishes_both_together(midwife, invalidations):
    question = make_question()
    services.approve_and_reply(question, midwife, "Please call your maternity unit today.")
    question.refresh_from_db()
    assert question.status == "approved" and question.is_answered
    assert question.replies.get().body == "Please call your maternity unit today."
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["approve", "reply"]
    assert invalidations


def test_approve_and_reply_with_an_empty_reply_does_nothing(midwife):
    question = make_question()
    with pytest.raises(ValidationError):
        services.approve_and_reply(question, midwife, "   ")
    question.refresh_from_db()
    assert question.status == "pending"
    assert not AuditEntry.objects.exists()


def test_approve_and_reply_leaves_no_trace_when_the_reply_fails(midwife, monkeypatch):
    question = make_question()

    def broken_create(**kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(Reply.objects, "create", broken_create)
    with pytest.raises(IntegrityError):
        services.approve_and_reply(question, midwife, "Please call today.")
    question.refresh_from_db()
    assert question.status == "pending"
    assert not AuditEntry.objects.exists()


def test_redaction_replaces_the_text_and_keeps_the_original_only_in_the_audit(midwife):
    question = make_question(body="Ring me on 07700 900123 or 07700 900123 please, I'm worried")
    assert question.has_personal_data
    services.redact(question, midwife, "07700 900123")
    question.refresh_from_db()
    assert question.body == "Ring me on [removed] or [removed] please, I'm worried"
    assert not question.has_personal_data
    entry = only_entry(question, "redact")
    assert "07700 900123" in entry.before
    assert entry.after == question.body
    assert entry.has_private_text


def test_redacting_a_selected_span_removes_only_that_occurrence(midwife):
    question = make_question(body="Sam here. My partner Sam says I should ask.")
    services.redact(question, midwife, "Sam", span=(21, 24))
    question.refresh_from_db()
    assert question.body == "Sam here. My partner [removed] says I should ask."


def test_a_stale_span_falls_back_to_the_text(midwife):
    question = make_question(body="My name is Jo Bloggs and I'm 30 weeks")
    services.redact(question, midwife, "Jo Bloggs", span=(0, 5))
    question.refresh_from_db()
    assert question.body == "My name is [removed] and I'm 30 weeks"


def test_a_spanish_question_is_redacted_in_spanish(midwife):
    question = make_question(body="Llámeme al 612 345 678, por favor", language="es")
    services.redact(question, midwife, "612 345 678")
    question.refresh_from_db()
    assert question.body == "Llámeme al [eliminado], por favor"


def test_redacting_text_that_is_not_there_is_refused(midwife):
    question = make_question(body="Nothing personal in here at all")
    with pytest.raises(ValidationError):
        services.redact(question, midwife, "07700 900123")
    assert not AuditEntry.objects.exists()


def test_redacting_a_published_question_refreshes_the_page(midwife, invalidations):
    question = make_question(body="My son Tom was born at 31 weeks.", status="approved")
    services.redact(question, midwife, "Tom")
    assert invalidations == [question.article_id]


def test_editing_the_name_shown_is_audited(midwife):
    question = make_question(display_name="Sarah Jane Smith")
    services.edit_question(question, midwife, display_name="Sarah")
    question.refresh_from_db()
    assert question.display_name == "Sarah"
    entry = only_entry(question, "edit")
    assert (entry.before, entry.after) == ("Sarah Jane Smith", "Sarah")


def test_editing_a_reply_keeps_the_old_text_in_the_audit(midwife, invalidations):
    question = answered_question(midwife=midwife, reply="Call 0800 000 000")
    reply = question.replies.get()
    services.edit_reply(reply, midwife, "Call 0800 014 7800")
    reply.refresh_from_db()
    assert reply.body == "Call 0800 014 7800" and reply.edited_at is not None
    entry = only_entry(question, "edit_reply")
    assert (entry.before, entry.after) == ("Call 0800 000 000", "Call 0800 014 7800")
    assert question.article_id in invalidations


def test_deleting_the_only_reply_makes_the_question_unanswered_again(midwife):
    question = answered_question(midwife=midwife)
    services.delete_reply(question.replies.get(), midwife)
    question.refresh_from_db()
    assert not question.is_answered
    assert only_entry(question, "delete_reply").before == "Please call your maternity unit."


def test_a_moderator_deleting_a_question_leaves_its_text_in_the_audit(midwife, invalidations):
    question = make_question(body="Delete me, moderator", status="approved")
    number, article_id = question.pk, question.article_id
    services.delete_question(question, midwife, note="duplicate")
    assert not Question.objects.filter(pk=number).exists()
    entry = AuditEntry.objects.get(question_number=number, action="delete")
    assert (entry.question, entry.actor, entry.before, entry.note) == (
        None,
        midwife,
        "Delete me, moderator",
        "duplicate",
    )
    assert invalidations == [article_id]


def test_an_asker_deleting_their_question_leaves_no_text_behind():
    question = make_question(body="My private worry")
    number = question.pk
    services.delete_question(question)
    entry = AuditEntry.objects.get(question_number=number)
    assert (entry.action, entry.actor, entry.before) == ("delete", None, "")


def test_forgetting_the_email_address_is_audited_without_it():
    question = make_question(email="sam@example.org")
    services.forget_email(question)
    question.refresh_from_db()
    assert question.email == ""
    entry = only_entry(question, "forget_email")
    assert "sam@example.org" not in entry.before + entry.after


def test_submitting_screens_the_question():
    question = services.submit_question(
        article=make_article(),
        language="en",
        body="My waters broke and my number is 07700 900123",
        ip_address="192.0.2.1",
    )
    assert question.is_urgent and question.red_flags == ["waters broke"]
    assert question.has_personal_data
    assert question.ip_hash == services.hash_ip("192.0.2.1")
