"""The province's own titles for a bloc's leaders ("Khối trưởng", "Trưởng khối", "Cụm trưởng"
…): its board sets them, and the pages and documents say them so."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from blocs.models import Bloc, Handover
from core.errors import DomainError
from meetings.documents.handover import HandoverBuilder
from tests.pdfs import flat, pdf_text
from units.models import Province
from units.services.units import province_terms_set

pytestmark = pytest.mark.django_db

TERMS = {"head_term": "Trưởng khối", "deputy_term": "Phó Trưởng khối"}


def terms_url(province) -> str:
    return reverse("units:province_terms", args=[province.code])


class TestTheBoardSetsThem:
    def test_the_standard_titles_by_default(self, province_a):
        assert (province_a.head_term, province_a.deputy_term) == ("Khối trưởng", "Khối phó")

    def test_the_board_sets_them_on_its_province_page(self, province_a, board, client_for):
        client = client_for(board)
        data = {**TERMS, "version": province_a.version}

        assert terms_url(province_a) in client.get(province_a.get_absolute_url()).content.decode()
        response = client.post(terms_url(province_a), data)

        assert response.status_code == 302
        province = Province.objects.get(pk=province_a.pk)
        assert (province.head_term, province.deputy_term) == ("Trưởng khối", "Phó Trưởng khối")

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("secretariat", 404), ("other_province_board", 404), ("national", 403)],
    )
    def test_nobody_else(self, request, province_a, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(terms_url(province_a), {**TERMS, "version": 1})

        assert response.status_code == status
        assert Province.objects.get(pk=province_a.pk).head_term == "Khối trưởng"

    def test_a_stale_copy_is_refused(self, province_a):
        province_terms_set(province=province_a, version=1, **TERMS)

        with pytest.raises(DomainError):
            province_terms_set(
                province=province_a, version=1, head_term="Cụm trưởng", deputy_term="Cụm phó"
            )

        assert Province.objects.get(pk=province_a.pk).head_term == "Trưởng khối"


class TestThePagesAndDocumentsSayThem:
    @pytest.fixture
    def named(self, province_a) -> Province:
        return province_terms_set(province=province_a, version=1, **TERMS)

    def test_the_leadership_table(self, named, bloc_year_1, board, client_for):
        url = reverse("blocs:blocyear_leadership", args=[bloc_year_1.bloc_id, 2025])

        page = client_for(board).get(url).content.decode()

        assert "<td>Trưởng khối</td>" in page
        assert "Phó Trưởng khối" in page

    def test_a_cluster_says_cụm_for_khối(self, named, bloc_1):
        bloc_1.refresh_from_db()
        bloc_1.kind = Bloc.Kind.CLUSTER

        assert (bloc_1.head_term, bloc_1.deputy_term) == ("Trưởng cụm", "Phó Trưởng cụm")

    def test_the_handover_record(self, named, bloc_year_1, unit_h, unit_d):
        handover = Handover.objects.create(
            bloc_year=bloc_year_1,
            from_unit=unit_h,
            from_representative="Nguyễn Văn A",
            to_unit=unit_d,
            to_representative="Trần Văn B",
            handed_over_on=datetime.date(2026, 1, 20),
        )

        text = flat(pdf_text(HandoverBuilder(handover).render(draft=True)))

        assert "Bàn giao nhiệm vụ Trưởng khối Khối thi đua số 1 năm 2026" in text
        assert "Khối trưởng" not in text

    def test_the_pages_headings_and_labels(self, named, bloc_year_1, board, client_for):
        client = client_for(board)
        args = [bloc_year_1.bloc_id, 2025]

        leadership = client.get(reverse("blocs:blocyear_leadership", args=args)).content.decode()
        handover = client.get(reverse("blocs:handover_detail", args=args)).content.decode()
        dashboard = client.get(reverse("dashboard"), {"year": 2025}).content.decode()
        bloc = client.get(bloc_year_1.bloc.get_absolute_url()).content.decode()

        assert "Trưởng khối, Phó Trưởng khối của Khối thi đua số 1 năm 2025" in leadership
        assert "Trưởng khối bàn giao" in handover
        assert "<th>Trưởng khối</th><th>Phó Trưởng khối</th>" in dashboard
        assert "Trưởng khối:" in bloc

    def test_a_member_units_overview(self, named, bloc_year_1, member_staff, client_for):
        page = client_for(member_staff).get(reverse("dashboard")).content.decode()

        assert "Trưởng khối:" in page
        assert "Phó Trưởng khối:" in page
        assert "Khối trưởng" not in page
