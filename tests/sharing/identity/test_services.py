"""Same worker, two members: hashes kept current, matches told, connected only with consent."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from hub.core.errors import NotFound, PermissionDenied
from hub.core.models import AuditEvent
from hub.core.outbox import outbox_dispatch
from sharing.identity.models import IdentifierHash
from sharing.identity.services import identity_matches_read, identity_rehash
from tenants.cases.models import Case, PersonRole
from tenants.cases.services import case_restrict
from tenants.people.services import CaseRoleData, PersonData, person_add_to_case, person_update
from tests.builders import client_case, in_schema, member

KEYS = {"k1": "first-secret-0123456789", "k2": "second-secret-0123456789"}
NIK = "3212345678900001"


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.IDENTITY_HASH_KEYS = KEYS
    settings.IDENTITY_HASH_KEY_ID = "k1"


def _dispatch(org) -> None:
    with in_schema(org.organisation):
        while outbox_dispatch():
            pass


def _case(org, **client):
    case = client_case(org, **client)
    _dispatch(org)
    return case


def _consent(org, case, *, share=True, share_with=()) -> ConsentRecord:
    return ConsentRecord.objects.create(
        given_by="worker",
        source="signed_form",
        share=share,
        share_with=list(share_with),
        organisation=org.organisation,
        case_id=case.pk,
    )


def _matches(org, case, role=Role.DIVISION_HEAD):
    with in_schema(org.organisation):
        return identity_matches_read(actor=member(org, role), case_id=case.pk)


def _rows(org, case):
    return IdentifierHash.objects.filter(organisation=org.organisation, case_id=case.pk)


def test_the_clients_identifiers_are_hashed_and_no_plaintext_reaches_the_public_schema(org_a):
    case = _case(org_a, nik=NIK, phone="0812-1111-2222", passport_number="b 1234567")
    rows = list(_rows(org_a, case).values())
    assert sorted(row["kind"] for row in rows) == ["nik", "passport", "phone"]
    secrets = {NIK, "6281211112222", "081211112222", "B1234567", "b 1234567", "Rina"}
    for row in rows:
        assert row["key_id"] == "k1" and len(row["digest"]) == 64
        for value in row.values():
            assert not any(secret in str(value) for secret in secrets), row


def test_only_the_client_is_hashed_not_a_witness(org_a):
    case = _case(org_a, nik="", phone="", passport_number="")
    with in_schema(org_a.organisation):
        person_add_to_case(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            link=CaseRoleData(role=PersonRole.WITNESS),
            person=PersonData(display_name="Saksi", nik=NIK, phone="081299990000"),
        )
    _dispatch(org_a)
    assert not _rows(org_a, case).exists()


def test_editing_the_clients_phone_replaces_its_hash(org_a):
    case = _case(org_a, phone="081211112222")
    before = set(_rows(org_a, case).filter(kind="phone").values_list("digest", flat=True))
    with in_schema(org_a.organisation):
        person = case.roles.get(role=PersonRole.COMPLAINANT).person
        person_update(
            actor=member(org_a, Role.DIVISION_HEAD),
            person_id=person.pk,
            version=person.version,
            changes={"phone": "081233334444"},
        )
    _dispatch(org_a)
    after = set(_rows(org_a, case).filter(kind="phone").values_list("digest", flat=True))
    assert len(after) == 1 and after != before


def test_a_restricted_case_takes_no_part(org_a):
    case = _case(org_a)
    assert _rows(org_a, case).exists()
    with in_schema(org_a.organisation):
        case_restrict(actor=member(org_a, Role.DIVISION_HEAD), case_id=case.pk, restricted=True)
    _dispatch(org_a)
    assert not _rows(org_a, case).exists()


def test_without_consent_a_match_is_told_but_nobody_is_named(org_a, org_b):
    ours = _case(org_a, nik=NIK)
    theirs = _case(org_b, nik=NIK, phone="")
    for org, case in ((org_a, ours), (org_b, theirs)):
        report = _matches(org, case)
        assert report.compared and report.unconnected
        assert report.connected == ()
        assert not report.consent_allows


def test_consent_on_one_side_only_connects_nobody(org_a, org_b):
    ours = _case(org_a, passport_number="B1234567", phone="", nik="")
    theirs = _case(org_b, passport_number="b-123 4567", phone="", nik="")
    _consent(org_a, ours)
    report = _matches(org_a, ours)
    assert report.unconnected and report.connected == () and report.consent_allows
    assert _matches(org_b, theirs).connected == ()


def test_consent_on_both_sides_connects_both_members(org_a, org_b):
    ours = _case(org_a, phone="+62 812 1111 2222", nik="")
    theirs = _case(org_b, phone="0812-1111-2222", nik="")
    _consent(org_a, ours)
    _consent(org_b, theirs, share_with=[org_a.organisation.slug])
    report = _matches(org_a, ours)
    assert [m.slug for m in report.connected] == [org_b.organisation.slug]
    assert report.connected[0].kinds == ("phone",) and not report.unconnected
    back = _matches(org_b, theirs)
    assert [m.slug for m in back.connected] == [org_a.organisation.slug]
    with in_schema(org_b.organisation):
        seen = AuditEvent.objects.filter(
            action="identity.match_seen_by_member", object_id=str(theirs.pk)
        )
        assert seen.filter(detail__reader=org_a.organisation.slug).exists()
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(
            action="identity.matches_read", object_id=str(ours.pk)
        ).exists()


def test_consent_limited_to_other_members_does_not_connect(org_a, org_b):
    ours = _case(org_a, nik=NIK)
    theirs = _case(org_b, nik=NIK)
    _consent(org_a, ours)
    _consent(org_b, theirs, share_with=["some-other-member"])
    report = _matches(org_a, ours)
    assert report.connected == () and report.unconnected


def test_withdrawn_consent_disconnects(org_a, org_b):
    from django.utils import timezone

    ours = _case(org_a, nik=NIK)
    theirs = _case(org_b, nik=NIK)
    _consent(org_a, ours)
    consent = _consent(org_b, theirs)
    assert _matches(org_a, ours).connected
    consent.withdrawn_at = timezone.now()
    consent.save()
    assert _matches(org_a, ours).connected == ()


def test_hashes_of_different_key_ids_never_compare_and_a_rehash_aligns_them(org_a, org_b, settings):
    ours = _case(org_a, nik=NIK)
    settings.IDENTITY_HASH_KEY_ID = "k2"
    theirs = _case(org_b, nik=NIK)
    _consent(org_a, ours)
    _consent(org_b, theirs)
    assert set(_rows(org_a, ours).values_list("key_id", flat=True)) == {"k1"}
    assert set(_rows(org_b, theirs).values_list("key_id", flat=True)) == {"k2"}
    report = _matches(org_b, theirs)
    assert report.connected == () and not report.unconnected
    identity_rehash(organisations=[org_a.organisation])
    assert set(_rows(org_a, ours).values_list("key_id", flat=True)) == {"k2"}
    assert [m.slug for m in _matches(org_b, theirs).connected] == [org_a.organisation.slug]


def test_a_case_of_another_organisation_is_not_found_and_nothing_is_audited(org_a, org_b):
    theirs = _case(org_b, nik=NIK)
    with in_schema(org_a.organisation):
        before = AuditEvent.objects.count()
        with pytest.raises(NotFound):
            identity_matches_read(actor=member(org_a, Role.DIVISION_HEAD), case_id=theirs.pk + 1000)
        assert AuditEvent.objects.count() == before


def test_an_analyst_may_not_read_matches(org_a):
    case = _case(org_a, nik=NIK)
    with in_schema(org_a.organisation):
        before = AuditEvent.objects.count()
        with pytest.raises(PermissionDenied):
            identity_matches_read(actor=member(org_a, Role.ANALYST), case_id=case.pk)
        assert AuditEvent.objects.count() == before


def test_rehash_removes_rows_of_cases_that_no_longer_exist(org_a):
    case = _case(org_a, nik=NIK)
    IdentifierHash.objects.create(
        organisation=org_a.organisation,
        case_id=987654,
        person_id=1,
        kind="nik",
        key_id="k1",
        digest="0" * 64,
    )
    identity_rehash(organisations=[org_a.organisation])
    assert set(
        IdentifierHash.objects.filter(organisation=org_a.organisation).values_list(
            "case_id", flat=True
        )
    ) == {case.pk}
    with in_schema(org_a.organisation):
        assert Case.objects.filter(pk=case.pk).exists()


def test_the_rehash_command_recomputes_with_the_current_key(org_a, settings):
    from io import StringIO

    from django.core.management import call_command

    case = _case(org_a, nik=NIK)
    settings.IDENTITY_HASH_KEY_ID = "k2"
    out = StringIO()
    call_command("identity_rehash", stdout=out)
    assert set(_rows(org_a, case).values_list("key_id", flat=True)) == {"k2"}
    assert "identifier hashes written" in out.getvalue()


def test_only_the_identifiers_of_consenting_cases_are_said_to_match(org_a, org_b):
    """The other member has two cases in common with ours: one by phone whose client consents
    to sharing with us, one by NIK whose client does not. The member is named, and only the
    phone is said to match: the NIK case stays hidden, and so does which identifier it had."""
    ours = _case(org_a, phone="+62 812 1111 2222", nik=NIK)
    consenting = _case(org_b, phone="0812-1111-2222", nik="")
    refusing = _case(org_b, phone="", nik=NIK)
    _consent(org_a, ours)
    _consent(org_b, consenting)
    _consent(org_b, refusing, share=False)
    report = _matches(org_a, ours)
    assert [m.slug for m in report.connected] == [org_b.organisation.slug]
    assert report.connected[0].kinds == ("phone",)
    with in_schema(org_b.organisation):
        seen = AuditEvent.objects.filter(action="identity.match_seen_by_member")
        assert set(seen.values_list("object_id", flat=True)) == {str(consenting.pk)}
