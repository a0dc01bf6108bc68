"""Demo shares: LBH Jakarta shares consented cases with the union branch in the worker's home
region (events and people, contribute, for two months) and with the Hong Kong service (summary,
one month); one share was revoked; the union has already opened one, so LBH Jakarta's page
"who read this case" has a row."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from hub.demo.actors import demo_staff
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.models import SharePermission
from sharing.services import share_grant, share_revoke, shared_case_open
from tenants.cases.models import Case
from tenants.cases.projection import Section


def seed(*, organisations: list[Organisation]) -> None:
    by_slug = {o.slug: o for o in organisations}
    owner = by_slug.get("lbh-jakarta")
    union = by_slug.get("sbmi-indramayu")
    service = by_slug.get("migrant-aid-hk")
    if owner is None or union is None or service is None:
        return
    head = demo_staff(owner, Role.DIVISION_HEAD)
    consented = ConsentRecord.objects.filter(
        organisation=owner,
        share=True,
        share_with=[],
        withdrawn_at__isnull=True,
        case_id__isnull=False,
    ).values_list("case_id", flat=True)
    now = timezone.now()
    with organisation_context(owner):
        open_cases = list(
            Case.objects.filter(pk__in=list(consented), restricted=False)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # The first two are shared by the base seed (summary and events, read only).
        cases = open_cases[2:5] or open_cases[:3]
        if not cases:
            return
        contributed = share_grant(
            actor=head,
            case_id=cases[0],
            recipient=union,
            sections=[Section.SUMMARY, Section.EVENTS, Section.PEOPLE],
            permission=SharePermission.CONTRIBUTE,
            expires_at=now + timedelta(days=60),
        )
        if len(cases) > 1:
            share_grant(
                actor=head,
                case_id=cases[1],
                recipient=service,
                sections=[Section.SUMMARY],
                expires_at=now + timedelta(days=30),
            )
        if len(cases) > 2:
            ended = share_grant(
                actor=head, case_id=cases[2], recipient=service, sections=[Section.EVENTS]
            )
            share_revoke(actor=head, grant_id=ended.pk)
    with organisation_context(union):
        shared_case_open(actor=demo_staff(union, Role.CASE_LAWYER), grant_id=contributed.pk)
