"""A complaint's whole journey as people make it, in Chromium on a 360x640 phone with JavaScript
off: a worker reads a rights page, files a complaint letting the network choose, keeps the
receipt; no rule places it, so a coordinator assigns it from triage; the division head
accepts it; the worker's status page follows it, and follows the case when it moves.

The live server reads and writes committed data in its own thread, outside the test's
transaction; what this test reads or removes of it, it reads and removes from another thread
too (`tests.builders.committed`), and at the end it removes everything the walk made (`_remove`).
"""

from __future__ import annotations

import re

import pytest

from hub.core.models import AuditEvent, OutboxEvent
from hub.intake.models import Complaint
from hub.organisations.context import organisation_context
from tenants.cases.models import Case
from tenants.notifications.models import Notification
from tests.browser.conftest import remove_committed_complaints
from tests.builders import committed
from tests.conftest import PASSWORD

# Japan: no routing rule of the test world covers it, so the complaint goes to triage.
UNPLACED_COUNTRY = "JP"


pytestmark = pytest.mark.django_db


def _status_of(code: str) -> str:
    return Complaint.objects.get(receipt_code=code).status


def _phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="id-ID", java_script_enabled=False
    )
    return context, context.new_page()


def _next(page) -> None:
    page.locator(".step-nav button[value=next]").click()
    page.wait_for_load_state()


def _file_a_complaint(page, live_url: str) -> str:
    page.goto(live_url + "/pengaduan/")
    page.check("input[name=reporter_type][value=worker]")
    page.fill("input[name=reporter_name]", "Walk Tes Sulastri")
    _next(page)
    page.check("input[name=contact_channel][value=whatsapp]")
    page.fill("input[name=contact_phone]", "+81 90 1234 5678")
    page.fill("textarea[name=contact_safety]", "Hanya WhatsApp setelah jam 9 malam")
    _next(page)
    page.select_option("select[name=country_of_work]", UNPLACED_COUNTRY)
    page.fill("input[name=work_city]", "Osaka")
    _next(page)
    page.locator("input[name=issue_types]").first.check()
    page.fill(
        "textarea[name=narrative]",
        "Gaji saya tidak dibayar tiga bulan dan paspor saya ditahan majikan.",
    )
    # A failed step keeps what was typed: leave the start date in the future once.
    page.fill("input[name=happened_from]", "2999-01-01")
    _next(page)
    assert page.locator("#error-summary").is_visible()
    assert "tiga bulan" in page.input_value("textarea[name=narrative]")
    page.fill("input[name=happened_from]", "2026-08-01")
    _next(page)
    # Not a group complaint, and let the network choose (the default) in the next step.
    while page.locator("input[name=organisation]").count() == 0:
        _next(page)
    page.check("input[name=organisation][value=network]")
    _next(page)
    page.check("input[name=consent_contact]")
    _next(page)
    page.locator(".step-nav button[value=send]").click()
    page.wait_for_url(re.compile(r".*/tanda-terima/RP-.*"))
    return page.locator(".code").first.inner_text().strip()


def _login(page, live_url: str, email: str, then: str) -> None:
    page.goto(f"{live_url}/accounts/login/?next={then}")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def _remove(code: str, organisation) -> None:
    """Everything the walk committed, with its trail: the case, its people and its events in
    the organisation's schema; the complaint, its consent and its events in the public one."""
    complaint = Complaint.objects.filter(receipt_code=code).first()
    if complaint is None:
        return
    if complaint.accepted_case_id:
        case_id = complaint.accepted_case_id
        with organisation_context(organisation):
            Notification.objects.filter(case_id=case_id).delete()
            AuditEvent.objects.filter(object_type="case", object_id=str(case_id)).delete()
            OutboxEvent.objects.filter(object_type="case", object_id=str(case_id)).delete()
            case = Case.objects.get(pk=case_id)
            people = [role.person for role in case.roles.all()]
            case.delete()
            for person in people:
                if not person.case_roles.exists():
                    person.delete()
    remove_committed_complaints(Complaint.objects.filter(pk=complaint.pk))


def test_a_complaint_from_the_rights_page_to_a_moving_case(live_url, browser, world):
    org_a = world["a"]
    worker_context, worker = _phone(browser)
    contexts = [worker_context]

    def staff_phone():
        context, page = _phone(browser)
        contexts.append(context)
        return page

    code = ""
    try:
        # The worker reads about their rights first.
        worker.goto(live_url + "/hak/")
        worker.locator("main a[href^='/hak/']").first.click()
        worker.wait_for_load_state()
        assert worker.locator("h1").count() == 1
        assert worker.locator("#quick-exit").is_visible()

        code = _file_a_complaint(worker, live_url)
        assert re.fullmatch(r"RP-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}", code)
        worker.goto(f"{live_url}/status/{code}/")
        assert "jaringan" in worker.locator("main").inner_text().lower()
        assert committed(None, lambda: _status_of(code)) == "triage"

        # No rule covers Japan: a coordinator places it from triage.
        staff = staff_phone()
        _login(staff, live_url, world["coordinator"].email, "/network/triage/")
        row = staff.locator("tr", has_text=code)
        row.locator("select[name=organisation]").select_option(org_a.organisation.slug)
        row.locator("button", has_text=re.compile("organisasi", re.I)).first.click()
        staff.wait_for_load_state()
        assert staff.locator("tr", has_text=code).count() == 0

        # The organisation's division head accepts it: a case opens.
        head = org_a.users["division_head"].email
        staff = staff_phone()
        _login(staff, live_url, head, f"/org/{org_a.organisation.slug}/")
        staff.locator("tr, li, article", has_text=code).locator(
            "button", has_text="Terima"
        ).first.click()
        staff.wait_for_load_state()
        assert re.search(r"/cases/\d+/", staff.url), staff.url

        worker.goto(f"{live_url}/status/{code}/")
        page_text = worker.locator("main").inner_text()
        assert org_a.organisation.name in page_text
        assert "Pendaftaran" in page_text  # the case's stage

        # The consultation lawyer takes the case: the worker's status follows.
        case_url = staff.url.removeprefix(live_url)
        staff = staff_phone()
        _login(staff, live_url, org_a.users["consultation_lawyer"].email, case_url)
        staff.get_by_role("button", name="Ambil kasus ini dari antrean").click()
        staff.wait_for_load_state()
        worker.goto(f"{live_url}/status/{code}/")
        assert "Konsultasi" in worker.locator("main").inner_text()
    finally:
        for context in contexts:
            context.close()
        if code:
            committed(None, lambda: _remove(code, org_a.organisation))
            assert not committed(None, Complaint.objects.filter(receipt_code=code).exists)
