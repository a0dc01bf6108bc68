"""Transfer pages: the division head's "Alihkan" page on the case, both sides' lists with the
clock, the receiver's answer; refusals show and change nothing."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import ngettext

from hub.accounts.roles import Role
from sharing.transfers.models import Transfer, TransferStatus
from tenants.cases.decisions import decision_settle
from tenants.cases.models import Case, DecisionRequest
from tests.builders import in_schema, member
from tests.sharing.transfers.test_services import NOTE, _case


def _page(org, path: str) -> str:
    return f"/org/{org.organisation.slug}/{path}"


def test_the_division_head_transfers_from_the_case_page(client, org_a, org_b):
    case = _case(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    case_page = client.get(_page(org_a, f"cases/{case.pk}/"))
    assert f"/cases/{case.pk}/transfer/" in case_page.content.decode()
    form = client.get(_page(org_a, f"cases/{case.pk}/transfer/"))
    assert form.status_code == 200 and org_b.organisation.name in form.content.decode()
    response = client.post(
        _page(org_a, f"cases/{case.pk}/transfer/"),
        {"receiver": org_b.organisation.slug, "note": NOTE},
    )
    transfer = Transfer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _page(org_a, f"transfers/{transfer.pk}/")
    shown = client.get(response["Location"]).content.decode()
    assert org_b.organisation.name in shown and "badge" in shown
    package = client.get(_page(org_a, f"transfers/{transfer.pk}/package.xml"))
    assert package.status_code == 200 and package["Content-Type"] == "application/xml"


def test_a_lawyer_cannot_transfer_from_the_page(client, org_a, org_b):
    case = _case(org_a)
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    page = client.get(_page(org_a, f"cases/{case.pk}/transfer/"))
    assert page.status_code == 200 and 'name="note"' not in page.content.decode()
    response = client.post(
        _page(org_a, f"cases/{case.pk}/transfer/"),
        {"receiver": org_b.organisation.slug, "note": NOTE},
    )
    assert response.status_code == 403
    assert not Transfer.objects.exists()
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=case.pk).stage == "consultation"


def test_the_form_shows_a_missing_consent_and_nothing_moves(client, org_a, org_b):
    case = _case(org_a, share=False)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, f"cases/{case.pk}/transfer/"),
        {"receiver": org_b.organisation.slug, "note": NOTE},
    )
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert not Transfer.objects.exists()
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=case.pk).stage == "consultation"


def test_the_receiver_sees_days_left_and_accepts(client, org_a, org_b):
    case = _case(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    client.post(
        _page(org_a, f"cases/{case.pk}/transfer/"),
        {"receiver": org_b.organisation.slug, "note": NOTE},
    )
    transfer = Transfer.objects.get()
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    listing = client.get(_page(org_b, "transfers/"))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert case.number in body
    with translation.override("id"):
        assert ngettext("%(n)d working day left", "%(n)d working days left", 10) % {"n": 10} in body
    page = client.get(_page(org_b, f"transfers/{transfer.pk}/")).content.decode()
    assert 'value="accept"' in page
    response = client.post(
        _page(org_b, f"transfers/{transfer.pk}/answer/"), {"outcome": "accept", "reason": ""}
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED
    # The sender's stub names the receiver and its case number (nothing to open over there).
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    stub = client.get(_page(org_a, f"cases/{case.pk}/transfer/")).content.decode()
    assert org_b.organisation.name in stub and transfer.receiver_case_number in stub
    assert f"/org/{org_b.organisation.slug}/" not in stub
    case_page = client.get(_page(org_a, f"cases/{case.pk}/")).content.decode()
    assert f"{org_b.organisation.name}, {transfer.receiver_case_number}" in case_page


def test_a_receivers_lawyer_sees_the_transfer_but_cannot_answer(client, org_a, org_b):
    case = _case(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    client.post(
        _page(org_a, f"cases/{case.pk}/transfer/"),
        {"receiver": org_b.organisation.slug, "note": NOTE},
    )
    transfer = Transfer.objects.get()
    client.force_login(org_b.users[Role.CASE_LAWYER])
    page = client.get(_page(org_b, f"transfers/{transfer.pk}/"))
    assert page.status_code == 200 and 'value="accept"' not in page.content.decode()
    assert client.get(_page(org_b, f"transfers/{transfer.pk}/package.xml")).status_code == 403
    client.post(_page(org_b, f"transfers/{transfer.pk}/answer/"), {"outcome": "accept"})
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.DELIVERED


def test_the_lawyer_asks_naming_the_member_and_the_head_approves_it(client, org_a, org_b):
    case = _case(org_a)
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    assert (
        f"/cases/{case.pk}/transfer/"
        in client.get(_page(org_a, f"cases/{case.pk}/")).content.decode()
    )
    page = client.get(_page(org_a, f"cases/{case.pk}/transfer/")).content.decode()
    assert f"/cases/{case.pk}/transfer/ask/" in page
    asked = client.post(
        _page(org_a, f"cases/{case.pk}/transfer/ask/"),
        {"receiver": org_b.organisation.slug, "reason": "Klien pulang ke Indramayu"},
    )
    assert asked.status_code == 302
    with in_schema(org_a.organisation):
        request = DecisionRequest.objects.get(case_id=case.pk)
    assert (request.move, request.state) == ("transfer", "pending")
    assert request.reason.startswith(org_b.organisation.name)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    form = client.get(_page(org_a, f"cases/{case.pk}/transfer/")).content.decode()
    assert f'<option value="{org_b.organisation.slug}" selected>' in form
    client.post(
        _page(org_a, f"cases/{case.pk}/transfer/"),
        {"receiver": org_b.organisation.slug, "note": NOTE},
    )
    assert Transfer.objects.get().decision_request_id == request.pk


def test_a_lawyers_request_without_consent_is_refused(client, org_a, org_b):
    case = _case(org_a, share=False)
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    client.post(
        _page(org_a, f"cases/{case.pk}/transfer/ask/"),
        {"receiver": org_b.organisation.slug, "reason": "Klien pulang"},
    )
    with in_schema(org_a.organisation):
        assert not DecisionRequest.objects.filter(case_id=case.pk).exists()


def test_only_the_lawyer_on_the_case_asks(client, org_a, org_b):
    case = _case(org_a)
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(
        _page(org_a, f"cases/{case.pk}/transfer/ask/"),
        {"receiver": org_b.organisation.slug, "reason": "Klien pulang"},
    )
    assert response.status_code == 302  # refused with a message on the page
    with in_schema(org_a.organisation):
        assert not DecisionRequest.objects.filter(case_id=case.pk).exists()


def test_a_request_approved_on_the_case_page_leaves_the_member_to_name(client, org_a, org_b):
    case = _case(org_a)
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    client.post(
        _page(org_a, f"cases/{case.pk}/transfer/ask/"),
        {"receiver": org_b.organisation.slug, "reason": "Klien pulang ke Indramayu"},
    )
    with in_schema(org_a.organisation):
        request = DecisionRequest.objects.get(case_id=case.pk)
        decision_settle(
            actor=member(org_a, Role.DIVISION_HEAD), request_id=request.pk, outcome="approved"
        )
        assert Case.objects.get(pk=case.pk).status == "transferred"
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    form = client.get(_page(org_a, f"cases/{case.pk}/transfer/")).content.decode()
    assert f'<option value="{org_b.organisation.slug}" selected>' in form
    client.post(
        _page(org_a, f"cases/{case.pk}/transfer/"),
        {"receiver": org_b.organisation.slug, "note": NOTE},
    )
    assert Transfer.objects.get().decision_request_id == request.pk
