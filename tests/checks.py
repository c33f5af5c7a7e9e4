"""Assertions shared by the tests: how a refusal reads, in Vietnamese and in English."""

from __future__ import annotations

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext

from units.models import Notification

# The refusal of a save made on a copy someone else changed meanwhile (core.services.stale).
STALE = (
    "Someone else saved this record after you opened it. Your changes were not "
    "saved: reload the page to see theirs, then enter yours again."
)


def refusal(obj, *, language: str = "vi") -> dict[str, list[str]]:
    """Return the messages of `full_clean()` for the object, by field, in that language."""
    with translation.override(language):
        with pytest.raises(ValidationError) as excinfo:
            obj.full_clean()
        return excinfo.value.message_dict


def vietnamese(msgid: str, params: dict | None = None) -> str:
    """Return the message as a Vietnamese user reads it."""
    with translation.override("vi"):
        text = gettext(msgid)
    return text % params if params else text


def assert_is_vietnamese_sentence(text: str, *, english: str) -> None:
    """Assert the text is a whole sentence and not left in English."""
    assert text[:1].isupper(), f"does not start a sentence: {text!r}"
    assert text.rstrip().endswith("."), f"does not end a sentence: {text!r}"
    assert text != english, f"not translated into Vietnamese: {english!r}"


def assert_refused(
    obj, msgid: str, *, field: str = NON_FIELD_ERRORS, params: dict | None = None
) -> None:
    """Assert `full_clean()` refuses the object with this message, in English and in Vietnamese."""
    english = msgid % params if params else msgid
    assert english in refusal(obj, language="en").get(field, [])
    expected = vietnamese(msgid, params)
    assert expected in refusal(obj).get(field, [])
    assert_is_vietnamese_sentence(expected, english=english)


def assert_refused_on(obj, field: str, code: str) -> None:
    """Assert `full_clean()` refuses the field with Django's own validator (already Vietnamese)."""
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    codes = [error.code for error in excinfo.value.error_dict.get(field, [])]
    assert code in codes, f"{field}: {codes}"


def assert_database_refuses(obj) -> None:
    """Assert the database itself refuses to store the object as it is."""
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def told(user) -> list[str]:
    """Return the subjects of the notifications the user got, newest first."""
    return list(Notification.objects.filter(user=user).values_list("subject", flat=True))
