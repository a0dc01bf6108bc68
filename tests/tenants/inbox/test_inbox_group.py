"""A group complaint in the inbox: the number of workers and the other workers' names (data
of the complaint, like the reporter's), on the page and in the API, without their contact
details, and without a query per row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.accounts.roles import Role
from hub.intake.services import MemberInput
from hub.vocab.selectors import vocabulary_labels_clear
from tests.builders import complaint, org_api

pytestmark = pytest.mark.django_db

MEMBERS = (
    MemberInput(name="Dewi Lestari", contact_phone="+62 812 1111 2222", contact_email="d@x.org"),
    MemberInput(name="Ani Suryani"),
)


def test_the_inbox_page_shows_a_group_complaint_with_its_workers(client, org_a):
    complaint(org_a.organisation, reporter_name="Siti Aminah", members=MEMBERS)
    complaint(org_a.organisation, reporter_name="Rina Sendiri")
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(f"/org/{org_a.organisation.slug}/?lang=en").content.decode()
    assert page.count("Group complaint: 3 workers") == 1
    assert "Dewi Lestari, Ani Suryani" in page
    assert "Rina Sendiri" in page
    assert "+62 812 1111 2222" not in page and "d@x.org" not in page


def test_the_inbox_api_lists_the_members_names_only(client, org_a):
    filed = complaint(org_a.organisation, reporter_name="Siti Aminah", members=MEMBERS)
    complaint(org_a.organisation, reporter_name="Rina Sendiri")
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    rows = {row["receipt_code"]: row for row in client.get(org_api(org_a, "inbox/")).json()}
    assert rows[filed.receipt_code]["members"] == [
        {"position": 1, "name": "Dewi Lestari"},
        {"position": 2, "name": "Ani Suryani"},
    ]
    assert [row["members"] for code, row in rows.items() if code != filed.receipt_code] == [[]]


def test_another_organisation_sees_nothing_of_the_group(client, org_a, org_b):
    complaint(org_a.organisation, reporter_name="Siti Aminah", members=MEMBERS)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.get(org_api(org_b, "inbox/")).json() == []
    page = client.get(f"/org/{org_b.organisation.slug}/?lang=en").content.decode()
    assert "Dewi" not in page and "Group complaint" not in page


def _queries(client, url: str) -> int:
    vocabulary_labels_clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["home", "api"])
def test_group_complaints_cost_no_query_per_row(client, org_a, page):
    a = org_a.organisation
    url = f"/org/{a.slug}/" if page == "home" else org_api(org_a, "inbox/")
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    for n in range(3):
        complaint(a, reporter_name=f"Pelapor {n}", members=MEMBERS)
    client.get(url)
    few = _queries(client, url)
    for n in range(20):
        complaint(a, reporter_name=f"Pelapor lain {n}", members=MEMBERS)
    assert _queries(client, url) == few
