"""Staff pages for a case's proceedings: record one, add a hearing."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.core.forms import submit
from tenants.cases.selectors import case_for_actor
from tenants.litigation.forms import HearingForm, ProceedingForm
from tenants.litigation.services import ProceedingData, hearing_add, proceeding_record


@organisation_member_required
@require_POST
def proceeding_add(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        ProceedingForm(request.POST),
        lambda **data: proceeding_record(
            actor=request.actor, case_id=case.pk, data=ProceedingData(**data)
        ),
        _("Proceeding recorded."),
        _("Check the proceeding."),
    )
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)


@organisation_member_required
@require_POST
def hearing_add_view(request, case_id: int, proceeding_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        HearingForm(request.POST),
        lambda **data: hearing_add(
            actor=request.actor, case_id=case.pk, proceeding_id=proceeding_id, **data
        ),
        _("Hearing added."),
        _("Check the hearing."),
    )
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)
