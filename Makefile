# Overgang: `make run` sets everything up and starts web, worker and beat; `make test` runs the suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
PIP     := $(VENV)/bin/pip
# Django 6 needs Python 3.12 or newer.
PYTHON  ?= $(shell bash scripts/find_python.sh)
HOST    ?= 127.0.0.1
PORT    ?= 8000
PYTEST_ARGS ?=

.PHONY: help install lock run test lint format bench messages static migrate seed clean

help:
	@echo "make run    - install, migrate, load demo data and start web + worker + beat"
	@echo "make test   - install and run the whole test suite"
	@echo "make lint   - ruff, formatting, migrations check, mypy"
	@echo "make bench  - benchmarks on a large generated data set (see bench/README.md)"

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.12+ is required (Django 6)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# The versions in constraints.txt, resolved afresh from pyproject.toml in a throw-away venv.
lock:
	@test -n "$(PYTHON)" || { echo "Python 3.12+ is required (Django 6)."; exit 1; }
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade pip
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	{ sed -n '1,2p' constraints.txt; .venv-lock/bin/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .venv-lock

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.built: node_modules/.installed scripts/build_static.sh
	bash scripts/build_static.sh
	touch $@

install: $(VENV)/.installed static/vendor/.built messages

static: static/vendor/.built

messages: $(VENV)/.installed
	$(PY) scripts/compile_messages.py

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(PY) manage.py seed_demo

run: seed
	@echo
	@echo "Overgang kører på http://$(HOST):$(PORT)/  (Ctrl-C stopper web, worker og beat)"
	@echo "Demo-logins (adgangskode for alle: $$(sed -n 's/^DEMO_PASSWORD = \"\(.*\)\"/\1/p' accounts/demo.py)):"
	@$(PY) manage.py seed_demo --list-logins
	@echo
	DEBUG=1 HOST=$(HOST) PORT=$(PORT) RUN_PORT=$(PORT) $(VENV)/bin/honcho --no-colour -f Procfile.dev start

# Local runs keep the test databases between runs (pytest-django --reuse-db: on PostgreSQL one
# per xdist worker, migrated forward on each run; a no-op for SQLite's in-memory test database).
# CI (CI set, as .ci/run does) makes fresh ones. After editing an applied migration, or to start
# clean: make test PYTEST_ARGS=--create-db
REUSE_DB := $(if $(CI),,--reuse-db)

test: install
	$(PY) -m pytest -n 2 $(REUSE_DB) $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(PY) scripts/check_structure.py
	$(VENV)/bin/mypy .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) bench/pages.py
	$(PY) bench/reminder_sweep.py
	$(PY) bench/manager_report.py

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles var db.sqlite3
