"""The routing rules page: network admins edit and preview; coordinators read; organisation
staff get the 404 of a missing page; anonymous visitors go to the login page. The preview
never shows a person."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from hub.accounts.models import Membership, User
from hub.accounts.roles import NETWORK_ROLES, ORGANISATION_ROLES, Role
from hub.core.models import AuditEvent
from hub.intake.models import RoutingRule
from tests.builders import complaint, routing_rule
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PAGES = ["/network/routing/", "/network/routing/new/"]


def _network_user(role: str) -> User:
    user = User.objects.create_user(f"{role}@jaringan.test", PASSWORD)
    Membership.objects.create(user=user, role=role)
    return user


@pytest.fixture
def admin(world, db) -> User:
    return _network_user(Role.NETWORK_ADMIN)


def _rule_urls(rule: RoutingRule) -> list[str]:
    return [f"/network/routing/{rule.pk}/", f"/network/routing/{rule.pk}/deactivate/"]


def _state():
    return (
        list(RoutingRule.objects.order_by("pk").values_list("pk", "active", "countries")),
        AuditEvent.objects.filter(object_type="routing_rule").count(),
    )


def test_anonymous_visitors_go_to_the_login_page(client, org_a):
    rule = RoutingRule.objects.filter(organisation=org_a.organisation).first()
    for url in [*PAGES, *_rule_urls(rule)]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


@pytest.mark.parametrize("method", ["get", "post"])
def test_organisation_staff_and_analysts_get_404_and_change_nothing(client, org_a, method):
    rule = RoutingRule.objects.filter(organisation=org_a.organisation).first()
    before = _state()
    users = [org_a.users[role] for role in sorted(ORGANISATION_ROLES)]
    users.append(_network_user(Role.NETWORK_ANALYST))
    for user in users:
        client.force_login(user)
        for url in [*PAGES, *_rule_urls(rule), "/network/routing/999999/"]:
            response = getattr(client, method)(url, {"organisation": org_a.organisation.slug})
            assert response.status_code == 404, (user.email, url)
    assert _state() == before


def test_a_coordinator_reads_the_rules_and_the_preview_but_may_not_change_them(
    client, coordinator, org_a
):
    rule = RoutingRule.objects.filter(organisation=org_a.organisation).first()
    client.force_login(coordinator)
    page = client.get("/network/routing/")
    html = page.content.decode()
    assert page.status_code == 200 and org_a.organisation.name in html
    assert "/network/routing/new/" not in html and f"/network/routing/{rule.pk}/" not in html
    before = _state()
    for url in ["/network/routing/new/", f"/network/routing/{rule.pk}/"]:
        assert client.get(url).status_code == 403
        assert client.post(url, {"organisation": org_a.organisation.slug}).status_code == 403
    assert client.post(f"/network/routing/{rule.pk}/deactivate/").status_code == 403
    assert _state() == before


def _form(org, **changes) -> dict:
    return {
        "organisation": org.organisation.slug,
        "countries": ["JP"],
        "home_regions": "Jawa Barat, NTB",
        "issue_types": ["other"],
        "priority": "5",
        "active": "on",
        "note": "Jepang",
        **changes,
    }


def test_an_admin_adds_a_rule_and_it_is_audited(client, admin, org_a):
    client.force_login(admin)
    assert client.get("/network/routing/new/").status_code == 200
    response = client.post("/network/routing/new/", _form(org_a, save="1"))
    assert response.status_code == 302 and response["Location"] == "/network/routing/"
    rule = RoutingRule.objects.get(countries=["JP"])
    assert rule.home_regions == ["Jawa Barat", "NTB"] and rule.priority == 5
    assert rule.updated_by == admin.email
    event = AuditEvent.objects.get(object_type="routing_rule", object_id=str(rule.pk))
    assert event.action == "routing_rule.created" and event.actor_user_id == admin.pk


def test_an_admin_edits_and_deactivates_a_rule(client, admin, org_a):
    rule = routing_rule(org_a.organisation, countries=["JP"])
    client.force_login(admin)
    page = client.get(f"/network/routing/{rule.pk}/").content.decode()
    (japan,) = re.findall(r'<input[^>]*value="JP"[^>]*>', page)
    assert "checked" in japan
    client.post(f"/network/routing/{rule.pk}/", _form(org_a, countries=["KR"], save="1"))
    rule.refresh_from_db()
    assert rule.countries == ["KR"]
    response = client.post(f"/network/routing/{rule.pk}/deactivate/")
    assert response.status_code == 302
    rule.refresh_from_db()
    assert not rule.active
    actions = list(
        AuditEvent.objects.filter(object_type="routing_rule", object_id=str(rule.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["routing_rule.updated", "routing_rule.deactivated"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"countries": ["XX"]}, "XX"),
        ({"priority": "-1"}, "0"),
        ({"priority": "lots"}, "number"),
        ({"organisation": "no-such-org"}, "no-such-org"),
        ({"home_regions": ", ".join(f"R{n}" for n in range(31))}, "30"),
        ({"countries": [], "home_regions": " , ", "issue_types": []}, "at least one"),
        ({"note": "n" * 301}, "300"),
    ],
)
def test_invalid_input_is_400_with_messages_and_nothing_saved(
    client, admin, org_a, changes, message
):
    client.force_login(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = _state()
    response = client.post("/network/routing/new/", _form(org_a, save="1", **changes))
    html = response.content.decode()
    assert response.status_code == 400
    summary = html[html.index('id="error-summary"') : html.index('id="rule-form"')]
    assert message in summary and 'href="#' in summary
    assert _state() == before


def test_preview_applies_the_edit_without_saving_and_shows_no_person(client, admin, org_a):
    secret = complaint(
        None,
        country_of_work="JP",
        issue_types=("other",),
        reporter_name="Nama Rahasia",
        narrative="Cerita rahasia majikan",
        contact_phone="+62 812 0000 1111",
        contact_email="rahasia@example.test",
        employer_name="Majikan Rahasia",
    )
    rule = routing_rule(org_a.organisation, countries=["KR"])
    client.force_login(admin)
    before = _state()
    page = client.post(f"/network/routing/{rule.pk}/", _form(org_a, home_regions="", preview="1"))
    html = page.content.decode()
    assert page.status_code == 200 and _state() == before
    row = html[html.index(secret.receipt_code) :]
    row = row[: row.index("</tr>")]
    assert org_a.organisation.name in row  # the edited rule (Japan) would take it
    for private in ("Nama Rahasia", "Cerita rahasia", "0000 1111", "rahasia@", "Majikan"):
        assert private not in html
    # The list page's preview (rules in force, Korea) leaves it in triage; still no person.
    listing = client.get("/network/routing/").content.decode()
    row = listing[listing.index(secret.receipt_code) :]
    assert org_a.organisation.name not in row[: row.index("</tr>")]
    assert "Nama Rahasia" not in listing and "Cerita rahasia" not in listing


def test_the_network_home_links_triage_with_the_count_and_the_routing_rules(
    client, coordinator, world, db
):
    complaint(None, country_of_work="JP", issue_types=("other",))
    client.force_login(coordinator)
    html = client.get("/network/").content.decode()
    assert 'href="/network/triage/"' in html and 'href="/network/routing/"' in html
    assert "<strong>1</strong>" in html
    analyst = _network_user(Role.NETWORK_ANALYST)
    client.force_login(analyst)
    html = client.get("/network/").content.decode()
    assert "/network/triage/" not in html and "/network/routing/" not in html


def test_every_network_role_sees_only_the_pages_it_may_open(client, world, db):
    allowed = {
        Role.COORDINATOR: {"/network/", "/network/triage/", "/network/routing/"},
        Role.NETWORK_ADMIN: {"/network/", "/network/triage/", "/network/routing/"},
        Role.NETWORK_ANALYST: {"/network/"},
    }
    assert set(allowed) == NETWORK_ROLES
    for role, pages in allowed.items():
        client.force_login(_network_user(role))
        for url in ("/network/", "/network/triage/", "/network/routing/"):
            status = client.get(url).status_code
            assert status == (200 if url in pages else 404), (role, url)


def test_the_rules_are_listed_read_only_on_the_api_for_coordinators(client, coordinator, org_a):
    assert client.get("/api/v1/network/routing-rules/").status_code == 401
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert client.get("/api/v1/network/routing-rules/").status_code == 403
    client.force_login(_network_user(Role.NETWORK_ANALYST))
    response = client.get("/api/v1/network/routing-rules/")
    assert response.status_code == 403 and response.json()["error"]["code"]
    client.force_login(coordinator)
    body = client.get("/api/v1/network/routing-rules/").json()
    mine = [rule for rule in body if rule["organisation"] == org_a.organisation.slug]
    assert mine and mine[0]["countries"] == org_a.organisation.countries
    before = _state()
    assert client.post("/api/v1/network/routing-rules/", {}).status_code == 405
    assert _state() == before
