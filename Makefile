# Throughcare: `make run` serves the demo on SQLite; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
## The suite runs on every core (pytest-xdist; each worker has its own test database and
## browser). PYTEST_ARGS="-n 0" runs it in one process.
PYTEST_ARGS ?= -n auto
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared

.PHONY: run serve test test-future setup lint typecheck pytest browser system-libs migrate seed frontend report-example bench clean

## Set-up: the locked Python dependencies, the npm packages and the built static files.
$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

var/frontend/.built: node_modules/.installed scripts/build_frontend.sh
	bash scripts/build_frontend.sh
	@touch $@

setup: $(VENV)/.installed var/frontend/.built system-libs
	@mkdir -p var

## PostgreSQL with least privilege (docs/operations.md, "Database roles"): DATABASE_URL connects
## as the application's role and DATABASE_MIGRATE_URL as the role that owns the tables. With
## both set, `make migrate` (and so `make run`) first creates the two roles and the database if
## they are missing (scripts/database_roles.py, as POSTGRES_ADMIN_URL or the PG* superuser),
## migrates as the owner, which grants the application's role its rights, and everything after
## (the demo data, the server) runs as the application's role. Without DATABASE_MIGRATE_URL,
## everything runs as DATABASE_URL, as on SQLite.
migrate: setup
ifneq ($(strip $(DATABASE_MIGRATE_URL)),)
	$(PY) scripts/database_roles.py
	@# The application's role is read from DATABASE_URL before it is replaced by the owner's.
	THROUGHCARE_DATABASE_APP_ROLE="$$($(PY) scripts/database_roles.py --app-role)" \
	DATABASE_URL="$(DATABASE_MIGRATE_URL)" \
	  $(PY) manage.py migrate --noinput
else
	$(PY) manage.py migrate --noinput
endif

seed: migrate
	$(PY) manage.py seed_demo

## The background worker (django-tasks-db's: imports and emails) runs beside the server and
## stops when the server stops: on Ctrl-C or any exit of runserver, the trap sends it SIGTERM and
## waits for it (it ends after the task in hand; a second signal cuts it off). resume_imports
## first queues again any import a stopped worker left unfinished (docs/import.md, "The worker").
run: seed
	@$(PY) manage.py demo_accounts --address http://$(HOST):$(PORT)
	$(PY) manage.py resume_imports
	$(PY) manage.py db_worker --queue-name default,email --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## Production (docs/operations.md, "The production server"): the production settings, which
## need DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and THROUGHCARE_AUDIT_KEYS in the environment;
## migrates, collects the static files for WhiteNoise, then gunicorn with gunicorn.conf.py.
serve: export DJANGO_SETTINGS_MODULE = throughcare.settings.production
serve: migrate
	$(PY) manage.py collectstatic --noinput --verbosity 0
	exec $(PY) -m gunicorn -c gunicorn.conf.py

## System packages: Pango for WeasyPrint's PDFs; poppler-utils (pdftotext) to check PDFs in the
## tests; and, for the browser tests, Debian's Chromium.
SYSTEM_LIBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation poppler-utils
define apt_install
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian packages: $(1)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
	  echo "Throughcare needs the Debian packages $(1): run 'sudo apt-get install $(1)'."; \
	fi
endef

system-libs:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && command -v pdftotext >/dev/null; } || { $(call apt_install,$(SYSTEM_LIBS)); }

## Tests: lint, types, then the whole suite (browser tests included, never skipped).
browser:
	@test -x "$(CHROMIUM)" || { $(call apt_install,chromium); }

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint throughcare --lint
	$(VENV)/bin/lint-imports

typecheck: setup
	$(VENV)/bin/mypy throughcare bench tests

pytest: setup browser
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint typecheck check-deploy pytest

## The whole suite with the machine's clock 400 days ahead (libfaketime, Debian's faketime):
## the tests set Throughcare's clock themselves, so the day they run must change nothing.
FAKETIME_OFFSET ?= +400d
test-future: setup browser
	@command -v faketime >/dev/null || { $(call apt_install,faketime); }
	faketime -f '$(FAKETIME_OFFSET)' $(PY) -m pytest $(PYTEST_ARGS)

bench: migrate
	$(PY) bench/pages.py
	$(PY) bench/ogrs3.py

clean:
	rm -rf var node_modules $(VENV)

## Issue 4: the validation and fairness report on the Broward COMPAS data, ProPublica's cohort.
report-example: setup
	@mkdir -p var/reports
	$(PY) -m throughcare.insight.validation \
	  --input $(SHARED)/data/compas-broward/compas-two-years.csv --cohort propublica \
	  --score decile_score --outcome two_year_recid --group race sex --threshold 5 \
	  --title "COMPAS scores and new charges in Broward County, Florida" \
	  --score-label "the COMPAS decile score (1-10)" \
	  --outcome-label "charged with a new offence within two years" \
	  --note "The data behind ProPublica's 2016 analysis Machine Bias: people screened with COMPAS in Broward County, Florida, in 2013 and 2014, and whether each was charged with a new offence within two years. It is US data about arrests and charges, not UK reconvictions: it is here to test this report, never to set UK risk levels." \
	  --note "Published figures to compare with: AUC about 0.71 overall; at a score of 5 or more, about 42% of African-American and 22% of Caucasian defendants who were not charged again were flagged (false-positive rate), and about 28% and 50% of those who were charged again were missed (false-negative rate) (ProPublica 2016)." \
	  --json var/reports/broward.json --html var/reports/broward.html

## Issue 3: Django's deployment checks (and Throughcare's own, access.E001, audit.E001) against
## the production settings, with a throwaway secret key, audit key and host; any warning fails.
.PHONY: check-deploy
check-deploy: setup
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	THROUGHCARE_AUDIT_KEYS="deploy-check:$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(32))')" \
	DJANGO_ALLOWED_HOSTS=throughcare.example \
	  $(PY) manage.py check --deploy --fail-level WARNING --settings=throughcare.settings.production
