"""Walking the portal's complaint form step by step, as a browser without JavaScript does:
each POST carries the signed answers (`state`) and the step it comes from."""

from __future__ import annotations

import re

ANSWERS = {
    1: {
        "reporter_type": "family",
        "reporter_name": "Sri Wahyuni",
        "filer_name": "Siti Aminah",
        "filer_relation": "kakak",
    },
    2: {
        "contact_channel": "whatsapp",
        "contact_phone": "+852 6123 4567",
        "contact_email": "siti@example.org",
        "contact_safety": "Jangan telepon; WhatsApp hanya setelah jam 9 malam",
    },
    3: {
        "country_of_work": "HK",
        "work_city": "Sha Tin",
        "home_region": "Jawa Barat",
        "employer_name": "Keluarga Chan",
        "agency_name": "PT Maju Jaya",
    },
    4: {
        "issue_types": ["unpaid_wages", "documents_withheld"],
        "narrative": "Gaji saya dipotong agensi dan paspor saya ditahan.",
        "happened_from": "2025-01-10",
        "happened_until": "2025-03-01",
    },
    5: {"m0_name": "Ani", "m0_phone": "+852 5555 1234", "m1_name": "Dewi"},
    6: {"organisation": "network"},
    7: {"consent_contact": "on", "consent_statistics": "on"},
}
CHECK = 8


def state_of(response) -> str:
    return re.search(r'name="state" value="([^"]+)"', response.content.decode()).group(1)


def step_of(response) -> int:
    return int(re.search(r'name="step" value="(\d)"', response.content.decode()).group(1))


def post_step(client, response, data=None, action="next", **extra):
    """Press `action` on the step `response` shows, with `data` typed into it."""
    body = {"state": state_of(response), "step": step_of(response), "action": action}
    return client.post("/pengaduan/", {**body, **(data or {})}, **extra)


def walk_to_check(client, answers=ANSWERS, **extra):
    """Every step answered and Next pressed: the check page (step 8)."""
    response = client.get("/pengaduan/")
    for number in range(1, CHECK):
        assert step_of(response) == number
        response = post_step(client, response, answers[number], **extra)
        assert response.status_code == 200, (number, response.content.decode()[:3000])
    assert step_of(response) == CHECK
    return response


def send(client, check, **extra):
    return post_step(client, check, action="send", **extra)
