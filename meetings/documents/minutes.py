"""The minutes (biên bản) of a meeting, with everything recorded on it.

The layout follows Nghị định 30/2020/NĐ-CP, Phụ lục III, mẫu 1.6 (biên bản): the opening with
time and place, who attended, what was presented, said and concluded, the closing time, and the
signatures of the secretary (left) and the chair or each co-chair (right). Units are named as
they were in the meeting's bloc-year. The year-end minutes (awards) extend the template through
its `minutes_results` block.
"""

from __future__ import annotations

import datetime

from blocs.models import BlocYear
from core.formats import gio_phut, ngay_thang
from core.text import person
from meetings.documents.builder import DocumentBuilder
from meetings.documents.members import members_in_order
from meetings.documents.signatures import SignatureBlock, in_rows
from meetings.documents.text import paragraphs
from meetings.models import Attendance, Meeting

SECRETARY = "Thư ký"
# How the minutes say the part of the day when the record gives no hour.
DAY_PARTS = {
    Meeting.DayPart.MORNING: "sáng",
    Meeting.DayPart.AFTERNOON: "chiều",
    Meeting.DayPart.EVENING: "tối",
}
CHAIR = "Chủ trì"


class MinutesBuilder(DocumentBuilder):
    """Describe the minutes of a meeting."""

    template_name = "documents/minutes.html"

    source: Meeting

    def bloc_year(self) -> BlocYear:
        return self.source.bloc_year

    def subject(self) -> str:
        return self.source.title or self.source.get_kind_display()

    def date(self) -> datetime.date | None:
        return self.source.date

    def context(self) -> dict:
        meeting = self.source
        year = self.bloc_year().year

        def name_of(unit) -> str:
            return unit.name_in_year(year).full_name if unit is not None else ""

        chairs = list(meeting.chairs.select_related("unit").prefetch_related("unit__names"))
        guests = list(meeting.guests.all())
        agenda = list(meeting.agenda_items.all())
        opinions = list(meeting.opinions.select_related("unit").prefetch_related("unit__names"))
        attendance = list(
            Attendance.objects.filter(meeting=meeting)
            .select_related("unit")
            .prefetch_related("unit__names")
        )
        order = {
            m.unit_id: index for index, (m, _name) in enumerate(members_in_order(self.bloc_year()))
        }
        attendance.sort(key=lambda row: order.get(row.unit_id, len(order)))
        present = [row for row in attendance if row.present]
        absent = [row for row in attendance if not row.present]
        secretary_unit = name_of(meeting.secretary_unit) if meeting.secretary_unit_id else ""
        host = name_of(meeting.host_unit) if meeting.host_unit_id else ""

        return {
            "meeting": meeting,
            "bloc_name": self.bloc_year().bloc.name,
            "opening": self.opening(host),
            "basis": self.basis(),
            "guests": [person(g.name, g.title, g.organisation) for g in guests],
            "chairs": [person(c.name, c.title, name_of(c.unit)) for c in chairs],
            "secretary": person(meeting.secretary_name, meeting.secretary_title, secretary_unit),
            "present": [
                {
                    "unit": name_of(row.unit),
                    "representative": person(row.representative_name, row.representative_title),
                }
                for row in present
            ],
            "has_representatives": any(
                row.representative_name or row.representative_title for row in present
            ),
            "absent": [{"unit": name_of(row.unit), "reason": row.absence_reason} for row in absent],
            "quorum": self.quorum_sentence(present=len(present), members=len(attendance)),
            "agenda": [{"title": item.title, "presenter": item.presenter} for item in agenda],
            "report_title": meeting.report_title,
            "report_summary": paragraphs(meeting.report_summary),
            "opinions": [
                {
                    # Whose opinion it was in bold (the unit, or a guest's name), then who spoke.
                    "who": name_of(opinion.unit) if opinion.unit_id else opinion.speaker_name,
                    "detail": person(opinion.speaker_name, opinion.speaker_title)
                    if opinion.unit_id
                    else opinion.speaker_title,
                    "by_unit": bool(opinion.unit_id),
                    "content": paragraphs(opinion.content),
                }
                for opinion in opinions
            ],
            "conclusions": paragraphs(meeting.conclusions),
            "pledge_signed": self.pledge_signed(),
            "closing": self.closing(),
            "numbers": self.numbers(
                guests=guests,
                chairs=chairs,
                secretary=meeting.secretary_name or meeting.secretary_title,
                members=attendance,
                agenda=agenda,
                report=meeting.report_title or meeting.report_summary,
                opinions=opinions,
                conclusions=meeting.conclusions,
            ),
            "signature_rows": self.signature_rows(chairs),
        }

    @staticmethod
    def numbers(**parts) -> dict[str, int]:
        """Number the sub-sections that have something to say, within their section."""
        sections = (("guests", "chairs", "secretary", "members"),)
        sections += (("agenda", "report", "opinions", "conclusions"),)
        numbers = {}
        for section in sections:
            present = [name for name in section if parts[name]]
            numbers.update({name: number for number, name in enumerate(present, start=1)})
        return numbers

    def pledge_signed(self) -> str:
        """Say that the members signed a pledge at the meeting, when they did."""
        pledge = self.source.signed_pledge
        if pledge is None:
            return ""
        return (
            f"Tại Hội nghị, đại diện lãnh đạo các đơn vị thành viên {self.bloc_year().bloc.name} "
            f"đã ký kết {pledge.title}."
        )

    def opening(self, host: str) -> str:
        """Return the opening sentence: when, where, who held which meeting."""
        meeting = self.source
        if meeting.start_time:
            when = f"Vào lúc {gio_phut(meeting.start_time)}, {ngay_thang(meeting.date)}"
        elif meeting.day_part:
            when = f"Vào buổi {DAY_PARTS[meeting.day_part]} {ngay_thang(meeting.date)}"
        else:
            when = ngay_thang(meeting.date).capitalize()
        where = self.place_text(host)
        parts = [when, f"tại {where}" if where else ""]
        title = meeting.title or meeting.get_kind_display()
        parts.append(f"{self.bloc_year().bloc.name} tổ chức {title}")
        return ", ".join(part for part in parts if part) + "."

    def place_text(self, host: str) -> str:
        """Return where the meeting was held, as the opening sentence writes it after "tại"."""
        meeting = self.source
        kinds = Meeting.VenueKind
        if meeting.venue_kind == kinds.PREMISES:
            text = f"trụ sở {host}"
            return f"{meeting.venue}, {text}" if meeting.venue else text
        if meeting.venue_kind == kinds.ONLINE:
            text = f"phòng họp trực tuyến của {host}" if host else "phòng họp trực tuyến"
            return f"{text} ({meeting.venue})" if meeting.venue else text
        return meeting.venue

    def basis(self) -> str:
        """Return the bases the meeting was held under, as one "Căn cứ …" sentence."""
        text = " ".join(paragraphs(self.source.basis))
        if not text:
            return ""
        if not text.casefold().startswith(("căn cứ", "thực hiện")):
            text = f"Căn cứ {text}"
        return text if text.endswith((".", ";")) else f"{text}."

    def quorum_sentence(self, *, present: int, members: int) -> str:
        """Say how many members attended against how many the rule needs, when recorded."""
        if not members:
            return ""
        bloc_year = self.bloc_year()
        needed = bloc_year.quorum_needed(members)
        rule = f"{bloc_year.quorum_numerator}/{bloc_year.quorum_denominator}"
        verdict = "đủ" if present >= needed else "không đủ"
        return (
            f"Hội nghị có mặt {present}/{members} đơn vị thành viên, {verdict} số lượng theo "
            f"quy định (tối thiểu {needed}/{members} đơn vị, tức {rule} số đơn vị thành viên)."
        )

    def closing(self) -> str:
        meeting = self.source
        if not meeting.end_time:
            return ""
        return f"Hội nghị kết thúc vào lúc {gio_phut(meeting.end_time)} cùng ngày./."

    def signature_rows(self, chairs) -> list[list]:
        """THƯ KÝ on the left and CHỦ TRÌ on the right; co-chairs side by side on the first
        rows, then the secretary on the left below them."""
        meeting = self.source
        secretary = SignatureBlock(role=SECRETARY, name=meeting.secretary_name)
        chair_blocks = [SignatureBlock(role=CHAIR, name=chair.name) for chair in chairs]
        if not chair_blocks:
            chair_blocks = [SignatureBlock(role=CHAIR)]
        if len(chair_blocks) == 1:
            return in_rows([secretary, chair_blocks[0]])
        return [*in_rows(chair_blocks), *in_rows([secretary])]
