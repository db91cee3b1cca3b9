"""The rules that stop an article being published (healthinfo.validation)."""

import pytest

from healthinfo.models import Review
from healthinfo.services import record_review
from healthinfo.tests.factories import add_figure, make_article, make_reviewer
from healthinfo.validation import publication_errors

pytestmark = pytest.mark.django_db

EVIDENCE = "Signed review form, scanned."


def reviewed_article(**fields):
    article = make_article(**fields)
    record_review(article, make_reviewer(), outcome=Review.Outcome.NO_CHANGE, evidence=EVIDENCE)
    return article


def test_reviewed_article_with_a_reference_may_be_published():
    assert publication_errors(reviewed_article()) == []


def test_article_without_a_whole_page_review_is_refused():
    article = make_article()
    record_review(
        article,
        make_reviewer(),
        outcome=Review.Outcome.NO_CHANGE,
        scope=Review.Scope.PARTIAL,
        evidence=EVIDENCE,
    )
    assert publication_errors(article) == [
        "Record a whole-page review by a named reviewer before publishing."
    ]


def test_translation_without_references_is_refused_naming_its_language():
    article = reviewed_article(references=0)
    assert publication_errors(article) == ["English: add at least one reference."]


def test_figure_without_alt_text_is_refused():
    article = reviewed_article()
    add_figure(article.translations.get(), order=3, alt_text="  ")
    assert publication_errors(article) == ["English: every figure needs alt text (figure 3)."]
