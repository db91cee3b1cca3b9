"""
Models of the article and review app, one module per concern.

Import models from here (``from healthinfo.models import Article``); the
modules are an implementation detail.
"""

from .articles import (
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Figure,
    Reference,
    Section,
    add_months,
    current_language,
)
from .feedback import Feedback
from .reviews import AdditionalReviewer, Review, ReviewAssignment, Reviewer
from .search import SearchTerm
from .staff import StaffProfile, public_name_for

__all__ = [
    "AdditionalReviewer",
    "Article",
    "ArticleTranslation",
    "Category",
    "CategoryTranslation",
    "Feedback",
    "Figure",
    "Reference",
    "Review",
    "ReviewAssignment",
    "Reviewer",
    "SearchTerm",
    "Section",
    "StaffProfile",
    "add_months",
    "current_language",
    "public_name_for",
]
