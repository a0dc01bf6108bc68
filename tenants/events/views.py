"""Staff pages for a case's chronology: record an event, code an act, read it in time order."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.core.forms import submit
from tenants.cases.models import CaseSection
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.events.forms import ActForm, EventForm
from tenants.events.models import DatePrecision
from tenants.events.selectors import case_chronology
from tenants.events.services import ActData, EventData, act_record, event_record


@organisation_member_required
@require_POST
def event_add(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)

    def record(date_precision, **data):
        event_record(
            actor=request.actor,
            case=case,
            data=EventData(date_precision=date_precision or DatePrecision.DAY, **data),
        )

    submit(
        request,
        EventForm(request.POST),
        record,
        _("Event recorded."),
        _("Check the event."),
    )
    return redirect("org:chronology", org_slug=request.organisation.slug, case_id=case.pk)


@organisation_member_required
@require_POST
def act_add(request, case_id: int, event_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        ActForm(request.POST, case=case),
        lambda **data: act_record(
            actor=request.actor,
            case_id=case.pk,
            event_id=event_id,
            data=ActData(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}),
        ),
        _("Act recorded."),
        _("Check the act."),
    )
    return redirect("org:chronology", org_slug=request.organisation.slug, case_id=case.pk)


@organisation_member_required
def chronology(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    policy.require_section(request.actor, case_subject(case), CaseSection.CHRONOLOGY)
    return render(
        request,
        "events/chronology.html",
        {
            "organisation": request.organisation,
            "case": case,
            "can": policy.permitted(request.actor, case_subject(case)),
            "events": case_chronology(case=case),
            "act_form": ActForm(case=case),
            "precisions": DatePrecision.choices,
        },
    )
