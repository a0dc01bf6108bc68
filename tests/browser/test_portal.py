"""The public pages as a worker uses them: on a 360 px phone, with JavaScript off and on,
clean under an automated accessibility check (axe-core), usable with the keyboard alone."""

from __future__ import annotations

import pytest

# Each test runs in a transaction rolled back afterwards; the server thread reads only what is
# committed (the migrations' seeds and the session's organisations).
pytestmark = pytest.mark.django_db

PAGES = ["/", "/hak/", "/hak/gaji/", "/anggota/", "/privasi/", "/pengaduan/", "/status/"]


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
    assert "narrative" in names, reached
    assert reached[-1][0] == "BUTTON", "the submit button was not reached by Tab"


def test_quick_exit_leaves_and_replaces_the_history_entry(live_url, phone):
    phone.route("https://www.bmkg.go.id/**", lambda route: route.fulfill(body="cuaca"))
    phone.goto(live_url + "/")
    phone.goto(live_url + "/hak/kekerasan/")
    phone.click("#quick-exit")
    phone.wait_for_url("https://www.bmkg.go.id/**")
    phone.go_back()
    # The rights page was replaced in the history: back goes to the page before it.
    assert phone.url.rstrip("/") == live_url
