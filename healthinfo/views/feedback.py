"""The "Was this information useful?" vote under each article (works without JavaScript)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from healthinfo.feedback_forms import FeedbackForm
from healthinfo.middleware import limit_request_body
from healthinfo.models import ArticleTranslation, Feedback

SESSION_KEY = "feedback_votes"
SESSION_LIMIT = 200
# A vote and a 300-character reason, percent-encoded, with the CSRF token: a few kilobytes.
FEEDBACK_POST_MAX_BYTES = 16 * 1024


def has_voted(session, article):
    """True when this browser session already voted on ``article``."""
    return has_voted_on(session, article.pk)


def has_voted_on(session, article_id):
    """True when this browser session already voted on the article numbered ``article_id``."""
    votes = session.get(SESSION_KEY, [])
    return isinstance(votes, list) and article_id in votes


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
    if has_voted(request.session, article):
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
    votes = request.session.get(SESSION_KEY, [])
    votes = [pk for pk in votes if isinstance(pk, int)] if isinstance(votes, list) else []
    request.session[SESSION_KEY] = [*votes, article.pk][-SESSION_LIMIT:]
    return redirect(back)
