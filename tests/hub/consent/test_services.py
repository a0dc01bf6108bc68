"""Consent records: who gave them and to which members sharing is limited; withdrawal of some
or all purposes keeps what remains in a new record and ends every record that allowed more."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, ConsentSource, GivenBy, WithdrawnVia
from hub.consent.selectors import consent_for_case, consent_history
from hub.consent.services import (
    ConsentChoices,
    GivenByWhom,
    consent_attach_case,
    consent_record_create,
    consent_record_for_case,
    consent_withdraw_for_case,
    consent_withdraw_purposes,
)
from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError
from hub.core.models import AuditEvent, OutboxEvent
from hub.organisations.context import WrongOrganisation
from tenants.cases.registration import case_register
from tests.builders import in_schema, member

STAFF = AuditActor(label="kabid@test")


def _case(org, **consent):
    with in_schema(org.organisation):
        return case_register(
            actor=member(org, Role.RECEPTIONIST),
            title="Gaji tidak dibayar",
            consent=ConsentChoices(**consent) if consent else None,
        )


def _record(org, case, answers, **kwargs):
    with in_schema(org.organisation):
        return consent_record_for_case(
            organisation=org.organisation,
            case_id=case.pk,
            answers=answers,
            source=ConsentSource.SIGNED_FORM,
            by=STAFF,
            **kwargs,
        )


def _withdraw(org, case, purposes, via=WithdrawnVia.ORGANISATION, note=""):
    with in_schema(org.organisation):
        return consent_withdraw_for_case(
            organisation=org.organisation,
            case_id=case.pk,
            purposes=purposes,
            via=via,
            by=STAFF,
            note=note,
        )


def test_a_representative_gives_consent_by_name_limited_to_named_members(org_a, org_b):
    case = _case(org_a)
    record = _record(
        org_a,
        case,
        {"share": True, "contact": True},
        who=GivenByWhom(kind=GivenBy.REPRESENTATIVE, name="  Siti (kakak)  "),
        share_with=[org_b.organisation.slug],
    )
    assert (record.given_by_kind, record.given_by_name) == ("representative", "Siti (kakak)")
    assert record.share_with == [org_b.organisation.slug]
    assert record.covers("share", recipient_slug=org_b.organisation.slug)
    assert not record.covers("share", recipient_slug="another-member")
    with in_schema(org_a.organisation):
        event = AuditEvent.objects.get(action="case.consent_recorded", object_id=str(case.pk))
    assert event.detail["given_by_kind"] == "representative"
    assert event.detail["share_with"] == [org_b.organisation.slug]


@pytest.mark.parametrize(
    ("who", "share_with", "field"),
    [
        (GivenByWhom(kind=GivenBy.GUARDIAN, name=" "), [], "given_by_name"),
        (GivenByWhom(kind="neighbour", name="Budi"), [], "given_by_kind"),
        (GivenByWhom(), ["no-such-member"], "share_with"),
        (GivenByWhom(), "sbmi-uji", "share_with"),
    ],
)
def test_unnamed_guardians_unknown_kinds_and_unknown_members_are_refused(
    org_a, org_b, who, share_with, field
):
    case = _case(org_a, contact=True)
    before = ConsentRecord.objects.count()
    with pytest.raises(DomainError) as refused:
        _record(org_a, case, {"share": True}, who=who, share_with=share_with)
    assert field in refused.value.fields
    assert ConsentRecord.objects.count() == before


def test_the_portal_record_of_a_complaint_filed_by_family_names_who_answered():
    record = consent_record_create(
        given_by="family",
        choices=ConsentChoices(contact=True),
        who=GivenByWhom(kind=GivenBy.REPRESENTATIVE, name="Ibu Warsini"),
    )
    assert (record.given_by_kind, record.given_by_name) == ("representative", "Ibu Warsini")


def test_refusing_statistics_later_supersedes_the_record_and_keeps_the_rest(org_a, org_b):
    case = _case(org_a, contact=True, share=True, statistics=True)
    first = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    newer = _record(org_a, case, {"statistics": False})
    first.refresh_from_db()
    assert first.withdrawn_via == WithdrawnVia.SUPERSEDED and first.superseded_by == newer
    assert newer.purposes == ["contact", "share"] and newer.withdrawn_at is None
    event = OutboxEvent.objects.get(name="consent.withdrawn", object_id=str(first.pk))
    assert event.payload["purposes"] == ["statistics"]
    assert event.payload["superseded_by"] == newer.pk


def test_limiting_sharing_to_named_members_supersedes_a_consent_for_any_member(org_a, org_b):
    case = _case(org_a, share=True)
    first = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    newer = _record(org_a, case, {"share": True}, share_with=[org_b.organisation.slug])
    first.refresh_from_db()
    assert first.withdrawn_at is not None and first.superseded_by == newer


def test_withdrawing_some_purposes_keeps_the_rest_in_a_new_record(org_a):
    case = _case(org_a, contact=True, share=True, statistics=True)
    first = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    withdrawal = _withdraw(org_a, case, ["share", "statistics"], note="Klien menelepon")
    first.refresh_from_db()
    assert withdrawal.purposes == ("share", "statistics")
    kept = withdrawal.current
    assert kept.source == ConsentSource.WITHDRAWAL and kept.purposes == ["contact"]
    assert consent_for_case(organisation=org_a.organisation, case_id=case.pk) == kept
    assert (first.withdrawn_via, first.withdrawn_by) == ("organisation", "kabid@test")
    assert first.superseded_by == kept
    with in_schema(org_a.organisation):
        event = AuditEvent.objects.get(action="case.consent_withdrawn", object_id=str(case.pk))
    assert event.detail["purposes"] == ["share", "statistics"]
    assert event.detail["note"] == "Klien menelepon"
    history = list(consent_history(organisation=org_a.organisation, case_id=case.pk))
    assert history == [kept, first]


def test_withdrawing_everything_leaves_no_live_record(org_a):
    case = _case(org_a, contact=True, share=True)
    _record(org_a, case, {"refer": True})  # an added purpose: the first record stands
    withdrawal = _withdraw(org_a, case, ["contact", "share", "refer"], via=WithdrawnVia.PORTAL)
    assert withdrawal.current is None
    records = ConsentRecord.objects.filter(organisation=org_a.organisation, case_id=case.pk)
    assert records.count() == 2
    assert not records.filter(withdrawn_at__isnull=True).exists()
    assert set(records.values_list("withdrawn_via", flat=True)) == {"portal"}


@pytest.mark.parametrize("purposes", [[], ["refer"], ["share", "nonsense"], "share"])
def test_withdrawing_what_is_not_allowed_is_refused_and_nothing_changes(org_a, purposes):
    case = _case(org_a, contact=True, share=True)
    with pytest.raises(DomainError) as refused:
        _withdraw(org_a, case, purposes)
    assert "purposes" in refused.value.fields
    assert ConsentRecord.objects.filter(case_id=case.pk, withdrawn_at__isnull=False).count() == 0
    assert ConsentRecord.objects.filter(case_id=case.pk).count() == 1
    assert not OutboxEvent.objects.filter(name="consent.withdrawn").exists()


def test_nothing_to_withdraw_is_a_conflict(org_a):
    case = _case(org_a)  # no consent at all
    with pytest.raises(Conflict) as refused:
        _withdraw(org_a, case, ["share"])
    assert refused.value.code == "nothing_to_withdraw"
    case = _case(org_a, share=True)
    _withdraw(org_a, case, ["share"])
    with pytest.raises(Conflict):
        _withdraw(org_a, case, ["share"])


def test_a_withdrawal_runs_only_in_the_case_organisation_schema(org_a, org_b):
    case = _case(org_a, share=True)
    with in_schema(org_b.organisation), pytest.raises(WrongOrganisation):
        consent_withdraw_for_case(
            organisation=org_a.organisation,
            case_id=case.pk,
            purposes=["share"],
            via=WithdrawnVia.ORGANISATION,
            by=STAFF,
        )
    assert not ConsentRecord.objects.filter(withdrawn_at__isnull=False).exists()


def test_attaching_a_case_brings_the_records_a_withdrawal_replaced(org_a):
    first = consent_record_create(
        given_by="worker", choices=ConsentChoices(contact=True, statistics=True)
    )
    withdrawal = consent_withdraw_purposes(
        current=first,
        records=ConsentRecord.objects.filter(pk=first.pk),
        purposes=["statistics"],
        via=WithdrawnVia.PORTAL,
        by=STAFF,
    )
    consent_attach_case(consent=withdrawal.current, organisation=org_a.organisation, case_id=77)
    history = list(consent_history(organisation=org_a.organisation, case_id=77))
    assert [r.pk for r in history] == [withdrawal.current.pk, first.pk]
