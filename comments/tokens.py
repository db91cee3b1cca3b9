"""
Signed tokens for readers, who have no account.

- The *form token* carries the moment the question form was shown, so a post
  that comes back faster than a person can type is refused.
- The *delete token* and the *forget-email token* carry a question's number;
  whoever holds one can delete that question, or its email address. Only the
  asker ever receives them (on the confirmation and in the answer email).

Each kind has its own salt, so one kind can never be used as another.
"""

import time

from django.core import signing

FORM_SALT = "comments.question-form"
DELETE_SALT = "comments.delete-question"
FORGET_EMAIL_SALT = "comments.forget-email"


def form_token(now=None):
    """A token recording that the question form was shown ``now`` (seconds since the epoch)."""
    return signing.dumps(now if now is not None else time.time(), salt=FORM_SALT, compress=True)


def form_age(token, now=None):
    """Seconds since ``token`` was issued; None when it is missing, forged or malformed."""
    try:
        issued = signing.loads(token or "", salt=FORM_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(issued, (int, float)) or isinstance(issued, bool):
        return None
    return (now if now is not None else time.time()) - issued


def delete_token(question):
    """The private token with which the asker can delete ``question``."""
    return signing.dumps(question.pk, salt=DELETE_SALT)


def forget_email_token(question):
    """The token with which the asker can delete the email address on ``question``."""
    return signing.dumps(question.pk, salt=FORGET_EMAIL_SALT)


def _question_number(token, salt):
    try:
        number = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def question_number_from_delete_token(token):
    """The question number in a delete token, or None when the token is not genuine."""
    return _question_number(token, DELETE_SALT)


def question_number_from_forget_email_token(token):
    """The question number in a forget-email token, or None when the token is not genuine."""
    return _question_number(token, FORGET_EMAIL_SALT)
