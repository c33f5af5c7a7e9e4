"""Load the demo provinces, units, blocs, conferences and logins; a second run changes nothing."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from demo.loader import demo_load
from demo.seeds import demo_logins

# What the summary counts, in the order it prints them.
LABELS = {
    "province": "tỉnh",
    "unit": "đơn vị",
    "rename": "lần đổi tên",
    "bloc": "khối",
    "bloc_year": "năm thi đua",
    "membership": "lượt thành viên",
    "leadership": "lần phân công lãnh đạo khối",
    "plan": "kế hoạch",
    "pledge": "bản giao ước",
    "handover": "biên bản bàn giao",
    "meeting": "hội nghị",
    "award_type": "loại hình khen thưởng",
    "legal_basis": "văn bản căn cứ",
    "award_rules": "quy định khen thưởng",
    "ballot": "vòng bỏ phiếu",
    "nomination": "đề nghị khen thưởng",
    "report": "báo cáo thành tích",
    "submission": "lần trình khen thưởng",
    "decision": "quyết định khen thưởng",
    "document": "văn bản đã phát hành",
    "calendar": "lịch năm thi đua",
    "user": "tài khoản",
    "notification": "thông báo",
}


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (Khối thi đua số 3 tỉnh Đắk Lắk, Khối thi đua I tỉnh Cà Mau, "
        "tài khoản mẫu); chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--logins",
            action="store_true",
            help="Chỉ in các tài khoản mẫu và mật khẩu, không nạp dữ liệu.",
        )

    def handle(self, *args, logins: bool = False, **options) -> None:
        if logins:
            self.print_logins()
            return
        if not settings.DEMO_ALLOWED:
            raise CommandError(
                "DEBUG đang tắt: máy chủ này có vẻ là máy chủ thật, không nạp dữ liệu mẫu. "
                "Nếu vẫn muốn nạp, đặt biến môi trường DJANGO_DEMO_ALLOWED=true."
            )
        if not settings.DEBUG and settings.DEMO_PASSWORD == settings.PUBLISHED_DEMO_PASSWORD:
            raise CommandError(
                "DEBUG đang tắt: không tạo tài khoản mẫu với mật khẩu đã công bố. "
                "Đặt biến môi trường DEMO_PASSWORD là một mật khẩu riêng."
            )
        try:
            created = demo_load()
        except DomainError as error:
            raise CommandError(error.message) from error
        if not created:
            self.stdout.write("Dữ liệu mẫu đã có sẵn; không thay đổi gì.")
            return
        counts = ", ".join(
            f"{created[key]} {label}" for key, label in LABELS.items() if created[key]
        )
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {counts}."))
        self.stdout.write("Xem các tài khoản mẫu: manage.py load_demo --logins")

    def print_logins(self) -> None:
        """Print the demo usernames, their roles and the shared password."""
        rows = demo_logins()
        width = max(len(username) for username, _ in rows)
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {settings.DEMO_PASSWORD})")
        for username, role in rows:
            self.stdout.write(f"  {username.ljust(width)}  {role}")
