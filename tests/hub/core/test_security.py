"""The headers every page carries (CSP, no-store on personal data), no inline script or style
anywhere, and `manage.py check --deploy` clean under production settings."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from hub.accounts.roles import Role
from tests.routes import MISSING_IDS, all_routes, fill
from tests.test_foreign_organisation import ORG_PREFIX, a_objects  # noqa: F401 - a fixture

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
SKIPPED = ("o/", "i18n/", "admin/")  # protocol endpoints, the language switch, Django's admin


def _html_problems(url: str, response) -> list[str]:
    problems = []
    if response.get("Content-Security-Policy") != settings.CONTENT_SECURITY_POLICY:
        problems.append(f"{url}: no CSP")
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        if INLINE_SCRIPT.search(html):
            problems.append(f"{url}: inline <script>")
        if INLINE_STYLE.search(html):
            problems.append(f"{url}: inline style")
    return problems


def _get_all(client, routes, samples) -> list[tuple[str, object]]:
    answers = []
    for route in routes:
        url = fill(route, samples)
        answers.append((url, client.get(url)))
    return answers


def test_csp_policy_allows_no_inline_script_or_style():
    policy = settings.CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_every_staff_page_has_the_csp_and_no_inline_script_or_style(
    client,
    org_a,
    a_objects,  # noqa: F811
):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    routes = [r for r in all_routes() if r.startswith(ORG_PREFIX)]
    problems, pages = [], 0
    for url, response in _get_all(client, routes, a_objects):
        assert response.status_code < 500, url
        pages += response.status_code == 200 and "text/html" in response.get("Content-Type", "")
        problems += _html_problems(url, response)
    assert pages >= 10
    assert problems == []


def test_every_public_and_network_page_has_the_csp_and_no_inline_script_or_style(
    client, coordinator
):
    routes = [r for r in all_routes() if not r.startswith(ORG_PREFIX) and not r.startswith(SKIPPED)]
    problems = []
    for url, response in _get_all(client, routes, MISSING_IDS):
        problems += _html_problems(url, response)
    client.force_login(coordinator)
    for url, response in _get_all(client, ["network/"], MISSING_IDS):
        assert response.status_code == 200, url
        problems += _html_problems(url, response)
    assert problems == []


def test_api_docs_page_loads_its_init_script_from_a_url(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert _html_problems("/api/docs/", page) == []
    script_url = re.search(r'<script src="([^"]*script=[^"]*)"', page.content.decode()).group(1)
    script = client.get(script_url.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


def test_responses_with_personal_data_are_not_stored(client, org_a, a_objects):  # noqa: F811
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    stored = []
    for route in all_routes():
        if route.startswith(SKIPPED):
            continue
        url = fill(route, {**MISSING_IDS, **a_objects})
        if not url.startswith(settings.NO_STORE_PATH_PREFIXES):
            continue
        response = client.get(url)
        if "no-store" not in response.get("Cache-Control", ""):
            stored.append(url)
    assert stored == []
    case = a_objects["case_id"]
    for url in (
        f"/org/{org_a.organisation.slug}/api/v1/cases/{case}/dossier.pdf",
        f"/org/{org_a.organisation.slug}/api/v1/cases/{case}/package.xml",
    ):
        assert "no-store" in client.get(url).get("Cache-Control", ""), url


def test_public_home_and_static_files_stay_cacheable(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    assert "no-store" not in client.get("/static/hub/hub.css").get("Cache-Control", "")


@pytest.mark.parametrize("route", ["status/", "tanda-terima/RP-2222-2222/", "accounts/login/"])
def test_public_pages_about_a_person_are_not_stored(client, route):
    assert "no-store" in client.get("/" + route)["Cache-Control"]


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **os.environ,
        "HUB_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "hub.example.org",
    }
    for name in ("SECURE_COOKIES", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_debug():
    env = {
        **os.environ,
        "HUB_ENV": "production",
        "DEBUG": "true",
        "SECRET_KEY": "x" * 60,
        "DJANGO_SETTINGS_MODULE": "hub.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "refuses" in result.stderr
