"""Ending the services: the termination report (reason from the vocabulary, what was achieved,
the client's feedback and satisfaction, the signed termination form) and the request that
asks the division head to terminate the case (2/10's requests; the move is theirs)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import AuditActor, audit_apply_changes
from hub.core.errors import Conflict, DomainError, version_check
from hub.core.outbox import domain_event_record
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from tenants.care.checks import required_text
from tenants.care.models import Termination
from tenants.care.selectors import case_for_care
from tenants.cases.decisions import decision_request_create
from tenants.cases.lifecycle import Move, Stage
from tenants.cases.models import Case, DecisionRequest
from tenants.documents.models import Document
from tenants.documents.services import document_upload


@dataclass(frozen=True)
class TerminationData:
    reason: str
    report: str
    client_feedback: str = ""
    satisfaction: int | None = None


def _check(data: dict) -> None:
    require_known_codes(
        vocabulary=Vocabulary.TERMINATION_REASON, codes=[data["reason"]], field="reason"
    )
    required_text(data["report"], "report", _("Write what the services achieved."))
    satisfaction = data.get("satisfaction")
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        message = _("Satisfaction is from 1 (not at all) to 5 (very satisfied).")
        raise DomainError(message, fields={"satisfaction": [message]})


@transaction.atomic
def termination_write(
    *, actor: Actor, case_id: object, data: TerminationData, version: int | None = None
) -> Termination:
    """Write the report, or rewrite it (with the version it was read at) until the case ends."""
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    values = asdict(data)
    _check(values)
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    termination = Termination.objects.select_for_update().filter(case=case).first()
    if termination is None:
        termination = Termination.objects.create(case=case, written_by=actor.name, **values)
        detail = {"reason": data.reason, "satisfaction": data.satisfaction}
    else:
        version_check(
            current=termination.version,
            sent=version if version is not None else -1,
            message=_("Someone else saved this report first. Reload; nothing of yours was saved."),
        )
        detail = audit_apply_changes(termination, values)
        if not detail["after"]:
            return termination
        termination.version += 1
        termination.written_by = actor.name
        termination.save()
    domain_event_record(
        actor=actor.audit,
        name="care.termination_written",
        object_type="case",
        object_id=case.pk,
        detail={"termination": termination.pk, **detail},
    )
    return termination


def _termination_of(case: Case) -> Termination:
    termination = Termination.objects.select_for_update().filter(case=case).first()
    if termination is None:
        raise Conflict(_("Write the termination report first."), code="termination_missing")
    return termination


@transaction.atomic
def termination_form_add(*, actor: Actor, case_id: object, file) -> Document:
    """The termination form the client signed, uploaded as a document of the case."""
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    termination = _termination_of(case)
    document = document_upload(
        actor=actor, case_id=case.pk, file=file, title=_("Signed termination form")
    )
    termination.signed_form = document
    termination.save(update_fields=["signed_form"])
    domain_event_record(
        actor=actor.audit,
        name="care.termination_signed",
        object_type="case",
        object_id=case.pk,
        detail={"termination": termination.pk, "document": document.pk},
    )
    return document


@transaction.atomic
def termination_sign_by_link(
    *,
    case_id: int,
    link_id: int,
    agreed: bool,
    feedback: str,
    satisfaction: int | None,
    by: AuditActor,
) -> Termination:
    """The client read the termination report through a client link and agreed (their
    signature) or not, in their own words: their feedback and satisfaction replace what staff
    noted for them. The link is the authority, not a member of staff."""
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None or case.stage == Stage.TERMINATION:
        raise Conflict(
            _("This case has ended: its services can no longer be changed."), code="case_closed"
        )
    termination = _termination_of(case)
    _check(
        {
            "reason": termination.reason,
            "report": termination.report,
            "satisfaction": satisfaction,
        }
    )
    if agreed:
        termination.signed_link_id = link_id
    if feedback.strip():
        termination.client_feedback = feedback.strip()
    if satisfaction is not None:
        termination.satisfaction = satisfaction
    termination.version += 1
    termination.save()
    domain_event_record(
        actor=by,
        name="care.termination_answered",
        object_type="case",
        object_id=case.pk,
        detail={
            "termination": termination.pk,
            "link": link_id,
            "agreed": agreed,
            "satisfaction": satisfaction,
        },
    )
    return termination


@transaction.atomic
def termination_request(*, actor: Actor, case_id: object) -> DecisionRequest:
    """Ask the division head to terminate, with the report's reason and text."""
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    termination = _termination_of(case)
    return decision_request_create(
        actor=actor,
        case_id=case.pk,
        move=Move.TERMINATE,
        reason=termination.report,
        reason_code=termination.reason,
    )
