"""The dates of official records lie in the period of their bloc-year, the other dated facts in
a sane range, and a number is never given for a year outside the record's period (found: a
tờ trình dated 31/12/9999 was accepted and issued, using number 01 of a year-9999 sequence)."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from awards.documents.submission import SubmissionBuilder
from awards.models import Decision, LegalBasis, Nomination, Registration, Submission
from awards.services.nominations import decision_record
from awards.services.regulations import legal_basis_save
from awards.services.submissions import submission_create
from blocs.models import LeadershipDecision, Membership, Plan, Pledge, PledgeSignature
from blocs.services.handover import handover_record
from blocs.services.leadership import leadership_assign_by_decision, leadership_set
from blocs.services.plan import plan_save
from blocs.services.pledge import pledge_save, pledge_sign
from core.dates import sane_date, year_window
from core.errors import DomainError
from core.models import YearDatedModel
from meetings.models import Document, DocumentSequence, Meeting
from meetings.services.documents import document_issue
from meetings.services.meetings import meeting_create
from tests.awards import review_world as review
from tests.checks import vietnamese
from units.models import Unit
from units.services.units import unit_rename

pytestmark = pytest.mark.django_db

submission = review.submission
nominated = review.nominated
meeting = review.meeting
ballot = review.ballot
committee = review.committee

FAR = datetime.date(9999, 12, 31)
BEFORE = datetime.date(2024, 9, 30)  # the day before the period of 2025 opens
WINDOW_2025 = "between 01/10/2024 and 31/12/2026, the period of the year 2025."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(call, **kwargs) -> str:
    with pytest.raises(DomainError) as refusal:
        call(**kwargs)
    return refusal.value.message


class TestThePeriodOfAYear:
    def test_it_runs_from_the_autumn_before_to_the_end_of_the_year_after(self):
        assert year_window(2025) == (datetime.date(2024, 10, 1), datetime.date(2026, 12, 31))

    def test_the_message_is_vietnamese(self, bloc_year_1):
        with translation.override("vi"):
            message = refused(
                submission_create,
                bloc_year=bloc_year_1,
                date=FAR,
                signer_name="Lê Vinh Quy",
                signer_title="Giám đốc",
            )

        assert message == vietnamese(
            "%(label)s must lie between %(first)s and %(last)s, the period of the year %(year)s.",
            {
                "label": "Ngày tờ trình",
                "first": "01/10/2024",
                "last": "31/12/2026",
                "year": 2025,
            },
        )


class TestEveryDatedRecordIsChecked:
    # A registration has a narrower rule of its own (the year or the year before); a document's
    # date is checked when it is issued, before its number is taken.
    OWN_RULE = {(Registration, "registered_on"), (Document, "date")}

    def test_each_date_of_a_record_lies_in_its_year_or_in_a_sane_range(self):
        unchecked = []
        for model in apps.get_models():
            if model.__module__.split(".")[0] not in {"units", "blocs", "meetings", "awards"}:
                continue
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.concrete_fields:
                if type(field) is not models.DateField or (model, field.name) in self.OWN_RULE:
                    continue
                year_dated = issubclass(model, YearDatedModel) and field.name in model.year_dates
                if not year_dated and sane_date not in field.validators:
                    unchecked.append(f"{model.__name__}.{field.name}")

        assert unchecked == []

    def test_the_records_of_a_year_are_those_expected(self):
        dated = {m for m in apps.get_models() if issubclass(m, YearDatedModel)}

        assert dated == {Pledge, PledgeSignature, Plan, Membership, Meeting, Submission} | {
            apps.get_model("blocs", "Handover"),
            apps.get_model("blocs", "CalendarDate"),
            apps.get_model("blocs", "BlocYearDate"),
            Nomination,
            apps.get_model("awards", "AchievementReport"),
        }


class TestTheServicesRefuseADateOutsideTheYear:
    def test_a_tờ_trình_dated_9999(self, bloc_year_1):
        message = refused(
            submission_create,
            bloc_year=bloc_year_1,
            date=FAR,
            signer_name="Lê Vinh Quy",
            signer_title="Giám đốc",
        )

        assert message == f"Date of the submission must lie {WINDOW_2025}"
        assert not Submission.objects.exists()

    def test_the_plan(self, bloc_year_1):
        message = refused(
            plan_save,
            bloc_year=bloc_year_1,
            version=0,
            number="01/KH-KTĐ",
            issued_on=BEFORE,
            subject="Kế hoạch",
        )

        assert message == f"Date of issue must lie {WINDOW_2025}"
        assert not Plan.objects.exists()

    def test_the_pledge_and_its_signature(self, bloc_year_1):
        assert "Signed on must lie" in refused(
            pledge_save, bloc_year=bloc_year_1, version=0, title="Giao ước", signed_on=FAR
        )
        pledge = pledge_save(bloc_year=bloc_year_1, version=0, title="Giao ước")
        membership = bloc_year_1.memberships.first()

        assert "Signed on must lie" in refused(
            pledge_sign,
            pledge=pledge,
            membership=membership,
            signatory_name="A",
            signatory_title="B",
            signed_on=FAR,
        )
        assert not PledgeSignature.objects.exists()

    def test_the_handover(self, bloc_year_1, unit_h, unit_d, secretariat):
        message = refused(
            handover_record,
            bloc_year=bloc_year_1,
            user=secretariat,
            from_unit=unit_h,
            from_representative="Nguyễn Văn Giao",
            to_unit=unit_d,
            to_representative="Trần Văn Nhận",
            handed_over_on=datetime.date(2027, 1, 1),
        )

        assert message == f"Date of handover must lie {WINDOW_2025}"

    def test_a_meeting(self, bloc_year_1):
        message = refused(
            meeting_create,
            bloc_year=bloc_year_1,
            kind=Meeting.Kind.YEAR_END,
            title="Hội nghị tổng kết",
            date=FAR,
        )

        assert f"Date must lie {WINDOW_2025}" in message
        assert not Meeting.objects.exists()

    def test_an_election(self, bloc_year_1, unit_d):
        head = bloc_year_1.memberships.get(role=Membership.Role.HEAD)

        assert "Elected on must lie" in refused(
            leadership_set,
            bloc_year=bloc_year_1,
            head=unit_d,
            basis=Membership.Basis.ELECTED,
            elected_on=FAR,
        )
        assert bloc_year_1.memberships.get(role=Membership.Role.HEAD) == head

    def test_a_leadership_decision(self, bloc_year_1, unit_d):
        with pytest.raises(DomainError) as refusal:
            leadership_assign_by_decision(
                bloc_year=bloc_year_1, number="1/QĐ-UBND", date=BEFORE, head=unit_d
            )

        assert refusal.value.field == "date"
        assert refusal.value.message == f"The date of the decision must lie {WINDOW_2025}"
        assert not LeadershipDecision.objects.exists()

    def test_the_province_s_decision_on_the_nominations(self, nominated, province_a):
        nomination = Nomination.objects.first()
        Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.SUBMITTED)

        with pytest.raises(DomainError) as refusal:
            decision_record(
                province=province_a,
                number="1/QĐ-UBND",
                date=BEFORE,
                signer="Chủ tịch",
                outcomes={nomination: Nomination.Status.APPROVED},
            )

        assert refusal.value.field == "date"
        assert not Decision.objects.exists()
        assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.SUBMITTED


class TestTheSubmissionPage:
    def test_a_tờ_trình_dated_9999_is_refused_with_what_was_typed_kept(
        self, client_for, secretariat, bloc_year_1
    ):
        url = reverse("awards:submission", args=[bloc_year_1.bloc_id, bloc_year_1.year])
        data = {
            "date": "9999-12-31",
            "signer_name": "Thiếu tướng Lê Vinh Quy",
            "signer_title": "Giám đốc Công an tỉnh",
            "summary": "Nội dung đã gõ",
            "version": "",
        }

        with translation.override("vi"):
            response = client_for(secretariat).post(url, data)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Nội dung đã gõ" in page
        assert "phải nằm trong khoảng từ 01/10/2024 đến 31/12/2026" in page
        assert not Submission.objects.exists()


class TestNoNumberOutsideTheYear:
    def test_a_record_dated_outside_its_year_is_not_given_a_number(
        self, nominated, submission, board
    ):
        # A record stored before the dates were checked.
        Submission.objects.filter(pk=submission.pk).update(date=FAR)
        submission.refresh_from_db()

        message = refused(document_issue, builder=SubmissionBuilder(submission), user=board)

        assert message == f"The date of the document must lie {WINDOW_2025}"
        assert not Document.objects.filter(kind="submission").exists()
        assert not DocumentSequence.objects.filter(number_year=9999).exists()

    def test_within_the_year_after_it_is_numbered_in_that_year(self, nominated, submission, board):
        Submission.objects.filter(pk=submission.pk).update(date=datetime.date(2026, 12, 31))
        submission.refresh_from_db()

        document = document_issue(builder=SubmissionBuilder(submission), user=board)

        assert (document.number_year, document.number) == (2026, 1)


class TestOtherDatesInASaneRange:
    def test_a_legal_text_in_force_from_year_one(self, province_a):
        with pytest.raises(DomainError):
            legal_basis_save(
                province=province_a,
                kind="province",
                number="1/2025/QĐ-UBND",
                citation="Quyết định số 1/2025/QĐ-UBND",
                effective_from=datetime.date(1, 1, 1),
            )

        assert not LegalBasis.objects.exists()

    def test_a_unit_renamed_in_9999(self, unit_h):
        with pytest.raises(DomainError):
            unit_rename(unit=unit_h, effective=FAR, short_name="Mới", full_name="Tên mới")

        assert Unit.objects.get(pk=unit_h.pk).short_name == unit_h.short_name
