# Two commands: `make run` (set up, load the demo, serve on http://127.0.0.1:8000) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: help setup run serve test lint format migrate demo logins messages check-deploy system-packages clean bench

help:
	@echo "make run     set up everything, load the demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test    set up everything and run the whole test suite"
	@echo "make lint    ruff check and format check"
	@echo "make bench   the PDF rendering benchmark"

# The virtualenv, rebuilt when pyproject.toml changes or its Python is older than 3.12.
$(STAMP): pyproject.toml
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo "Replacing $(VENV): its Python is older than 3.12"; rm -rf $(VENV); fi
	@if [ ! -x $(PY) ]; then \
		python=$$(scripts/find-python.sh) || exit 1; \
		echo "Creating $(VENV) with $$python"; \
		"$$python" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

system-packages:
	@scripts/system-packages.sh runtime

migrate: $(STAMP) system-packages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo

logins: $(STAMP)
	@$(PY) manage.py load_demo --logins

setup: demo

# The server and, beside it, the task worker that sends the mails.
serve: $(STAMP)
	@PY=$(PY) scripts/serve.sh $(HOST):$(PORT)

run: setup logins
	@echo "Mở http://$(HOST):$(PORT)/ trong trình duyệt và đăng nhập bằng một tài khoản mẫu ở trên."
	@$(MAKE) --no-print-directory serve

test: $(STAMP) system-packages
	@scripts/system-packages.sh browser office
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refresh the Vietnamese catalogue after adding strings (needs GNU gettext), then fill it in.
messages: $(STAMP)
	$(PY) manage.py makemessages -l vi --no-location --no-obsolete --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles
	$(PY) manage.py compilemessages -l vi --ignore=.venv

check-deploy: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py check --deploy --fail-level WARNING

# The PDF benchmark (bench/README.md): the app's render path against WeasyPrint alone, and the
# memory of one worker over 300 renders. Uses no database.
bench: $(STAMP) system-packages
	DJANGO_SETTINGS_MODULE=config.settings.base $(PY) bench/render.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
