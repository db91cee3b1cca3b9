"""
Database sessions that report a database outage as an outage.

Django's database session store turns any database error while updating a
session into ``UpdateError``, which the session middleware answers with a 400
"session interrupted" page. When the cause is that the database went away
(a restart, a failover), the reader should get the friendly 503 page that
says the problem is temporary, as every other request during the outage does.
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from healthinfo.middleware import DATABASE_OUTAGE_ERRORS


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        # Our keys are letters and digits; anything else (a NUL byte, which
        # PostgreSQL refuses in a query) is a forged cookie: no session.
        return super()._validate_session_key(key) and key.isascii() and key.isalnum()

    def save(self, must_create=False):
        try:
            super().save(must_create=must_create)
        except UpdateError as error:
            if isinstance(error.__context__, DATABASE_OUTAGE_ERRORS):
                raise error.__context__ from None
            raise
