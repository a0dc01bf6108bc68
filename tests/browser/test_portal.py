"""The public pages as a worker uses them: on a 360 px phone, with JavaScript off and on,
clean under an automated accessibility check (axe-core), usable with the keyboard alone."""

from __future__ import annotations

import io
import re

import pytest

from tests.browser.conftest import remove_committed_complaints
from tests.builders import committed

# Each test runs in a transaction rolled back afterwards; the server thread reads only what is
# committed (the migrations' seeds and the session's organisations).
pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/hak/",
    "/hak/gaji/",
    "/anggota/",
    "/privasi/",
    "/pengaduan/",
    "/status/",
    "/lupa-kode/",
]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_reads_on_a_small_phone_without_javascript(
    live_url, phone_without_javascript, path
):
    page = phone_without_javascript
    response = page.goto(live_url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("#quick-exit").is_visible()
    requests_elsewhere = []
    page.on("request", lambda request: requests_elsewhere.append(request.url))
    page.reload()
    assert all(url.startswith(live_url) for url in requests_elsewhere), requests_elsewhere


@pytest.mark.parametrize("path", PAGES)
def test_each_page_fits_320_px_and_passes_axe(live_url, browser, path):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    results = Axe().run(page)
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == [], violations


def test_the_complaint_form_is_reached_and_filled_with_the_keyboard(live_url, phone):
    phone.goto(live_url + "/pengaduan/")
    reached = []
    for _ in range(80):
        phone.keyboard.press("Tab")
        focused = phone.evaluate(
            "(() => { const e = document.activeElement;"
            " return e ? [e.tagName, e.getAttribute('name') || '', e.type || ''] : null })()"
        )
        reached.append(tuple(focused))
        if focused[0] == "BUTTON" and focused[2] == "submit":
            break
    names = {name for _tag, name, _type in reached}
    assert {"reporter_type", "reporter_name", "filer_name"} <= names, reached
    assert reached[-1][0] == "BUTTON", "the Next button was not reached by Tab"
    # The hidden default button (Enter in a field) and the honeypot are never tabbed to.
    assert "website" not in names


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _axe_violations(page, javascript: bool = True) -> list:
    """axe-core runs as a script in the page: only where scripts run (the same markup is
    served with JavaScript off)."""
    if not javascript:
        return []
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]


def _next(page) -> None:
    page.locator(".step-nav button[value=next]").click()
    page.wait_for_load_state()


@pytest.fixture
def filed_in_browser(world):
    """The live server commits what the browser files: the names filed are removed again,
    with their trail, so the tests after these see the database as it was."""
    names: list[str] = []
    yield names
    committed(None, lambda: _remove_complaints(names))


def _remove_complaints(names: list[str]) -> None:
    from hub.intake.models import Complaint

    remove_committed_complaints(Complaint.objects.filter(reporter_name__in=names))


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_a_worker_files_a_complaint_through_every_step_on_a_phone(
    live_url, browser, filed_in_browser, javascript
):
    name = f"Uji Peramban {'JS' if javascript else 'Tanpa JS'}"
    filed_in_browser.append(name)
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="id-ID", java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_url + "/pengaduan/")
    violations = {}

    # A step sent empty: the error summary, focused, links to the real fields.
    _next(page)
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    for link in summary.locator("a").all():
        target = link.get_attribute("href")
        assert page.locator(target).count() == 1, target
    violations["step 1, errors"] = _axe_violations(page, javascript)

    page.check("input[name=reporter_type][value=worker]")
    page.fill("#id_reporter_name", name)
    _next(page)
    page.check("input[name=contact_channel][value=none]")
    page.fill("#id_contact_safety", "Jangan telepon; WhatsApp hanya setelah jam 9 malam")
    violations["step 2"] = _axe_violations(page, javascript)
    _next(page)
    page.select_option("#id_country_of_work", "MY")
    page.fill("#id_work_city", "Johor Bahru")
    _next(page)
    page.check("input[name=issue_types][value=unpaid_wages]")
    page.fill("#id_narrative", "Gaji saya tidak dibayar tiga bulan.")
    page.fill("#id_happened_from", "2025-01-10")
    page.set_input_files(
        "#id_attachments",
        files=[{"name": "kontrak.pdf", "mimeType": "application/pdf", "buffer": _pdf()}],
    )
    violations["step 4"] = _axe_violations(page, javascript)
    _next(page)
    assert "Langkah 5" in page.content() or "Step 5" in page.content()
    violations["step 5"] = _axe_violations(page, javascript)
    page.locator("button[value=back]").click()  # Back keeps everything, the file too
    assert page.input_value("#id_narrative") == "Gaji saya tidak dibayar tiga bulan."
    assert "kontrak.pdf" in page.content()
    _next(page)
    _next(page)  # no other workers
    violations["step 6"] = _axe_violations(page, javascript)
    _next(page)  # the network chooses (the default)
    violations["step 7"] = _axe_violations(page, javascript)
    _next(page)
    check = page.content()
    assert name in check and "Johor Bahru" in check and "kontrak.pdf" in check
    violations["check"] = _axe_violations(page, javascript)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.locator(".step-nav button[value=send]").click()
    page.wait_for_load_state()
    receipt = page.content()
    context.close()
    assert overflow <= 0
    assert re.search(r"RP-[2-9A-Z]{4}-[2-9A-Z]{4}", receipt), receipt[:2000]
    assert {step: found for step, found in violations.items() if found} == {}


def test_quick_exit_leaves_and_replaces_the_history_entry(live_url, phone):
    phone.route("https://www.bmkg.go.id/**", lambda route: route.fulfill(body="cuaca"))
    phone.goto(live_url + "/")
    phone.goto(live_url + "/hak/kekerasan/")
    phone.click("#quick-exit")
    phone.wait_for_url("https://www.bmkg.go.id/**")
    phone.go_back()
    # The rights page was replaced in the history: back goes to the page before it.
    assert phone.url.rstrip("/") == live_url
