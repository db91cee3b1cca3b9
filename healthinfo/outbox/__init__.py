"""
The outbox: every email the site sends, kept in PostgreSQL until it is delivered.

See ``delivery`` for how emails are queued and sent, ``tasks`` for the job
that sends them, and ``management/commands/run_worker.py`` for the worker.
"""
