"""A lost receipt code (/lupa-kode/): the codes filed with an e-mail are sent to it after
commit; the page answers the same whether or not the e-mail is known, and is rate-limited."""

from __future__ import annotations

import html
import re

from django.core import mail
from django.test import override_settings
from django.utils import translation

from hub.throttle import ratelimit
from tests.builders import complaint

URL = "/lupa-kode/"


def _page(response) -> str:
    """The page without its per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _codes_sent() -> list:
    """The mails with receipt codes (not the verification links filing sends)."""
    return [m for m in mail.outbox if "/tautan/" not in m.body]


def test_the_status_page_links_to_it_and_it_points_to_the_organisations(client, world, db):
    assert f'href="{URL}"' in client.get("/status/").content.decode()
    response = client.get(URL)
    assert len(response.content) < 30_000
    page = response.content.decode()
    assert 'type="email"' in page and 'href="/anggota/"' in page


def test_a_known_email_gets_its_codes_after_commit(
    client, world, db, django_capture_on_commit_callbacks
):
    first = complaint(None, contact_email="Rina@Example.org")
    second = complaint(None, contact_email="rina@example.org", reporter_name="Rina lagi")
    other = complaint(None, contact_email="someone@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"email": "rina@example.org"})
        assert _codes_sent() == []  # sent once the request's work commits, in a task
    assert response.status_code == 200
    [message] = _codes_sent()
    assert message.to == ["rina@example.org"]
    assert first.receipt_code in message.body and second.receipt_code in message.body
    assert f"/status/{first.receipt_code}/" in message.body
    assert other.receipt_code not in message.body and "Rina lagi" not in message.body


def test_known_and_unknown_emails_get_the_same_answer(
    client, world, db, django_capture_on_commit_callbacks
):
    complaint(None, contact_email="rina@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(URL, {"email": "rina@example.org"})
        unknown = client.post(URL, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert _page(known) == _page(unknown)
    assert "nobody@example.org" not in _page(unknown) and 'role="status"' in _page(unknown)
    assert [m.to for m in _codes_sent()] == [["rina@example.org"]]


def test_a_malformed_email_is_asked_again(client, world, db):
    response = client.post(URL, {"email": "not-an-address"})
    page = response.content.decode()
    assert response.status_code == 400 and 'href="#id_email"' in page
    assert 'value="not-an-address"' in page


@override_settings(RATELIMIT_RECOVER="2/h")
def test_requests_over_the_limit_get_a_429_known_or_not(client, world, db):
    complaint(None, contact_email="rina@example.org")
    assert client.post(URL, {"email": "rina@example.org"}).status_code == 200
    assert client.post(URL, {"email": "nobody@example.org"}).status_code == 200
    response = client.post(URL, {"email": "rina@example.org"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    with translation.override("id"):
        said = ratelimit.message("recover", int(response["Retry-After"]))
    assert html.escape(said) in response.content.decode()
    assert client.get(URL).status_code == 200  # reading the page never counts
    other = client.post(URL, {"email": "rina@example.org"}, REMOTE_ADDR="10.4.4.4")
    assert other.status_code == 200
