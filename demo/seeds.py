"""The demo data: two provinces' real blocs of 2020–2022, as three news reports describe them.

Sources (in /work/shared/seeds/): the Đắk Lắk Khối thi đua số 3 year-end conference of
26/01/2021 and its mid-year review of July 2022, and the Cà Mau Khối thi đua I year-end
conference of 12/03/2021. What the reports do not say is left empty or marked unknown; leaders'
names stay blank because the people the reports name are deputies or political commissars, not
the heads of their units.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from blocs.models import Membership


@dataclass(frozen=True)
class DemoRename:
    """A new name a unit took from a date on."""

    effective: datetime.date
    short_name: str
    full_name: str
    abbreviation: str
    basis: str


@dataclass(frozen=True)
class DemoUnit:
    """A unit, under the name it had in 2020."""

    key: str
    short_name: str
    full_name: str
    abbreviation: str = ""
    address: str = ""
    renamed: DemoRename | None = None

    @property
    def current_full_name(self) -> str:
        return self.renamed.full_name if self.renamed else self.full_name


@dataclass(frozen=True)
class DemoDecision:
    """A provincial decision assigning a bloc's leaders."""

    number: str
    date: datetime.date
    signer: str
    subject: str


@dataclass(frozen=True)
class DemoYear:
    """A bloc-year: its settings, members (unit keys) and leaders."""

    year: int
    members: tuple[str, ...]
    head: str
    basis: str
    deputies: tuple[str, ...] = ()
    elected_on: datetime.date | None = None
    decision: DemoDecision | None = None
    settings: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoBloc:
    """A bloc of a province with its rotation order (unit keys) and years."""

    province: str
    name: str
    symbol: str
    rotation: tuple[str, ...]
    years: tuple[DemoYear, ...]


@dataclass(frozen=True)
class DemoUser:
    """A demo login: board staff (province code), unit staff ((province code, unit key)),
    national staff, or the IT staff who run the installation (the Django admin only)."""

    username: str
    full_name: str
    job_title: str
    role: str
    province: str | None = None
    unit: tuple[str, str] | None = None
    national: bool = False
    it_admin: bool = False


@dataclass(frozen=True)
class DemoProvince:
    """A province with its board and units."""

    code: str
    name: str
    board_name: str
    units: tuple[DemoUnit, ...]


THADS_RENAMED_ON = datetime.date(2025, 3, 1)
THADS_RENAME_BASIS = "Sắp xếp tổ chức bộ máy năm 2025"


def _provincial_units(province: str, city: str) -> tuple[DemoUnit, ...]:
    """Return the agencies both provinces' blocs share, named as that province names them."""
    address = f"Thành phố {city}, tỉnh {province}"

    def unit(key: str, short_name: str, abbreviation: str, **extra) -> DemoUnit:
        return DemoUnit(
            key=key,
            short_name=short_name,
            full_name=f"{short_name} {province}",
            abbreviation=abbreviation,
            address=address,
            **extra,
        )

    return (
        unit("ca", "Công an tỉnh", "CA"),
        unit("vksnd", "Viện kiểm sát nhân dân tỉnh", "VKSND"),
        unit("tand", "Tòa án nhân dân tỉnh", "TAND"),
        unit(
            "thads",
            "Cục Thi hành án dân sự tỉnh",
            "Cục THADS",
            renamed=DemoRename(
                effective=THADS_RENAMED_ON,
                short_name="Thi hành án dân sự tỉnh",
                full_name=f"Thi hành án dân sự tỉnh {province}",
                abbreviation="THADS",
                basis=THADS_RENAME_BASIS,
            ),
        ),
        unit("thanh-tra", "Thanh tra tỉnh", "Thanh tra"),
        unit("bchqs", "Bộ Chỉ huy Quân sự tỉnh", "Bộ CHQS"),
        unit("bdbp", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "BĐBP"),
    )


DAK_LAK = DemoProvince(
    code="dak-lak",
    name="Đắk Lắk",
    board_name="Ban Thi đua - Khen thưởng tỉnh Đắk Lắk",
    units=(
        *_provincial_units("Đắk Lắk", "Buôn Ma Thuột"),
        DemoUnit(
            key="stp",
            short_name="Sở Tư pháp",
            full_name="Sở Tư pháp tỉnh Đắk Lắk",
            abbreviation="Sở TP",
            address="Thành phố Buôn Ma Thuột, tỉnh Đắk Lắk",
        ),
        # Central units stationed in the province; the reports do not say where, so no address.
        DemoUnit(key="tg-dak-tan", short_name="Trại giam Đắk Tân", full_name="Trại giam Đắk Tân"),
        DemoUnit(
            key="tg-dak-trung", short_name="Trại giam Đắk Trung", full_name="Trại giam Đắk Trung"
        ),
        DemoUnit(
            key="cscd-tay-nguyen",
            short_name="Trung đoàn Cảnh sát cơ động Tây Nguyên",
            full_name="Trung đoàn Cảnh sát cơ động Tây Nguyên",
        ),
        DemoUnit(
            key="ld-198",
            short_name="Lữ đoàn 198",
            full_name="Lữ đoàn 198 - Bộ Tư lệnh Đặc công",
        ),
    ),
)

CA_MAU = DemoProvince(
    code="ca-mau",
    name="Cà Mau",
    board_name="Ban Thi đua - Khen thưởng tỉnh Cà Mau",
    units=_provincial_units("Cà Mau", "Cà Mau"),
)

PROVINCES = (DAK_LAK, CA_MAU)

ELECTED = Membership.Basis.ELECTED
DECISION = Membership.Basis.DECISION
ROTATION = Membership.Basis.ROTATION

KHOI_3_2020_MEMBERS = ("ca", "vksnd", "tand", "thads", "thanh-tra", "stp", "bchqs", "bdbp")
KHOI_3_SETTINGS = {"max_deputies": 1, "flag_quota": 1, "merit_quota": 3}

KHOI_3 = DemoBloc(
    province="dak-lak",
    name="Khối thi đua số 3",
    symbol="KTĐ3",
    # Bộ CHQS led in 2020, Công an in 2021, Thanh tra in 2022: they stand in that order.
    rotation=(
        "bchqs",
        "ca",
        "thanh-tra",
        "stp",
        "vksnd",
        "tand",
        "thads",
        "bdbp",
        "tg-dak-tan",
        "tg-dak-trung",
        "cscd-tay-nguyen",
        "ld-198",
    ),
    years=(
        DemoYear(
            year=2020,
            members=KHOI_3_2020_MEMBERS,
            head="bchqs",
            basis=ELECTED,
            settings={
                **KHOI_3_SETTINGS,
                "deputies_unknown": True,
                "note": "Theo tin Hội nghị tổng kết năm 2020 ngày 26/01/2021 tại trụ sở "
                "Bộ Chỉ huy Quân sự tỉnh (Khối trưởng).",
            },
        ),
        DemoYear(
            year=2021,
            # The same eight signed the 2021 pledge at the conference of 26/01/2021.
            members=KHOI_3_2020_MEMBERS,
            head="ca",
            deputies=("stp",),
            basis=ELECTED,
            elected_on=datetime.date(2021, 1, 26),
            settings={
                **KHOI_3_SETTINGS,
                "note": "Khối trưởng, Khối phó bầu tại Hội nghị tổng kết năm 2020 ngày "
                "26/01/2021; 8 đơn vị ký giao ước thi đua năm 2021 tại Hội nghị.",
            },
        ),
        DemoYear(
            year=2022,
            members=(
                *KHOI_3_2020_MEMBERS,
                "tg-dak-tan",
                "tg-dak-trung",
                "cscd-tay-nguyen",
                "ld-198",
            ),
            head="thanh-tra",
            basis=ELECTED,
            settings={
                **KHOI_3_SETTINGS,
                "deputies_unknown": True,
                "note": "Theo tin Hội nghị sơ kết 6 tháng đầu năm 2022 (Tạp chí Thanh tra, "
                "19/7/2022): 12 đơn vị khối Nội chính.",
            },
        ),
    ),
)

CA_MAU_MEMBERS = ("bchqs", "thads", "bdbp", "ca", "thanh-tra", "tand", "vksnd")

KHOI_I = DemoBloc(
    province="ca-mau",
    name="Khối thi đua I",
    symbol="KTĐ I",
    # The default rule then proposes what happened in 2021: Cục THADS (first in line after
    # Bộ CHQS) heads, and the next two, Thanh tra and TAND, are its deputies.
    rotation=("bchqs", "thads", "thanh-tra", "tand", "vksnd", "ca", "bdbp"),
    years=(
        DemoYear(
            year=2020,
            members=CA_MAU_MEMBERS,
            head="bchqs",
            basis=DECISION,
            decision=DemoDecision(
                number="888/QĐ-UBND",
                date=datetime.date(2020, 5, 21),
                signer="Chủ tịch UBND tỉnh Cà Mau",
                subject="Phân công phụ trách Trưởng, Phó Cụm, các Khối thi đua năm 2020",
            ),
            settings={
                "max_deputies": 2,
                "merit_quota": 2,
                "deputies_unknown": True,
                "note": "Theo tin Hội nghị tổng kết năm 2020 ngày 12/3/2021; Kế hoạch số "
                "02/KH-KTĐ I ngày 29/6/2020 của Khối.",
            },
        ),
        DemoYear(
            year=2021,
            members=CA_MAU_MEMBERS,
            head="thads",
            deputies=("thanh-tra", "tand"),
            basis=ROTATION,
            # Handed over at the year-end conference of 2020 under the rotation rules.
            elected_on=datetime.date(2021, 3, 12),
            settings={
                "max_deputies": 2,
                "note": "Thực hiện Quy chế về luân phiên Khối trưởng: Bộ Chỉ huy Quân sự tỉnh "
                "chuyển giao Khối trưởng tại Hội nghị tổng kết năm 2020 ngày 12/3/2021.",
            },
        ),
    ),
)

BLOCS = (KHOI_3, KHOI_I)

USERS = (
    DemoUser(
        username="quocgia",
        full_name="Nguyễn Văn A",
        job_title="Chuyên viên Ban Thi đua - Khen thưởng Trung ương (tài khoản mẫu)",
        role="Cán bộ cấp Trung ương: xem mọi tỉnh, thêm tỉnh và tài khoản đầu tiên của tỉnh",
        national=True,
    ),
    DemoUser(
        username="quantri",
        full_name="Hoàng Văn Kỹ",
        job_title="Quản trị kỹ thuật hệ thống (tài khoản mẫu)",
        role="Quản trị kỹ thuật: chỉ trang quản trị Django",
        it_admin=True,
    ),
    DemoUser(
        username="bantdkt.daklak",
        full_name="Trần Thị B",
        job_title="Chuyên viên Ban Thi đua - Khen thưởng tỉnh Đắk Lắk",
        role="Cán bộ Ban TĐKT tỉnh Đắk Lắk",
        province="dak-lak",
    ),
    DemoUser(
        username="bantdkt.camau",
        full_name="Lê Văn C",
        job_title="Chuyên viên Ban Thi đua - Khen thưởng tỉnh Cà Mau",
        role="Cán bộ Ban TĐKT tỉnh Cà Mau",
        province="ca-mau",
    ),
    DemoUser(
        username="thanhtra.daklak",
        full_name="Phạm Thị D",
        job_title="Chuyên viên Văn phòng Thanh tra tỉnh Đắk Lắk",
        role="Thư ký khối: Thanh tra tỉnh Đắk Lắk, Khối trưởng Khối thi đua số 3 năm 2022",
        unit=("dak-lak", "thanh-tra"),
    ),
    DemoUser(
        username="cthads.camau",
        full_name="Hoàng Văn E",
        job_title="Chuyên viên Văn phòng Thi hành án dân sự tỉnh Cà Mau",
        role="Thư ký khối: Cục THADS tỉnh Cà Mau, Khối trưởng Khối thi đua I năm 2021",
        unit=("ca-mau", "thads"),
    ),
    DemoUser(
        username="vks.daklak",
        full_name="Võ Thị G",
        job_title="Đầu mối thi đua, Văn phòng Viện kiểm sát nhân dân tỉnh Đắk Lắk",
        role="Cán bộ đơn vị: VKSND tỉnh Đắk Lắk, thành viên Khối thi đua số 3",
        unit=("dak-lak", "vksnd"),
    ),
)


@dataclass(frozen=True)
class DemoPlan:
    """A bloc's plan for its year, as a report cites it."""

    province: str
    bloc: str
    year: int
    number: str
    issued_on: datetime.date
    subject: str
    basis: str
    content: str


@dataclass(frozen=True)
class DemoPledge:
    """A year's pledge: its items (content, target) and who signed it, by unit key."""

    province: str
    bloc: str
    year: int
    title: str
    preamble: str
    signed_on: datetime.date
    place: str
    items: tuple[tuple[str, str], ...]
    # unit key → (signatory's name, title); units not named here signed without a name on record.
    named_signatories: dict[str, tuple[str, str]] = field(default_factory=dict)


PLANS = (
    DemoPlan(
        province="ca-mau",
        bloc="Khối thi đua I",
        year=2020,
        number="02/KH-KTĐ I",
        issued_on=datetime.date(2020, 6, 29),
        subject="Thực hiện phong trào thi đua năm 2020",
        basis="Quyết định số 888/QĐ-UBND ngày 21/5/2020 của UBND tỉnh Cà Mau về việc phân "
        "công phụ trách Trưởng, Phó Cụm, các Khối thi đua năm 2020.",
        content="Chủ đề thi đua: Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và "
        "hệ thống chính trị trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí "
        "Minh; mỗi cơ quan gắn phong trào thi đua với việc học tập và làm theo tư tưởng, đạo "
        "đức, phong cách Hồ Chí Minh.",
    ),
)

PLEDGES = (
    DemoPledge(
        province="dak-lak",
        bloc="Khối thi đua số 3",
        year=2021,
        title="Giao ước thi đua năm 2021",
        preamble="Thực hiện phong trào thi đua yêu nước năm 2021, năm diễn ra Đại hội Đảng toàn "
        "quốc lần thứ XIII và bầu cử đại biểu Quốc hội khóa XV, đại biểu Hội đồng nhân dân các "
        "cấp nhiệm kỳ 2021 – 2026, các đơn vị thành viên Khối thi đua số 3 ký kết giao ước thi "
        "đua với các nội dung sau.",
        signed_on=datetime.date(2021, 1, 26),
        place="Trụ sở Bộ Chỉ huy Quân sự tỉnh Đắk Lắk",
        items=(
            (
                "Quán triệt sâu sắc cho cán bộ, công chức, chiến sĩ mục đích, ý nghĩa của công "
                "tác thi đua, khen thưởng và phong trào thi đua yêu nước; tăng cường giáo dục "
                "chính trị, tư tưởng, xây dựng quyết tâm, sẵn sàng nhận và hoàn thành tốt mọi "
                "nhiệm vụ được giao.",
                "100% cán bộ, công chức, chiến sĩ được quán triệt.",
            ),
            (
                "Tích cực, chủ động tham mưu với cấp ủy, chính quyền địa phương lãnh đạo, chỉ "
                "đạo tuyên truyền, phổ biến, triển khai có hiệu quả chủ trương, đường lối của "
                "Đảng, chính sách, pháp luật của Nhà nước về phát triển kinh tế - xã hội, bảo đảm "
                "quốc phòng, an ninh.",
                "",
            ),
            (
                "Góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội, phục vụ Đại hội "
                "Đảng toàn quốc lần thứ XIII và cuộc bầu cử đại biểu Quốc hội, Hội đồng nhân "
                "dân các cấp; phòng, chống dịch bệnh COVID-19.",
                "",
            ),
            (
                "Đổi mới nội dung, hình thức, phương thức tổ chức phong trào thi đua; phát "
                "hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến.",
                "Mỗi đơn vị có điển hình tiên tiến được biểu dương.",
            ),
            (
                "Phấn đấu hoàn thành xuất sắc mọi nhiệm vụ được giao, tạo không khí thi đua sôi "
                "nổi, đoàn kết trong Khối.",
                "100% đơn vị hoàn thành xuất sắc nhiệm vụ.",
            ),
        ),
        named_signatories={"tand": ("Trịnh Văn Toàn", "Phó Chánh án")},
    ),
)


def demo_logins() -> list[tuple[str, str]]:
    """Return each demo login with what it may do, in Vietnamese."""
    return [(user.username, user.role) for user in USERS]
