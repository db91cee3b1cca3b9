"""
An image upload that survives a form error elsewhere on the page.

Browsers never fill a file input in again, so when the page comes back with
an error in another field (a missing alt text, a section without a heading),
the chosen image would be lost and the editor would have to find it again.
Instead, when a form is shown again with a valid upload in it, the widget
keeps a copy of the file under ``uploads-pending/<random>/`` in the media
storage and puts a signed reference to it in a hidden input beside the file
input ("photo.jpg is kept: choose another file to replace it"). Sent back,
the reference is checked (signature, age) and the kept file is used as if it
had been uploaded again: the same validators run on it.

- Only uploads that passed the field's validation are kept, and only when the
  form is shown again (a form that saves at once keeps nothing).
- The reference is signed with the secret key, names the user who uploaded
  the file (the field's ``owner``) and expires after ``KEPT_UPLOAD_MAX_AGE``;
  a forged or expired one, or one sent by another user, is a clear form
  error, never a file from elsewhere in the storage or someone else's upload.
- The random directory (128 bits) is not linked from anywhere; the front web
  server need not serve ``uploads-pending/`` at all.
- ``purge_kept_uploads`` (``manage.py purge_kept_uploads``, daily) deletes
  kept files older than the maximum age.
"""

import contextlib
import logging
import secrets
from datetime import timedelta
from pathlib import PurePosixPath

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PENDING_DIRECTORY = "uploads-pending"
KEPT_UPLOAD_MAX_AGE = timedelta(hours=24)
_SALT = "healthinfo.figures.kept-upload"


class KeptUpload(File):
    """A file kept from an earlier attempt, reopened from the storage."""

    def __init__(self, stored_name, original_name, token, storage):
        super().__init__(storage.open(stored_name, "rb"), name=original_name)
        self.stored_name = stored_name
        self.kept_token = token
        self._size = storage.size(stored_name)

    @property
    def size(self):
        return self._size


class _Refused:
    """The value of a kept-upload reference that is forged, expired or gone."""

    def __bool__(self):
        return False


REFUSED = _Refused()


def keep(upload, storage=None, owner=None):
    """
    Store a copy of ``upload`` and return the signed reference to it, valid
    only for ``owner`` (a user's primary key, or None).
    """
    storage = storage or default_storage
    original = PurePosixPath((upload.name or "image").replace("\\", "/")).name
    original = storage.get_valid_name(original)[:80] or "image"
    upload.seek(0)
    stored = storage.save(
        f"{PENDING_DIRECTORY}/{secrets.token_urlsafe(16)}/{original}", File(upload)
    )
    upload.seek(0)
    return signing.dumps(
        {"name": stored, "original": original, "owner": owner}, salt=_SALT, compress=True
    )


def reopen(token, storage=None, owner=None):
    """The ``KeptUpload`` a reference names, or ``REFUSED`` (also when ``owner`` differs)."""
    storage = storage or default_storage
    try:
        data = signing.loads(token, salt=_SALT, max_age=KEPT_UPLOAD_MAX_AGE.total_seconds())
        stored, original = data["name"], data["original"]
        kept_for = data.get("owner")
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return REFUSED
    if kept_for != owner:
        return REFUSED
    if not isinstance(stored, str) or not stored.startswith(f"{PENDING_DIRECTORY}/"):
        return REFUSED
    try:
        return KeptUpload(stored, original, token, storage)
    except OSError:
        return REFUSED


def purge_kept_uploads(now=None, storage=None):
    """Delete kept files older than ``KEPT_UPLOAD_MAX_AGE``; return how many went."""
    storage = storage or default_storage
    cutoff = (now or timezone.now()) - KEPT_UPLOAD_MAX_AGE
    try:
        directories, _files = storage.listdir(PENDING_DIRECTORY)
    except (FileNotFoundError, NotImplementedError):
        return 0
    removed = 0
    for directory in directories:
        folder = f"{PENDING_DIRECTORY}/{directory}"
        for name in storage.listdir(folder)[1]:
            path = f"{folder}/{name}"
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed += 1
        if not any(storage.listdir(folder)):
            with contextlib.suppress(OSError):
                storage.delete(folder)
    return removed


class KeptImageInput(forms.ClearableFileInput):
    """A file input that shows, and sends back, the image kept from the last attempt."""

    template_name = "healthinfo/widgets/kept_image_input.html"
    # The user the kept file belongs to (set by ``KeptImageField.owner``).
    owner = None

    def kept_field_name(self, name):
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload is None:
            token = data.get(self.kept_field_name(name))
            if token:
                return reopen(token, owner=self.owner)
        return upload

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        token = getattr(value, "kept_token", None)
        if token is None and getattr(value, "kept_valid", False):
            # The form is shown again with a valid upload: keep it for the next attempt.
            try:
                token = value.kept_token = keep(value, owner=self.owner)
            except OSError:
                logger.exception("Could not keep an uploaded image")
        if token:
            context["widget"]["kept"] = {
                "name": self.kept_field_name(name),
                "token": token,
                "filename": PurePosixPath(value.name).name,
            }
        return context

    def use_required_attribute(self, initial):
        # A kept image satisfies "required" without a new file.
        return False


class KeptImageField(forms.ImageField):
    """
    An ``ImageField`` whose valid upload is kept when the form comes back with
    errors. Set ``owner`` (the uploading user, in the form's ``__init__``) so
    that only that user can send the kept file back.
    """

    widget = KeptImageInput
    default_error_messages = {
        "kept_refused": _(
            "The image you chose before could not be kept (it was too long ago or it was "
            "changed). Choose the file again."
        ),
    }

    @property
    def owner(self):
        return self.widget.owner

    @owner.setter
    def owner(self, user):
        """The user whose upload this is (a ``User``, a primary key, or None)."""
        self.widget.owner = getattr(user, "pk", user)

    def bound_data(self, data, initial):
        # Django shows a file input empty again; a valid or kept upload is shown as kept.
        if getattr(data, "kept_valid", False) or getattr(data, "kept_token", None):
            return data
        return super().bound_data(data, initial)

    def clean(self, data, initial=None):
        if data is REFUSED:
            raise ValidationError(self.error_messages["kept_refused"], code="kept_refused")
        cleaned = super().clean(data, initial)
        if data and cleaned is data and hasattr(data, "read"):
            data.kept_valid = True
        return cleaned
