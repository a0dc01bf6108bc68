"""A new possible match is told to both sides, once, without naming the other member."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from sharing.identity.services import identity_rehash
from tenants.notifications.models import Notification
from tests.builders import in_schema
from tests.sharing.identity.test_services import KEYS, NIK, _case


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.IDENTITY_HASH_KEYS = KEYS
    settings.IDENTITY_HASH_KEY_ID = "k1"


def _notices(org):
    with in_schema(org.organisation):
        return list(Notification.objects.filter(kind="identity.match"))


def test_both_sides_are_told_once_without_names(org_a, org_b):
    ours = _case(org_a, nik=NIK)
    assert _notices(org_a) == [] and _notices(org_b) == []
    theirs = _case(org_b, nik=NIK)
    for org, case, other in ((org_a, ours, org_b), (org_b, theirs, org_a)):
        notices = _notices(org)
        heads = {org.users[Role.DIVISION_HEAD].pk}
        assert heads <= {n.recipient_user_id for n in notices}
        assert {n.case_id for n in notices} == {case.pk}
        for notice in notices:
            assert notice.url == f"/org/{org.organisation.slug}/cases/{case.pk}/matches/"
            text = notice.subject + notice.body
            assert other.organisation.name not in text and "Rina" not in text
            assert NIK not in text
    # The lawyer who took the case is told too.
    assert org_a.users[Role.CONSULTATION_LAWYER].pk in {
        n.recipient_user_id for n in _notices(org_a)
    }
    count = len(_notices(org_a)) + len(_notices(org_b))
    identity_rehash(organisations=[org_a.organisation, org_b.organisation])
    assert len(_notices(org_a)) + len(_notices(org_b)) == count


def test_no_match_tells_nobody(org_a, org_b):
    _case(org_a, nik=NIK, phone="")
    _case(org_b, nik="3212345678900009", phone="081299998888")
    assert _notices(org_a) == [] and _notices(org_b) == []
