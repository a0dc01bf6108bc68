"""The client's page of a link (/tautan/<token>/): no account, no JavaScript, only what the
purpose needs; a tampered, expired, used or revoked link gets a clear page and changes nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from hub.core.models import AuditEvent
from hub.links.models import ClientLink
from tenants.cases.models import CasePerson, PersonRole
from tenants.clientlinks.services import case_link_create, case_link_revoke
from tenants.people.models import Person
from tenants.people.services import CaseRoleData, PersonData, person_add_to_case
from tests.builders import client_case, in_schema, member


@pytest.fixture
def case(org_a):
    case = client_case(org_a)
    with in_schema(org_a.organisation):
        case.summary = "Narasi rahasia tentang majikan"
        case.save(update_fields=["summary"])
        person_add_to_case(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            link=CaseRoleData(role=PersonRole.PERPETRATOR),
            person=PersonData(display_name="Tuan Majikan Kejam", phone="+852 5555 0000"),
        )
    return case


def _client_id(org, case) -> int:
    with in_schema(org.organisation):
        return CasePerson.objects.get(case=case, role=PersonRole.COMPLAINANT).person_id


def _make(org, case, purpose: str, **asked):
    with in_schema(org.organisation):
        person_id = _client_id(org, case) if purpose == "verification" else None
        return case_link_create(
            actor=member(org, Role.DIVISION_HEAD),
            case_id=case.pk,
            purpose=purpose,
            person_id=person_id,
            asked=asked,
        )


def _url(issued, lang: str = "") -> str:
    return f"/tautan/{issued.token}/" + (f"?lang={lang}" if lang else "")


def _written(org) -> tuple:
    with in_schema(org.organisation):
        return (
            list(
                ClientLink.objects.values_list("id", "used_at", "outcome", "answer", "revoked_at")
            ),
            ConsentRecord.objects.count(),
            AuditEvent.objects.count(),
            list(Person.objects.values_list("id", "version", "phone", "display_name")),
        )


def test_the_consent_page_names_the_organisation_and_asks_each_purpose(client, org_a, case):
    issued = _make(org_a, case, "consent", purposes=["share", "refer"], explanation="Rujukan")
    response = client.get(_url(issued, "en"))
    assert response.status_code == 200
    page = response.content.decode()
    assert org_a.organisation.name in page and "Rujukan" in page
    assert page.count('value="agree"') == 2 and 'name="share"' in page and 'name="refer"' in page
    assert 'name="contact"' not in page
    # Only the quick exit's own file: the page works without it.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/hub/quick-exit.js" defer>']
    assert "no-store" in response["Cache-Control"]


def test_the_page_is_indonesian_by_default(client, org_a, case):
    issued = _make(org_a, case, "consent", purposes=["share"])
    page = client.get(_url(issued)).content.decode()
    assert 'lang="id"' in page


def test_the_verification_page_shows_only_the_clients_own_data(client, org_a, case):
    issued = _make(org_a, case, "verification")
    page = client.get(_url(issued, "en")).content.decode()
    assert "Rina Wulandari" in page and "+62 812 1111 2222" in page and "Indramayu" in page
    assert "0001" in page and "3212345678900001" not in page  # the NIK by its last digits
    for secret in ("Tuan Majikan", "+852 5555", "Narasi rahasia", case.number, case.title):
        assert secret not in page, secret


def test_answering_consent_records_it_and_the_link_then_stops(client, org_a, case):
    issued = _make(org_a, case, "consent", purposes=["share"])
    response = client.post(_url(issued, "en"), {"share": "agree"})
    assert response.status_code == 200
    assert "answer was received" in response.content.decode()
    record = ConsentRecord.objects.get(link_id=issued.link.pk)
    assert record.share and record.case_id == case.pk
    before = _written(org_a)
    again = client.post(_url(issued, "en"), {"share": "refuse"})
    assert again.status_code == 410
    assert "already been answered" in again.content.decode()
    assert client.get(_url(issued)).status_code == 410
    assert _written(org_a) == before


def test_verification_corrections_wait_for_staff_and_change_nothing(client, org_a, case):
    issued = _make(org_a, case, "verification")
    before_people = _written(org_a)[3]
    response = client.post(
        _url(issued, "en"),
        {"verdict": "wrong", "phone": "+62 813 9999 0000", "note": "Nomor lama hilang"},
    )
    assert response.status_code == 200, response.content.decode()
    link = ClientLink.objects.get(pk=issued.link.pk)
    assert link.outcome == "corrected" and link.needs_review
    assert link.answer["corrections"]["phone"]["value"] == "+62 813 9999 0000"
    assert link.answer["corrections"]["phone"]["shown"] == "+62 812 1111 2222"
    assert link.answer["note"] == "Nomor lama hilang"
    assert _written(org_a)[3] == before_people  # the record itself is untouched


def test_confirming_the_data_needs_no_review(client, org_a, case):
    issued = _make(org_a, case, "verification")
    assert client.post(_url(issued), {"verdict": "correct"}).status_code == 200
    link = ClientLink.objects.get(pk=issued.link.pk)
    assert (link.outcome, link.needs_review) == ("confirmed", False)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"verdict": "wrong"},
        {"verdict": "correct", "phone": "+62 813 9999 0000"},
        {"verdict": "wrong", "nik": "123"},
        {"verdict": "wrong", "birth_date": "31/02/1990"},
        {"verdict": "wrong", "display_name": "Rina\u202eWulandari"},
    ],
)
def test_a_wrong_answer_is_shown_again_and_changes_nothing(client, org_a, case, data):
    issued = _make(org_a, case, "verification")
    before = _written(org_a)
    response = client.post(_url(issued, "en"), data)
    assert response.status_code == 400
    assert "Please check your answer" in response.content.decode()
    assert _written(org_a) == before


@pytest.mark.parametrize("position", [0, 5, -1])
def test_a_tampered_link_gets_a_clear_page_and_changes_nothing(client, org_a, case, position):
    issued = _make(org_a, case, "consent", purposes=["share"])
    token = issued.token
    changed = "x" if token[position] != "x" else "y"
    tampered = token[:position] + changed + (token[position + 1 :] if position != -1 else "")
    before = _written(org_a)
    for response in (
        client.get(f"/tautan/{tampered}/?lang=en"),
        client.post(f"/tautan/{tampered}/?lang=en", {"share": "agree"}),
    ):
        assert response.status_code == 404
        page = response.content.decode()
        assert "This link is not valid" in page and "Nothing was changed" in page
        assert org_a.organisation.name not in page
    assert _written(org_a) == before


def test_an_expired_link_gets_a_clear_page_and_changes_nothing(client, org_a, case):
    issued = _make(org_a, case, "consent", purposes=["share"])
    ClientLink.objects.filter(pk=issued.link.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    before = _written(org_a)
    response = client.post(_url(issued, "en"), {"share": "agree"})
    assert response.status_code == 410
    page = response.content.decode()
    assert "expired" in page and org_a.organisation.name in page
    assert _written(org_a) == before


def test_a_revoked_link_gets_a_clear_page_and_changes_nothing(client, org_a, case):
    issued = _make(org_a, case, "consent", purposes=["share"])
    with in_schema(org_a.organisation):
        case_link_revoke(
            actor=member(org_a, Role.DIVISION_HEAD), case_id=case.pk, link_id=issued.link.pk
        )
    before = _written(org_a)
    response = client.post(_url(issued, "en"), {"share": "agree"})
    assert response.status_code == 410
    assert "withdrawn this link" in response.content.decode()
    assert _written(org_a) == before


@pytest.mark.parametrize("junk", ["x", "1.abc:def", "9" * 300, "%00", "1.a:b:c"])
def test_junk_tokens_answer_404(client, world, db, junk):
    assert client.get(f"/tautan/{junk}/").status_code == 404
