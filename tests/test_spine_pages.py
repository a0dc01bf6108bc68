"""The spine as people walk it, page by page (no API): file → receipt → accept → status."""

from __future__ import annotations

import re

from hub.accounts.roles import Role
from tests.public_portal.complaint_walk import send, walk_to_check


def test_worker_files_on_the_portal_and_sees_the_status_change_after_acceptance(client, org_b):
    # A worker in Taiwan from West Java lets the network choose.
    answers = {
        1: {"reporter_type": "worker", "reporter_name": "Euis Rohaeti"},
        2: {"contact_channel": "none"},
        3: {"country_of_work": "TW", "home_region": "Jawa Barat"},
        4: {
            "issue_types": ["excessive_fees"],
            "narrative": "Gaji dipotong sembilan bulan untuk biaya penempatan.",
        },
        5: {},
        6: {"organisation": "network"},
        7: {"consent_contact": "on", "consent_statistics": "on"},
    }
    response = send(client, walk_to_check(client, answers))
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    code = re.search(r"RP-[2-9A-Z]{4}-[2-9A-Z]{4}", receipt).group(0)
    # The network chose: the organisation is named only once it accepts (it may decline).
    assert "Menunggu ditinjau organisasi" in receipt and org_b.organisation.name not in receipt

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
    assert org_b.organisation.name in status


def _case_id(response) -> int:
    return int(re.search(r"/cases/(\d+)/", response.redirect_chain[-1][0]).group(1))


def test_a_walk_in_client_goes_from_reception_to_accompaniment_on_the_staff_pages(client, org_a):
    """The issue's 'done when', page by page: register, take, document, ask, discuss,
    approve, appoint, record a proceeding; every step is in the audit trail."""
    org = f"/org/{org_a.organisation.slug}"
    users = org_a.users

    client.force_login(users[Role.RECEPTIONIST])
    registered = client.post(
        f"{org}/register/",
        {
            "client_name": "Sri Wahyuni",
            "client_role": "complainant",
            "gender": "female",
            "safe_contact": "Hanya WhatsApp setelah pukul 21.00",
            "occupation": "domestic_worker",
            "title": "Paspor ditahan, Kuala Lumpur",
            "summary": "Paspor ditahan majikan; gaji 8 bulan tidak dibayar.",
            "case_types": ["documents_withheld", "unpaid_wages"],
            "arrival_channel": "walk_in",
            "legal_aid_eligible": "yes",
            "eligibility_document": "SKTM Desa Juntinyuat No. 145/2026",
            "consent_statistics": "on",
        },
        follow=True,
    )
    case_id = _case_id(registered)
    case_url = f"{org}/cases/{case_id}/"
    assert "Sri Wahyuni" in registered.content.decode()

    client.force_login(users[Role.CONSULTATION_LAWYER])
    assert case_url in client.get(f"{org}/").content.decode()  # in the consultation queue
    client.post(f"{case_url}take/")
    page = client.get(case_url).content.decode()
    client_id = int(re.search(r'<option value="(\d+)">Sri Wahyuni', page).group(1))
    client.post(f"{case_url}people/add/", {"person_id": client_id, "role": "victim"})
    client.post(f"{case_url}people/add/", {"role": "perpetrator", "perpetrator_type": "recruiter"})
    client.post(
        f"{case_url}events/add/",
        {
            "occurred_on": "2025-09-01",
            "date_precision": "month",
            "place": "Kuala Lumpur",
            "description": "Paspor disimpan majikan sejak hari pertama.",
        },
    )
    chronology = client.get(f"{case_url}chronology/").content.decode()
    event_id = re.search(r"/events/(\d+)/acts/add/", chronology).group(1)
    client.post(
        f"{case_url}events/{event_id}/acts/add/",
        {
            "rights_violated": ["freedom_of_movement"],
            "legal_basis": ["uu_18_2017_ppmi"],
            "victim_ids": [client_id],
        },
    )
    chronology = client.get(f"{case_url}chronology/").content.decode()
    assert "Hak atas kebebasan bergerak" in chronology and "tidak diketahui" in chronology
    client.post(f"{case_url}request/", {"move": "case_meeting", "reason": "Indikasi kerja paksa."})

    client.force_login(users[Role.DIVISION_HEAD])
    pending = client.get(f"{org}/decisions/").content.decode()
    request_id = re.search(r"/decisions/(\d+)/settle/", pending).group(1)
    client.post(f"{org}/decisions/{request_id}/comment/", {"body": "Sudah lapor KBRI?"})
    client.post(f"{org}/decisions/{request_id}/settle/", {"outcome": "approved", "comment": "Ya."})
    for role in ("case_lawyer", "case_assistant"):
        client.post(
            f"{case_url}appoint/",
            {"pick": f"{role}:{users[role].pk}", "instruction": "Dampingi pelaporan."},
        )

    client.force_login(users[Role.CASE_LAWYER])
    client.post(
        f"{case_url}proceedings/add/",
        {"kind": "police_report", "body": "Bareskrim Polri", "stage": "report"},
    )
    case = client.get(f"/org/{org_a.organisation.slug}/api/v1/cases/{case_id}/").json()
    assert (case["stage"], case["status"]) == ("accompaniment", "accompanied")
    trail = {e["action"] for e in client.get(f"{org}/api/v1/cases/{case_id}/audit/").json()}
    assert {
        "case.registered",
        "case.transition",
        "case.assigned",
        "case.person_added",
        "event.recorded",
        "event.act_recorded",
        "decision.requested",
        "decision.commented",
        "decision.approved",
        "case.proceeding_recorded",
    } <= trail
