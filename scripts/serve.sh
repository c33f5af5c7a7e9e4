#!/usr/bin/env bash
# Serve the app on $1 (host:port) with its task worker beside it (the worker sends the mails);
# Ctrl+C stops both.
set -u
PY=${PY:-.venv/bin/python}
"$PY" manage.py db_worker --no-startup-delay &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT
trap 'exit 130' INT TERM
"$PY" manage.py runserver "$1"
