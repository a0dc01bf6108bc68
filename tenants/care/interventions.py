"""Services given to the client (legal, health, psychosocial, shelter, repatriation and
reintegration, mediation...) by the providers assigned to the case, and the contacts with
the client, each with its progress and obstacles."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import audit_apply_changes
from hub.core.errors import DomainError, NotFound
from hub.core.outbox import domain_event_record
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from tenants.care.checks import not_in_future
from tenants.care.models import Contact, Goal, Intervention, PlanState
from tenants.care.selectors import case_for_care
from tenants.cases.models import Case
from tenants.documents.models import Document
from tenants.documents.services import document_upload


@dataclass(frozen=True)
class InterventionData:
    service: str
    started_on: date
    description: str
    partner: str = ""
    goal_id: int | None = None
    ended_on: date | None = None
    outcome: str = ""


@dataclass(frozen=True)
class ContactData:
    kind: str
    at: datetime
    with_whom: str = ""
    progress: str = ""
    obstacles: str = ""
    intervention_id: int | None = None


def _intervention_of(case: Case, intervention_id: object) -> Intervention:
    try:
        return case.interventions.select_for_update().get(pk=int(intervention_id))
    except (TypeError, ValueError, Intervention.DoesNotExist):
        raise NotFound(_("Not found.")) from None


def _check(case: Case, values: dict) -> None:
    require_known_codes(
        vocabulary=Vocabulary.SERVICE_TYPE, codes=[values["service"]], field="service"
    )
    if not values["description"].strip():
        message = _("Describe the service given.")
        raise DomainError(message, fields={"description": [message]})
    not_in_future(values["started_on"], "started_on")
    not_in_future(values.get("ended_on"), "ended_on")
    if values.get("ended_on") and values["ended_on"] < values["started_on"]:
        message = _("A service ends after it starts.")
        raise DomainError(message, fields={"ended_on": [message]})
    goal_id = values.get("goal_id")
    if (
        goal_id is not None
        and not Goal.objects.filter(
            pk=goal_id, plan__case=case, plan__state=PlanState.AGREED
        ).exists()
    ):
        message = _("Choose a goal of the plan in force.")
        raise DomainError(message, fields={"goal_id": [message]})


@transaction.atomic
def intervention_log(*, actor: Actor, case_id: object, data: InterventionData) -> Intervention:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.SERVICE_LOG)
    values = asdict(data)
    _check(case, values)
    intervention = Intervention.objects.create(
        case=case,
        provider=actor.name,
        provider_user_id=actor.user_id,
        **{k: v.strip() if isinstance(v, str) else v for k, v in values.items()},
    )
    domain_event_record(
        actor=actor.audit,
        name="care.intervention_logged",
        object_type="case",
        object_id=case.pk,
        detail={"intervention": intervention.pk, "service": data.service},
    )
    return intervention


EDITABLE = ("ended_on", "outcome", "description", "partner")


@transaction.atomic
def intervention_update(
    *, actor: Actor, case_id: object, intervention_id: object, changes: dict
) -> Intervention:
    """Record how a service went on: its end, its outcome."""
    case = case_for_care(actor=actor, case_id=case_id, action=Action.SERVICE_LOG)
    intervention = _intervention_of(case, intervention_id)
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise DomainError(
            _("This field cannot be changed here."), fields={unknown[0]: [_("Not editable.")]}
        )
    current = {name: getattr(intervention, name) for name in InterventionData.__dataclass_fields__}
    _check(case, current | changes)
    detail = audit_apply_changes(intervention, changes)
    if not detail["after"]:
        return intervention
    intervention.save()
    domain_event_record(
        actor=actor.audit,
        name="care.intervention_updated",
        object_type="case",
        object_id=case.pk,
        detail={"intervention": intervention.pk, **detail},
    )
    return intervention


@transaction.atomic
def intervention_document_add(
    *, actor: Actor, case_id: object, intervention_id: object, file, title: str = ""
) -> Document:
    """A document of the service (a medical report, a shelter admission letter), checked and
    stored like every document of the case, and linked to the service."""
    case = case_for_care(actor=actor, case_id=case_id, action=Action.SERVICE_LOG)
    intervention = _intervention_of(case, intervention_id)
    document = document_upload(actor=actor, case_id=case.pk, file=file, title=title)
    intervention.documents.add(document)
    return document


@transaction.atomic
def contact_log(*, actor: Actor, case_id: object, data: ContactData) -> Contact:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.SERVICE_LOG)
    require_known_codes(vocabulary=Vocabulary.CONTACT_KIND, codes=[data.kind], field="kind")
    if data.at > timezone.now():
        message = _("This moment is in the future.")
        raise DomainError(message, fields={"at": [message]})
    intervention = None
    if data.intervention_id is not None:
        intervention = case.interventions.filter(pk=data.intervention_id).first()
        if intervention is None:
            message = _("Choose a service of this case.")
            raise DomainError(message, fields={"intervention_id": [message]})
    if not (data.progress.strip() or data.obstacles.strip()):
        message = _("Write the progress or the obstacles of this contact.")
        raise DomainError(message, fields={"progress": [message]})
    contact = Contact.objects.create(
        case=case,
        intervention=intervention,
        kind=data.kind,
        at=data.at,
        with_whom=data.with_whom.strip(),
        progress=data.progress.strip(),
        obstacles=data.obstacles.strip(),
        recorded_by=actor.name,
        recorded_by_user_id=actor.user_id,
    )
    domain_event_record(
        actor=actor.audit,
        name="care.contact_logged",
        object_type="case",
        object_id=case.pk,
        detail={"contact": contact.pk, "kind": data.kind},
    )
    return contact
