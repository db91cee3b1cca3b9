"""
The page-cache platform: what keeps every cached copy of a reader page honest.

- ``generations``: the cache generations, kept in PostgreSQL and changed inside
  the transaction that changes what readers see, so that no cache outage or
  restored cache can bring back a page that a committed change replaced.
- ``http_cache``: the headers that let a standard HTTP cache (Varnish, a CDN)
  store anonymous pages, and the pluggable purgers that tell it what changed.
"""
