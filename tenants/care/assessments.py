"""Assessing the client: needs, risk, the problem with its urgency, strengths and resources.
A reassessment is a new numbered assessment; none is ever rewritten."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.outbox import domain_event_record
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from tenants.care.checks import not_in_future
from tenants.care.models import Assessment, RiskLevel, Urgency
from tenants.care.selectors import case_for_care


@dataclass(frozen=True)
class AssessmentData:
    assessed_on: date
    risk_level: str
    problem: str
    urgency: str
    needs: tuple[str, ...] = field(default_factory=tuple)
    needs_note: str = ""
    risks: str = ""
    strengths: str = ""
    resources: str = ""


def _check(data: AssessmentData) -> None:
    require_known_codes(vocabulary=Vocabulary.SERVICE_TYPE, codes=list(data.needs), field="needs")
    if data.risk_level not in RiskLevel.values:
        raise DomainError(_("Choose a risk level."), fields={"risk_level": [_("Unknown value.")]})
    if data.urgency not in Urgency.values:
        raise DomainError(_("Choose the urgency."), fields={"urgency": [_("Unknown value.")]})
    if not data.problem.strip():
        message = _("Formulate the problem with the client.")
        raise DomainError(message, fields={"problem": [message]})
    not_in_future(data.assessed_on, "assessed_on")


@transaction.atomic
def assessment_record(*, actor: Actor, case_id: object, data: AssessmentData) -> Assessment:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    _check(data)
    values = asdict(data) | {"needs": list(dict.fromkeys(data.needs))}
    number = (case.assessments.aggregate(last=Max("number"))["last"] or 0) + 1
    assessment = Assessment.objects.create(
        case=case,
        number=number,
        assessed_by=actor.name,
        assessed_by_user_id=actor.user_id,
        **{k: v.strip() if isinstance(v, str) else v for k, v in values.items()},
    )
    domain_event_record(
        actor=actor.audit,
        name="care.assessed",
        object_type="case",
        object_id=case.pk,
        detail={
            "assessment": assessment.pk,
            "number": number,
            "risk_level": data.risk_level,
            "urgency": data.urgency,
        },
    )
    return assessment
