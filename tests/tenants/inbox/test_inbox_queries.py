"""The inbox page and API cost a fixed number of queries, however many complaints wait: no
query per row (the issue labels come from the cached vocabulary)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.accounts.roles import Role
from hub.vocab.selectors import vocabulary_labels_clear
from tests.builders import complaint, org_api

pytestmark = pytest.mark.django_db

MOST_QUERIES = 30  # session, membership, the page's lists: none of them per row


def _queries(client, url: str) -> int:
    vocabulary_labels_clear()  # a cold cache costs its one query, not one per row
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["home", "api"])
def test_the_inbox_costs_the_same_for_5_and_50_complaints(client, org_a, page):
    a = org_a.organisation
    url = f"/org/{a.slug}/" if page == "home" else org_api(org_a, "inbox/")
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    for n in range(5):
        complaint(a, issue_types=("unpaid_wages", "trafficking"), narrative=f"Kasus {n}")
    client.get(url)  # the first request of a session fills what later ones reuse
    few = _queries(client, url)
    for n in range(45):
        complaint(a, issue_types=("documents_withheld",), narrative=f"Kasus lain {n}")
    many = _queries(client, url)
    assert many == few, f"{few} queries for 5 complaints, {many} for 50"
    assert many <= MOST_QUERIES
    body = client.get(url).content.decode()
    assert body.count("Kasus lain") == 45
