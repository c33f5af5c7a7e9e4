"""The registry of document kinds: each kind declared once, found from its records, and the
year-end minutes extending the meetings' minutes whatever order the apps load in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from awards.documents.kinds import SUBMISSION, VOTE_COUNT
from awards.documents.minutes import YearEndMinutesBuilder
from awards.models import Ballot, Submission
from blocs.models import Handover, Pledge
from meetings.documents.builder import DocumentBuilder
from meetings.documents.kinds import HANDOVER, MINUTES, PLEDGE
from meetings.documents.minutes import MinutesBuilder
from meetings.documents.registry import (
    DocumentKind,
    DocumentSource,
    declared_kinds,
    kind_declare,
    kind_extend,
    kind_named,
    kind_of,
)
from meetings.models import Document, Meeting

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_kind_is_declared_once_in_list_order():
    assert declared_kinds() == [MINUTES, PLEDGE, HANDOVER, VOTE_COUNT, SUBMISSION]
    assert [kind.code for kind in declared_kinds()] == [
        "minutes",
        "pledge",
        "handover",
        "vote_count",
        "submission",
    ]


def test_a_kind_is_found_from_its_code_and_from_its_records():
    assert kind_named("vote_count") is VOTE_COUNT
    assert kind_named("no-such-kind") is None
    for model, kind in [
        (Meeting, MINUTES),
        (Pledge, PLEDGE),
        (Handover, HANDOVER),
        (Ballot, VOTE_COUNT),
        (Submission, SUBMISSION),
    ]:
        assert kind_of(model) is kind
        assert kind_of(model()) is kind


def test_each_builder_knows_its_kind_and_the_numbers_type():
    assert MinutesBuilder.kind is MINUTES
    assert (MINUTES.doc_type, PLEDGE.doc_type, SUBMISSION.doc_type) == (
        Document.Type.MINUTES,
        Document.Type.PLEDGE,
        Document.Type.SUBMISSION,
    )


def test_the_year_end_review_extends_the_minutes():
    assert MINUTES.builder is YearEndMinutesBuilder
    assert YearEndMinutesBuilder.kind is MINUTES
    assert isinstance(MINUTES.builder_for(Meeting()), YearEndMinutesBuilder)


class Other(DocumentBuilder):
    template_name = "unused"


def test_a_second_declaration_of_a_code_or_a_model_is_refused():
    for code, model in [("minutes", Document), ("other", Meeting)]:
        twin = DocumentKind(
            code=code,
            title="x",
            doc_type="BB",
            type_name="x",
            builder=Other,
            source=DocumentSource(model=model, date_field="date"),
            order=99,
        )
        with pytest.raises(ImproperlyConfigured):
            kind_declare(twin)
    assert kind_named("other") is None


def test_a_second_extension_or_one_that_does_not_extend_the_builder_is_refused():
    with pytest.raises(ImproperlyConfigured):
        kind_extend(MINUTES, type("AgainMinutes", (YearEndMinutesBuilder,), {}))
    with pytest.raises(ImproperlyConfigured):
        kind_extend(PLEDGE, Other)
    assert MINUTES.builder is YearEndMinutesBuilder


@pytest.mark.parametrize(
    "apps",
    [
        ["awards", "meetings", "blocs", "units", "core"],
        ["core", "units", "blocs", "meetings", "awards"],
    ],
    ids=["awards loaded first", "meetings loaded first"],
)
def test_the_extension_holds_whatever_order_the_apps_load_in(apps):
    script = f"""
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
from django.conf import settings
ours = {apps!r}
settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a not in ours] + ours
import django
django.setup()
from django.apps import apps
from meetings.documents.kinds import MINUTES
assert [c.name for c in apps.get_app_configs()][-len(ours):] == ours
print(MINUTES.builder.__name__)
"""
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "YearEndMinutesBuilder"
