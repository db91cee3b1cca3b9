"""
The questions area under an article, for the article view to include.

The article view calls ``question_area(request, translation)`` and merges the
result into its context; ``templates/comments/_questions.html`` renders it.

Two kinds of content live here:

- the public thread (approved questions and their replies, one page of it),
  the same for every reader of that page. Its HTML is cached, keyed on the
  article's cache generation, so any moderation change shows at once;
- the parts that belong to one reader: her own questions awaiting review,
  asked in this browser (its signed reader-state cookie lists their numbers,
  ``healthinfo.reader_state``), with the emergency box when one is urgent.
  In a page shared by every reader (``healthinfo.shared_pages``) they are a
  *reader slot*, filled for each reader who has them (``own_questions_html``).
  Each question's fragment is cached on its own, under the question's cache
  generation, which every moderation door replaces (``comments.services``).
  The form is the same for everyone: in a shared page its CSRF token and
  timestamp come from a small request the page makes
  (``healthinfo.views.form_tokens``), and without JavaScript the reader
  follows a link to the form on a page of its own.

Cost: at most three queries for any thread size (the page of questions with
its counts, their replies, and the reader's own questions whose fragments
are not cached); none for the thread when it is cached. Her questions'
generation tokens are read with the page's own (``fill_slot(keys=...)``), so
a page of hers costs no query when nothing changed (tokens read a moment ago)
or one. Once none of her questions on an article awaits review, her cookie
stops listing them.
"""

import logging
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery, Window
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from comments.emergency import emergency_box_for_questions, phone_link
from comments.forms import QuestionForm
from comments.models import Question, thread_closes_at, thread_closure
from comments.tokens import delete_token
from healthinfo.cache import QUESTION_GENERATION_KEY, article_generation
from healthinfo.pagecache import generations
from healthinfo.reader_state import reader_state
from healthinfo.shared_pages import fill_slot, shared_render

logger = logging.getLogger(__name__)

# One of her questions as she sees it, cached under its own generation (and the language).
OWN_QUESTION_CACHE_KEY = "own-question:v1:{question}:{language}:{generation}"
OWN_QUESTION_CACHE_SECONDS = 7 * 24 * 3600
# Fragments (and whole slots) this process looked up last, as many as this.
LOCAL_FRAGMENTS = 2000


class _LocalFragments:
    """
    The fragments of readers' own questions this process used last, by their cache key.

    The key holds the question's generation token, so a copy here is exactly as
    current as the shared cache's: a change replaces the token and the copy is
    never asked for again (it is dropped as newer ones come). It saves her page
    a round trip to the shared cache.
    """

    def __init__(self, limit):
        self.limit = limit
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key, value):
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


local_fragments = _LocalFragments(LOCAL_FRAGMENTS)
THREAD_CACHE_KEY = "question-thread:{article}:{language}:{page}:{generation}"
THREAD_CACHE_SECONDS = 24 * 3600


def remember_question(request, question):
    """Note in the reader's signed cookie that she asked ``question``, to show it back to her."""
    reader_state(request).add_question(question.pk, question.article_id)


def forget_question(request, question_number):
    """Drop a deleted question from the reader's signed cookie."""
    reader_state(request).forget_questions([question_number])


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


@dataclass
class OwnQuestion:
    """One of the reader's questions awaiting review, as her page shows it (cached per question)."""

    pk: int
    html: str
    created_at: datetime
    is_urgent: bool
    urgent_category: str
    # Its fragment's cache key (with the question's generation token and the language).
    cache_key: str = ""


def own_pending_questions(request, article):
    """The reader's questions on ``article`` awaiting review (``OwnQuestion``), newest first."""
    return _own_pending(request, article.pk)


def _generation_keys(question_numbers):
    return [QUESTION_GENERATION_KEY.format(question_id=pk) for pk in question_numbers]


def own_question_keys(request, article_id):
    """The cache generations ``own_questions_html`` reads for this reader on ``article_id``."""
    try:
        article_id = int(article_id)
    except ValueError:
        return []
    return _generation_keys(reader_state(request).questions_on(article_id))


def _own_question_fragment(question):
    """What the cache keeps of one question for its asker: her fragment, or "not pending"."""
    if question is None or question.status != Question.Status.PENDING:
        return {"pending": False}
    question.delete_url = reverse("comments:delete", args=[delete_token(question)])
    return {
        "pending": True,
        "article": question.article_id,
        "html": render_to_string("comments/_own_question.html", {"question": question}),
        "created_at": question.created_at,
        "is_urgent": question.is_urgent,
        "urgent_category": question.urgent_category,
    }


def _own_pending(request, article_id):
    """
    Her questions on ``article_id`` awaiting review, from their cached fragments.

    Each fragment is stored under its question's generation token, read before the
    question (so a change committed in between is never stored as current), and
    every door that changes what she sees replaces that token (``comments.services``):
    no cache restart or lost key can bring back a moderated, redacted or deleted
    text. Once a question is no longer awaiting review her cookie stops listing it.
    """
    state = reader_state(request)
    asked = state.questions_on(article_id)
    if not asked:
        return []
    language = get_language() or settings.LANGUAGE_CODE
    keys = _generation_keys(asked)
    tokens = generations.current(keys, recent=True)
    cache_keys = {
        pk: OWN_QUESTION_CACHE_KEY.format(
            question=pk, language=language, generation=tokens[key].token or "-"
        )
        for pk, key in zip(asked, keys, strict=True)
    }
    fragments = {}
    for pk, key in cache_keys.items():
        fragment = local_fragments.get(key)
        if fragment is not None:
            fragments[pk] = fragment
    wanted = [cache_keys[pk] for pk in asked if pk not in fragments]
    if wanted:
        try:
            stored = cache.get_many(wanted)
        except Exception:
            logger.warning("Own questions not cached: the cache is unavailable.", exc_info=True)
            stored = {}
        for pk in asked:
            if pk not in fragments and cache_keys[pk] in stored:
                fragments[pk] = stored[cache_keys[pk]]
                local_fragments.put(cache_keys[pk], fragments[pk])
    missing = [pk for pk in asked if pk not in fragments]
    if missing:
        found = {question.pk: question for question in Question.objects.filter(pk__in=missing)}
        built = {pk: _own_question_fragment(found.get(pk)) for pk in missing}
        fragments.update(built)
        # Only tokens read from the database vouch for a fragment (not the outage copy).
        keep = {
            cache_keys[pk]: fragment
            for pk, fragment in built.items()
            if not tokens[_generation_keys([pk])[0]].from_copy
        }
        for key, fragment in keep.items():
            local_fragments.put(key, fragment)
        if keep:
            try:
                cache.set_many(keep, OWN_QUESTION_CACHE_SECONDS)
            except Exception:
                logger.warning("Own questions not cached: the cache is unavailable.", exc_info=True)
    settled = [pk for pk in asked if not fragments[pk]["pending"]]
    if settled:
        # Answered, refused or deleted: her later pages of this article ask nothing for them.
        state.forget_questions(settled)
    own = [
        OwnQuestion(
            pk=pk,
            html=mark_safe(fragment["html"]),
            created_at=fragment["created_at"],
            is_urgent=fragment["is_urgent"],
            urgent_category=fragment["urgent_category"],
            cache_key=cache_keys[pk],
        )
        for pk, fragment in fragments.items()
        if fragment["pending"] and fragment["article"] == article_id
    ]
    return sorted(own, key=lambda question: question.created_at, reverse=True)


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
    The reader slot "own-questions" of a shared article page, for one reader: her
    questions awaiting review (and the emergency box), or None when she has none
    there. No query unless her cookie lists questions here whose fragments changed.
    """
    own = _own_pending(request, int(article_id))
    if not own:
        return None
    # The slot is a function of her fragments (their keys hold their tokens) and the language.
    key = ("own-questions-slot", get_language(), *(question.cache_key for question in own))
    html = local_fragments.get(key)
    if html is None:
        html = render_to_string(
            "comments/_own_questions.html",
            {
                "area": {
                    "own_questions": own,
                    "emergency": emergency_box_for_questions(own),
                }
            },
        )
        local_fragments.put(key, html)
    return html


fill_slot("own-questions", own_questions_html, keys=own_question_keys)
