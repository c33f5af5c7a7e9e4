"""The award rules part of the demo data: the national legal texts with the dates they apply,
and the rules of the demo provinces.

Only what is known is recorded: where a text's date of issue is not known its citation gives
its number alone, and where the date it took effect is not known it is not cited and its note
says what to check.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from awards.models import AwardRules, LegalBasis
from awards.services.regulations import award_rules_save, legal_basis_save
from units.models import Province

UNKNOWN_START = "Ngày hiệu lực cần kiểm tra"
UNKNOWN_ISSUE = "Ngày ban hành cần kiểm tra"


@dataclass(frozen=True)
class DemoText:
    kind: str
    number: str
    citation: str
    effective_from: datetime.date
    effective_to: datetime.date | None = None
    cite_in_documents: bool = True
    position: int = 1
    note: str = ""


D = datetime.date
LAW, DECREE, CIRCULAR = LegalBasis.Kind.LAW, LegalBasis.Kind.DECREE, LegalBasis.Kind.CIRCULAR

NATIONAL_TEXTS = (
    # The law of 2003 and its two amendments, cited together as documents cited them.
    DemoText(
        LAW,
        "15/2003/QH11",
        "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số "
        "điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 "
        "năm 2013",
        D(2004, 7, 1),
        D(2023, 12, 31),
        note=(
            "Gồm Luật số 15/2003/QH11 (hiệu lực từ 01/7/2004), Luật số 47/2005/QH11 "
            f"({UNKNOWN_START.lower()}) và Luật số 39/2013/QH13 (hiệu lực từ 01/6/2014); "
            "văn bản ghi ngày trước 01/6/2014 không trích dẫn Luật năm 2013."
        ),
    ),
    DemoText(
        LAW,
        "06/2022/QH15",
        "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",
        D(2024, 1, 1),
    ),
    DemoText(
        DECREE,
        "91/2017/NĐ-CP",
        "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ",
        D(2017, 10, 1),
        D(2023, 12, 31),
    ),
    DemoText(
        DECREE,
        "98/2023/NĐ-CP",
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ",
        D(2024, 1, 1),
        D(2025, 6, 30),
    ),
    DemoText(
        DECREE,
        "152/2025/NĐ-CP",
        "Nghị định số 152/2025/NĐ-CP của Chính phủ",
        D(2025, 7, 1),
        note=f"{UNKNOWN_ISSUE}: trích dẫn đầy đủ cần ghi ngày ban hành.",
    ),
    DemoText(
        CIRCULAR,
        "01/2024/TT-BNV",
        "Thông tư số 01/2024/TT-BNV của Bộ Nội vụ",
        D(2024, 1, 1),
        D(2025, 8, 4),
        cite_in_documents=False,
        note=(
            f"{UNKNOWN_START}: ghi tạm ngày Luật số 06/2022/QH15 có hiệu lực (01/01/2024). "
            f"{UNKNOWN_ISSUE}. Thay thế bởi Thông tư số 15/2025/TT-BNV từ 05/8/2025."
        ),
    ),
    DemoText(
        CIRCULAR,
        "15/2025/TT-BNV",
        "Thông tư số 15/2025/TT-BNV của Bộ Nội vụ",
        D(2025, 8, 5),
        cite_in_documents=False,
        note=f"{UNKNOWN_ISSUE}. Thay thế Thông tư số 01/2024/TT-BNV.",
    ),
    # The layout of administrative documents: the format, not a basis of the rules.
    DemoText(
        DECREE,
        "30/2020/NĐ-CP",
        "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
        D(2020, 3, 5),
        cite_in_documents=False,
        position=9,
        note="Thể thức văn bản hành chính; không phải căn cứ của việc khen thưởng.",
    ),
)

# The demo provinces follow the defaults from 2020, the first year of the seed reports.
RULES_FROM = 2020
RULES_NOTE = (
    "Theo mặc định: các báo cáo hội nghị làm dữ liệu mẫu không nêu số, ngày quy chế thi đua, "
    "khen thưởng của tỉnh."
)
DEMO_PROVINCES = ("dak-lak", "ca-mau")


def load(created: Counter) -> None:
    """Record the national texts and the demo provinces' rules that are not there yet."""
    have = set(LegalBasis.objects.filter(province__isnull=True).values_list("number", flat=True))
    for text in NATIONAL_TEXTS:
        if text.number in have:
            continue
        legal_basis_save(
            province=None,
            kind=text.kind,
            number=text.number,
            citation=text.citation,
            effective_from=text.effective_from,
            effective_to=text.effective_to,
            cite_in_documents=text.cite_in_documents,
            position=text.position,
            note=text.note,
        )
        created["legal_basis"] += 1
    for province in Province.objects.filter(code__in=DEMO_PROVINCES):
        if AwardRules.objects.filter(province=province, from_year=RULES_FROM).exists():
            continue
        # The model's defaults are the design's: 2/3, more than 50%, 1 flag, 3 certificates.
        award_rules_save(province=province, from_year=RULES_FROM, note=RULES_NOTE)
        created["award_rules"] += 1
