"""The demo's contributions: the union branch's visit and event on the case shared with it to
contribute, one hidden note with its reason, and a village paralegal's link answer waiting."""

from __future__ import annotations

from hub.demo.seed import seed_demo
from hub.organisations.models import Organisation
from tenants.contributions.models import Contribution, ContributionStatus
from tests.builders import in_schema


def test_the_demo_has_contributions_of_each_kind_on_the_shared_case(world, db):
    seed_demo(seed=7)
    owner = Organisation.objects.get(slug="lbh-jakarta")
    with in_schema(owner):
        rows = list(Contribution.objects.order_by("pk"))
    from_union = [c for c in rows if c.origin_slug == "sbmi-indramayu"]
    assert {c.kind for c in from_union} == {"activity", "event", "note"}
    assert [c.hidden_reason != "" for c in from_union] == [False, False, True]
    from_link = [c for c in rows if c.from_link]
    assert len({c.case_id for c in rows}) == 1
    assert [c.status for c in from_link] == [ContributionStatus.PENDING]
