"""Readers' side of questions: asking, permalinks, and deleting with a private link."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comments import ratelimit, services
from comments.embed import forget_question, remember_question
from comments.emergency import emergency_box_for_text
from comments.forms import QUESTION_POST_MAX_BYTES, QuestionForm
from comments.models import Question, thread_closure
from comments.tokens import (
    question_number_from_delete_token,
    question_number_from_forget_email_token,
)
from healthinfo.middleware import limit_request_body
from healthinfo.models import ArticleTranslation

# Confirmation forms that send nothing but their CSRF token.
SMALL_POST_MAX_BYTES = 4 * 1024
REFUSAL_STATUS = {"rate_limited": 429, "closed": 403, "unavailable": 404}


def client_ip(request):
    """The reader's IP address, trusting X-Forwarded-For only from our own proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def browser_identity(request):
    """
    A private, stable name for the reader's browser, for the rate limit.

    Every accepted post carries the browser's CSRF secret (in its cookie), so a
    keyed hash of it names the browser from its first post without saving a
    session: a flood of refused posts from a bot leaves no rows behind.
    """
    get_token(request)  # a browser without the cookie gets one with this answer
    secret = request.META["CSRF_COOKIE"]
    return salted_hmac("comments.browser-identity", secret, algorithm="sha256").hexdigest()


def attempt_allowed(request):
    """Count a post of the question form against the reader before it is validated."""
    ip_hash = services.hash_ip(client_ip(request))
    return ratelimit.take_attempt(
        [f"ip:{ip_hash}" if ip_hash else "", f"browser:{browser_identity(request)}"]
    )


@require_http_methods(["GET", "POST"])
@limit_request_body(QUESTION_POST_MAX_BYTES)
def ask(request, slug):
    """
    The question form of an article on a page of its own.

    Posts from the form under the article arrive here. Success goes back to the
    article, where the reader sees their question awaiting review (and the
    emergency box if it is urgent); a mistake shows this page again with the
    reader's text kept and a kind message.
    """
    page = get_object_or_404(
        ArticleTranslation.objects.published().in_language().select_related("article"),
        article__slug=slug,
    )
    article = page.article
    form = QuestionForm(
        data=request.POST if request.method == "POST" else None,
        action=reverse("comments:ask", kwargs={"slug": slug}) + "#ask-form",
    )
    closure = thread_closure(article, Question.objects.last_asked_at(article))
    # Whatever happens to the post (refused, too short, too fast, closed), a reader
    # whose words show a red flag sees what to do now.
    emergency = None
    if request.method == "POST":
        emergency = emergency_box_for_text(request.POST.get("body", ""), page.language)
    status = 200
    if closure and request.method == "POST":
        status = 403
    elif request.method == "POST" and not attempt_allowed(request):
        # Counted before validating: a flood of bad posts costs no validation.
        form.refuse(services.rate_limit_refusal())
        status = 429
    elif request.method == "POST" and form.is_valid():
        try:
            question = services.submit_question(
                article=article,
                language=page.language,
                body=form.cleaned_data["body"],
                display_name=form.cleaned_data["display_name"],
                email=form.cleaned_data["email"],
                ip_address=client_ip(request),
                browser=browser_identity(request),
            )
        except services.QuestionRefused as refusal:
            form.add_error(None, refusal)
            status = REFUSAL_STATUS.get(refusal.code, 200)
        else:
            remember_question(request, question)
            anchor = "emergency" if question.is_urgent else "your-questions"
            return redirect(f"{article.get_absolute_url()}#{anchor}")
    form.renew_token()
    return render(
        request,
        "comments/ask.html",
        {
            "translation": page,
            "article": article,
            "form": form,
            "closure": closure,
            "emergency": emergency,
        },
        status=status,
    )


@require_GET
def question_permalink(request, pk):
    """Send a question's permanent address to the page of the thread where it is now."""
    question = get_object_or_404(Question.objects.approved().select_related("article"), pk=pk)
    if not question.article.is_visible():
        raise Http404
    newer = (
        Question.objects.thread(question.article, question.language)
        .filter(
            Q(created_at__gt=question.created_at)
            | Q(created_at=question.created_at, pk__gt=question.pk)
        )
        .count()
    )
    page_number = newer // settings.QUESTIONS_PER_PAGE + 1
    with translation.override(question.language):
        url = question.article.get_absolute_url()
    query = f"?page={page_number}" if page_number > 1 else ""
    return redirect(f"{url}{query}#{question.anchor}")


def _question_from_token(number):
    if number is None:
        return None
    return Question.objects.select_related("article").filter(pk=number).first()


def _article_url(question):
    if question.article.is_visible():
        with translation.override(question.language):
            return question.article.get_absolute_url()
    return reverse("healthinfo:home")


@require_http_methods(["GET", "POST"])
@limit_request_body(SMALL_POST_MAX_BYTES)
def delete_question(request, token):
    """Let the asker delete their question with the private link (confirmation first)."""
    number = question_number_from_delete_token(token)
    question = _question_from_token(number)
    if question is None:
        return render(request, "comments/link_gone.html", {"invalid": number is None}, status=404)
    if request.method == "POST":
        services.delete_question(question)
        forget_question(request, number)
        messages.success(request, _("Your question has been deleted."))
        return redirect(_article_url(question))
    return render(request, "comments/delete_question.html", {"question": question})


@require_http_methods(["GET", "POST"])
@limit_request_body(SMALL_POST_MAX_BYTES)
def forget_email(request, token):
    """Let the asker delete their email address with the link in the answer email."""
    number = question_number_from_forget_email_token(token)
    question = _question_from_token(number)
    if question is None:
        return render(request, "comments/link_gone.html", {"invalid": number is None}, status=404)
    if request.method == "POST":
        services.forget_email(question)
        messages.success(request, _("Your email address has been deleted."))
        return redirect(_article_url(question))
    return render(request, "comments/forget_email.html", {"question": question})
