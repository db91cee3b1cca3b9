"""The durable record of cache generations (see ``healthinfo.pagecache.generations``)."""

from django.db import models


class CacheGeneration(models.Model):
    """
    The current token of one cache generation: an article's own, or a site-wide one.

    A cached page records the tokens it was built from and is served only
    while they are still the ones here. The row is rewritten inside the
    transaction that changes what readers see, so the change and its
    invalidation commit together (or not at all), whatever the cache is doing.
    A key without a row has never been invalidated (token "").
    """

    key = models.CharField(max_length=100, primary_key=True)
    # Random, never a counter: a database restored from a backup can never make
    # a page cached in another timeline look current again.
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()
    # Set with the token, cleared once every HTTP cache has been told (see http_cache).
    purge_pending = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["changed_at"],
                name="pagecache_purge_pending_idx",
                condition=models.Q(purge_pending=True),
            )
        ]

    def __str__(self):
        return f"{self.key} = {self.token}"
