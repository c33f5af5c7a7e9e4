"""No lost update: every form that edits a row the app already holds carries the version the
user loaded, so that a save made on a stale copy is refused. A new form has to be classed here:
one without a version fails until it is shown not to edit an existing row."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django import forms

APPS = ["core", "units", "blocs", "meetings", "awards"]
# The fields that carry what the user loaded: a row's version, a member list's, or a
# fingerprint of what a sheet showed.
VERSION_FIELDS = {"version", "members_version", "fingerprint"}
# Forms that edit no row the app already holds, and why.
NOT_EDITS = {
    "core.forms.SpreadsheetUploadForm": "an upload, previewed before anything is written",
    "core.forms.ImportConfirmForm": "a signed preview, whose writes check the list's version",
    "core.forms.CheckedFormSet": "the base of the lists of rows, which their forms version",
    "units.forms.accounts.LoginForm": "logs in",
    "meetings.forms.documents.OriginalForm": "adds a signed original; none is ever edited",
    "meetings.forms.documents.AttachmentForm": "attaches a file; none is ever edited",
    "meetings.forms.documents.CodeForm": "finds a document by its code",
    "meetings.forms.documents.CopyForm": "a file to compare, kept nowhere",
    "units.forms.accounts.PasswordByMailForm": "asks for a mail to reset a password",
    "units.forms.accounts.ProvinceForm": "creates a province",
    "units.forms.accounts.FirstAccountForm": "creates the first account of a new province",
    "units.forms.units.UnitCreateForm": "creates a unit",
    "blocs.forms.handover.HandoverItemForm": "a row of the handover form, saved with its version",
    "blocs.forms.handover.ReasonForm": "the reason of a close or reopen, refused once done",
    "blocs.forms.pledge.PledgeItemForm": "a row of the pledge's list, saved with its version",
    "blocs.forms.pledge.ItemsFormSet": "the pledge's list, sent with the pledge's version",
    "blocs.forms.years.YearForm": "chooses the year a dashboard shows",
    "blocs.forms.calendar.BaseCalendarFormSet": "the calendar's rows, each with its version",
    "blocs.forms.calendar.DayOffForm": "adds a day off; one added by mistake is removed",
    "meetings.forms.meetings.PartForm": "a row of the meeting form, saved with its version",
    "meetings.forms.meetings.ChairForm": "a row of the meeting form, saved with its version",
    "meetings.forms.meetings.GuestForm": "a row of the meeting form, saved with its version",
    "meetings.forms.meetings.AgendaItemForm": "a row of the meeting form, saved with its version",
    "meetings.forms.meetings.OpinionForm": "a row of the meeting form, saved with its version",
    "meetings.forms.meetings.PartFormSet": "the rows of the meeting form, saved with its version",
    "meetings.forms.meetings.AttendanceForm": "a row of the attendance, sent with a VersionForm",
    "meetings.forms.meetings.BaseAttendanceFormSet": "the attendance, sent with a VersionForm",
    "awards.forms.nominations.NominationForm": "creates a nomination",
    "awards.forms.nominations.DecisionForm": "records a new decision on submitted nominations",
    "awards.forms.submissions.SendForm": "the day a dossier goes out; a sent one is refused",
    "awards.forms.counters.CommitteeFormSet": "the committee's rows, each with its version",
    "awards.forms.registrations.RegistrationForm": "creates a registration",
    "awards.forms.scores.CriterionForm": "creates a criterion",
    "awards.forms.reports.ReportFileForm": "keeps a signed report; none is ever edited",
}


def form_classes() -> dict[str, type]:
    """Return every form and formset class the apps define, by dotted name."""
    found = {}
    for app in APPS:
        package = importlib.import_module(f"{app}.forms")
        modules = [package]
        if hasattr(package, "__path__"):
            modules = [
                importlib.import_module(f"{app}.forms.{info.name}")
                for info in pkgutil.iter_modules(package.__path__)
            ]
        for module in modules:
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and issubclass(
                    cls, forms.BaseForm | forms.BaseFormSet
                ):
                    found[f"{module.__name__}.{name}"] = cls
    return found


def carries_a_version(cls: type) -> bool:
    return bool(VERSION_FIELDS & set(getattr(cls, "base_fields", {})))


def test_every_form_that_edits_a_row_carries_what_the_user_loaded():
    missing = sorted(
        name
        for name, cls in form_classes().items()
        if name not in NOT_EDITS and not carries_a_version(cls)
    )

    assert missing == []


def test_the_list_of_forms_that_edit_nothing_names_only_forms_that_exist():
    assert set(NOT_EDITS) <= set(form_classes())


def test_the_forms_found_late_in_the_probe_carry_a_version():
    classes = form_classes()

    for name in (
        "awards.forms.counters.CounterForm",
        "blocs.forms.pledge.PledgeSignatureForm",
        "blocs.forms.handover.HandoverForm",
    ):
        assert carries_a_version(classes[name]), name
