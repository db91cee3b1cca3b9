# Two commands from a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
ARTICLES ?= 1000
BENCH_ARGS ?=

.PHONY: run test e2e screenshots bench lint check messages makemessages install install-dev clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 12) else "Python 3.12 is required (see .python-version), found " + sys.version)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed messages
install-dev: $(VENV)/.dev-installed messages

# The Spanish catalogues (django and djangojs) are compiled at install time with GNU gettext's msgfmt.
messages: | $(BIN)/python
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt)…"; \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq gettext >/dev/null; else sudo apt-get install -y -qq gettext >/dev/null; fi; }
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

# Both catalogues: django.po (Python and templates) and djangojs.po (JavaScript: the
# rich-text editor's dialogs, listed in healthinfo/editing/prose-editor-strings.js).
MAKEMESSAGES := $(BIN)/python manage.py makemessages --locale es --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete --no-location
makemessages: $(VENV)/.runtime-installed
	$(MAKEMESSAGES)
	$(MAKEMESSAGES) --domain djangojs --ignore=test-results

# The web server and, beside it, the worker that sends emails and the scheduler for
# "publish at" / "unpublish at" (in production: a service and cron, see the README).
# Without SITE_URL, links in emails of jobs no request started use this PORT.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@PORT=$(PORT) $(BIN)/python manage.py run_worker --worker-id=make-run & worker=$$!; \
		PORT=$(PORT) $(BIN)/python manage.py publish_scheduled --every 30 & scheduler=$$!; \
		trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

# The browser suite: Debian's Chromium driven by Playwright (never a downloaded
# browser), axe-core from the axe-playwright-python package, and the Nu HTML
# Checker (vnu-jar, from npm, run with Java). See README "End-to-end tests".
E2E_CHROMIUM ?= /usr/bin/chromium
e2e: install-dev node_modules/.e2e-installed
	@test -x $(E2E_CHROMIUM) || { echo "Chromium is missing: apt-get install -y chromium"; exit 1; }
	@command -v java >/dev/null || { echo "Java is missing (the HTML checker needs it): apt-get install -y default-jre-headless"; exit 1; }
	$(BIN)/python -m pytest -m e2e healthinfo/tests/e2e $(PYTEST_ARGS)

# The README's images (docs/screenshots/), taken again from the demo content.
screenshots: install-dev node_modules/.e2e-installed
	E2E_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -m e2e healthinfo/tests/e2e/test_screenshots.py $(PYTEST_ARGS)

# --ignore-scripts: vnu-jar's install script would download a Java runtime.
node_modules/.e2e-installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# Not part of the test suite: seeds PostgreSQL, serves with gunicorn, loads with wrk
# and writes bench/results/<date>.md. `make bench ARTICLES=10000`; see README.
bench: install
	$(BIN)/python -m bench --articles $(ARTICLES) $(BENCH_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=ci-only-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n') \
		DJANGO_ALLOWED_HOSTS=health.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
