"""Staff pages for the services to the client: one page per case with every record and the
forms the policy allows, and the POST views that call one service each."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.forms import submit
from tenants.care import forms
from tenants.care.assessments import AssessmentData, assessment_record
from tenants.care.interventions import (
    ContactData,
    InterventionData,
    contact_log,
    intervention_document_add,
    intervention_log,
    intervention_update,
)
from tenants.care.plans import (
    goal_add,
    goal_remove,
    goal_step_add,
    plan_agreement_record,
    plan_draft,
)
from tenants.care.reviews import conference_record, review_record
from tenants.care.selectors import care_record, case_for_care, goals_in_force
from tenants.care.termination import (
    TerminationData,
    termination_form_add,
    termination_request,
    termination_write,
)
from tenants.cases.lifecycle import Stage
from tenants.cases.selectors import case_subject


def _back(request, case_id: int, anchor: str):
    url = f"/org/{request.organisation.slug}/cases/{int(case_id)}/care/#{anchor}"
    return redirect(url)


@organisation_member_required
def care_page(request, case_id: int):
    actor = request.actor
    case = case_for_care(actor=actor, case_id=case_id)
    can = policy.permitted(actor, case_subject(case))
    record = care_record(case=case)
    writes = case.stage != Stage.TERMINATION
    plans = Action.CARE_PLAN in can and writes
    services = Action.SERVICE_LOG in can and writes
    return render(
        request,
        "care/care_page.html",
        {
            "organisation": request.organisation,
            "case": case,
            "can": can,
            "record": record,
            "plans_open": plans,
            "services_open": services,
            "assessment_form": forms.AssessmentForm() if plans else None,
            "goal_form": forms.GoalForm() if plans else None,
            "step_form": forms.StepForm() if plans else None,
            "review_form": forms.ReviewForm() if plans else None,
            "conference_form": forms.ConferenceForm() if plans else None,
            "termination_form": (
                forms.TerminationForm(initial=_termination_initial(record.termination))
                if plans
                else None
            ),
            "intervention_form": (
                forms.InterventionForm(goals=record.plan.goals.all() if record.plan else ())
                if services
                else None
            ),
            "contact_form": forms.ContactForm() if services else None,
            "documents": case.documents.all() if plans else (),
        },
    )


def _termination_initial(termination) -> dict:
    if termination is None:
        return {}
    return {
        "reason": termination.reason,
        "report": termination.report,
        "client_feedback": termination.client_feedback,
        "satisfaction": termination.satisfaction,
        "version": termination.version,
    }


@organisation_member_required
@require_POST
def assessment_add(request, case_id: int):
    submit(
        request,
        forms.AssessmentForm(request.POST),
        lambda needs, **data: assessment_record(
            actor=request.actor,
            case_id=case_id,
            data=AssessmentData(needs=tuple(needs), **data),
        ),
        _("Assessment recorded."),
        _("Check the assessment."),
    )
    return _back(request, case_id, "assessment")


@organisation_member_required
@require_POST
def plan_draft_view(request, case_id: int):
    submit(
        request,
        forms.PlanForm(request.POST),
        lambda **data: plan_draft(actor=request.actor, case_id=case_id, **data),
        _("A new revision of the plan is drafted: change it, then record the client's answer."),
        _("Check the plan."),
    )
    return _back(request, case_id, "plan")


@organisation_member_required
@require_POST
def goal_add_view(request, case_id: int, plan_id: int):
    submit(
        request,
        forms.GoalForm(request.POST),
        lambda **data: goal_add(actor=request.actor, case_id=case_id, plan_id=plan_id, **data),
        _("Goal added."),
        _("Check the goal."),
    )
    return _back(request, case_id, "plan")


@organisation_member_required
@require_POST
def step_add_view(request, case_id: int, goal_id: int):
    submit(
        request,
        forms.StepForm(request.POST),
        lambda **data: goal_step_add(actor=request.actor, case_id=case_id, goal_id=goal_id, **data),
        _("Step added."),
        _("Check the step."),
    )
    return _back(request, case_id, "plan")


@organisation_member_required
@require_POST
def goal_remove_view(request, case_id: int, goal_id: int):
    submit(
        request,
        None,
        lambda: goal_remove(actor=request.actor, case_id=case_id, goal_id=goal_id),
        _("Goal removed from the draft."),
        "",
    )
    return _back(request, case_id, "plan")


@organisation_member_required
@require_POST
def agreement_view(request, case_id: int, plan_id: int):
    submit(
        request,
        forms.AgreementForm(request.POST),
        lambda **data: plan_agreement_record(
            actor=request.actor,
            case_id=case_id,
            plan_id=plan_id,
            **data,
        ),
        _("The client's answer to the plan is recorded."),
        _("Check the client's answer."),
    )
    return _back(request, case_id, "plan")


@organisation_member_required
@require_POST
def intervention_add(request, case_id: int):
    submit(
        request,
        forms.InterventionForm(request.POST, goals=goals_in_force(case_id=case_id)),
        lambda **data: intervention_log(
            actor=request.actor, case_id=case_id, data=InterventionData(**data)
        ),
        _("Service recorded."),
        _("Check the service."),
    )
    return _back(request, case_id, "services")


@organisation_member_required
@require_POST
def intervention_end(request, case_id: int, intervention_id: int):
    submit(
        request,
        forms.InterventionEndForm(request.POST),
        lambda **changes: intervention_update(
            actor=request.actor,
            case_id=case_id,
            intervention_id=intervention_id,
            changes=changes,
        ),
        _("Service updated."),
        _("Check the service."),
    )
    return _back(request, case_id, f"service-{int(intervention_id)}")


@organisation_member_required
@require_POST
def intervention_document(request, case_id: int, intervention_id: int):
    submit(
        request,
        forms.UploadForm(request.POST, request.FILES),
        lambda file, title: intervention_document_add(
            actor=request.actor,
            case_id=case_id,
            intervention_id=intervention_id,
            file=file,
            title=title,
        ),
        _("Document added to the service."),
        _("Check the document."),
    )
    return _back(request, case_id, f"service-{int(intervention_id)}")


@organisation_member_required
@require_POST
def contact_add(request, case_id: int):
    submit(
        request,
        forms.ContactForm(request.POST),
        lambda **data: contact_log(actor=request.actor, case_id=case_id, data=ContactData(**data)),
        _("Contact recorded."),
        _("Check the contact."),
    )
    return _back(request, case_id, "contacts")


@organisation_member_required
@require_POST
def review_add(request, case_id: int):
    submit(
        request,
        forms.ReviewForm(request.POST),
        lambda **data: review_record(actor=request.actor, case_id=case_id, **data),
        _("Review recorded."),
        _("Check the review."),
    )
    return _back(request, case_id, "monitoring")


@organisation_member_required
@require_POST
def conference_add(request, case_id: int):
    submit(
        request,
        forms.ConferenceForm(request.POST),
        lambda **data: conference_record(actor=request.actor, case_id=case_id, **data),
        _("Case conference recorded."),
        _("Check the case conference."),
    )
    return _back(request, case_id, "conferences")


@organisation_member_required
@require_POST
def termination_view(request, case_id: int):
    def write(version, **data):
        termination_write(
            actor=request.actor, case_id=case_id, data=TerminationData(**data), version=version
        )

    submit(
        request,
        forms.TerminationForm(request.POST),
        write,
        _("Termination report saved."),
        _("Check the termination report."),
    )
    return _back(request, case_id, "termination")


@organisation_member_required
@require_POST
def termination_form_view(request, case_id: int):
    submit(
        request,
        forms.UploadForm(request.POST, request.FILES),
        lambda file, title: termination_form_add(actor=request.actor, case_id=case_id, file=file),
        _("Signed termination form added."),
        _("Check the document."),
    )
    return _back(request, case_id, "termination")


@organisation_member_required
@require_POST
def termination_request_view(request, case_id: int):
    submit(
        request,
        None,
        lambda: termination_request(actor=request.actor, case_id=case_id),
        _("The division head is asked to terminate the case."),
        "",
    )
    return _back(request, case_id, "termination")


PRINTABLE = {
    "assessment": "care/print_assessment.html",
    "plan": "care/print_plan.html",
    "services": "care/print_services.html",
    "termination": "care/print_termination.html",
}


@organisation_member_required
def care_print(request, case_id: int, record: str):
    """One record of the services on A4, for the file or the client's signature."""
    case = case_for_care(actor=request.actor, case_id=case_id)
    if record not in PRINTABLE:
        raise Http404
    return render(
        request,
        PRINTABLE[record],
        {"organisation": request.organisation, "case": case, "record": care_record(case=case)},
    )
