"""sharing.handlers: a case transferred away ends the sender's shares of it (the receiver owns
it now); the complaint behind it follows the case to the receiver (hub.intake.handlers)."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from hub.intake.models import Complaint
from hub.organisations.models import Organisation, OrganisationKind
from sharing.models import RevokeReason, ShareGrant
from sharing.selectors import live_grants
from sharing.services import share_grant
from sharing.transfers.services import transfer_answer, transfer_decide
from tenants.cases.assignments import case_take
from tenants.cases.models import Case, CaseSection
from tenants.cases.projection import Section
from tenants.cases.registration import case_open_from_complaint
from tenants.cases.services import case_restrict
from tests.builders import complaint, in_schema, member


@pytest.fixture
def org_c(db) -> Organisation:
    """A third member, as a row only: a recipient needs no schema of its own here."""
    organisation = Organisation(
        slug="lbh-lain", name="LBH Lain", kind=OrganisationKind.LEGAL_AID, schema_name="lbh_lain"
    )
    organisation.auto_create_schema = False
    organisation.save()
    return organisation


def _shared_then_transferred(org_a, org_b, org_c, capture):
    """A's case from a portal complaint, shared with C, then transferred to B and accepted."""
    filed = complaint(org_a.organisation, share=True, reporter_name="Siti Aminah")
    with in_schema(org_a.organisation):
        head = member(org_a, Role.DIVISION_HEAD)
        case = case_open_from_complaint(actor=head, receipt_code=filed.receipt_code)
        case_take(actor=member(org_a, Role.CONSULTATION_LAWYER), case_id=case.pk)
        grant = share_grant(actor=head, case_id=case.pk, recipient=org_c, sections=[Section.EVENTS])
        with capture(execute=True):
            transfer = transfer_decide(
                actor=head,
                case_id=case.pk,
                receiver=org_b.organisation.slug,
                note="Klien pindah ke Indramayu, dekat keluarga",
            )
    with in_schema(org_b.organisation), capture(execute=True):
        transfer = transfer_answer(
            actor=member(org_b, Role.DIVISION_HEAD), transfer_id=transfer.pk, outcome="accept"
        )
    return filed, case, grant, transfer


def test_a_transferred_case_is_no_longer_shared_by_its_sender(
    org_a, org_b, org_c, django_capture_on_commit_callbacks
):
    _, case, grant, _ = _shared_then_transferred(
        org_a, org_b, org_c, django_capture_on_commit_callbacks
    )
    grant = ShareGrant.objects.get(pk=grant.pk)
    assert grant.revoked_at is not None
    assert grant.revoked_reason == RevokeReason.TRANSFERRED
    with in_schema(org_a.organisation):
        revoked = AuditEvent.objects.filter(
            action="share.revoked", object_type="case", object_id=str(case.pk)
        )
        assert revoked.get().detail["reason"] == RevokeReason.TRANSFERRED


def test_the_complaint_follows_its_case_to_the_receiver(
    org_a, org_b, org_c, django_capture_on_commit_callbacks
):
    filed, _, _, transfer = _shared_then_transferred(
        org_a, org_b, org_c, django_capture_on_commit_callbacks
    )
    moved = Complaint.objects.get(pk=filed.pk)
    assert moved.handling_organisation_id == org_b.organisation.pk
    assert moved.accepted_case_id == transfer.receiver_case_id
    with in_schema(org_b.organisation):
        received = Case.objects.get(pk=transfer.receiver_case_id)
    # The worker's status page shows where the case stands now, not the sender's closed stub.
    assert (moved.case_stage, moved.case_status) == (received.stage, received.status)


def test_the_senders_stub_is_neither_shared_nor_referred_again(
    org_a, org_b, org_c, django_capture_on_commit_callbacks
):
    """After the transfer the client's consent lives with the receiver's case (a withdrawal on
    the portal reaches it, not the stub): the sender's closed stub cannot be shared or referred
    anew, which no withdrawal would then end. Nothing is created."""
    from hub.core.errors import DomainError
    from sharing.referrals.models import Referral
    from sharing.referrals.services import referral_send

    _, case, _, _ = _shared_then_transferred(
        org_a, org_b, org_c, django_capture_on_commit_callbacks
    )
    shares, referrals = ShareGrant.objects.count(), Referral.objects.count()
    with in_schema(org_a.organisation):
        head = member(org_a, Role.DIVISION_HEAD)
        with pytest.raises(DomainError) as shared:
            share_grant(actor=head, case_id=case.pk, recipient=org_c, sections=[Section.EVENTS])
        with pytest.raises(DomainError) as referred:
            referral_send(
                actor=head,
                case_id=case.pk,
                receiver=org_c,
                service="psychosocial",
                reason="Konseling",
                sections=[Section.SUMMARY],
            )
    assert shared.value.code == referred.value.code == "case_transferred"
    assert (ShareGrant.objects.count(), Referral.objects.count()) == (shares, referrals)


def _shared_case(org_a, org_c):
    filed = complaint(org_a.organisation, share=True, reporter_name="Melati")
    with in_schema(org_a.organisation):
        head = member(org_a, Role.DIVISION_HEAD)
        case = case_open_from_complaint(actor=head, receipt_code=filed.receipt_code)
        grant = share_grant(
            actor=head, case_id=case.pk, recipient=org_c, sections=[Section.SUMMARY]
        )
    return case, grant


def test_a_case_restricted_after_sharing_is_no_longer_shared(
    org_a, org_c, django_capture_on_commit_callbacks
):
    case, grant = _shared_case(org_a, org_c)
    with in_schema(org_a.organisation), django_capture_on_commit_callbacks(execute=True):
        case_restrict(actor=member(org_a, Role.DIVISION_HEAD), case_id=case.pk, restricted=True)
    grant.refresh_from_db()
    assert (grant.revoked_reason, grant.revoked_at is not None) == (RevokeReason.RESTRICTED, True)
    assert not shares_received_by_org(org_c).exists()


def test_a_restricted_part_only_leaves_the_share_standing(
    org_a, org_c, django_capture_on_commit_callbacks
):
    case, grant = _shared_case(org_a, org_c)
    with in_schema(org_a.organisation), django_capture_on_commit_callbacks(execute=True):
        case_restrict(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            restricted=False,
            sections=[CaseSection.CHRONOLOGY],
        )
    grant.refresh_from_db()
    assert grant.revoked_at is None


def shares_received_by_org(organisation):
    return live_grants(ShareGrant.objects.filter(recipient=organisation))
