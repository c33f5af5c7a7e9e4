"""The province-wide list of heads and deputies of a year, as the annex (phụ lục) the board
attaches to the decision of UBND tỉnh that assigns them.

The province issues it, not a bloc: it has no number of its own and does not go through the
registry; it is rendered on demand from what the blocs recorded, with the decision's number and
date left blank for the clerk to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.html import format_html

from blocs.models import Bloc, BlocYear, Membership
from core.formats import ngay_thang
from meetings.documents.builder import Header
from units.models import Province

TEMPLATE = "documents/leadership_annex.html"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(word: str) -> int | None:
    """Return the value of a Roman numeral ("IV" is 4), or None for another word."""
    if not word or any(letter not in ROMAN for letter in word):
        return None
    values = [ROMAN[letter] for letter in word]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def bloc_order(bloc: Bloc) -> tuple:
    """Sort blocs before clusters, and by their number whether written 2, 10 or II, X."""
    words = bloc.name.split()
    last = words[-1] if words else ""
    number = int(last) if re.fullmatch(r"\d+", last) else _roman(last)
    kind = 0 if bloc.kind == Bloc.Kind.BLOC else 1
    if number is None:
        return (kind, bloc.name.casefold(), 0)
    return (kind, " ".join(words[:-1]).casefold(), number)


def keep_number_on_line(name: str) -> str:
    """Keep a bloc's number (3, 10, IV) on one line with the word before it, so that a narrow
    column never leaves it alone on a line (HTML)."""
    words = name.split()
    if len(words) < 3 or len(words[-1]) > 4:
        return name
    return format_html(
        '{} <span class="nowrap">{}</span>', " ".join(words[:-2]), " ".join(words[-2:])
    )


def basis_in_annex(leader: Membership) -> str:
    """State briefly why a unit leads its bloc that year, in the annex's words (HTML: a
    decision's number is kept on one line)."""
    conference = f" {ngay_thang(leader.elected_on)}" if leader.elected_on else ""
    if leader.basis == Membership.Basis.DECISION and leader.decision_id:
        decision = leader.decision
        return format_html(
            'Quyết định số <span class="nowrap">{}</span> {}',
            decision.number,
            ngay_thang(decision.date),
        )
    if leader.basis == Membership.Basis.ELECTED:
        return f"Bầu tại Hội nghị{conference} của Khối"
    if leader.basis == Membership.Basis.ROTATION:
        agreed = f", thống nhất tại Hội nghị{conference}" if conference else ""
        return f"Luân phiên theo quy chế{agreed}"
    return ""


@dataclass
class AnnexRow:
    """One bloc's line of the annex."""

    bloc: str
    head: str
    deputies: list[str] = field(default_factory=list)
    deputies_unknown: bool = False
    bases: list[str] = field(default_factory=list)


def annex_rows(*, province: Province, year: int) -> list[AnnexRow]:
    """Return a line per bloc of the province that runs that year, in the blocs' order, with
    the units named as they were that year."""
    bloc_years = sorted(
        BlocYear.objects.filter(bloc__province=province, year=year).with_leaders(),
        key=lambda bloc_year: bloc_order(bloc_year.bloc),
    )
    rows = []
    for bloc_year in bloc_years:
        head = bloc_year.head
        rows.append(
            AnnexRow(
                bloc=keep_number_on_line(bloc_year.bloc.name),
                head=head.unit.name_in_year(year).full_name if head else "",
                deputies=[d.unit.name_in_year(year).full_name for d in bloc_year.deputies],
                deputies_unknown=bloc_year.deputies_unknown,
                bases=[
                    text
                    for text in dict.fromkeys(basis_in_annex(m) for m in bloc_year.leaders())
                    if text
                ],
            )
        )
    return rows


def annex_header(*, province: Province, year: int) -> Header:
    return Header(
        parent_body=province.parent_body,
        issuer="",
        symbol_suffix="QĐ-UBND",
        place=province.name,
        date=None,
        type_name="Phụ lục",
        subject=f"Danh sách Trưởng, Phó các Khối, Cụm thi đua {province.full_name} năm {year}",
    )


def leadership_annex_html(*, province: Province, year: int, rows: list[AnnexRow]) -> str:
    """Render the annex of the province's year: its PDF and its Word file are made from this."""
    reference = (
        f"(Kèm theo Quyết định số ……/QĐ-UBND {ngay_thang(None)} của UBND {province.full_name})"
    )
    return render_to_string(
        TEMPLATE,
        {
            "doc": annex_header(province=province, year=year),
            "reference": reference,
            "rows": rows,
            "year": year,
            "head_term": province.head_term,
            "deputy_term": province.deputy_term,
        },
    )
