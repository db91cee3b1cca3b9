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
from .reviews import (
    AdditionalReviewer,
    CalendarToken,
    Review,
    ReviewAssignment,
    Reviewer,
    SentReminder,
)
from .staff import StaffProfile, public_name_for
from .versions import ArticleEvent, ImmutableVersionError, Version

__all__ = [
    "AdditionalReviewer",
    "Article",
    "ArticleEvent",
    "ArticleTranslation",
    "Category",
    "CalendarToken",
    "CategoryTranslation",
    "Figure",
    "ImmutableVersionError",
    "Reference",
    "Review",
    "ReviewAssignment",
    "Reviewer",
    "SentReminder",
    "Section",
    "StaffProfile",
    "Version",
    "add_months",
    "current_language",
    "public_name_for",
]
