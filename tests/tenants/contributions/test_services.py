"""Contributions in the owner's schema: added (a member's at once, a link's pending), hidden
with a reason but never edited, a link's reviewed; every refusal changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hub.core.models import AuditEvent
from tenants.cases.models import Case
from tenants.contributions import services
from tenants.contributions.models import Contribution, ContributionStatus, OriginKind
from tenants.contributions.services import (
    ContributionInput,
    ContributionOrigin,
    contribution_add,
    contribution_hide,
    contribution_review,
)
from tests.builders import client_case, in_schema, member

VISIT = ContributionInput(
    kind="activity",
    body="Kunjungan ke keluarga di Desa Juntinyuat: ibu klien sehat.",
    occurred_on=date(2026, 11, 20),
    place="Indramayu",
)
BY = AuditActor(label="staf@sbmi.test", organisation_slug="sbmi-uji")


def _member_origin(grant_id: int = 7) -> ContributionOrigin:
    return ContributionOrigin(
        kind=OriginKind.MEMBER,
        author_label="Siti",
        slug="sbmi-uji",
        name="SBMI Uji Indramayu",
        grant_id=grant_id,
    )


def _link_origin() -> ContributionOrigin:
    return ContributionOrigin(
        kind=OriginKind.LINK, author_label="Pak Darto", name="paralegal desa", link_id=3
    )


@pytest.fixture
def case(org_a):
    return client_case(org_a)


def _rows(org):
    with in_schema(org.organisation):
        return list(
            Contribution.objects.values_list(
                "id", "body", "status", "hidden_at", "hidden_reason", "reviewed_at"
            )
        )


def _add(org, case, data=VISIT, origin=None):
    with in_schema(org.organisation):
        return contribution_add(
            owner=org.organisation,
            case_id=case.pk,
            data=data,
            origin=origin or _member_origin(),
            by=BY,
        )


def test_a_members_contribution_joins_the_record_at_once_and_is_audited(org_a, case):
    added = _add(org_a, case)
    assert added.status == ContributionStatus.ACCEPTED
    assert (added.origin_slug, added.origin_name, added.grant_id) == (
        "sbmi-uji",
        "SBMI Uji Indramayu",
        7,
    )
    with in_schema(org_a.organisation):
        event = AuditEvent.objects.get(action="contribution.added")
    assert event.actor_organisation == "sbmi-uji"
    assert event.detail["contribution"] == added.pk
    assert event.object_id == str(case.pk)


def test_a_links_contribution_waits_for_review(org_a, case):
    added = _add(org_a, case, origin=_link_origin())
    assert added.status == ContributionStatus.PENDING
    assert added.from_link and added.origin_slug == ""


@pytest.mark.parametrize(
    "data, field",
    [
        (ContributionInput(kind="gossip", body="x"), "kind"),
        (ContributionInput(kind="note", body="   "), "body"),
        (ContributionInput(kind="note", body="x" * 4001), "body"),
        (ContributionInput(kind="note", body="a\u202eb"), "body"),
        (ContributionInput(kind="note", body="x", place="p" * 201), "place"),
        (
            ContributionInput(kind="event", body="x", occurred_on=date.today() + timedelta(days=3)),
            "occurred_on",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(org_a, case, data, field):
    with pytest.raises(DomainError) as refused:
        _add(org_a, case, data=data)
    assert field in refused.value.fields
    assert _rows(org_a) == []


def test_a_restricted_case_takes_no_contribution(org_a, case):
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True)
    with pytest.raises(NotFound):
        _add(org_a, case)
    assert _rows(org_a) == []


def test_the_owners_schema_must_be_active(org_a, org_b, case):
    from hub.organisations.context import WrongOrganisation

    with in_schema(org_b.organisation), pytest.raises(WrongOrganisation):
        contribution_add(
            owner=org_a.organisation, case_id=case.pk, data=VISIT, origin=_member_origin(), by=BY
        )
    assert _rows(org_a) == []


def test_the_owner_hides_with_a_reason_and_the_text_stays(org_a, case):
    added = _add(org_a, case)
    head = member(org_a, Role.DIVISION_HEAD)
    with in_schema(org_a.organisation):
        hidden = contribution_hide(
            actor=head, case_id=case.pk, contribution_id=added.pk, reason="Salah kasus"
        )
        event = AuditEvent.objects.get(action="contribution.hidden")
        stored = Contribution.objects.get(pk=added.pk)
    assert hidden.hidden_at is not None and hidden.hidden_reason == "Salah kasus"
    assert stored.body == VISIT.body
    assert event.detail == {"contribution": added.pk, "reason": "Salah kasus"}


def test_the_assigned_lawyer_may_hide(org_a, case):
    added = _add(org_a, case)
    with in_schema(org_a.organisation):
        contribution_hide(
            actor=member(org_a, Role.CONSULTATION_LAWYER),
            case_id=case.pk,
            contribution_id=added.pk,
            reason="Tidak relevan",
        )


def test_hiding_needs_a_reason(org_a, case):
    added = _add(org_a, case)
    before = _rows(org_a)
    with in_schema(org_a.organisation), pytest.raises(DomainError) as refused:
        contribution_hide(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            contribution_id=added.pk,
            reason="  ",
        )
    assert "reason" in refused.value.fields
    assert _rows(org_a) == before


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.CASE_LAWYER, Role.OFFICE_ADMIN])
def test_roles_not_on_the_case_may_not_hide(org_a, case, role):
    added = _add(org_a, case)
    before = _rows(org_a)
    with in_schema(org_a.organisation), pytest.raises(PermissionDenied):
        contribution_hide(
            actor=member(org_a, role), case_id=case.pk, contribution_id=added.pk, reason="x"
        )
    assert _rows(org_a) == before


def test_an_analyst_cannot_even_open_the_case(org_a, case):
    added = _add(org_a, case)
    before = _rows(org_a)
    with in_schema(org_a.organisation), pytest.raises(PermissionDenied):
        contribution_hide(
            actor=member(org_a, Role.ANALYST), case_id=case.pk, contribution_id=added.pk, reason="x"
        )
    assert _rows(org_a) == before


def test_hiding_twice_is_a_conflict(org_a, case):
    added = _add(org_a, case)
    head = member(org_a, Role.DIVISION_HEAD)
    with in_schema(org_a.organisation):
        contribution_hide(actor=head, case_id=case.pk, contribution_id=added.pk, reason="a")
    before = _rows(org_a)
    with in_schema(org_a.organisation), pytest.raises(Conflict):
        contribution_hide(actor=head, case_id=case.pk, contribution_id=added.pk, reason="b")
    assert _rows(org_a) == before


def test_a_contribution_of_another_case_is_not_found(org_a, case):
    added = _add(org_a, case)
    other = client_case(org_a, title="Kasus lain")
    before = _rows(org_a)
    head = member(org_a, Role.DIVISION_HEAD)
    for contribution_id in (added.pk, 999999, "x"):
        with in_schema(org_a.organisation), pytest.raises(NotFound):
            contribution_hide(
                actor=head, case_id=other.pk, contribution_id=contribution_id, reason="x"
            )
    assert _rows(org_a) == before


def test_no_service_edits_a_body():
    names = [name for name in dir(services) if name.startswith("contribution_")]
    assert sorted(names) == ["contribution_add", "contribution_hide", "contribution_review"]


def test_a_links_contribution_is_accepted(org_a, case):
    added = _add(org_a, case, origin=_link_origin())
    with in_schema(org_a.organisation):
        reviewed = contribution_review(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            contribution_id=added.pk,
            accept=True,
        )
        assert AuditEvent.objects.filter(action="contribution.accepted").count() == 1
    assert reviewed.status == ContributionStatus.ACCEPTED and reviewed.reviewed_at


def test_rejecting_needs_a_reason_and_then_keeps_the_text(org_a, case):
    added = _add(org_a, case, origin=_link_origin())
    head = member(org_a, Role.DIVISION_HEAD)
    before = _rows(org_a)
    with in_schema(org_a.organisation), pytest.raises(DomainError):
        contribution_review(actor=head, case_id=case.pk, contribution_id=added.pk, accept=False)
    assert _rows(org_a) == before
    with in_schema(org_a.organisation):
        rejected = contribution_review(
            actor=head,
            case_id=case.pk,
            contribution_id=added.pk,
            accept=False,
            note="Bukan kasus ini",
        )
        event = AuditEvent.objects.get(action="contribution.rejected")
    assert rejected.status == ContributionStatus.REJECTED and rejected.body == VISIT.body
    assert event.detail["reason"] == "Bukan kasus ini"


def test_a_members_contribution_is_not_reviewed_again(org_a, case):
    added = _add(org_a, case)
    before = _rows(org_a)
    with in_schema(org_a.organisation), pytest.raises(Conflict):
        contribution_review(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            contribution_id=added.pk,
            accept=True,
        )
    assert _rows(org_a) == before


def test_a_receptionist_may_not_review(org_a, case):
    added = _add(org_a, case, origin=_link_origin())
    before = _rows(org_a)
    with in_schema(org_a.organisation), pytest.raises(PermissionDenied):
        contribution_review(
            actor=member(org_a, Role.RECEPTIONIST),
            case_id=case.pk,
            contribution_id=added.pk,
            accept=True,
        )
    assert _rows(org_a) == before


@pytest.mark.parametrize(
    "origin",
    [
        ContributionOrigin(kind="link", author_label="  ", link_id=3),
        ContributionOrigin(kind="link", author_label="x" * 201, link_id=3),
        ContributionOrigin(kind="link", author_label="Da\u202erto", link_id=3),
        ContributionOrigin(kind="stranger", author_label="Darto", link_id=3),
    ],
)
def test_who_speaks_must_be_said_in_plain_text(org_a, case, origin):
    with pytest.raises(DomainError):
        _add(org_a, case, origin=origin)
    assert _rows(org_a) == []


@pytest.mark.parametrize("role", sorted(ORGANISATION_ROLES))
def test_every_owner_role_may_hide_only_as_the_policy_says(org_a, case, role):
    """Only the Kabid, and the staff assigned to the case (here its consultation lawyer)."""
    added = _add(org_a, case)
    before = _rows(org_a)
    with in_schema(org_a.organisation):
        try:
            contribution_hide(
                actor=member(org_a, role), case_id=case.pk, contribution_id=added.pk, reason="x"
            )
        except PermissionDenied:
            hidden = False
        else:
            hidden = True
    assert hidden == (role in (Role.DIVISION_HEAD, Role.CONSULTATION_LAWYER))
    if not hidden:
        assert _rows(org_a) == before
