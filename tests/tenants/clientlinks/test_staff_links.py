"""The staff side of client links: a case's links page and API, the QR code, the e-mail, the
review of a client's corrections, consent on a signed form; refused paths change nothing."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, ConsentSource
from hub.consent.selectors import consent_for_case
from hub.core.models import AuditEvent
from hub.links.models import ClientLink
from hub.links.selectors import links_answered
from hub.links.services import link_answer
from tenants.cases.models import Case, CasePerson, PersonRole
from tenants.clientlinks.selectors import answers_to_review
from tenants.clientlinks.services import case_link_create
from tenants.documents.models import Document
from tenants.people.models import Person
from tests.builders import client_case, in_schema, member, org_api, registered_case


@pytest.fixture
def case(org_a):
    return client_case(org_a)


def _page(org, case, rest: str = "") -> str:
    return f"/org/{org.organisation.slug}/cases/{case.pk}/links/{rest}"


def _client_id(org, case) -> int:
    with in_schema(org.organisation):
        return CasePerson.objects.get(case=case, role=PersonRole.COMPLAINANT).person_id


def _token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _links(org) -> list:
    return list(
        ClientLink.objects.filter(organisation=org.organisation).values_list(
            "id", "nonce_hash", "expires_at", "used_at", "revoked_at", "reviewed_at"
        )
    )


def _made(org, case, purpose="consent", **asked):
    with in_schema(org.organisation):
        return case_link_create(
            actor=member(org, Role.DIVISION_HEAD),
            case_id=case.pk,
            purpose=purpose,
            person_id=_client_id(org, case) if purpose == "verification" else None,
            asked=asked or {"purposes": ["share"]},
        )


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (60, 80), (250, 250, 250)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_division_head_makes_a_consent_link_and_sees_it_once(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, case) + "?lang=en",
        {"purpose": "consent", "purposes": ["share", "refer"], "explanation": "Rujukan BP2MI"},
    )
    assert response.status_code == 200, response.content.decode()
    page = response.content.decode()
    link = ClientLink.objects.get(organisation=org_a.organisation, case_id=case.pk)
    assert link.request == {"purposes": ["share", "refer"], "explanation": "Rujukan BP2MI"}
    assert "http://testserver/tautan/" in page and "<svg" in page
    assert "no-store" in response["Cache-Control"]
    assert "<script" not in page
    listing = client.get(_page(org_a, case) + "?lang=en").content.decode()
    assert "Informed consent" in listing and "/tautan/" not in listing
    assert 'name="person_id"' in listing and "Rina Wulandari" in listing  # the client to verify


def test_the_assigned_consultation_lawyer_asks_the_client_to_check_their_data(client, org_a, case):
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    response = client.post(
        _page(org_a, case),
        {"purpose": "verification", "person_id": _client_id(org_a, case), "fields": ["phone"]},
    )
    assert response.status_code == 200
    link = ClientLink.objects.get(organisation=org_a.organisation, case_id=case.pk)
    assert (link.purpose, link.person_id) == ("verification", _client_id(org_a, case))
    assert link.request["fields"] == ["phone"]


def test_the_api_makes_lists_reissues_and_revokes_links(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    made = client.post(
        org_api(org_a, f"cases/{case.pk}/links/"),
        {"purpose": "consent", "purposes": ["statistics"]},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["state"] == "open" and body["url"].startswith("http://testserver/tautan/")
    listed = client.get(org_api(org_a, f"cases/{case.pk}/links/")).json()
    assert [row["id"] for row in listed] == [body["id"]] and "url" not in listed[0]
    again = client.post(org_api(org_a, f"cases/{case.pk}/links/{body['id']}/reissue/"))
    assert again.status_code == 200 and again.json()["url"] != body["url"]
    assert client.get(f"/tautan/{_token(body['url'])}/").status_code == 410
    revoked = client.post(org_api(org_a, f"cases/{case.pk}/links/{body['id']}/revoke/"))
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    assert client.get(f"/tautan/{_token(again.json()['url'])}/").status_code == 410
    with in_schema(org_a.organisation):
        actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"link.created", "link.reissued", "link.revoked"} <= actions


def test_the_api_refuses_a_verification_link_for_a_perpetrator_or_a_stranger(client, org_a, case):
    from tenants.people.services import CaseRoleData, PersonData, person_add_to_case

    with in_schema(org_a.organisation):
        perpetrator = person_add_to_case(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            link=CaseRoleData(role=PersonRole.PERPETRATOR),
            person=PersonData(display_name="Majikan"),
        ).person_id
    other = client_case(org_a, title="Kasus lain", display_name="Orang Lain")
    stranger = _client_id(org_a, other)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    for person_id in (perpetrator, stranger, 999999, None):
        body = {"purpose": "verification"}
        if person_id:
            body["person_id"] = person_id
        response = client.post(
            org_api(org_a, f"cases/{case.pk}/links/"), body, content_type="application/json"
        )
        assert response.status_code == 400, (person_id, response.content)
    assert _links(org_a) == []


def test_the_qr_code_is_an_svg_of_the_link(client, org_a, case):
    issued = _made(org_a, case)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(_page(org_a, case, f"{issued.link.pk}/qr.svg"), {"token": issued.token})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<svg") and b"<path" in response.content
    forged = client.post(
        _page(org_a, case, f"{issued.link.pk}/qr.svg"), {"token": issued.token[:-1] + "x"}
    )
    assert forged.status_code == 404


def test_the_link_is_e_mailed_in_indonesian_with_who_sends_it_and_why(client, org_a, case):
    issued = _made(org_a, case)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, case, f"{issued.link.pk}/email/"),
        {"token": issued.token, "to": "rina@example.test"},
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["rina@example.test"]
    assert org_a.organisation.name in sent.subject and org_a.organisation.name in sent.body
    assert f"http://testserver/tautan/{issued.token}/" in sent.body
    assert org_a.users[Role.DIVISION_HEAD].full_name in sent.body
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(action="link.emailed").count() == 1


def test_an_e_mail_with_a_wrong_token_or_address_is_not_sent(client, org_a, case):
    issued = _made(org_a, case)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = _page(org_a, case, f"{issued.link.pk}/email/")
    client.post(url, {"token": issued.token[:-2] + "zz", "to": "rina@example.test"})
    client.post(url, {"token": issued.token, "to": "not-an-address"})
    other = _made(org_a, case)
    client.post(url, {"token": other.token, "to": "rina@example.test"})  # another link's token
    assert mail.outbox == []


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.CASE_LAWYER, Role.OFFICE_ADMIN])
def test_staff_not_assigned_to_the_case_may_not_manage_its_links(client, org_a, case, role):
    issued = _made(org_a, case)
    before = _links(org_a)
    client.force_login(org_a.users[role])
    made = client.post(
        org_api(org_a, f"cases/{case.pk}/links/"),
        {"purpose": "consent", "purposes": ["share"]},
        content_type="application/json",
    )
    assert made.status_code == 403
    assert (
        client.post(_page(org_a, case), {"purpose": "consent", "purposes": ["share"]}).status_code
        == 403
    )
    revoke = client.post(org_api(org_a, f"cases/{case.pk}/links/{issued.link.pk}/revoke/"))
    assert revoke.status_code == 403
    client.post(
        _page(org_a, case, f"{issued.link.pk}/email/"), {"token": issued.token, "to": "a@b.test"}
    )
    assert _links(org_a) == before and mail.outbox == []


def test_an_analyst_sees_no_links(client, org_a, case):
    client.force_login(org_a.users[Role.ANALYST])
    assert client.get(_page(org_a, case)).status_code == 403
    assert client.get(org_api(org_a, f"cases/{case.pk}/links/")).status_code == 403


def test_another_organisation_gets_404_and_changes_nothing(client, org_a, org_b, case):
    issued = _made(org_a, case)
    before = _links(org_a)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.get(_page(org_a, case)).status_code == 404
    assert (
        client.post(org_api(org_a, f"cases/{case.pk}/links/{issued.link.pk}/revoke/")).status_code
        == 404
    )
    slug_b = org_b.organisation.slug
    # Through B's own space, A's link id is just as unknown.
    case_b = registered_case(org_b.organisation, "Kasus B")
    response = client.post(f"/org/{slug_b}/api/v1/cases/{case_b.pk}/links/{issued.link.pk}/revoke/")
    assert response.status_code == 404
    assert _links(org_a) == before


def test_no_new_link_for_a_closed_case(client, org_a, case):
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(closed_at=timezone.now())
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        org_api(org_a, f"cases/{case.pk}/links/"),
        {"purpose": "consent", "purposes": ["share"]},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert _links(org_a) == []


def _corrected(org, case) -> ClientLink:
    issued = _made(org, case, "verification", fields=["phone", "birth_date", "display_name"])
    return link_answer(
        token=issued.token,
        data={
            "verdict": "wrong",
            "phone": "+62 813 9999 0000",
            "birth_date": "1991-05-17",
            "display_name": "Rina W.",
        },
    )


def test_corrections_wait_for_review_on_the_case_page(client, org_a, case):
    _corrected(org_a, case)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/?lang=en").content.decode()
    assert "1 answer to review" in page
    links_page = client.get(_page(org_a, case) + "?lang=en").content.decode()
    assert "+62 813 9999 0000" in links_page and "Answered by the client, to review" in links_page


def test_staff_apply_the_corrections_they_accept_through_the_person_service(client, org_a, case):
    link = _corrected(org_a, case)
    person_id = _client_id(org_a, case)
    with in_schema(org_a.organisation):
        version = Person.objects.get(pk=person_id).version
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, case, f"{link.pk}/review/"),
        {"accept": ["phone", "birth_date"], "version": version},
    )
    assert response.status_code == 302
    with in_schema(org_a.organisation):
        person = Person.objects.get(pk=person_id)
        assert person.phone == "+62 813 9999 0000" and str(person.birth_date) == "1991-05-17"
        assert person.display_name == "Rina Wulandari"  # not accepted
        assert person.version == version + 1
        assert AuditEvent.objects.filter(action="person.updated").count() == 1
        assert AuditEvent.objects.filter(action="link.reviewed").count() == 1
    assert not links_answered(organisation=org_a.organisation).exists()


def test_a_stale_review_changes_nothing(client, org_a, case):
    link = _corrected(org_a, case)
    person_id = _client_id(org_a, case)
    with in_schema(org_a.organisation):
        version = Person.objects.get(pk=person_id).version
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    client.post(
        _page(org_a, case, f"{link.pk}/review/"), {"accept": ["phone"], "version": version - 1}
    )
    client.post(_page(org_a, case, f"{link.pk}/review/"), {"accept": ["nik"], "version": version})
    with in_schema(org_a.organisation):
        assert Person.objects.get(pk=person_id).phone == "+62 812 1111 2222"
    assert links_answered(organisation=org_a.organisation).count() == 1


def test_answers_to_review_are_listed_per_case_for_staff_who_may_open_them(org_a, case):
    link = _corrected(org_a, case)
    other = client_case(org_a, title="Kasus lain", display_name="Dewi")
    _made(org_a, other, "verification")  # open, not answered
    assert list(links_answered(organisation=org_a.organisation)) == [link]
    assert not links_answered(organisation=org_a.organisation, case_ids=[other.pk]).exists()
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True)
        head = member(org_a, Role.DIVISION_HEAD)
        assert list(answers_to_review(actor=head)) == [link]
        paralegal = member(org_a, Role.PARALEGAL)
        assert not answers_to_review(actor=paralegal).exists()


def test_consent_given_in_person_is_recorded_with_the_signed_form(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        f"/org/{org_a.organisation.slug}/cases/{case.pk}/consent/signed-form/",
        {"file": SimpleUploadedFile("formulir.png", _png()), "contact": "on", "refer": "on"},
    )
    assert response.status_code == 302
    record = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert record.source == ConsentSource.SIGNED_FORM
    assert (record.contact, record.share, record.refer, record.statistics) == (
        True,
        False,
        True,
        False,
    )
    with in_schema(org_a.organisation):
        document = Document.objects.get(pk=record.document_id)
        assert document.case_id == case.pk


def test_a_signed_form_without_a_file_or_by_the_wrong_role_records_nothing(client, org_a, case):
    url = f"/org/{org_a.organisation.slug}/cases/{case.pk}/consent/signed-form/"
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    client.post(url, {"contact": "on"})
    client.force_login(org_a.users[Role.CASE_LAWYER])
    client.post(url, {"file": SimpleUploadedFile("f.png", _png()), "contact": "on"})
    assert not ConsentRecord.objects.filter(organisation=org_a.organisation).exists()
    with in_schema(org_a.organisation):
        assert not Document.objects.exists()
