"""Settings for the test suite: fast hashing, isolated files, the same database choice."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="khoithidua-media-"))
# WhiteNoise warns about a missing STATIC_ROOT; the tests serve static files from the apps.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="khoithidua-static-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# In memory, emptied before each test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The suite loads the demo although DEBUG is off, with a password of its own.
DEMO_ALLOWED = True
DEMO_PASSWORD = "khoithidua-kiem-thu"
# The browser tests' live server shares the in-memory SQLite connection between its threads,
# where BEGIN IMMEDIATE from one request collides with another's; the suite's own requests run
# one at a time.
_default = DATABASES["default"]  # noqa: F405
DATABASES = {
    "default": {
        **_default,
        "OPTIONS": {
            k: v for k, v in _default.get("OPTIONS", {}).items() if k != "transaction_mode"
        },
    }
}
