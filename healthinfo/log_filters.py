"""Logging filters named in ``settings.LOGGING`` (loaded while logging is set up)."""

import logging


class WithoutTraceback(logging.Filter):
    """
    Keep the record's message, drop its traceback.

    Django logs every request with a Host header that is not in
    ``ALLOWED_HOSTS`` (and every other ``SuspiciousOperation``: a body over
    its limit, a forged session) with the full traceback; scanners send
    thousands of them, and the one line ("Invalid HTTP_HOST header: …") says
    all there is to say.
    """

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
