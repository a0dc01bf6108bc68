"""Registering a case: a walk-in client at the office (seeds 000, 002, 004), or a complaint
accepted from the inbox. Numbers, the client, eligibility for free legal aid, the opposing
parties as perpetrators, and the conflict-of-interest check, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import TrigramSimilarity
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.models import ConsentSource
from hub.consent.services import ConsentChoices, consent_attach_case, consent_record_create
from hub.core.errors import Conflict, DomainError
from hub.core.outbox import domain_event_record
from hub.intake.lifecycle import Move
from hub.intake.services import complaint_for_move, complaint_transition
from hub.organisations.models import Organisation
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes, term_labels
from tenants.cases.from_complaint import complaint_attachments_to_case, member_consent_link_send
from tenants.cases.models import Case, CaseNumberCounter, CasePerson, PersonRole
from tenants.cases.selectors import cases_for_actor
from tenants.people.models import Person
from tenants.people.selectors import person_for_actor
from tenants.people.services import PersonData, person_create

CLIENT_ROLES = (PersonRole.COMPLAINANT, PersonRole.APPLICANT, PersonRole.VICTIM)
# Two names this similar (pg_trgm) are worth a warning before an opponent becomes a case.
CONFLICT_SIMILARITY = 0.6


@dataclass(frozen=True)
class Intake:
    """What the receptionist notes beyond the client: how they came, eligibility, opponents."""

    arrival_channel: str = ""
    arrived_at: datetime | None = None
    legal_aid_eligible: bool | None = None
    eligibility_document: str = ""
    client_role: str = PersonRole.COMPLAINANT
    opposing_parties: tuple[str, ...] = ()
    restricted: bool = False
    acknowledge_conflicts: bool = False


@dataclass(frozen=True)
class ConflictHint:
    opposing_party: str
    client_name: str  # both empty when the case is restricted and the actor may not open it
    case_number: str


def case_number_next(*, organisation: Organisation) -> str:
    """`<SLUG>/<year>/<seq:04d>`, gap-free: the year's counter row is locked until commit."""
    year = timezone.localdate().year
    CaseNumberCounter.objects.get_or_create(year=year)
    counter = CaseNumberCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{organisation.slug.upper()}/{year}/{counter.last:04d}"


def conflicts_of_interest(*, actor: Actor, names: list[str]) -> list[ConflictHint]:
    """Opposing parties whose names are close to a client of this office (any case)."""
    visible = set(cases_for_actor(actor=actor).values_list("pk", flat=True))
    hints = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        links = (
            CasePerson.objects.filter(role__in=CLIENT_ROLES)
            .annotate(similarity=TrigramSimilarity("person__display_name", name))
            .filter(similarity__gte=CONFLICT_SIMILARITY)
            .select_related("person", "case")
            .order_by("-similarity")[:5]
        )
        hints += [
            ConflictHint(
                opposing_party=name,
                client_name=link.person.display_name if link.case_id in visible else "",
                case_number=link.case.number if link.case_id in visible else "",
            )
            for link in links
        ]
    return hints


def _case_create(
    *,
    actor: Actor,
    title: str,
    summary: str,
    case_types: list[str],
    client: PersonData | Person | None,
    intake: Intake,
    receipt_code: str = "",
    group_code: str = "",
) -> Case:
    case = Case.objects.create(
        number=case_number_next(organisation=actor.organisation),
        title=title,
        summary=summary,
        case_types=case_types,
        complaint_receipt_code=receipt_code,
        group_code=group_code,
        arrival_channel=intake.arrival_channel,
        arrived_at=intake.arrived_at,
        legal_aid_eligible=intake.legal_aid_eligible,
        eligibility_document=intake.eligibility_document.strip(),
        restricted=intake.restricted,
    )
    if client is not None:
        person = client if isinstance(client, Person) else person_create(actor=actor, data=client)
        CasePerson.objects.create(case=case, person=person, role=intake.client_role)
    for name in intake.opposing_parties:
        if name.strip():
            person = person_create(actor=actor, data=PersonData(display_name=name))
            CasePerson.objects.create(case=case, person=person, role=PersonRole.PERPETRATOR)
    domain_event_record(
        actor=actor.audit,
        name="case.registered",
        object_type="case",
        object_id=case.pk,
        detail={
            "number": case.number,
            "receipt_code": receipt_code,
            **({"group_code": group_code} if group_code else {}),
        },
    )
    return case


@transaction.atomic
def case_register(
    *,
    actor: Actor,
    title: str,
    summary: str = "",
    case_types: list[str] | None = None,
    complainant: PersonData | None = None,
    consent: ConsentChoices | None = None,
    intake: Intake | None = None,
    client_person_id: int | None = None,
) -> Case:
    """Register a case at the office; `consent` records what the client signed, if anything.
    The client is a new person (`complainant`) or someone already recorded
    (`client_person_id`, e.g. picked from the duplicate hints): never both.

    An opposing party who may already be a client of the office stops the registration
    (409 `conflict_of_interest`, nothing written) until the registrar acknowledges it."""
    policy.require(actor, Action.CASE_REGISTER)
    intake = intake or Intake()
    require_known_codes(
        vocabulary=Vocabulary.CASE_TYPE, codes=list(case_types or []), field="case_types"
    )
    if intake.arrival_channel:
        require_known_codes(
            vocabulary=Vocabulary.ARRIVAL_CHANNEL,
            codes=[intake.arrival_channel],
            field="arrival_channel",
        )
    if intake.client_role not in CLIENT_ROLES:
        raise DomainError(
            _("The client is the complainant, the applicant or the victim."),
            fields={"client_role": [_("Unknown role.")]},
        )
    if intake.arrived_at and intake.arrived_at > timezone.now():
        raise DomainError(
            _("The arrival time cannot be in the future."),
            fields={"arrived_at": [_("In the future.")]},
        )
    if not title.strip():
        raise DomainError(
            _("A title is required."), fields={"title": [_("This field is required.")]}
        )
    if complainant is not None and client_person_id is not None:
        raise DomainError(
            _("Pick a person from the list or describe a new one, not both."),
            fields={
                "client_person_id": [
                    _("Pick a person from the list or describe a new one, not both.")
                ]
            },
        )
    client = (
        person_for_actor(actor=actor, person_id=client_person_id)
        if client_person_id is not None
        else complainant
    )
    if complainant is not None and not complainant.display_name.strip():
        raise DomainError(
            _("The client's name is required."),
            fields={"complainant.display_name": [_("This field is required.")]},
        )
    hints = conflicts_of_interest(actor=actor, names=list(intake.opposing_parties))
    if hints and not intake.acknowledge_conflicts:
        raise Conflict(
            _(
                "Possible conflict of interest: an opposing party may already be a client of "
                "this office. Check, then register again acknowledging it."
            ),
            code="conflict_of_interest",
            fields={
                "opposing_parties": [
                    _("%(party)s resembles client %(client)s (%(case)s)")
                    % {
                        "party": h.opposing_party,
                        "client": h.client_name,
                        "case": h.case_number,
                    }
                    if h.case_number
                    else _("%(party)s resembles a client of the office: ask the division head")
                    % {"party": h.opposing_party}
                    for h in hints
                ]
            },
        )
    case = _case_create(
        actor=actor,
        title=title.strip(),
        summary=summary,
        case_types=list(case_types or []),
        client=client,
        intake=intake,
    )
    if consent is not None:
        record = consent_record_create(
            given_by="worker", choices=consent, source=ConsentSource.SIGNED_FORM
        )
        consent_attach_case(consent=record, organisation=actor.organisation, case_id=case.pk)
    return case


@transaction.atomic
def case_open_from_complaint(*, actor: Actor, receipt_code: str) -> Case:
    """The division head accepts a complaint from the inbox: the case exists, and the
    complaint moves to accepted through intake's one transition service (checked first).

    A group complaint opens one more case per listed worker, each with that worker as its
    client, linked to the filer's case by the complaint's code (`Case.group_code`); each
    member's own consent (nothing allowed until they answer) covers their case, and a member
    who gave an e-mail is sent a consent link once all of it is committed. The complaint's
    attachments become documents of the filer's case. One transaction: if any part fails,
    nothing is created and the complaint stays in the inbox."""
    complaint, _rule = complaint_for_move(actor=actor, receipt_code=receipt_code, move=Move.ACCEPT)
    members = list(complaint.members.all())
    group_code = complaint.receipt_code if members else ""
    title = _("%(issue)s, %(place)s") % {
        "issue": term_labels(complaint.issue_types[:1] or ["other"])[0],
        "place": complaint.work_city or complaint.country_of_work,
    }
    intake = Intake(arrival_channel="portal", arrived_at=complaint.submitted_at)
    case = _case_create(
        actor=actor,
        title=title,
        summary=complaint.narrative,
        case_types=list(complaint.issue_types),
        client=PersonData(
            display_name=complaint.reporter_name,
            phone=complaint.contact_phone,
            email=complaint.contact_email,
            domicile=complaint.home_region,
        ),
        intake=intake,
        receipt_code=complaint.receipt_code,
        group_code=group_code,
    )
    member_cases = {
        member.pk: _case_create(
            actor=actor,
            title=title,
            summary="\n\n".join(text for text in (complaint.narrative, member.note) if text),
            case_types=list(complaint.issue_types),
            client=PersonData(
                display_name=member.name,
                phone=member.contact_phone,
                email=member.contact_email,
                domicile=member.home_region,
            ),
            intake=intake,
            group_code=group_code,
        )
        for member in members
    }
    complaint_transition(
        actor=actor,
        receipt_code=complaint.receipt_code,
        move=Move.ACCEPT,
        case_id=case.pk,
        member_case_ids={pk: member_case.pk for pk, member_case in member_cases.items()},
    )
    complaint_attachments_to_case(actor=actor, complaint=complaint, case=case)
    for member in members:
        if member.contact_email:
            member_consent_link_send(
                actor=actor, complaint=complaint, member=member, case=member_cases[member.pk]
            )
    return case
