"""The demo's shares: a contributing share to the union branch that it has already read, a
time-limited one to the Hong Kong service, and a revoked one."""

from __future__ import annotations

from hub.core.models import AuditEvent
from hub.demo.seed import seed_demo
from hub.organisations.models import Organisation
from sharing.models import ShareGrant, ShareStatus
from tests.builders import in_schema


def test_the_demo_shares_show_each_status_and_a_read_in_the_owners_trail(world, db):
    seed_demo(seed=7)
    owner = Organisation.objects.get(slug="lbh-jakarta")
    grants = list(ShareGrant.objects.filter(owner=owner).select_related("consent", "recipient"))
    statuses = {g.status for g in grants}
    assert {ShareStatus.ACTIVE, ShareStatus.REVOKED} <= statuses
    contributing = [g for g in grants if g.can_contribute]
    assert [g.recipient.slug for g in contributing] == ["sbmi-indramayu"]
    to_hong_kong = [g for g in grants if g.recipient.slug == "migrant-aid-hk" and g.is_live]
    assert to_hong_kong and all(g.expires_at for g in to_hong_kong)
    with in_schema(owner):
        read = AuditEvent.objects.get(action="case.read_by_member")
    assert read.object_id == str(contributing[0].case_id)
    assert read.actor_organisation == "sbmi-indramayu"
