"""The "Was this information useful?" vote under each article (works without JavaScript)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from healthinfo.feedback_forms import FeedbackForm
from healthinfo.middleware import limit_request_body
from healthinfo.models import ArticleTranslation, Feedback
from healthinfo.reader_state import reader_state

# A vote and a 300-character reason, percent-encoded, with the CSRF token: a few kilobytes.
FEEDBACK_POST_MAX_BYTES = 16 * 1024


def has_voted(request, article):
    """True when this browser already voted on ``article`` (its reader state says so)."""
    return has_voted_on(request, article.pk)


def has_voted_on(request, article_id):
    """True when this browser already voted on the article numbered ``article_id``."""
    return reader_state(request).has_voted_on(article_id)


@require_http_methods(["GET", "POST"])
@limit_request_body(FEEDBACK_POST_MAX_BYTES)
def give_feedback(request, slug):
    """
    Record a vote (POST). A GET shows the form on a page of its own: the link
    readers without JavaScript follow from a page shared by every reader.
    """
    translation = get_object_or_404(
        ArticleTranslation.objects.published().in_language().select_related("article"),
        article__slug=slug,
    )
    article = translation.article
    back = f"{translation.get_absolute_url()}#feedback"
    if has_voted(request, article):
        return redirect(back)
    if request.method == "GET":
        context = {"form": FeedbackForm(), "translation": translation}
        return render(request, "healthinfo/feedback.html", context)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "healthinfo/feedback.html",
            {"form": form, "translation": translation},
            status=400,
        )
    Feedback.objects.create(
        article=article,
        language=translation.language,
        useful=form.cleaned_data["useful"],
        reason=form.cleaned_data["reason"],
    )
    # Remembered in her signed cookie, not a database session (healthinfo.reader_state).
    reader_state(request).add_vote(article.pk)
    return redirect(back)
