"""Transfer API: decide, list both sides with the clock, accept once, decline with a reason."""

from __future__ import annotations

from hub.accounts.roles import Role
from sharing.transfers.models import Transfer, TransferStatus
from tests.builders import org_api
from tests.sharing.transfers.test_services import NOTE, _case


def _decide(client, org_a, org_b, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    return client.post(
        org_api(org_a, "transfers/"),
        {"case_id": case.pk, "receiver": org_b.organisation.slug, "note": NOTE},
        content_type="application/json",
    )


def test_decide_then_the_receiver_lists_and_accepts(client, org_a, org_b):
    case = _case(org_a)
    created = _decide(client, org_a, org_b, case)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "delivered" and body["direction"] == "outgoing"
    assert body["case_id"] == case.pk and body["clock"]["days_left"] == 10
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    listing = client.get(org_api(org_b, "transfers/", direction="incoming")).json()
    assert [row["id"] for row in listing] == [body["id"]]
    assert listing[0]["case_id"] is None  # the sender's id means nothing here
    assert listing[0]["clock"]["state"] == "running"
    accepted = client.post(org_api(org_b, f"transfers/{body['id']}/accept/"))
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted" and accepted.json()["receiver_case_id"]
    again = client.post(org_api(org_b, f"transfers/{body['id']}/accept/"))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_answered"


def test_a_lawyer_cannot_decide_by_api(client, org_a, org_b):
    case = _case(org_a)
    client.force_login(org_a.users[Role.CASE_LAWYER])
    response = client.post(
        org_api(org_a, "transfers/"),
        {"case_id": case.pk, "receiver": org_b.organisation.slug, "note": NOTE},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Transfer.objects.exists()


def test_no_consent_is_a_409_by_api(client, org_a, org_b):
    response = _decide(client, org_a, org_b, _case(org_a, share=False))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "consent_missing"
    assert not Transfer.objects.exists()


def test_bad_input_is_a_400(client, org_a, org_b):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        org_api(org_a, "transfers/"),
        {"case_id": "x", "receiver": "", "note": ""},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) >= {"case_id", "receiver", "note"}
    assert client.get(org_api(org_a, "transfers/", direction="sideways")).status_code == 400


def test_decline_needs_a_reason(client, org_a, org_b):
    transfer_id = _decide(client, org_a, org_b, _case(org_a)).json()["id"]
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    url = org_api(org_b, f"transfers/{transfer_id}/decline/")
    assert client.post(url, {}, content_type="application/json").status_code == 400
    assert Transfer.objects.get(pk=transfer_id).status == TransferStatus.DELIVERED
    declined = client.post(url, {"reason": "Di luar wilayah"}, content_type="application/json")
    assert declined.status_code == 200 and declined.json()["status"] == "declined"


def test_the_other_side_cannot_withdraw_or_answer_for_the_sender(client, org_a, org_b):
    transfer_id = _decide(client, org_a, org_b, _case(org_a)).json()["id"]
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    response = client.post(
        org_api(org_b, f"transfers/{transfer_id}/withdraw/"),
        {"reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert client.post(org_api(org_a, f"transfers/{transfer_id}/accept/")).status_code == 404
    assert Transfer.objects.get(pk=transfer_id).status == TransferStatus.DELIVERED
