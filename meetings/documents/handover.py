"""The handover record of a bloc's head (biên bản bàn giao nhiệm vụ Khối trưởng)."""

from __future__ import annotations

import datetime
import functools

from blocs.models import Bloc, BlocYear, Handover, Membership
from core.formats import ngay_thang
from meetings.documents.builder import DocumentBuilder
from meetings.documents.signatures import SignatureBlock, in_rows


def head_title(bloc: Bloc) -> str:
    """Return what the head of this bloc is called, in its province's words."""
    return bloc.head_term


def lower_first(text: str) -> str:
    """Lower the first letter of a phrase that goes inside a sentence, unless it is an
    abbreviation ("Phân công …" becomes "phân công …", "UBND …" stays)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def head_basis(membership: Membership, province_name: str) -> str:
    """State in a document's words why a unit heads its bloc that year ("Thực hiện …")."""
    bloc = membership.bloc_year.bloc
    if membership.basis == Membership.Basis.DECISION and membership.decision_id:
        decision = membership.decision
        text = (
            f"Thực hiện Quyết định số {decision.number} {ngay_thang(decision.date)} "
            f"của UBND tỉnh {province_name}"
        )
        if decision.subject:
            text += f" về việc {lower_first(decision.subject)}"
        return text
    conference = (
        f" tại Hội nghị {ngay_thang(membership.elected_on)}" if membership.elected_on else ""
    )
    if membership.basis == Membership.Basis.ELECTED:
        return (
            f"Căn cứ kết quả bầu {head_title(bloc)} {bloc.name} năm {membership.year}{conference}"
        )
    if membership.basis == Membership.Basis.ROTATION:
        agreed = f", đã được thống nhất{conference}" if conference else ""
        return f"Thực hiện quy định về luân phiên {head_title(bloc)} {bloc.name}{agreed}"
    return ""


class HandoverBuilder(DocumentBuilder):
    """The record of the handover from one year's head to the next, signed by both sides."""

    template_name = "documents/handover.html"

    source: Handover

    @functools.cached_property
    def _bloc_year(self) -> BlocYear:
        return BlocYear.objects.select_related("bloc", "bloc__province").get(
            pk=self.source.bloc_year_id
        )

    def bloc_year(self) -> BlocYear:
        return self._bloc_year

    def date(self) -> datetime.date | None:
        return self.source.handed_over_on

    def subject(self) -> str:
        bloc_year = self.bloc_year()
        bloc = bloc_year.bloc
        return f"Bàn giao nhiệm vụ {head_title(bloc)} {bloc.name} năm {bloc_year.year + 1}"

    def _next_head(self) -> Membership | None:
        """The membership that makes the receiving unit head of the next year, if recorded."""
        bloc_year = self.bloc_year()
        return (
            Membership.objects.filter(
                bloc_year__bloc_id=bloc_year.bloc_id,
                bloc_year__year=bloc_year.year + 1,
                unit_id=self.source.to_unit_id,
                role=Membership.Role.HEAD,
            )
            .select_related("bloc_year__bloc", "decision")
            .first()
        )

    def context(self) -> dict:
        handover = self.source
        bloc_year = self.bloc_year()
        bloc = bloc_year.bloc
        day = handover.handed_over_on
        from_unit, to_unit = handover.from_unit, handover.to_unit
        next_head = self._next_head()
        # The names the two units bore on the day they signed.
        from_name, to_name = from_unit.name_on(day), to_unit.name_on(day)
        signatures = [
            SignatureBlock(
                role="Đại diện bên giao",
                title=handover.from_representative_title,
                name=handover.from_representative,
            ),
            SignatureBlock(
                role="Đại diện bên nhận",
                title=handover.to_representative_title,
                name=handover.to_representative,
            ),
        ]
        return {
            "handover": handover,
            "bloc": bloc,
            "year": bloc_year.year,
            "next_year": bloc_year.year + 1,
            "head_title": head_title(bloc),
            "from_name": from_name,
            "to_name": to_name,
            "signature_rows": in_rows(signatures),
            "items": list(handover.items.all()),
            "basis": head_basis(next_head, bloc.province.name) if next_head else "",
        }
