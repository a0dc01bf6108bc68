"""Share pages: the case's share page (grant, refusals, revoke, who read it), "shared with
us" and the live read-only view of one shared case."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext

from hub.accounts.roles import Role
from hub.consent.services import consent_withdraw
from hub.core.audit import AuditActor
from hub.core.models import AuditEvent
from sharing.models import ShareGrant
from sharing.services import share_grant
from tenants.cases.projection import Section
from tenants.cases.registration import case_open_from_complaint
from tenants.events.services import EventData, event_record
from tests.builders import actor, complaint, in_schema

NO_CONSENT = "The client has not consented to sharing this case with other members."


def _case(organisation, *, share: bool = True):
    filed = complaint(organisation, share=share, reporter_name="Dewi Lestari")
    with in_schema(organisation):
        case = case_open_from_complaint(
            actor=actor(organisation, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
        event_record(
            actor=actor(organisation, Role.DIVISION_HEAD),
            case=case,
            data=EventData(description="Paspor ditahan majikan", place="Ipoh"),
        )
    return case, filed.consent


def _grant(org_a, org_b, case, sections=(Section.EVENTS,)):
    with in_schema(org_a.organisation):
        return share_grant(
            actor=actor(org_a.organisation, Role.DIVISION_HEAD),
            case_id=case.pk,
            recipient=org_b.organisation,
            sections=list(sections),
        )


def _page(org, case) -> str:
    return f"/org/{org.organisation.slug}/cases/{case.pk}/shares/"


def _shared(org, grant) -> str:
    return f"/org/{org.organisation.slug}/shared-with-us/{grant.pk}/"


def test_the_case_page_links_to_sharing_for_those_who_share(client, org_a):
    case, _consent = _case(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/").content.decode()
    assert _page(org_a, case) in page


def test_the_organisation_home_links_to_shared_with_us(client, org_b):
    client.force_login(org_b.users[Role.CASE_LAWYER])
    page = client.get(f"/org/{org_b.organisation.slug}/").content.decode()
    assert f"/org/{org_b.organisation.slug}/shared-with-us/" in page


def test_the_share_page_offers_every_projection_section(client, org_a):
    case, _consent = _case(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get(_page(org_a, case))
    assert response.status_code == 200
    page = response.content.decode()
    for section in Section.values:
        assert f'value="{section}"' in page
    assert 'name="until"' in page and 'value="contribute"' in page


def test_the_share_page_grants_until_the_end_of_the_chosen_day(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    until = timezone.localdate() + timedelta(days=10)
    response = client.post(
        _page(org_a, case),
        {
            "recipient": org_b.organisation.slug,
            "sections": ["summary", "events"],
            "permission": "contribute",
            "until": until.isoformat(),
        },
    )
    assert response.status_code == 302
    grant = ShareGrant.objects.get()
    assert grant.sections == ["events", "summary"] and grant.can_contribute
    assert timezone.localtime(grant.expires_at).date() == until + timedelta(days=1)
    assert timezone.localtime(grant.expires_at).hour == 0
    listing = client.get(_page(org_a, case)).content.decode()
    assert org_b.organisation.name in listing


def test_the_share_page_shows_the_consent_refusal_and_writes_nothing(client, org_a, org_b):
    case, _consent = _case(org_a.organisation, share=False)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, case),
        {"recipient": org_b.organisation.slug, "sections": ["summary"], "permission": "read"},
    )
    assert response.status_code == 409
    with translation.override("id"):
        assert gettext(NO_CONSENT) in response.content.decode()
    assert not ShareGrant.objects.exists()


def test_the_share_page_refuses_a_form_without_sections(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, case), {"recipient": org_b.organisation.slug, "permission": "read"}
    )
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert not ShareGrant.objects.exists()


def test_a_role_that_may_not_share_sees_no_form_and_cannot_post(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    client.force_login(org_a.users[Role.PARALEGAL])
    page = client.get(_page(org_a, case))
    assert page.status_code == 200 and 'name="recipient"' not in page.content.decode()
    response = client.post(
        _page(org_a, case),
        {"recipient": org_b.organisation.slug, "sections": ["summary"], "permission": "read"},
    )
    assert response.status_code == 403
    assert not ShareGrant.objects.exists()


def test_revoking_from_the_page_ends_the_recipients_view_at_once(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    client.force_login(org_b.users[Role.CASE_LAWYER])
    assert client.get(_shared(org_b, grant)).status_code == 200
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(f"/org/{org_a.organisation.slug}/shares/{grant.pk}/revoke/")
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    client.force_login(org_b.users[Role.CASE_LAWYER])
    assert client.get(_shared(org_b, grant)).status_code == 404
    assert (
        case.number
        not in client.get(f"/org/{org_b.organisation.slug}/shared-with-us/").content.decode()
    )


def test_the_recipient_cannot_revoke(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert (
        client.post(f"/org/{org_b.organisation.slug}/shares/{grant.pk}/revoke/").status_code == 404
    )
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_shared_with_us_lists_live_shares_with_their_owner(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    client.force_login(org_b.users[Role.CASE_LAWYER])
    page = client.get(f"/org/{org_b.organisation.slug}/shared-with-us/").content.decode()
    assert case.number in page and org_a.organisation.name in page
    assert _shared(org_b, grant) in page


def test_the_shared_case_shows_exactly_the_granted_sections(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case, sections=(Section.EVENTS,))
    client.force_login(org_b.users[Role.CASE_LAWYER])
    page = client.get(_shared(org_b, grant)).content.decode()
    assert "Paspor ditahan majikan" in page
    assert "Dewi Lestari" not in page and case.summary[:20] not in page


def test_reads_by_the_recipient_appear_on_the_owners_share_page(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    client.force_login(org_b.users[Role.CASE_LAWYER])
    client.get(_shared(org_b, grant))
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(action="case.read_by_member").count() == 1
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(_page(org_a, case)).content.decode()
    assert org_b.organisation.name in page
    assert org_b.users[Role.CASE_LAWYER].email in page


def test_withdrawn_consent_makes_the_shared_case_a_404_on_the_next_request(client, org_a, org_b):
    case, consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    consent_withdraw(consent=consent, by=AuditActor(label="worker on the portal"))
    client.force_login(org_b.users[Role.CASE_LAWYER])
    assert client.get(_shared(org_b, grant)).status_code == 404


def test_an_expired_share_is_a_404(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    ShareGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(org_b.users[Role.CASE_LAWYER])
    assert client.get(_shared(org_b, grant)).status_code == 404


def test_a_member_of_another_organisation_gets_404_on_the_share_page(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.get(_page(org_a, case)).status_code == 404
    response = client.post(
        _page(org_a, case),
        {"recipient": org_b.organisation.slug, "sections": ["summary"], "permission": "read"},
    )
    assert response.status_code == 404
    assert not ShareGrant.objects.exists()


def test_an_until_date_in_the_past_is_refused_on_its_field(client, org_a, org_b):
    case, _consent = _case(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, case),
        {
            "recipient": org_b.organisation.slug,
            "sections": ["summary"],
            "permission": "read",
            "until": (timezone.localdate() - timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert 'href="#id_until"' in response.content.decode()
    assert not ShareGrant.objects.exists()


def test_the_owners_page_shows_a_share_ended_by_withdrawn_consent(client, org_a, org_b):
    case, consent = _case(org_a.organisation)
    _grant(org_a, org_b, case)
    consent_withdraw(consent=consent, by=AuditActor(label="worker on the portal"))
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(_page(org_a, case)).content.decode()
    with translation.override("id"):
        assert gettext("Consent withdrawn") in page
    assert "/revoke/" not in page
