# Throughcare: `make run` serves the demo on SQLite; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared

.PHONY: run test setup lint typecheck pytest browser migrate seed frontend report-example bench clean

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

setup: $(VENV)/.installed var/frontend/.built
	@mkdir -p var

migrate: setup
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	@$(PY) manage.py demo_accounts
	$(PY) manage.py runserver $(HOST):$(PORT)

## Tests: lint, types, then the whole suite (browser tests included, never skipped).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium package for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Debian's Chromium at $(CHROMIUM): run 'sudo apt-get install chromium'."; \
	  fi; \
	fi

lint: setup
	$(VENV)/bin/ruff check .

typecheck: setup
	$(VENV)/bin/mypy throughcare bench tests

pytest: setup browser
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest

clean:
	rm -rf var node_modules $(VENV)
