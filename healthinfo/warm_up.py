"""
An app server process made ready before its first request (``healthinfo.wsgi``).

Two costs would otherwise land on readers:

- **First use.** Django and this project load much lazily: the URL
  configuration imports every view, the cached template loader compiles a
  template the first time it renders, translation catalogues, Snowball
  stemmers and the triage rules and model load on first use. The first
  reader of each page in each worker paid for it (up to ~200 ms).
- **Full garbage collections.** Python's cyclic garbage collector examines
  every container object the process holds (about 120,000 once those are
  loaded: functions, classes, templates, rules) on each full collection, which
  ran every few hundred requests and took 45–60 ms on this machine: the slowest
  search of ``make bench`` (issue 18: "max ≤ 60 ms") was such a pause, not a
  slow query. Once everything long-lived is loaded, ``gc.freeze()`` moves it
  out of the collector's view for good (it is never garbage), and collections
  then examine only what requests create: ~5,000 objects, under a millisecond.

Nothing here touches the database or the cache: a worker must start while
PostgreSQL is down, and answer its friendly 503 until it is back.
"""

import gc
import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

# This project's own apps, whose templates readers and staff are served.
PROJECT_APPS = ("healthinfo", "comments")
# Text that exercises every step of question screening (no red flag in it).
SCREENING_SAMPLES = {
    "en": "At 20 weeks, is a little back pain normal? My midwife said to call if it changes.",
    "es": "Tengo 20 semanas, ¿es normal un poco de dolor de espalda? Mi matrona dijo que llamara.",
}


def prepare_process():
    """Load what every request may need, then keep it out of the garbage collector's work."""
    load_everything_lazy()
    freeze_long_lived_objects()


def load_everything_lazy():
    # Each step is independent: one that fails leaves its cost to the first
    # request that needs it (where a real fault is reported as usual).
    for step in (_urls, _templates, _translations, _search_analysis, _screening):
        try:
            step()
        except Exception:
            logger.warning(
                "Warm-up step %s failed; left to first use.", step.__name__, exc_info=True
            )


def freeze_long_lived_objects():
    # Collect first so that no garbage is frozen with the rest.
    gc.collect()
    gc.freeze()


def _urls():
    # Resolving the URL patterns imports every view module (and the admin's).
    get_resolver().url_patterns  # noqa: B018


def _template_names():
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(apps.get_app_config(label).path) / "templates" for label in PROJECT_APPS]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".txt", ".xml"}:
                yield path.relative_to(folder).as_posix()


def _templates():
    engine = engines["django"]
    for name in _template_names():
        try:
            engine.get_template(name)  # compiled and kept by the cached loader
        except (TemplateDoesNotExist, TemplateSyntaxError):
            logger.warning("Template %s could not be compiled at start.", name, exc_info=True)


def _translations():
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Search")


def _search_analysis():
    from healthinfo.search.analysis import all_stop_words, stems

    all_stop_words()
    for language, _name in settings.LANGUAGES:
        stems("pregnancy bleeding embarazo sangrado", language)


def _screening():
    from comments.personal_data import find_personal_data
    from comments.triage import triage

    for language, text in SCREENING_SAMPLES.items():
        with translation.override(language):
            triage(text)
            find_personal_data(text)
