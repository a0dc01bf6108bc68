"""Access request pages: the national office asks and follows; the office's division head
decides; nobody else sees anything of it."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hub.accounts.roles import Role
from sharing.access.models import AccessRequest, AccessStatus
from sharing.models import ShareGrant
from tests.sharing.access.conftest import consented_case


def _page(organisation, path: str = "") -> str:
    return f"/org/{organisation.slug}/access-requests/{path}"


def _ask(client, national, case_number: str, **fields):
    client.force_login(national.national_world.users[Role.DIVISION_HEAD])
    data = {
        "owner": national.office.slug,
        "case_number": case_number,
        "reason": "Untuk laporan nasional",
        "sections": ["summary", "events"],
        "duration_days": "30",
        **fields,
    }
    return client.post(_page(national.national, "new/"), data)


def test_the_national_office_asks_through_the_form_and_sees_its_request(client, national):
    case = consented_case(national.office)
    client.force_login(national.national_world.users[Role.DIVISION_HEAD])
    form = client.get(_page(national.national, "new/"))
    assert form.status_code == 200
    assert national.office.name in form.content.decode()
    response = _ask(client, national, case.number)
    assert response.status_code == 302
    request = AccessRequest.objects.get()
    assert request.status == AccessStatus.PENDING and request.sections == ["events", "summary"]
    listing = client.get(_page(national.national))
    assert listing.status_code == 200 and case.number in listing.content.decode()


def test_a_form_with_a_missing_reason_is_shown_again_and_nothing_is_sent(client, national):
    response = _ask(client, national, "LBH-UJI/2026/0001", reason="")
    assert response.status_code == 400
    assert not AccessRequest.objects.exists()


def test_an_office_is_not_offered_the_form(client, national):
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    response = client.get(_page(national.office, "new/"))
    assert response.status_code == 403
    response = client.post(
        _page(national.office, "new/"),
        {"owner": national.national.slug, "case_number": "X/1", "reason": "x"},
    )
    assert response.status_code == 403
    assert not AccessRequest.objects.exists()


def test_the_division_head_approves_from_the_list_and_a_share_is_made(client, national):
    case = consented_case(national.office)
    _ask(client, national, case.number)
    request = AccessRequest.objects.get()
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    page = client.get(_page(national.office, "received/"))
    assert page.status_code == 200 and case.title in page.content.decode()
    response = client.post(
        _page(national.office, f"{request.pk}/decide/"), {"decision": "approved", "note": ""}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessStatus.APPROVED
    assert ShareGrant.objects.get().recipient_id == national.national.pk


def test_approval_without_consent_is_refused_with_the_consent_reason(client, national):
    case = consented_case(national.office, share=False)
    _ask(client, national, case.number)
    request = AccessRequest.objects.get()
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    with translation.override("id"):
        page = client.get(_page(national.office, "received/"))
        warning = gettext(
            "The client's consent does not allow sharing with this organisation: "
            "approval will be refused."
        )
        assert warning in page.content.decode()
        response = client.post(
            _page(national.office, f"{request.pk}/decide/"),
            {"decision": "approved"},
            follow=True,
        )
        said = gettext("The client has not consented to sharing this case with other members.")
    assert said in response.content.decode()
    request.refresh_from_db()
    assert request.status == AccessStatus.PENDING
    assert not ShareGrant.objects.exists()


def test_the_national_office_withdraws_from_its_list(client, national):
    _ask(client, national, "LBH-UJI/2026/0001")
    request = AccessRequest.objects.get()
    response = client.post(_page(national.national, f"{request.pk}/withdraw/"))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessStatus.WITHDRAWN


@pytest.mark.parametrize("role", [Role.CASE_LAWYER, Role.RECEPTIONIST, Role.ANALYST])
def test_other_roles_of_the_office_may_not_open_the_decisions(client, national, role):
    _ask(client, national, "LBH-UJI/2026/0001")
    request = AccessRequest.objects.get()
    client.force_login(national.office_world.users[role])
    assert client.get(_page(national.office, "received/")).status_code == 403
    client.post(_page(national.office, f"{request.pk}/decide/"), {"decision": "approved"})
    request.refresh_from_db()
    assert request.status == AccessStatus.PENDING


def test_a_coordinator_sees_none_of_these_pages(client, national, coordinator):
    _ask(client, national, "LBH-UJI/2026/0001")
    request = AccessRequest.objects.get()
    client.force_login(coordinator)
    for world in (national.national, national.office):
        for path in ("", "new/", "received/"):
            assert client.get(_page(world, path)).status_code == 404
        for path in (f"{request.pk}/decide/", f"{request.pk}/withdraw/"):
            assert client.post(_page(world, path), {"decision": "approved"}).status_code == 404
    request.refresh_from_db()
    assert request.status == AccessStatus.PENDING


def test_missing_requests_are_404(client, national):
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    response = client.post(_page(national.office, "999999/decide/"), {"decision": "approved"})
    assert response.status_code == 404


def test_the_homes_link_the_pages_for_whom_they_are_meant(client, national):
    client.force_login(national.national_world.users[Role.DIVISION_HEAD])
    home = client.get(f"/org/{national.national.slug}/").content.decode()
    assert _page(national.national) in home
    assert _page(national.national, "received/") not in home
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    home = client.get(f"/org/{national.office.slug}/").content.decode()
    assert _page(national.office, "received/") in home
    assert f'href="{_page(national.office)}"' not in home


def test_after_approval_the_national_office_opens_the_shared_case(client, national):
    case = consented_case(national.office)
    _ask(client, national, case.number)
    request = AccessRequest.objects.get()
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    client.post(_page(national.office, f"{request.pk}/decide/"), {"decision": "approved"})
    grant = ShareGrant.objects.get()
    client.force_login(national.national_world.users[Role.DIVISION_HEAD])
    listing = client.get(_page(national.national)).content.decode()
    shared = f"/org/{national.national.slug}/shared-with-us/{grant.pk}/"
    assert shared in listing
    assert client.get(shared).status_code == 200
