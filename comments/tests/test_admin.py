"""The midwives' admin: queue, question page, redaction, audit log, and who may do what."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments import services
from comments.models import AuditEntry, Question, Reply
from comments.tests.factories import (
    answered_question,
    make_canned_reply,
    make_midwife,
    make_question,
)
from healthinfo.tests.factories import make_article, make_category, make_user

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/question/"


def change_url(question):
    return f"/admin/comments/question/{question.pk}/change/"


@pytest.fixture
def midwife(client):
    user = make_midwife("midwife", public_name="Midwife @HealthInfo")
    client.force_login(user)
    return user


def rows(response):
    return [question.pk for question in response.context["cl"].result_list]


# --- The queue ------------------------------------------------------------------


def test_the_queue_shows_pending_questions_urgent_first_then_oldest(client, midwife):
    now = timezone.now()
    old = make_question(created_at=now - timedelta(hours=5))
    new = make_question(created_at=now - timedelta(hours=1))
    urgent = make_question(body="I am bleeding heavily", created_at=now)
    make_question(status="approved")
    make_question(status="spam")
    assert rows(client.get(QUEUE)) == [urgent.pk, old.pk, new.pk]


def test_the_queue_can_show_other_statuses_or_everything(client, midwife):
    pending = make_question()
    approved = make_question(status="approved")
    assert rows(client.get(QUEUE + "?status=approved")) == [approved.pk]
    assert set(rows(client.get(QUEUE + "?status=all"))) == {pending.pk, approved.pk}
    assert rows(client.get(QUEUE + "?status=nonsense")) == []


def test_the_queue_shows_flags_and_the_red_flag_phrases(client, midwife):
    make_question(body="My waters broke, call 07700 900123")
    html = client.get(QUEUE).content.decode()
    assert "Urgent: Waters breaking or fluid leaking" in html and "Personal details" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("article__id__exact={other}", "other"),
        ("language__exact=es", "spanish"),
        ("is_urgent__exact=1", "urgent"),
        ("has_personal_data__exact=1", "personal"),
        ("status=all&answered=yes", "answered"),
        ("status=all&answered=no", "all_but_answered"),
        ("age=week", "old"),
        ("status=all&age=day", "all_but_old"),
        ("q=swimming", "swimming"),
    ],
)
def test_the_queue_filters_and_search(client, midwife, query, expected):
    other = make_article("other")
    questions = {
        "other": make_question(other, body="Question on another page"),
        "spanish": make_question(body="¿Puedo nadar?", language="es"),
        "urgent": make_question(body="I have a fever of 39"),
        "personal": make_question(body="Ring me on 07700 900123"),
        "answered": answered_question(body="An answered question"),
        "swimming": make_question(body="Is swimming safe at 30 weeks?"),
        "old": make_question(body="Asked long ago", created_at=timezone.now() - timedelta(days=9)),
    }
    response = client.get(QUEUE + "?" + query.format(other=other.pk))
    found = set(rows(response))
    if expected.startswith("all_but_"):
        assert found == {q.pk for name, q in questions.items() if name != expected[8:]}
    else:
        assert found == {questions[expected].pk}


def test_bulk_actions_go_through_the_services(client, midwife):
    first, second, third = make_question(), make_question(), make_question()
    client.post(QUEUE, {"action": "approve_selected", "_selected_action": [first.pk]})
    client.post(QUEUE, {"action": "reject_selected", "_selected_action": [second.pk]})
    client.post(QUEUE, {"action": "mark_selected_as_spam", "_selected_action": [third.pk]})
    statuses = {q.pk: q.status for q in Question.objects.all()}
    assert statuses == {first.pk: "approved", second.pk: "rejected", third.pk: "spam"}
    actions = set(AuditEntry.objects.values_list("action", "actor__username"))
    assert actions == {("approve", "midwife"), ("reject", "midwife"), ("spam", "midwife")}


def test_bulk_approval_leaves_questions_with_personal_details_for_a_closer_look(client, midwife):
    clean = make_question(body="When can I swim again?")
    personal = make_question(body="Ring me on 07700 900123")
    response = client.post(
        QUEUE,
        {"action": "approve_selected", "_selected_action": [clean.pk, personal.pk]},
        follow=True,
    )
    personal.refresh_from_db()
    clean.refresh_from_db()
    assert (clean.status, personal.status) == ("approved", "pending")
    html = response.content.decode()
    assert "Approved 1 question." in html
    assert f"question #{personal.pk}" in html and "phone number “07700 900123”" in html


def test_the_queue_costs_the_same_for_one_or_a_hundred_questions(
    client, midwife, django_assert_max_num_queries
):
    def queue_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUEUE).status_code == 200
        return len(captured)

    category = make_category()
    make_question(make_article(category=category), body="I am bleeding, phone 07700 900123")
    queue_queries()  # the first request after logging in also stores the session
    one = queue_queries()
    for number in range(99):
        article = make_article(category=category)
        make_question(article, body=f"Question {number} with a fever")
    assert queue_queries() == one
    with django_assert_max_num_queries(12):
        client.get(QUEUE)


def test_the_queue_lists_no_articles_in_its_sidebar_and_filters_by_the_article_clicked(
    client, midwife
):
    here, there = make_article("here"), make_article("there")
    question = make_question(here, body="Is this normal at 12 weeks?")
    make_question(there, body="Another page's question")
    html = client.get(QUEUE).content.decode()
    assert f'href="?article__id__exact={here.pk}">here</a>' in html
    assert "By article" not in html

    response = client.get(f"{QUEUE}?article__id__exact={here.pk}")
    assert rows(response) == [question.pk]
    assert "By article" in response.content.decode()
    assert rows(client.get(f"{QUEUE}?article__id__exact=nonsense")) == []


def test_each_queue_row_has_a_checkbox_for_the_bulk_actions(client, midwife):
    question = make_question(body="Is it safe to fly at 30 weeks?")
    html = client.get(QUEUE).content.decode()
    assert (
        f'<input type="checkbox" name="_selected_action" value="{question.pk}" '
        'class="action-select" aria-label="Select this object for an action - '
        'Is it safe to fly at 30 weeks?">'
    ) in html


def test_a_long_queue_is_counted_up_to_a_cap_then_estimated_on_postgresql(
    client, midwife, monkeypatch
):
    from comments.admin import EstimatedCountPaginator

    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 3)
    for number in range(3):
        make_question(body=f"Question {number} about swimming")
    assert "3 questions" in client.get(QUEUE).content.decode()

    make_question(body="A fourth question about swimming")
    response = client.get(QUEUE)
    html = response.content.decode()
    if connection.vendor == "postgresql":
        # The planner's guess from the table statistics: never below what was counted.
        assert response.context["cl"].paginator.estimated
        assert response.context["cl"].result_count >= 4
        assert "about " in html
    else:
        assert response.context["cl"].result_count == 4 and "4 questions" in html
    assert len(rows(response)) == 4


def test_readers_cannot_be_added_as_questions_in_the_admin(client, midwife):
    assert client.get("/admin/comments/question/add/").status_code == 403


# --- The question page ---------------------------------------------------------------


def test_the_question_page_shows_the_question_its_article_and_flags(client, midwife):
    make_canned_reply(title="Maternity unit today", body="Please call your unit today.")
    question = make_question(
        make_article("placenta"), body="I'm bleeding, call 07700 900123", email="a@example.org"
    )
    html = client.get(change_url(question)).content.decode()
    assert "I&#x27;m bleeding, call 07700 900123" in html
    assert 'href="/en/articles/placenta/#questions"' in html
    assert "Red-flag phrases: bleeding" in html
    assert "May contain personal details" in html
    assert 'value="07700 900123"' in html  # the detected detail's own "Remove" button
    assert "Maternity unit today" in html and 'id="canned-replies"' in html
    assert 'name="_approve_and_reply"' in html and 'name="_reply"' not in html
    assert "a@example.org" not in html  # midwives need not see it either
    assert "js/question_admin.js" in html


def test_approve_and_reply_is_one_button(client, midwife):
    question = make_question()
    response = client.post(
        change_url(question), {"_approve_and_reply": "", "reply": "Please call your unit today."}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == QUEUE
    question.refresh_from_db()
    assert question.status == "approved"
    reply = question.replies.get()
    assert (reply.author_name, reply.body) == (
        "Midwife @HealthInfo",
        "Please call your unit today.",
    )


def test_approve_and_reply_without_a_reply_shows_an_error_and_changes_nothing(client, midwife):
    question = make_question()
    response = client.post(change_url(question), {"_approve_and_reply": "", "reply": "  "})
    assert response.status_code == 200
    assert "Write a reply first." in response.content.decode()
    question.refresh_from_db()
    assert question.status == "pending"


def test_a_reply_to_a_pending_question_is_refused_in_the_admin(client, midwife):
    question = make_question()
    response = client.post(change_url(question), {"_reply": "", "reply": "Hello"})
    assert "Approve the question before replying" in response.content.decode()
    assert not Reply.objects.exists()


def test_an_approved_question_gets_a_publish_reply_button(client, midwife):
    question = make_question(status="approved")
    html = client.get(change_url(question)).content.decode()
    assert 'name="_reply"' in html and 'name="_approve_and_reply"' not in html
    client.post(change_url(question), {"_reply": "", "reply": "Here is an answer."})
    assert question.replies.get().body == "Here is an answer."


def test_a_canned_reply_is_inserted_on_the_server_without_javascript(client, midwife):
    canned = make_canned_reply(body="Call our helpline on 0800 014 7800.")
    question = make_question()
    response = client.post(
        change_url(question),
        {"_insert_canned": "", "canned_reply": canned.pk, "reply": "I'm sorry to hear this."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "I&#x27;m sorry to hear this.\n\nCall our helpline on 0800 014 7800.</textarea>" in html
    question.refresh_from_db()
    assert question.status == "pending" and not Reply.objects.exists()


def test_inserting_without_choosing_a_canned_reply_explains_why(client, midwife):
    question = make_question()
    response = client.post(change_url(question), {"_insert_canned": "", "reply": "Keep me"})
    html = response.content.decode()
    assert "Choose a canned reply to insert." in html and "Keep me</textarea>" in html


def test_rejecting_and_marking_spam_from_the_question_page(client, midwife):
    first, second = make_question(), make_question()
    client.post(change_url(first), {"_reject": "", "note": "Off topic"})
    client.post(change_url(second), {"_spam": ""})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.moderation_reason, second.status) == (
        "rejected",
        "Off topic",
        "spam",
    )


def test_a_post_without_a_button_changes_nothing(client, midwife):
    question = make_question()
    response = client.post(change_url(question), {"reply": "Hello"})
    assert "Choose what to do with the question." in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_a_detected_detail_is_removed_with_its_own_button(client, midwife):
    question = make_question(body="Ring me on 07700 900123 please")
    response = client.post(change_url(question), {"_redact_finding": "07700 900123"})
    assert response.status_code == 200
    assert "Ring me on [removed] please" in response.content.decode()
    question.refresh_from_db()
    assert question.body == "Ring me on [removed] please"
    assert not question.has_personal_data


def test_a_midwife_removes_text_she_typed_or_selected(client, midwife):
    body = "I'm Jo Bloggs from Leeds and Jo is worried"
    question = make_question(body=body)
    start = body.rindex("Jo")
    client.post(
        change_url(question),
        {"_redact": "", "redact_text": "Jo", "redact_start": start, "redact_end": start + 2},
    )
    client.post(change_url(question), {"_redact": "", "redact_text": "Bloggs"})
    question.refresh_from_db()
    assert question.body == "I'm Jo [removed] from Leeds and [removed] is worried"


def test_removing_text_that_is_not_there_is_an_error(client, midwife):
    question = make_question(body="Nothing personal here")
    response = client.post(change_url(question), {"_redact": "", "redact_text": "Leeds"})
    assert "The question does not contain that text." in response.content.decode()


def test_the_name_shown_can_be_changed(client, midwife):
    question = make_question(display_name="Sarah Jane Smith")
    client.post(change_url(question), {"_save_name": "", "display_name": "Sarah"})
    question.refresh_from_db()
    assert question.display_name == "Sarah"


def test_only_superusers_see_the_unredacted_text(client, midwife):
    question = make_question(body="Ring me on 07700 900123 please")
    services.redact(question, midwife, "07700 900123")
    html = client.get(change_url(question)).content.decode()
    assert "07700 900123" not in html and "Visible to superusers only" in html
    entry = AuditEntry.objects.get(action="redact")
    audit_html = client.get(f"/admin/comments/auditentry/{entry.pk}/change/").content.decode()
    assert "07700 900123" not in audit_html
    assert "07700 900123" not in client.get("/admin/comments/auditentry/").content.decode()
    client.force_login(make_user("boss", superuser=True))
    assert "07700 900123" in client.get(change_url(question)).content.decode()
    assert (
        "07700 900123"
        in client.get(f"/admin/comments/auditentry/{entry.pk}/change/").content.decode()
    )


def test_the_history_lists_every_action(client, midwife):
    question = make_question()
    services.approve_and_reply(question, midwife, "Call your unit.")
    html = client.get(change_url(question)).content.decode()
    assert "Approved" in html and "Replied" in html and "Call your unit." in html


def test_the_question_page_costs_the_same_with_a_hundred_replies_and_entries(client, midwife):
    question = make_question(status="approved")

    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(change_url(question)).status_code == 200
        return len(captured)

    services.reply(question, midwife, "The first reply")
    make_canned_reply()
    page_queries()  # the first request after logging in also stores the session
    one = page_queries()
    for number in range(99):
        services.reply(question, midwife, f"Reply {number}")
        make_canned_reply(title=f"Canned {number}")
    assert page_queries() == one
    assert one <= 14


def test_a_reply_edited_in_the_admin_is_audited(client, midwife):
    question = answered_question(midwife=midwife, reply="Call 0800 000 000")
    reply = question.replies.get()
    response = client.post(f"/admin/comments/reply/{reply.pk}/change/", {"body": "Call 0800 1"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="edit_reply")
    assert (entry.before, entry.after, entry.actor) == ("Call 0800 000 000", "Call 0800 1", midwife)


def test_replies_cannot_be_added_apart_from_a_question(client, midwife):
    assert client.get("/admin/comments/reply/add/").status_code == 403


def test_a_superuser_deleting_a_question_is_audited(client):
    client.force_login(make_user("boss", superuser=True))
    question = make_question(body="Delete this one")
    number = question.pk
    client.post(f"/admin/comments/question/{number}/delete/", {"post": "yes"})
    assert not Question.objects.filter(pk=number).exists()
    entry = AuditEntry.objects.get(question_number=number)
    assert (entry.action, entry.actor_name, entry.before) == ("delete", "boss", "Delete this one")


def test_nobody_can_alter_the_audit_log(client):
    client.force_login(make_user("boss", superuser=True))
    question = make_question()
    services.approve(question, make_midwife())
    entry = AuditEntry.objects.get()
    assert client.get("/admin/comments/auditentry/add/").status_code == 403
    assert client.post(f"/admin/comments/auditentry/{entry.pk}/delete/").status_code == 403
    html = client.get(f"/admin/comments/auditentry/{entry.pk}/change/").content.decode()
    assert 'name="_save"' not in html


# --- Who may do what -----------------------------------------------------------------

MATRIX = [
    # (url, {role: status})
    (QUEUE, {"midwife": 200, "editor": 403, "both": 200, "reviewer": 403}),
    ("/admin/comments/auditentry/", {"midwife": 200, "editor": 403, "both": 200, "reviewer": 403}),
    ("/admin/comments/reply/", {"midwife": 200, "editor": 403, "both": 200, "reviewer": 403}),
    ("/admin/comments/cannedreply/add/", {"midwife": 200, "editor": 403, "both": 200}),
    ("/admin/comments/moderatordigest/", {"midwife": 200, "editor": 403, "both": 200}),
    ("/admin/healthinfo/article/", {"midwife": 403, "editor": 200, "both": 200}),
    # A new article is written on the editing page (article/add/ leads there).
    ("/admin/healthinfo/drafttranslation/add/", {"midwife": 403, "editor": 200, "both": 200}),
]

ROLES = {
    "midwife": ["Midwives"],
    "editor": ["Editors"],
    "both": ["Editors", "Midwives"],
    "reviewer": ["Medical reviewers"],
}


@pytest.mark.parametrize(("url", "expected"), MATRIX, ids=[url for url, _ in MATRIX])
def test_each_role_reaches_only_what_it_may(client, url, expected):
    for role, status in expected.items():
        client.force_login(make_user(f"{role}-user", groups=ROLES[role]))
        assert client.get(url).status_code == status, f"{role} on {url}"


def test_an_editor_cannot_moderate_a_question(client):
    question = make_question()
    client.force_login(make_user("editor", groups=["Editors"]))
    assert client.get(change_url(question)).status_code == 403
    response = client.post(change_url(question), {"_approve_and_reply": "", "reply": "Hi"})
    assert response.status_code == 403
    response = client.post(QUEUE, {"action": "approve_selected", "_selected_action": [question.pk]})
    question.refresh_from_db()
    assert question.status == "pending"


def test_an_editor_who_is_also_a_midwife_can_moderate(client):
    question = make_question()
    client.force_login(make_user("both", groups=["Editors", "Midwives"], public_name="Mo @HI"))
    client.post(change_url(question), {"_approve_and_reply": "", "reply": "Hello"})
    question.refresh_from_db()
    assert question.status == "approved"


def test_a_midwife_cannot_change_an_article(client, midwife):
    article = make_article()
    response = client.post(
        f"/admin/healthinfo/article/{article.pk}/change/", {"questions_closed": "on"}
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert not article.questions_closed


def test_a_user_who_may_only_view_questions_cannot_moderate(client):
    from django.contrib.auth.models import Permission

    viewer = make_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(viewer)
    question = make_question()
    html = client.get(change_url(question)).content.decode()
    assert 'name="_approve_and_reply"' not in html
    assert client.post(change_url(question), {"_approve": ""}).status_code == 403


def test_the_question_page_links_to_the_article_in_the_question_language(client, midwife):
    from healthinfo.tests.factories import add_translation

    article = make_article("stitch")
    add_translation(article, "es", title="Cerclaje")
    question = make_question(article, language="es", body="¿Puedo nadar con el cerclaje?")
    assert (
        'href="/es/articles/stitch/#questions"' in client.get(change_url(question)).content.decode()
    )
