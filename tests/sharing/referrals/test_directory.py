"""The service directory: network admins keep it (audited), staff of members and the network
read it grouped by region and filtered by service and region; nobody else changes it."""

from __future__ import annotations

import pytest

from hub.accounts.access import network_actor
from hub.accounts.roles import Role
from hub.core.errors import DomainError, NotFound, PermissionDenied
from hub.core.models import AuditEvent
from sharing.referrals.directory import (
    AgencyInput,
    agencies_by_region,
    agencies_for,
    agency_create,
    agency_deactivate,
    agency_update,
)
from sharing.referrals.models import Authority, ServiceAgency
from tests.builders import in_schema, member

BP3MI = AgencyInput(
    name="UPT BP3MI Jawa Barat",
    services=("repatriation", "reintegration", "legal"),
    authority=Authority.REGIONAL,
    regions=("Jawa Barat",),
    phone="(022) 000 0000",
    email="pengaduan@bp3mi-jabar.example",
)


def _rows():
    return list(ServiceAgency.objects.values_list("id", "name", "active", "services"))


def test_a_network_admin_adds_edits_and_deactivates_an_agency_each_audited(network_admin):
    admin = network_actor(user=network_admin)
    agency = agency_create(actor=admin, data=BP3MI)
    assert agency.services == ["repatriation", "reintegration", "legal"]
    changed = AgencyInput(**{**BP3MI.__dict__, "regions": ("Jawa Barat", " indramayu ")})
    agency = agency_update(actor=admin, agency_id=agency.pk, data=changed)
    assert agency.regions == ["Jawa Barat", "indramayu"]
    agency = agency_deactivate(actor=admin, agency_id=agency.pk)
    assert not agency.active
    actions = set(
        AuditEvent.objects.filter(object_type="service_agency").values_list("action", flat=True)
    )
    assert actions == {"agency.created", "agency.updated", "agency.deactivated"}


def test_a_coordinator_reads_but_does_not_change_the_directory(coordinator):
    actor = network_actor(user=coordinator)
    with pytest.raises(PermissionDenied):
        agency_create(actor=actor, data=BP3MI)
    assert _rows() == []
    assert list(agencies_for(actor=actor)) == []


def test_members_read_but_do_not_change_the_directory(org_a):
    with in_schema(org_a.organisation):
        for role in (Role.DIVISION_HEAD, Role.OFFICE_ADMIN):
            with pytest.raises(PermissionDenied):
                agency_create(actor=member(org_a, role), data=BP3MI)
        agencies_for(actor=member(org_a, Role.PARALEGAL))
        with pytest.raises(PermissionDenied):
            agencies_for(actor=member(org_a, Role.ANALYST))
    assert _rows() == []


@pytest.mark.parametrize(
    "change",
    [
        {"name": "  "},
        {"services": ()},
        {"services": ("teleportation",)},
        {"authority": "galactic"},
        {"regions": (), "countries": ()},
        {"countries": ("XX",)},
        {"email": "not-an-address"},
        {"phone": "1" * 41},
        {"regions": tuple(f"Kab {n}" for n in range(41))},
    ],
)
def test_bad_agencies_are_refused_and_nothing_is_saved(network_admin, change):
    admin = network_actor(user=network_admin)
    with pytest.raises(DomainError) as refused:
        agency_create(actor=admin, data=AgencyInput(**{**BP3MI.__dict__, **change}))
    assert refused.value.status == 400 and refused.value.fields
    assert _rows() == []


def test_a_missing_agency_is_not_found(network_admin):
    with pytest.raises(NotFound):
        agency_deactivate(actor=network_actor(user=network_admin), agency_id=999999)


def test_who_is_competent_where(org_a, network_admin):
    admin = network_actor(user=network_admin)
    bp3mi = agency_create(actor=admin, data=BP3MI)
    ppa = agency_create(
        actor=admin,
        data=AgencyInput(
            name="UPTD PPA Kabupaten Indramayu",
            services=("psychosocial", "shelter"),
            authority=Authority.REGIONAL,
            regions=("Indramayu",),
        ),
    )
    kbri = agency_create(
        actor=admin,
        data=AgencyInput(
            name="KBRI Kuala Lumpur",
            services=("legal", "repatriation", "shelter"),
            authority=Authority.REGIONAL,
            countries=("MY",),
        ),
    )
    ministry = agency_create(
        actor=admin,
        data=AgencyInput(
            name="Kementerian Ketenagakerjaan",
            services=("mediation", "legal"),
            authority=Authority.CENTRAL,
        ),
    )
    old = agency_create(
        actor=admin,
        data=AgencyInput(
            name="Shelter lama", services=("shelter",), authority=Authority.CENTRAL, active=False
        ),
    )
    with in_schema(org_a.organisation):
        reader = member(org_a, Role.CASE_LAWYER)
        every = list(agencies_for(actor=reader))
        assert old not in every and len(every) == 4
        assert list(agencies_for(actor=reader, service="shelter")) == [kbri, ppa]
        assert list(agencies_for(actor=reader, region="  indramayu")) == [ministry, ppa]
        assert list(agencies_for(actor=reader, region="MY")) == [kbri, ministry]
        assert list(agencies_for(actor=reader, service="legal", region="Jawa Barat")) == [
            ministry,
            bp3mi,
        ]
        groups = agencies_by_region(every)
    assert groups[0].key == "central" and groups[0].agencies == (ministry,)
    by_key = {g.key: g.agencies for g in groups}
    assert by_key["r:jawa barat"] == (bp3mi,)
    assert by_key["r:indramayu"] == (ppa,)
    assert by_key["c:MY"] == (kbri,)
