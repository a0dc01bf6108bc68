"""Recording proceedings and hearings on a case; a proceeding's stage and outcome are edited
with a version check."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import audit_apply_changes
from hub.core.errors import DomainError, NotFound, version_check
from hub.core.outbox import domain_event_record
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from tenants.cases.models import Case
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.litigation.models import Hearing, Proceeding


@dataclass(frozen=True)
class ProceedingData:
    kind: str
    body: str
    register_number: str = ""
    stage: str = ""
    outcome: str = ""
    started_on: date | None = None
    ended_on: date | None = None


def _check(values: dict) -> None:
    require_known_codes(vocabulary=Vocabulary.PROCEEDING_TYPE, codes=[values["kind"]], field="kind")
    if values.get("stage"):
        require_known_codes(
            vocabulary=Vocabulary.PROCEEDING_STAGE, codes=[values["stage"]], field="stage"
        )
    if not values["body"].strip():
        message = _("Name the court or body.")
        raise DomainError(message, fields={"body": [message]})
    started, ended = values.get("started_on"), values.get("ended_on")
    if started and ended and ended < started:
        message = _("A proceeding ends after it starts.")
        raise DomainError(message, fields={"ended_on": [message]})


def _case_for_litigation(actor: Actor, case_id: object) -> Case:
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.PROCEEDING_ADD, case_subject(case))
    return case


def _proceeding_of(case: Case, proceeding_id: object) -> Proceeding:
    try:
        return case.proceedings.select_for_update().get(pk=int(proceeding_id))
    except (TypeError, ValueError, Proceeding.DoesNotExist):
        raise NotFound(_("Not found.")) from None


@transaction.atomic
def proceeding_record(*, actor: Actor, case_id: object, data: ProceedingData) -> Proceeding:
    case = _case_for_litigation(actor, case_id)
    values = asdict(data)
    _check(values)
    proceeding = Proceeding.objects.create(case=case, recorded_by=actor.name, **values)
    domain_event_record(
        actor=actor.audit,
        name="case.proceeding_recorded",
        object_type="case",
        object_id=case.pk,
        detail={"proceeding": proceeding.pk, "kind": data.kind, "body": data.body},
    )
    return proceeding


@transaction.atomic
def proceeding_update(
    *, actor: Actor, case_id: object, proceeding_id: object, version: int, changes: dict
) -> Proceeding:
    case = _case_for_litigation(actor, case_id)
    proceeding = _proceeding_of(case, proceeding_id)
    version_check(
        current=proceeding.version,
        sent=version,
        message=_("Someone else saved this proceeding first. Reload; nothing of yours was saved."),
    )
    editable = {f for f in ProceedingData.__dataclass_fields__}
    unknown = sorted(set(changes) - editable)
    if unknown:
        raise DomainError(
            _("This field cannot be changed here."), fields={unknown[0]: [_("Not editable.")]}
        )
    _check({name: getattr(proceeding, name) for name in editable} | changes)
    detail = audit_apply_changes(proceeding, changes)
    if not detail["after"]:
        return proceeding  # nothing changed: no new version, nothing to audit
    proceeding.version += 1
    proceeding.save()
    domain_event_record(
        actor=actor.audit,
        name="case.proceeding_updated",
        object_type="case",
        object_id=case.pk,
        detail={"proceeding": proceeding.pk, **detail},
    )
    return proceeding


@transaction.atomic
def hearing_add(
    *,
    actor: Actor,
    case_id: object,
    proceeding_id: object,
    held_on: date,
    agenda: str = "",
    note: str = "",
) -> Hearing:
    case = _case_for_litigation(actor, case_id)
    proceeding = _proceeding_of(case, proceeding_id)
    hearing = Hearing.objects.create(
        proceeding=proceeding, held_on=held_on, agenda=agenda.strip(), note=note.strip()
    )
    domain_event_record(
        actor=actor.audit,
        name="case.hearing_added",
        object_type="case",
        object_id=case.pk,
        detail={"proceeding": proceeding.pk, "hearing": hearing.pk, "on": held_on.isoformat()},
    )
    return hearing
