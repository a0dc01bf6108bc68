"""Who may do what: every action, the roles that may take it and on what condition, in one table.

Services, views, templates and the API all ask this module; nothing else holds a role set.
Two conditions exist, both about a case: "is assigned to the case" (a role that may act only
on cases it works on) and "the case is restricted" (sexual violence, children: then only the
staff assigned to it and the division head may act on it at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hub.accounts.roles import CASE_WORKER_ROLES, NETWORK_ROLES, ORGANISATION_ROLES, Role
from hub.core.errors import PermissionDenied
from hub.organisations.context import organisation_check


class Action(StrEnum):
    INBOX_READ = "inbox.read"
    COMPLAINT_DECIDE = "complaint.decide"  # accept (opens a case) or decline
    COMPLAINT_TRIAGE = "complaint.triage"  # the network: assign, close as out of scope, merge
    COMPLAINT_ESCALATE = "complaint.escalate"  # not accepted in time: the next organisation
    CASE_REGISTER = "case.register"
    CASE_READ = "case.read"  # the case list and a case record
    CASE_TAKE = "case.take"  # take a registered case from the consultation queue
    CASE_EDIT = "case.edit"  # general data
    CASE_RESTRICT = "case.restrict"
    CASE_DECIDE = (
        "case.decide"  # reject, case meeting, refer, transfer, terminate; approve requests
    )
    DECISION_REQUEST = "decision.request"
    DECISION_DISCUSS = "decision.discuss"
    DECISIONS_PENDING = "decision.pending"  # the division head's list of requests to decide
    APPOINT_CASE_LAWYER = "case.appoint_lawyer"
    APPOINT_ASSISTANT = "case.appoint_assistant"
    PERSON_ADD = "person.add"
    EVENT_ADD = "event.add"
    PROCEEDING_ADD = "proceeding.add"
    DOCUMENT_ADD = "document.add"
    LINK_MANAGE = "link.manage"  # client links: create, send, revoke; consent on a signed form
    CARE_PLAN = "care.plan"  # assessment, service plan, review, case conference, termination
    SERVICE_LOG = "care.service"  # interventions and contacts with the client
    SHARE_MANAGE = "share.manage"  # grant and revoke
    SHARES_READ = "share.read"  # shares granted, shares received, a shared case
    SHARE_CONTRIBUTE = "share.contribute"  # a recipient adds notes, events, activities
    CONTRIBUTION_REVIEW = "contribution.review"  # the owner: accept, hide; contribution links
    CONSENT_WITHDRAW = "consent.withdraw"  # record the client's withdrawal at the office
    ACCESS_REQUEST = "access.request"  # a national office asks an office for access
    ACCESS_DECIDE = "access.decide"  # the office's Kabid approves or declines
    REFERRAL_SEND = "referral.send"  # refer a case to a member or an outside agency
    REFERRAL_ANSWER = "referral.answer"  # accept or decline a referral; record its outcome
    TRANSFER_ANSWER = "transfer.answer"  # accept or decline a case transferred to us
    QUEUE_READ = "queue.read"  # what waits for the organisation's answer
    DIRECTORY_READ = "directory.read"  # the service directory (outside agencies)
    DIRECTORY_MANAGE = "directory.manage"  # add, edit, deactivate agencies
    USERS_MANAGE = "users.manage"
    SETTINGS_MANAGE = "settings.manage"  # the office's calendar and service-level clocks
    CLOCKS_OVERSEE = "clocks.oversee"  # every case's overdue clocks, not only one's own
    NETWORK_STATS = "network.stats"
    ROUTING_VIEW = "routing.view"  # the network's routing rules and their preview
    ROUTING_MANAGE = "routing.manage"  # add, edit, deactivate routing rules


@dataclass(frozen=True)
class CaseSubject:
    """What the conditions need to know about a case (built by the cases selectors)."""

    restricted: bool = False
    assignee_user_ids: frozenset[int] = frozenset()
    # Sections of an otherwise open case that only assigned staff and the Kabid read
    # (e.g. the chronology of a sexual-violence case; counselling notes).
    restricted_sections: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]  # may, on any case of the organisation
    message: str | Promise
    when_assigned: frozenset[str] = frozenset()  # may, on a case they are assigned to


def _roles(*roles: str) -> frozenset[str]:
    return frozenset(roles)


CASE_STAFF = frozenset(ORGANISATION_ROLES - {Role.ANALYST})
CASE_WORKERS = frozenset(CASE_WORKER_ROLES)
_HEAD = _roles(Role.DIVISION_HEAD)
_OWNERS = _roles(Role.CONSULTATION_LAWYER, Role.CASE_LAWYER)

POLICY: dict[Action, Rule] = {
    Action.INBOX_READ: Rule(
        _roles(Role.DIVISION_HEAD, Role.RECEPTIONIST, Role.OFFICE_ADMIN, Role.SYSTEM),
        _("Only reception, the office admin and the division head see the inbox."),
    ),
    Action.COMPLAINT_DECIDE: Rule(
        _HEAD, _("Only the division head accepts or declines complaints.")
    ),
    Action.COMPLAINT_TRIAGE: Rule(
        _roles(Role.COORDINATOR, Role.NETWORK_ADMIN),
        _("Only the network's coordinators place, close or merge complaints."),
    ),
    Action.COMPLAINT_ESCALATE: Rule(
        _roles(Role.COORDINATOR, Role.NETWORK_ADMIN, Role.SYSTEM),
        _("Only the network's coordinators and its escalation task escalate complaints."),
    ),
    Action.CASE_REGISTER: Rule(
        _roles(
            Role.RECEPTIONIST, Role.OFFICE_ADMIN, Role.DIVISION_HEAD, Role.PARALEGAL, Role.SYSTEM
        ),
        _("Only reception, a paralegal, the office admin or the division head register cases."),
    ),
    Action.CASE_READ: Rule(
        CASE_STAFF | {Role.SYSTEM},
        _("Your role sees aggregate figures only, not case records."),
    ),
    Action.CASE_TAKE: Rule(
        _roles(Role.CONSULTATION_LAWYER),
        _("Only a consultation lawyer takes cases from the consultation queue."),
    ),
    Action.CASE_EDIT: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _("Only the lawyer who owns the case or the division head edits its general data."),
        when_assigned=_OWNERS,
    ),
    Action.CASE_RESTRICT: Rule(
        _HEAD,
        _("Only the lawyer who owns the case or the division head restricts it."),
        when_assigned=_OWNERS,
    ),
    Action.CASE_DECIDE: Rule(
        _HEAD,
        _("Only the division head decides this; ask for a decision instead."),
    ),
    Action.DECISION_REQUEST: Rule(
        frozenset(),
        _("Only the lawyer who owns the case asks the division head for a decision."),
        when_assigned=_OWNERS,
    ),
    Action.DECISION_DISCUSS: Rule(
        _HEAD,
        _("Only the staff assigned to the case and the division head discuss its decisions."),
        when_assigned=CASE_WORKERS,
    ),
    Action.DECISIONS_PENDING: Rule(_HEAD, _("Only the division head decides on requests.")),
    Action.APPOINT_CASE_LAWYER: Rule(_HEAD, _("Only the division head appoints the case lawyer.")),
    Action.APPOINT_ASSISTANT: Rule(
        _HEAD, _("Only the division head appoints assistants and service providers.")
    ),
    Action.PERSON_ADD: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _("Only the staff assigned to the case add people to it."),
        when_assigned=CASE_WORKERS,
    ),
    Action.EVENT_ADD: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _("Only the staff assigned to the case record its events."),
        when_assigned=CASE_WORKERS,
    ),
    Action.PROCEEDING_ADD: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _("Only the case lawyer, their assistant or the division head record proceedings."),
        when_assigned=_roles(Role.CASE_LAWYER, Role.CASE_ASSISTANT, Role.PARALEGAL),
    ),
    Action.DOCUMENT_ADD: Rule(
        _roles(Role.DIVISION_HEAD, Role.RECEPTIONIST, Role.SYSTEM),
        _("Only reception, the division head or the staff assigned to the case add documents."),
        when_assigned=CASE_WORKERS,
    ),
    Action.CARE_PLAN: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _(
            "Only the case manager (the lawyer, counsellor or paralegal assigned to the case) "
            "or the division head records assessments, plans, reviews and termination."
        ),
        when_assigned=_roles(
            Role.CONSULTATION_LAWYER,
            Role.CASE_LAWYER,
            Role.CASE_ASSISTANT,
            Role.PARALEGAL,
            Role.COUNSELLOR,
        ),
    ),
    Action.SERVICE_LOG: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _("Only the staff assigned to the case log the services and contacts it receives."),
        when_assigned=CASE_WORKERS,
    ),
    Action.LINK_MANAGE: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _("Only the staff assigned to the case send links to its client or record consent."),
        when_assigned=CASE_WORKERS,
    ),
    Action.SHARE_MANAGE: Rule(
        _roles(Role.DIVISION_HEAD, Role.CASE_LAWYER, Role.OFFICE_ADMIN),
        _("Only the division head, a case lawyer or the office admin share cases."),
    ),
    Action.SHARES_READ: Rule(
        CASE_STAFF | {Role.SYSTEM},
        _("Your role sees aggregate figures only, not case records."),
    ),
    Action.SHARE_CONTRIBUTE: Rule(
        CASE_STAFF,
        _("Your role sees aggregate figures only and adds nothing to shared cases."),
    ),
    Action.CONTRIBUTION_REVIEW: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _("Only the staff assigned to the case or the division head review contributions."),
        when_assigned=CASE_WORKERS,
    ),
    Action.CONSENT_WITHDRAW: Rule(
        _roles(Role.DIVISION_HEAD, Role.SYSTEM),
        _("Only the staff assigned to the case or the division head record a withdrawal."),
        when_assigned=CASE_WORKERS,
    ),
    Action.ACCESS_REQUEST: Rule(
        _roles(Role.DIVISION_HEAD, Role.CASE_LAWYER),
        _("Only the division head or a case lawyer of a national office asks for access."),
    ),
    Action.ACCESS_DECIDE: Rule(
        _HEAD, _("Only the division head approves or declines requests for access.")
    ),
    Action.REFERRAL_SEND: Rule(
        _roles(Role.DIVISION_HEAD),
        _("Only the staff assigned to the case or the division head refer it."),
        when_assigned=CASE_WORKERS,
    ),
    Action.REFERRAL_ANSWER: Rule(
        _HEAD, _("Only the division head accepts or declines referrals and records outcomes.")
    ),
    Action.TRANSFER_ANSWER: Rule(
        _HEAD, _("Only the division head accepts or declines a transferred case.")
    ),
    Action.QUEUE_READ: Rule(
        CASE_STAFF | {Role.SYSTEM},
        _("Your role sees aggregate figures only, not case records."),
    ),
    Action.DIRECTORY_READ: Rule(
        CASE_STAFF | frozenset(NETWORK_ROLES),
        _("Only staff of members and of the network see the service directory."),
    ),
    Action.DIRECTORY_MANAGE: Rule(
        _roles(Role.NETWORK_ADMIN), _("Only the network's admins change the service directory.")
    ),
    Action.USERS_MANAGE: Rule(
        _roles(Role.OFFICE_ADMIN), _("Only the office admin manages the office's users.")
    ),
    Action.SETTINGS_MANAGE: Rule(
        _roles(Role.OFFICE_ADMIN, Role.DIVISION_HEAD),
        _("Only the office admin or the division head change the office's settings."),
    ),
    Action.CLOCKS_OVERSEE: Rule(
        _HEAD, _("Only the division head oversees the clocks of every case of the office.")
    ),
    Action.NETWORK_STATS: Rule(
        frozenset(NETWORK_ROLES), _("Only the network's coordinators and analysts see this.")
    ),
    Action.ROUTING_VIEW: Rule(
        _roles(Role.COORDINATOR, Role.NETWORK_ADMIN),
        _("Only the network's coordinators and admins see the routing rules."),
    ),
    Action.ROUTING_MANAGE: Rule(
        _roles(Role.NETWORK_ADMIN), _("Only the network's admins change the routing rules.")
    ),
}


def bypasses_restriction(actor) -> bool:
    """Restricted cases: the division head opens them all; everyone else only their own."""
    return Role.DIVISION_HEAD in actor.roles


def allows(actor, action: Action, subject: CaseSubject | None = None) -> bool:
    """May `actor` take `action` (on the case described by `subject`, when there is one)?

    Without a subject, only the roles that may act on any case count: a role that needs to be
    assigned cannot be said to be allowed before the case is known.
    """
    rule = POLICY[action]
    assigned = (
        subject is not None
        and actor.user_id is not None
        and actor.user_id in subject.assignee_user_ids
    )
    restricted = subject is not None and subject.restricted
    if restricted and not assigned and not bypasses_restriction(actor):
        return False
    return bool(actor.roles & rule.roles) or (assigned and bool(actor.roles & rule.when_assigned))


def reads_section(actor, subject: CaseSubject, section: str) -> bool:
    """May the actor read this section of a case they may open? A restricted section is for
    the staff assigned to the case and those who pass every restriction."""
    if section not in subject.restricted_sections:
        return True
    assigned = actor.user_id is not None and actor.user_id in subject.assignee_user_ids
    return assigned or bypasses_restriction(actor)


def require_section(actor, subject: CaseSubject, section: str) -> None:
    if not reads_section(actor, subject, section):
        raise PermissionDenied(
            str(_("This part of the case is restricted to the staff assigned to it.")),
            code="section_restricted",
        )


def require(actor, action: Action, subject: CaseSubject | None = None) -> None:
    """Refuse (403 with the table's message) unless the actor may take the action.

    An organisation's actor must also be working in its own schema: the one door every
    service passes is where a schema mix-up is caught, before anything is written."""
    if actor.organisation is not None:
        organisation_check(actor.organisation)
    if not allows(actor, action, subject):
        raise PermissionDenied(str(POLICY[action].message), code="role_not_allowed")


def permitted(actor, subject: CaseSubject | None = None) -> frozenset[str]:
    """Every action the actor may take (on this case): what templates ask to show a button."""
    return frozenset(action.value for action in Action if allows(actor, action, subject))
