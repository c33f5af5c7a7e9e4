"""The minutes of a meeting as a PDF: what the province's clerk reads in it."""

from __future__ import annotations

import datetime
import io
import unicodedata

import pdfplumber
import pytest
from django.core.management import call_command
from django.template import Context, Template

from blocs.models import Pledge
from core.text import person, title_in
from meetings.documents.minutes import MinutesBuilder
from meetings.documents.signatures import unit_role
from meetings.models import Document, Meeting
from meetings.services import meetings as services
from meetings.services.documents import document_issue
from tests.checks import refusal
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    MembershipFactory,
    UnitFactory,
    UnitNameFactory,
)
from tests.pdfs import (
    assert_document_serif,
    flat,
    page_number_words,
    page_texts,
    pdf_text,
    signed_names,
)
from tests.words import assert_national_layout, assert_printed_alike, assert_same_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def khoi_3(world):
    """Khối thi đua số 3 of Đắk Lắk in 2020: Bộ CHQS heads it, Công an is deputy, eight units;
    Thi hành án dân sự was still called Cục Thi hành án dân sự then."""
    a = world.province_a
    thads = UnitFactory(
        province=a,
        short_name="Thi hành án dân sự tỉnh",
        full_name="Thi hành án dân sự tỉnh Đắk Lắk",
    )
    UnitNameFactory(
        unit=thads,
        short_name="Cục Thi hành án dân sự tỉnh",
        full_name="Cục Thi hành án dân sự tỉnh Đắk Lắk",
    )
    thanh_tra = UnitFactory(
        province=a, short_name="Thanh tra tỉnh", full_name="Thanh tra tỉnh Đắk Lắk"
    )
    bdbp = UnitFactory(
        province=a,
        short_name="Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        full_name="Bộ Chỉ huy Bộ đội Biên phòng tỉnh Đắk Lắk",
    )
    bloc = BlocFactory(province=a, name="Khối thi đua số 3", symbol="KTĐ3")
    year = BlocYearFactory(bloc=bloc, year=2020)
    MembershipFactory(bloc_year=year, unit=world.unit_o, head=True)
    MembershipFactory(bloc_year=year, unit=world.unit_h, deputy=True)
    for unit in (world.unit_d, world.unit_m, world.unit_p, thads, thanh_tra, bdbp):
        MembershipFactory(bloc_year=year, unit=unit)
    return year


LONG_OPINION = (
    "Thống nhất với dự thảo báo cáo; đề nghị Khối tiếp tục đổi mới nội dung, hình thức tổ chức "
    "các phong trào thi đua, gắn phong trào thi đua với việc thực hiện nhiệm vụ chính trị của "
    "từng đơn vị, kịp thời phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến."
)


@pytest.fixture
def conference(khoi_3, world) -> Meeting:
    """The year-end conference of 26/01/2021 with two co-chairs, a secretary, a guest, seven
    units present (with representatives) and one absent, long enough for two pages."""
    bchqs, ca = world.unit_o, world.unit_h
    meeting = services.meeting_create(
        bloc_year=khoi_3,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020 và triển khai nhiệm vụ "
        "công tác năm 2021",
        date=datetime.date(2021, 1, 26),
        start_time=datetime.time(14, 30),
        end_time=datetime.time(17, 0),
        host_unit=bchqs,
        secretary_name="Lê Thị Hoa",
        secretary_title="Trợ lý Tuyên huấn",
        secretary_unit=bchqs,
        chairs=[
            {"name": "Thượng tá Trần Minh Trọng", "title": "Chính ủy", "unit": bchqs},
            {"name": "Đại tá Nguyễn Văn Hùng", "title": "Phó Giám đốc", "unit": ca},
        ],
        guests=[
            {
                "name": "Y Sư Niê",
                "title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
                "organisation": "Ban Thi đua - Khen thưởng tỉnh Đắk Lắk",
            }
        ],
        agenda=[
            {"title": "Thông qua Báo cáo tổng kết công tác thi đua, khen thưởng năm 2020"},
            {"title": "Bình xét, bỏ phiếu suy tôn các đơn vị đề nghị khen thưởng"},
            {"title": "Bầu Khối trưởng, Khối phó năm 2021"},
            {"title": "Ký kết giao ước thi đua năm 2021"},
        ],
        report_title="Báo cáo tổng kết công tác thi đua, khen thưởng năm 2020",
        report_summary="Các cơ quan, đơn vị trong khối đã hoàn thành tốt nhiệm vụ.\n"
        "Phong trào thi đua yêu nước được duy trì thường xuyên, liên tục, rộng khắp.",
        opinions=[
            {"unit": unit, "speaker_name": f"Đại diện {unit.short_name}", "content": LONG_OPINION}
            for unit in (world.unit_d, world.unit_m, world.unit_h, world.unit_o)
        ],
        conclusions="Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho Bộ Chỉ huy Quân "
        "sự tỉnh. Hội nghị bầu Công an tỉnh làm Khối trưởng năm 2021.",
    )
    rows = []
    for membership in khoi_3.memberships.select_related("unit"):
        unit = membership.unit
        if unit == world.unit_p:
            rows.append({"unit": unit, "present": False, "absence_reason": "Bận công tác"})
        else:
            rows.append(
                {
                    "unit": unit,
                    "present": True,
                    "representative_name": f"Đại diện {unit.short_name}",
                    "representative_title": "Phó Thủ trưởng",
                }
            )
    return services.meeting_attendance_save(meeting=meeting, version=meeting.version, rows=rows)


@pytest.fixture
def minutes(conference, board) -> Document:
    return document_issue(builder=MinutesBuilder(conference), user=board)


@pytest.fixture
def pdf(minutes) -> bytes:
    with minutes.file.open("rb") as file:
        return file.read()


class TestTheIssuedMinutes:
    def test_it_is_numbered_in_the_bloc_s_minutes_of_the_year_of_its_date(self, minutes):
        assert (minutes.symbol, minutes.doc_type, minutes.number_year) == ("01/BB-KTĐ3", "BB", 2021)
        assert minutes.subject.startswith("Hội nghị tổng kết công tác thi đua, khen thưởng")
        assert list(Document.objects.of_record(minutes.source)) == [minutes]

    def test_the_header_has_the_issuer_the_nation_the_number_and_the_date_line(self, pdf):
        first = flat(page_texts(pdf)[0])

        for line in (
            "UBND TỈNH ĐẮK LẮK",
            "KHỐI THI ĐUA SỐ 3",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 01/BB-KTĐ3",
            "Đắk Lắk, ngày 26 tháng 01 năm 2021",
            "BIÊN BẢN",
        ):
            assert line in first

    def test_it_opens_with_the_time_the_host_s_premises_and_the_meeting(self, pdf):
        text = pdf_text(pdf)

        assert (
            "Vào lúc 14 giờ 30 phút, ngày 26 tháng 01 năm 2021, tại trụ sở Bộ Chỉ huy Quân sự "
            "tỉnh Đắk Lắk, Khối thi đua số 3 tổ chức Hội nghị tổng kết" in text
        )

    def test_it_names_the_guest_the_co_chairs_and_the_secretary(self, pdf):
        text = pdf_text(pdf)

        assert "Y Sư Niê, Phó Trưởng Ban Thi đua - Khen thưởng tỉnh Đắk Lắk" in text
        assert "Đồng chủ trì Hội nghị" in text
        assert "Thượng tá Trần Minh Trọng, Chính ủy Bộ Chỉ huy Quân sự tỉnh Đắk Lắk" in text
        assert "Đại tá Nguyễn Văn Hùng, Phó Giám đốc Công an tỉnh Đắk Lắk" in text
        assert "Lê Thị Hoa, Trợ lý Tuyên huấn Bộ Chỉ huy Quân sự tỉnh Đắk Lắk" in text

    def test_it_lists_every_unit_present_under_its_name_of_that_year(self, pdf, khoi_3, world):
        text = pdf_text(pdf)

        present = khoi_3.memberships.exclude(unit=world.unit_p).select_related("unit")
        for membership in present:
            assert membership.unit.name_in_year(2020).full_name in text
            assert f"Đại diện {membership.unit.short_name}, Phó Thủ trưởng" in text
        assert "Có mặt 7 đơn vị" in text
        assert "Cục Thi hành án dân sự tỉnh Đắk Lắk" in text
        assert "Vắng mặt 1 đơn vị: - Tòa án nhân dân tỉnh Đắk Lắk (lý do: Bận công tác)" in text

    def test_it_states_the_quorum(self, pdf):
        text = pdf_text(pdf)

        assert (
            "Hội nghị có mặt 7/8 đơn vị thành viên, đủ số lượng theo quy định (tối thiểu 6/8 "
            "đơn vị, tức 2/3 số đơn vị thành viên)." in text
        )

    def test_it_records_the_agenda_the_report_the_opinions_and_the_conclusions(self, pdf):
        text = pdf_text(pdf)

        assert "- Bầu Khối trưởng, Khối phó năm 2021;" in text
        assert (
            "Hội nghị đã nghe và thông qua Báo cáo tổng kết công tác thi đua, khen thưởng năm "
            "2020." in text
        )
        assert "Phong trào thi đua yêu nước được duy trì thường xuyên" in text
        assert "- Sở Tư pháp Đắk Lắk (Đại diện Sở Tư pháp): Thống nhất với dự thảo báo cáo" in text
        assert "Hội nghị bầu Công an tỉnh làm Khối trưởng năm 2021." in text

    def test_it_closes_at_the_recorded_time(self, pdf):
        text = pdf_text(pdf)

        assert "Hội nghị kết thúc vào lúc 17 giờ 00 phút cùng ngày./." in text

    def test_the_co_chairs_sign_side_by_side_and_the_secretary_below_on_the_left(self, pdf):
        last = flat(page_texts(pdf)[-1])
        signatures = last[last.index("CHỦ TRÌ") : last.index("Nơi nhận")]

        # The signatures never stand alone on their page: lines of the minutes come with them.
        assert len(last[: last.index("CHỦ TRÌ")].split()) > 10
        # The roles of a row, then its names under the signing space.
        assert signatures == (
            "CHỦ TRÌ CHỦ TRÌ Thượng tá Trần Minh Trọng Đại tá Nguyễn Văn Hùng THƯ KÝ Lê Thị Hoa "
        )
        where = signed_names(pdf, ["Trần Minh Trọng", "Nguyễn Văn Hùng", "Lê Thị Hoa"])
        (first, first_left), (second, second_left) = (
            where["Trần Minh Trọng"],
            where["Nguyễn Văn Hùng"],
        )
        assert first == second and first_left and not second_left
        assert where["Lê Thị Hoa"][0] > first and where["Lê Thị Hoa"][1]

    def test_page_numbers_start_on_page_2(self, pdf):
        # Read top to bottom (pypdf reads the margin boxes last).
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            texts = [page.extract_text() for page in document.pages]

        assert len(texts) >= 2
        assert texts[0].startswith("UBND TỈNH ĐẮK LẮK")
        assert texts[1].startswith("2\n")
        assert page_number_words(pdf)[:2] == [None, "2"]

    def test_it_is_printed_in_the_document_serif_only(self, pdf):
        assert_document_serif(pdf)
        assert not any("DejaVu" in text for text in page_texts(pdf))

    def test_its_text_is_nfc(self, pdf, tmp_path_factory):
        (tmp_path_factory.getbasetemp() / "minutes.pdf").write_bytes(pdf)
        assert all(unicodedata.is_normalized("NFC", text) for text in page_texts(pdf))


class TestWhatIsNotRecorded:
    def test_without_a_time_it_opens_with_the_day(self, conference):
        conference.start_time = conference.end_time = None
        conference.venue_kind, conference.venue = Meeting.VenueKind.ONLINE, ""

        context = MinutesBuilder(conference).context()

        assert context["opening"].startswith(
            "Ngày 26 tháng 01 năm 2021, tại phòng họp trực tuyến của Bộ Chỉ huy Quân sự tỉnh "
            "Đắk Lắk, Khối thi đua số 3 tổ chức"
        )
        assert context["closing"] == ""

    def test_with_only_the_part_of_the_day_it_says_so(self, conference):
        conference.start_time = conference.end_time = None
        conference.day_part = Meeting.DayPart.MORNING

        context = MinutesBuilder(conference).context()

        assert context["opening"].startswith("Vào buổi sáng ngày 26 tháng 01 năm 2021, tại ")

    def test_a_time_and_a_part_of_the_day_together_are_refused(self, conference):
        conference.day_part = Meeting.DayPart.AFTERNOON

        assert "day_part" in refusal(conference, language="en")

    def test_the_internal_note_is_never_printed(self, conference):
        conference.note = "Nguồn: tin trên cổng thông tin; còn phải kiểm tra số đại biểu."
        conference.save()

        text = pdf_text(MinutesBuilder(conference).render(draft=True))

        assert "Nguồn: tin trên cổng thông tin" not in text
        assert "Ghi chú" not in text

    def test_elsewhere_it_prints_the_place_as_typed(self, conference):
        conference.venue_kind, conference.venue = Meeting.VenueKind.OTHER, "Hội trường UBND tỉnh"

        assert (
            "14 giờ 30 phút, ngày 26 tháng 01 năm 2021, tại Hội trường UBND tỉnh, Khối"
            in (MinutesBuilder(conference).context()["opening"])
        )

    def test_a_quorum_not_reached_is_said(self, conference):
        sentence = MinutesBuilder(conference).quorum_sentence(present=5, members=8)

        assert sentence.startswith("Hội nghị có mặt 5/8 đơn vị thành viên, không đủ số lượng")

    def test_without_attendance_there_is_no_quorum_sentence(self, conference):
        assert MinutesBuilder(conference).quorum_sentence(present=0, members=0) == ""

    def test_a_single_chair_signs_right_of_the_secretary(self, conference):
        conference.chairs.filter(position=2).delete()

        rows = MinutesBuilder(conference).context()["signature_rows"]

        assert [[block.role if block else None for block in row] for row in rows] == [
            ["Thư ký", "Chủ trì"]
        ]


def test_a_child_template_adds_its_sections_after_the_conclusions_and_before_the_closing(
    conference,
):
    """The year-end minutes (awards) extend the minutes through `minutes_results`."""
    builder = MinutesBuilder(conference)
    child = Template(
        '{% extends "documents/minutes.html" %}'
        "{% block minutes_results %}<h2>III. KẾT QUẢ BỎ PHIẾU</h2>{% endblock %}"
    )

    html = child.render(Context({**builder.context(), "doc": builder.header()}))

    assert (
        html.index("Kết luận của Hội nghị")
        < html.index("III. KẾT QUẢ BỎ PHIẾU")
        < html.index("Hội nghị kết thúc vào lúc")
        < html.index('class="signatures"')
    )


class TestWritingPeople:
    def test_a_title_ending_in_the_organisation_s_name_is_not_repeated(self):
        assert (
            title_in("Phó Trưởng Ban Thi đua - Khen thưởng tỉnh", "Ban Thi đua - Khen thưởng tỉnh")
            == "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh"
        )
        assert title_in("Phó Chánh Thanh tra tỉnh", "Thanh tra tỉnh Đắk Lắk") == (
            "Phó Chánh Thanh tra tỉnh Đắk Lắk"
        )
        assert title_in("Chính ủy", "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk") == (
            "Chính ủy Bộ Chỉ huy Quân sự tỉnh Đắk Lắk"
        )

    def test_a_title_that_names_the_unit_does_not_repeat_it(self):
        assert title_in("Giám thị Trại giam Đắk Tân", "Trại giam Đắk Tân") == (
            "Giám thị Trại giam Đắk Tân"
        )

    def test_a_title_that_names_another_body_is_followed_by_its_unit_after_a_comma(self):
        assert title_in("Phó Trưởng ban Thi đua - Khen thưởng tỉnh", "Sở Nội vụ tỉnh Đắk Lắk") == (
            "Phó Trưởng ban Thi đua - Khen thưởng tỉnh, Sở Nội vụ tỉnh Đắk Lắk"
        )
        assert title_in("Trợ lý Tuyên huấn", "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk") == (
            "Trợ lý Tuyên huấn Bộ Chỉ huy Quân sự tỉnh Đắk Lắk"
        )

    def test_a_person_without_title_is_just_the_name(self):
        assert person("Trịnh Văn Toàn") == "Trịnh Văn Toàn"
        assert person("", "Phó Chánh án") == "Phó Chánh án"

    def test_long_unit_names_break_where_a_clerk_would(self):
        province = "tỉnh Đắk Lắk"

        assert unit_role("Công an tỉnh Đắk Lắk", province) == "Công an tỉnh Đắk Lắk"
        assert unit_role("Viện kiểm sát nhân dân tỉnh Đắk Lắk", province) == (
            "Viện kiểm sát nhân dân\ntỉnh Đắk Lắk"
        )
        assert unit_role("Bộ Chỉ huy Bộ đội Biên phòng tỉnh Đắk Lắk", province) == (
            "Bộ Chỉ huy Bộ đội\nBiên phòng tỉnh Đắk Lắk"
        )
        assert unit_role("Lữ đoàn 198 - Bộ Tư lệnh Đặc công", province) == (
            "Lữ đoàn 198 -\nBộ Tư lệnh Đặc công"
        )


class TestTheDemo:
    def test_it_issues_the_minutes_of_the_seed_conferences_and_the_pledge_once(self, db):
        call_command("load_demo", verbosity=0)
        issued = set(Document.objects.values_list("kind", "symbol", "date"))

        call_command("load_demo", verbosity=0)

        assert set(Document.objects.values_list("kind", "symbol", "date")) == issued
        assert {
            ("minutes", "01/BB-KTĐ3", datetime.date(2021, 1, 26)),
            ("minutes", "01/BB-KTĐ3", datetime.date(2022, 7, 15)),
            ("pledge", "01/GƯ-KTĐ3", datetime.date(2021, 1, 26)),
        } <= issued
        for meeting in Meeting.objects.all():
            assert Document.objects.of_record(meeting).count() == 1
        assert Document.objects.of_record(Pledge.objects.get()).count() == 1

    def test_the_dak_lak_minutes_say_what_the_report_says(self, db):
        call_command("load_demo", verbosity=0)
        meeting = Meeting.objects.get(date=datetime.date(2021, 1, 26))
        document = Document.objects.of_record(meeting).get()
        with document.file.open("rb") as file:
            text = pdf_text(file.read())

        assert "Số: 01/BB-KTĐ3" in text
        assert "Đắk Lắk, ngày 26 tháng 01 năm 2021" in text
        assert "Hội nghị có mặt 8/8 đơn vị thành viên, đủ số lượng" in text
        assert "Thượng tá Trần Minh Trọng, Chính ủy Bộ Chỉ huy Quân sự tỉnh Đắk Lắk" in text
        assert "Trịnh Văn Toàn, Phó Chánh án" in text
        assert "Cục Thi hành án dân sự tỉnh Đắk Lắk" in text


class TestThePledgeSignedAtTheMeeting:
    def test_the_minutes_say_it_and_the_pledge_page_links_the_meeting(
        self, conference, client_for, board
    ):
        next_year = BlocYearFactory(bloc=conference.bloc_year.bloc, year=2021)
        pledge = Pledge.objects.create(bloc_year=next_year, title="Giao ước thi đua năm 2021")
        conference.signed_pledge = pledge
        conference.full_clean()
        conference.save()

        text = flat(pdf_text(MinutesBuilder(conference).render(draft=True)))
        page = client_for(board).get(pledge.get_absolute_url()).content.decode()

        assert (
            "Tại Hội nghị, đại diện lãnh đạo các đơn vị thành viên Khối thi đua số 3 đã ký kết "
            "Giao ước thi đua năm 2021." in text
        )
        assert 'data-testid="pledge-meetings"' in page
        assert conference.get_absolute_url() in page

    def test_a_pledge_of_another_bloc_or_year_is_refused(self, conference, bloc_2):
        other_bloc = Pledge.objects.create(
            bloc_year=BlocYearFactory(bloc=bloc_2, year=2021), title="Giao ước khác"
        )
        later = Pledge.objects.create(
            bloc_year=BlocYearFactory(bloc=conference.bloc_year.bloc, year=2023),
            title="Giao ước 2023",
        )

        for pledge in (other_bloc, later):
            conference.signed_pledge = pledge
            assert "signed_pledge" in refusal(conference, language="en")


def test_the_word_file_says_what_the_pdf_says_in_the_national_layout(minutes, pdf):
    assert_national_layout(minutes)
    assert_same_words(minutes, pdf)


def test_libreoffice_prints_the_word_file_with_the_pdfs_words(minutes, pdf):
    assert_printed_alike(minutes, pdf)
