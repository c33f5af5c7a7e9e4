"""A meeting of bloc 1's 2025 (members H, D, M) and the forms its pages post."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Meeting
from meetings.services import meetings as services
from tests.meetings.tiny_builders import fake_pdfs, tiny_builders  # noqa: F401 (fixtures)


@pytest.fixture
def meeting(bloc_year_1, unit_h, unit_m) -> Meeting:
    """The year-end conference of bloc 1, at H's premises, chaired by H's commissar."""
    return services.meeting_create(
        bloc_year=bloc_year_1,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025",
        date=datetime.date(2026, 1, 20),
        start_time=datetime.time(14, 30),
        host_unit=unit_h,
        chairs=[{"name": "Thượng tá Trần Minh Trọng", "title": "Chính ủy", "unit": unit_h}],
        guests=[{"name": "Y Sư Niê", "title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh"}],
        agenda=[{"title": "Thông qua báo cáo tổng kết"}, {"title": "Ký kết giao ước thi đua"}],
        opinions=[{"unit": unit_m, "speaker_name": "Nguyễn Minh Mạnh", "content": "Nhất trí."}],
    )
