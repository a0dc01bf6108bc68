"""Demo "same worker, two members": Siti Rohmah from Indramayu is a client of LBH Jakarta and of
the SBMI branch of her home town; both recorded her passport and phone number, spelt
differently, and she agreed at both to sharing with other members, so each sees the other on
the case's "possible same person" page. Dewi Lestari is a client of LBH Jakarta and of Migrant
Aid Hong Kong but agreed to no sharing: both see only that a possible match exists. (Existing
demo clients are given these identities, so the number of cases stays as it was.) Then every
demo case's identifiers are hashed.

The work queue needs no data of its own: it shows the demo's referrals, transfers, shares and
access requests (seeded by their own apps)."""

from __future__ import annotations

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.consent.models import Purpose
from hub.consent.selectors import consent_for_case
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from hub.vocab.stages import Status
from sharing.identity.services import identity_rehash
from tenants.cases.models import Case, CasePerson
from tenants.cases.registration import CLIENT_ROLES
from tenants.people.services import person_update

SITI = {
    "display_name": "Siti Rohmah",
    "gender": "female",
    "domicile": "Desa Juntinyuat, Indramayu",
    "nik": "3212014507900003",
}
DEWI = {"display_name": "Dewi Lestari", "gender": "female", "phone": "0857-1122-3344"}


def _client_case(organisation: Organisation, *, sharing: bool) -> int | None:
    """The first open case whose client's consent allows sharing with any member (or allows
    none, when `sharing` is False)."""
    with organisation_context(organisation):
        ids = (
            Case.objects.filter(restricted=False, roles__role__in=CLIENT_ROLES)
            .exclude(status=Status.TRANSFERRED)
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        )
        for case_id in ids:
            consent = consent_for_case(organisation=organisation, case_id=case_id)
            if consent is None or consent.withdrawn_at is not None:
                continue
            if sharing and consent.covers(Purpose.SHARE) and not consent.share_with:
                return case_id
            if not sharing and not consent.share:
                return case_id
    return None


def _become(organisation: Organisation, case_id: int, identity: dict) -> None:
    """The case's client gets this worker's name and identifiers, through the people service."""
    head = Actor(
        label=f"kabid@{organisation.slug}.demo",
        roles=frozenset({Role.DIVISION_HEAD}),
        organisation=organisation,
    )
    with organisation_context(organisation):
        link = CasePerson.objects.filter(case_id=case_id, role__in=CLIENT_ROLES).first()
        person = link.person
        person_update(actor=head, person_id=person.pk, version=person.version, changes=identity)


def same_worker_pairs(
    first: Organisation, second: Organisation, third: Organisation
) -> list[tuple[int, int]]:
    """Two workers, each a client of two members; only the first consented to sharing. Returns
    the pairs of case ids made (a pair is skipped when a member has no fitting case)."""
    pairs = []
    siti = (_client_case(first, sharing=True), _client_case(second, sharing=True))
    if all(siti):
        _become(
            first, siti[0], {**SITI, "passport_number": "C 2345671", "phone": "+62 812-2345-6789"}
        )
        _become(second, siti[1], {**SITI, "passport_number": "c2345671", "phone": "0812 2345 6789"})
        pairs.append(siti)
    dewi = (_client_case(first, sharing=False), _client_case(third, sharing=False))
    if all(dewi):
        _become(first, dewi[0], {**DEWI, "domicile": "Kabupaten Cirebon"})
        _become(third, dewi[1], {**DEWI, "domicile": "Causeway Bay, Hong Kong"})
        pairs.append(dewi)
    return pairs


def seed(*, organisations: list[Organisation]) -> None:
    by_slug = {o.slug: o for o in organisations}
    members = [by_slug.get(s) for s in ("lbh-jakarta", "sbmi-indramayu", "migrant-aid-hk")]
    if all(members):
        same_worker_pairs(*members)
    identity_rehash(organisations=organisations)
