"""The spine as people walk it, page by page (no API): file → receipt → accept → status."""

from __future__ import annotations

import re

from hub.accounts.roles import Role


def test_worker_files_on_the_portal_and_sees_the_status_change_after_acceptance(client, org_b):
    # A worker in Taiwan from West Java lets the network choose.
    response = client.post(
        "/pengaduan/",
        {
            "reporter_type": "worker",
            "reporter_name": "Euis Rohaeti",
            "country_of_work": "TW",
            "home_region": "Jawa Barat",
            "issue_types": ["excessive_fees"],
            "narrative": "Gaji dipotong sembilan bulan untuk biaya penempatan.",
            "organisation": "network",
            "consent_contact": "on",
            "consent_statistics": "on",
        },
    )
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    code = re.search(r"RP-[2-9A-Z]{4}-[2-9A-Z]{4}", receipt).group(0)
    assert "Menunggu ditinjau organisasi" in receipt and org_b.organisation.name in receipt

    # The division head of the organisation the network chose logs in and accepts it.
    head = org_b.users[Role.DIVISION_HEAD]
    login = client.post(
        "/accounts/login/", {"username": head.email, "password": "test-password-1234"}, follow=True
    )
    assert code in login.content.decode()
    case_page = client.post(f"/org/{org_b.organisation.slug}/inbox/{code}/accept/", follow=True)
    assert "Euis Rohaeti" in case_page.content.decode()
    client.post("/accounts/logout/")

    # The worker checks the status with the code: accepted, and no personal data shown.
    status = client.get(f"/status/?code={code.lower()}", follow=True).content.decode()
    assert "Diterima" in status and "Euis" not in status
