"""Small builders for tests: an actor, a complaint, a case, work inside a schema."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from django.db import connection

from hub.accounts.access import Actor
from hub.consent.services import ConsentChoices
from hub.intake.models import Complaint, RoutingRule
from hub.intake.services import ComplaintInput, complaint_submit
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation


def actor(organisation: Organisation, role: str, *, user=None) -> Actor:
    """An actor in one role; give the `user` when assignment matters (it is by user id)."""
    return Actor(
        label=user.email if user else f"{role}@test",
        roles=frozenset({role}),
        organisation=organisation,
        user_id=user.pk if user else None,
    )


def complaint(organisation: Organisation | None, *, share: bool = False, **fields) -> Complaint:
    """A complaint filed on the portal for `organisation` (None: let the network choose)."""
    values = {
        "reporter_type": "worker",
        "reporter_name": "Rina",
        "country_of_work": "MY",
        "narrative": "Gaji tidak dibayar",
        "issue_types": ("unpaid_wages",),
        **fields,
    }
    return complaint_submit(
        data=ComplaintInput(
            organisation=organisation,
            consent=ConsentChoices(contact=True, share=share, refer=False, statistics=True),
            **values,
        )
    )


def routing_rule(
    organisation: Organisation, *, priority: int = 0, active: bool = True, **criteria
) -> RoutingRule:
    """A routing rule written straight to the table (countries, home_regions, issue_types,
    languages as lists; the services' checks are tested apart)."""
    return RoutingRule.objects.create(
        organisation=organisation,
        priority=priority,
        active=active,
        **{name: list(values) for name, values in criteria.items()},
    )


def in_schema(organisation: Organisation):
    """Work inside the organisation's schema, as services outside a request do."""
    return organisation_context(organisation)


def committed(organisation: Organisation | None, work):
    """Run `work` on a connection of its own (committed, visible to other connections such
    as a real Celery worker's) in the organisation's schema, then close that connection.
    Whatever a test commits this way it must delete again."""

    def run():
        try:
            with organisation_context(organisation):
                return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def registered_case(organisation: Organisation, title: str = "Kasus uji"):
    """A case registered by reception in the organisation's schema."""
    from hub.accounts.roles import Role
    from tenants.cases.registration import case_register

    with in_schema(organisation):
        return case_register(actor=actor(organisation, Role.RECEPTIONIST), title=title)


def member(org, role: str, user=None) -> Actor:
    """The actor of a test organisation's real person in `role` (conditions look at user ids)."""
    return actor(org.organisation, role, user=user or org.users[role])


def org_api(org, path: str, **params) -> str:
    """A URL of the test organisation's API, with query parameters."""
    query = f"?{urlencode(params)}" if params else ""
    return f"/org/{org.organisation.slug}/api/v1/{path}{query}"


def client_case(org, *, title: str = "Gaji tidak dibayar", **client):
    """A case of the test organisation with its client (a person with data to check), taken
    by the organisation's consultation lawyer, who is then assigned to it."""
    from datetime import date

    from hub.accounts.roles import Role
    from tenants.cases.assignments import case_take
    from tenants.cases.registration import case_register
    from tenants.people.services import PersonData

    values = {
        "display_name": "Rina Wulandari",
        "birth_date": date(1990, 5, 17),
        "phone": "+62 812 1111 2222",
        "domicile": "Indramayu",
        "nik": "3212345678900001",
        **client,
    }
    with in_schema(org.organisation):
        case = case_register(
            actor=member(org, Role.RECEPTIONIST), title=title, complainant=PersonData(**values)
        )
        case_take(actor=member(org, Role.CONSULTATION_LAWYER), case_id=case.pk)
    return case
