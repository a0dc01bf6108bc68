"""Staff pages of referrals: a case's "Rujuk" page (send, and the case's referrals), the
organisation's referrals in and out, one referral with its moves and its letter, and the
service directory as members read it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.errors import DomainError, NotFound, PermissionDenied
from hub.core.forms import form_refused
from sharing.referrals.directory import agencies_by_region, agencies_for
from sharing.referrals.forms import AnswerForm, DirectoryFilterForm, OutcomeForm, ReferralForm
from sharing.referrals.letter import referral_letter_render
from sharing.referrals.models import ReferralStatus
from sharing.referrals.selectors import (
    members_to_refer_to,
    referral_for_actor,
    referral_sent_package,
    referrals_of_case,
    referrals_received,
    referrals_sent,
)
from sharing.referrals.services import (
    Move,
    Side,
    moves_for,
    referral_move,
    referral_read_by_receiver,
    referral_receiver_may_read,
    referral_send,
)
from tenants.cases.selectors import case_for_actor, case_subject


@organisation_member_required
def case_referrals(request, case_id: int):
    """GET: the case's referrals and, for who may refer, the form; POST: send one."""
    actor = request.actor
    case = case_for_actor(actor=actor, case_id=case_id)
    may_refer = policy.allows(actor, Action.REFERRAL_SEND, case_subject(case))
    service = request.GET.get("service", "")[:50] if request.method == "GET" else ""
    if "\x00" in service:  # a NUL character cannot reach the database: no preselection
        service = ""
    form = None
    status = 200
    if may_refer:
        agencies = agencies_for(actor=actor, service=service)
        form = ReferralForm(
            request.POST or None,
            members=members_to_refer_to(actor.organisation),
            agencies=agencies,
            initial={"service": service} if service else None,
        )
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    referral = referral_send(actor=actor, case_id=case.pk, **form.referral_input())
                except DomainError as exc:
                    if exc.status not in (400, 409):
                        raise
                    status = exc.status
                    form_refused(form, exc)
                else:
                    messages.success(
                        request,
                        _("The referral to %(name)s is sent.") % {"name": referral.receiver_name},
                    )
                    return redirect(
                        "org:case-referrals",
                        org_slug=request.organisation.slug,
                        case_id=case.pk,
                    )
    elif request.method == "POST":
        policy.require(actor, Action.REFERRAL_SEND, case_subject(case))
    return render(
        request,
        "referrals/case_referrals.html",
        {
            "organisation": request.organisation,
            "case": case,
            "form": form,
            "service": service,
            "referrals": referrals_of_case(actor=actor, case=case),
        },
        status=status,
    )


@organisation_member_required
def referrals_page(request):
    actor = request.actor
    return render(
        request,
        "referrals/referrals.html",
        {
            "organisation": request.organisation,
            "received": referrals_received(actor=actor)[:200],
            "sent": referrals_sent(actor=actor)[:200],
            "may_answer": policy.allows(actor, Action.REFERRAL_ANSWER),
        },
    )


@organisation_member_required
def referral_detail(request, referral_id: int):
    actor = request.actor
    referral = referral_for_actor(actor=actor, referral_id=referral_id)
    side = Side.SENDER if referral.sender_id == actor.organisation.pk else Side.RECEIVER
    action = Action.REFERRAL_SEND if side == Side.SENDER else Action.REFERRAL_ANSWER
    subject = None
    if side == Side.SENDER:
        subject = case_subject(case_for_actor(actor=actor, case_id=referral.case_id))
    moves = moves_for(referral, side) if policy.allows(actor, action, subject) else []
    # What was sent, as it was written at sending: the receiver reads it only while the
    # referral waits for its answer (then its own case, if it accepted), in the sender's trail.
    package = None
    if (
        side == Side.SENDER or referral.status == ReferralStatus.SENT
    ) and referral_receiver_may_read(actor=actor, referral=referral):
        package = referral_sent_package(referral)
        if package is not None:
            referral_read_by_receiver(actor=actor, referral=referral, read="package")
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "organisation": request.organisation,
            "referral": referral,
            "side": side.value,
            "moves": moves,
            "answer_form": AnswerForm() if {Move.DECLINE, Move.WITHDRAW} & set(moves) else None,
            "outcome_form": OutcomeForm() if Move.COMPLETE in moves else None,
            "package": package,
        },
    )


@organisation_member_required
@require_POST
def referral_move_view(request, referral_id: int):
    actor = request.actor
    referral = referral_for_actor(actor=actor, referral_id=referral_id)
    move = request.POST.get("move", "")
    answer = AnswerForm(request.POST)
    outcome = OutcomeForm(request.POST)
    answer.is_valid()
    outcome.is_valid()
    done = {
        Move.ACCEPT: _("The referral is accepted."),
        Move.DECLINE: _("The referral is declined."),
        Move.COMPLETE: _("The outcome is recorded."),
        Move.WITHDRAW: _("The referral is withdrawn."),
    }
    try:
        referral = referral_move(
            actor=actor,
            referral_id=referral.pk,
            move=move,
            reason=answer.cleaned_data.get("reason", "") or "",
            outcome=outcome.cleaned_data.get("outcome", "") or "",
        )
    except DomainError as exc:
        if exc.status == 404:
            raise
        details = [m for said in exc.fields.values() for m in said if m != exc.message]
        messages.error(request, " ".join([exc.message, *details]))
    else:
        messages.success(request, done.get(move, ""))
    return redirect("org:referral", org_slug=request.organisation.slug, referral_id=referral.pk)


@organisation_member_required
def referral_letter_view(request, referral_id: int):
    referral = referral_for_actor(actor=request.actor, referral_id=referral_id)
    if referral.sender_id != request.organisation.pk and referral.status in (
        ReferralStatus.WITHDRAWN,
        ReferralStatus.DECLINED,
    ):
        # The letter names the client from what was sent: like the package, the receiver no
        # longer reads it once the referral is withdrawn (consent, say) or declined.
        raise NotFound(_("Not found."))
    if not referral_receiver_may_read(actor=request.actor, referral=referral):
        raise PermissionDenied(
            _("Only the division head reads what was sent of a restricted case."),
            code="section_restricted",
        )
    referral_read_by_receiver(actor=request.actor, referral=referral, read="letter")
    response = HttpResponse(
        referral_letter_render(referral=referral), content_type="application/pdf"
    )
    filename = f"surat-rujukan-{referral.case_number}-{referral.pk}.pdf".replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@organisation_member_required
def directory_page(request):
    """The service directory as members read it: who gives which service where."""
    form = DirectoryFilterForm(request.GET or None)
    service = region = ""
    if form.is_valid():
        service = form.cleaned_data["service"]
        region = form.cleaned_data["region"]
    agencies = agencies_for(actor=request.actor, service=service, region=region)
    return render(
        request,
        "referrals/directory.html",
        {
            "organisation": request.organisation,
            "form": form,
            "groups": agencies_by_region(agencies),
            "filtered": bool(service or region),
            "may_manage": False,
        },
    )
