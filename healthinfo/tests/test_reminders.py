"""send_review_reminders: who hears about what, once a day."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from healthinfo.models import Article, SentReminder
from healthinfo.reminders import send_review_reminders
from healthinfo.services import assign_review
from healthinfo.tests.factories import make_article, make_reviewer, make_user

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
