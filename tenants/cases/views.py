"""Staff pages of an organisation: home (my cases, queue, inbox, cases), a case page, and the
move actions (the inbox's own actions: tenants.inbox). Every button shown is one the policy
table allows."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.forms import submit
from hub.organisations.selectors import organisation_by_slug
from hub.vocab.selectors import active_terms
from tenants.cases.assignments import (
    assignable_staff,
    assignments_of,
    cases_assigned_to,
    consultation_queue,
)
from tenants.cases.decisions import decision_requests_of, decision_requests_pending
from tenants.cases.forms import MoveForm
from tenants.cases.lifecycle import Move, moves_for, requestable_moves
from tenants.cases.models import ASSIGNABLE_ROLES, CaseSection
from tenants.cases.selectors import (
    case_audit_trail,
    case_consent_pending,
    case_for_actor,
    case_group,
    case_hidden_sections,
    case_subject,
    cases_for_actor,
    cases_with_consent_state,
)
from tenants.cases.services import case_restrict, case_transition
from tenants.clocks.selectors import case_clocks
from tenants.events.selectors import case_chronology
from tenants.inbox.selectors import inbox_rows
from tenants.litigation.forms import ProceedingForm
from tenants.people.forms import CasePersonForm
from tenants.people.selectors import person_picker


def _rows(selector, request):
    """Up to 50 cases of a list, each marked when a listed worker's consent is awaited."""
    cases = selector(actor=request.actor)
    return cases_with_consent_state(cases, organisation=request.organisation)[:50]


@organisation_member_required
def organisation_home(request):
    actor = request.actor
    can = policy.permitted(actor)
    reads = Action.CASE_READ in can
    return render(
        request,
        "cases/organisation_home.html",
        {
            "organisation": request.organisation,
            "actor": actor,
            "can": can,
            "inbox": inbox_rows(actor=actor) if Action.INBOX_READ in can else None,
            "mine": _rows(cases_assigned_to, request) if reads else None,
            "queue": _rows(consultation_queue, request) if reads else None,
            "pending": (
                decision_requests_pending(actor=actor).count()
                if Action.DECISIONS_PENDING in can
                else None
            ),
            "cases": _rows(cases_for_actor, request) if reads else None,
        },
    )


def _reason_choices(rules) -> dict[str, list]:
    """The reason vocabularies the shown moves need, each as its active terms."""
    vocabularies = {rule.reasons for _move, rule in rules if rule.reasons}
    return {vocabulary: list(active_terms(vocabulary)) for vocabulary in vocabularies}


@organisation_member_required
def case_detail(request, case_id: int):
    actor = request.actor
    case = case_for_actor(actor=actor, case_id=case_id)
    subject = case_subject(case)
    can = policy.permitted(actor, subject)
    hidden = case_hidden_sections(actor=actor, subject=subject)
    moves = [
        (move, Move(move).label, rule)
        for move, rule in moves_for(stage=case.stage, actor=actor, subject=subject)
        if move != Move.ACCOMPANY
    ]
    askable = [(move, Move(move).label, rule) for move, rule in requestable_moves(stage=case.stage)]
    requests = list(decision_requests_of(case=case))
    appointable = (
        [
            (role.value, role.label, assignable_staff(actor=actor, role=role))
            for role in ASSIGNABLE_ROLES
        ]
        if Action.APPOINT_ASSISTANT in can or Action.APPOINT_CASE_LAWYER in can
        else []
    )
    return render(
        request,
        "cases/case_detail.html",
        {
            "organisation": request.organisation,
            "case": case,
            "can": can,
            "people": case.roles.select_related("person").order_by("added_at", "id"),
            "picker": person_picker(actor=actor)[:30] if Action.PERSON_ADD in can else (),
            "person_form": CasePersonForm() if Action.PERSON_ADD in can else None,
            "hidden": hidden,
            "documents": (case.documents.all() if CaseSection.DOCUMENTS not in hidden else ()),
            "sections": CaseSection.choices,
            "events": case_chronology(case=case) if CaseSection.CHRONOLOGY not in hidden else (),
            "proceedings": (
                case.proceedings.prefetch_related("hearings")
                if CaseSection.PROCEEDINGS not in hidden
                else ()
            ),
            "proceeding_form": ProceedingForm() if Action.PROCEEDING_ADD in can else None,
            "assignments": assignments_of(case=case),
            "appointable": appointable,
            "requests": requests,
            "has_pending": any(r.state == "pending" for r in requests),
            "moves": moves,
            "askable": askable,
            "reasons": _reason_choices([(m, r) for m, _l, r in moves + askable]),
            "audit": case_audit_trail(case=case)[:50],
            "clocks": case_clocks(case=case, hidden_sections=hidden),
            "group_cases": case_group(actor=actor, case=case),
            "consent_pending": case_consent_pending(organisation=request.organisation, case=case),
            "received_from": _sender_name(case.received_from),
        },
    )


def _sender_name(slug: str) -> str:
    """The member a case came from, by name (a package from outside the hub: as it said)."""
    sender = organisation_by_slug(slug) if slug else None
    return sender.name if sender is not None else slug


@organisation_member_required
@require_POST
def case_move(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step."))
    else:
        try:
            case = case_transition(actor=request.actor, case_id=case.pk, **form.cleaned_data)
            messages.success(
                request,
                _("Done: the case is now in %(stage)s (%(status)s).")
                % {"stage": case.get_stage_display(), "status": case.get_status_display()},
            )
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)


@organisation_member_required
@require_POST
def case_restrict_view(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    restricted = request.POST.get("restricted") == "1"
    sections = request.POST.getlist("sections") if request.POST.get("sections_sent") else None
    submit(
        request,
        None,
        lambda: case_restrict(
            actor=request.actor, case_id=case.pk, restricted=restricted, sections=sections
        ),
        _("Access to the case is saved."),
        "",
    )
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)


@organisation_member_required
def case_print(request, case_id: int):
    """The case record on A4: general data, people, who works on it, chronology and
    proceedings (restricted sections only for those who may read them)."""
    actor = request.actor
    case = case_for_actor(actor=actor, case_id=case_id)
    hidden = case_hidden_sections(actor=actor, subject=case_subject(case))
    return render(
        request,
        "cases/print_case.html",
        {
            "organisation": request.organisation,
            "case": case,
            "hidden": hidden,
            "people": case.roles.select_related("person").order_by("added_at", "id"),
            "assignments": assignments_of(case=case).filter(ended_at__isnull=True),
            "events": case_chronology(case=case) if CaseSection.CHRONOLOGY not in hidden else (),
            "proceedings": (
                case.proceedings.prefetch_related("hearings")
                if CaseSection.PROCEEDINGS not in hidden
                else ()
            ),
        },
    )
