"""System checks of the settings that ``manage.py check`` (and ``--deploy``) report."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Info, Tags, Warning, register
from django.http.request import validate_host

from healthinfo import site_address


@register(Tags.urls)
def check_site_url(app_configs=None, **kwargs):
    """``SITE_URL`` is an address links can start with: a scheme and a host, nothing after."""
    if not settings.SITE_URL:
        return []
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        return [
            Error(
                f"SITE_URL {settings.SITE_URL!r} is not an address such as "
                "https://health.example.org (a scheme and a host, with no path).",
                id="healthinfo.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_site_url_for_production(app_configs=None, **kwargs):
    """In production links leave the site in emails: say which address they use."""
    if settings.DEBUG:
        return []
    if not settings.SITE_URL:
        address = site_address.fallback()
        if not address:
            return [
                Warning(
                    "SITE_URL is not set and no entry of ALLOWED_HOSTS names a single host: "
                    "emails sent by scheduled jobs cannot link to the site.",
                    hint="Set SITE_URL to the public address, e.g. https://health.example.org.",
                    id="healthinfo.W001",
                )
            ]
        return [
            Info(
                f"SITE_URL is not set: links in pages follow the request's host, and emails "
                f"of scheduled jobs link to {address} (the first of ALLOWED_HOSTS).",
                hint="Set SITE_URL to the public address to make it explicit.",
                id="healthinfo.I001",
            )
        ]
    parts = urlsplit(settings.SITE_URL)
    messages = []
    if parts.scheme != "https":
        messages.append(
            Warning(
                f"SITE_URL {settings.SITE_URL!r} is not https: links in emails, feeds and "
                "citations would lead readers to an unencrypted address.",
                id="healthinfo.W002",
            )
        )
    if parts.hostname and not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        messages.append(
            Warning(
                f"The host of SITE_URL ({parts.hostname}) is not in ALLOWED_HOSTS: "
                "this server would refuse the links it writes.",
                id="healthinfo.W003",
            )
        )
    return messages
