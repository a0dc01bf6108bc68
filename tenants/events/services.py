"""Recording events on a case and the acts within them, by the staff working on the case."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import DomainError, NotFound
from hub.core.outbox import domain_event_record
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from tenants.cases.models import Case, PersonRole
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.events.models import Act, DatePrecision, Event

COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class EventData:
    description: str
    title: str = ""
    occurred_on: date | None = None
    occurred_until: date | None = None
    date_precision: str = DatePrecision.DAY
    place: str = ""
    country: str = ""


@dataclass(frozen=True)
class ActData:
    description: str = ""
    rights_violated: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()
    victim_ids: tuple[int, ...] = ()
    perpetrator_ids: tuple[int, ...] = ()  # none: the perpetrator is unknown


def _refuse(field: str, message: str):
    raise DomainError(message, fields={field: [message]})


@transaction.atomic
def event_record(*, actor: Actor, case: Case | int, data: EventData) -> Event:
    case = case_for_actor(actor=actor, case_id=case.pk if isinstance(case, Case) else case)
    policy.require(actor, Action.EVENT_ADD, case_subject(case))
    if not data.description.strip():
        _refuse("description", _("Describe what happened."))
    if data.date_precision not in DatePrecision.values:
        _refuse("date_precision", _("Unknown date precision."))
    if data.occurred_on and data.occurred_on > timezone.localdate():
        _refuse("occurred_on", _("An event cannot have happened in the future."))
    if data.occurred_until and data.occurred_until > timezone.localdate():
        _refuse(
            "occurred_until",
            _("Leave the end empty while it goes on; it cannot be in the future."),
        )
    if data.occurred_until and (data.occurred_on is None or data.occurred_until < data.occurred_on):
        _refuse("occurred_until", _("The end of an event comes after its start."))
    if data.country and not COUNTRY.match(data.country):
        _refuse("country", _("Use a two-letter country code, e.g. HK."))
    event = Event.objects.create(
        case=case,
        title=data.title.strip(),
        description=data.description.strip(),
        occurred_on=data.occurred_on,
        occurred_until=data.occurred_until,
        date_precision=data.date_precision if data.occurred_on else DatePrecision.UNKNOWN,
        place=data.place.strip(),
        country=data.country,
        recorded_by=actor.name,
    )
    domain_event_record(
        actor=actor.audit,
        name="event.recorded",
        object_type="case",
        object_id=case.pk,
        detail={"event": event.pk},
    )
    return event


@transaction.atomic
def act_record(*, actor: Actor, case_id: object, event_id: object, data: ActData) -> Act:
    """An act of violation: coded rights and legal basis, victims and perpetrators who are
    people of this case (in those roles)."""
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.EVENT_ADD, case_subject(case))
    try:
        event = case.events.get(pk=int(event_id))
    except (TypeError, ValueError, Event.DoesNotExist):
        raise NotFound(_("Not found.")) from None
    require_known_codes(
        vocabulary=Vocabulary.RIGHT_VIOLATED,
        codes=list(data.rights_violated),
        field="rights_violated",
    )
    require_known_codes(
        vocabulary=Vocabulary.LEGAL_BASIS, codes=list(data.legal_basis), field="legal_basis"
    )
    if not data.rights_violated and not data.description.strip():
        _refuse("rights_violated", _("Name the right violated or describe the act."))
    victims = _people_in_role(case, data.victim_ids, PersonRole.VICTIM, "victim_ids")
    perpetrators = _people_in_role(
        case, data.perpetrator_ids, PersonRole.PERPETRATOR, "perpetrator_ids"
    )
    act = Act.objects.create(
        event=event,
        description=data.description.strip(),
        rights_violated=list(dict.fromkeys(data.rights_violated)),
        legal_basis=list(dict.fromkeys(data.legal_basis)),
    )
    act.victims.set(victims)
    act.perpetrators.set(perpetrators)
    domain_event_record(
        actor=actor.audit,
        name="event.act_recorded",
        object_type="case",
        object_id=case.pk,
        detail={"event": event.pk, "act": act.pk, "rights": act.rights_violated},
    )
    return act


def _people_in_role(case: Case, ids: tuple[int, ...], role: str, field: str) -> list[int]:
    wanted = set(ids)
    linked = set(
        case.roles.filter(role=role, person_id__in=wanted).values_list("person_id", flat=True)
    )
    if wanted - linked:
        _refuse(
            field,
            _("Add these people to the case in that role first: %(ids)s.")
            % {"ids": ", ".join(str(i) for i in sorted(wanted - linked))},
        )
    return sorted(linked)
