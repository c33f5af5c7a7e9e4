"""The signature blocks at the foot of a document, laid out two to a row."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SignatureBlock:
    """One signature: the role line (THƯ KÝ, CHỦ TRÌ, a unit), the signer's title and name."""

    role: str
    title: str = ""
    name: str = ""


def in_rows(blocks: list[SignatureBlock | None], per_row: int = 2) -> list[list]:
    """Cut the blocks into rows; a short last row is padded with empty cells (None)."""
    rows = [blocks[start : start + per_row] for start in range(0, len(blocks), per_row)]
    if rows and len(rows[-1]) < per_row:
        rows[-1] = [*rows[-1], *([None] * (per_row - len(rows[-1])))]
    return rows


# About as many bold capitals as half the text width holds at 14 pt.
ROLE_LINE = 24


def unit_role(name: str, province_name: str) -> str:
    """Return a unit's name as a role line, broken in two where a clerk would break it rather
    than wherever the line is full: before the province ("Sở Tư pháp / tỉnh Đắk Lắk"), after a
    dash, or before a capitalised word ("Bộ Chỉ huy Bộ đội / Biên phòng tỉnh Đắk Lắk")."""
    words = name.split()
    if len(name) <= ROLE_LINE - 2 or len(words) < 2:
        return name
    province_at = len(words) - len(province_name.split())
    province_words = [word.casefold() for word in words[province_at:]]

    def cost(at: int) -> tuple:
        first, second = " ".join(words[:at]), " ".join(words[at:])
        if at == province_at and province_words == province_name.casefold().split():
            kind = 0
        elif words[at - 1] in {"-", "–"}:
            kind = 1
        elif words[at][0].isupper():
            kind = 2
        else:
            kind = 3
        fits = len(first) <= ROLE_LINE and len(second) <= ROLE_LINE
        return (not fits, kind, max(len(first), len(second)))

    cut = min(range(1, len(words)), key=cost)
    return f"{' '.join(words[:cut])}\n{' '.join(words[cut:])}"
