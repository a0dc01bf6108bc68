"""The receipt page in a real browser: a 320 px phone, clean under axe-core, and the PIN set
with JavaScript off (a refused trivial PIN first, its error summary linking to the field)."""

from __future__ import annotations

import pytest

from tests.builders import committed, complaint

pytestmark = pytest.mark.django_db

NAME = "Uji Tanda Terima Peramban"


def _remove(code: str) -> None:
    from hub.consent.models import ConsentRecord
    from hub.core.models import AuditEvent, OutboxEvent
    from hub.intake.models import Complaint
    from hub.throttle.models import RateCounter

    for filed in Complaint.objects.filter(receipt_code=code):
        AuditEvent.objects.filter(object_type="complaint", object_id=code).delete()
        OutboxEvent.objects.filter(object_type="complaint", object_id=code).delete()
        consent = filed.consent_id
        filed.delete()
        ConsentRecord.objects.filter(pk=consent).delete()
    RateCounter.objects.all().delete()


@pytest.fixture
def receipt_code(world):
    """A complaint the live server can read (committed), removed again after the test."""
    code = committed(None, lambda: complaint(None, reporter_name=NAME).receipt_code)
    yield code
    committed(None, lambda: _remove(code))


def _violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
    ]


def _set_pin(page, pin: str) -> None:
    page.fill("#id_pin", pin)
    page.fill("#id_pin_again", pin)
    page.locator("#pin button[type=submit]").click()
    page.wait_for_load_state()


def test_the_receipt_fits_320_px_and_passes_axe_also_with_a_refused_pin(
    live_url, browser, receipt_code
):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    response = page.goto(f"{live_url}/tanda-terima/{receipt_code}/")
    assert response.status == 200
    violations = {"receipt": _violations(page)}
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    _set_pin(page, "1234")
    summary = page.locator("#pin .error-summary")
    visible = summary.is_visible()
    targets = [link.get_attribute("href") for link in summary.locator("a").all()]
    found = [page.locator(target).count() for target in targets]
    violations["refused"] = _violations(page)
    context.close()
    assert overflow <= 0
    assert visible and targets and found == [1] * len(targets)
    assert {where: said for where, said in violations.items() if said} == {}


def test_a_pin_is_set_and_then_changed_only_with_it_without_javascript(
    live_url, phone_without_javascript, receipt_code
):
    page = phone_without_javascript
    page.set_default_timeout(15_000)
    page.goto(f"{live_url}/tanda-terima/{receipt_code}/")
    assert page.locator("#id_current_pin").count() == 0
    _set_pin(page, "7391")
    assert page.locator("#pin [role=status]").is_visible()
    assert page.locator("#id_current_pin").count() == 1
