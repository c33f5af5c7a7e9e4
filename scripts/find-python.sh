#!/usr/bin/env bash
# Print the path of a Python interpreter >= 3.12 (Django 6.1 needs it), or explain what to install.
set -u

ok() { "$1" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for name in python3.14 python3.13 python3.12 python3; do
  path=$(command -v "$name" 2>/dev/null) && candidates+=("$path")
done
# pyenv keeps interpreters that its shims do not expose unless selected: look at them directly.
root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for dir in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
  for exe in "$dir"/bin/python3.1[2-9] "$dir"/bin/python3; do
    [ -x "$exe" ] && candidates+=("$exe")
  done
done
for dir in /usr/local/bin /usr/bin; do
  for exe in "$dir"/python3.1[2-9]; do [ -x "$exe" ] && candidates+=("$exe"); done
done

for exe in "${candidates[@]}"; do
  # A pyenv shim for a version that is not selected answers "command not found": skip it.
  if ok "$exe"; then
    echo "$exe"
    exit 0
  fi
done

cat >&2 <<'MSG'
No Python 3.12 or newer was found (Django 6.1 needs it).
Install one, then run make again:
  - Debian/Ubuntu: sudo apt-get install python3.12 python3.12-venv   (or a newer python3)
  - with pyenv:    pyenv install 3.12
  - or point to one: make PYTHON=/path/to/python3.12 ...
MSG
exit 1
