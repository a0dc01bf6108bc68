"""Case actions: the one transition service, recording assignments, the rollup recount."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action, CaseSubject
from hub.accounts.roles import Role
from hub.consent.selectors import cases_counted_in_statistics
from hub.core.audit import audit_apply_changes
from hub.core.errors import DomainError, NotFound, version_check
from hub.core.outbox import domain_event_record
from hub.network.services import RollupCell, rollup_replace_for_organisation
from hub.organisations.context import organisation_check
from hub.organisations.models import Organisation
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from tenants.cases.lifecycle import Move, Rule, Stage, rule_for
from tenants.cases.models import Assignment, Case, CaseSection, DecisionRequest
from tenants.cases.selectors import case_subject


class TransitionNotAllowed(DomainError):
    status = 409
    code = "transition_not_allowed"


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
        assigned_by_label=by.name,
    )
    domain_event_record(
        actor=by.audit,
        name="case.assigned",
        object_type="case",
        object_id=case.pk,
        detail={"assignment": assignment.pk, "to": user_label, "role": role},
    )
    return assignment


def _case_locked(actor: Actor, case_id: int) -> tuple[Case, CaseSubject]:
    """The case row, locked until commit, if the actor may open it; else the 404 of a
    missing case."""
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    subject = case_subject(case) if case is not None else None
    if case is None or not policy.allows(actor, Action.CASE_READ, subject):
        raise NotFound(_("Not found."))
    return case, subject


def _requests_lapse(case: Case, *, by: Actor) -> None:
    """Pending requests asked at another stage lapse when the case moves."""
    lapsed = case.decision_requests.filter(state=DecisionRequest.State.PENDING).exclude(
        stage=case.stage
    )
    for request in lapsed:
        request.state = DecisionRequest.State.LAPSED
        request.decided_by_label = by.name
        request.decided_at = timezone.now()
        request.save(update_fields=["state", "decided_by_label", "decided_at"])
        domain_event_record(
            actor=by.audit,
            name="decision.lapsed",
            object_type="case",
            object_id=case.pk,
            detail={"request": request.pk, "move": request.move},
        )


def transition_reason_check(rule: Rule, reason_code: str) -> None:
    """A move with a reason vocabulary needs one of its codes; any other move takes none."""
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


@transaction.atomic
def case_transition(
    *, actor: Actor, case_id: int, move: str, reason_code: str = "", note: str = ""
) -> Case:
    """The only door through which a case changes stage or handling status: lock the row,
    check the table and the policy, save, record the event; refusals change nothing."""
    case, subject = _case_locked(actor, case_id)
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
    transition_reason_check(rule, reason_code)
    if rule.note_required and not note:
        raise DomainError(
            _("Say to whom and why."),
            code="note_required",
            fields={"note": [_("This field is required.")]},
        )
    if move == Move.TAKE and actor.user_id is None:
        raise TransitionNotAllowed(_("A case is taken by a person, not by a system."))
    if (
        move == Move.TAKE
        and case.assignments.filter(role=Role.CONSULTATION_LAWYER, ended_at__isnull=True).exists()
    ):
        raise TransitionNotAllowed(
            _("The division head already gave this case to a consultation lawyer."),
            code="already_assigned",
        )
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
    _requests_lapse(case, by=actor)
    if move == Move.TAKE:
        assignment_add(
            case=case,
            user_id=actor.user_id,
            user_label=actor.name,
            role=Role.CONSULTATION_LAWYER,
            by=actor,
        )
    return case


def case_rollup_refresh(*, organisation: Organisation) -> None:
    """Count this schema's cases by stage and status into the public rollup (idempotent).

    Only cases whose client consented to anonymised statistics are counted. Run in another
    organisation's schema (a task sent from the wrong place), it refuses before writing."""
    organisation_check(organisation)
    counted = cases_counted_in_statistics(organisation=organisation)
    rows = (
        Case.objects.filter(pk__in=counted).values("stage", "status").annotate(n=Count("id"))
    ).order_by()
    rollup_replace_for_organisation(
        organisation=organisation,
        cells=[RollupCell(stage=r["stage"], status=r["status"], cases=r["n"]) for r in rows],
    )


CASE_EDITABLE = (
    "title",
    "summary",
    "case_types",
    "arrival_channel",
    "arrived_at",
    "legal_aid_eligible",
    "eligibility_document",
)


@transaction.atomic
def case_update(*, actor: Actor, case_id: int, version: int, changes: dict) -> Case:
    """Edit the general data (the consultation owner or the Kabid); refused, and nothing
    written, when the case changed since the form was opened. Audited with before/after."""
    case, subject = _case_locked(actor, case_id)
    policy.require(actor, Action.CASE_EDIT, subject)
    unknown = sorted(set(changes) - set(CASE_EDITABLE))
    if unknown:
        raise DomainError(
            _("This field cannot be changed here."), fields={unknown[0]: [_("Not editable.")]}
        )
    version_check(
        current=case.version,
        sent=version,
        message=_(
            "Someone else saved this case after you opened the form. "
            "Reload to see their changes; nothing of yours was saved."
        ),
    )
    if "title" in changes and not changes["title"].strip():
        raise DomainError(
            _("A title is required."), fields={"title": [_("This field is required.")]}
        )
    if "case_types" in changes:
        require_known_codes(
            vocabulary=Vocabulary.CASE_TYPE, codes=list(changes["case_types"]), field="case_types"
        )
    if changes.get("arrived_at") and changes["arrived_at"] > timezone.now():
        raise DomainError(
            _("The arrival time cannot be in the future."),
            fields={"arrived_at": [_("In the future.")]},
        )
    if changes.get("arrival_channel"):
        require_known_codes(
            vocabulary=Vocabulary.ARRIVAL_CHANNEL,
            codes=[changes["arrival_channel"]],
            field="arrival_channel",
        )
    changes = {k: v.strip() if isinstance(v, str) else v for k, v in changes.items()}
    detail = audit_apply_changes(case, changes)
    if not detail["after"]:
        return case  # nothing changed: no new version, nothing to audit
    case.version += 1
    case.save()
    domain_event_record(
        actor=actor.audit, name="case.updated", object_type="case", object_id=case.pk, detail=detail
    )
    return case


@transaction.atomic
def case_restrict(
    *, actor: Actor, case_id: int, restricted: bool, sections: list[str] | None = None
) -> Case:
    """Restrict a whole case (sexual violence, children), or only some of its sections, or
    lift it; assigned staff and the Kabid keep access. `sections` None leaves them as they
    are. Lifting needs the same right as setting."""
    case, subject = _case_locked(actor, case_id)
    policy.require(actor, Action.CASE_RESTRICT, subject)
    changes: dict = {"restricted": restricted}
    if sections is not None:
        unknown = sorted(set(sections) - set(CaseSection.values))
        if unknown:
            raise DomainError(
                _("Unknown section: %(sections)s.") % {"sections": ", ".join(unknown)},
                fields={"sections": [_("Unknown section.")]},
            )
        changes["restricted_sections"] = sorted(set(sections))
    detail = audit_apply_changes(case, changes)
    if detail["after"]:
        case.version += 1
        case.save(update_fields=["restricted", "restricted_sections", "version", "updated_at"])
        domain_event_record(
            actor=actor.audit,
            name="case.restriction_changed",
            object_type="case",
            object_id=case.pk,
            detail=detail,
        )
    return case
