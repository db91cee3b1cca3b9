"""
What a reader without an account did in this browser, kept in a small signed cookie.

A reader who votes "Was this useful?" or asks a question needs the site to
remember it: the thank-you instead of the vote buttons, her questions awaiting
review (with their private delete links) under the article. That memory used
to be a database session, which cost every later page of hers a query for the
session row. It is now the cookie ``READER_STATE_COOKIE_NAME``:

- it holds numbers only: the articles she voted on, and the questions she
  asked with the article each is under. Never a question's text, a name or an
  email address; her questions' text stays in the database and reaches her
  page only as a fragment looked up by the numbers (``comments.embed``);
- it is signed with ``SECRET_KEY`` and its own salt (``django.core.signing``):
  a cookie the site did not write, or changed by hand, is ignored as a whole,
  and so is one older than ``READER_STATE_COOKIE_AGE`` (each change writes it
  again, with a new age);
- ``HttpOnly``, ``SameSite=Lax``, and ``Secure`` whenever the session cookie
  is (production).

Staff signing in to the admin still get a database session: this is only the
readers' part. ``ReaderStateMiddleware`` writes the cookie when a view changed
the state (``reader_state(request)``).
"""

from django.conf import settings
from django.core import signing
from django.utils.cache import add_never_cache_headers

SALT = "healthinfo.reader-state"
# At most this many of each are remembered, the oldest forgotten first (the cookie stays small).
VOTES_LIMIT = 100
QUESTIONS_LIMIT = 20


def _numbers(value):
    if not isinstance(value, list):
        return []
    return [number for number in value if type(number) is int and number > 0]


class ReaderState:
    """The votes and questions of one browser, read from its cookie (see the module docs)."""

    def __init__(self, votes=(), questions=()):
        self.votes = list(votes)
        # [(question number, article number), ...], oldest first
        self.questions = list(questions)
        self.modified = False

    @classmethod
    def from_cookie(cls, value):
        """The state in a cookie value; an empty state when it is missing, forged or too old."""
        if not value:
            return cls()
        try:
            data = signing.loads(value, salt=SALT, max_age=settings.READER_STATE_COOKIE_AGE)
        except (signing.BadSignature, ValueError, TypeError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        questions = data.get("q")
        pairs = []
        if isinstance(questions, list):
            for pair in questions:
                numbers = _numbers(pair)
                if isinstance(pair, list) and len(pair) == 2 and len(numbers) == 2:
                    pairs.append((numbers[0], numbers[1]))
        return cls(votes=_numbers(data.get("v")), questions=pairs)

    def cookie_value(self):
        data = {"v": self.votes, "q": [list(pair) for pair in self.questions]}
        return signing.dumps(data, salt=SALT, compress=True)

    def is_empty(self):
        return not self.votes and not self.questions

    def has_voted_on(self, article_id):
        return article_id in self.votes

    def add_vote(self, article_id):
        self.votes = [*(pk for pk in self.votes if pk != article_id), article_id][-VOTES_LIMIT:]
        self.modified = True

    def questions_on(self, article_id):
        """The numbers of the questions she asked on the article ``article_id``."""
        return [question for question, article in self.questions if article == article_id]

    def add_question(self, question_id, article_id):
        kept = [pair for pair in self.questions if pair[0] != question_id]
        self.questions = [*kept, (question_id, article_id)][-QUESTIONS_LIMIT:]
        self.modified = True

    def forget_questions(self, question_ids):
        """Stop listing ``question_ids`` (settled or deleted: nothing of them to show her)."""
        question_ids = set(question_ids)
        kept = [pair for pair in self.questions if pair[0] not in question_ids]
        if len(kept) != len(self.questions):
            self.questions = kept
            self.modified = True


def reader_state(request):
    """The ``ReaderState`` of ``request``'s browser (read once per request)."""
    state = getattr(request, "_reader_state", None)
    if state is None:
        state = ReaderState.from_cookie(request.COOKIES.get(settings.READER_STATE_COOKIE_NAME))
        request._reader_state = state
    return state


def has_reader_state(request):
    """True when the browser sent a reader-state cookie (valid or not: not read here)."""
    return settings.READER_STATE_COOKIE_NAME in request.COOKIES


class ReaderStateMiddleware:
    """Write the reader-state cookie when a view changed it; drop it once it is empty."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "_reader_state", None)
        if state is None or not state.modified:
            return response
        name = settings.READER_STATE_COOKIE_NAME
        if state.is_empty():
            response.delete_cookie(name, path="/", samesite="Lax")
        else:
            response.set_cookie(
                name,
                state.cookie_value(),
                max_age=settings.READER_STATE_COOKIE_AGE,
                path="/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        # An answer that sets her cookie is never one an HTTP cache in front may keep.
        add_never_cache_headers(response)
        return response
