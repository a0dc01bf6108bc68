"""Case actions: registration, acceptance of a complaint, and the one transition service."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.accounts.roles import Role
from hub.consent.models import ConsentSource
from hub.consent.selectors import cases_counted_in_statistics
from hub.consent.services import ConsentChoices, consent_attach_case, consent_record_create
from hub.core.errors import DomainError, NotFound
from hub.core.outbox import domain_event_record
from hub.intake.services import complaint_lock_in_inbox, complaint_mark_accepted
from hub.network.services import RollupCell, rollup_replace_for_organisation
from hub.organisations.models import Organisation
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes, term_labels
from tenants.cases.lifecycle import Move, Stage, rule_for
from tenants.cases.models import Assignment, Case, CaseNumberCounter, CasePerson, PersonRole
from tenants.cases.selectors import case_subject
from tenants.people.models import Person


class TransitionNotAllowed(DomainError):
    status = 409
    code = "transition_not_allowed"


@dataclass(frozen=True)
class PersonInput:
    display_name: str
    gender: str = ""
    phone: str = ""
    email: str = ""
    domicile: str = ""


def case_number_next(*, organisation: Organisation) -> str:
    """`<SLUG>/<year>/<seq:04d>`, gap-free: the year's counter row is locked until commit."""
    year = timezone.localdate().year
    CaseNumberCounter.objects.get_or_create(year=year)
    counter = CaseNumberCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{organisation.slug.upper()}/{year}/{counter.last:04d}"


def _case_create(
    *,
    actor: Actor,
    title: str,
    summary: str,
    case_types: list[str],
    complainant: PersonInput | None,
    receipt_code: str = "",
) -> Case:
    case = Case.objects.create(
        number=case_number_next(organisation=actor.organisation),
        title=title,
        summary=summary,
        case_types=case_types,
        complaint_receipt_code=receipt_code,
    )
    if complainant is not None:
        person = Person.objects.create(
            display_name=complainant.display_name,
            gender=complainant.gender,
            phone=complainant.phone,
            email=complainant.email,
            domicile=complainant.domicile,
        )
        CasePerson.objects.create(case=case, person=person, role=PersonRole.COMPLAINANT)
    domain_event_record(
        actor=actor.audit,
        name="case.registered",
        object_type="case",
        object_id=case.pk,
        detail={"number": case.number, "receipt_code": receipt_code},
    )
    return case


@transaction.atomic
def case_register(
    *,
    actor: Actor,
    title: str,
    summary: str = "",
    case_types: list[str] | None = None,
    complainant: PersonInput | None = None,
    consent: ConsentChoices | None = None,
) -> Case:
    """Register a case at the office; `consent` records what the client signed, if anything."""
    policy.require(actor, Action.CASE_REGISTER)
    require_known_codes(
        vocabulary=Vocabulary.CASE_TYPE, codes=list(case_types or []), field="case_types"
    )
    if not title.strip():
        raise DomainError(
            _("A title is required."), fields={"title": [_("This field is required.")]}
        )
    case = _case_create(
        actor=actor,
        title=title.strip(),
        summary=summary,
        case_types=case_types or [],
        complainant=complainant,
    )
    if consent is not None:
        record = consent_record_create(
            given_by="worker", choices=consent, source=ConsentSource.SIGNED_FORM
        )
        consent_attach_case(consent=record, organisation=actor.organisation, case_id=case.pk)
    return case


@transaction.atomic
def case_open_from_complaint(*, actor: Actor, receipt_code: str) -> Case:
    """The division head accepts a complaint from the inbox: the case exists, the status changes."""
    policy.require(actor, Action.COMPLAINT_DECIDE)
    complaint = complaint_lock_in_inbox(organisation=actor.organisation, receipt_code=receipt_code)
    case = _case_create(
        actor=actor,
        title=_("%(issue)s, %(place)s")
        % {
            "issue": term_labels(complaint.issue_types[:1] or ["other"])[0],
            "place": complaint.work_city or complaint.country_of_work,
        },
        summary=complaint.narrative,
        case_types=list(complaint.issue_types),
        complainant=PersonInput(
            display_name=complaint.reporter_name,
            phone=complaint.contact_phone,
            email=complaint.contact_email,
            domicile=complaint.home_region,
        ),
        receipt_code=complaint.receipt_code,
    )
    complaint_mark_accepted(
        complaint=complaint,
        organisation=actor.organisation,
        case_id=case.pk,
        actor=actor.audit,
    )
    return case


def assignment_add(
    *, case: Case, user_id: int, user_label: str, role: str, by: Actor, instruction: str = ""
) -> Assignment:
    """Record who now works on the case (the disposition sheet); callers check the policy."""
    assignment = Assignment.objects.create(
        case=case,
        user_id=user_id,
        user_label=user_label,
        role=role,
        instruction=instruction,
        assigned_by_user_id=by.user_id,
        assigned_by_label=by.label,
    )
    domain_event_record(
        actor=by.audit,
        name="case.assigned",
        object_type="case",
        object_id=case.pk,
        detail={"assignment": assignment.pk, "to": user_label, "role": role},
    )
    return assignment


@transaction.atomic
def case_transition(
    *, actor: Actor, case_id: int, move: str, reason_code: str = "", note: str = ""
) -> Case:
    """The only door through which a case changes stage or handling status: lock the row,
    check the table and the policy, save, record the event; refusals change nothing."""
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound(_("Not found."))
    subject = case_subject(case)
    if not policy.allows(actor, Action.CASE_READ, subject):
        raise NotFound(_("Not found."))
    if move not in Move.values:
        raise TransitionNotAllowed(
            _("Unknown move: %(move)s.") % {"move": move}, fields={"move": [_("Unknown move.")]}
        )
    rule = rule_for(case.stage, move)
    if rule is None:
        raise TransitionNotAllowed(
            _("A case in %(stage)s cannot be moved by “%(move)s”.")
            % {"stage": Stage(case.stage).label, "move": Move(move).label}
        )
    policy.require(actor, rule.action, subject)
    note = note.strip()
    if rule.reasons:
        if not reason_code:
            raise DomainError(
                _("Choose a reason."),
                code="reason_required",
                fields={"reason_code": [_("This field is required.")]},
            )
        require_known_codes(vocabulary=rule.reasons, codes=[reason_code], field="reason_code")
    elif reason_code:
        raise DomainError(
            _("This step takes no reason code."), fields={"reason_code": [_("Leave it empty.")]}
        )
    if rule.note_required and not note:
        raise DomainError(
            _("Say to whom and why."),
            code="note_required",
            fields={"note": [_("This field is required.")]},
        )
    if move == Move.TAKE and actor.user_id is None:
        raise TransitionNotAllowed(_("A case is taken by a person, not by a system."))
    if (
        move == Move.ACCOMPANY
        and not case.assignments.filter(role=Role.CASE_LAWYER, ended_at__isnull=True).exists()
    ):
        raise TransitionNotAllowed(
            _("Appoint the case lawyer first: accompaniment starts with the appointment."),
            code="case_lawyer_required",
        )
    from_stage, from_status = case.stage, case.status
    case.stage = rule.to
    if rule.status:
        case.status = rule.status
        case.status_reason = reason_code
        case.status_note = note
    if rule.to == Stage.TERMINATION:
        case.closed_at = timezone.now()
    case.version += 1
    case.save(
        update_fields=[
            "stage",
            "status",
            "status_reason",
            "status_note",
            "closed_at",
            "version",
            "updated_at",
        ]
    )
    domain_event_record(
        actor=actor.audit,
        name="case.transition",
        object_type="case",
        object_id=case.pk,
        detail={
            "move": move,
            "from": from_stage,
            "to": case.stage,
            "from_status": from_status,
            "status": case.status,
            "reason_code": reason_code,
            "reason": note,
        },
    )
    if move == Move.TAKE:
        assignment_add(
            case=case,
            user_id=actor.user_id,
            user_label=actor.label,
            role=Role.CONSULTATION_LAWYER,
            by=actor,
        )
    return case


def case_rollup_refresh(*, organisation: Organisation) -> None:
    """Count this schema's cases by stage and status into the public rollup (idempotent).

    Only cases whose client consented to anonymised statistics are counted."""
    counted = cases_counted_in_statistics(organisation=organisation)
    rows = (
        Case.objects.filter(pk__in=counted).values("stage", "status").annotate(n=Count("id"))
    ).order_by()
    rollup_replace_for_organisation(
        organisation=organisation,
        cells=[RollupCell(stage=r["stage"], status=r["status"], cases=r["n"]) for r in rows],
    )
