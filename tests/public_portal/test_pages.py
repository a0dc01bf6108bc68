"""The portal's reading pages: guidance on the home page, the member directory, the privacy
notice; small, and usable without JavaScript."""

from __future__ import annotations

import pytest

from hub.organisations.models import Organisation


def test_the_home_page_says_what_happens_after_a_complaint(client, db):
    page = client.get("/?lang=en").content.decode()
    assert "What happens after you complain" in page
    assert "within one working day" in page


def test_the_directory_shows_how_to_reach_each_member(client, org_a, org_b):
    page = client.get("/anggota/?lang=en").content.decode()
    for world in (org_a, org_b):
        assert world.organisation.name in page
    assert "Malaysia" in page and "Bahasa Indonesia" in page


def test_the_directory_hides_organisations_that_take_no_complaints(client, org_a, org_b):
    Organisation.objects.filter(pk=org_b.organisation.pk).update(accepts_complaints=False)
    page = client.get("/anggota/").content.decode()
    assert org_a.organisation.name in page and org_b.organisation.name not in page


def test_the_privacy_notice_says_who_sees_what(client, db):
    page = client.get("/privasi/?lang=en").content.decode()
    for words in ("Who reads your complaint", "statistics", "Quick exit"):
        assert words in page


@pytest.mark.parametrize("path", ["/", "/anggota/", "/privasi/", "/hak/", "/hak/gaji/"])
def test_reading_pages_are_small_and_load_nothing_from_another_host(client, org_a, path):
    page = client.get(path)
    assert page.status_code == 200
    assert len(page.content) < 30_000
    html = page.content.decode()
    for attribute in ('src="http', "src='http", 'href="//', "url(http"):
        assert attribute not in html, attribute
