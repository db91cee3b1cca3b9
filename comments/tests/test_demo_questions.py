"""The demo's questions are screened like readers' posts, so its urgent ones are flagged."""

import pytest
from django.core.management import call_command

from comments.models import CannedReply, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", allow_production=True, verbosity=0)


def test_the_demo_urgent_questions_top_the_queue(demo):
    queue = list(Question.objects.moderation_queue())
    urgent = [question for question in queue if question.is_urgent]
    assert len(urgent) >= 3
    assert queue[: len(urgent)] == urgent
    categories = {question.urgent_category for question in urgent}
    assert {"bleeding", "waters", "movements"} <= categories


def test_the_demo_question_with_a_phone_and_hospital_number_is_flagged(demo):
    question = Question.objects.get(body__contains="07700 900123")
    assert question.has_personal_data


def test_demo_answers_count_as_answered_and_canned_replies_exist(demo):
    assert Question.objects.answered().count() >= 10
    assert not Question.objects.filter(replies__isnull=False, answered_at__isnull=True).exists()
    assert CannedReply.objects.filter(language="es").exists()
    assert CannedReply.objects.filter(language="en").exists()


def test_reloading_the_demo_keeps_the_flags(demo):
    call_command("load_demo", allow_production=True, verbosity=0)
    assert Question.objects.filter(is_urgent=True).count() >= 3
