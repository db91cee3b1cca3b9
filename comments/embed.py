"""
The questions area under an article, for the article view to include.

The article view calls ``question_area(request, translation)`` and merges the
result into its context; ``templates/comments/_questions.html`` renders it.

Two kinds of content live here:

- the public thread (approved questions and their replies, one page of it),
  the same for every reader of that page. Its HTML is cached, keyed on the
  article's cache generation, so any moderation change shows at once;
- the parts that belong to one reader: her own questions awaiting review in
  this browser session, with the emergency box when one is urgent. They are
  never cached; in a page shared by every reader (``healthinfo.shared_pages``)
  they are a *reader slot*, filled for each reader with a session
  (``own_questions_html``). The form is the same for everyone: in a shared
  page its CSRF token and timestamp come from a small request the page makes
  (``healthinfo.views.form_tokens``), and without JavaScript the reader
  follows a link to the form on a page of its own.

Cost: at most three queries for any thread size (the page of questions with
its counts, their replies, and the reader's own pending questions if the
session lists one on this article); none for the thread when it is cached.
Once none of her questions on an article awaits review, her session stops
listing that article, so her later pages of it need no query for them.
"""

import logging
import math
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery, Window
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from comments.emergency import emergency_box_for_questions, phone_link
from comments.forms import QuestionForm
from comments.models import Question, thread_closes_at, thread_closure
from comments.tokens import delete_token
from healthinfo.cache import article_generation
from healthinfo.shared_pages import fill_slot, shared_render

logger = logging.getLogger(__name__)

SESSION_KEY = "asked_questions"
# The articles those questions are under: a page of another article needs no query.
ARTICLES_SESSION_KEY = "asked_on_articles"
SESSION_LIMIT = 20
THREAD_CACHE_KEY = "question-thread:{article}:{language}:{page}:{generation}"
THREAD_CACHE_SECONDS = 24 * 3600


def remember_question(session, question):
    """Note in the reader's session that they asked ``question``, to show it back to them."""
    asked = [pk for pk in session.get(SESSION_KEY, []) if pk != question.pk]
    session[SESSION_KEY] = [*asked, question.pk][-SESSION_LIMIT:]
    articles = [pk for pk in _asked_on(session) or [] if pk != question.article_id]
    session[ARTICLES_SESSION_KEY] = [*articles, question.article_id][-SESSION_LIMIT:]


def forget_question(session, question_number):
    """Drop a deleted question from the reader's session."""
    asked = session.get(SESSION_KEY, [])
    if question_number in asked:
        session[SESSION_KEY] = [pk for pk in asked if pk != question_number]


def asked_in_session(session):
    """The numbers of the questions this browser session asked (ignores tampered data)."""
    asked = session.get(SESSION_KEY, [])
    if not isinstance(asked, list):
        return []
    return [pk for pk in asked if isinstance(pk, int) and not isinstance(pk, bool)]


@dataclass
class Thread:
    """One page of an article's public questions, rendered, with the counts readers see."""

    html: str
    total: int
    answered: int
    page_number: int
    last_asked_at: datetime | None = None

    @property
    def page(self):
        paginator = Paginator(range(self.total), settings.QUESTIONS_PER_PAGE)
        return paginator.page(min(self.page_number, paginator.num_pages))

    @property
    def page_links(self):
        """Page numbers to link to, with ``Paginator.ELLIPSIS`` where some are left out."""
        page = self.page
        return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


def _page_of_questions(article, language, page_number):
    per_page = settings.QUESTIONS_PER_PAGE
    newest_for_article = Question.objects.approved().filter(article=OuterRef("article"))
    offset = (page_number - 1) * per_page
    return list(
        Question.objects.thread(article, language)
        .annotate(
            # Window functions count the whole thread in the same query as the page.
            thread_total=Window(Count("pk")),
            answered_total=Window(Count("answered_at")),
            last_asked=Subquery(
                newest_for_article.order_by("-created_at").values("created_at")[:1]
            ),
        )
        .prefetch_related("replies")[offset : offset + per_page]
    )


def build_thread(article, language, page_number=1):
    """Query and render one page of the thread (no cache)."""
    questions = _page_of_questions(article, language, page_number)
    if not questions and page_number > 1:
        # Past the end (an old link, a hand-typed number): show the last page.
        total = Question.objects.thread(article, language).count()
        return build_thread(
            article, language, max(1, math.ceil(total / settings.QUESTIONS_PER_PAGE))
        )
    if questions:
        first = questions[0]
        total, answered, last_asked_at = first.thread_total, first.answered_total, first.last_asked
    else:
        total = answered = 0
        last_asked_at = (
            Question.objects.last_asked_at(article) if settings.QUESTIONS_CLOSE_AFTER_DAYS else None
        )
    html = render_to_string("comments/_thread.html", {"questions": questions, "article": article})
    return Thread(html, total, answered, page_number, last_asked_at)


def cached_thread(article, language, page_number=1):
    """``build_thread``, cached until the article's cache generation changes."""
    try:
        key = THREAD_CACHE_KEY.format(
            article=article.pk,
            language=language,
            page=page_number,
            generation=article_generation(article.pk),
        )
        stored = cache.get(key)
    except Exception:
        logger.warning("Question thread not cached: the cache is unavailable.", exc_info=True)
        return build_thread(article, language, page_number)
    if stored is not None:
        return Thread(**{**stored, "html": mark_safe(stored["html"])})
    thread = build_thread(article, language, page_number)
    try:
        cache.set(
            key,
            {
                "html": str(thread.html),
                "total": thread.total,
                "answered": thread.answered,
                "page_number": thread.page_number,
                "last_asked_at": thread.last_asked_at,
            },
            THREAD_CACHE_SECONDS,
        )
    except Exception:
        logger.warning("Question thread not cached: the cache is unavailable.", exc_info=True)
    return thread


def _page_number(request):
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= 10_000 else 1


@dataclass
class QuestionArea:
    """Everything ``templates/comments/_questions.html`` shows under an article."""

    article: object
    thread: Thread
    closure: str | None
    form: QuestionForm | None
    own_questions: list = field(default_factory=list)
    # The emergency box (comments.emergency.EmergencyBox) for the reader's own urgent question.
    emergency: object = None

    @property
    def page(self):
        return self.thread.page

    @property
    def page_links(self):
        return self.thread.page_links


def own_pending_questions(request, article):
    """The reader's questions on ``article`` awaiting review, each with its private delete link."""
    return _own_pending(request, article.pk)


def _asked_on(session):
    """The articles this session asked questions on, or None when it does not say (older ones)."""
    articles = session.get(ARTICLES_SESSION_KEY)
    if not isinstance(articles, list):
        return None
    return [pk for pk in articles if isinstance(pk, int) and not isinstance(pk, bool)]


def _own_pending(request, article_id):
    asked = asked_in_session(request.session)
    if not asked:
        return []
    articles = _asked_on(request.session)
    if articles is not None and article_id not in articles:
        return []
    asked_here = list(Question.objects.filter(pk__in=asked, article_id=article_id))
    questions = [question for question in asked_here if question.status == Question.Status.PENDING]
    if not questions and articles is not None:
        # All answered, refused or deleted: her next pages of this article ask nothing.
        settled = {question.pk for question in asked_here}
        request.session[SESSION_KEY] = [pk for pk in asked if pk not in settled]
        request.session[ARTICLES_SESSION_KEY] = [pk for pk in articles if pk != article_id]
    for question in questions:
        question.delete_url = reverse("comments:delete", args=[delete_token(question)])
    return sorted(questions, key=lambda question: question.created_at, reverse=True)


def emergency_phone_link():
    """``settings.EMERGENCY_PHONE_NUMBER`` as a link that a phone can call."""
    return phone_link(settings.EMERGENCY_PHONE_NUMBER)


def question_area(request, translation):
    """
    The template context for the questions area of ``translation``'s article page.

    Returns ``{"question_area": QuestionArea}`` for ``templates/comments/_questions.html``.
    The page of the thread comes from ``?page=`` in the request.
    """
    article = translation.article
    thread = cached_thread(article, translation.language, _page_number(request))
    closure = thread_closure(article, thread.last_asked_at)
    form = None
    if closure is None:
        form = QuestionForm(
            action=reverse("comments:ask", kwargs={"slug": article.slug}) + "#ask-form"
        )
        shared = shared_render(request)
        if shared is not None:
            # Each reader's timestamp (and CSRF token) comes from healthinfo:form_tokens.
            form.initial["started"] = ""
            form.helper.attrs["data-reader-tokens"] = reverse("healthinfo:form_tokens")
            # The form closes once nobody has asked anything for a while.
            shared.expire_at(thread_closes_at(thread.last_asked_at))
    own = own_pending_questions(request, article)
    return {
        "question_area": QuestionArea(
            article=article,
            thread=thread,
            closure=closure,
            form=form,
            own_questions=own,
            emergency=emergency_box_for_questions(own),
        )
    }


def own_questions_html(request, article_id):
    """
    The reader slot "own-questions" of a shared article page, for one reader with a
    session: her questions awaiting review (and the emergency box), or None when she
    has none there. No query unless her session lists questions.
    """
    own = _own_pending(request, int(article_id))
    if not own:
        return None
    return render_to_string(
        "comments/_own_questions.html",
        {
            "area": {
                "own_questions": own,
                "emergency": emergency_box_for_questions(own),
            }
        },
    )


fill_slot("own-questions", own_questions_html)
