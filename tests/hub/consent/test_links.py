"""The consent link may ask to share with named members only: the client reads their names,
and agreeing records sharing limited to them."""

from __future__ import annotations

import pytest

from hub.consent.selectors import consent_for_case
from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.links.models import ClientLink
from hub.links.services import link_answer, link_create
from tests.builders import client_case, in_schema

STAFF = AuditActor(label="kabid@test")


def _link(org, case, **asked):
    with in_schema(org.organisation):
        return link_create(
            organisation=org.organisation,
            case_id=case.pk,
            purpose="consent",
            by=STAFF,
            asked={"purposes": ["share", "statistics"], **asked},
        )


def test_agreeing_to_share_with_named_members_limits_sharing_to_them(client, org_a, org_b):
    case = client_case(org_a)
    issued = _link(org_a, case, share_with=[org_b.organisation.slug])
    page = client.get(f"/tautan/{issued.token}/").content.decode()
    assert org_b.organisation.name in page
    link_answer(token=issued.token, data={"share": "agree", "statistics": "refuse"})
    record = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert record.share_with == [org_b.organisation.slug]
    assert record.covers("share", recipient_slug=org_b.organisation.slug)
    assert not record.covers("share", recipient_slug="another-member")


def test_a_link_naming_an_unknown_member_is_refused(org_a):
    case = client_case(org_a)
    with pytest.raises(DomainError) as refused:
        _link(org_a, case, share_with=["no-such-member"])
    assert "share_with" in refused.value.fields
    assert not ClientLink.objects.exists()


def test_named_members_are_dropped_when_sharing_is_not_asked(org_a, org_b):
    case = client_case(org_a)
    with in_schema(org_a.organisation):
        issued = link_create(
            organisation=org_a.organisation,
            case_id=case.pk,
            purpose="consent",
            by=STAFF,
            asked={"purposes": ["contact"], "share_with": [org_b.organisation.slug]},
        )
    assert "share_with" not in issued.link.request
