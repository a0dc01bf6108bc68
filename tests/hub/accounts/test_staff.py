"""The office admin invites, changes roles and removes people; the office keeps an admin."""

from __future__ import annotations

import pytest

from hub.accounts.models import Membership, User
from hub.accounts.roles import Role
from hub.accounts.services import member_deactivate, member_invite, member_set_roles
from hub.core.errors import Conflict, PermissionDenied
from hub.core.models import AuditEvent
from tests.builders import actor, in_schema


@pytest.fixture
def admin(org_a):
    return actor(org_a.organisation, Role.OFFICE_ADMIN, user=org_a.users[Role.OFFICE_ADMIN])


def _roles(org, user) -> set[str]:
    return set(
        Membership.objects.filter(organisation=org.organisation, user=user).values_list(
            "role", flat=True
        )
    )


def test_invited_colleague_sets_a_password_through_the_link_and_logs_in(client, org_a, admin):
    with in_schema(org_a.organisation):
        invitation = member_invite(
            actor=admin, email="Dewi@LBH-uji.test", full_name="Dewi Lestari", roles={"paralegal"}
        )
        assert AuditEvent.objects.filter(action="staff.invited").exists()
    user = invitation.user
    assert user.email == "dewi@lbh-uji.test" and not user.has_usable_password()
    assert _roles(org_a, user) == {"paralegal"}
    form = client.get(invitation.set_password_path, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Lembur-Tanpa-Upah-2026", "new_password2": "Lembur-Tanpa-Upah-2026"},
    )
    assert done.status_code == 302
    logged_in = client.post(
        "/accounts/login/",
        {"username": "dewi@lbh-uji.test", "password": "Lembur-Tanpa-Upah-2026"},
    )
    assert logged_in.status_code == 302
    assert client.get(f"/org/{org_a.organisation.slug}/").status_code == 200


def test_inviting_a_member_twice_is_refused(org_a, admin):
    with in_schema(org_a.organisation), pytest.raises(Conflict):
        member_invite(
            actor=admin,
            email=org_a.users[Role.CASE_LAWYER].email,
            full_name="x",
            roles={"case_lawyer"},
        )


def test_roles_change_and_are_audited_before_and_after(org_a, admin):
    lawyer = org_a.users[Role.CASE_LAWYER]
    with in_schema(org_a.organisation):
        member_set_roles(actor=admin, user_id=lawyer.pk, roles={"case_lawyer", "paralegal"})
        event = AuditEvent.objects.get(action="staff.roles_changed")
    assert _roles(org_a, lawyer) == {"case_lawyer", "paralegal"}
    assert event.detail["before"] == ["case_lawyer"]
    assert event.detail["after"] == ["case_lawyer", "paralegal"]


def test_the_last_admin_cannot_remove_itself_in_any_way(org_a, admin):
    me = org_a.users[Role.OFFICE_ADMIN]
    with in_schema(org_a.organisation):
        with pytest.raises(Conflict) as refused:
            member_set_roles(actor=admin, user_id=me.pk, roles={"analyst"})
        assert refused.value.code == "last_admin"
        with pytest.raises(Conflict):
            member_deactivate(actor=admin, user_id=me.pk)
    assert _roles(org_a, me) == {Role.OFFICE_ADMIN}


def test_removed_person_loses_access_and_an_account_with_no_office_is_closed(client, org_a, admin):
    analyst = org_a.users[Role.ANALYST]
    with in_schema(org_a.organisation):
        member_deactivate(actor=admin, user_id=analyst.pk)
    assert not Membership.objects.filter(user=analyst).exists()
    assert not User.objects.get(pk=analyst.pk).is_active
    client.force_login(analyst)
    assert client.get(f"/org/{org_a.organisation.slug}/").status_code in (302, 404)


@pytest.mark.parametrize("role", [Role.DIVISION_HEAD, Role.RECEPTIONIST, Role.CASE_LAWYER])
def test_only_the_office_admin_manages_users_and_refusals_change_nothing(client, org_a, role):
    before = sorted(Membership.objects.values_list("user_id", "role"))
    client.force_login(org_a.users[role])
    slug = org_a.organisation.slug
    assert client.get(f"/org/{slug}/staff/").status_code == 403
    target = org_a.users[Role.ANALYST].pk
    client.post(f"/org/{slug}/staff/{target}/roles/", {"roles": ["office_admin"]})
    client.post(f"/org/{slug}/staff/{target}/deactivate/")
    client.post(
        f"/org/{slug}/staff/", {"email": "x@y.test", "full_name": "X", "roles": ["analyst"]}
    )
    assert sorted(Membership.objects.values_list("user_id", "role")) == before
    with in_schema(org_a.organisation), pytest.raises(PermissionDenied):
        member_invite(
            actor=actor(org_a.organisation, role),
            email="x@y.test",
            full_name="X",
            roles={"analyst"},
        )


def test_staff_page_lists_people_and_invites_from_the_form(client, org_a):
    client.force_login(org_a.users[Role.OFFICE_ADMIN])
    slug = org_a.organisation.slug
    page = client.get(f"/org/{slug}/staff/").content.decode()
    assert org_a.users[Role.CASE_LAWYER].email in page
    refused = client.post(
        f"/org/{slug}/staff/", {"email": "bukan-email", "full_name": "", "roles": []}
    )
    assert refused.status_code == 400
    added = client.post(
        f"/org/{slug}/staff/",
        {"email": "rudi@lbh-uji.test", "full_name": "Rudi", "roles": ["mediator"]},
        follow=True,
    )
    assert "/accounts/password/" in added.content.decode()
    assert Membership.objects.filter(user__email="rudi@lbh-uji.test", role="mediator").exists()


def test_adding_someone_who_has_an_account_gives_no_password_link(org_a, org_b, admin):
    their_head = org_b.users[Role.DIVISION_HEAD]
    with in_schema(org_a.organisation):
        invitation = member_invite(
            actor=admin, email=their_head.email, full_name="x", roles={"mediator"}
        )
    assert invitation.set_password_path == ""
    assert _roles(org_a, their_head) == {"mediator"}
    assert User.objects.get(pk=their_head.pk).check_password("test-password-1234")
