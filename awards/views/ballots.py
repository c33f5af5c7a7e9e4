"""Pages of the secret ballot: a bloc-year's rounds, entering one, its result, a blank ballot."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from awards.attachables import TALLY_SHEET
from awards.forms.ballots import BallotForm
from awards.models import Ballot, BallotVote
from awards.selectors.ballots import ballot_result, meeting_result, proposable_award_types
from awards.selectors.regulations import regulation_box
from awards.services.ballots import ballot_save
from blocs.frame import bloc_year_for
from blocs.models import BlocYear
from core.errors import DomainError
from meetings.attachables import attachments_of
from meetings.models import Meeting

WRITE = "blocs.change_blocyear"


def _votes():
    return Prefetch(
        "votes",
        BallotVote.objects.select_related("unit", "award_type")
        .prefetch_related("unit__names")
        .order_by("pk"),
    )


def _ballot_for(bloc_year: BlocYear, pk: int) -> Ballot:
    return get_object_or_404(
        Ballot.objects.select_related("meeting").prefetch_related(_votes()),
        pk=pk,
        meeting__bloc_year=bloc_year,
    )


def ballot_list(request, bloc_pk: int, year: int):
    """The rounds held at the bloc-year's meetings, with a link to record another."""
    bloc_year = bloc_year_for(request, bloc_pk, year)
    meetings = list(
        bloc_year.meetings.prefetch_related(
            Prefetch("ballots", Ballot.objects.order_by("round_number"))
        ).order_by("date", "pk")
    )
    return render(
        request,
        "awards/ballot_list.html",
        {
            "bloc_year": bloc_year,
            "section": "ballots",
            "meetings": meetings,
            "can_write": request.user.has_perm(WRITE, bloc_year),
            "regulation_box": regulation_box(bloc_year),
        },
    )


def ballot_edit(request, bloc_pk: int, year: int, meeting_pk: int, pk: int | None = None):
    """Record a round (or correct one): the counts and the votes of each member unit."""
    bloc_year = bloc_year_for(request, bloc_pk, year)
    if not request.user.has_perm(WRITE, bloc_year):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, pk=meeting_pk, bloc_year=bloc_year)
    meeting.bloc_year = bloc_year
    ballot = _ballot_for(bloc_year, pk) if pk is not None else None
    if ballot is not None and ballot.meeting_id != meeting.pk:
        raise PermissionDenied
    units = [
        membership.unit
        for membership in bloc_year.memberships.select_related("unit")
        .prefetch_related("unit__names")
        .order_by("unit__short_name")
    ]
    initial = {}
    after = None
    if ballot is not None:
        initial = {
            "round_number": ballot.round_number,
            "issued": ballot.issued,
            "returned": ballot.returned,
            "valid": ballot.valid,
            "invalid": ballot.invalid,
            "note": ballot.note,
            "version": ballot.version,
        }
        voted = {vote.unit_id for vote in ballot.votes.all()}
        units = [unit for unit in units if unit.pk in voted] or units
        for vote in ballot.votes.all():
            initial[f"votes_{vote.unit_id}_{vote.award_type_id}"] = vote.votes
    elif (after_pk := request.GET.get("after", "")).isdigit():
        # A second round: only the units tied at the quota's edge in the earlier one.
        after = _ballot_for(bloc_year, int(after_pk))
        after.meeting.bloc_year = bloc_year
        # The ties where the meeting stands after that round, earlier rounds merged.
        standing = ballot_result(after).standing.awards
        tied = {unit.pk for award in standing for unit in award.tied_units}
        units = [unit for unit in units if unit.pk in tied] or units
        initial["round_number"] = after.round_number + 1
    award_types = proposable_award_types(bloc_year)
    if after is not None:
        tied_types = {award.award_type.pk for award in standing if award.tied_units}
        award_types = [a for a in award_types if a.pk in tied_types] or award_types
    elif ballot is not None:
        voted_types = {vote.award_type_id for vote in ballot.votes.all()}
        award_types = [a for a in award_types if a.pk in voted_types] or award_types
    form = BallotForm(
        request.POST or None, initial=initial, units=units, award_types=award_types, year=year
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                saved = ballot_save(
                    meeting=meeting,
                    round_number=data["round_number"],
                    issued=data["issued"],
                    returned=data["returned"],
                    valid=data["valid"],
                    invalid=data["invalid"],
                    note=data["note"],
                    votes=form.votes(),
                    ballot=ballot,
                    version=data["version"],
                )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The ballot round was saved."))
            return redirect("awards:ballot_result", bloc_year.bloc_id, bloc_year.year, saved.pk)
    return render(
        request,
        "awards/ballot_form.html",
        {
            "bloc_year": bloc_year,
            "section": "ballots",
            "meeting": meeting,
            "ballot": ballot,
            "form": form,
            "award_types": award_types,
        },
    )


def ballot_result_view(request, bloc_pk: int, year: int, pk: int):
    """The result of a round: percentages, who passes, who is within the quota, ties."""
    bloc_year = bloc_year_for(request, bloc_pk, year)
    # Every round of the ballot's meeting in one go: a later round is counted with the earlier.
    rounds = list(
        Ballot.objects.filter(meeting__bloc_year=bloc_year, meeting__ballots__pk=pk)
        .select_related("meeting")
        .prefetch_related(_votes())
        .order_by("round_number")
    )
    ballot = next((b for b in rounds if b.pk == pk), None)
    if ballot is None:
        raise Http404
    ballot.meeting.bloc_year = bloc_year
    for other in rounds:
        other.meeting = ballot.meeting
    return render(
        request,
        "awards/ballot_result.html",
        {
            "bloc_year": bloc_year,
            "section": "ballots",
            "ballot": ballot,
            "result": ballot_result(ballot, earlier=rounds),
            "final": meeting_result(ballot.meeting, ballots=rounds) if len(rounds) > 1 else None,
            "next_round": next((b for b in rounds if b.round_number > ballot.round_number), None),
            "can_write": request.user.has_perm(WRITE, bloc_year),
            # The signed paper tally sheet of the round.
            "attachments": attachments_of(ballot),
            "attach_url": _attach_url(request, bloc_year, ballot),
        },
    )


def _attach_url(request, bloc_year, ballot) -> str:
    """Return where the round's tally sheet is attached, for those who may attach it."""
    if not request.user.has_perm("meetings.add_attachment", bloc_year):
        return ""
    page = reverse("meetings:document_list", args=[bloc_year.bloc_id, bloc_year.year])
    query = urlencode({"kind": TALLY_SHEET.kind, "record": f"{TALLY_SHEET.kind}:{ballot.pk}"})
    return f"{page}?{query}#attach"


def ballot_print(request, bloc_pk: int, year: int):
    """A blank ballot to print: the member units and a column per award type to tick."""
    bloc_year = bloc_year_for(request, bloc_pk, year)
    return render(
        request,
        "awards/ballot_print.html",
        {
            "bloc_year": bloc_year,
            "members": bloc_year.memberships.select_related("unit")
            .prefetch_related("unit__names")
            .order_by("unit__short_name"),
            "award_types": proposable_award_types(bloc_year),
        },
    )
