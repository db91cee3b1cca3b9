"""
Django's PostgreSQL backend, with a deadline on every wait for the server while answering requests.

Use it as ``ENGINE = "healthinfo.postgresql"`` (the settings do when
``DATABASE_URL`` is PostgreSQL); see ``base``.
"""
