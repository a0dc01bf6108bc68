"""Staff pages of transfers: a case's transfer page (the sender: "Alihkan"), the lists of both
sides, one transfer with its answer, and the delivered file. Thin: one service or selector."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.forms import form_refused, submit
from hub.vocab.stages import Stage, Status
from sharing.transfers.forms import (
    TransferAnswerForm,
    TransferAskForm,
    TransferDecideForm,
    TransferWithdrawForm,
)
from sharing.transfers.models import TransferStatus
from sharing.transfers.selectors import (
    transfer_for_actor,
    transfers_incoming,
    transfers_of_case,
    transfers_outgoing,
    with_clocks,
)
from sharing.transfers.services import (
    transfer_answer,
    transfer_ask,
    transfer_decide,
    transfer_live,
    transfer_package_read,
    transfer_package_readable,
    transfer_proposed_receiver,
    transfer_receivers,
    transfer_withdraw,
)
from tenants.cases.lifecycle import Move, rule_for
from tenants.cases.models import DecisionRequest
from tenants.cases.selectors import case_for_actor, case_subject


def _decidable(case) -> bool:
    """The case can be transferred now: the move is open from its stage, or it was closed as
    transferred and waits for a (new) receiver."""
    if case.stage == Stage.TERMINATION:
        return case.status == Status.TRANSFERRED
    return rule_for(case.stage, Move.TRANSFER) is not None


@organisation_member_required
def case_transfer_page(request, case_id: int):
    actor = request.actor
    case = case_for_actor(actor=actor, case_id=case_id)
    rows = with_clocks(transfers_of_case(actor=actor, case_id=case.pk))
    live = any(transfer_live(row.transfer, case) for row in rows)
    may_decide = policy.allows(actor, Action.CASE_DECIDE, case_subject(case))
    form = None
    status = 200
    pending = case.decision_requests.filter(
        state=DecisionRequest.State.PENDING, move=Move.TRANSFER
    ).first()
    receivers = transfer_receivers(sender=request.organisation)
    if may_decide and _decidable(case) and not live:
        asked = pending or (
            case.decision_requests.filter(
                state=DecisionRequest.State.APPROVED, move=Move.TRANSFER
            ).first()  # the newest
            if case.stage == Stage.TERMINATION
            else None
        )
        proposed = transfer_proposed_receiver(sender=request.organisation, request=asked)
        form = TransferDecideForm(
            request.POST or None,
            receivers=receivers,
            initial={"receiver": proposed.slug if proposed else ""},
        )
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    transfer = transfer_decide(
                        actor=actor,
                        case_id=case.pk,
                        receiver=form.cleaned_data["receiver"],
                        note=form.cleaned_data["note"],
                    )
                except DomainError as exc:
                    status = exc.status
                    form_refused(form, exc)
                else:
                    messages.success(
                        request,
                        _("The case is transferred to %(receiver)s and its file delivered.")
                        % {"receiver": transfer.receiver.name},
                    )
                    return redirect(
                        "org:transfer",
                        org_slug=request.organisation.slug,
                        transfer_id=transfer.pk,
                    )
    elif request.method == "POST":
        policy.require(actor, Action.CASE_DECIDE, case_subject(case))
        status = 409
        messages.error(request, _("This case cannot be transferred now."))
    subject = case_subject(case)
    may_ask = (
        not may_decide
        and pending is None
        and not live
        and case.stage != Stage.TERMINATION
        and rule_for(case.stage, Move.TRANSFER) is not None
        and policy.allows(actor, Action.DECISION_REQUEST, subject)
    )
    return render(
        request,
        "transfers/case_transfer.html",
        {
            "organisation": request.organisation,
            "case": case,
            "rows": rows,
            "form": form,
            "pending": pending,
            "may_decide": may_decide,
            "ask_form": TransferAskForm(receivers=receivers) if may_ask else None,
            "decidable": _decidable(case) and not live,
            "accepted": next(
                (r.transfer for r in rows if r.transfer.status == TransferStatus.ACCEPTED), None
            ),
        },
        status=status,
    )


@organisation_member_required
@require_POST
def case_transfer_ask(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = TransferAskForm(request.POST, receivers=transfer_receivers(sender=request.organisation))
    submit(
        request,
        form,
        lambda **data: transfer_ask(actor=request.actor, case_id=case.pk, **data),
        _("Your request is sent to the division head."),
        _("Choose the member and give your reasons."),
    )
    return redirect("org:case-transfer", org_slug=request.organisation.slug, case_id=case.pk)


@organisation_member_required
def transfers_page(request):
    actor = request.actor
    return render(
        request,
        "transfers/transfers.html",
        {
            "organisation": request.organisation,
            "incoming": with_clocks(transfers_incoming(actor=actor)[:100]),
            "outgoing": (
                with_clocks(transfers_outgoing(actor=actor)[:100])
                if policy.allows(actor, Action.CASE_READ)
                else []
            ),
        },
    )


@organisation_member_required
def transfer_page(request, transfer_id: int):
    actor = request.actor
    transfer = transfer_for_actor(actor=actor, transfer_id=transfer_id)
    row = with_clocks([transfer])[0]
    incoming = transfer.receiver_id == request.organisation.pk
    may_answer = incoming and policy.allows(actor, Action.TRANSFER_ANSWER)
    may_withdraw = (
        not incoming
        and transfer.open
        and policy.allows(
            actor,
            Action.CASE_DECIDE,
            case_subject(case_for_actor(actor=actor, case_id=transfer.case_id)),
        )
    )
    return render(
        request,
        "transfers/transfer.html",
        {
            "organisation": request.organisation,
            "transfer": transfer,
            "clock": row.clock,
            "incoming": incoming,
            "may_read_package": transfer_package_readable(actor=actor, transfer=transfer),
            "answer_form": TransferAnswerForm() if may_answer and transfer.open else None,
            "withdraw_form": TransferWithdrawForm() if may_withdraw else None,
        },
    )


@organisation_member_required
@require_POST
def transfer_answer_view(request, transfer_id: int):
    transfer = transfer_for_actor(actor=request.actor, transfer_id=transfer_id)
    submit(
        request,
        TransferAnswerForm(request.POST),
        lambda **data: transfer_answer(actor=request.actor, transfer_id=transfer.pk, **data),
        _("Your answer is recorded and the sender is told."),
        _("Choose an answer."),
    )
    return redirect("org:transfer", org_slug=request.organisation.slug, transfer_id=transfer.pk)


@organisation_member_required
@require_POST
def transfer_withdraw_view(request, transfer_id: int):
    transfer = transfer_for_actor(actor=request.actor, transfer_id=transfer_id)
    submit(
        request,
        TransferWithdrawForm(request.POST),
        lambda **data: transfer_withdraw(actor=request.actor, transfer_id=transfer.pk, **data),
        _("The transfer is withdrawn; the receiver is told."),
        _("Say why."),
    )
    return redirect("org:transfer", org_slug=request.organisation.slug, transfer_id=transfer.pk)


@organisation_member_required
def transfer_package_view(request, transfer_id: int):
    transfer, package = transfer_package_read(actor=request.actor, transfer_id=transfer_id)
    response = HttpResponse(package, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="transfer-{transfer.pk}.xml"'
    return response
