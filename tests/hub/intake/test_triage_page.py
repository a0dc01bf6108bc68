"""The coordinators' triage page: assign, close with a reason, merge; anyone else gets 404,
and a refused move changes nothing."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.intake.lifecycle import ComplaintStatus
from hub.intake.services import MemberInput
from tests.builders import complaint

pytestmark = pytest.mark.django_db


def _triaged():
    return complaint(None, country_of_work="JP", issue_types=("other",), narrative="Kapal")


def test_the_coordinator_places_a_complaint(client, coordinator, org_b):
    c = _triaged()
    client.force_login(coordinator)
    page = client.get("/network/triage/").content.decode()
    assert c.receipt_code in page and org_b.organisation.name in page
    response = client.post(
        f"/network/triage/{c.receipt_code}/",
        {"move": "assign", "organisation": org_b.organisation.slug},
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == ComplaintStatus.INBOX and c.handling_organisation == org_b.organisation


def test_refusals_on_the_page_change_nothing(client, coordinator):
    c = _triaged()
    client.force_login(coordinator)
    for body in (
        {"move": "close", "reason": " "},
        {"move": "merge", "duplicate_of": c.receipt_code},
        {"move": "accept"},
        {"move": "assign", "organisation": "no-such-org"},
    ):
        response = client.post(f"/network/triage/{c.receipt_code}/", body, follow=True)
        assert response.status_code == 200
        c.refresh_from_db()
        assert c.status == ComplaintStatus.TRIAGE and c.decisions.count() == 1
    client.post(f"/network/triage/{c.receipt_code}/", {"move": "close", "reason": "Bukan TKI"})
    c.refresh_from_db()
    assert c.status == ComplaintStatus.CLOSED and c.closed_reason == "Bukan TKI"


def test_organisation_staff_and_strangers_do_not_see_triage(client, org_a):
    c = _triaged()
    assert client.get("/network/triage/").status_code == 302  # to the login page
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert client.get("/network/triage/").status_code == 404
    response = client.post(f"/network/triage/{c.receipt_code}/", {"move": "close", "reason": "x"})
    assert response.status_code == 404
    c.refresh_from_db()
    assert c.status == ComplaintStatus.TRIAGE


def test_a_group_complaint_shows_its_count_of_workers_never_their_names(client, coordinator):
    c = complaint(
        None,
        country_of_work="JP",
        issue_types=("other",),
        narrative="Kapal",
        members=(MemberInput(name="Dewi Lestari"), MemberInput(name="Ani Suryani")),
    )
    client.force_login(coordinator)
    page = client.get("/network/triage/?lang=en").content.decode()
    assert c.receipt_code in page
    assert "Group complaint: 3 workers" in page
    assert "Dewi" not in page and "Ani Suryani" not in page and "Rina" not in page
