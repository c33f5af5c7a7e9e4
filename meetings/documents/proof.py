"""How a printed copy leads back to its record: a short code of its own, and a QR code of the
public address where anyone checks it."""

from __future__ import annotations

import secrets

import segno
from django.conf import settings
from django.urls import reverse

# Crockford's base 32: no I, L, O or U, so that a code read aloud or retyped is not mistaken.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10


def public_code() -> str:
    """Return a new random code (50 bits), written in two groups: "7K3QX-M9D2P"."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def code_normalised(typed: str) -> str:
    """Return a code as stored, from what a visitor typed (case, spaces and lookalikes)."""
    raw = "".join(typed.upper().split()).replace("-", "")
    raw = raw.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == CODE_LENGTH else raw


def verify_url(code: str) -> str:
    """Return the public address that checks the document with this code."""
    return settings.SITE_URL + reverse("verify", args=[code])


def qr_data_uri(url: str) -> str:
    """Return the QR code of the address as an SVG data URI, for the document to print."""
    return segno.make(url, error="m").svg_data_uri(scale=1, border=0)
