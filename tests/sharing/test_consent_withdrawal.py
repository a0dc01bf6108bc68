"""Consent and sharing: share_grant asks the case's consent (none, any member, named members,
withdrawn, refer only), and a withdrawn consent ends the shares that stood on it through the
outbox (sharing.handlers), or carries them to the record that keeps sharing."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, ConsentSource, WithdrawnVia
from hub.consent.selectors import consent_for_case
from hub.consent.services import consent_record_for_case, consent_withdraw_for_case
from hub.core.audit import AuditActor
from hub.core.errors import NotFound
from hub.core.models import AuditEvent, OutboxEvent
from hub.core.outbox import outbox_dispatch
from hub.organisations.models import Organisation, OrganisationKind
from sharing.models import RevokeReason, ShareGrant
from sharing.selectors import live_grants
from sharing.services import ConsentMissing, share_grant, shared_case_open
from tenants.cases.projection import Section
from tenants.cases.registration import case_register
from tests.builders import actor, in_schema, member

STAFF = AuditActor(label="kabid@test")


@pytest.fixture
def org_c(db) -> Organisation:
    """A third member, as a row only: a recipient needs no schema of its own here."""
    organisation = Organisation(
        slug="lbh-lain", name="LBH Lain", kind=OrganisationKind.LEGAL_AID, schema_name="lbh_lain"
    )
    organisation.auto_create_schema = False
    organisation.save()
    return organisation


def _case(org, answers=None, **kwargs):
    with in_schema(org.organisation):
        case = case_register(actor=member(org, Role.RECEPTIONIST), title="Paspor ditahan")
        if answers is not None:
            consent_record_for_case(
                organisation=org.organisation,
                case_id=case.pk,
                answers=answers,
                source=ConsentSource.SIGNED_FORM,
                by=STAFF,
                **kwargs,
            )
    return case


def _grant(org, case, recipient):
    with in_schema(org.organisation):
        return share_grant(
            actor=actor(org.organisation, Role.DIVISION_HEAD),
            case_id=case.pk,
            recipient=recipient,
            sections=[Section.SUMMARY],
        )


def _withdraw(org, case, purposes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), in_schema(org.organisation):
        return consent_withdraw_for_case(
            organisation=org.organisation,
            case_id=case.pk,
            purposes=purposes,
            via=WithdrawnVia.ORGANISATION,
            by=STAFF,
        )


ALL = {"contact": True, "share": True, "refer": True, "statistics": True}


@pytest.mark.parametrize(
    ("consent", "recipient", "allowed"),
    [
        (None, "b", False),  # no consent recorded
        ({"contact": True, "statistics": True}, "b", False),  # sharing refused
        ({"refer": True}, "b", False),  # refer to agencies only
        ({"share": True}, "b", True),  # any member
        ({"share": True, "_named": ["b"]}, "b", True),  # named members, this one named
        ({"share": True, "_named": ["c"]}, "b", False),  # named members, another one
        ({"share": True, "_withdrawn": True}, "b", False),  # withdrawn
    ],
)
def test_share_grant_follows_the_consent(org_a, org_b, org_c, consent, recipient, allowed):
    slugs = {"b": org_b.organisation.slug, "c": org_c.slug}
    answers = dict(consent) if consent is not None else None
    named = answers.pop("_named", None) if answers else None
    withdrawn = answers.pop("_withdrawn", False) if answers else False
    share_with = [slugs[n] for n in named] if named else None
    case = _case(org_a, answers, share_with=share_with) if answers else _case(org_a)
    if withdrawn:
        with in_schema(org_a.organisation):
            consent_withdraw_for_case(
                organisation=org_a.organisation,
                case_id=case.pk,
                purposes=["share"],
                via=WithdrawnVia.PORTAL,
                by=STAFF,
            )
    to = org_b.organisation if recipient == "b" else org_c
    if allowed:
        assert _grant(org_a, case, to).consent.covers("share", recipient_slug=to.slug)
    else:
        with pytest.raises(ConsentMissing) as refused:
            _grant(org_a, case, to)
        assert refused.value.status == 409 and refused.value.code == "consent_missing"
        assert not ShareGrant.objects.exists()


def test_withdrawal_revokes_every_share_that_stood_on_the_consent(
    org_a, org_b, org_c, django_capture_on_commit_callbacks
):
    case = _case(org_a, ALL)
    to_b, to_c = _grant(org_a, case, org_b.organisation), _grant(org_a, case, org_c)
    _withdraw(org_a, case, ["share"], django_capture_on_commit_callbacks)
    for grant in (to_b, to_c):
        grant.refresh_from_db()
        assert grant.revoked_at is not None
        assert grant.revoked_reason == RevokeReason.CONSENT_WITHDRAWN
        assert grant.revoked_by == "withdrawal"
    with in_schema(org_a.organisation):
        revoked = AuditEvent.objects.filter(action="share.revoked", object_id=str(case.pk))
        assert {e.detail["grant"] for e in revoked} == {to_b.pk, to_c.pk}
    with in_schema(org_b.organisation), pytest.raises(NotFound):
        shared_case_open(actor=actor(org_b.organisation, Role.CASE_LAWYER), grant_id=to_b.pk)
    # What remains (contact, refer, statistics) does not allow new shares either.
    with pytest.raises(ConsentMissing):
        _grant(org_a, case, org_b.organisation)


def test_withdrawing_statistics_only_keeps_the_shares_on_the_newer_record(
    org_a, org_b, django_capture_on_commit_callbacks
):
    case = _case(org_a, ALL)
    grant = _grant(org_a, case, org_b.organisation)
    withdrawal = _withdraw(org_a, case, ["statistics"], django_capture_on_commit_callbacks)
    grant.refresh_from_db()
    assert grant.revoked_at is None and grant.consent == withdrawal.current
    assert live_grants(ShareGrant.objects.filter(pk=grant.pk)).exists()
    with in_schema(org_b.organisation):
        shared_case_open(actor=actor(org_b.organisation, Role.CASE_LAWYER), grant_id=grant.pk)
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(action="share.consent_carried").count() == 1


def test_limiting_sharing_to_other_members_revokes_the_share_with_this_one(
    org_a, org_b, org_c, django_capture_on_commit_callbacks
):
    case = _case(org_a, {"share": True})
    to_b, to_c = _grant(org_a, case, org_b.organisation), _grant(org_a, case, org_c)
    with django_capture_on_commit_callbacks(execute=True), in_schema(org_a.organisation):
        consent_record_for_case(
            organisation=org_a.organisation,
            case_id=case.pk,
            answers={"share": True},
            source=ConsentSource.LINK,
            by=STAFF,
            share_with=[org_c.slug],
        )
    to_b.refresh_from_db()
    to_c.refresh_from_db()
    assert to_b.revoked_reason == RevokeReason.CONSENT_WITHDRAWN
    assert to_c.revoked_at is None
    assert to_c.consent == consent_for_case(organisation=org_a.organisation, case_id=case.pk)


def test_the_handler_is_idempotent(org_a, org_b, django_capture_on_commit_callbacks):
    case = _case(org_a, {"share": True})
    grant = _grant(org_a, case, org_b.organisation)
    _withdraw(org_a, case, ["share"], django_capture_on_commit_callbacks)
    grant.refresh_from_db()
    revoked_at = grant.revoked_at
    OutboxEvent.objects.filter(name="consent.withdrawn").update(dispatched_at=None)
    outbox_dispatch()
    grant.refresh_from_db()
    assert grant.revoked_at == revoked_at
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(action="share.revoked").count() == 1
    assert ConsentRecord.objects.filter(withdrawn_at__isnull=True, case_id=case.pk).count() == 0
