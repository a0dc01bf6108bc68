"""Demo data of "same worker, two members": one consented pair connects, the other does not."""

from __future__ import annotations

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from hub.demo.seed_queues import same_worker_pairs, seed
from sharing.identity.models import IdentifierHash
from sharing.identity.services import identity_matches_read
from tests.builders import client_case, in_schema, member


def _case_with_consent(org, *, share: bool) -> int:
    case = client_case(org, nik="", phone="")
    ConsentRecord.objects.create(
        given_by="worker",
        source="signed_form",
        share=share,
        organisation=org.organisation,
        case_id=case.pk,
    )
    return case.pk


def test_the_consented_pair_is_connected_and_the_other_only_told(org_a, org_b):
    for org in (org_a, org_b):
        _case_with_consent(org, share=True)
        _case_with_consent(org, share=False)
    siti, dewi = same_worker_pairs(org_a.organisation, org_b.organisation, org_b.organisation)
    seed(organisations=[org_a.organisation, org_b.organisation])
    assert IdentifierHash.objects.filter(organisation=org_b.organisation).exists()
    with in_schema(org_a.organisation):
        head = member(org_a, Role.DIVISION_HEAD)
        connected = identity_matches_read(actor=head, case_id=siti[0])
        told = identity_matches_read(actor=head, case_id=dewi[0])
    assert [m.slug for m in connected.connected] == [org_b.organisation.slug]
    assert set(connected.connected[0].kinds) == {"passport", "nik", "phone"}
    assert told.connected == () and told.unconnected
