"""The case page's consent panel: the client's withdrawal, recorded by staff."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.core.errors import DomainError
from tenants.cases.consent import case_consent_withdraw
from tenants.cases.forms_consent import ConsentWithdrawForm


@organisation_member_required
@require_POST
def consent_withdraw_view(request, case_id: int):
    form = ConsentWithdrawForm(request.POST)
    case_url = reverse(
        "org:case", kwargs={"org_slug": request.organisation.slug, "case_id": case_id}
    )
    back = redirect(f"{case_url}#consent")
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return back
    try:
        withdrawal = case_consent_withdraw(
            actor=request.actor,
            case_id=case_id,
            purposes=form.cleaned_data["purposes"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        details = [m for ms in exc.fields.values() for m in ms if m != exc.message]
        messages.error(request, " ".join([exc.message, *details]))
        return back
    if withdrawal.current is None:
        messages.success(request, _("Recorded: the client withdrew all their consent."))
    else:
        messages.success(
            request, _("Recorded: the client withdrew part of their consent; the rest stands.")
        )
    return back
