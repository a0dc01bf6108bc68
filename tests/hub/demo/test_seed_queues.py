"""Demo data of "same worker, two members": one consented pair connects, the other does not."""

from __future__ import annotations

from hub.accounts.roles import Role
from hub.demo.seed_queues import same_worker_pairs, seed
from sharing.identity.models import IdentifierHash
from sharing.identity.services import identity_matches_read
from tests.builders import in_schema, member


def test_the_consented_pair_is_connected_and_the_other_only_told(org_a, org_b):
    (siti_a, _siti_b), (dewi_a, _dewi_b) = same_worker_pairs(
        org_a.organisation, org_b.organisation, org_b.organisation
    )
    seed(organisations=[org_a.organisation, org_b.organisation])
    assert IdentifierHash.objects.filter(organisation=org_b.organisation).exists()
    with in_schema(org_a.organisation):
        head = member(org_a, Role.DIVISION_HEAD)
        siti = identity_matches_read(actor=head, case_id=siti_a.pk)
        dewi = identity_matches_read(actor=head, case_id=dewi_a.pk)
    assert [m.slug for m in siti.connected] == [org_b.organisation.slug]
    assert set(siti.connected[0].kinds) == {"passport", "nik", "phone"}
    assert dewi.connected == () and dewi.unconnected
