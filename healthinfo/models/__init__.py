"""
Models of the article and review app, one module per concern.

Import models from here (``from healthinfo.models import Article``); the
modules are an implementation detail.
"""

from healthinfo.figures.models import FigureRenditions
from healthinfo.plain_language.models import (
    GlossaryTerm,
    ReadabilityScore,
    ReadabilityTarget,
)

from .articles import (
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Figure,
    LiveContentLocked,
    Reference,
    Section,
    add_months,
    current_language,
    writing_live_content,
)
from .drafts import (
    DraftFigure,
    DraftReference,
    DraftSection,
    DraftTranslation,
    NonClinicalChange,
)
from .feedback import Feedback
from .reviews import (
    AdditionalReviewer,
    CalendarToken,
    Review,
    ReviewAssignment,
    Reviewer,
    SentReminder,
)
from .search import LayTerm, SearchDocument, SearchHead, SearchTerm
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
    "DraftFigure",
    "DraftReference",
    "DraftSection",
    "DraftTranslation",
    "Feedback",
    "Figure",
    "FigureRenditions",
    "GlossaryTerm",
    "ImmutableVersionError",
    "LiveContentLocked",
    "NonClinicalChange",
    "ReadabilityScore",
    "ReadabilityTarget",
    "Reference",
    "Review",
    "ReviewAssignment",
    "Reviewer",
    "LayTerm",
    "SearchDocument",
    "SearchHead",
    "SearchTerm",
    "SentReminder",
    "Section",
    "StaffProfile",
    "Version",
    "add_months",
    "current_language",
    "public_name_for",
    "writing_live_content",
]
