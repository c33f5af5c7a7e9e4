"""The outcomes the seed reports tell, replayed on the real blocs through the services and pages.

Đắk Lắk, Khối thi đua số 3, 2020 (conference of 26/01/2021): the flag to Bộ Chỉ huy Quân sự
tỉnh; the certificate of merit to Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Viện kiểm sát and Công an
tỉnh. Cà Mau, Khối thi đua I, 2020 (conference of 12/03/2021): the flag to Bộ Chỉ huy Bộ đội
Biên phòng tỉnh; the certificate of merit to Cục Thi hành án dân sự tỉnh and Công an tỉnh.

Two worlds, each loaded once per class and rolled back after it: the demo without its outcomes
(the conferences held, nothing voted yet; Cà Mau's 2020 already handed over and closed), in
which the tests replay the votes, and the whole demo, whose records, pages and documents the
tests read back.
"""

from __future__ import annotations

import datetime
import re
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from awards.documents.submission import SubmissionBuilder
from awards.documents.vote_count import VoteCountBuilder
from awards.models import (
    AwardType,
    Ballot,
    BallotCounter,
    BallotVote,
    Decision,
    Nomination,
    Submission,
)
from awards.selectors.ballots import ballot_result, proposable_award_types
from awards.services.ballots import ballot_save
from awards.services.counters import counter_add
from awards.services.nominations import nomination_create, nominations_from_ballot
from awards.services.submissions import submission_create, submission_submit
from blocs.models import BlocYear
from core.errors import DomainError
from core.formats import number_text
from demo import outcomes
from meetings.models import Document, Meeting
from meetings.services.documents import document_issue
from tests.awards.submitting import SIGNED_REPORT, dossier_complete
from tests.factories import UnitUserFactory
from tests.pdfs import pdf_text
from tests.personas import PERSONAS, by_persona
from units.models import Unit, User

pytestmark = pytest.mark.django_db

DAK_LAK, CA_MAU = "dak-lak", "ca-mau"
BLOC = {DAK_LAK: "Khối thi đua số 3", CA_MAU: "Khối thi đua I"}
CONFERENCE = {DAK_LAK: datetime.date(2021, 1, 26), CA_MAU: datetime.date(2021, 3, 12)}
PRESENT = {DAK_LAK: 8, CA_MAU: 7}
# What each report says the bloc proposed, with the units' names of 2020.
PROPOSED = {
    DAK_LAK: {
        AwardType.Kind.FLAG: {"Bộ Chỉ huy Quân sự tỉnh Đắk Lắk"},
        AwardType.Kind.MERIT: {
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Đắk Lắk",
            "Viện kiểm sát nhân dân tỉnh Đắk Lắk",
            "Công an tỉnh Đắk Lắk",
        },
    },
    CA_MAU: {
        AwardType.Kind.FLAG: {"Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cà Mau"},
        AwardType.Kind.MERIT: {"Cục Thi hành án dân sự tỉnh Cà Mau", "Công an tỉnh Cà Mau"},
    },
}
BOTH = pytest.mark.parametrize("province", [DAK_LAK, CA_MAU], ids=["dak_lak", "ca_mau"])


# --- the worlds -----------------------------------------------------------------------------


@contextmanager
def kept(django_db_blocker, load):
    """Load data in a transaction that the tests of a class share; roll it back after them."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def load_demo() -> None:
    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="class")
def seed_world(django_db_setup, django_db_blocker):
    """The demo without the seed outcomes: the conferences are held, nothing is voted yet."""

    def load() -> None:
        with mock.patch.object(outcomes, "OUTCOMES", ()):
            load_demo()

    with kept(django_db_blocker, load):
        yield


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, with the seed outcomes."""
    with kept(django_db_blocker, load_demo):
        yield


# --- reading the worlds ---------------------------------------------------------------------


def outcome_of(province: str) -> outcomes.DemoOutcome:
    return next(o for o in outcomes.OUTCOMES if o.province == province)


def bloc_year_of(province: str) -> BlocYear:
    return BlocYear.objects.select_related("bloc__province").get(
        bloc__province__code=province, bloc__name=BLOC[province], year=2020
    )


def conference_of(province: str) -> Meeting:
    return Meeting.objects.select_related("bloc_year__bloc__province").get(
        bloc_year=bloc_year_of(province), kind=Meeting.Kind.YEAR_END
    )


def unit(province: str, key: str) -> Unit:
    return outcomes.unit_of(province, key)


def flag_and_merit(bloc_year: BlocYear) -> tuple[AwardType, AwardType]:
    award_types = proposable_award_types(bloc_year)
    flag = next(a for a in award_types if a.kind == AwardType.Kind.FLAG)
    merit = next(a for a in award_types if a.kind == AwardType.Kind.MERIT)
    return flag, merit


def name_2020(unit: Unit) -> str:
    return unit.name_in_year(2020).full_name


def seed_votes(province: str) -> dict[tuple[int, int], int]:
    """Return the demo's illustrative votes of the seed ballot, by (unit id, award type id)."""
    outcome = outcome_of(province)
    flag, merit = flag_and_merit(bloc_year_of(province))
    votes = {}
    for award_type, counts in ((flag, outcome.flag_votes), (merit, outcome.merit_votes)):
        for key, count in counts.items():
            votes[unit(province, key).pk, award_type.pk] = count
    return votes


def record(province: str, votes: dict, *, round_number: int = 1, **counts) -> Ballot:
    """Record a round at the bloc's 2020 year-end conference, one ballot per unit present."""
    present = PRESENT[province]
    figures = {"issued": present, "returned": present, "valid": present, "invalid": 0}
    return ballot_save(
        meeting=conference_of(province),
        round_number=round_number,
        votes=votes,
        **{**figures, **counts},
    )


def by_key(province: str, **votes_by_kind: dict[str, int]) -> dict[tuple[int, int], int]:
    """Return votes given as {"flag": {unit key: votes}, "merit": {…}} by ids."""
    flag, merit = flag_and_merit(bloc_year_of(province))
    award = {"flag": flag, "merit": merit}
    return {
        (unit(province, key).pk, award[kind].pk): count
        for kind, counts in votes_by_kind.items()
        for key, count in counts.items()
    }


def proposals(result) -> dict[str, set[str]]:
    """Return the units a round proposes, by kind of award, with their 2020 names."""
    return {
        award.award_type.kind: {name_2020(row.unit) for row in award.rows if row.within_quota}
        for award in result.awards
    }


def nominated(bloc_year: BlocYear) -> dict[str, set[str]]:
    """Return the bloc-year's nominees, by kind of award, with their 2020 names."""
    rows: dict[str, set[str]] = {}
    for nomination in bloc_year.nominations.select_related("unit", "award_type"):
        rows.setdefault(nomination.award_type.kind, set()).add(name_2020(nomination.unit))
    return rows


def vi(text: str) -> str:
    with translation.override("vi"):
        return translation.gettext(text)


def percent(value: float) -> str:
    """Return a percentage as the pages and the documents print it (87,5; 66,67; 100)."""
    return number_text(value)


def committee(ballot: Ballot, province: str) -> None:
    """Name the round's counting committee as the demo does: by the units they stood for."""
    for role, key in outcome_of(province).counters:
        short_name = unit(province, key).name_in_year(2020).short_name
        counter_add(ballot=ballot, role=role, name=f"Đại diện {short_name}")


def submit(province: str) -> Submission:
    """Prepare the bloc's submission, issue its tờ trình and send it, as the demo does."""
    outcome = outcome_of(province)
    submission = submission_create(
        bloc_year=bloc_year_of(province),
        date=outcome.submitted_on,
        signer_name=outcome.signer_name,
        signer_title=outcome.signer_title,
        summary=outcome.summary,
    )
    complete(province)
    document_issue(builder=SubmissionBuilder(submission), user=None)
    submission_submit(submission=submission, user=None, sent_on=outcome.submitted_on)
    return submission


def complete(province: str) -> None:
    """Give the bloc's dossier its parts as the demo does: the committee named, the minutes and
    the vote-count record issued, the signed reports kept."""
    for ballot in Ballot.objects.filter(meeting__bloc_year=bloc_year_of(province)):
        if not ballot.counters.exists():
            committee(ballot, province)
    dossier_complete(bloc_year=bloc_year_of(province), user=None)


def nominate(province: str) -> Ballot:
    """Record the seed ballot and draft its nominations."""
    ballot = record(province, seed_votes(province))
    nominations_from_ballot(ballot=ballot)
    return ballot


@pytest.fixture
def people() -> dict[str, User]:
    """The personas on the real blocs: the demo's logins and three more."""
    users = {u.username: u for u in User.objects.all()}
    return {
        "board": users["bantdkt.daklak"],
        # Bộ Chỉ huy Quân sự tỉnh headed Khối 3 in 2020: its staff are the year's secretariat.
        "secretariat": UnitUserFactory(username="bchqs.daklak", unit=unit(DAK_LAK, "bchqs")),
        "member_staff": users["vks.daklak"],
        # Trại giam Đắk Tân joined the bloc in 2022: its 2020 is outside that unit's scope.
        "other_bloc_staff": UnitUserFactory(
            username="tgdaktan.daklak",
            unit=Unit.objects.get(province__code=DAK_LAK, short_name="Trại giam Đắk Tân"),
        ),
        "other_province_staff": users["cthads.camau"],
        "other_province_board": users["bantdkt.camau"],
        "national": users["quocgia"],
    }


# --- the seed outcomes replayed -------------------------------------------------------------


@pytest.mark.usefixtures("seed_world")
class TestTheSeedOutcomesReplayed:
    @BOTH
    def test_the_seed_ballot_proposes_what_the_report_says(self, province):
        ballot = record(province, seed_votes(province), note=outcomes.BALLOT_NOTE)
        result = ballot_result(ballot)

        assert ballot.issued == ballot.returned == PRESENT[province]
        assert ballot.valid + ballot.invalid == ballot.returned
        assert not result.needs_second_round
        assert proposals(result) == PROPOSED[province]
        for award in result.awards:
            for row in award.rows:
                assert row.passes == (row.votes * 2 > ballot.valid)
                assert row.within_quota == (row.passes and not row.excluded)

    @BOTH
    def test_the_nominations_reach_the_decision_and_the_unit_pages(self, province, client_for):
        bloc_year = bloc_year_of(province)
        ballot = nominate(province)
        committee(ballot, province)
        document_issue(builder=VoteCountBuilder(ballot), user=None)
        assert nominated(bloc_year) == PROPOSED[province]
        submission = submit(province)
        board = User.objects.get(province__code=province)
        submitted = list(bloc_year.nominations.all())
        assert {n.submission for n in submitted} == {submission}

        response = client_for(board).post(
            reverse("awards:province_nominations", args=[2020]),
            {
                "number": "01/QĐ-UBND (minh họa)",
                "date": "2021-03-01",
                "signer": "Chủ tịch UBND tỉnh",
                **{f"outcome_{n.pk}": Nomination.Status.APPROVED for n in submitted},
            },
        )

        assert response.status_code == 302
        decision = Decision.objects.get(number="01/QĐ-UBND (minh họa)")
        assert decision.province.code == province
        assert set(decision.nominations.all()) == set(submitted)
        for nomination in submitted:
            page = client_for(board).get(nomination.unit.get_absolute_url()).content.decode()
            assert "01/QĐ-UBND (minh họa)" in page
            assert "01/03/2021" in page

    def test_the_secretariat_walks_the_dak_lak_outcome_through_the_pages(self, people, client_for):
        bloc_year = bloc_year_of(DAK_LAK)
        meeting = conference_of(DAK_LAK)
        client = client_for(people["secretariat"])
        args = [bloc_year.bloc_id, 2020]
        add_url = reverse("awards:ballot_add", args=[*args, meeting.pk])
        assert client.get(add_url).status_code == 200

        response = client.post(add_url, ballot_data(DAK_LAK))

        ballot = Ballot.objects.get(meeting=meeting)
        assert response.url == reverse("awards:ballot_result", args=[*args, ballot.pk])
        page = client.get(response.url)
        assert proposals(page.context["result"]) == PROPOSED[DAK_LAK]
        for value in (87.5, 75, 62.5, 12.5):
            assert percent(value) in page.content.decode()

        for role, key in outcome_of(DAK_LAK).counters:
            response = client.post(
                reverse("awards:counter_add", args=[*args, ballot.pk]),
                {"role": role, "name": f"Đại diện {unit(DAK_LAK, key).short_name}"},
            )
            assert response.status_code == 302
        assert ballot.counters.get(role=BallotCounter.Role.HEAD).name == "Đại diện Sở Tư pháp"
        issue = reverse("meetings:document_issue", args=[*args, "vote_count", ballot.pk])
        assert client.post(issue).status_code == 302
        vote_count = Document.objects.of_record(ballot).get()

        response = client.post(reverse("awards:nominations_from_ballot", args=[*args, ballot.pk]))
        assert response.status_code == 302
        assert nominated(bloc_year) == PROPOSED[DAK_LAK]
        page = client.get(reverse("awards:nomination_list", args=args)).content.decode()
        for names in PROPOSED[DAK_LAK].values():
            for name in names:
                assert name.removesuffix(" Đắk Lắk") in page

        outcome = outcome_of(DAK_LAK)
        response = client.post(
            reverse("awards:submission", args=args),
            {
                "date": outcome.submitted_on.isoformat(),
                "signer_name": outcome.signer_name,
                "signer_title": outcome.signer_title,
                "summary": outcome.summary,
            },
        )
        assert response.status_code == 302
        submission = Submission.objects.get(bloc_year=bloc_year)
        # The rest of the dossier: the conference's minutes, each nominee's signed report.
        minutes = reverse("meetings:document_issue", args=[*args, "minutes", meeting.pk])
        assert client.post(minutes).status_code == 302
        for nomination in bloc_year.nominations.all():
            keep = reverse("awards:report_file", args=[*args, nomination.pk])
            signed = SimpleUploadedFile("bao-cao.pdf", SIGNED_REPORT)
            assert client.post(keep, {"kind": "own", "file": signed}).status_code == 302
        send = reverse("awards:submission_submit", args=[*args, submission.pk])
        client.post(send, {"sent_on": outcome.submitted_on.isoformat()})
        assert set(bloc_year.nominations.values_list("status", flat=True)) == {"draft"}
        issue = reverse("meetings:document_issue", args=[*args, "submission", submission.pk])
        assert client.post(issue).status_code == 302
        assert client.post(send, {"sent_on": outcome.submitted_on.isoformat()}).status_code == 302

        assert set(bloc_year.nominations.values_list("status", flat=True)) == {"submitted"}
        text = pdf_text(Document.objects.of_record(submission).get())
        assert f"Biên bản kiểm phiếu số {vote_count.symbol}" in text
        assert "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk Cờ thi đua của UBND tỉnh 7/8 (87,5%)" in text

    def test_the_result_page_makes_as_many_queries_for_either_bloc(self, client_for):
        client = client_for(User.objects.get(username="quocgia"))
        counts = []
        for province in (DAK_LAK, CA_MAU):
            ballot = record(province, seed_votes(province))
            bloc_year = ballot.meeting.bloc_year
            url = reverse("awards:ballot_result", args=[bloc_year.bloc_id, 2020, ballot.pk])
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]


# --- refusals on the real blocs -------------------------------------------------------------


@pytest.mark.usefixtures("seed_world")
class TestRefusalsOnTheRealBlocs:
    @pytest.mark.parametrize(
        ("counts", "message"),
        [
            ({"returned": 8, "valid": 7, "invalid": 0}, "must add up"),
            ({"issued": 8, "returned": 9, "valid": 9}, "More ballots were returned"),
            ({"issued": 9, "returned": 9, "valid": 9}, "than member units were present"),
        ],
        ids=["valid and invalid not returned", "returned above issued", "issued above present"],
    )
    def test_counts_that_do_not_reconcile_are_refused_and_nothing_is_saved(self, counts, message):
        with translation.override("en"), pytest.raises(DomainError, match=message):
            record(DAK_LAK, seed_votes(DAK_LAK), **counts)
        assert not Ballot.objects.exists()
        assert not BallotVote.objects.exists()

    def test_the_refused_counts_come_back_on_the_form_with_the_message(self, people, client_for):
        bloc_year = bloc_year_of(DAK_LAK)
        url = reverse(
            "awards:ballot_add", args=[bloc_year.bloc_id, 2020, conference_of(DAK_LAK).pk]
        )
        bchqs = unit(DAK_LAK, "bchqs")
        flag, _merit = flag_and_merit(bloc_year)
        data = {**ballot_data(DAK_LAK), "valid": 6, "invalid": 1}

        response = client_for(people["secretariat"]).post(url, data)

        assert response.status_code == 200
        message = vi("The valid and invalid ballots must add up to the ballots returned.")
        assert message in response.content.decode()
        form = response.context["form"]
        assert (form["valid"].value(), form["invalid"].value()) == ("6", "1")
        assert form[f"votes_{bchqs.pk}_{flag.pk}"].value() == "7"
        assert not Ballot.objects.exists()

    def test_a_unit_at_exactly_half_the_valid_ballots_is_not_proposed(self):
        # Eight valid ballots: Viện kiểm sát's four are 50%, not more than 50%.
        votes = by_key(DAK_LAK, flag={"bchqs": 7}, merit={"bdbp": 7, "ca": 5, "vksnd": 4})
        ballot = record(DAK_LAK, votes)
        merit = next(a for a in ballot_result(ballot).awards if a.award_type.kind == "merit")
        vksnd = next(row for row in merit.rows if row.unit == unit(DAK_LAK, "vksnd"))

        assert (vksnd.percent, vksnd.passes, vksnd.within_quota) == (50.0, False, False)
        nominations_from_ballot(ballot=ballot)
        assert not bloc_year_of(DAK_LAK).nominations.filter(unit=unit(DAK_LAK, "vksnd")).exists()

    def test_units_above_the_quota_are_not_proposed_and_a_fourth_merit_is_refused(self):
        # Four units above 50% for three certificates of merit: the fourth is out of the quota.
        votes = by_key(
            DAK_LAK, flag={"bchqs": 7}, merit={"bdbp": 7, "vksnd": 6, "ca": 6, "tand": 5}
        )
        ballot = record(DAK_LAK, votes)
        result = ballot_result(ballot)
        merit = next(a for a in result.awards if a.award_type.kind == "merit")
        tand = next(row for row in merit.rows if row.unit == unit(DAK_LAK, "tand"))

        assert (tand.passes, tand.rank, tand.within_quota) == (True, 4, False)
        assert proposals(result) == PROPOSED[DAK_LAK]
        nominations_from_ballot(ballot=ballot)
        before = Nomination.objects.count()
        with translation.override("en"), pytest.raises(DomainError, match="quota of 3"):
            nomination_create(
                bloc_year=bloc_year_of(DAK_LAK),
                unit=unit(DAK_LAK, "tand"),
                award_type=merit.award_type,
                ballot=ballot,
            )
        assert Nomination.objects.count() == before

    def test_a_tie_at_the_edge_of_the_ca_mau_quota_needs_a_second_round(self):
        # Two certificates of merit: Công an and Tòa án tie for the second.
        votes = by_key(CA_MAU, flag={"bdbp": 6}, merit={"thads": 6, "ca": 5, "tand": 5})
        ballot = record(CA_MAU, votes)
        result = ballot_result(ballot)
        merit = next(a for a in result.awards if a.award_type.kind == "merit")

        assert result.needs_second_round
        assert {name_2020(u) for u in merit.tied_units} == {
            "Công an tỉnh Cà Mau",
            "Tòa án nhân dân tỉnh Cà Mau",
        }
        with pytest.raises(DomainError):
            nominations_from_ballot(ballot=ballot)
        assert not Nomination.objects.exists()

        # Round 2, between the two for the one place left: the report's outcome.
        second = record(CA_MAU, by_key(CA_MAU, merit={"ca": 5, "tand": 2}), round_number=2)
        merit = next(a for a in ballot_result(second).awards if a.award_type.kind == "merit")
        assert {name_2020(row.unit): row.within_quota for row in merit.rows} == {
            "Công an tỉnh Cà Mau": True,
            "Tòa án nhân dân tỉnh Cà Mau": False,
        }
        nominations_from_ballot(ballot=second)
        assert nominated(bloc_year_of(CA_MAU)) == PROPOSED[CA_MAU]

    def test_the_unit_with_the_flag_is_not_proposed_for_the_certificate_too(self):
        # Bộ CHQS is voted for both: within the flag's quota, it is left out of the merit's.
        votes = by_key(
            DAK_LAK, flag={"bchqs": 7}, merit={"bchqs": 8, "bdbp": 7, "vksnd": 6, "ca": 5}
        )
        ballot = record(DAK_LAK, votes)
        result = ballot_result(ballot)
        merit = next(a for a in result.awards if a.award_type.kind == "merit")
        bchqs = next(row for row in merit.rows if row.unit == unit(DAK_LAK, "bchqs"))

        assert (bchqs.passes, bchqs.excluded, bchqs.within_quota) == (True, True, False)
        assert proposals(result) == PROPOSED[DAK_LAK]
        nominations_from_ballot(ballot=ballot)
        with translation.override("en"), pytest.raises(DomainError, match="one achievement"):
            nomination_create(
                bloc_year=bloc_year_of(DAK_LAK),
                unit=unit(DAK_LAK, "bchqs"),
                award_type=merit.award_type,
                ballot=ballot,
            )
        assert nominated(bloc_year_of(DAK_LAK)) == PROPOSED[DAK_LAK]

    def test_the_submission_is_not_sent_before_its_to_trinh_is_issued(self):
        nominate(DAK_LAK)
        outcome = outcome_of(DAK_LAK)
        submission = submission_create(
            bloc_year=bloc_year_of(DAK_LAK),
            date=outcome.submitted_on,
            signer_name=outcome.signer_name,
            signer_title=outcome.signer_title,
        )

        with translation.override("en"), pytest.raises(DomainError, match="tờ trình"):
            submission_submit(submission=submission, user=None)
        assert set(Nomination.objects.values_list("status", flat=True)) == {"draft"}

    def test_the_vote_count_record_is_not_issued_without_the_committee_s_head(self):
        ballot = record(DAK_LAK, seed_votes(DAK_LAK))
        counter_add(ballot=ballot, role=BallotCounter.Role.MEMBER, name="Đại diện Thanh tra tỉnh")

        with pytest.raises(DomainError):
            document_issue(builder=VoteCountBuilder(ballot), user=None)
        assert not Document.objects.of_record(ballot).exists()


# --- rights on every action -----------------------------------------------------------------

# The cast of the demo's seed blocs: no deputy unit's staff.
SEED_PERSONAS = tuple(persona for persona in PERSONAS if persona != "deputy_staff")
# The secretariat's and the board's writes to the bloc-year; members and national staff read.
WRITES = (302, 302, 403, 404, 404, 404, 403)
READS = (200, 200, 200, 404, 404, 404, 200)


def ballot_data(province: str) -> dict:
    """Return the ballot form of the seed round as the page posts it."""
    present = PRESENT[province]
    data = {"round_number": 1, "issued": present, "returned": present, "valid": present}
    data["invalid"] = 0
    for (unit_id, award_type_id), count in seed_votes(province).items():
        data[f"votes_{unit_id}_{award_type_id}"] = count
    return data


@pytest.fixture
def khoi_3():
    bloc_year = bloc_year_of(DAK_LAK)
    return bloc_year, [bloc_year.bloc_id, 2020]


@pytest.mark.usefixtures("seed_world")
class TestRightsOnTheRealBlocs:
    @pytest.mark.parametrize(("persona", "status"), by_persona(READS, SEED_PERSONAS))
    def test_the_ballots_a_result_and_its_committee_are_read_by_who_reads_the_year(
        self, people, client_for, khoi_3, persona, status
    ):
        _bloc_year, args = khoi_3
        ballot = record(DAK_LAK, seed_votes(DAK_LAK))
        client = client_for(people[persona])

        assert client.get(reverse("awards:ballot_list", args=args)).status_code == status
        result = client.get(reverse("awards:ballot_result", args=[*args, ballot.pk]))
        assert result.status_code == status
        counters = client.get(reverse("awards:counter_list", args=[*args, ballot.pk]))
        assert counters.status_code == status

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITES, SEED_PERSONAS))
    def test_a_round_is_entered_by_the_board_and_the_secretariat(
        self, people, client_for, khoi_3, persona, status
    ):
        _bloc_year, args = khoi_3
        url = reverse("awards:ballot_add", args=[*args, conference_of(DAK_LAK).pk])
        client = client_for(people[persona])

        assert client.get(url).status_code == (200 if status == 302 else status)
        assert client.post(url, ballot_data(DAK_LAK)).status_code == status
        assert Ballot.objects.count() == (1 if status == 302 else 0)

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITES, SEED_PERSONAS))
    def test_a_round_is_corrected_by_the_board_and_the_secretariat(
        self, people, client_for, khoi_3, persona, status
    ):
        _bloc_year, args = khoi_3
        ballot = record(DAK_LAK, seed_votes(DAK_LAK))
        url = reverse("awards:ballot_edit", args=[*args, ballot.meeting_id, ballot.pk])
        data = {**ballot_data(DAK_LAK), "valid": 7, "invalid": 1, "version": ballot.version}

        response = client_for(people[persona]).post(url, data)

        assert response.status_code == status
        ballot.refresh_from_db()
        assert ballot.invalid == (1 if status == 302 else 0)

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITES, SEED_PERSONAS))
    def test_the_counting_committee_is_named_by_the_board_and_the_secretariat(
        self, people, client_for, khoi_3, persona, status
    ):
        _bloc_year, args = khoi_3
        ballot = record(DAK_LAK, seed_votes(DAK_LAK))
        url = reverse("awards:counter_add", args=[*args, ballot.pk])
        client = client_for(people[persona])

        assert client.get(url).status_code == 405
        response = client.post(url, {"role": "head", "name": "Đại diện Sở Tư pháp"})
        assert response.status_code == status
        assert ballot.counters.count() == (1 if status == 302 else 0)

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITES, SEED_PERSONAS))
    def test_the_vote_count_record_is_issued_by_the_board_and_the_secretariat(
        self, people, client_for, khoi_3, persona, status
    ):
        _bloc_year, args = khoi_3
        ballot = record(DAK_LAK, seed_votes(DAK_LAK))
        committee(ballot, DAK_LAK)
        url = reverse("meetings:document_issue", args=[*args, "vote_count", ballot.pk])
        client = client_for(people[persona])

        # GET asks first (the number it will take); the POST issues.
        assert client.get(url).status_code == (200 if status == 302 else status)
        assert client.post(url).status_code == status
        assert Document.objects.of_record(ballot).count() == (1 if status == 302 else 0)

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITES, SEED_PERSONAS))
    def test_nominations_are_drafted_from_the_ballot_by_the_board_and_the_secretariat(
        self, people, client_for, khoi_3, persona, status
    ):
        bloc_year, args = khoi_3
        ballot = record(DAK_LAK, seed_votes(DAK_LAK))
        url = reverse("awards:nominations_from_ballot", args=[*args, ballot.pk])
        client = client_for(people[persona])

        assert client.get(url).status_code == 405
        assert client.post(url).status_code == status
        assert bloc_year.nominations.count() == (4 if status == 302 else 0)

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITES, SEED_PERSONAS))
    def test_the_submission_is_prepared_by_the_board_and_the_secretariat(
        self, people, client_for, khoi_3, persona, status
    ):
        bloc_year, args = khoi_3
        nominate(DAK_LAK)
        data = {"date": "2021-02-02", "signer_name": "Lãnh đạo", "signer_title": "Khối trưởng"}
        url = reverse("awards:submission", args=args)
        client = client_for(people[persona])

        # The page itself is read by whoever reads the year.
        assert client.get(url).status_code == (404 if status == 404 else 200)
        assert client.post(url, data).status_code == status
        assert bloc_year.submissions.count() == (1 if status == 302 else 0)

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITES, SEED_PERSONAS))
    def test_the_to_trinh_is_issued_and_sent_by_the_board_and_the_secretariat(
        self, people, client_for, khoi_3, persona, status
    ):
        bloc_year, args = khoi_3
        nominate(DAK_LAK)
        complete(DAK_LAK)
        outcome = outcome_of(DAK_LAK)
        submission = submission_create(
            bloc_year=bloc_year,
            date=outcome.submitted_on,
            signer_name=outcome.signer_name,
            signer_title=outcome.signer_title,
        )
        issue = reverse("meetings:document_issue", args=[*args, "submission", submission.pk])
        send = reverse("awards:submission_submit", args=[*args, submission.pk])
        client = client_for(people[persona])

        assert client.get(issue).status_code == (200 if status == 302 else status)
        assert client.get(send).status_code == 405
        assert client.post(issue).status_code == status
        assert client.post(send, {"sent_on": "2021-02-02"}).status_code == status
        submission.refresh_from_db()
        assert submission.is_submitted == (status == 302)
        submitted = bloc_year.nominations.filter(status=Nomination.Status.SUBMITTED).count()
        assert submitted == (4 if status == 302 else 0)

    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 404, 404, 404, 404, 200, 404), SEED_PERSONAS)
    )
    def test_the_decision_is_recorded_by_the_board_of_the_province_alone(
        self, people, client_for, khoi_3, persona, status
    ):
        bloc_year, _args = khoi_3
        nominate(DAK_LAK)
        submit(DAK_LAK)
        data = {"number": "01/QĐ-UBND (minh họa)", "date": "2021-03-01", "signer": "Chủ tịch"}
        for nomination in bloc_year.nominations.all():
            data[f"outcome_{nomination.pk}"] = Nomination.Status.APPROVED

        response = client_for(people[persona]).post(
            reverse("awards:province_nominations", args=[2020]), data
        )

        # Another province's board posts to its own province's list, which has none of these.
        assert response.status_code == status
        approved = bloc_year.nominations.filter(status=Nomination.Status.APPROVED).count()
        assert approved == (4 if status == 302 else 0)

    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 403, 403, 404, 404, 404, 403), SEED_PERSONAS)
    )
    def test_a_nomination_is_returned_by_the_board_alone(
        self, people, client_for, khoi_3, persona, status
    ):
        bloc_year, _args = khoi_3
        nominate(DAK_LAK)
        submit(DAK_LAK)
        nomination = bloc_year.nominations.get(unit=unit(DAK_LAK, "ca"))
        url = reverse("awards:nomination_return", args=[nomination.pk])
        client = client_for(people[persona])

        assert client.get(url).status_code == 405
        data = {"reason": "Bổ sung hồ sơ", "version": nomination.version}
        response = client.post(url, {**data, "returned_on": "2021-02-20"})
        assert response.status_code == status
        nomination.refresh_from_db()
        assert nomination.status == ("returned" if status == 302 else "submitted")

    @pytest.mark.parametrize(
        ("username", "status"),
        [("bantdkt.camau", 200), ("cthads.camau", 403), ("bchqs.camau", 200)],
        ids=["board", "head of 2021", "head of 2020"],
    )
    def test_after_the_handover_the_year_s_own_head_still_enters_ca_mau_s_2020_ballot(
        self, client_for, username, status
    ):
        # The handover of 12/3/2021 passed the leadership on; 2020's work stays with its head.
        bloc_year = bloc_year_of(CA_MAU)
        assert bloc_year.is_open and hasattr(bloc_year, "handover")
        user = User.objects.filter(username=username).first() or UnitUserFactory(
            username=username, unit=unit(CA_MAU, "bchqs")
        )
        url = reverse("awards:ballot_add", args=[bloc_year.bloc_id, 2020, conference_of(CA_MAU).pk])

        assert client_for(user).get(url).status_code == status
        response = client_for(user).post(url, ballot_data(CA_MAU))
        assert response.status_code == (302 if status == 200 else status)
        assert Ballot.objects.count() == (1 if status == 200 else 0)


# --- the demo -------------------------------------------------------------------------------

# The bases in force on a 2021 date, and the later ones a 2021 document must not cite.
BASES_2021 = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003",
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ",
)
LATER_BASES = ("06/2022/QH15", "98/2023/NĐ-CP", "152/2025/NĐ-CP")
# The percentages of the proposed units, as documents write them.
PERCENTAGES = {
    DAK_LAK: ("7/8 (87,5%)", "6/8 (75%)", "5/8 (62,5%)"),
    CA_MAU: ("6/7 (85,71%)", "5/7 (71,43%)"),
}
# Cà Mau's THADS before it became "Thi hành án dân sự tỉnh" in 2025.
LATER_THADS = re.compile(r"(?<!Cục )Thi hành án dân sự tỉnh (Cà Mau|Đắk Lắk)")


def document(province: str, kind: str) -> Document:
    """Return the demo's current document of that kind for the bloc's 2020."""
    return Document.objects.get(
        bloc_year=bloc_year_of(province), kind=kind, replaced_by__isnull=True
    )


def all_proposed(province: str) -> list[str]:
    return sorted(name for names in PROPOSED[province].values() for name in names)


@pytest.mark.usefixtures("demo")
class TestTheDemo:
    @BOTH
    def test_the_demo_holds_the_seed_ballot_with_counts_consistent_with_the_attendance(
        self, province
    ):
        meeting = conference_of(province)
        ballot = Ballot.objects.get(meeting=meeting)

        present = meeting.attendances.filter(present=True).count()
        assert present == PRESENT[province]
        assert ballot.issued == ballot.returned == present
        assert ballot.valid + ballot.invalid == ballot.returned
        assert ballot.note.startswith(
            "Báo cáo hội nghị không nêu số phiếu; số phiếu ở đây là minh họa."
        )
        assert proposals(ballot_result(ballot)) == PROPOSED[province]
        counters = list(ballot.counters.order_by("position"))
        assert [c.role for c in counters] == ["head", "member", "member"]
        assert all(c.name.startswith("Đại diện ") for c in counters)

    @BOTH
    def test_the_demo_nominations_are_sent_and_approved_by_an_illustrative_decision(self, province):
        bloc_year = bloc_year_of(province)
        nominations = list(bloc_year.nominations.select_related("decision", "submission"))

        assert nominated(bloc_year) == PROPOSED[province]
        assert {n.status for n in nominations} == {Nomination.Status.APPROVED}
        [submission] = {n.submission for n in nominations}
        assert submission.is_submitted
        assert CONFERENCE[province] < submission.date
        [decision] = {n.decision for n in nominations}
        assert decision.note == "Báo cáo không nêu số quyết định; số và ngày ở đây là minh họa."
        assert "minh họa" in decision.number
        assert submission.date < decision.date < datetime.date(2021, 7, 1)
        assert decision.signer.startswith("Chủ tịch UBND tỉnh")

    @BOTH
    def test_the_pages_show_the_result_the_nominations_and_the_decision(self, province, client_for):
        bloc_year = bloc_year_of(province)
        client = client_for(User.objects.get(province__code=province))
        ballot = Ballot.objects.get(meeting=conference_of(province))
        args = [bloc_year.bloc_id, 2020]
        decision = Decision.objects.get(province__code=province)

        result = client.get(reverse("awards:ballot_result", args=[*args, ballot.pk]))
        assert proposals(result.context["result"]) == PROPOSED[province]
        text = result.content.decode()
        for row in (r for award in result.context["result"].awards for r in award.rows):
            assert percent(row.percent) in text

        text = client.get(reverse("awards:nomination_list", args=args)).content.decode()
        assert decision.number in text
        text = client.get(reverse("awards:province_nominations", args=[2020])).content.decode()
        assert decision.number in text
        for nomination in bloc_year.nominations.select_related("unit"):
            page = client.get(nomination.unit.get_absolute_url())
            assert [row.decision for row in page.context["award_rows"]] == [decision]
            assert decision.number in page.content.decode()
            assert decision.date.strftime("%d/%m/%Y") in page.content.decode()

    def test_a_member_reads_its_peers_award_history(self, client_for):
        page = client_for(User.objects.get(username="vks.daklak")).get(
            unit(DAK_LAK, "bchqs").get_absolute_url()
        )

        assert page.status_code == 200
        assert "01/QĐ-UBND (minh họa)" in page.content.decode()

    @BOTH
    def test_the_vote_count_record_reads_back_with_the_2020_names_and_the_2021_bases(
        self, province
    ):
        record_ = document(province, "vote_count")
        text = pdf_text(record_)

        assert record_.date == CONFERENCE[province]
        assert f"Số: {record_.symbol}" in text
        assert "BIÊN BẢN KIỂM PHIẾU" in text
        present = PRESENT[province]
        assert f"Số phiếu phát ra: {present} phiếu" in text
        assert f"Số phiếu hợp lệ: {present} phiếu" in text
        assert all(basis in text for basis in BASES_2021)
        assert not any(basis in text for basis in LATER_BASES)
        outcome = text[text.index("4. Kết quả bình xét") :]
        assert all(name in outcome for name in all_proposed(province))
        assert all(share.split(" ")[1].strip("()") in outcome for share in PERCENTAGES[province])
        assert not LATER_THADS.search(text)
        assert "TRƯỞNG BAN KIỂM PHIẾU" in text
        head = Ballot.objects.get(meeting=conference_of(province)).counters.get(role="head")
        assert head.name in text

    @BOTH
    def test_the_to_trinh_reads_back_with_the_nominees_their_votes_and_its_dossier(self, province):
        to_trinh = document(province, "submission")
        text = pdf_text(to_trinh)

        assert to_trinh.symbol.startswith("01/TTr-")
        assert "TỜ TRÌNH" in text
        assert all(basis in text for basis in BASES_2021)
        assert not any(basis in text for basis in LATER_BASES)
        assert all(name in text for name in all_proposed(province))
        assert all(share in text for share in PERCENTAGES[province])
        assert f"Biên bản Hội nghị số {document(province, 'minutes').symbol}" in text
        assert f"Biên bản kiểm phiếu số {document(province, 'vote_count').symbol}" in text
        assert not LATER_THADS.search(text)

    @BOTH
    def test_the_year_end_minutes_carry_the_ballot_and_the_proposals(self, province):
        minutes = document(province, "minutes")
        text = pdf_text(minutes)

        assert minutes.symbol.startswith("01/BB-")
        present = PRESENT[province]
        assert f"Số phiếu phát ra: {present}; số phiếu thu vào: {present}" in text
        proposals_section = text[text.index("ĐỀ NGHỊ KHEN THƯỞNG") :]
        assert all(name in proposals_section for name in all_proposed(province))
        shares = [share.split(" ")[1].strip("()%") for share in PERCENTAGES[province]]
        assert all(f" {share} Đạt Trong chỉ tiêu" in text for share in shares)
        assert not LATER_THADS.search(text)

    def test_the_ca_mau_documents_name_cuc_thads_as_in_2020(self):
        for kind in ("minutes", "vote_count", "submission"):
            text = pdf_text(document(CA_MAU, kind))
            assert "Cục Thi hành án dân sự tỉnh Cà Mau" in text
            assert not LATER_THADS.search(text)

    def test_the_ca_mau_pages_of_2020_name_cuc_thads_as_in_2020(self, client_for):
        bloc_year = bloc_year_of(CA_MAU)
        client = client_for(User.objects.get(province__code=CA_MAU))
        ballot = Ballot.objects.get(meeting=conference_of(CA_MAU))
        args = [bloc_year.bloc_id, 2020]
        for url in (
            reverse("awards:ballot_result", args=[*args, ballot.pk]),
            reverse("awards:ballot_edit", args=[*args, ballot.meeting_id, ballot.pk]),
            reverse("awards:ballot_print", args=args),
            reverse("awards:nomination_list", args=args),
            reverse("awards:province_nominations", args=[2020]),
        ):
            text = client.get(url).content.decode()
            assert "Cục Thi hành án dân sự" in text, url
            assert "<td>Thi hành án dân sự tỉnh" not in text, url

    def test_a_second_run_of_the_demo_changes_nothing(self):
        models = (Ballot, BallotCounter, Nomination, Submission, Decision, Document)
        before = [m.objects.count() for m in models]
        history = [m.history.count() for m in models if hasattr(m, "history")]

        load_demo()

        assert [m.objects.count() for m in models] == before
        assert [m.history.count() for m in models if hasattr(m, "history")] == history
