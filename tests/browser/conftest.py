"""Browser tests: Debian's Chromium through Playwright against a live server.

Chromium is looked for on the PATH; when it is missing and this process may install it
(root, apt-get present) it is installed. Where it cannot be, the tests skip saying why, except
under CI (`CI` set, as `.ci/run` does), where a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

CANDIDATES = ("chromium", "chromium-browser")


def _chromium() -> str | None:
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def _install() -> str:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return (
            "Chromium is not installed and this user cannot install it (apt-get install chromium)"
        )
    try:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "chromium"],
            check=True,
            capture_output=True,
            timeout=900,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        return f"apt-get install chromium failed: {exc}"
    return ""


@pytest.fixture(scope="session")
def live_url(world, django_db_blocker) -> str:
    """The hub served from a thread, reading the committed test database.

    Not pytest-django's `live_server`: that one makes every test transactional and flushes
    the database after it, which would wipe the session's organisations and the seeded
    vocabularies for every test that follows. These tests only read."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={}, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
        thread.terminate()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = _chromium()
    if path is None:
        why = _install()
        path = _chromium()
        if path is None:
            if os.environ.get("CI"):
                pytest.fail(f"browser tests cannot skip in CI: {why}")
            pytest.skip(why)
    return path


@pytest.fixture(scope="module")
def browser(chromium_path):
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("browser tests cannot skip in CI: playwright is not installed")
        pytest.skip("playwright is not installed (make install puts it in the virtualenv)")
    # Playwright's sync API keeps an event loop running in this thread; Django refuses database
    # work from a thread with a running loop unless told it is safe (it is: the loop is
    # Playwright's own, and the test's database work is synchronous). Only while the browser
    # runs: a later test's subprocess (manage.py check --deploy) must not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, args=["--no-sandbox"]
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone(browser):
    """A small phone, JavaScript on."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="id-ID")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="id-ID", java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def remove_committed_complaints(complaints) -> None:
    """Delete complaints the live server committed (not yet accepted, or whose case the caller
    removed), with their members' consents, attachments, public trail and the rate-limit and
    double-tap rows the filing made, so that the tests after see the database as it was."""
    from hub.consent.models import ConsentRecord
    from hub.core.models import AuditEvent, OutboxEvent
    from hub.links.models import ClientLink
    from hub.throttle.models import RateCounter, SubmissionKey

    for complaint in complaints:
        code = complaint.receipt_code
        consents = [complaint.consent_id, *complaint.members.values_list("consent_id", flat=True)]
        for attachment in complaint.attachments.all():
            attachment.file.delete(save=False)
        ClientLink.objects.filter(complaint_id=complaint.pk).delete()
        AuditEvent.objects.filter(object_type="complaint", object_id=code).delete()
        OutboxEvent.objects.filter(object_type="complaint", object_id=code).delete()
        complaint.delete()
        ConsentRecord.objects.filter(pk__in=consents).delete()
    RateCounter.objects.all().delete()
    SubmissionKey.objects.all().delete()
