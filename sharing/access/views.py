"""Staff pages for access requests: the national office asks and follows its requests; the
office's division head approves or declines. Thin: each calls one service or selector."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.core.errors import DomainError
from hub.core.forms import form_refused, submit
from sharing.access.forms import AccessDecisionForm, AccessRequestForm, AccessWithdrawForm
from sharing.access.models import AccessStatus
from sharing.access.selectors import (
    access_request_consent_covers,
    access_request_for_actor,
    access_requests_received,
    access_requests_sent,
    offices_of,
)
from sharing.access.services import (
    access_national_office_check,
    access_request_create,
    access_request_decide,
    access_request_withdraw,
)

PAGE = 200


@organisation_member_required
def access_requests_page(request):
    """The national office's requests with their status (and the share an approval made)."""
    sent = access_requests_sent(actor=request.actor)
    return render(
        request,
        "access/requests_sent.html",
        {
            "organisation": request.organisation,
            "requests": list(sent[:PAGE]),
            "may_ask": request.organisation.is_national_office,
        },
    )


@organisation_member_required
def access_request_new(request):
    # A role or an organisation that may not ask gets the refusal before the form.
    access_requests_sent(actor=request.actor)
    access_national_office_check(request.organisation)
    form = AccessRequestForm(
        request.POST or None, offices=offices_of(organisation=request.organisation)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                access_request_create(actor=request.actor, **form.request_input())
            except DomainError as exc:
                if exc.status not in (400, 409):
                    raise
                form_refused(form, exc)
                status = exc.status
            else:
                messages.success(
                    request, _("The request is sent; the office's division head decides.")
                )
                return redirect("org:access-requests", org_slug=request.organisation.slug)
    return render(
        request,
        "access/request_form.html",
        {"organisation": request.organisation, "form": form, "invalid": status != 200},
        status=status,
    )


@organisation_member_required
@require_POST
def access_request_withdraw_view(request, access_request_id: int):
    found = access_request_for_actor(actor=request.actor, request_id=access_request_id)
    submit(
        request,
        AccessWithdrawForm(request.POST),
        lambda **data: access_request_withdraw(actor=request.actor, request_id=found.pk, **data),
        _("The request is withdrawn."),
        _("The note is too long."),
    )
    return redirect("org:access-requests", org_slug=request.organisation.slug)


@organisation_member_required
def access_requests_received_page(request):
    """The office's division head: requests waiting for a decision, then the settled ones."""
    received = list(access_requests_received(actor=request.actor)[:PAGE])
    for row in received:
        row.consent_covers = (
            row.status == AccessStatus.PENDING
            and row.matched_case_id is not None
            and access_request_consent_covers(request=row, case_id=row.matched_case_id)
        )
    return render(
        request,
        "access/requests_received.html",
        {
            "organisation": request.organisation,
            "pending": [r for r in received if r.status == AccessStatus.PENDING],
            "settled": [r for r in received if r.status != AccessStatus.PENDING],
        },
    )


@organisation_member_required
@require_POST
def access_request_decide_view(request, access_request_id: int):
    found = access_request_for_actor(actor=request.actor, request_id=access_request_id)
    submit(
        request,
        AccessDecisionForm(request.POST),
        lambda **data: access_request_decide(actor=request.actor, request_id=found.pk, **data),
        _("The request is settled."),
        _("Choose approve or decline."),
    )
    return redirect("org:access-requests-received", org_slug=request.organisation.slug)
