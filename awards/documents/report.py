"""A nominee's achievement report as the unit prints it to sign: the sections the unit wrote,
the titles and awards of earlier years the app holds, the head's signature.

The unit issues it, not the bloc: it goes through no registry and carries no number of the
bloc; it is drawn from the report as it is, as a PDF and as a Word file to finish.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from awards.models import AchievementReport
from awards.selectors.facts import unit_facts
from meetings.documents.builder import Header
from meetings.documents.signatures import SignatureBlock, in_rows
from meetings.documents.text import paragraphs

TEMPLATE = "documents/achievement_report.html"


def report_html(report: AchievementReport) -> str:
    """Render the report's document: its PDF and its Word file are made from this."""
    nomination = report.nomination
    bloc_year = nomination.bloc_year
    year = bloc_year.year
    province = bloc_year.bloc.province
    unit_name = nomination.unit.name_in_year(year).full_name
    facts = unit_facts(bloc_year, [nomination.unit_id])[nomination.unit_id]
    header = Header(
        parent_body=report.parent_body,
        issuer=unit_name,
        symbol_suffix="",
        place=province.name,
        date=report.date,
        type_name="Báo cáo thành tích",
        subject=f"Đề nghị tặng {nomination.award_type.name} năm {year}",
    )
    head = SignatureBlock("Thủ trưởng đơn vị", report.head_title, report.head_name)
    return render_to_string(
        TEMPLATE,
        {
            "doc": header,
            "unit_name": unit_name,
            "sections": {
                name: paragraphs(getattr(report, name))
                for name in ("particulars", "functions", "achievements", "measures", "party_work")
            },
            "past_awards": [
                {
                    "year": past.year,
                    "award": past.award_type.name,
                    "decision": (
                        f"Quyết định số {past.decision.number} ngày "
                        f"{past.decision.date:%d/%m/%Y} của UBND {province.full_name}"
                        if past.decision
                        else ""
                    ),
                }
                for past in facts.past_awards
            ],
            "earlier_honours": paragraphs(report.earlier_honours),
            "signature_rows": in_rows([SignatureBlock("Xác nhận của cấp trình khen thưởng"), head]),
        },
    )
