"""The referrals API: send, list both ways, answer, complete, withdraw; the directory; errors in
the one shape, never a 500."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from sharing.referrals.models import Referral, ReferralStatus
from tests.builders import org_api
from tests.sharing.referrals.conftest import consented_case


def _post(client, org, path, body, role=Role.DIVISION_HEAD):
    client.force_login(org.users[role])
    return client.post(org_api(org, path), body, content_type="application/json")


def _send(client, org_a, case, **body):
    values = {
        "case_id": case.pk,
        "service": "psychosocial",
        "reason": "Konseling trauma",
        "sections": ["summary"],
        **body,
    }
    return _post(client, org_a, "referrals/", values)


def test_send_answer_complete_through_the_api(client, org_a, org_b):
    case = consented_case(org_a, share=True)
    sent = _send(client, org_a, case, receiver=org_b.organisation.slug)
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert body["status"] == "sent" and body["case_id"] == case.pk
    assert body["receiver"] == org_b.organisation.slug and body["agency"] is None
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    received = client.get(org_api(org_b, "referrals/")).json()
    assert [r["id"] for r in received] == [body["id"]] and "case_id" not in received[0]
    assert client.get(org_api(org_b, "referrals/", direction="sent")).json() == []
    accepted = _post(client, org_b, f"referrals/{body['id']}/answer/", {"accept": True})
    assert accepted.status_code == 200 and accepted.json()["receiver_case_number"]
    again = _post(client, org_b, f"referrals/{body['id']}/answer/", {"accept": False})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "referral_move_not_allowed"
    done = _post(client, org_b, f"referrals/{body['id']}/complete/", {"outcome": "Selesai"})
    assert done.json()["status"] == "completed"
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    mine = client.get(org_api(org_a, f"referrals/{body['id']}/")).json()
    assert mine["status"] == "completed" and mine["outcome"] == "Selesai"


def test_no_consent_is_a_409_in_the_error_shape(client, org_a, org_b):
    case = consented_case(org_a, refer=True)
    response = _send(client, org_a, case, receiver=org_b.organisation.slug)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "consent_missing"
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"receiver": "no-such-org"},
        {"receiver": "lbh-uji"},  # itself
        {"agency": 999999},
        {"receiver": "sbmi-uji", "agency": 1},
        {"receiver": "sbmi-uji", "sections": ["secrets"]},
        {"receiver": "sbmi-uji", "sections": []},
        {"receiver": "sbmi-uji", "reason": ""},
        {"receiver": "sbmi-uji", "reason": "a\u202eb"},
        {"receiver": "sbmi-uji", "service": "unknown"},
        {"receiver": "sbmi-uji", "case_id": "abc"},
    ],
)
def test_bad_input_is_a_400_and_nothing_is_sent(client, org_a, org_b, body):
    case = consented_case(org_a, share=True)
    response = _send(client, org_a, case, **body)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]
    assert not Referral.objects.exists()


def test_a_case_of_another_organisation_is_404(client, org_a, org_b):
    case = consented_case(org_a, share=True)
    response = _post(
        client,
        org_b,
        "referrals/",
        {
            "case_id": case.pk + 100000,
            "receiver": org_a.organisation.slug,
            "service": "legal",
            "reason": "x",
            "sections": ["summary"],
        },
    )
    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_form_bodies_are_415(client, org_a, org_b):
    case = consented_case(org_a, share=True)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        org_api(org_a, "referrals/"),
        {"case_id": case.pk, "receiver": org_b.organisation.slug},
    )
    assert response.status_code == 415


def test_withdraw_and_the_receiver_can_no_longer_answer(client, org_a, org_b):
    case = consented_case(org_a, share=True)
    sent = _send(client, org_a, case, receiver=org_b.organisation.slug).json()
    withdrawn = _post(client, org_a, f"referrals/{sent['id']}/withdraw/", {"reason": "Salah"})
    assert withdrawn.json()["status"] == "withdrawn"
    answer = _post(client, org_b, f"referrals/{sent['id']}/answer/", {"accept": True})
    assert answer.status_code == 409
    assert Referral.objects.get().status == ReferralStatus.WITHDRAWN


def test_agencies_api_filters_by_service_and_region(client, org_a, agency):
    client.force_login(org_a.users[Role.CASE_LAWYER])
    rows = client.get(org_api(org_a, "agencies/", service="shelter", region="Indramayu")).json()
    assert [r["name"] for r in rows] == [agency.name]
    assert client.get(org_api(org_a, "agencies/", service="legal")).json() == []


@pytest.mark.parametrize("query", [{"service": "shelter\x00"}, {"region": "I\x00"}])
def test_agencies_api_refuses_a_nul_character_with_a_400(client, org_a, agency, query):
    client.force_login(org_a.users[Role.CASE_LAWYER])
    response = client.get(org_api(org_a, "agencies/", **query))
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == list(query)
