"""The roles of DOMAIN.md: inside one organisation, and at network level."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE_ADMIN = "office_admin", _("Office admin")
    RECEPTIONIST = "receptionist", _("Receptionist")
    CONSULTATION_LAWYER = "consultation_lawyer", _("Consultation lawyer")
    CONSULTATION_ASSISTANT = "consultation_assistant", _("Consultation assistant")
    CASE_LAWYER = "case_lawyer", _("Case lawyer")
    CASE_ASSISTANT = "case_assistant", _("Case assistant")
    DIVISION_HEAD = "division_head", _("Division head")
    # Service providers of seeds 002-004: they log the services they give on assigned cases.
    PARALEGAL = "paralegal", _("Paralegal")
    COUNSELLOR = "counsellor", _("Psychologist or counsellor")
    MEDIATOR = "mediator", _("Mediator")
    COMPANION = "companion", _("Companion")
    ANALYST = "analyst", _("Analyst")
    COORDINATOR = "coordinator", _("Network coordinator")
    NETWORK_ADMIN = "network_admin", _("Network admin")
    NETWORK_ANALYST = "network_analyst", _("Network analyst")
    # An OAuth2 client-credentials application acting for its organisation.
    SYSTEM = "system", _("Member system (API)")


NETWORK_ROLES = frozenset({Role.COORDINATOR, Role.NETWORK_ADMIN, Role.NETWORK_ANALYST})
# Sorted, so that migrations written from it are the same in every process.
NETWORK_ROLE_CODES = sorted(role.value for role in NETWORK_ROLES)
ORGANISATION_ROLES = frozenset(set(Role) - NETWORK_ROLES - {Role.SYSTEM})
# The roles that work on a case once assigned to it, in the order the office lists them.
CASE_WORKER_ROLES = (
    Role.CONSULTATION_LAWYER,
    Role.CONSULTATION_ASSISTANT,
    Role.CASE_LAWYER,
    Role.CASE_ASSISTANT,
    Role.PARALEGAL,
    Role.COUNSELLOR,
    Role.MEDIATOR,
    Role.COMPANION,
)
