"""Time the app's PDF path against WeasyPrint alone, and watch one worker's memory over renders.

    DJANGO_SETTINGS_MODULE=config.settings.base .venv/bin/python bench/render.py
    make bench

The document is a year-end conference's minutes (bench/templates/bench/minutes.html, extending
documents/base.html) filled from plain objects: no database is used, and DATABASE_URL is pointed
at an in-memory SQLite so that nothing could reach the developer's database. See README.md here.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402
from django.conf import settings  # noqa: E402

TEMPLATE = "bench/minutes.html"
TARGET_RATIO = 1.2
TARGET_GROWTH_MIB = 10.0

UNITS = [
    ("Công an tỉnh", "Đại tá", "Lê Văn Hùng"),
    ("Viện kiểm sát nhân dân tỉnh", "Phó Viện trưởng", "Nguyễn Thị Hoa"),
    ("Tòa án nhân dân tỉnh", "Phó Chánh án", "Trần Quốc Tuấn"),
    ("Bộ Chỉ huy Quân sự tỉnh", "Thượng tá", "Phạm Minh Đức"),
    ("Sở Tư pháp", "Phó Giám đốc", "H'Hen Niê"),
    ("Cục Thi hành án dân sự tỉnh", "Phó Cục trưởng", "Đỗ Văn Lâm"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Trung tá", "Vũ Thành Nam"),
    ("Thanh tra tỉnh", "Phó Chánh Thanh tra", "Y Sơn Ktla"),
    ("Cục Hải quan tỉnh", "Phó Cục trưởng", "Hoàng Thị Lan"),
    ("Kho bạc Nhà nước tỉnh", "Phó Giám đốc", "Bùi Văn Toàn"),
]

REPORT = (
    "Hội nghị đã nghe đồng chí đại diện đơn vị Trưởng khối trình bày báo cáo tổng kết công "
    "tác thi đua, khen thưởng năm {year}: các đơn vị thành viên đã bám sát chỉ đạo của Ủy ban "
    "nhân dân tỉnh, Hội đồng Thi đua - Khen thưởng tỉnh, tổ chức phát động và triển khai các "
    "phong trào thi đua thường xuyên và theo chuyên đề gắn với nhiệm vụ chính trị của từng "
    "ngành; công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến có nhiều chuyển biến."
)
OPINION = (
    "Nhất trí cao với dự thảo báo cáo tổng kết; đề nghị bổ sung kết quả thực hiện các tiêu chí "
    "giao ước thi đua của từng đơn vị và làm rõ những hạn chế, nguyên nhân để khắc phục trong "
    "năm tới."
)
CONCLUSION = (
    "Hội nghị thống nhất thông qua báo cáo tổng kết, kết quả chấm điểm, xếp hạng thi đua và "
    "đề nghị Trưởng khối hoàn thiện hồ sơ đề nghị khen thưởng gửi Ban Thi đua - Khen thưởng "
    "tỉnh đúng thời gian quy định."
)


def minutes_context() -> dict:
    """Return the minutes of a year-end conference of ten units, as plain objects."""
    from meetings.documents.builder import Header

    day = datetime.date(2021, 1, 26)
    meeting = SimpleNamespace(
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020",
        date=day,
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 30),
        venue="hội trường Công an tỉnh, số 1 đường Trần Hưng Đạo, thành phố Buôn Ma Thuột",
        chairs=[
            SimpleNamespace(title="Giám đốc Công an tỉnh", name="Đại tá Lê Văn Hùng"),
            SimpleNamespace(title="Phó Viện trưởng", name="Nguyễn Thị Hoa"),
        ],
        secretary="Thiếu tá Trần Thị Thu",
        guests=[
            SimpleNamespace(
                title="Phó Trưởng Ban", name="Y Sư Niê", organisation="Ban Thi đua - Khen thưởng"
            ),
            SimpleNamespace(
                title="Chuyên viên", name="Lê Thị Mai", organisation="Ban Thi đua - Khen thưởng"
            ),
        ],
        member_count=len(UNITS) + 1,
        present=[SimpleNamespace(unit=u, title=t, name=n) for u, t, n in UNITS],
        absent=[SimpleNamespace(unit="Sở Nội vụ", reason="có lý do")],
        quorum="Số đơn vị có mặt bảo đảm trên hai phần ba tổng số đơn vị thành viên của Khối; "
        "hội nghị đủ điều kiện tiến hành.",
        agenda=[
            "Thông qua báo cáo tổng kết công tác thi đua, khen thưởng năm 2020.",
            "Thảo luận, góp ý vào dự thảo báo cáo.",
            "Chấm điểm, xếp hạng thi đua các đơn vị thành viên.",
            "Bầu đơn vị Trưởng khối, Phó khối năm 2021.",
            "Ký kết giao ước thi đua năm 2021.",
        ],
        report=[REPORT.format(year=2020)] * 3,
        opinions=[
            SimpleNamespace(unit=u, speaker=f"{t} {n}", content=OPINION) for u, t, n in UNITS[:5]
        ],
        conclusions=[CONCLUSION] * 2,
    )
    doc = Header(
        parent_body="UBND tỉnh Đắk Lắk",
        issuer="Khối thi đua số 3",
        symbol_suffix="BB-KTĐ3",
        place="Đắk Lắk",
        date=day,
        type_name="Biên bản",
        subject=meeting.title,
        recipients=["Ban Thi đua - Khen thưởng tỉnh", "Các đơn vị thành viên Khối"],
        number="01/BB-KTĐ3",
    )
    return {"doc": doc, "meeting": meeting}


def demo_minutes_context() -> tuple[str, dict]:
    """Load the demo into the in-memory database; return the template and context of the
    minutes of its year-end conference with the most units present."""
    from django.core.management import call_command
    from django.db.models import Count, Q

    from meetings.documents.kinds import MINUTES
    from meetings.models import Meeting

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", stdout=io.StringIO())
    meeting = (
        Meeting.objects.filter(kind=Meeting.Kind.YEAR_END)
        .annotate(present=Count("attendances", filter=Q(attendances__present=True)))
        .order_by("-present", "date")
        .first()
    )
    builder = MINUTES.builder_for(meeting)
    start = time.perf_counter()
    context = {**builder.context(), "doc": builder.header(draft=True)}
    print(
        f"demo minutes: {meeting}; their context (database queries) took "
        f"{(time.perf_counter() - start) * 1000:.0f} ms, outside the timings below"
    )
    return builder.template_name, context


def rss_mib() -> float:
    """Return this process's resident set size now, from /proc (or its peak elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def page_count(pdf: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=40, help="timed runs of each path")
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs of each path first")
    parser.add_argument("--renders", type=int, default=300, help="renders of the memory run")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--demo-minutes",
        action="store_true",
        help="render the real minutes template of a demo conference instead (loads the demo "
        "into an in-memory database first)",
    )
    args = parser.parse_args()

    settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], ROOT / "bench" / "templates"]
    django.setup()

    import weasyprint
    from django.contrib.staticfiles import finders
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    from meetings.documents.pdf import STYLESHEET, installed_document_fonts, render_pdf

    template, context = (
        demo_minutes_context() if args.demo_minutes else (TEMPLATE, minutes_context())
    )
    fonts = installed_document_fonts()
    print(
        f"PDF rendering benchmark, {datetime.date.today():%Y-%m-%d}: Python "
        f"{platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
        f"{os.cpu_count()} CPUs ({platform.machine()}), document serif: "
        f"{fonts[0] if fonts else 'NONE (fallback font)'}, load average "
        f"{os.getloadavg()[0]:.1f}"
    )

    # (b) Memory first, while the process is fresh: one worker rendering through the app.
    rss_start = rss_mib()
    marks = sorted({m for m in (1, 10, 50, 100, 200, args.renders) if m <= args.renders})
    rss = {}
    for n in range(1, args.renders + 1):
        pdf = render_pdf(template, context)
        if n in marks:
            rss[n] = rss_mib()
    pages = page_count(pdf)
    print(f"document: {template}, {pages} pages, {len(pdf) / 1024:.0f} KiB")
    print(f"memory of one worker (VmRSS) over {args.renders} renders through the app:")
    print(f"  before the first render: {rss_start:7.1f} MiB")
    for n in marks:
        print(f"  after {n:4d} renders:      {rss[n]:7.1f} MiB")
    low = rss[10] if 10 in rss else rss[marks[0]]
    growth = rss[args.renders] - low
    print(
        f"  growth from 10 to {args.renders} renders: {growth:+.1f} MiB "
        f"(target ≤ {TARGET_GROWTH_MIB:.0f} MiB)"
    )

    # (a) Time: the app's path against WeasyPrint alone on the same HTML, interleaved.
    html = render_to_string(template, context)
    css_text = Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")
    font_config = FontConfiguration()
    # WeasyPrint's default fetcher builds an SSL context (about 19 ms here) each time a
    # document or stylesheet is made without one: the strict baseline makes it once, too.
    fetcher = URLFetcher()
    css_once = CSS(string=css_text, font_config=font_config, url_fetcher=fetcher)

    def app() -> bytes:
        return render_pdf(template, context)

    def weasyprint_alone() -> bytes:
        document = HTML(string=html, url_fetcher=fetcher)
        return document.write_pdf(stylesheets=[css_once], font_config=font_config)

    def weasyprint_as_usually_written() -> bytes:
        css = CSS(string=css_text, font_config=font_config)
        return HTML(string=html).write_pdf(stylesheets=[css], font_config=font_config)

    paths = {
        "app: template + html_to_pdf (render_pdf)": app,
        "WeasyPrint alone, everything made once": weasyprint_alone,
        "WeasyPrint alone, HTML(…) and CSS(…) each time": weasyprint_as_usually_written,
    }
    assert {page_count(path()) for path in paths.values()} == {pages}
    for _ in range(args.warmup):
        for path in paths.values():
            path()
    times: dict[str, list[float]] = {name: [] for name in paths}
    names = list(paths)
    for i in range(args.iterations):
        # Rotate the order so that no path always runs first (or after the same one).
        for name in names[i % 3 :] + names[: i % 3]:
            start = time.perf_counter()
            paths[name]()
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(
        f"time per render, median of {args.iterations} interleaved runs "
        f"after {args.warmup} warm-up runs of each:"
    )
    for name, value in medians.items():
        print(f"  {name:<46} {value:7.1f} ms")
    app_ms, alone_ms, usual_ms = medians.values()
    ratio = app_ms / alone_ms
    print(
        f"ratio app / WeasyPrint alone: {ratio:.2f} (target ≤ {TARGET_RATIO}); "
        f"app / WeasyPrint as usually written: {app_ms / usual_ms:.2f}"
    )

    missed = [
        what
        for what, ok in (
            ("ratio", ratio <= TARGET_RATIO),
            ("memory", growth <= TARGET_GROWTH_MIB),
            ("pages", 2 <= pages <= 3),
        )
        if not ok
    ]
    print("targets met" if not missed else f"targets missed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
