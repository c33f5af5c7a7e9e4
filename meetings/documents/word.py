"""The Word file of a document: the same rendered template as its PDF, laid out with python-docx.

A document's wording lives once, in its template; this module reads the HTML that template
renders (the small vocabulary of templates/documents/: the header table, headings, paragraphs,
grids, signature tables, Nơi nhận) and writes each piece as Word does it, in the layout of Nghị
định 30/2020/NĐ-CP: A4, margins 20/20/30/15 mm, Times New Roman 13–14 pt, the page number at the
top from page 2. What the print stylesheet says about each piece is said again here in Word's
terms (LOOKS); the words themselves are never repeated.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
from dataclasses import dataclass, fields, replace

import segno
from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import html as lxml_html

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "table", "ul", "ol", "li"}
WHITESPACE = re.compile(r"[ \t\r\n\f]+")
MM_WIDTH = re.compile(r"width:\s*([\d.]+)mm")


@dataclass(frozen=True)
class Look:
    """How a piece of the document is set: the fields CARRIED names carry down to what it holds,
    the others belong to its own paragraph."""

    size: float = 14
    bold: bool = False
    italic: bool = False
    upper: bool = False
    align: str = "left"
    # Carried down: the first-line indent and the space after each paragraph of a container.
    indent: float = 0
    gap: float = 0
    keep: bool = False
    nowrap: bool = False
    # The paragraph's own: space before and after (mm), a rule under it (its share of the text's
    # width), the height of an empty signing space (mm), and keeping it with the next one.
    before: float = 0
    after: float | None = None
    rule: float = 0
    space: float = 0
    keep_next: bool = False


CARRIED = {"size", "bold", "italic", "upper", "align", "indent", "gap", "keep", "nowrap"}

# What documents/document.css says, by (enclosing class, tag, class); None matches any.
LOOKS: list[tuple[str | None, str | None, str | None, dict]] = [
    (None, "td", None, {"align": "left", "indent": 0, "gap": 0}),
    (None, "td", "issuer", {"size": 13, "align": "center"}),
    (None, "td", "nation", {"align": "center"}),
    (None, None, "parent-body", {"upper": True}),
    (None, None, "issuer-name", {"bold": True, "upper": True, "rule": 0.4}),
    (None, None, "doc-number", {"before": 3, "size": 13}),
    (None, None, "nation-name", {"bold": True, "size": 13}),
    (None, None, "motto", {"bold": True, "rule": 1}),
    (None, None, "place-date", {"italic": True, "before": 3}),
    (None, "h1", None, {"bold": True, "upper": True, "align": "center", "before": 6}),
    (None, None, "doc-subject", {"bold": True, "align": "center", "after": 1}),
    (None, None, "doc-reference", {"bold": False, "italic": True, "before": 1}),
    (None, None, "doc-subject-rule", {"rule": 0.25, "after": 5}),
    (None, None, "doc-body", {"align": "justify", "indent": 10, "gap": 2}),
    (None, "h2", None, {"bold": True, "indent": 0, "before": 3, "after": 1}),
    (None, None, "no-indent", {"indent": 0}),
    (
        None,
        "table",
        "grid",
        {"size": 13, "indent": 0, "gap": 0, "align": "left", "before": 2, "after": 3},
    ),
    (None, "table", "addressees", {"indent": 0, "gap": 0, "align": "left"}),
    (None, "th", None, {"bold": True, "align": "center"}),
    (None, "td", "num", {"align": "center"}),
    (None, None, "signature-block", {"keep": True, "indent": 0, "gap": 0}),
    (None, "table", "signatures", {"align": "center", "indent": 0, "gap": 0, "before": 6}),
    ("signatures", "td", None, {"align": "center"}),
    (None, None, "sign-role", {"bold": True, "upper": True}),
    (None, None, "sign-space", {"space": 22}),
    (None, None, "sign-name", {"bold": True, "after": 6}),
    (None, None, "recipients", {"size": 12, "before": 6, "keep": True, "indent": 0}),
    ("recipients", None, "label", {"bold": True, "italic": True}),
    ("recipients", "ul", None, {"size": 11}),
    (None, None, "nowrap", {"nowrap": True}),
]
# Column widths (share of the table) the stylesheet gives by class.
COLUMN_SHARES = {"issuer": 0.4, "nation": 0.6}
# A grid's numbering column, when its template gives it no width.
NUMBER_COLUMN = 11


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _look_of(element, parent: Look, enclosing: set[str]) -> Look:
    """Return the look of an element inside a piece with `parent`'s look, within the classes of
    its ancestors."""
    changes = {
        field.name: getattr(parent, field.name) for field in fields(Look) if field.name in CARRIED
    }
    classes = _classes(element)
    for context, tag, css_class, values in LOOKS:
        if (
            (context is None or context in enclosing)
            and (tag is None or tag == element.tag)
            and (css_class is None or css_class in classes)
        ):
            changes.update(values)
    if "break-after: avoid" in (element.get("style") or ""):
        changes["keep_next"] = True
    return replace(Look(), **changes)


class _Flow:
    """Where blocks go: the document's body or a table cell, with its width in mm."""

    def __init__(self, container, width: float, *, first=None) -> None:
        self.container = container
        self.width = width
        # A new cell holds one empty paragraph: its first paragraph goes there.
        self.unused = first

    def paragraph(self):
        if self.unused is not None:
            paragraph, self.unused = self.unused, None
            return paragraph
        return self.container.add_paragraph()


class WordWriter:
    """Write the HTML of one rendered document into a new Word document."""

    def __init__(self) -> None:
        self.word = WordDocument()
        # Every paragraph written, in order.
        self.made: list = []
        self._page_setup()

    def _page_setup(self) -> None:
        section = self.word.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
        section.header_distance = section.footer_distance = Mm(10)
        section.different_first_page_header_footer = True
        normal = self.word.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(14)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "vi-VN")
        normal.element.get_or_add_rPr().append(language)
        spacing = normal.paragraph_format
        spacing.space_before = spacing.space_after = Pt(0)
        spacing.line_spacing = 1.1
        # Page numbers from page 2 on, centred at the top, as the PDF prints them.
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = number.add_run("2")
        run.font.size = Pt(13)
        field.append(run._r)
        number._p.append(field)

    def write(self, html: str) -> bytes:
        root = lxml_html.document_fromstring(html)
        body = root.find("body")
        title = root.findtext("head/title") or ""
        self.word.core_properties.title = title.strip()
        self.word.core_properties.language = "vi-VN"
        flow = _Flow(self.word, TEXT_WIDTH)
        self._children(body, flow, Look(), set())
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    # Blocks.

    def _children(self, element, flow: _Flow, look: Look, enclosing: set[str]) -> None:
        """Write an element's content: its text and inline children gathered into paragraphs,
        its block children each in turn."""
        runs: list[tuple] = []
        self._text(element.text, runs, look)
        for child in element:
            if not isinstance(child.tag, str):  # a comment
                self._text(child.tail, runs, look)
                continue
            if child.tag in BLOCK_TAGS:
                self._paragraph(runs, flow, look)
                runs = []
                self._block(child, flow, look, enclosing)
            else:
                self._inline(child, runs, look)
            self._text(child.tail, runs, look)
        self._paragraph(runs, flow, look)

    def _block(self, element, flow: _Flow, parent: Look, enclosing: set[str]) -> None:
        classes = _classes(element)
        if "verify-box" in classes:
            self._verify_box(element)
            return
        if "draft-mark" in classes:
            self._draft_mark(element.text_content().strip())
            return
        look = _look_of(element, parent, enclosing)
        inner = enclosing | classes
        if "signature-block" in classes and self.made:
            # The signatures stay with the last lines before them.
            self.made[-1].paragraph_format.keep_with_next = True
        if element.tag == "table":
            self._table(element, flow, look, inner)
        elif element.tag in ("ul", "ol"):
            items = [child for child in element if child.tag == "li"]
            for number, item in enumerate(items, start=1):
                prefix = "- " if element.tag == "ul" else f"{number}. "
                item_look = _look_of(item, look, inner)
                runs = [(prefix, item_look.bold, item_look.italic, False)]
                self._inline_content(item, runs, item_look)
                self._paragraph(runs, flow, item_look)
        elif look.rule and not element.text_content().strip():
            self._rule(flow, look, flow.width * look.rule)
        elif look.space and not element.text_content().strip():
            paragraph = self._paragraph([("", False, False, False)], flow, look, force=True)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            paragraph.paragraph_format.line_spacing = Mm(look.space)
        else:
            start = len(self.made)
            self._children(element, flow, look, inner)
            if look.before and len(self.made) > start:
                # A container's space before goes to its first paragraph.
                first = self.made[start].paragraph_format
                first.space_before = max(first.space_before or 0, Mm(look.before))
            if look.rule:
                text = element.text_content().strip()
                width = min(flow.width, _text_width(text.upper() if look.upper else text, look))
                self._rule(flow, replace(look, before=0, after=0), width * look.rule)

    def _paragraph(self, runs: list[tuple], flow: _Flow, look: Look, *, force=False):
        """Write gathered runs as one paragraph in the look; nothing when they hold no text."""
        runs = _trimmed(runs)
        if not runs and not force:
            return None
        paragraph = flow.paragraph()
        spacing = paragraph.paragraph_format
        spacing.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }.get(look.align, WD_ALIGN_PARAGRAPH.LEFT)
        if look.indent:
            spacing.first_line_indent = Mm(look.indent)
        if look.before:
            spacing.space_before = Mm(look.before)
        after = look.after if look.after is not None else look.gap
        if after:
            spacing.space_after = Mm(after)
        if look.keep or look.keep_next:
            spacing.keep_with_next = True
            spacing.keep_together = True
        for text, bold, italic, line_break in runs:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            run.font.size = Pt(look.size)
            if line_break:
                run.add_break()
        self.made.append(paragraph)
        return paragraph

    def _rule(self, flow: _Flow, look: Look, width: float) -> None:
        """Draw a centred rule `width` mm long: the top border of a paragraph a hair high."""
        paragraph = flow.paragraph()
        spacing = paragraph.paragraph_format
        side = max((flow.width - width) / 2, 0)
        spacing.left_indent = spacing.right_indent = Mm(side)
        spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spacing.line_spacing = Pt(2)
        # Clear of the descenders of the line above.
        spacing.space_before = Pt(2.5)
        if look.after:
            spacing.space_after = Mm(look.after)
        if look.keep or look.keep_next:
            spacing.keep_with_next = True
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "5"), ("w:space", "1")):
            top.set(qn(key), value)
        top.set(qn("w:color"), "000000")
        borders.append(top)
        paragraph._p.get_or_add_pPr().append(borders)

    # Inline content.

    def _text(self, text: str | None, runs: list[tuple], look: Look) -> None:
        if not text:
            return
        text = WHITESPACE.sub(" ", text)
        if look.upper:
            text = text.upper()
        if look.nowrap:
            text = text.replace(" ", "\xa0")
        runs.append((text, look.bold, look.italic, False))

    def _inline(self, element, runs: list[tuple], look: Look) -> None:
        if element.tag == "br":
            runs.append(("", look.bold, look.italic, True))
            return
        if element.tag in ("img", "script", "style"):
            return
        inner = look
        if element.tag in ("strong", "b"):
            inner = replace(inner, bold=True)
        elif element.tag in ("em", "i"):
            inner = replace(inner, italic=True)
        if "nowrap" in _classes(element):
            inner = replace(inner, nowrap=True)
        self._inline_content(element, runs, inner)

    def _inline_content(self, element, runs: list[tuple], look: Look) -> None:
        self._text(element.text, runs, look)
        for child in element:
            if isinstance(child.tag, str):
                self._inline(child, runs, look)
            self._text(child.tail, runs, look)

    # Tables.

    def _table(self, element, flow: _Flow, look: Look, enclosing: set[str]) -> None:
        rows = [
            (row, [cell for cell in row if cell.tag in ("td", "th")])
            for row in element.iter("tr")
            if _owning_table(row) is element
        ]
        if not rows:
            return
        columns = max(len(cells) for _row, cells in rows)
        classes = _classes(element)
        in_body = flow.container is self.word
        if in_body and look.before:
            self._spacer(look.before, keep=look.keep)
        table = flow.container.add_table(rows=len(rows), cols=columns)
        if "grid" in classes:
            table.style = self.word.styles["Table Grid"]
        if "addressees" in classes:
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
        # Cell padding as printed: none in the header, whose lines use the columns' whole width.
        padding = 0 if "doc-header" in classes else 1.5 if "grid" in classes else 2
        _side_margins(table, padding)
        # Cell padding as printed: none in the header, whose lines use the columns' whole width.
        padding = 0 if "doc-header" in classes else 1.5 if "grid" in classes else 2
        _side_margins(table, padding)
        widths = _column_widths(element, rows, columns, flow.width, look, padding)
        table.autofit = False
        for index, width in enumerate(widths):
            table.columns[index].width = Mm(width)
        for (row_element, cells), row in zip(rows, table.rows, strict=True):
            _row_flags(row, header=row_element.getparent().tag == "thead", keep=look.keep)
            for index, cell_element in enumerate(cells):
                cell = row.cells[index]
                cell.width = Mm(widths[index])
                cell_look = _look_of(cell_element, look, enclosing)
                cell_flow = _Flow(cell, widths[index] - 2 * padding, first=cell.paragraphs[0])
                self._children(
                    cell_element, cell_flow, cell_look, enclosing | _classes(cell_element)
                )
        if in_body:
            # Word needs a paragraph between two tables, or it joins them.
            self._spacer(look.after if look.after is not None else 0.5, keep=look.keep)

    def _spacer(self, height: float, *, keep: bool) -> None:
        """Leave `height` mm of space between blocks of the body."""
        spacer = self.word.add_paragraph()
        spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spacer.paragraph_format.line_spacing = Mm(max(height, 0.5))
        spacer.paragraph_format.keep_with_next = keep or None

    # What the pages carry besides the text.

    def _verify_box(self, element) -> None:
        """Print the verification code and its QR code at the foot of every page."""
        url = element.get("data-url", "")
        lines = [line.strip() for line in element.itertext() if line.strip()]
        section = self.word.sections[0]
        for footer in (section.footer, section.first_page_footer):
            table = footer.add_table(rows=1, cols=2, width=Mm(TEXT_WIDTH))
            table.alignment = WD_TABLE_ALIGNMENT.RIGHT
            table.autofit = False
            for index, width in enumerate((16, 80)):
                table.columns[index].width = table.rows[0].cells[index].width = Mm(width)
            qr_cell, text_cell = table.rows[0].cells
            if url:
                qr_cell.paragraphs[0].add_run().add_picture(
                    io.BytesIO(_qr_png(url)), Mm(13), Mm(13)
                )
            paragraph = text_cell.paragraphs[0]
            for number, line in enumerate(lines):
                run = paragraph.add_run(line)
                run.font.size = Pt(7.5)
                if number < len(lines) - 1:
                    run.add_break()

    def _draft_mark(self, text: str) -> None:
        """Mark every page of a draft at its top right."""
        section = self.word.sections[0]
        for header in (section.header, section.first_page_header):
            paragraph = header.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(text)
            run.bold = True
            run.font.size = Pt(14)
            run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


def _side_margins(table, padding: float) -> None:
    """Pad the table's cells `padding` mm left and right."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(padding / 25.4 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties = table._tbl.tblPr
    # The schema orders a table's properties: the cell margins come before tblLook.
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)


def _owning_table(row):
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _row_flags(row, *, header: bool, keep: bool) -> None:
    """Keep a row on one page; repeat a header row on each page a long grid takes."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _column_widths(
    element, rows, columns: int, available: float, look: Look, padding: float
) -> list[float]:
    """Return each column's width in mm: as the template or stylesheet gives it, but never
    narrower than its longest word (a browser lets a word overflow, Word breaks it), the rest
    shared by the columns given none."""
    widths: list[float | None] = [None] * columns
    first_cells = rows[0][1]
    for index, cell in enumerate(first_cells):
        if found := MM_WIDTH.search(cell.get("style") or ""):
            widths[index] = float(found.group(1))
        elif share := next(
            (COLUMN_SHARES[name] for name in _classes(cell) if name in COLUMN_SHARES), None
        ):
            widths[index] = available * share
        elif "num" in _classes(cell) or any(
            len(cells) > index and "num" in _classes(cells[index]) for _row, cells in rows[1:2]
        ):
            widths[index] = NUMBER_COLUMN
    if "addressees" in _classes(element):
        # Shrunk to the text, as the page centres it.
        texts = [[cell.text_content().strip() for cell in cells] for _row, cells in rows]
        widths = [
            min(
                max(
                    (_text_width(line, look) for row in texts for line in row[index].split("\n")),
                    default=10,
                )
                + 6,
                available * 0.8,
            )
            for index in range(columns)
        ]
    for index, width in enumerate(widths):
        if width is not None:
            words = [
                (word, cell.tag == "th")
                for _row, cells in rows
                if len(cells) > index
                for cell in cells[index : index + 1]
                for word in cell.text_content().split()
            ]
            widest = max(
                (_text_width(word, replace(look, bold=look.bold or bold)) for word, bold in words),
                default=0,
            )
            widths[index] = max(width, widest + 2 * padding + 0.5)
    fixed = sum(width for width in widths if width is not None)
    free = [index for index, width in enumerate(widths) if width is None]
    if free:
        share = max(available - fixed, 10 * len(free)) / len(free)
        for index in free:
            widths[index] = share
    return [float(width) for width in widths]


def _trimmed(runs: list[tuple]) -> list[tuple]:
    """Drop the spaces HTML drops: at the start and end of a paragraph, around a line break,
    and a second space where two runs meet."""
    out: list[list] = []
    space_before = True
    for text, bold, italic, line_break in runs:
        if line_break:
            if out and out[-1][0].endswith(" "):
                out[-1][0] = out[-1][0].rstrip(" ")
            out.append(["", bold, italic, True])
            space_before = True
            continue
        if space_before:
            text = text.lstrip(" ")
        if not text:
            continue
        space_before = text.endswith(" ")
        out.append([text, bold, italic, False])
    if out and out[-1][0].endswith(" "):
        out[-1][0] = out[-1][0].rstrip(" ")
    out = [run for run in out if run[0] or run[3]]
    return [tuple(run) for run in out]


def _qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=8, border=0)
    return out.getvalue()


@functools.cache
def _font_metrics(bold: bool):
    """Return the advance widths (in font units) and the units per em of the document serif, or
    None when fontconfig finds no font file."""
    from fontTools.ttLib import TTFont

    try:
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{FONT}:{'bold' if bold else 'regular'}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
        font = TTFont(path, lazy=True)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    return {code: metrics[name][0] for code, name in cmap.items()}, font["head"].unitsPerEm


def _text_width(text: str, look: Look) -> float:
    """Return about how wide a line of text prints in the look, in mm."""
    found = _font_metrics(look.bold)
    if found is None:
        return len(text) * look.size * 0.5 * 25.4 / 72
    advances, per_em = found
    default = per_em // 2
    units = sum(advances.get(ord(letter), default) for letter in text)
    return units / per_em * look.size * 25.4 / 72


def media_type(filename: str) -> str:
    """Return the media type of a document's file by its name: a Word file or a PDF."""
    return DOCX if filename.endswith(".docx") else "application/pdf"


def html_to_docx(html: str) -> bytes:
    """Write document HTML (a template of templates/documents/) as a Word file's bytes."""
    return WordWriter().write(html)


def render_docx(template_name: str, context: dict) -> bytes:
    """Render a document template with its context to a Word file's bytes."""
    return html_to_docx(render_to_string(template_name, context))
