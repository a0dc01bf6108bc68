"""My notifications, in the staff pages and the API: each person sees their own only, unread
first in bold and counted in the header, and can open one or mark all read."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from tenants.notifications.context_processors import NotificationBadge
from tenants.notifications.delivery import NotificationDraft, notifications_record
from tenants.notifications.models import Notification
from tests.builders import in_schema, member, org_api


def _record(org, user, key: str, url: str = "") -> None:
    with in_schema(org.organisation):
        notifications_record(
            drafts=[
                NotificationDraft(
                    recipient_user_id=user.pk,
                    kind="case.assigned",
                    dedupe_key=f"{key}:{user.pk}",
                    subject=f"Subjek {key}",
                    body=f"Isi {key}",
                    url=url or f"/org/{org.organisation.slug}/",
                )
            ]
        )


@pytest.fixture
def lawyer(org_a):
    """A's case lawyer with two notifications; A's division head has one of their own."""
    user = org_a.users[Role.CASE_LAWYER]
    _record(org_a, user, "satu")
    _record(org_a, user, "dua", url=f"/org/{org_a.organisation.slug}/decisions/")
    _record(org_a, org_a.users[Role.DIVISION_HEAD], "kabid")
    return user


def _page(org) -> str:
    return f"/org/{org.organisation.slug}/notifications/"


def test_the_list_shows_my_notifications_newest_first_unread_in_bold(client, org_a, lawyer):
    client.force_login(lawyer)
    response = client.get(_page(org_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Subjek dua") < html.index("Subjek satu")
    assert "<strong>Subjek dua</strong>" in html
    assert "Subjek kabid" not in html


def test_the_header_counts_my_unread_notifications(client, org_a, lawyer):
    client.force_login(lawyer)
    html = client.get(f"/org/{org_a.organisation.slug}/").content.decode()
    assert f'href="{_page(org_a)}"' in html
    assert '<span class="badge" title="' in html
    assert ">2</span>" in html


def test_the_header_count_costs_one_query(org_a, lawyer, django_assert_num_queries):
    with in_schema(org_a.organisation):
        badge = NotificationBadge(member(org_a, Role.CASE_LAWYER))
        Notification.objects.exists()  # the schema's search_path is set once per request
        with django_assert_num_queries(1):
            assert (badge.unread, badge.unread) == (2, 2)


def _newest(org, user) -> int:
    with in_schema(org.organisation):
        return Notification.objects.filter(recipient_user_id=user.pk).latest("id").pk


def test_mark_all_read_clears_the_bold_and_the_count_for_me_only(client, org_a, lawyer):
    client.force_login(lawyer)
    html = client.get(_page(org_a)).content.decode()
    assert f'name="up_to" value="{_newest(org_a, lawyer)}"' in html
    response = client.post(f"{_page(org_a)}read/", {"up_to": _newest(org_a, lawyer)})
    assert response.status_code == 302
    html = client.get(_page(org_a)).content.decode()
    assert "<strong>Subjek" not in html and '<span class="badge"' not in html
    with in_schema(org_a.organisation):
        assert Notification.objects.filter(read_at__isnull=True).count() == 1  # the Kabid's


def test_one_that_arrived_after_the_page_was_shown_stays_unread(client, org_a, lawyer):
    client.force_login(lawyer)
    shown = _newest(org_a, lawyer)
    _record(org_a, lawyer, "baru")
    client.post(f"{_page(org_a)}read/", {"up_to": shown})
    html = client.get(_page(org_a)).content.decode()
    assert "<strong>Subjek baru</strong>" in html and "<strong>Subjek dua</strong>" not in html


@pytest.mark.parametrize("up_to", ["", "x", "0", str(2**70)])
def test_a_bad_mark_read_form_marks_nothing_and_says_so(client, org_a, lawyer, up_to):
    client.force_login(lawyer)
    response = client.post(f"{_page(org_a)}read/", {"up_to": up_to}, follow=True)
    assert response.status_code == 200
    assert "<strong>Subjek dua</strong>" in response.content.decode()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, org_a, lawyer):
    client.force_login(lawyer)
    with in_schema(org_a.organisation):
        mine = Notification.objects.get(recipient_user_id=lawyer.pk, subject="Subjek dua")
    response = client.get(f"{_page(org_a)}{mine.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/org/{org_a.organisation.slug}/decisions/"
    with in_schema(org_a.organisation):
        assert Notification.objects.get(pk=mine.pk).read_at is not None


def test_a_colleague_cannot_open_or_read_my_notifications(client, org_a, lawyer):
    with in_schema(org_a.organisation):
        mine = Notification.objects.filter(recipient_user_id=lawyer.pk).first()
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert client.get(f"{_page(org_a)}{mine.pk}/").status_code == 404
    client.post(f"{_page(org_a)}read/", {"up_to": _newest(org_a, lawyer)})
    assert "Subjek satu" not in client.get(_page(org_a)).content.decode()
    api = client.get(org_api(org_a, "notifications/")).json()
    assert [row["subject"] for row in api["results"]] == ["Subjek kabid"]
    with in_schema(org_a.organisation):
        assert not Notification.objects.filter(
            recipient_user_id=lawyer.pk, read_at__isnull=False
        ).exists()


def test_a_member_of_another_organisation_gets_404(client, org_a, org_b, lawyer):
    client.force_login(org_b.users[Role.CASE_LAWYER])
    assert client.get(_page(org_a)).status_code == 404
    assert client.get(org_api(org_a, "notifications/")).status_code == 404
    # In their own organisation they see none of A's.
    assert client.get(org_api(org_b, "notifications/")).json()["results"] == []


def test_the_api_lists_mine_newest_first_and_filters_unread(client, org_a, lawyer):
    client.force_login(lawyer)
    body = client.get(org_api(org_a, "notifications/")).json()
    assert [row["subject"] for row in body["results"]] == ["Subjek dua", "Subjek satu"]
    first = body["results"][0]
    assert set(first) == {
        "id",
        "kind",
        "case_id",
        "subject",
        "body",
        "url",
        "created_at",
        "read_at",
        "sent_at",
    }
    client.get(f"{_page(org_a)}{first['id']}/")
    unread = client.get(org_api(org_a, "notifications/", unread="true")).json()["results"]
    assert [row["subject"] for row in unread] == ["Subjek satu"]
    marked = client.post(
        org_api(org_a, "notifications/read/"),
        {"up_to": _newest(org_a, lawyer)},
        content_type="application/json",
    )
    assert marked.json() == {"marked": 1}
    assert client.get(org_api(org_a, "notifications/", unread="true")).json()["results"] == []


def test_a_bad_filter_or_mark_read_body_is_a_400(client, org_a, lawyer):
    client.force_login(lawyer)
    response = client.get(org_api(org_a, "notifications/", unread="perhaps"))
    assert response.status_code == 400
    assert "unread" in response.json()["error"]["fields"]
    for body in ({}, {"up_to": "x"}, {"up_to": 2**70}):
        response = client.post(
            org_api(org_a, "notifications/read/"), body, content_type="application/json"
        )
        assert response.status_code == 400
        assert "up_to" in response.json()["error"]["fields"]


def test_an_api_client_without_a_person_has_no_notifications(client, org_a, lawyer):
    token = client.post(
        "/o/token/",
        {
            "grant_type": "client_credentials",
            "client_id": org_a.application.client_id,
            "client_secret": org_a.client_secret,
        },
    ).json()["access_token"]
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    response = client.get(org_api(org_a, "notifications/"), **bearer)
    assert response.status_code == 200 and response.json()["results"] == []
    marked = client.post(
        org_api(org_a, "notifications/read/"),
        {"up_to": _newest(org_a, lawyer)},
        content_type="application/json",
        **bearer,
    )
    assert marked.json() == {"marked": 0}
