"""The emulation pledge (bản giao ước thi đua) of a bloc-year, signed by every member unit.

The pledge is recorded in blocs; its document is issued here, where the document machinery
lives. Units are named as they were in the pledge's year; each member unit has a signature
block, with its signatory's title and name when they are recorded.
"""

from __future__ import annotations

import datetime

from blocs.models import BlocYear, Pledge
from core.formats import ngay_thang
from meetings.documents.builder import DocumentBuilder
from meetings.documents.members import members_in_order
from meetings.documents.signatures import SignatureBlock, in_rows, unit_role
from meetings.documents.text import paragraphs


class PledgeBuilder(DocumentBuilder):
    """Describe the pledge of a bloc-year."""

    template_name = "documents/pledge.html"

    source: Pledge

    def bloc_year(self) -> BlocYear:
        return self.source.bloc_year

    def subject(self) -> str:
        return self.source.title

    def date(self) -> datetime.date | None:
        return self.source.signed_on

    def context(self) -> dict:
        pledge = self.source
        bloc_year = self.bloc_year()
        year = bloc_year.year
        members = members_in_order(bloc_year)
        signatures = {s.membership_id: s for s in pledge.signatures.all()}
        province = bloc_year.bloc.province.full_name
        units = [unit for _membership, unit in members]
        blocks = []
        for membership, unit in members:
            signature = signatures.get(membership.pk)
            blocks.append(
                SignatureBlock(
                    role=unit_role(unit, province),
                    title=signature.signatory_title if signature else "",
                    name=signature.signatory_name if signature else "",
                )
            )
        items = [
            {"content": paragraphs(item.content), "target": paragraphs(item.target)}
            for item in pledge.items.all()
        ]
        return {
            "pledge": pledge,
            "bloc_name": bloc_year.bloc.name,
            "opening": self.opening(),
            "units": units,
            "preamble": paragraphs(pledge.preamble)
            or [
                f"Thực hiện phong trào thi đua yêu nước năm {year}, các đơn vị thành viên "
                f"{bloc_year.bloc.name} thống nhất ký kết giao ước thi đua với các nội dung sau:"
            ],
            "items": items,
            "signature_rows": in_rows(blocks),
        }

    def opening(self) -> str:
        """Return the sentence that says when and where the members met to sign."""
        pledge = self.source
        when = f"Hôm nay, {ngay_thang(pledge.signed_on)}" if pledge.signed_on else "Hôm nay"
        where = f", tại {pledge.place}" if pledge.place else ""
        return f"{when}{where}, các đơn vị thành viên {self.bloc_year().bloc.name} gồm:"
