"""
Midwives judge urgency too, see at a glance how many urgent questions wait, and readers
know when to expect an answer.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from comments import services
from comments.models import AuditEntry, Question
from comments.tests.factories import form_data, make_canned_reply, make_midwife, make_question
from healthinfo.outbox.models import OutgoingEmail
from healthinfo.tests.factories import add_translation, make_article, make_user

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/question/"


def change_url(question):
    return f"/admin/comments/question/{question.pk}/change/"


@pytest.fixture
def midwife(client):
    user = make_midwife("midwife")
    client.force_login(user)
    return user


def queue(client):
    return [question.pk for question in client.get(QUEUE).context["cl"].result_list]


def test_a_midwife_marks_a_question_urgent_and_it_moves_to_the_top_of_the_queue(client, midwife):
    now = timezone.now()
    older = make_question(body="Is it safe to swim?", created_at=now - timedelta(hours=3))
    quiet = make_question(body="Baby seems a bit different today", created_at=now)
    assert queue(client) == [older.pk, quiet.pk]
    response = client.post(
        change_url(quiet), {"_mark_urgent": "", "urgent_category": "movements", "reply": "Draft"}
    )
    assert "Draft</textarea>" in response.content.decode()
    quiet.refresh_from_db()
    assert (quiet.is_urgent, quiet.urgent_category) == (True, "movements")
    assert queue(client) == [quiet.pk, older.pk]
    entry = AuditEntry.objects.get(action="urgent")
    assert (entry.actor, entry.before, entry.after) == (
        midwife,
        "Not urgent",
        "Urgent: Baby moving less or not at all",
    )


def test_a_midwife_marks_a_false_alarm_not_urgent_and_it_takes_its_turn(client, midwife):
    now = timezone.now()
    older = make_question(body="Is it safe to swim?", created_at=now - timedelta(hours=3))
    alarm = make_question(
        body="What are the signs of bleeding? I'm bleeding heavily", created_at=now
    )
    assert alarm.is_urgent and queue(client) == [alarm.pk, older.pk]
    client.post(change_url(alarm), {"_mark_not_urgent": ""})
    alarm.refresh_from_db()
    assert (alarm.is_urgent, alarm.urgent_category) == (False, "")
    assert queue(client) == [older.pk, alarm.pk]
    assert AuditEntry.objects.get(action="not_urgent").actor == midwife


def alerts(mailoutbox):
    return [(message.to, message.subject) for message in mailoutbox]


def test_a_question_marked_urgent_by_hand_alerts_the_midwives_once(
    client, midwife, mailoutbox, django_capture_on_commit_callbacks
):
    make_midwife("colleague")
    question = make_question(body="Baby seems a bit different today")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(question), {"_mark_urgent": "", "urgent_category": "movements"})
    subject = "Urgent question waiting: Baby moving less or not at all"
    assert sorted(alerts(mailoutbox)) == [
        (["colleague@example.org"], subject),
        (["midwife@example.org"], subject),
    ]
    assert f"/admin/comments/question/{question.pk}/change/" in mailoutbox[0].body
    # Another category, back to not urgent and urgent again: the midwives already know.
    with django_capture_on_commit_callbacks(execute=True):
        services.set_urgency(question, midwife, urgent=True, category="bleeding")
        services.set_urgency(question, midwife, urgent=False)
        services.set_urgency(question, midwife, urgent=True, category="movements")
    assert len(mailoutbox) == 2
    assert OutgoingEmail.objects.filter(priority=OutgoingEmail.Priority.URGENT).count() == 2


def test_a_question_the_triage_flagged_is_not_alerted_again_when_a_midwife_confirms_it(
    article_for_alerts, midwife, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = services.submit_question(
            article=article_for_alerts, language="en", body="I'm bleeding heavily at 30 weeks"
        )
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.set_urgency(question, midwife, urgent=True, category="abdominal_pain")
        services.set_urgency(question, midwife, urgent=False)
        services.set_urgency(question, midwife, urgent=True, category="bleeding")
    assert len(mailoutbox) == 1


def test_marking_a_question_not_urgent_alerts_nobody(
    midwife, mailoutbox, django_capture_on_commit_callbacks
):
    question = make_question(body="I'm bleeding heavily")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_urgency(question, midwife, urgent=False)
    assert mailoutbox == [] and not OutgoingEmail.objects.exists()


def test_an_urgency_change_that_fails_queues_no_alert(
    midwife, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    question = make_question(body="Is it safe to swim?")

    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(services, "_audit", broken_audit)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        services.set_urgency(question, midwife, urgent=True, category="fever")
    question.refresh_from_db()
    assert not question.is_urgent
    assert mailoutbox == [] and not OutgoingEmail.objects.exists()


@pytest.fixture
def article_for_alerts():
    return make_article("alerts")


def test_marking_urgent_needs_a_category(client, midwife):
    question = make_question(body="Is it safe to swim?")
    response = client.post(change_url(question), {"_mark_urgent": "", "urgent_category": ""})
    assert "Choose what makes the question urgent." in response.content.decode()
    with pytest.raises(ValidationError):
        services.set_urgency(question, midwife, urgent=True, category="headache")
    question.refresh_from_db()
    assert not question.is_urgent and not AuditEntry.objects.exists()


def test_marking_the_same_urgency_again_writes_nothing(midwife):
    question = make_question(body="I'm bleeding heavily")
    services.set_urgency(question, midwife, urgent=True, category="bleeding")
    assert not AuditEntry.objects.exists()


def test_someone_who_may_only_view_questions_cannot_change_urgency(client):
    viewer = make_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(viewer)
    question = make_question(body="Is it safe to swim?")
    response = client.post(change_url(question), {"_mark_urgent": "", "urgent_category": "fever"})
    assert response.status_code == 403


# --- How many urgent questions wait, and for how long --------------------------------------


def test_the_queue_says_how_many_urgent_questions_wait_and_the_oldest_wait(client, midwife):
    now = timezone.now()
    make_question(body="I'm bleeding heavily", created_at=now - timedelta(hours=5, minutes=1))
    make_question(body="My waters have gone at 33 weeks", created_at=now - timedelta(minutes=10))
    make_question(body="Is it safe to swim?", created_at=now - timedelta(days=2))
    make_question(body="I have a fever", status="rejected", created_at=now - timedelta(days=9))
    html = client.get(QUEUE).content.decode()
    assert "2 urgent questions are waiting; the oldest for 5\xa0hours" in html
    assert 'href="/admin/comments/question/?is_urgent__exact=1"' in html


def test_the_admin_home_shows_the_urgent_questions_waiting(client, midwife):
    make_question(body="I'm bleeding heavily", created_at=timezone.now() - timedelta(minutes=40))
    html = client.get("/admin/").content.decode()
    assert "1 urgent question is waiting, for 40\xa0minutes." in html


def test_the_admin_home_says_so_when_no_urgent_question_waits(client, midwife):
    make_question(body="Is it safe to swim?")
    assert "No urgent question is waiting." in client.get("/admin/").content.decode()


def test_staff_who_cannot_see_questions_are_not_told_about_them(client):
    client.force_login(make_user("editor", groups=["Editors"]))
    make_question(body="I'm bleeding heavily")
    html = client.get("/admin/").content.decode()
    assert "urgent question" not in html


def test_the_urgent_summary_costs_one_query(django_assert_num_queries):
    make_question(body="I'm bleeding heavily")
    with django_assert_num_queries(1):
        summary = Question.objects.urgent_waiting()
    assert summary["count"] == 1


# --- Readers -----------------------------------------------------------------------------


@pytest.fixture
def article():
    article = make_article("stitch", title="Cervical stitch")
    add_translation(article, "es", title="Cerclaje")
    return article


def test_readers_see_when_midwives_answer_and_the_helpline(client, article, settings):
    settings.QUESTIONS_HELPLINE_NUMBER = "0808 157 0192"
    settings.QUESTIONS_HELPLINE_EMAIL = "midwives@example.org"
    html = client.get("/en/articles/stitch/").content.decode()
    assert "Our midwives answer questions Monday to Friday, 9am to 5pm" in html
    assert 'call <a href="tel:08081570192">0808 157 0192</a>' in html
    assert 'href="mailto:midwives@example.org"' in html


def test_without_a_helpline_readers_are_pointed_to_their_own_midwife(client, article, settings):
    settings.QUESTIONS_HELPLINE_NUMBER = ""
    html = client.get("/en/articles/stitch/").content.decode()
    assert "your own midwife or maternity unit can help" in html


def test_the_hours_are_configured_and_shown_in_each_language(client, article, settings):
    settings.QUESTIONS_MIDWIFE_HOURS = {
        "en": "every day, 8am to 8pm",
        "es": "todos los días, de 8 a 20 h",
    }
    assert "every day, 8am to 8pm" in client.get("/en/articles/stitch/").content.decode()
    assert "todos los días, de 8 a 20 h" in client.get("/es/articles/stitch/").content.decode()


def test_the_asker_is_told_when_to_expect_an_answer_after_sending(client, article):
    client.post("/en/articles/stitch/questions/", form_data())
    html = client.get("/en/articles/stitch/").content.decode()
    your_questions = html[html.index('id="your-questions"') :]
    assert "usually within one working day" in your_questions


# --- Canned replies --------------------------------------------------------------------------


def test_canned_replies_are_offered_in_the_questions_language_first(client, midwife):
    make_canned_reply(title="A helpline", language="en")
    make_canned_reply(title="Z línea de ayuda", language="es")
    question = make_question(body="¿Puedo nadar?", language="es")
    html = client.get(change_url(question)).content.decode()
    assert html.index("Z línea de ayuda") < html.index("A helpline")
    english = make_question(body="Can I swim?")
    html = client.get(change_url(english)).content.decode()
    assert html.index("A helpline") < html.index("Z línea de ayuda")
