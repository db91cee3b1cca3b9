"""
Personal details cannot be published by accident: every door that approves a question
refuses one with unresolved findings, and says which finding blocks it.

Doors: the "Approve" and "Approve and reply" buttons, the bulk action, the model and
QuerySet (the shell, a data fix), the services (the shell, commands). A finding is
resolved by removing it or by a midwife marking it as not personal data (audited).
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from comments import services
from comments.models import AuditEntry, Question, Reply
from comments.tests.factories import make_canned_reply, make_midwife, make_question

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/question/"
EMAIL_QUESTION = "Could a midwife email me at priya.k@example.com? I'm 19 weeks."


def change_url(question):
    return f"/admin/comments/question/{question.pk}/change/"


@pytest.fixture
def midwife(client):
    user = make_midwife("midwife")
    client.force_login(user)
    return user


@pytest.fixture
def flagged():
    return make_question(body=EMAIL_QUESTION)


def still_pending(question):
    question.refresh_from_db()
    return question.status == Question.Status.PENDING


# --- Services (the shell, commands) --------------------------------------------------


def test_approving_through_the_service_is_refused_and_names_the_finding(flagged, midwife):
    with pytest.raises(ValidationError) as refusal:
        services.approve(flagged, midwife)
    assert "email address “priya.k@example.com”" in refusal.value.messages[0]
    assert refusal.value.code == "personal_data"
    assert still_pending(flagged)
    assert not AuditEntry.objects.filter(action="approve").exists()


def test_approve_and_reply_through_the_service_publishes_neither(flagged, midwife):
    with pytest.raises(ValidationError):
        services.approve_and_reply(flagged, midwife, "Please call your unit.")
    assert still_pending(flagged)
    assert not Reply.objects.exists()


def test_a_finding_in_the_name_shown_blocks_approval_too(midwife):
    question = make_question(body="Is swimming safe?", display_name="jo@example.com")
    with pytest.raises(ValidationError, match="jo@example.com"):
        services.approve(question, midwife)


# --- The model and the database (code that sets the status itself) ----------------------


def test_saving_an_approved_question_with_personal_details_is_refused(flagged):
    flagged.status = Question.Status.APPROVED
    with pytest.raises(ValidationError, match="priya.k@example.com"):
        flagged.save()
    assert still_pending(flagged)


def test_changing_the_text_of_an_approved_question_rescreens_it():
    question = make_question(body="Is swimming safe?", status="approved")
    question.body = "Ring me on 07700 900123"
    with pytest.raises(ValidationError, match="07700 900123"):
        question.save()


def test_the_database_refuses_an_update_that_would_publish_personal_details(flagged):
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=flagged.pk).update(status=Question.Status.APPROVED)
    assert still_pending(flagged)


# --- The admin: each button and the bulk action -------------------------------------------


def test_the_approve_button_is_refused_with_the_blocking_finding(client, midwife, flagged):
    response = client.post(change_url(flagged), {"_approve": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errornote"' in html
    assert "email address “priya.k@example.com”" in html
    assert still_pending(flagged)


def test_approve_and_reply_is_refused_and_keeps_the_reply_being_written(client, midwife, flagged):
    response = client.post(
        change_url(flagged),
        {
            "_approve_and_reply": "",
            "reply": "We can't email you, but here is what to do.",
            "note": "asked for email",
        },
    )
    html = response.content.decode()
    errors = html[html.index('class="errornote"') :]
    assert "email address “priya.k@example.com”" in errors[: errors.index("</div>")]
    assert "We can&#x27;t email you, but here is what to do.</textarea>" in html
    assert still_pending(flagged) and not Reply.objects.exists()


def test_bulk_approval_refuses_each_question_with_findings_and_names_them(client, midwife):
    clean = make_question(body="When can I swim again?")
    email = make_question(body=EMAIL_QUESTION)
    phone = make_question(body="Ring me on 07700 900123 about my hospital number K4417823")
    response = client.post(
        QUEUE,
        {"action": "approve_selected", "_selected_action": [clean.pk, email.pk, phone.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Approved 1 question." in html
    assert "email address “priya.k@example.com”" in html
    assert "phone number “07700 900123”" in html and "K4417823" in html
    assert still_pending(email) and still_pending(phone)
    clean.refresh_from_db()
    assert clean.status == "approved"


def test_the_question_cannot_be_edited_into_the_published_state_in_the_admin(
    client, midwife, flagged
):
    # The moderation page is the only change form: there is no status field to set.
    response = client.post(change_url(flagged), {"status": "approved", "_keep": ""})
    assert response.status_code == 200
    assert still_pending(flagged)


# --- Resolving a finding ----------------------------------------------------------------------


def test_removing_the_finding_lets_the_question_be_approved(client, midwife, flagged):
    client.post(change_url(flagged), {"_redact_finding": "priya.k@example.com"})
    flagged.refresh_from_db()
    assert "priya.k@example.com" not in flagged.body and not flagged.has_personal_data
    services.approve(flagged, midwife)
    assert not still_pending(flagged)


def test_a_midwife_marks_a_helpline_as_not_personal_data_and_the_decision_is_audited(
    client, midwife
):
    question = make_question(body="I rang 020 7946 0000, the hospital switchboard, no answer")
    ((finding, _field),) = question.personal_data_findings()
    response = client.post(
        change_url(question), {"_not_personal_data": finding.key, "note": "hospital switchboard"}
    )
    assert "Marked as not personal data" in response.content.decode()
    question.refresh_from_db()
    assert question.dismissed_findings == [finding.key] and not question.has_personal_data
    entry = AuditEntry.objects.get(action="not_personal")
    assert (entry.actor, entry.after, entry.note) == (
        midwife,
        "phone number: 020 7946 0000",
        "hospital switchboard",
    )
    services.approve(question, midwife)
    assert not still_pending(question)


def test_marking_a_finding_that_is_not_there_is_refused(midwife, flagged):
    with pytest.raises(ValidationError):
        services.mark_not_personal_data(flagged, midwife, "phone:07700 900123")
    assert not AuditEntry.objects.exists()


def test_a_dismissed_detail_does_not_excuse_a_new_one(midwife):
    question = make_question(body="I rang 020 7946 0000 and 07700 900123")
    services.mark_not_personal_data(question, midwife, "phone:020 7946 0000")
    with pytest.raises(ValidationError, match="07700 900123"):
        services.approve(question, midwife)


def test_removing_a_finding_keeps_the_reply_the_note_and_the_canned_reply(client, midwife, flagged):
    canned = make_canned_reply(title="Helpline", body="Call our helpline.")
    response = client.post(
        change_url(flagged),
        {
            "_redact_finding": "priya.k@example.com",
            "reply": "Thank you for asking. Here is what I suggest.",
            "note": "removed an email address",
            "canned_reply": str(canned.pk),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thank you for asking. Here is what I suggest.</textarea>" in html
    assert 'value="removed an email address"' in html
    assert f'<option value="{canned.pk}" selected>' in html
    assert "[removed]" in html


def test_marking_not_personal_data_keeps_the_reply_too(client, midwife):
    question = make_question(body="I rang 020 7946 0000, the hospital switchboard")
    response = client.post(
        change_url(question),
        {"_not_personal_data": "phone:020 7946 0000", "reply": "Half-written answer"},
    )
    assert "Half-written answer</textarea>" in response.content.decode()


def test_the_remove_and_not_personal_data_buttons_belong_to_the_reply_form(
    client, midwife, flagged
):
    html = client.get(change_url(flagged)).content.decode()
    start = html.index('id="moderation-form"')
    form = html[start : html.index("</form>", start)]
    assert 'name="_redact_finding" value="priya.k@example.com"' in form
    assert 'name="_not_personal_data" value="email:priya.k@example.com"' in form
    assert 'name="reply"' in form and 'name="note"' in form and 'name="canned_reply"' in form
    # Enter in a text box sends the harmless first button, not "Remove".
    assert form.index('name="_keep"') < form.index('name="_redact_finding"')


def test_pressing_enter_in_a_text_box_changes_nothing_and_keeps_the_text(client, midwife, flagged):
    response = client.post(change_url(flagged), {"_keep": "", "reply": "Draft"})
    assert "Draft</textarea>" in response.content.decode()
    assert still_pending(flagged) and not AuditEntry.objects.exists()


# --- Replies are screened too --------------------------------------------------------------


def test_a_reply_with_a_personal_phone_number_is_refused_before_it_goes_out(midwife):
    question = make_question(body="Is swimming safe?")
    with pytest.raises(ValidationError, match="07700 900321"):
        services.approve_and_reply(question, midwife, "Ring me on my mobile, 07700 900321.")
    assert still_pending(question) and not Reply.objects.exists()


def test_a_reply_with_a_personal_email_is_refused_in_the_admin(client, midwife):
    question = make_question(body="Is swimming safe?")
    response = client.post(
        change_url(question),
        {"_approve_and_reply": "", "reply": "Write to me at jane.midwife@gmail.com"},
    )
    assert "jane.midwife@gmail.com" in response.content.decode()
    assert still_pending(question)


def test_a_reply_may_give_the_configured_helpline_and_address(midwife, settings):
    settings.QUESTIONS_HELPLINE_NUMBER = "0113 496 0000"
    settings.QUESTIONS_HELPLINE_EMAIL = "midwives@example.org"
    question = make_question(body="Is swimming safe?")
    services.approve_and_reply(
        question,
        midwife,
        "Call us on 0113 496 0000 or write to midwives@example.org. "
        "In an emergency call 999; freephone 0800 014 7800.",
    )
    assert question.replies.count() == 1


def test_editing_a_reply_cannot_add_a_personal_number(client, midwife):
    question = make_question(body="Is swimming safe?")
    answer = services.approve_and_reply(question, midwife, "Yes, gently.")
    with pytest.raises(ValidationError):
        services.edit_reply(answer, midwife, "Ring me: 07700 900321")
    response = client.post(
        f"/admin/comments/reply/{answer.pk}/change/", {"body": "Ring me: 07700 900321"}
    )
    assert response.status_code == 200 and "07700 900321" in response.content.decode()
    answer.refresh_from_db()
    assert answer.body == "Yes, gently."


def test_removing_a_finding_in_the_name_shown_clears_it_from_the_name(client, midwife):
    question = make_question(body="Is swimming safe?", display_name="Jo jo@example.com")
    html = client.get(change_url(question)).content.decode()
    assert "in the name shown" in html
    client.post(change_url(question), {"_redact_finding": "jo@example.com"})
    question.refresh_from_db()
    assert (question.display_name, question.has_personal_data) == ("Jo", False)
    assert question.body == "Is swimming safe?"
