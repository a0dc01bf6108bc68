"""Withdrawing consent on the portal in a real browser: a 320 px phone, clean under axe-core,
JavaScript off; a wrong PIN first (its error summary links to the field), then the right one."""

from __future__ import annotations

import pytest

from tests.builders import committed, complaint

pytestmark = pytest.mark.django_db

NAME = "Uji Tarik Persetujuan Peramban"
PIN = "7391"


def _filed() -> str:
    from hub.intake.pin import complaint_pin_set

    filed = complaint(None, share=True, reporter_name=NAME)
    complaint_pin_set(receipt_code=filed.receipt_code, pin=PIN)
    return filed.receipt_code


def _remove(code: str) -> None:
    from hub.consent.models import ConsentRecord
    from hub.core.models import AuditEvent, OutboxEvent
    from hub.intake.models import Complaint
    from hub.throttle.models import RateCounter

    for filed in Complaint.objects.filter(receipt_code=code):
        records = {filed.consent_id}
        frontier = set(records)
        while frontier:  # the records the withdrawal replaced
            replaced = ConsentRecord.objects.filter(superseded_by__in=frontier)
            frontier = set(replaced.values_list("pk", flat=True))
            records |= frontier
        AuditEvent.objects.filter(object_type="complaint", object_id=code).delete()
        OutboxEvent.objects.filter(object_type="complaint", object_id=code).delete()
        ids = [str(pk) for pk in records]
        AuditEvent.objects.filter(object_type="consent", object_id__in=ids).delete()
        OutboxEvent.objects.filter(object_type="consent", object_id__in=ids).delete()
        filed.delete()
        ConsentRecord.objects.filter(pk__in=records).delete()
    RateCounter.objects.all().delete()


@pytest.fixture
def receipt_code(world):
    code = committed(None, _filed)
    yield code
    committed(None, lambda: _remove(code))


def _violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
    ]


def test_the_worker_withdraws_sharing_on_a_320_px_phone_without_javascript(
    live_url, browser, receipt_code
):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    response = page.goto(f"{live_url}/tanda-terima/{receipt_code}/tarik-persetujuan/")
    assert response.status == 200
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.check("input[name=purposes][value=share]")
    page.fill("#withdraw_pin", "5555")
    page.check("#withdraw_confirm")
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    targets = [link.get_attribute("href") for link in summary.locator("a").all()]
    found = [page.locator(target).count() for target in targets]
    page.check("input[name=purposes][value=share]")
    page.fill("#withdraw_pin", PIN)
    page.check("#withdraw_confirm")
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    done = page.locator("[role=status]").is_visible()
    left = [box.get_attribute("value") for box in page.locator("input[name=purposes]").all()]
    context.close()
    assert overflow <= 0
    assert targets and found == [1] * len(targets)
    assert done and left == ["contact", "statistics"]


def test_the_withdrawal_page_passes_axe(live_url, phone, receipt_code):
    phone.set_default_timeout(15_000)
    assert phone.goto(f"{live_url}/tanda-terima/{receipt_code}/tarik-persetujuan/").status == 200
    assert _violations(phone) == []
