"""The demo data `make demo` relies on: four organisations (one a crisis centre), every
role, ~50 cases each, and a national office (YLBHI) that handles no cases of its own."""

from __future__ import annotations

from hub.accounts.models import Membership
from hub.accounts.roles import NETWORK_ROLES, ORGANISATION_ROLES
from hub.demo.seed import ORGANISATIONS, seed_demo
from hub.demo.seed_access import NATIONAL_OFFICE
from hub.network.models import CaseRollup
from hub.organisations.models import Organisation
from tenants.cases.models import Case
from tests.builders import in_schema


def test_seed_demo_creates_organisations_staff_cases_and_clients(world, db):
    result = seed_demo(seed=7)
    slugs = [spec["slug"] for spec in ORGANISATIONS]
    assert [o["slug"] for o in result.organisations] == [*slugs, NATIONAL_OFFICE["slug"]]
    assert {u["role"] for u in result.users} == ORGANISATION_ROLES | NETWORK_ROLES
    assert set(slugs) <= {a["organisation"] for a in result.applications}
    for organisation in Organisation.objects.filter(slug__in=slugs):
        assert Membership.objects.filter(organisation=organisation).count() == len(
            ORGANISATION_ROLES
        )
        with in_schema(organisation):
            count = Case.objects.count()
            assert 40 <= count <= 50
            assert Case.objects.exclude(stage="registration").exists()
        counted = sum(r.cases for r in CaseRollup.objects.filter(organisation=organisation))
        assert 0 < counted <= count  # only cases whose client allows statistics


def test_the_crisis_centre_serves_clients_to_termination_with_their_feedback(world, db):
    from tenants.care.models import Intervention, PlanState, Termination
    from tenants.documents.models import Document

    seed_demo(seed=7)
    centre = Organisation.objects.get(slug="uptd-ppa-tangerang")
    with in_schema(centre):
        finished = Termination.objects.select_related("case").first()
        assert finished is not None and finished.case.status == "closed"
        assert finished.client_feedback and finished.signed_form_id
        served = finished.case
        providers = set(Intervention.objects.filter(case=served).values_list("provider", flat=True))
        assert len(providers) == 2
        assert served.service_plans.get().state == PlanState.AGREED
        assert served.reviews.exists()
    payslips = 0
    for organisation in Organisation.objects.filter(slug__in=[s["slug"] for s in ORGANISATIONS]):
        with in_schema(organisation):
            payslips += Document.objects.filter(title="Foto slip gaji").count()
    assert payslips > 0


def test_the_demo_routing_rules_send_complaints_where_the_network_would(world, db):
    from hub.accounts.access import Actor
    from hub.accounts.roles import Role
    from hub.demo.seed import demo_routing_rules
    from hub.intake.models import RoutingRule
    from hub.intake.routing import route_complaint

    RoutingRule.objects.update(active=False)  # the test world's own rules
    # Directory rows only (routing needs no schema): seeding the whole demo takes a minute.
    organisations = [
        Organisation.objects.create(
            schema_name=spec["slug"].replace("-", "_"),
            **{k: v for k, v in spec.items() if k in ("slug", "name", "kind")},
        )
        for spec in ORGANISATIONS
    ]
    admin = Actor(label="admin-jaringan@jaringan.demo", roles=frozenset({Role.NETWORK_ADMIN}))
    demo_routing_rules(organisations, admin)

    def routed(country, issue, region=""):
        chosen = route_complaint(
            country_of_work=country,
            home_region=region,
            issue_types=[issue],
            language="id",
            excluded_ids=set(),
        )
        return chosen.slug if chosen else None

    assert routed("HK", "violence") == "migrant-aid-hk"
    assert routed("TW", "excessive_fees") == "sbmi-indramayu"
    assert routed("SA", "unpaid_wages") == "lbh-jakarta"
    assert routed("SA", "violence", region="banten") == "uptd-ppa-tangerang"
    assert routed("JP", "other", region="Cirebon") == "sbmi-indramayu"
    assert routed("JP", "other", region="Papua") is None  # triage
