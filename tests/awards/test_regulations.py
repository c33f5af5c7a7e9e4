"""The province's award rules and the legal texts: which texts a date cites, the flag quota by
bloc size, applying the rules to the blocs' years, the rules box, and the pages and their rights."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from awards.models import AwardRules, LegalBasis, Nomination
from awards.selectors.regulations import flag_quota_words, regulation_box
from awards.services.regulations import award_rules_save, legal_basis_save, regulations_apply
from blocs.models import BlocYear
from core.errors import DomainError
from demo import regulations as demo_regulations
from meetings.models import Meeting
from tests.checks import STALE
from tests.factories import (
    AwardRulesFactory,
    AwardTypeFactory,
    BlocFactory,
    BlocYearFactory,
    BoardUserFactory,
    LegalBasisFactory,
    MembershipFactory,
    NationalUserFactory,
    ProvinceFactory,
    UnitUserFactory,
)
from tests.personas import by_persona
from units.models import User

pytestmark = pytest.mark.django_db

D = datetime.date
RULES_URL = reverse("awards:regulations")


# Who may write the province's rules and its own texts: its board; unit staff of the province
# read them (403), the other province's people do not see them (404), national staff read.
#                      board secr depu memb oblc oprv opbd natl
BOARD_WRITES_GET = (200, 403, 403, 403, 403, 404, 404, 403)
BOARD_WRITES_POST = (302, 403, 403, 403, 403, 404, 404, 403)
NATIONAL_WRITES_GET = (403, 403, 403, 403, 403, 403, 403, 200)
NATIONAL_WRITES_POST = (403, 403, 403, 403, 403, 403, 403, 302)


@pytest.fixture
def demo_texts(world) -> None:
    """The national texts of the demo, with their dates, and the rules of province A (Đắk Lắk)."""
    demo_regulations.load(Counter())


@pytest.fixture
def rules_a(province_a) -> AwardRules:
    """Province A from 2020: 2 flags for a bloc of 3 or more, 4 certificates, above 60%."""
    return AwardRulesFactory(
        province=province_a,
        from_year=2020,
        large_bloc_members=3,
        flags_per_large_bloc=2,
        merits_per_bloc=4,
        vote_threshold_percent=60,
    )


@pytest.fixture
def text_a(province_a) -> LegalBasis:
    return LegalBasisFactory(
        province=province_a,
        kind=LegalBasis.Kind.PROVINCE,
        number="12/2020/QĐ-UBND",
        citation="Quyết định số 12/2020/QĐ-UBND của UBND tỉnh Đắk Lắk ban hành Quy chế",
        effective_from=D(2020, 3, 1),
    )


@pytest.fixture
def national_text() -> LegalBasis:
    return LegalBasisFactory(number="98/2023/NĐ-CP", effective_to=D(2025, 6, 30))


@pytest.fixture
def superuser(world) -> User:
    return User.objects.create_superuser("it", password="x")


def basis_citations(*, province_id: int | None, on: datetime.date) -> list[str]:
    """Return what a document dated `on` cites after “Căn cứ”."""
    texts = LegalBasis.objects.cited(province_id=province_id, on=on)
    return list(texts.values_list("citation", flat=True))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Which texts a date cites ------------------------------------------------------------


class TestTheTextsInForce:
    @pytest.mark.parametrize(
        ("day", "cited"),
        [
            (D(2020, 6, 1), ["15/2003/QH11", "91/2017/NĐ-CP"]),
            (D(2023, 12, 31), ["15/2003/QH11", "91/2017/NĐ-CP"]),
            (D(2024, 1, 1), ["06/2022/QH15", "98/2023/NĐ-CP"]),
            (D(2024, 3, 15), ["06/2022/QH15", "98/2023/NĐ-CP"]),
            (D(2025, 6, 30), ["06/2022/QH15", "98/2023/NĐ-CP"]),
            (D(2025, 7, 1), ["06/2022/QH15", "152/2025/NĐ-CP"]),
            (D(2025, 8, 10), ["06/2022/QH15", "152/2025/NĐ-CP"]),
        ],
    )
    def test_a_date_cites_the_law_and_the_decree_in_force_on_it(self, demo_texts, day, cited):
        numbers = LegalBasis.objects.cited(province_id=None, on=day).values_list(
            "number", flat=True
        )

        assert list(numbers) == cited

    def test_the_2020_citation_names_the_2003_law_and_its_amendments(self, demo_texts):
        (law, decree) = basis_citations(province_id=None, on=D(2020, 12, 20))

        assert "ngày 26 tháng 11 năm 2003" in law
        assert "ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013" in law
        assert decree == "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ"

    def test_circulars_and_the_format_decree_are_in_force_but_not_cited(self, demo_texts):
        in_force = set(
            LegalBasis.objects.in_force(province_id=None, on=D(2025, 8, 10)).values_list(
                "number", flat=True
            )
        )

        assert {"15/2025/TT-BNV", "30/2020/NĐ-CP"} <= in_force
        assert "01/2024/TT-BNV" not in in_force
        cited = basis_citations(province_id=None, on=D(2025, 8, 10))
        assert not any("Thông tư" in c or "30/2020" in c for c in cited)

    def test_the_circular_of_2024_ends_the_day_before_the_one_of_2025_begins(self, demo_texts):
        old = LegalBasis.objects.get(number="01/2024/TT-BNV")
        new = LegalBasis.objects.get(number="15/2025/TT-BNV")

        assert old.effective_to + datetime.timedelta(days=1) == new.effective_from
        assert "cần kiểm tra" in old.note and not old.cite_in_documents

    def test_a_province_cites_its_own_texts_after_the_national_ones_and_not_anothers(
        self, demo_texts, text_a, province_a, province_b
    ):
        day = D(2021, 1, 20)

        assert basis_citations(province_id=province_a.pk, on=day)[-1] == text_a.citation
        assert text_a.citation not in basis_citations(province_id=province_b.pk, on=day)

    def test_loading_the_demo_again_adds_nothing(self, demo_texts, province_a, province_b):
        created = Counter()

        demo_regulations.load(created)

        assert not +created
        assert LegalBasis.objects.filter(province__isnull=True).count() == 8

    def test_the_demo_provinces_follow_the_design_defaults_from_2020(
        self, demo_texts, province_a, province_b
    ):
        # province A has the code of Đắk Lắk; B (Cao Bằng) is not a demo province.
        rules = AwardRules.objects.get(province=province_a)

        assert (rules.from_year, rules.quorum_numerator, rules.quorum_denominator) == (2020, 2, 3)
        assert (rules.vote_threshold_percent, rules.flags_per_bloc, rules.merits_per_bloc) == (
            50,
            1,
            3,
        )
        assert rules.large_bloc_members is None and not rules.nomination_without_ballot
        assert rules.basis is None and "không nêu số" in rules.note
        assert not AwardRules.objects.filter(province=province_b).exists()


# --- The flag quota -----------------------------------------------------------------------


class TestTheFlagQuota:
    def test_every_bloc_has_the_same_quota_without_a_large_bloc_rule(self):
        rules = AwardRules(flags_per_bloc=1)

        assert [rules.flag_quota_for(n) for n in (2, 15, 40)] == [1, 1, 1]

    def test_a_large_bloc_has_more_flags_from_its_size_on(self):
        rules = AwardRules(flags_per_bloc=1, large_bloc_members=15, flags_per_large_bloc=2)

        assert [rules.flag_quota_for(n) for n in (14, 15, 30)] == [1, 2, 2]

    def test_the_settings_follow_the_size(self):
        rules = AwardRules(
            quorum_numerator=3,
            quorum_denominator=4,
            vote_threshold_percent=60,
            flags_per_bloc=1,
            large_bloc_members=10,
            flags_per_large_bloc=2,
            merits_per_bloc=5,
        )

        assert rules.settings_for(12) == {
            "quorum_numerator": 3,
            "quorum_denominator": 4,
            "vote_threshold_percent": 60,
            "flag_quota": 2,
            "merit_quota": 5,
        }

    def test_the_quota_is_said_as_the_province_words_it(self):
        rules = AwardRules(flags_per_bloc=1, large_bloc_members=15, flags_per_large_bloc=2)

        with translation.override("en"):
            assert flag_quota_words(rules) == "1 flag; 2 flags if the bloc has at least 15 members"
            assert flag_quota_words(AwardRules(flags_per_bloc=1)) == "1 flag"


# --- Applying the rules to the blocs of a year --------------------------------------------


def settings_of(bloc_year: BlocYear) -> tuple:
    bloc_year.refresh_from_db()
    return (
        bloc_year.vote_threshold_percent,
        bloc_year.flag_quota,
        bloc_year.merit_quota,
        bloc_year.version,
    )


def submitted_nomination(bloc_year: BlocYear, status=Nomination.Status.SUBMITTED) -> Nomination:
    membership = bloc_year.memberships.select_related("unit").first()
    award_type = AwardTypeFactory(province=bloc_year.bloc.province)
    return Nomination.objects.create(
        bloc_year=bloc_year,
        membership=membership,
        unit=membership.unit,
        award_type=award_type,
        reason="Thành tích xuất sắc",
        status=status,
    )


class TestApplyingTheRules:
    def test_each_open_bloc_year_gets_the_settings_for_its_size(
        self, rules_a, province_a, bloc_year_1, bloc_year_2, board
    ):
        applied = regulations_apply(province=province_a, year=2025)

        # Bloc 1 has 3 members (a large bloc), bloc 2 has 2.
        assert settings_of(bloc_year_1) == (60, 2, 4, 2)
        assert settings_of(bloc_year_2) == (60, 1, 4, 2)
        assert [row.bloc_year for row in applied.updated] == [bloc_year_1, bloc_year_2]

    def test_the_history_keeps_who_applied_them_and_why(
        self, rules_a, province_a, bloc_year_1, board, client_for
    ):
        url = reverse("awards:regulations_apply_confirm", args=[province_a.code])
        client_for(board).post(url, {"year": 2025})

        record = bloc_year_1.history.first()
        assert record.history_user == board
        assert record.flag_quota == 2 and record.history_type == "~"
        assert "2020" in record.history_change_reason

    def test_a_closed_year_and_a_year_with_submitted_nominations_are_skipped_by_name(
        self, rules_a, province_a, bloc_year_1, bloc_year_2
    ):
        bloc_year_2.state = BlocYear.State.CLOSED
        bloc_year_2.save()
        submitted_nomination(bloc_year_1)
        before = (settings_of(bloc_year_1), settings_of(bloc_year_2))

        applied = regulations_apply(province=province_a, year=2025)

        assert (settings_of(bloc_year_1), settings_of(bloc_year_2)) == before
        assert applied.updated == []
        reasons = {row.bloc_year: row.skip_reason for row in applied.skipped}
        assert reasons == {
            bloc_year_1: gettext("its nominations are already submitted to the province"),
            bloc_year_2: gettext("the year is closed"),
        }
        (level, said) = applied.messages()[-1]
        assert level == "warning"
        assert bloc_year_1.bloc.name in said and bloc_year_2.bloc.name in said

    @pytest.mark.parametrize("status", [Nomination.Status.DRAFT, Nomination.Status.RETURNED])
    def test_draft_or_returned_nominations_do_not_stop_it(
        self, rules_a, province_a, bloc_year_1, status
    ):
        submitted_nomination(bloc_year_1, status=status)

        regulations_apply(province=province_a, year=2025)

        assert settings_of(bloc_year_1)[1] == 2

    def test_a_year_that_already_follows_the_rules_is_left_as_it_is(
        self, province_a, bloc_year_1, bloc_year_2
    ):
        AwardRulesFactory(province=province_a, from_year=2020)  # the defaults, as the years have

        applied = regulations_apply(province=province_a, year=2025)

        assert applied.updated == [] and len(applied.unchanged) == 2
        assert settings_of(bloc_year_1)[3] == 1

    def test_other_years_and_provinces_are_not_touched(
        self, rules_a, province_a, bloc_1, bloc_year_b
    ):
        earlier = BlocYearFactory(bloc=bloc_1, year=2024)
        MembershipFactory.create_batch(3, bloc_year=earlier)
        AwardRulesFactory(province=bloc_year_b.bloc.province, from_year=2020, merits_per_bloc=9)

        regulations_apply(province=province_a, year=2025)

        assert settings_of(earlier) == (50, 1, 3, 1)
        assert settings_of(bloc_year_b) == (50, 1, 3, 1)

    def test_the_latest_rules_before_the_year_apply(self, rules_a, province_a, bloc_year_1):
        AwardRulesFactory(province=province_a, from_year=2024, merits_per_bloc=6)
        AwardRulesFactory(province=province_a, from_year=2026, merits_per_bloc=8)

        regulations_apply(province=province_a, year=2025)

        assert settings_of(bloc_year_1)[2] == 6

    def test_without_rules_it_is_refused_and_nothing_changes(self, province_a, bloc_year_1):
        with pytest.raises(DomainError):
            regulations_apply(province=province_a, year=2025)

        assert settings_of(bloc_year_1) == (50, 1, 3, 1)


# --- Saving rules and texts ----------------------------------------------------------------


class TestTheServices:
    def test_rules_are_refused_a_large_bloc_without_its_quota(self, province_a):
        with pytest.raises(DomainError) as refused:
            award_rules_save(province=province_a, from_year=2024, large_bloc_members=15)

        assert refused.value.field == "flags_per_large_bloc"
        assert not AwardRules.objects.exists()

    def test_rules_rest_on_a_text_of_their_own_province(self, province_b, text_a):
        with pytest.raises(DomainError) as refused:
            award_rules_save(province=province_b, from_year=2024, basis=text_a)

        assert refused.value.field == "basis"

    def test_a_stale_copy_of_the_rules_is_refused(self, rules_a, province_a):
        award_rules_save(province=province_a, rules=rules_a, version=1, merits_per_bloc=5)

        with pytest.raises(DomainError) as refused:
            award_rules_save(province=province_a, rules=rules_a, version=1, merits_per_bloc=7)

        assert refused.value.message == gettext(STALE)
        rules_a.refresh_from_db()
        assert (rules_a.merits_per_bloc, rules_a.version) == (5, 2)

    def test_a_national_text_cannot_become_a_provinces(self, national_text, province_a):
        with pytest.raises(DomainError):
            legal_basis_save(province=province_a, basis=national_text, version=1, note="x")

    def test_a_provincial_text_is_not_a_law(self, province_a):
        with pytest.raises(DomainError) as refused:
            legal_basis_save(
                province=province_a,
                kind=LegalBasis.Kind.LAW,
                number="1/QĐ",
                citation="x",
                effective_from=D(2024, 1, 1),
            )

        assert refused.value.field == "kind"


# --- The rules box of a bloc-year ----------------------------------------------------------


class TestTheRulesBox:
    def test_without_rules_it_shows_the_defaults_and_no_difference(self, bloc_year_1):
        box = regulation_box(bloc_year_1)

        assert box.is_default and box.differences == ()
        assert (box.member_count, box.flag_quota, box.quorum_needed) == (3, 1, 2)

    def test_it_warns_where_the_years_settings_differ(self, rules_a, text_a, bloc_year_1):
        rules_a.basis = text_a
        rules_a.save()

        context = {"regulation_box": regulation_box(bloc_year_1, on=D(2025, 12, 20))}
        html = render_to_string("awards/includes/regulation_box.html", context)

        labels = {change.label for change in context["regulation_box"].differences}
        assert labels == {
            gettext("Vote threshold"),
            gettext("Emulation flags"),
            gettext("Certificates of merit"),
        }
        assert 'data-testid="rules-box-differs"' in html
        assert text_a.citation in html

    def test_after_applying_the_rules_it_no_longer_warns(self, rules_a, province_a, bloc_year_1):
        regulations_apply(province=province_a, year=2025)
        bloc_year_1.refresh_from_db()

        html = render_to_string(
            "awards/includes/regulation_box.html", {"regulation_box": regulation_box(bloc_year_1)}
        )

        assert 'data-testid="rules-box-differs"' not in html

    def test_it_cites_the_texts_in_force_on_the_year_end_conference(self, demo_texts, province_a):
        bloc_year = BlocYearFactory(bloc__province=province_a, year=2023)
        Meeting.objects.create(
            bloc_year=bloc_year, title="Tổng kết 2023", date=D(2024, 1, 20), venue_kind=""
        )

        box = regulation_box(bloc_year)

        assert box.on == D(2024, 1, 20)
        assert [basis.number for basis in box.citations] == ["06/2022/QH15", "98/2023/NĐ-CP"]

    def test_a_past_year_without_its_conference_cites_its_last_day(self, demo_texts, province_a):
        bloc_year = BlocYearFactory(bloc__province=province_a, year=2021)

        box = regulation_box(bloc_year)

        assert box.on == D(2021, 12, 31)
        assert [basis.number for basis in box.citations] == ["15/2003/QH11", "91/2017/NĐ-CP"]

    def test_it_costs_a_few_queries(self, rules_a, bloc_year_1, django_assert_max_num_queries):
        with django_assert_max_num_queries(4):
            regulation_box(bloc_year_1)


# --- The rules page ------------------------------------------------------------------------


class TestThePage:
    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(("persona", "status"), by_persona((200,) * 8))
    def test_everyone_reads_the_rules_of_their_own_province(
        self, request, world, client_for, persona, status
    ):
        assert client_for(request.getfixturevalue(persona)).get(RULES_URL).status_code == status

    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((200, 200, 200, 200, 200, 404, 404, 200))
    )
    def test_another_provinces_rules_are_out_of_reach(
        self, request, world, client_for, persona, status
    ):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(RULES_URL, {"province": "dak-lak"}).status_code == status

    def test_an_anonymous_visitor_is_sent_to_log_in(self, world, client_for):
        assert client_for(None).get(RULES_URL).status_code == 302

    def test_it_refuses_post(self, board, client_for):
        assert client_for(board).post(RULES_URL).status_code == 405

    def test_national_staff_choose_the_province(
        self, national, province_a, province_b, rules_a, client_for
    ):
        client = client_for(national)

        assert client.get(RULES_URL).context["province"] == province_b  # Cao Bằng comes first
        response = client.get(RULES_URL, {"province": "dak-lak"})
        assert response.context["province"] == province_a
        assert [p.rules for p in response.context["periods"]] == [rules_a]
        assert 'data-testid="province-chooser"' in response.content.decode()

    def test_the_board_sees_its_rules_with_the_quota_explained_and_edit_links(
        self, board, rules_a, client_for
    ):
        response = client_for(board).get(RULES_URL)

        (period,) = response.context["periods"]
        assert period.rules == rules_a and period.until_year is None
        assert period.flag_quota_words in response.content.decode()
        assert reverse("awards:awardrules_edit", args=[rules_a.pk]) in response.content.decode()
        assert response.context["can_change"]

    def test_unit_staff_read_without_edit_links(self, member_staff, rules_a, text_a, client_for):
        response = client_for(member_staff).get(RULES_URL)
        html = response.content.decode()

        assert response.context["year_rows"] == []  # the other blocs' years are not theirs
        assert response.context["periods"][0].rules == rules_a
        assert reverse("awards:awardrules_edit", args=[rules_a.pk]) not in html
        assert reverse("awards:legalbasis_edit", args=[text_a.pk]) not in html
        assert not response.context["can_change"]

    def test_rules_apply_until_the_next_ones_begin(self, board, province_a, rules_a, client_for):
        AwardRulesFactory(province=province_a, from_year=2024)

        periods = client_for(board).get(RULES_URL).context["periods"]

        assert [(p.rules.from_year, p.until_year) for p in periods] == [(2024, None), (2020, 2023)]

    def test_the_texts_are_split_national_and_provincial_with_their_state_today(
        self, board, demo_texts, text_a, province_b, client_for
    ):
        LegalBasisFactory(province=province_b, kind=LegalBasis.Kind.PROVINCE, number="B/1")

        response = client_for(board).get(RULES_URL)

        national = {b.number: b for b in response.context["national_bases"]}
        assert len(national) == 8
        assert [b.number for b in response.context["province_bases"]] == [text_a.number]
        assert not national["15/2003/QH11"].in_force_today
        assert national["06/2022/QH15"].in_force_today
        html = response.content.decode()
        assert gettext("in force") in html and gettext("no longer in force") in html

    def test_the_award_types_are_listed_with_links_for_the_board_only(
        self, board, member_staff, flag, client_for
    ):
        edit = reverse("awards:awardtype_edit", args=[flag.pk])

        assert edit in client_for(board).get(RULES_URL).content.decode()
        member_page = client_for(member_staff).get(RULES_URL)
        assert list(member_page.context["award_types"]) == [flag]
        assert edit not in member_page.content.decode()

    def test_the_years_table_names_the_blocs_that_differ(self, board, rules_a, client_for):
        (row,) = client_for(board).get(RULES_URL).context["year_rows"]

        assert row["year"] == 2025 and row["rules"] == rules_a
        assert row["differing"] == ["Khối thi đua số 1", "Khối thi đua số 2"]

    def test_the_board_dashboard_and_the_menu_link_to_it(self, board, member_staff, client_for):
        assert RULES_URL in client_for(board).get(reverse("dashboard")).content.decode()
        assert RULES_URL in client_for(member_staff).get(reverse("dashboard")).content.decode()


# --- Adding and changing rules -------------------------------------------------------------


def rules_data(rules: AwardRules | None = None, **changes) -> dict:
    """Return the rules form as the page fills it, with the changes typed in."""
    data = {
        "from_year": 2024,
        "quorum_numerator": 2,
        "quorum_denominator": 3,
        "vote_threshold_percent": 50,
        "flags_per_bloc": 1,
        "large_bloc_members": "",
        "flags_per_large_bloc": "",
        "merits_per_bloc": 3,
        "basis": "",
        "note": "",
    }
    if rules is not None:
        data = {
            "from_year": rules.from_year,
            "quorum_numerator": rules.quorum_numerator,
            "quorum_denominator": rules.quorum_denominator,
            "vote_threshold_percent": rules.vote_threshold_percent,
            "flags_per_bloc": rules.flags_per_bloc,
            "large_bloc_members": rules.large_bloc_members or "",
            "flags_per_large_bloc": rules.flags_per_large_bloc or "",
            "merits_per_bloc": rules.merits_per_bloc,
            "basis": rules.basis_id or "",
            "note": rules.note,
            "version": rules.version,
        }
    return {**data, **changes}


CREATE_RULES_URL = reverse("awards:awardrules_create", args=["dak-lak"])


def edit_rules_url(rules: AwardRules) -> str:
    return reverse("awards:awardrules_edit", args=[rules.pk])


class TestAddingRules:
    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_GET))
    def test_who_may_open_the_form(self, request, world, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(CREATE_RULES_URL).status_code == status

    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_POST))
    def test_who_may_add_rules(self, request, world, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(
            CREATE_RULES_URL, rules_data(large_bloc_members=15, flags_per_large_bloc=2)
        )

        assert response.status_code == status
        added = AwardRules.objects.filter(province=world.province_a, from_year=2024)
        assert added.exists() == (status == 302)

    def test_the_board_adds_rules_with_a_basis_of_its_province(
        self, board, province_a, text_a, client_for
    ):
        response = client_for(board).post(
            CREATE_RULES_URL, rules_data(basis=text_a.pk, note="Theo Quy chế mới")
        )

        assert response.status_code == 302
        rules = AwardRules.objects.get(province=province_a)
        assert (rules.basis, rules.note) == (text_a, "Theo Quy chế mới")
        assert rules.history.first().history_user == board

    def test_an_it_superuser_sets_no_province_s_rules_in_the_pages(
        self, superuser, province_b, client_for
    ):
        url = reverse("awards:awardrules_create", args=[province_b.code])

        assert client_for(superuser).post(url, rules_data()).status_code in (403, 404)
        assert not AwardRules.objects.filter(province=province_b).exists()

    def test_the_form_starts_from_the_latest_rules(self, board, rules_a, client_for):
        form = client_for(board).get(CREATE_RULES_URL).context["form"]

        assert form.initial["merits_per_bloc"] == 4 and form.initial["large_bloc_members"] == 3
        assert form.initial["from_year"] > rules_a.from_year

    def test_a_large_bloc_without_its_quota_is_refused_and_the_input_kept(self, board, client_for):
        data = rules_data(large_bloc_members=15, note="Quy chế 2024")

        response = client_for(board).post(CREATE_RULES_URL, data)

        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["flags_per_large_bloc"] == [
            gettext("Give both the size of a large bloc and its flag quota, or neither.")
        ]
        assert form["large_bloc_members"].value() == "15"
        assert form["note"].value() == "Quy chế 2024"
        assert not AwardRules.objects.exists()

    def test_a_second_set_of_rules_from_the_same_year_is_refused(self, board, rules_a, client_for):
        response = client_for(board).post(CREATE_RULES_URL, rules_data(from_year=2020))

        assert response.status_code == 200
        assert gettext("The province already has rules from this year.") in str(
            response.context["form"].errors
        )
        assert AwardRules.objects.count() == 1

    def test_a_quorum_above_one_is_refused(self, board, client_for):
        response = client_for(board).post(
            CREATE_RULES_URL, rules_data(quorum_numerator=4, quorum_denominator=3)
        )

        assert response.context["form"].errors["quorum_numerator"] == [
            gettext("The quorum must be a fraction between 0 and 1.")
        ]
        assert not AwardRules.objects.exists()

    def test_a_basis_of_another_province_cannot_be_chosen(
        self, other_province_board, text_a, client_for
    ):
        url = reverse("awards:awardrules_create", args=["cao-bang"])

        response = client_for(other_province_board).post(url, rules_data(basis=text_a.pk))

        assert response.status_code == 200 and "basis" in response.context["form"].errors
        assert not AwardRules.objects.exists()


class TestChangingRules:
    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_GET))
    def test_who_may_open_the_form(self, request, rules_a, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(edit_rules_url(rules_a)).status_code == status

    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_POST))
    def test_who_may_change_them(self, request, rules_a, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(edit_rules_url(rules_a), rules_data(rules_a, merits_per_bloc=7))

        assert response.status_code == status
        rules_a.refresh_from_db()
        assert rules_a.merits_per_bloc == (7 if status == 302 else 4)

    def test_the_change_bumps_the_version_and_shows_in_the_history(
        self, board, rules_a, client_for
    ):
        client = client_for(board)
        client.post(edit_rules_url(rules_a), rules_data(rules_a, merits_per_bloc=7))

        rules_a.refresh_from_db()
        assert rules_a.version == 2
        (entry, *_) = client.get(edit_rules_url(rules_a)).context["history"]
        assert entry.user == board

    def test_a_stale_save_is_refused_and_keeps_the_input(self, board, rules_a, client_for):
        data = rules_data(rules_a, merits_per_bloc=9)
        award_rules_save(province=rules_a.province, rules=rules_a, version=1, merits_per_bloc=5)

        response = client_for(board).post(edit_rules_url(rules_a), data)

        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [gettext(STALE)]
        assert response.context["form"]["merits_per_bloc"].value() == "9"
        rules_a.refresh_from_db()
        assert rules_a.merits_per_bloc == 5


# --- Adding and changing legal texts -------------------------------------------------------


def basis_data(basis: LegalBasis | None = None, **changes) -> dict:
    """Return the legal text form as the page fills it, with the changes typed in."""
    data = {
        "kind": LegalBasis.Kind.PROVINCE,
        "number": "25/2024/QĐ-UBND",
        "citation": "Quyết định số 25/2024/QĐ-UBND ban hành Quy chế",
        "effective_from": "2024-05-01",
        "effective_to": "",
        "cite_in_documents": "on",
        "position": 1,
        "note": "",
    }
    if basis is not None:
        data = {
            "kind": basis.kind,
            "number": basis.number,
            "citation": basis.citation,
            "effective_from": basis.effective_from.isoformat(),
            "effective_to": basis.effective_to.isoformat() if basis.effective_to else "",
            "position": basis.position,
            "note": basis.note,
            "version": basis.version,
        }
        if basis.cite_in_documents:
            data["cite_in_documents"] = "on"
    return {**data, **changes}


NATIONAL_DATA = {"kind": LegalBasis.Kind.DECREE, "number": "152/2025/NĐ-CP"}
CREATE_NATIONAL_URL = reverse("awards:legalbasis_create_national")
CREATE_TEXT_URL = reverse("awards:legalbasis_create", args=["dak-lak"])


def edit_basis_url(basis: LegalBasis) -> str:
    return reverse("awards:legalbasis_edit", args=[basis.pk])


class TestNationalTexts:
    @pytest.mark.parametrize(("persona", "status"), by_persona(NATIONAL_WRITES_GET))
    def test_who_may_open_the_form(self, request, world, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(CREATE_NATIONAL_URL).status_code == status

    @pytest.mark.parametrize(("persona", "status"), by_persona(NATIONAL_WRITES_POST))
    def test_who_may_add_one(self, request, world, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(CREATE_NATIONAL_URL, basis_data(**NATIONAL_DATA))

        assert response.status_code == status
        added = LegalBasis.objects.filter(number="152/2025/NĐ-CP", province__isnull=True)
        assert added.exists() == (status == 302)

    @pytest.mark.parametrize(("persona", "status"), by_persona(NATIONAL_WRITES_GET))
    def test_who_may_open_one(self, request, national_text, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(edit_basis_url(national_text)).status_code == status

    @pytest.mark.parametrize(("persona", "status"), by_persona(NATIONAL_WRITES_POST))
    def test_who_may_change_one(self, request, national_text, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(
            edit_basis_url(national_text), basis_data(national_text, effective_to="2025-07-31")
        )

        assert response.status_code == status
        national_text.refresh_from_db()
        assert (national_text.effective_to == D(2025, 7, 31)) == (status == 302)

    def test_a_provincial_kind_is_not_offered_for_a_national_text(self, national, client_for):
        response = client_for(national).post(CREATE_NATIONAL_URL, basis_data())

        assert response.status_code == 200 and "kind" in response.context["form"].errors
        assert not LegalBasis.objects.exists()

    def test_a_number_already_recorded_is_refused_and_the_input_kept(
        self, national, national_text, client_for
    ):
        data = basis_data(kind=LegalBasis.Kind.DECREE, number=national_text.number, note="mới")

        response = client_for(national).post(CREATE_NATIONAL_URL, data)

        form = response.context["form"]
        assert gettext("A national text of this number is already recorded.") in str(form.errors)
        assert form["note"].value() == "mới"
        assert LegalBasis.objects.count() == 1


class TestProvincialTexts:
    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_GET))
    def test_who_may_open_the_form(self, request, world, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(CREATE_TEXT_URL).status_code == status

    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_POST))
    def test_who_may_add_one(self, request, world, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(CREATE_TEXT_URL, basis_data())

        assert response.status_code == status
        added = LegalBasis.objects.filter(province=world.province_a, number="25/2024/QĐ-UBND")
        assert added.exists() == (status == 302)

    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_GET))
    def test_who_may_open_one(self, request, text_a, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(edit_basis_url(text_a)).status_code == status

    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_POST))
    def test_who_may_change_one(self, request, text_a, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(edit_basis_url(text_a), basis_data(text_a, note="Còn hiệu lực"))

        assert response.status_code == status
        text_a.refresh_from_db()
        assert (text_a.note == "Còn hiệu lực") == (status == 302)
        assert text_a.version == (2 if status == 302 else 1)

    def test_an_it_superuser_adds_no_text_in_the_pages(self, superuser, province_b, client_for):
        url = reverse("awards:legalbasis_create", args=[province_b.code])

        assert client_for(superuser).post(url, basis_data()).status_code in (403, 404)
        assert not LegalBasis.objects.exists()

    def test_an_end_before_the_start_is_refused_and_the_input_kept(self, board, client_for):
        data = basis_data(effective_to="2024-04-30", citation="Quyết định số 25 (sửa)")

        response = client_for(board).post(CREATE_TEXT_URL, data)

        form = response.context["form"]
        assert form.errors["effective_to"] == [
            gettext("A text cannot stop applying before it starts.")
        ]
        assert form["citation"].value() == "Quyết định số 25 (sửa)"
        assert not LegalBasis.objects.exists()

    def test_a_law_is_not_a_text_of_the_province(self, board, client_for):
        response = client_for(board).post(CREATE_TEXT_URL, basis_data(kind=LegalBasis.Kind.LAW))

        assert "kind" in response.context["form"].errors
        assert not LegalBasis.objects.exists()

    def test_a_stale_save_is_refused(self, board, text_a, client_for):
        data = basis_data(text_a, note="Của tôi")
        legal_basis_save(province=text_a.province, basis=text_a, version=1, note="Của họ")

        response = client_for(board).post(edit_basis_url(text_a), data)

        assert response.context["form"].non_field_errors() == [gettext(STALE)]
        assert response.context["form"]["note"].value() == "Của tôi"
        text_a.refresh_from_db()
        assert text_a.note == "Của họ"


# --- Applying the rules from the page -------------------------------------------------------


APPLY_URL = reverse("awards:regulations_apply", args=["dak-lak"])
CONFIRM_URL = reverse("awards:regulations_apply_confirm", args=["dak-lak"])


class TestApplyingFromThePage:
    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_GET))
    def test_who_may_see_what_it_would_do(self, request, rules_a, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(APPLY_URL, {"year": 2025}).status_code == status

    def test_the_preview_changes_nothing_and_refuses_post(
        self, board, rules_a, bloc_year_1, client_for
    ):
        client = client_for(board)

        response = client.get(APPLY_URL, {"year": 2025})

        plan = response.context["plan"]
        assert [row.outcome for row in plan.rows] == ["update", "update"]
        assert CONFIRM_URL in response.content.decode()
        assert settings_of(bloc_year_1) == (50, 1, 3, 1)
        assert client.post(APPLY_URL, {"year": 2025}).status_code == 405

    @pytest.mark.parametrize(("persona", "status"), by_persona(BOARD_WRITES_POST))
    def test_who_may_apply_them(self, request, rules_a, bloc_year_1, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(CONFIRM_URL, {"year": 2025})

        assert response.status_code == status
        assert settings_of(bloc_year_1)[1] == (2 if status == 302 else 1)

    def test_it_refuses_get(self, board, rules_a, bloc_year_1, client_for):
        assert client_for(board).get(CONFIRM_URL, {"year": 2025}).status_code == 405
        assert settings_of(bloc_year_1) == (50, 1, 3, 1)

    def test_it_says_how_many_blocs_changed_and_which_were_skipped_and_why(
        self, board, rules_a, bloc_year_1, bloc_year_2, client_for
    ):
        bloc_year_2.state = BlocYear.State.CLOSED
        bloc_year_2.save()

        response = client_for(board).post(CONFIRM_URL, {"year": 2025})

        assert response.status_code == 302 and response.url == f"{RULES_URL}?province=dak-lak"
        said = " ".join(messages_of(response))
        assert bloc_year_1.bloc.name in said
        assert f"{bloc_year_2.bloc.name} ({gettext('the year is closed')})" in said
        assert settings_of(bloc_year_1)[3] == 2 and settings_of(bloc_year_2)[3] == 1

    def test_without_rules_it_is_refused_with_a_message(self, board, bloc_year_1, client_for):
        response = client_for(board).post(CONFIRM_URL, {"year": 2025})

        assert response.status_code == 302
        assert messages_of(response) == [
            gettext("The province has recorded no rules that apply to %(year)d: add them first.")
            % {"year": 2025}
        ]
        assert settings_of(bloc_year_1) == (50, 1, 3, 1)

    def test_a_year_out_of_range_is_refused(self, board, rules_a, client_for):
        response = client_for(board).post(CONFIRM_URL, {"year": "abc"})

        assert messages_of(response) == [gettext("Choose a year between 1990 and 2100.")]


# --- Query counts -----------------------------------------------------------------------------


def build_province(*, blocs: int, years: int, rules: int, texts: int, award_types: int):
    """Build a province with blocs of several years, rules, texts and award types, all edited."""
    province = ProvinceFactory()
    for _ in range(award_types):
        AwardTypeFactory(province=province)
    for i in range(texts):
        basis = LegalBasisFactory(
            province=province, kind=LegalBasis.Kind.PROVINCE, number=f"{i}/{province.pk}/QĐ"
        )
        legal_basis_save(province=province, basis=basis, version=1, note="sửa")
        LegalBasisFactory(number=f"{i}/{province.pk}/NĐ-CP")
    for i in range(rules):
        saved = award_rules_save(province=province, from_year=2015 + i)
        award_rules_save(province=province, rules=saved, version=1, merits_per_bloc=4)
    first_unit = None
    for _ in range(blocs):
        bloc = BlocFactory(province=province)
        for year in range(2025 - years + 1, 2026):
            bloc_year = BlocYearFactory(bloc=bloc, year=year)
            members = MembershipFactory.create_batch(3, bloc_year=bloc_year)
            first_unit = first_unit or members[0].unit
    return {
        "board": BoardUserFactory(province=province),
        "member_staff": UnitUserFactory(unit=first_unit),
        "national": NationalUserFactory(),
    }


SMALL = {"blocs": 1, "years": 1, "rules": 1, "texts": 1, "award_types": 2}
LARGE = {"blocs": 6, "years": 4, "rules": 5, "texts": 6, "award_types": 8}
# Session and user (2), the province (1), its texts, rules, bloc-years and award types (4), the
# history of rules and texts (4), the menu's province (1); asking whether the user may add a
# national text lets Django's own backend load the user's permissions when the rules say no (2).
# Unit staff load their unit (for their province) instead of the menu's province and are not
# shown the blocs' years; national staff list the provinces to choose from and hold that right.
PINNED = {"board": 14, "member_staff": 13, "national": 12}


def queries_of(client, url) -> int:
    client.get(url)  # the first request of a session may store it
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url).status_code == 200
    return len(counted)


def page_of(world: dict, persona: str) -> str:
    code = world["board"].province.code
    return f"{RULES_URL}?province={code}" if persona == "national" else RULES_URL


@pytest.mark.parametrize("persona", list(PINNED))
def test_the_rules_page_makes_a_pinned_number_of_queries_that_does_not_grow(
    client_for, django_assert_max_num_queries, persona
):
    small = build_province(**SMALL)
    small_count = queries_of(client_for(small[persona]), page_of(small, persona))
    large = build_province(**LARGE)
    client = client_for(large[persona])

    with django_assert_max_num_queries(PINNED[persona]):
        response = client.get(page_of(large, persona))

    assert len(response.context["periods"]) == LARGE["rules"]
    assert len(response.context["year_rows"]) == (0 if persona == "member_staff" else 4)
    assert queries_of(client, page_of(large, persona)) == small_count


def test_national_staff_see_the_national_texts_before_any_province_exists(db, client_for):
    LegalBasisFactory(number="06/2022/QH15")

    response = client_for(NationalUserFactory()).get(RULES_URL)

    assert response.status_code == 200 and response.context["province"] is None
    assert [b.number for b in response.context["national_bases"]] == ["06/2022/QH15"]
