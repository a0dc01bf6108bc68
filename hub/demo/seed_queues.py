"""Demo "same worker, two members": Siti Rohmah from Indramayu came to LBH Jakarta about
unpaid wages in Malaysia and to the SBMI branch of her home town about her withheld passport;
both recorded her passport and phone number, spelt differently, and she agreed at both to
sharing with other members, so each sees the other on the case's "possible same person" page.
Dewi Lestari went to LBH Jakarta and to Migrant Aid Hong Kong but agreed to no sharing: both
see only that a possible match exists. Then every demo case's identifiers are hashed.

The work queue needs no data of its own: it shows the demo's referrals, transfers, shares and
access requests (seeded by their own apps)."""

from __future__ import annotations

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.consent.services import ConsentChoices
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.identity.services import identity_rehash
from tenants.cases.models import Case
from tenants.cases.registration import Intake, case_register
from tenants.people.services import PersonData

SITI = {
    "display_name": "Siti Rohmah",
    "gender": "female",
    "domicile": "Desa Juntinyuat, Indramayu",
    "nik": "3212014507900003",
}
DEWI = {"display_name": "Dewi Lestari", "gender": "female", "phone": "0857-1122-3344"}


def _register(
    organisation: Organisation, *, title: str, summary: str, client: PersonData, share: bool
) -> Case:
    receptionist = Actor(
        label=f"resepsionis@{organisation.slug}.demo",
        roles=frozenset({Role.RECEPTIONIST}),
        organisation=organisation,
    )
    with organisation_context(organisation):
        return case_register(
            actor=receptionist,
            title=title,
            summary=summary,
            complainant=client,
            consent=ConsentChoices(contact=True, share=share, refer=False, statistics=True),
            intake=Intake(arrival_channel="walk_in"),
        )


def same_worker_pairs(
    first: Organisation, second: Organisation, third: Organisation
) -> list[tuple[Case, Case]]:
    """Two workers, each recorded by two members; the first pair consented to sharing."""
    siti = (
        _register(
            first,
            title="Gaji tidak dibayar 8 bulan, Johor Bahru",
            summary="Bekerja sebagai PRT di Johor Bahru; gaji 8 bulan tidak dibayar majikan.",
            client=PersonData(**SITI, passport_number="C 2345671", phone="+62 812-2345-6789"),
            share=True,
        ),
        _register(
            second,
            title="Paspor ditahan agensi, Indramayu",
            summary="Paspor Siti masih ditahan oleh P3MI setelah ia pulang dari Malaysia.",
            client=PersonData(**SITI, passport_number="c2345671", phone="0812 2345 6789"),
            share=True,
        ),
    )
    dewi = (
        _register(
            first,
            title="Kontrak diputus sepihak, Hong Kong",
            summary="Kontrak kerja diputus tanpa pesangon; kini di Jakarta.",
            client=PersonData(**DEWI, domicile="Kabupaten Cirebon"),
            share=False,
        ),
        _register(
            third,
            title="Dipecat tanpa pemberitahuan, Causeway Bay",
            summary="Dipecat tanpa pemberitahuan; mencari bantuan klaim di Labour Tribunal.",
            client=PersonData(**DEWI, domicile="Causeway Bay"),
            share=False,
        ),
    )
    return [siti, dewi]


def seed(*, organisations: list[Organisation]) -> None:
    by_slug = {o.slug: o for o in organisations}
    members = [by_slug.get(s) for s in ("lbh-jakarta", "sbmi-indramayu", "migrant-aid-hk")]
    if all(members):
        same_worker_pairs(*members)
    identity_rehash(organisations=organisations)
