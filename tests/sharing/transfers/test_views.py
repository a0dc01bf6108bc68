"""Transfer pages: the division head's "Alihkan" page on the case, both sides' lists with the
clock, the receiver's answer; refusals show and change nothing."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

from hub.accounts.roles import Role
from sharing.transfers.models import Transfer, TransferStatus
from tenants.cases.models import Case
from tests.builders import in_schema
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
    assert page.status_code == 200 and 'name="receiver"' not in page.content.decode()
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
        assert gettext("%(n)d working days left") % {"n": 10} in body
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
