"""Client links at the service level: a token opens one link of one organisation for one
purpose, once, until it expires; anything else is refused and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, ConsentSource
from hub.consent.selectors import consent_for_case
from hub.consent.services import ConsentChoices
from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.core.models import AuditEvent
from hub.links.models import ClientLink
from hub.links.services import (
    LinkUnavailable,
    link_answer,
    link_create,
    link_open,
    link_reissue,
    link_revoke,
)
from hub.links.tokens import token_make
from hub.organisations.context import WrongOrganisation
from tenants.cases.registration import case_register
from tenants.people.services import PersonData
from tests.builders import client_case, in_schema, member

STAFF = AuditActor(label="kabid@test")


@pytest.fixture
def case(org_a):
    return client_case(org_a)


def _consent_link(org, case, purposes=("share",), **extra):
    with in_schema(org.organisation):
        return link_create(
            organisation=org.organisation,
            case_id=case.pk,
            purpose="consent",
            by=STAFF,
            asked={"purposes": list(purposes), "explanation": "Untuk merujuk kasus Anda."},
            **extra,
        )


def _world(org) -> tuple:
    """Everything an answer could write for the organisation: its links, its consent records,
    its own trail."""
    links = ClientLink.objects.filter(organisation=org.organisation)
    with in_schema(org.organisation):
        return (
            list(links.values_list("id", "used_at", "outcome", "revoked_at", "nonce_hash")),
            ConsentRecord.objects.filter(organisation=org.organisation).count(),
            AuditEvent.objects.count(),
        )


def _nonce(token: str) -> str:
    return token.split(":")[0].split(".", 1)[1]


def test_an_agreed_consent_link_becomes_the_cases_consent_record(org_a, case):
    issued = _consent_link(org_a, case, purposes=("share", "refer"))
    link = link_answer(token=issued.token, data={"share": "agree", "refer": "refuse"})
    assert (link.outcome, link.used_at is not None) == ("mixed", True)
    record = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert record.source == ConsentSource.LINK and record.link_id == link.pk
    assert (record.share, record.refer) == (True, False)
    with in_schema(org_a.organisation):
        trail = list(
            AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).values_list(
                "action", flat=True
            )
        )
    assert {"link.created", "link.answered", "case.consent_recorded"} <= set(trail)


def test_a_refused_consent_link_records_the_refusal(org_a, case):
    issued = _consent_link(org_a, case, purposes=("contact", "statistics"))
    link = link_answer(token=issued.token, data={"contact": "refuse", "statistics": "refuse"})
    record = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert link.outcome == "refused"
    assert (record.contact, record.statistics, record.share) == (False, False, False)


@pytest.mark.parametrize("position", [0, 3, -1, -20])
def test_one_changed_character_opens_nothing_and_changes_nothing(org_a, case, position):
    issued = _consent_link(org_a, case)
    token = issued.token
    changed = "A" if token[position] != "A" else "B"
    tampered = token[:position] + changed + (token[position + 1 :] if position != -1 else "")
    before = _world(org_a)
    with pytest.raises(LinkUnavailable) as refused:
        link_answer(token=tampered, data={"share": "agree"})
    assert refused.value.status == 404
    with pytest.raises(LinkUnavailable):
        link_open(token=tampered)
    assert _world(org_a) == before


def test_an_expired_link_is_refused_and_changes_nothing(org_a, case):
    issued = _consent_link(org_a, case)
    later = issued.link.expires_at + timedelta(seconds=1)
    before = _world(org_a)
    with pytest.raises(LinkUnavailable) as refused:
        link_answer(token=issued.token, data={"share": "agree"}, now=later)
    assert (refused.value.reason, refused.value.status) == ("expired", 410)
    assert _world(org_a) == before


def test_a_link_expires_after_fourteen_days_by_default(org_a, case):
    issued = _consent_link(org_a, case)
    assert issued.link.expires_at - issued.link.created_at == pytest.approx(
        timedelta(days=14), abs=timedelta(seconds=5)
    )


def test_a_second_answer_is_refused_and_changes_nothing(org_a, case):
    issued = _consent_link(org_a, case)
    link_answer(token=issued.token, data={"share": "agree"})
    before = _world(org_a)
    with pytest.raises(LinkUnavailable) as refused:
        link_answer(token=issued.token, data={"share": "refuse"})
    assert (refused.value.reason, refused.value.status) == ("used", 410)
    assert _world(org_a) == before
    assert consent_for_case(organisation=org_a.organisation, case_id=case.pk).share is True


def test_a_revoked_link_is_refused_and_changes_nothing(org_a, case):
    issued = _consent_link(org_a, case)
    with in_schema(org_a.organisation):
        link_revoke(organisation=org_a.organisation, link=issued.link, by=STAFF)
    before = _world(org_a)
    with pytest.raises(LinkUnavailable) as refused:
        link_answer(token=issued.token, data={"share": "agree"})
    assert (refused.value.reason, refused.value.status) == ("revoked", 410)
    assert _world(org_a) == before


def test_issuing_again_retires_the_previous_token(org_a, case):
    first = _consent_link(org_a, case)
    with in_schema(org_a.organisation):
        second = link_reissue(organisation=org_a.organisation, link=first.link, by=STAFF)
    assert second.token != first.token
    with pytest.raises(LinkUnavailable) as refused:
        link_answer(token=first.token, data={"share": "agree"})
    assert refused.value.reason == "replaced"
    assert link_answer(token=second.token, data={"share": "agree"}).outcome == "agreed"


def test_a_token_signed_for_another_purpose_opens_nothing(org_a, case):
    issued = _consent_link(org_a, case)
    replayed = token_make(
        link_id=issued.link.pk, nonce=_nonce(issued.token), purpose="verification"
    )
    before = _world(org_a)
    with pytest.raises(LinkUnavailable) as refused:
        link_answer(token=replayed, data={"share": "agree"})
    assert refused.value.status == 404
    assert _world(org_a) == before


def test_the_database_holds_nothing_that_rebuilds_a_working_link(org_a, case):
    issued = _consent_link(org_a, case)
    stored = str(list(ClientLink.objects.filter(pk=issued.link.pk).values()))
    assert _nonce(issued.token) not in stored
    assert issued.token not in stored


def test_a_wrong_answer_is_refused_and_changes_nothing(org_a, case):
    issued = _consent_link(org_a, case)
    before = _world(org_a)
    for data in ({}, {"share": "maybe"}, {"contact": "agree"}):
        with pytest.raises(DomainError) as refused:
            link_answer(token=issued.token, data=data)
        assert refused.value.status == 400
    assert _world(org_a) == before


def test_a_link_of_one_organisation_acts_only_in_its_own_schema(org_a, org_b, case):
    issued = _consent_link(org_a, case)
    before_b = _world(org_b)
    with in_schema(org_b.organisation):  # answered while another schema is active
        link_answer(token=issued.token, data={"share": "agree"})
    record = ConsentRecord.objects.get(link_id=issued.link.pk)
    assert record.organisation == org_a.organisation and record.case_id == case.pk
    assert _world(org_b) == before_b
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(action="link.answered").count() == 1


def test_a_link_is_made_only_in_its_organisations_schema(org_a, org_b, case):
    with in_schema(org_b.organisation), pytest.raises(WrongOrganisation):
        link_create(
            organisation=org_a.organisation,
            case_id=case.pk,
            purpose="consent",
            by=STAFF,
            asked={"purposes": ["share"]},
        )
    assert not ClientLink.objects.exists()


def test_a_link_asks_only_known_purposes(org_a, case):
    for asked in ({"purposes": []}, {"purposes": ["sell_data"]}, {"purposes": "share"}):
        with in_schema(org_a.organisation), pytest.raises(DomainError):
            link_create(
                organisation=org_a.organisation,
                case_id=case.pk,
                purpose="consent",
                by=STAFF,
                asked=asked,
            )
    with in_schema(org_a.organisation), pytest.raises(DomainError):
        link_create(organisation=org_a.organisation, case_id=case.pk, purpose="nope", by=STAFF)
    assert not ClientLink.objects.exists()


def test_refusing_sharing_withdraws_the_consent_earlier_shares_stand_on(org_a):
    with in_schema(org_a.organisation):
        case = case_register(
            actor=member(org_a, Role.RECEPTIONIST),
            title="Dengan persetujuan",
            complainant=PersonData(display_name="Sari"),
            consent=ConsentChoices(contact=True, share=True, refer=False, statistics=True),
        )
    earlier = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    issued = _consent_link(org_a, case, purposes=("share",))
    link_answer(token=issued.token, data={"share": "refuse"})
    earlier.refresh_from_db()
    now = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert earlier.withdrawn_at is not None
    # What the link did not ask stays as the client gave it.
    assert (now.share, now.contact, now.statistics, now.refer) == (False, True, True, False)


def test_agreeing_again_leaves_earlier_consent_standing(org_a):
    with in_schema(org_a.organisation):
        case = case_register(
            actor=member(org_a, Role.RECEPTIONIST),
            title="Dengan persetujuan",
            complainant=PersonData(display_name="Sari"),
            consent=ConsentChoices(contact=True, share=True),
        )
    earlier = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    issued = _consent_link(org_a, case, purposes=("refer",))
    link_answer(token=issued.token, data={"refer": "agree"})
    earlier.refresh_from_db()
    assert earlier.withdrawn_at is None
    now = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert (now.share, now.refer) == (True, True)


def test_opening_a_link_changes_nothing(org_a, case):
    issued = _consent_link(org_a, case)
    before = _world(org_a)
    opened = link_open(token=issued.token)
    assert opened.organisation_name == org_a.organisation.name
    assert _world(org_a) == before


def test_a_link_is_usable_until_its_expiry(org_a, case):
    issued = _consent_link(org_a, case)
    almost = issued.link.expires_at - timedelta(seconds=1)
    assert link_answer(token=issued.token, data={"share": "agree"}, now=almost).used_at == almost
    assert timezone.now() < issued.link.expires_at
