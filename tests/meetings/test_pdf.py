"""The renderer: A4 in the national layout, the document serif everywhere, static files only."""

from __future__ import annotations

import base64
import datetime
import io
import socket
import struct
import zlib

import pdfplumber
import pypdf
import pytest
from django.core import checks
from django.template import engines

from meetings.documents import pdf as renderer
from meetings.documents.builder import Header
from tests.pdfs import MM, assert_document_serif, is_document_serif, page_number_words, page_texts

A4 = (595.28, 841.89)
TOLERANCE = 0.5  # points: what rounding may add to a measured edge

PARAGRAPH = (
    "Hội nghị đã nghe đồng chí Trưởng khối trình bày báo cáo tổng kết công tác thi đua, khen "
    "thưởng năm 2020; các đơn vị thành viên thảo luận, thống nhất đánh giá kết quả thực hiện "
    "phong trào thi đua, những ưu điểm, hạn chế và nguyên nhân, đề ra phương hướng, nhiệm vụ "
    "trọng tâm năm 2021 và ký kết giao ước thi đua."
)

# A document with the body of a long minutes: paragraphs, a list, a table, signatures.
TEMPLATE = """{% extends "documents/base.html" %}
{% block body %}
<p>Vào lúc 14 giờ 00 phút, ngày 05 tháng 02 năm 2021, tại hội trường Công an tỉnh.</p>
<h2>I. THÀNH PHẦN THAM DỰ</h2>
<ol>{% for unit in units %}<li>{{ unit }}</li>{% endfor %}</ol>
<h2>II. NỘI DUNG</h2>
{% for _ in paragraphs %}<p>{{ paragraph }}</p>{% endfor %}
<table class="grid">
  <tr><th>TT</th><th>Đơn vị</th><th>Ý kiến</th></tr>
  {% for unit in units %}<tr><td class="num">{{ forloop.counter }}</td><td>{{ unit }}</td>
  <td>Nhất trí với báo cáo.</td></tr>{% endfor %}
</table>
{% endblock %}
{% block signatures %}
<table class="signatures"><tr>
  <td><div class="sign-role">Thư ký</div><div class="sign-space"></div>
      <div class="sign-name">Nguyễn Thị Thu</div></td>
  <td><div class="sign-role">Chủ trì</div><div class="sign-space"></div>
      <div class="sign-name">Trần Minh Trọng</div></td>
</tr></table>
{% endblock %}
"""

UNITS = ["Công an tỉnh", "Viện kiểm sát nhân dân tỉnh", "Sở Tư pháp", "Tòa án nhân dân tỉnh"]


def header(**changes) -> Header:
    values = {
        "parent_body": "UBND tỉnh Đắk Lắk",
        "issuer": "Khối thi đua số 3",
        "symbol_suffix": "BB-KTĐ3",
        "place": "Đắk Lắk",
        "date": datetime.date(2021, 2, 5),
        "type_name": "Biên bản",
        "subject": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020",
        "recipients": ["Ban Thi đua - Khen thưởng tỉnh", "Các đơn vị thành viên Khối"],
        "number": "01/BB-KTĐ3",
    }
    return Header(**{**values, **changes})


def render(body_template: str = TEMPLATE, **context) -> bytes:
    html = engines["django"].from_string(body_template).render(context)
    return renderer.html_to_pdf(html)


@pytest.fixture(scope="module")
def document() -> bytes:
    """A three-page minutes-like document rendered through the app's renderer."""
    return render(doc=header(), units=UNITS, paragraphs=range(14), paragraph=PARAGRAPH)


@pytest.fixture(scope="module")
def pages(document):
    with pdfplumber.open(io.BytesIO(document)) as opened:
        yield opened.pages


def words(page) -> list[dict]:
    return page.extract_words(extra_attrs=["fontname"])


def body_chars(page) -> list[dict]:
    """Return the characters below the top margin (everything but the page number)."""
    return [c for c in page.chars if c["top"] >= 20 * MM and c["text"].strip()]


def line_at(page, text: str) -> list[dict]:
    """Return the words of the one line that starts with the text's first word."""
    first = text.split()[0]
    candidates = [w for w in words(page) if w["text"] == first]
    for start in candidates:
        line = sorted(
            (w for w in words(page) if abs(w["top"] - start["top"]) < 1 and w["x0"] >= start["x0"]),
            key=lambda w: w["x0"],
        )
        if " ".join(w["text"] for w in line).startswith(text):
            return line[: len(text.split())]
    raise AssertionError(f"no line {text!r} on the page")


def rule_under(page, line: list[dict]) -> dict:
    """Return the thin rule drawn just under a line of words."""
    bottom = max(w["bottom"] for w in line)
    left, right = min(w["x0"] for w in line), max(w["x1"] for w in line)
    rules = [
        r
        for r in page.rects
        if r["height"] < 1.5
        and 0 <= r["top"] - bottom < 6
        and left - 2 <= (r["x0"] + r["x1"]) / 2 <= right + 2
    ]
    assert len(rules) == 1, rules
    return rules[0]


class TestLayout:
    def test_it_runs_to_two_or_three_a4_pages(self, document, pages):
        assert 2 <= len(pages) <= 3
        for page in pypdf.PdfReader(io.BytesIO(document)).pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert width == pytest.approx(A4[0], abs=1)
            assert height == pytest.approx(A4[1], abs=1)

    def test_the_text_keeps_the_national_margins(self, pages):
        for page in pages:
            chars = body_chars(page)
            left = min(c["x0"] for c in chars)
            right = max(c["x1"] for c in chars)
            top = min(c["top"] for c in chars)
            bottom = max(c["bottom"] for c in chars)

            assert 30 * MM - TOLERANCE <= left <= 35 * MM
            assert right <= page.width - 15 * MM + TOLERANCE
            assert 20 * MM - TOLERANCE <= top <= 25 * MM
            assert bottom <= page.height - 20 * MM + TOLERANCE

    def test_only_the_page_number_is_printed_in_the_top_margin(self, pages):
        for number, page in enumerate(pages, start=1):
            in_margin = [w["text"] for w in words(page) if w["top"] < 20 * MM]

            assert in_margin == ([] if number == 1 else [str(number)])

    def test_the_body_is_justified(self, pages):
        lines = pages[1].extract_text_lines()
        full = [line for line in lines if line["x1"] > pages[1].width - 16 * MM]

        # Full lines end on the right margin, which lies 15 to 20 mm from the edge.
        assert len(full) >= len(lines) // 2
        assert {round(line["x1"]) for line in full} == {round(pages[1].width - 15 * MM)}


class TestHeader:
    def test_its_lines_come_in_order_with_the_issuer_in_capitals(self, document):
        text = page_texts(document)[0]
        expected = [
            "UBND TỈNH ĐẮK LẮK",
            "KHỐI THI ĐUA SỐ 3",
            "Số: 01/BB-KTĐ3",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Đắk Lắk, ngày 05 tháng 02 năm 2021",
            "BIÊN BẢN",
            "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020",
        ]
        lines = [line.strip() for line in text.splitlines()]

        assert lines[: len(expected)] == expected

    def test_the_nation_stands_on_one_line_in_bold(self, pages):
        line = line_at(pages[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")

        assert len({round(w["top"]) for w in line}) == 1
        assert all("Bold" in w["fontname"] for w in line)

    def test_the_issuer_and_the_motto_are_bold_and_the_parent_body_is_not(self, pages):
        page = pages[0]

        assert all("Bold" in w["fontname"] for w in line_at(page, "KHỐI THI ĐUA SỐ 3"))
        assert all("Bold" in w["fontname"] for w in line_at(page, "Độc lập - Tự do - Hạnh phúc"))
        assert not any("Bold" in w["fontname"] for w in line_at(page, "UBND TỈNH ĐẮK LẮK"))

    def test_the_place_and_date_line_is_italic(self, pages):
        line = line_at(pages[0], "Đắk Lắk, ngày 05 tháng 02 năm 2021")

        assert all("Italic" in w["fontname"] for w in line)
        assert not any("Bold" in w["fontname"] for w in line)

    def test_the_type_and_subject_are_bold_and_centred(self, pages):
        page = pages[0]
        centre = (30 * MM + page.width - 15 * MM) / 2
        for text in ("BIÊN BẢN", "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020"):
            line = line_at(page, text)

            assert all("Bold" in w["fontname"] for w in line)
            assert (line[0]["x0"] + line[-1]["x1"]) / 2 == pytest.approx(centre, abs=1)

    def test_a_short_centred_rule_underlines_the_issuer(self, pages):
        line = line_at(pages[0], "KHỐI THI ĐUA SỐ 3")
        rule = rule_under(pages[0], line)
        text_width = line[-1]["x1"] - line[0]["x0"]

        assert text_width / 3 <= rule["width"] <= text_width / 2
        assert (rule["x0"] + rule["x1"]) / 2 == pytest.approx(
            (line[0]["x0"] + line[-1]["x1"]) / 2, abs=1
        )

    def test_a_rule_as_long_as_the_motto_underlines_it(self, pages):
        line = line_at(pages[0], "Độc lập - Tự do - Hạnh phúc")
        rule = rule_under(pages[0], line)

        assert rule["x0"] == pytest.approx(line[0]["x0"], abs=1)
        assert rule["x1"] == pytest.approx(line[-1]["x1"], abs=1)

    def test_a_draft_has_dots_instead_of_a_number(self):
        pdf = render(doc=header(number="", draft=True), units=[], paragraphs=[], paragraph="")
        text = page_texts(pdf)[0]

        assert "Số: ……/BB-KTĐ3" in text
        assert "DỰ THẢO" in text

    def test_the_recipients_close_the_document(self, document):
        last = page_texts(document)[-1]

        assert "Nơi nhận:" in last
        assert "- Ban Thi đua - Khen thưởng tỉnh;" in last
        assert "- Lưu: VT." in last


class TestPageNumbers:
    def test_page_one_has_none_and_the_others_theirs_at_the_top(self, document):
        numbers = page_number_words(document)

        assert numbers[0] is None
        assert numbers[1:] == [str(n) for n in range(2, len(numbers) + 1)]

    def test_the_number_is_the_topmost_word_centred_between_the_margins(self, pages):
        page = pages[1]
        top = min(words(page), key=lambda w: w["top"])

        assert top["text"] == "2"
        assert (top["x0"] + top["x1"]) / 2 == pytest.approx(
            (30 * MM + page.width - 15 * MM) / 2, abs=1
        )

    def test_a_one_page_document_has_no_number(self):
        pdf = renderer.render_pdf("documents/base.html", {"doc": header()})

        assert len(page_texts(pdf)) == 1
        assert page_number_words(pdf) == [None]


class TestFonts:
    def test_every_embedded_font_is_the_document_serif(self, document):
        assert_document_serif(document)

    def test_no_page_falls_back_to_dejavu(self, document):
        for page in pypdf.PdfReader(io.BytesIO(document)).pages:
            for font in page["/Resources"]["/Font"].values():
                assert "DejaVu" not in str(font.get_object()["/BaseFont"])

    def test_the_page_numbers_are_printed_in_the_serif_too(self, pages):
        for page in pages[1:]:
            number = [c for c in page.chars if c["top"] < 20 * MM]

            assert number
            assert all(is_document_serif(c["fontname"]) for c in number)
            assert all("Bold" not in c["fontname"] for c in number)

    def test_every_character_is_set_in_the_serif(self, pages):
        for page in pages:
            assert all(is_document_serif(c["fontname"]) for c in page.chars)


class TestRenderer:
    def test_renders_reuse_one_font_configuration_and_one_stylesheet(self, document, monkeypatch):
        def refuse(*args, **kwargs):
            raise AssertionError("a render made a new font configuration or stylesheet")

        monkeypatch.setattr(renderer, "FontConfiguration", refuse)
        monkeypatch.setattr(renderer, "CSS", refuse)

        assert render(doc=header(), units=[], paragraphs=[], paragraph="").startswith(b"%PDF-")
        assert renderer._font_config() is renderer._font_config()
        assert renderer._stylesheet() is renderer._stylesheet()

    def test_an_edited_stylesheet_replaces_the_parsed_one_without_a_restart(
        self, settings, tmp_path
    ):
        original = renderer.StaticFilesFetcher().fetch(f"file:///static/{renderer.STYLESHEET}")
        edited = original.read().decode().replace("size: A4 portrait", "size: A5 portrait")
        (tmp_path / "documents").mkdir()
        (tmp_path / "documents" / "document.css").write_text(edited, encoding="utf-8")
        settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]

        pdf = render(doc=header(), units=[], paragraphs=[], paragraph="")

        width = float(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)
        assert width == pytest.approx(148 * MM, abs=1)  # A5
        assert renderer._parsed_stylesheet.cache_info().currsize == 1

    def test_the_font_family_is_set_on_html_so_margin_boxes_inherit_it(self):
        url = f"file:///static/{renderer.STYLESHEET}"
        text = renderer.StaticFilesFetcher().fetch(url).read().decode()
        html_rule = text.split("\nhtml {", 1)[1].split("}", 1)[0]

        assert 'font-family: "Times New Roman", "Liberation Serif", "Tinos"' in html_rule


def png(width: int = 4, height: int = 4) -> bytes:
    """Return a small black PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def static_image(settings, tmp_path) -> str:
    """Add a static directory holding renderer-test/dot.png; return its path under /static/."""
    (tmp_path / "renderer-test").mkdir()
    (tmp_path / "renderer-test" / "dot.png").write_bytes(png())
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    return "renderer-test/dot.png"


@pytest.fixture
def sockets(monkeypatch) -> list:
    """Record every attempt to resolve a name or open a connection, and refuse it."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in a document render")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def images(pdf: bytes) -> int:
    return sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


IMAGE_PAGE = """{% extends "documents/base.html" %}{% block body %}{% for src in sources %}
<p><img src="{{ src }}" width="8" height="8"></p>{% endfor %}{% endblock %}"""


class TestFetcher:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:9/static/documents/document.css",
            "https://example.com/logo.png",
            "ftp://example.com/static/documents/document.css",
            "file:///etc/passwd",
            "file:///static/../../etc/passwd",
            "file:///static/documents/../../../etc/passwd",
            "file:///static/%2e%2e/%2e%2e/etc/passwd",
            "file:///static/documents/%2E%2E/%2E%2E/manage.py",
            "file:///static//etc/passwd",
            "file:///static/documents\\..\\..\\manage.py",
            "file://example.com/static/documents/document.css",
            "file:///work/main/static/documents/document.css",
            "file:///static/documents/",
            "file:///static/",
            "file:///static/documents/missing.css",
            "javascript:alert(1)",
        ],
    )
    def test_it_refuses_anything_but_a_static_file(self, url, sockets):
        with pytest.raises(ValueError):
            renderer.StaticFilesFetcher().fetch(url)

        assert sockets == []

    def test_it_serves_a_static_file(self, sockets):
        response = renderer.StaticFilesFetcher().fetch("file:///static/documents/document.css")

        assert response.content_type == "text/css"
        assert b"@page" in response.read()
        assert sockets == []

    def test_it_serves_a_data_url(self, sockets):
        response = renderer.StaticFilesFetcher().fetch("data:text/plain;base64,eGluIGNow6Bv")

        assert response.read().decode() == "xin chào"
        assert sockets == []

    @pytest.mark.parametrize("kind", ["static", "relative", "data"])
    def test_a_document_shows_static_and_data_images(self, kind, static_image, sockets):
        source = {
            "static": f"/static/{static_image}",
            "relative": static_image,
            "data": "data:image/png;base64," + base64.b64encode(png()).decode(),
        }[kind]

        pdf = render(IMAGE_PAGE, doc=header(), sources=[source])

        assert images(pdf) == 1
        assert sockets == []

    def test_a_collected_file_with_a_hashed_name_loads_as_in_production(
        self, settings, tmp_path, sockets
    ):
        # A manifest storage's {% static %} names files that only the collected copy holds.
        (tmp_path / "renderer-test").mkdir()
        (tmp_path / "renderer-test" / "dot.0123abcd.png").write_bytes(png())
        settings.STATIC_ROOT = tmp_path

        pdf = render(IMAGE_PAGE, doc=header(), sources=["/static/renderer-test/dot.0123abcd.png"])

        assert images(pdf) == 1
        assert sockets == []

    def test_a_document_loads_nothing_from_elsewhere_and_still_renders(
        self, static_image, sockets, caplog
    ):
        sources = [
            "http://127.0.0.1:9/dot.png",
            "https://example.com/dot.png",
            "file:///etc/passwd",
            f"/static/../../../{static_image}",
            "../../etc/passwd",
            f"//example.com/static/{static_image}",
        ]

        pdf = render(IMAGE_PAGE, doc=header(), sources=sources)

        assert images(pdf) == 0
        assert sockets == []
        assert "KHỐI THI ĐUA SỐ 3" in page_texts(pdf)[0]
        assert "https://example.com/dot.png" in caplog.text


# The checks of every app run, and the task queue's model asks the database what it supports.
@pytest.mark.django_db
class TestFontCheck:
    def test_it_warns_when_no_document_serif_is_installed(self, monkeypatch):
        monkeypatch.setattr(renderer, "installed_document_fonts", lambda: [])

        warnings = checks.run_checks()

        assert "meetings.W001" in [w.id for w in warnings]
        assert [w.level for w in warnings if w.id == "meetings.W001"] == [checks.WARNING]

    @pytest.mark.parametrize("font", ["Times New Roman", "Liberation Serif", "Tinos"])
    def test_any_one_document_serif_is_enough(self, monkeypatch, font):
        monkeypatch.setattr(renderer, "installed_document_fonts", lambda: [font])

        assert renderer.check_document_fonts(None) == []
        assert "meetings.W001" not in [w.id for w in checks.run_checks()]

    def test_this_machine_has_one(self):
        assert renderer.installed_document_fonts()
