"""Three fictional member organisations with staff for every role and ~50 realistic cases each."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker
from oauth2_provider.models import Application

from hub.accounts.access import Actor
from hub.accounts.models import Membership, OrganisationApplication, User
from hub.accounts.roles import NETWORK_ROLES, ORGANISATION_ROLES, Role
from hub.consent.models import ConsentRecord
from hub.consent.services import ConsentChoices
from hub.demo import (
    seed_access,
    seed_consent,
    seed_contributions,
    seed_projection,
    seed_queues,
    seed_referrals,
    seed_shares,
    seed_transfers,
)
from hub.demo.actors import ROLE_MAILBOX, demo_staff
from hub.demo.care import payslip, serve_case
from hub.demo.casework import document_case, walk_case
from hub.demo.clocks import demo_clock_facts, demo_service_levels
from hub.intake.routing_rules import RoutingRuleInput, routing_rule_create
from hub.intake.services import ComplaintInput, complaint_submit
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation, OrganisationKind
from hub.organisations.provisioning import organisation_provision
from sharing.services import share_grant
from tenants.cases.lifecycle import Stage
from tenants.cases.models import Case
from tenants.cases.registration import Intake, case_open_from_complaint, case_register
from tenants.cases.services import case_rollup_refresh
from tenants.people.services import (
    PersonData,
)

DEMO_PASSWORD = "demo-hub-2026"  # noqa: S105 - printed for the demo on purpose

ORGANISATIONS = [
    {
        "slug": "lbh-jakarta",
        "name": "LBH Jakarta (demo)",
        "kind": OrganisationKind.LEGAL_AID,
        "regions": ["DKI Jakarta", "Banten"],
        "countries": ["MY", "SA", "AE"],
        "issue_types": ["unpaid_wages", "trafficking", "detention", "contract_violation"],
        "languages": ["id", "en"],
        "contact_email": "pengaduan@lbh-jakarta.demo",
        "contact_phone": "+62 21 3145 518",
        "address": "Jl. Diponegoro No. 74, Menteng, Jakarta Pusat",
    },
    {
        "slug": "sbmi-indramayu",
        "name": "SBMI Cabang Indramayu (demo)",
        "kind": OrganisationKind.UNION,
        "regions": ["Jawa Barat", "Indramayu", "Cirebon"],
        "countries": ["TW", "KR", "MY"],
        "issue_types": ["excessive_fees", "documents_withheld", "repatriation", "death_or_injury"],
        "languages": ["id", "jv", "su"],
        "contact_email": "advokasi@sbmi-indramayu.demo",
        "contact_phone": "+62 234 272 101",
        "address": "Jl. Jenderal Sudirman No. 12, Indramayu",
    },
    {
        "slug": "migrant-aid-hk",
        "name": "Migrant Aid Hong Kong (demo)",
        "kind": OrganisationKind.SERVICE,
        "regions": ["Hong Kong", "Macau"],
        "countries": ["HK", "MO"],
        "issue_types": ["unpaid_wages", "violence", "documents_withheld", "undocumented"],
        "languages": ["id", "en", "zh"],
        "contact_email": "help@migrant-aid-hk.demo",
        "contact_phone": "+852 2345 6789",
        "address": "Causeway Bay, Hong Kong",
    },
    {
        "slug": "uptd-ppa-tangerang",
        "name": "UPTD PPA Kabupaten Tangerang (demo)",
        "kind": OrganisationKind.CRISIS_CENTRE,
        "regions": ["Banten", "Kabupaten Tangerang"],
        "countries": ["SA", "MY", "AE"],
        "issue_types": ["violence", "trafficking", "unpaid_wages", "repatriation"],
        "languages": ["id"],
        "contact_email": "layanan@uptd-ppa-tangerang.demo",
        "contact_phone": "+62 21 5997 0000",
        "address": "Jl. Atiek Soeardi No. 1, Tigaraksa, Kabupaten Tangerang",
    },
]

# Routing rules for complaints that let the network choose: where each organisation works
# (destination countries, issues) and whom it knows at home (the worker's region). The more
# specific rule wins; the crisis centre takes violence and trafficking from its own regions.
ROUTING_RULES = [
    {
        "organisation": "lbh-jakarta",
        "countries": ("MY", "SA", "AE"),
        "issue_types": ("unpaid_wages", "trafficking", "detention", "contract_violation"),
        "priority": 10,
        "note": "Malaysia dan Timur Tengah: gaji, kontrak, penahanan, perdagangan orang",
    },
    {
        "organisation": "lbh-jakarta",
        "home_regions": ("DKI Jakarta", "Banten"),
        "note": "Pekerja asal Jakarta dan Banten, negara mana pun",
    },
    {
        "organisation": "sbmi-indramayu",
        "countries": ("TW", "KR", "MY"),
        "issue_types": ("excessive_fees", "documents_withheld", "repatriation", "death_or_injury"),
        "priority": 10,
        "note": "Taiwan, Korea, Malaysia: biaya, dokumen ditahan, pemulangan, kecelakaan",
    },
    {
        "organisation": "sbmi-indramayu",
        "home_regions": ("Jawa Barat", "Indramayu", "Cirebon"),
        "note": "Pekerja asal Jawa Barat, negara mana pun",
    },
    {
        "organisation": "migrant-aid-hk",
        "countries": ("HK", "MO"),
        "priority": 10,
        "note": "Semua pengaduan dari Hong Kong dan Makau",
    },
    {
        "organisation": "uptd-ppa-tangerang",
        "home_regions": ("Banten", "Kabupaten Tangerang"),
        "issue_types": ("violence", "trafficking"),
        "priority": 20,
        "note": "Korban kekerasan dan perdagangan orang asal Banten: layanan pemulihan",
    },
]

STORIES = {
    "unpaid_wages": ("Gaji tidak dibayar", "Gaji {n} bulan tidak dibayar oleh majikan di {city}."),
    "documents_withheld": (
        "Paspor ditahan",
        "Paspor dan kontrak kerja ditahan oleh agensi di {city}.",
    ),
    "excessive_fees": (
        "Potongan biaya penempatan",
        "Dipotong gaji {n} bulan untuk biaya penempatan PT {agency}.",
    ),
    "trafficking": (
        "Dugaan perdagangan orang",
        "Direkrut sponsor dari desa, dijanjikan kerja pabrik, lalu dipekerjakan di {city}.",
    ),
    "violence": (
        "Kekerasan oleh majikan",
        "Mengalami kekerasan fisik dan ancaman dari majikan di {city}.",
    ),
    "detention": (
        "Ditahan imigrasi",
        "Ditahan pihak imigrasi {city} karena izin kerja tidak diperpanjang agensi.",
    ),
    "repatriation": (
        "Pemulangan",
        "Meminta bantuan pemulangan dari {city} setelah kontrak diputus sepihak.",
    ),
    "death_or_injury": (
        "Kecelakaan kerja",
        "Mengalami kecelakaan kerja di {city}; klaim asuransi ditolak.",
    ),
    "contract_violation": (
        "Kontrak dilanggar",
        "Jenis pekerjaan dan jam kerja di {city} berbeda dengan kontrak.",
    ),
    "undocumented": ("Tidak berdokumen", "Kabur dari majikan di {city}, kini tidak berdokumen."),
}

CITIES = {
    "MY": ["Kuala Lumpur", "Johor Bahru", "Penang"],
    "SA": ["Riyadh", "Jeddah"],
    "AE": ["Dubai", "Abu Dhabi"],
    "TW": ["Taipei", "Taichung"],
    "KR": ["Busan", "Ansan"],
    "HK": ["Hong Kong", "Kowloon", "Sha Tin"],
    "MO": ["Macau"],
}


@dataclass
class DemoResult:
    organisations: list[dict]
    users: list[dict]
    applications: list[dict]


def _user(email: str, role: str, organisation: Organisation | None, name: str) -> dict:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, full_name=name, is_staff=role == Role.NETWORK_ADMIN
    )
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return {
        "email": email,
        "password": DEMO_PASSWORD,
        "role": role,
        "organisation": organisation.slug if organisation else None,
    }


def _application(organisation: Organisation) -> dict:
    secret = secrets.token_urlsafe(32)
    application = Application.objects.create(
        name=f"{organisation.name}: sistem anggota",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
    )
    OrganisationApplication.objects.create(application=application, organisation=organisation)
    return {
        "organisation": organisation.slug,
        "client_id": application.client_id,
        "client_secret": secret,
        "grant_type": "client_credentials",
        "token_url": "/o/token/",
    }


def _seed_organisation(
    spec: dict, fake: Faker, rng: random.Random, users: list[dict]
) -> Organisation:
    organisation = organisation_provision(**spec)
    demo_service_levels(organisation)
    mailbox_domain = f"{spec['slug']}.demo"
    for role in sorted(ORGANISATION_ROLES):
        users.append(
            _user(f"{ROLE_MAILBOX[role]}@{mailbox_domain}", role, organisation, fake.name())
        )

    def actor_for(role: str) -> Actor:
        return demo_staff(organisation, role)

    served = 0
    with organisation_context(organisation):
        for index in range(50):
            issue = rng.choice(spec["issue_types"])
            country = rng.choice(spec["countries"])
            city = rng.choice(CITIES[country])
            title, story = STORIES[issue]
            narrative = story.format(n=rng.randint(2, 9), city=city, agency=fake.company())
            female = rng.random() < 0.75
            victim = PersonData(
                display_name=fake.name_female() if female else fake.name_male(),
                gender="female" if female else "male",
                phone=fake.phone_number(),
                domicile=f"{fake.city()}, {rng.choice(spec['regions'])}",
            )
            if index % 2 == 0:
                complaint = complaint_submit(
                    data=ComplaintInput(
                        reporter_type=rng.choice(["worker", "worker", "family", "paralegal"]),
                        reporter_name=victim.display_name,
                        contact_phone=victim.phone,
                        country_of_work=country,
                        work_city=city,
                        home_region=spec["regions"][0],
                        agency_name=f"PT {fake.last_name()} Jaya Abadi",
                        issue_types=(issue,),
                        narrative=narrative,
                        organisation=organisation,
                        consent=ConsentChoices(
                            contact=True,
                            share=rng.random() < 0.7,
                            refer=rng.random() < 0.4,
                            statistics=True,
                        ),
                    )
                )
                if index >= 46:
                    continue  # a few stay in the inbox, waiting for the division head
                case = case_open_from_complaint(
                    actor=actor_for(Role.DIVISION_HEAD), receipt_code=complaint.receipt_code
                )
            else:
                eligible = rng.random() < 0.7
                case = case_register(
                    intake=Intake(
                        arrival_channel=rng.choice(["walk_in", "walk_in", "phone", "referral"]),
                        arrived_at=timezone.now() - timedelta(days=rng.randint(1, 30)),
                        legal_aid_eligible=eligible,
                        eligibility_document=(
                            f"SKTM Kelurahan {fake.city()} No. {rng.randint(10, 400)}/2026"
                            if eligible
                            else ""
                        ),
                    ),
                    consent=ConsentChoices(
                        contact=True,
                        share=rng.random() < 0.6,
                        refer=rng.random() < 0.3,
                        statistics=rng.random() < 0.95,
                    ),
                    actor=actor_for(Role.RECEPTIONIST),
                    title=f"{title}, {city}",
                    summary=narrative,
                    case_types=[issue],
                    complainant=victim,
                )
            Case.objects.filter(pk=case.pk).update(
                opened_at=timezone.now() - timedelta(days=rng.randint(1, 540))
            )
            walk_case(actor_for, case, rng)
            document_case(actor_for, case, issue, country, city, fake, rng)
            if issue == "unpaid_wages" and index % 3 == 0:
                payslip(actor_for(Role.RECEPTIONIST), case, fake.name(), rng.randint(2, 9))
            if spec["kind"] == OrganisationKind.CRISIS_CENTRE:
                case.refresh_from_db()
                if case.stage == Stage.ACCOMPANIMENT:
                    served += 1
                    serve_case(actor_for, case, rng, finish=served % 2 == 0)
        demo_clock_facts(organisation)
        case_rollup_refresh(organisation=organisation)
    return organisation


@transaction.atomic
def seed_demo(*, seed: int = 2026) -> DemoResult:
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    users: list[dict] = []
    organisations = [_seed_organisation(spec, fake, rng, users) for spec in ORGANISATIONS]
    for role in sorted(NETWORK_ROLES):
        users.append(_user(f"{ROLE_MAILBOX[role]}@jaringan.demo", role, None, fake.name()))
    applications = [_application(o) for o in organisations]
    admin = User.objects.get(email=f"{ROLE_MAILBOX[Role.NETWORK_ADMIN]}@jaringan.demo")
    demo_routing_rules(
        organisations,
        Actor(label=admin.email, roles=frozenset({Role.NETWORK_ADMIN}), user_id=admin.pk),
    )
    _share_some(organisations)
    seed_shares.seed(organisations=organisations)
    seed_contributions.seed(organisations=organisations)
    national = seed_access.seed(organisations=organisations, users=users, fake=fake)
    if national is not None:
        organisations.append(national)
    seed_referrals.seed(organisations=organisations)
    seed_transfers.seed(organisations=organisations)
    seed_consent.seed(organisations=organisations)
    seed_projection.seed(organisations=organisations)
    seed_queues.seed(organisations=organisations)  # last: hashes every case seeded before
    return DemoResult(
        organisations=[
            {"slug": o.slug, "name": o.name, "url": f"http://127.0.0.1:8000/org/{o.slug}/"}
            for o in organisations
        ],
        users=users,
        applications=applications,
    )


def demo_routing_rules(organisations: list[Organisation], actor: Actor) -> None:
    """The demo's rules, written by its network admin through the routing rules service."""
    by_slug = {o.slug: o for o in organisations}
    for spec in ROUTING_RULES:
        routing_rule_create(
            actor=actor,
            data=RoutingRuleInput(**{**spec, "organisation": by_slug[spec["organisation"]]}),
        )


def _share_some(organisations: list[Organisation]) -> None:
    owner, recipient = organisations[0], organisations[1]
    head = User.objects.get(email=f"kabid@{owner.slug}.demo")
    actor = Actor(
        label=head.email, roles=frozenset({Role.DIVISION_HEAD}), organisation=owner, user_id=head.pk
    )
    with organisation_context(owner):
        consented = ConsentRecord.objects.filter(
            organisation=owner, share=True, case_id__isnull=False
        ).values_list("case_id", flat=True)[:2]
        for case_id in consented:
            share_grant(
                actor=actor, case_id=case_id, recipient=recipient, sections=["summary", "events"]
            )
