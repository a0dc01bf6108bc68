"""Referral pages as people use them: the case's Rujuk page sends, the receiver accepts from
its list and finds the new case, the sender sees status and outcome and prints the letter;
the directory pages for members and the network."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hub.accounts.roles import Role
from sharing.referrals.models import Referral, ReferralStatus, ServiceAgency
from tenants.cases.models import Case
from tests.builders import in_schema
from tests.sharing.referrals.conftest import consented_case


def _org_url(org, path: str) -> str:
    return f"/org/{org.organisation.slug}/{path}"


def _send_page(client, org_a, case, **data):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    values = {
        "service": "psychosocial",
        "reason": "Klien butuh konseling trauma.",
        "sections": ["summary"],
        "receiver": "",
        "agency": "",
        **data,
    }
    return client.post(_org_url(org_a, f"cases/{case.pk}/referrals/"), values)


def test_the_case_page_links_to_its_referrals(client, org_a):
    case = consented_case(org_a, share=True)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(_org_url(org_a, f"cases/{case.pk}/")).content.decode()
    assert _org_url(org_a, f"cases/{case.pk}/referrals/") in page


def test_refer_page_sends_to_a_member_and_lists_it(client, org_a, org_b):
    case = consented_case(org_a, share=True)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(_org_url(org_a, f"cases/{case.pk}/referrals/"))
    assert page.status_code == 200 and org_b.organisation.name in page.content.decode()
    response = _send_page(client, org_a, case, receiver=org_b.organisation.slug)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.receiver == org_b.organisation
    listing = client.get(_org_url(org_a, f"cases/{case.pk}/referrals/")).content.decode()
    assert f"/referrals/{referral.pk}/" in listing


def test_refer_page_shows_a_refusal_on_the_form_and_sends_nothing(client, org_a, org_b, agency):
    case = consented_case(org_a)
    response = _send_page(client, org_a, case, receiver=org_b.organisation.slug)
    assert response.status_code == 409
    both = _send_page(client, org_a, case, receiver=org_b.organisation.slug, agency=agency.pk)
    assert both.status_code == 400
    assert not Referral.objects.exists()


def test_refer_page_filters_agencies_by_service(client, org_a, agency):
    ServiceAgency.objects.create(name="RSUD Indramayu", services=["health"], authority="central")
    case = consented_case(org_a, refer=True)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(_org_url(org_a, f"cases/{case.pk}/referrals/?service=health"))
    text = page.content.decode()
    assert "RSUD Indramayu" in text and agency.name not in text


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.CASE_LAWYER])
def test_roles_that_may_not_refer_see_the_list_without_the_form(client, org_a, org_b, role):
    case = consented_case(org_a, share=True)
    client.force_login(org_a.users[role])
    page = client.get(_org_url(org_a, f"cases/{case.pk}/referrals/"))
    assert page.status_code == 200 and 'name="reason"' not in page.content.decode()
    response = client.post(
        _org_url(org_a, f"cases/{case.pk}/referrals/"),
        {"service": "legal", "reason": "x", "sections": ["summary"], "receiver": "sbmi-uji"},
    )
    assert response.status_code == 403
    assert not Referral.objects.exists()


def test_receiver_accepts_from_its_list_and_the_sender_sees_the_outcome(client, org_a, org_b):
    case = consented_case(org_a, share=True)
    _send_page(client, org_a, case, receiver=org_b.organisation.slug)
    referral = Referral.objects.get()
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    listing = client.get(_org_url(org_b, "referrals/")).content.decode()
    assert case.number in listing
    detail = client.get(_org_url(org_b, f"referrals/{referral.pk}/")).content.decode()
    assert 'value="accept"' in detail
    moved = client.post(_org_url(org_b, f"referrals/{referral.pk}/move/"), {"move": "accept"})
    assert moved.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    new_case = client.get(_org_url(org_b, f"cases/{referral.receiver_case_id}/"))
    assert new_case.status_code == 200
    with translation.override("id"):
        said = gettext("Referral from %(sender)s") % {"sender": org_a.organisation.name}
    assert said in new_case.content.decode()  # the sender by name, not by its slug
    client.post(
        _org_url(org_b, f"referrals/{referral.pk}/move/"),
        {"move": "complete", "outcome": "Empat sesi konseling selesai."},
    )
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(_org_url(org_a, f"cases/{case.pk}/referrals/")).content.decode()
    assert "Empat sesi konseling selesai." in page


def test_a_refused_move_is_said_and_changes_nothing(client, org_a, org_b):
    case = consented_case(org_a, share=True)
    _send_page(client, org_a, case, receiver=org_b.organisation.slug)
    referral = Referral.objects.get()
    client.force_login(org_b.users[Role.CASE_LAWYER])
    detail = client.get(_org_url(org_b, f"referrals/{referral.pk}/")).content.decode()
    assert 'value="accept"' not in detail
    response = client.post(_org_url(org_b, f"referrals/{referral.pk}/move/"), {"move": "accept"})
    assert response.status_code == 302
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    client.post(_org_url(org_b, f"referrals/{referral.pk}/move/"), {"move": "decline"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    with in_schema(org_b.organisation):
        assert not Case.objects.filter(received_via="referral").exists()


def test_the_referral_letter_is_a_pdf(client, org_a, agency):
    case = consented_case(org_a, refer=True)
    _send_page(client, org_a, case, agency=agency.pk)
    referral = Referral.objects.get()
    response = client.get(_org_url(org_a, f"referrals/{referral.pk}/letter.pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_members_read_the_directory_and_the_network_admin_keeps_it(
    client, org_a, agency, network_admin, coordinator
):
    client.force_login(org_a.users[Role.PARALEGAL])
    page = client.get(_org_url(org_a, "directory/?service=psychosocial&region=indramayu"))
    assert page.status_code == 200 and agency.name in page.content.decode()
    assert client.get("/network/directory/").status_code == 404  # not of the network
    client.force_login(coordinator)
    assert client.get("/network/directory/").status_code == 200
    assert client.get("/network/directory/new/").status_code == 403
    client.force_login(network_admin)
    response = client.post(
        "/network/directory/new/",
        {
            "name": "RSUD Indramayu",
            "services": ["health"],
            "authority": "regional",
            "regions": "Indramayu, Jawa Barat",
            "active": "on",
        },
    )
    assert response.status_code == 302
    created = ServiceAgency.objects.get(name="RSUD Indramayu")
    assert created.regions == ["Indramayu", "Jawa Barat"]
    bad = client.post("/network/directory/new/", {"name": "", "authority": "regional"})
    assert bad.status_code == 400
    client.post(f"/network/directory/{created.pk}/deactivate/")
    created.refresh_from_db()
    assert not created.active
    assert client.get("/network/directory/999999/").status_code == 404


def test_the_letter_speaks_indonesian_whatever_the_request_language(org_a, agency):
    from django.utils import translation
    from django.utils.translation import gettext

    from sharing.referrals.letter import referral_letter
    from sharing.referrals.services import referral_send
    from tests.builders import member

    case = consented_case(org_a, refer=True)
    with in_schema(org_a.organisation):
        referral = referral_send(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            service="psychosocial",
            reason="Trauma",
            sections=["summary", "people"],
            agency=agency,
        )
    with translation.override("en"):
        letter = referral_letter(referral=referral)
    with translation.override("id"):
        assert letter.labels["title"] == gettext("Referral letter")
        assert letter.status == gettext("Sent")
    assert letter.language == "id" and letter.client == "Dewi Lestari"
    assert letter.addressee.name == agency.name


def test_the_receivers_list_answers_in_place(client, org_a, org_b):
    case = consented_case(org_a, share=True)
    _send_page(client, org_a, case, receiver=org_b.organisation.slug)
    referral = Referral.objects.get()
    client.force_login(org_b.users[Role.CASE_LAWYER])
    assert 'value="accept"' not in client.get(_org_url(org_b, "referrals/")).content.decode()
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    listing = client.get(_org_url(org_b, "referrals/")).content.decode()
    assert f"/referrals/{referral.pk}/move/" in listing and 'value="decline"' in listing
    client.post(
        _org_url(org_b, f"referrals/{referral.pk}/move/"),
        {"move": "decline", "reason": "Kuota penuh bulan ini"},
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decline_reason == "Kuota penuh bulan ini"


@pytest.mark.parametrize("status", [ReferralStatus.WITHDRAWN, ReferralStatus.DECLINED])
def test_the_receiver_has_no_letter_of_a_referral_withdrawn_or_declined(
    client, org_a, org_b, status
):
    """The letter names the client from what was sent: once the referral is withdrawn (say
    the client withdrew consent) or declined, the receiver reads it no more than the package;
    the sender still prints it."""
    case = consented_case(org_a, share=True)
    _send_page(client, org_a, case, receiver=org_b.organisation.slug)
    referral = Referral.objects.get()
    path = f"referrals/{referral.pk}/letter.pdf"
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.get(_org_url(org_b, path)).status_code == 200
    Referral.objects.filter(pk=referral.pk).update(status=status)
    assert client.get(_org_url(org_b, path)).status_code == 404
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert client.get(_org_url(org_a, path)).status_code == 200


def test_the_receivers_reads_of_what_was_sent_are_in_the_senders_trail(client, org_a, org_b):
    """What was sent is the sender's case (the client's name, the sections ticked): each time
    the receiver opens the referral's page or its letter, the sender's case trail says so, as
    for a read through a share; the sender's own reads are not such events."""
    from hub.core.models import AuditEvent

    case = consented_case(org_a, share=True)
    _send_page(client, org_a, case, receiver=org_b.organisation.slug)
    referral = Referral.objects.get()
    assert client.get(_org_url(org_a, f"referrals/{referral.pk}/")).status_code == 200
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.get(_org_url(org_b, f"referrals/{referral.pk}/")).status_code == 200
    assert client.get(_org_url(org_b, f"referrals/{referral.pk}/letter.pdf")).status_code == 200
    with in_schema(org_a.organisation):
        reads = AuditEvent.objects.filter(
            action="referral.read_by_receiver", object_type="case", object_id=str(case.pk)
        )
        assert sorted(event.detail["read"] for event in reads) == ["letter", "package"]
        assert {event.detail["reader"] for event in reads} == {org_b.organisation.slug}


def test_a_nul_character_in_the_service_filter_is_ignored_not_a_500(client, org_a, agency):
    case = consented_case(org_a, refer=True)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get(_org_url(org_a, f"cases/{case.pk}/referrals/") + "?service=shelter%00")
    assert response.status_code == 200
    assert agency.name in response.content.decode()  # no filter: every active agency offered


def test_what_was_sent_of_a_restricted_case_is_read_only_by_the_receivers_division_head(
    client, org_a, org_b
):
    """A case restricted to its assigned staff (sexual violence, children) referred to B: B's
    division head, who answers, reads what was sent and the letter; B's other staff see the
    referral in the list but neither the people sent nor the letter (which names the client)."""
    from tenants.cases.services import case_restrict
    from tests.builders import member

    case = consented_case(org_a, share=True)
    with in_schema(org_a.organisation):
        case_restrict(actor=member(org_a, Role.DIVISION_HEAD), case_id=case.pk, restricted=True)
    _send_page(client, org_a, case, receiver=org_b.organisation.slug, sections=["people"])
    referral = Referral.objects.get()
    detail, letter = f"referrals/{referral.pk}/", f"referrals/{referral.pk}/letter.pdf"
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert "Dewi Lestari" in client.get(_org_url(org_b, detail)).content.decode()
    assert client.get(_org_url(org_b, letter)).status_code == 200
    client.force_login(org_b.users[Role.CASE_LAWYER])
    page = client.get(_org_url(org_b, detail))
    assert page.status_code == 200 and "Dewi Lestari" not in page.content.decode()
    assert client.get(_org_url(org_b, letter)).status_code == 403
