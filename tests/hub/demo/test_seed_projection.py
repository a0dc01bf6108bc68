"""The demo's imported case: LBH Jakarta received a village paralegal post's case as XML."""

from __future__ import annotations

from hub.demo import seed_projection
from hub.demo.seed import seed_demo
from hub.organisations.models import Organisation
from tenants.cases.models import Case, ReceivedVia
from tests.builders import in_schema


def test_the_demo_has_an_imported_case_whose_document_did_not_come(world, db):
    seed_demo(seed=7)
    lbh = Organisation.objects.get(slug="lbh-jakarta")
    with in_schema(lbh):
        case = Case.objects.get(uid=seed_projection.CASE_UID)
        assert (case.received_via, case.received_from) == (
            ReceivedVia.IMPORT,
            seed_projection.POSKO,
        )
        assert case.roles.filter(person__display_name="Sri Wahyuni").exists()
        assert case.events.count() == 2
        assert not case.documents.get().file  # from XML: file not received
    # Seeding again updates the same case rather than adding one.
    seed_projection.seed(organisations=[lbh])
    with in_schema(lbh):
        assert Case.objects.filter(uid=seed_projection.CASE_UID).count() == 1
