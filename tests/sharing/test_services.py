"""Share services: granting (consent, role, organisation, window), revoking, and the audited
read through a live grant (written in the owner's trail only)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from hub.consent.services import consent_withdraw
from hub.core.audit import AuditActor
from hub.core.errors import DomainError, NotFound, PermissionDenied
from hub.core.models import AuditEvent
from sharing.models import RevokeReason, ShareGrant, SharePermission, ShareStatus
from sharing.services import ConsentMissing, share_grant, share_revoke, shared_case_open
from tenants.cases.models import Case
from tenants.cases.projection import Section
from tenants.cases.registration import case_open_from_complaint
from tenants.events.services import EventData, event_record
from tests.builders import actor, complaint, in_schema

READ = "case.read_by_member"


def _case(organisation, *, share: bool = True):
    filed = complaint(organisation, share=share, reporter_name="Dewi")
    with in_schema(organisation):
        case = case_open_from_complaint(
            actor=actor(organisation, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
        event_record(
            actor=actor(organisation, Role.DIVISION_HEAD),
            case=case,
            data=EventData(description="Paspor ditahan majikan", place="Ipoh"),
        )
    return case, filed.consent


def _grant(org_a, org_b, case, *, role=Role.DIVISION_HEAD, **options):
    options.setdefault("sections", [Section.SUMMARY])
    with in_schema(org_a.organisation):
        return share_grant(
            actor=actor(org_a.organisation, role),
            case_id=case.pk,
            recipient=org_b.organisation,
            **options,
        )


def _open(org_b, grant_id, role=Role.CASE_LAWYER):
    with in_schema(org_b.organisation):
        return shared_case_open(actor=actor(org_b.organisation, role), grant_id=grant_id)


def _reads(organisation) -> int:
    with in_schema(organisation):
        return AuditEvent.objects.filter(action=READ).count()


# share_grant


def test_share_grant_records_sections_permission_window_and_its_event(org_a, org_b):
    case, consent = _case(org_a.organisation)
    until = timezone.now() + timedelta(days=30)
    grant = _grant(
        org_a,
        org_b,
        case,
        sections=[Section.EVENTS, Section.SUMMARY, Section.EVENTS],
        permission=SharePermission.CONTRIBUTE,
        expires_at=until,
    )
    assert grant.sections == ["events", "summary"]
    assert grant.can_contribute and grant.consent == consent and grant.expires_at == until
    assert grant.status == ShareStatus.ACTIVE
    with in_schema(org_a.organisation):
        event = AuditEvent.objects.get(action="share.granted", object_id=str(case.pk))
    assert event.detail["permission"] == "contribute"
    assert event.detail["recipient"] == org_b.organisation.slug


def test_share_grant_is_read_only_by_default(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    assert grant.permission == SharePermission.READ and not grant.can_contribute


def test_share_grant_without_consent_is_refused_and_nothing_is_written(org_a, org_b):
    case, _consent = _case(org_a.organisation, share=False)
    with pytest.raises(ConsentMissing) as refused:
        _grant(org_a, org_b, case)
    assert refused.value.status == 409
    assert not ShareGrant.objects.exists()
    with in_schema(org_a.organisation):
        assert not AuditEvent.objects.filter(action="share.granted").exists()


def test_share_grant_to_a_member_the_consent_does_not_name_is_refused_naming_them(org_a, org_b):
    case, consent = _case(org_a.organisation)
    consent.share_with = ["serikat-lain", org_a.organisation.slug]
    consent.save(update_fields=["share_with"])
    with pytest.raises(ConsentMissing) as refused:
        _grant(org_a, org_b, case)
    assert "serikat-lain" in refused.value.message
    assert org_a.organisation.name in refused.value.message
    assert not ShareGrant.objects.exists()


def test_share_grant_to_a_member_the_consent_names_is_allowed(org_a, org_b):
    case, consent = _case(org_a.organisation)
    consent.share_with = [org_b.organisation.slug]
    consent.save(update_fields=["share_with"])
    assert _grant(org_a, org_b, case).recipient == org_b.organisation


def test_share_grant_after_consent_withdrawn_is_refused(org_a, org_b):
    case, consent = _case(org_a.organisation)
    consent_withdraw(consent=consent, by=AuditActor(label="worker"))
    with pytest.raises(ConsentMissing):
        _grant(org_a, org_b, case)
    assert not ShareGrant.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.RECEPTIONIST, Role.ANALYST, Role.PARALEGAL, Role.CONSULTATION_LAWYER]
)
def test_share_grant_by_a_role_that_may_not_share_is_refused(org_a, org_b, role):
    case, _consent = _case(org_a.organisation)
    with pytest.raises(PermissionDenied):
        _grant(org_a, org_b, case, role=role)
    assert not ShareGrant.objects.exists()


def test_share_grant_with_its_own_organisation_is_refused(org_a):
    case, _consent = _case(org_a.organisation)
    with pytest.raises(DomainError) as refused:
        _grant(org_a, org_a, case)
    assert refused.value.code == "same_organisation"
    assert not ShareGrant.objects.exists()


def test_share_grant_of_a_restricted_case_is_refused(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True)
    with pytest.raises(DomainError) as refused:
        _grant(org_a, org_b, case)
    assert refused.value.code == "case_restricted"
    assert not ShareGrant.objects.exists()


def test_share_grant_of_a_case_the_organisation_does_not_have_is_not_found(org_a, org_b):
    case, _consent = _case(org_b.organisation)
    with in_schema(org_a.organisation):
        missing = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    with pytest.raises(NotFound), in_schema(org_a.organisation):
        share_grant(
            actor=actor(org_a.organisation, Role.DIVISION_HEAD),
            case_id=max(missing, case.pk + 1000),
            recipient=org_b.organisation,
            sections=[Section.SUMMARY],
        )
    assert not ShareGrant.objects.exists()


@pytest.mark.parametrize(
    "options",
    [
        {"sections": []},
        {"sections": ["contracts"]},
        {"permission": "admin"},
        {"expires_at": timezone.now() - timedelta(minutes=1)},
        {
            "starts_at": timezone.now() + timedelta(days=5),
            "expires_at": timezone.now() + timedelta(days=2),
        },
    ],
    ids=["no-section", "unknown-section", "unknown-permission", "ended", "starts-after-end"],
)
def test_share_grant_with_bad_input_is_refused(org_a, org_b, options):
    case, _consent = _case(org_a.organisation)
    with pytest.raises(DomainError) as refused:
        _grant(org_a, org_b, case, **options)
    assert refused.value.status == 400
    assert not ShareGrant.objects.exists()


# share_revoke


def test_share_revoke_ends_the_grant_and_says_why(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    with in_schema(org_a.organisation):
        revoked = share_revoke(actor=actor(org_a.organisation, Role.CASE_LAWYER), grant_id=grant.pk)
        again = share_revoke(actor=actor(org_a.organisation, Role.CASE_LAWYER), grant_id=grant.pk)
        events = AuditEvent.objects.filter(action="share.revoked").count()
    assert revoked.status == ShareStatus.REVOKED and revoked.revoked_reason == RevokeReason.OWNER
    assert again.revoked_at == revoked.revoked_at and events == 1
    with pytest.raises(NotFound):
        _open(org_b, grant.pk)


def test_share_revoke_by_a_role_that_may_not_share_changes_nothing(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    with pytest.raises(PermissionDenied), in_schema(org_a.organisation):
        share_revoke(actor=actor(org_a.organisation, Role.RECEPTIONIST), grant_id=grant.pk)
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_share_revoke_by_the_recipient_is_not_found(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    with pytest.raises(NotFound), in_schema(org_b.organisation):
        share_revoke(actor=actor(org_b.organisation, Role.DIVISION_HEAD), grant_id=grant.pk)
    grant.refresh_from_db()
    assert grant.revoked_at is None


# shared_case_open


def test_shared_case_open_shows_only_the_granted_sections(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case, sections=[Section.EVENTS])
    shared = _open(org_b, grant.pk)
    assert shared.sections == ("events",)
    assert [e.description for e in shared.package.events] == ["Paspor ditahan majikan"]
    assert shared.package.people == ()
    assert shared.package.case.summary == "" and shared.package.case.title == ""
    assert shared.package.case.number == case.number


def test_shared_case_open_is_written_in_the_owners_trail_only(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case, sections=[Section.SUMMARY, Section.PEOPLE])
    before_b = _reads(org_b.organisation)
    _open(org_b, grant.pk, role=Role.PARALEGAL)
    with in_schema(org_a.organisation):
        read = AuditEvent.objects.get(action=READ, object_id=str(case.pk))
    assert read.actor_organisation == org_b.organisation.slug
    assert read.actor_label == f"{Role.PARALEGAL}@test"
    assert read.detail["reader"] == org_b.organisation.slug
    assert read.detail["sections"] == ["summary", "people"]
    assert read.detail["grant"] == grant.pk
    assert _reads(org_b.organisation) == before_b


def test_shared_case_open_after_consent_withdrawn_is_not_found(org_a, org_b):
    case, consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    consent_withdraw(consent=consent, by=AuditActor(label="worker by phone"))
    with pytest.raises(NotFound):
        _open(org_b, grant.pk)
    grant.refresh_from_db()
    assert grant.status == ShareStatus.CONSENT_WITHDRAWN
    assert _reads(org_a.organisation) == 0


def test_shared_case_open_after_expiry_is_not_found(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case, expires_at=timezone.now() + timedelta(days=1))
    ShareGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(NotFound):
        _open(org_b, grant.pk)
    grant.refresh_from_db()
    assert grant.status == ShareStatus.EXPIRED
    assert _reads(org_a.organisation) == 0


def test_shared_case_open_before_the_share_starts_is_not_found(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case, starts_at=timezone.now() + timedelta(days=1))
    assert grant.status == ShareStatus.PENDING
    with pytest.raises(NotFound):
        _open(org_b, grant.pk)


def test_shared_case_open_by_a_role_without_case_records_is_refused_unaudited(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    with pytest.raises(PermissionDenied):
        _open(org_b, grant.pk, role=Role.ANALYST)
    assert _reads(org_a.organisation) == 0


def test_shared_case_open_by_the_owner_itself_is_not_found(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    with pytest.raises(NotFound):
        _open(org_a, grant.pk)
    assert _reads(org_a.organisation) == 0


@pytest.mark.parametrize("grant_id", ["abc", None, 999999])
def test_shared_case_open_of_a_missing_grant_is_not_found(org_b, grant_id):
    with pytest.raises(NotFound):
        _open(org_b, grant_id)


def test_shared_case_open_of_a_case_restricted_after_sharing_is_not_found(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True)
    with pytest.raises(NotFound):
        _open(org_b, grant.pk)
    assert _reads(org_a.organisation) == 0


def test_shared_case_open_leaves_out_a_chronology_restricted_after_sharing(org_a, org_b):
    case, _consent = _case(org_a.organisation)
    grant = _grant(org_a, org_b, case, sections=[Section.SUMMARY, Section.EVENTS])
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted_sections=["chronology"])
    shared = _open(org_b, grant.pk)
    assert shared.sections == ("summary",)
    assert shared.package.events == ()
