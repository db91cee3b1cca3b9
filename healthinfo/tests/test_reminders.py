"""send_review_reminders: who hears about what, once a day."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone, translation

from healthinfo.models import Article, SentReminder
from healthinfo.reminders import send_review_reminders
from healthinfo.services import assign_review, publish, start_draft
from healthinfo.tests.factories import (
    add_translation,
    edit_draft,
    make_article,
    make_published_article,
    make_reviewer,
    make_user,
    sign_off,
)

pytestmark = pytest.mark.django_db


def due_in(days, title):
    article = make_article(title=title)
    Article.objects.filter(pk=article.pk).update(
        next_review_due=timezone.localdate() + timedelta(days=days)
    )
    return article


@pytest.fixture
def editor():
    return make_user("editor", groups=["Editors"])


def test_editors_hear_about_overdue_and_soon_due_reviews(editor):
    due_in(-3, "Overdue page")
    due_in(20, "Soon page")
    due_in(200, "Later page")
    assert send_review_reminders() == 1
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert "1 overdue" in message.subject
    assert "1 due within 30 days" in message.subject
    assert "[OVERDUE] “Overdue page”" in message.body
    assert "“Soon page”" in message.body
    assert "Later page" not in message.body
    assert "/admin/healthinfo/article/" in message.body


def test_assigned_reviewer_hears_about_their_assignment_only():
    user = make_user("doctor", groups=["Medical reviewers"])
    reviewer = make_reviewer(user=user)
    assign_review(make_article(title="Mine"), reviewer, due_on=timezone.localdate())
    assign_review(
        make_article(title="Far off"), reviewer, due_on=timezone.localdate() + timedelta(days=90)
    )
    send_review_reminders()
    [message] = mail.outbox
    assert message.to == ["doctor@example.org"]
    assert "“Mine”" in message.body
    assert "Far off" not in message.body


def test_running_again_the_same_day_sends_nothing_new(editor):
    due_in(-3, "Overdue page")
    out = StringIO()
    call_command("send_review_reminders", stdout=out)
    call_command("send_review_reminders", stdout=out)
    assert "No new review reminders today." in out.getvalue()
    assert len(mail.outbox) == 1
    assert SentReminder.objects.count() == 1


def test_a_new_due_review_is_sent_later_the_same_day_without_repeating_the_first(editor):
    due_in(-3, "First")
    send_review_reminders()
    due_in(5, "Second")
    send_review_reminders()
    assert len(mail.outbox) == 2
    assert "First" not in mail.outbox[1].body
    assert "“Second”" in mail.outbox[1].body


def test_the_next_day_the_reminder_goes_out_again(editor):
    due_in(-3, "Overdue page")
    today = timezone.localdate()
    send_review_reminders(today)
    send_review_reminders(today + timedelta(days=1))
    assert len(mail.outbox) == 2


def test_inactive_reviewers_get_nothing():
    user = make_user("gone", groups=["Medical reviewers"])
    user.is_active = False
    user.save()
    assign_review(make_article(), make_reviewer(user=user), due_on=timezone.localdate())
    assert send_review_reminders() == 0
    assert mail.outbox == []


# --- Drafts awaiting sign-off --------------------------------------------------


@pytest.fixture
def doctor():
    user = make_user("doctor", groups=["Medical reviewers"])
    return make_reviewer("Dr Roe", user=user)


def assigned_live_article(reviewer, slug="pre-eclampsia", due_in_days=200):
    article = make_published_article(slug, title="Pre-eclampsia")
    add_translation(article, "es", title="Preeclampsia")
    publish(article)
    assign_review(article, reviewer, due_on=timezone.localdate() + timedelta(days=due_in_days))
    return article


def test_a_reviewer_hears_which_drafts_await_their_sign_off_in_both_languages(doctor):
    article = assigned_live_article(doctor)
    english = edit_draft(article, "en", title="Pre-eclampsia and HELLP")
    spanish = edit_draft(article, "es", section={"body": "<p>Llame a su matrona.</p>"})
    assert send_review_reminders() == 1
    [message] = mail.outbox
    assert message.to == ["doctor@example.org"]
    assert "1 draft awaiting sign-off" in message.subject
    body = message.body
    assert "await a medical sign-off" in body
    article.refresh_from_db()
    assert f"draft revision {article.draft_revision}" in body
    assert "English draft: “Pre-eclampsia and HELLP”" in body
    assert "Spanish draft: “Preeclampsia”" in body
    assert f"/admin/healthinfo/drafttranslation/{english.pk}/compare/" in body
    assert f"/admin/healthinfo/drafttranslation/{spanish.pk}/compare/" in body
    assert f"/admin/healthinfo/review/add/?article={article.pk}" in body
    # Due in 200 days: no "due" reminder, only the sign-off.
    assert "overdue or due within 30 days" not in body
    assert "Llame" not in body  # titles and links, never the text


def test_a_draft_that_changes_nothing_or_is_signed_off_is_not_mentioned(doctor):
    unchanged = assigned_live_article(doctor)
    start_draft(unchanged, "en")
    signed = assigned_live_article(doctor, slug="bleeding")
    edit_draft(signed, title="Bleeding in pregnancy")
    sign_off(signed)
    assert send_review_reminders() == 0
    assert mail.outbox == []


def test_only_the_changed_language_is_listed(doctor):
    article = assigned_live_article(doctor)
    start_draft(article, "en")  # started, unchanged
    edit_draft(article, "es", title="Preeclampsia y HELLP")
    send_review_reminders()
    [message] = mail.outbox
    assert "Spanish draft: “Preeclampsia y HELLP”" in message.body
    assert "English draft" not in message.body


def test_editors_hear_about_every_draft_awaiting_sign_off(editor, doctor):
    article = assigned_live_article(doctor)
    unassigned = make_published_article("bleeding", title="Bleeding")
    edit_draft(article, "en", title="Pre-eclampsia and HELLP")
    edit_draft(unassigned, "en", title="Bleeding in pregnancy")
    send_review_reminders()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    editors = by_recipient["editor@example.org"]
    assert "2 drafts awaiting sign-off" in editors.subject
    assert "“Pre-eclampsia”" in editors.body and "“Bleeding”" in editors.body
    doctors = by_recipient["doctor@example.org"]
    assert "Bleeding" not in doctors.body  # not assigned to them


def test_a_sign_off_reminder_goes_out_once_a_day(doctor):
    article = assigned_live_article(doctor)
    edit_draft(article, "en", title="Pre-eclampsia and HELLP")
    today = timezone.localdate()
    assert send_review_reminders(today) == 1
    edit_draft(article, "en", title="Pre-eclampsia and HELLP syndrome")
    assert send_review_reminders(today) == 0
    assert send_review_reminders(today + timedelta(days=1)) == 1
    assert SentReminder.objects.filter(kind=SentReminder.Kind.AWAITING_SIGN_OFF).count() == 2


def test_a_draft_signed_off_before_the_email_is_written_is_left_out(doctor):
    from healthinfo.tasks import email_review_reminder

    article = assigned_live_article(doctor)
    edit_draft(article, "en", title="Pre-eclampsia and HELLP")
    sign_off(article)
    result = email_review_reminder.call(
        "doctor@example.org", [[article.pk, SentReminder.Kind.AWAITING_SIGN_OFF, ""]]
    )
    assert result == {"rows": 0}
    assert mail.outbox == []


def test_the_reminder_reads_in_spanish_too(doctor):
    article = assigned_live_article(doctor)
    edit_draft(article, "es", title="Preeclampsia y HELLP")
    context = {
        "rows": [],
        "sign_off_rows": [
            {
                "title": "Preeclampsia",
                "revision": 3,
                "due_on": timezone.localdate(),
                "drafts": [
                    {"language": "español", "title": "Preeclampsia y HELLP", "compare_url": "/c/"}
                ],
                "record_url": "/r/",
            }
        ],
        "sign_off_count": 1,
        "overdue_count": 0,
        "due_soon_count": 0,
        "reviews_url": "/a/",
        "site_name": "HealthInfo",
    }
    with translation.override("es"):
        subject = render_to_string("healthinfo/email/review_reminder_subject.txt", context)
        body = render_to_string("healthinfo/email/review_reminder.txt", context)
    assert "1 borrador" in subject
    assert "Registrar la aprobación" in body and "Borrador en español" in body
    assert "These drafts" not in body and "Record the sign-off" not in body
