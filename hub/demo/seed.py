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
from hub.intake.services import ComplaintInput, complaint_submit
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation, OrganisationKind
from hub.organisations.provisioning import organisation_provision
from sharing.services import share_grant
from tenants.cases.assignments import assignment_appoint, case_take
from tenants.cases.decisions import decision_comment_add, decision_request_create, decision_settle
from tenants.cases.models import Case
from tenants.cases.registration import Intake, case_open_from_complaint, case_register
from tenants.cases.services import case_rollup_refresh
from tenants.events.services import ActData, EventData, act_record, event_record
from tenants.litigation.services import ProceedingData, hearing_add, proceeding_record
from tenants.people.services import (
    CaseRoleData,
    PersonData,
    PlacementData,
    person_add_to_case,
    placement_add,
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
]

ROLE_MAILBOX = {
    Role.OFFICE_ADMIN: "admin",
    Role.RECEPTIONIST: "resepsionis",
    Role.CONSULTATION_LAWYER: "pbh-konsultasi",
    Role.CONSULTATION_ASSISTANT: "asisten-konsultasi",
    Role.CASE_LAWYER: "pbh-kasus",
    Role.CASE_ASSISTANT: "asisten-kasus",
    Role.DIVISION_HEAD: "kabid",
    Role.PARALEGAL: "paralegal",
    Role.COUNSELLOR: "konselor",
    Role.MEDIATOR: "mediator",
    Role.COMPANION: "pendamping",
    Role.ANALYST: "analis",
    Role.COORDINATOR: "koordinator",
    Role.NETWORK_ADMIN: "admin-jaringan",
    Role.NETWORK_ANALYST: "analis-jaringan",
}

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
EVENTS = [
    "Berangkat ke {city} melalui {agency} dengan visa kerja.",
    "Paspor diambil oleh agensi setibanya di {city} dan tidak dikembalikan.",
    "Majikan berhenti membayar gaji; pekerja dijanjikan akan dibayar akhir kontrak.",
    "Pekerja melapor ke perwakilan RI (KBRI/KJRI) di {city}.",
    "Keluarga melapor ke Dinas Tenaga Kerja kabupaten asal.",
    "Pekerja keluar dari rumah majikan dan tinggal di shelter di {city}.",
    "Agensi meminta biaya tambahan untuk memperpanjang kontrak.",
    "Mediasi pertama dengan agensi; agensi tidak hadir.",
    "Pengaduan resmi diajukan ke dinas ketenagakerjaan setempat di {city}.",
    "Pekerja dipulangkan ke Indonesia dan dijemput keluarga di bandara.",
]

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


RIGHTS = {
    "unpaid_wages": ["right_to_fair_wages", "just_conditions_of_work"],
    "contract_violation": ["just_conditions_of_work"],
    "documents_withheld": ["freedom_of_movement"],
    "excessive_fees": ["just_conditions_of_work", "freedom_from_slavery"],
    "violence": ["right_to_security", "freedom_from_torture"],
    "trafficking": ["freedom_from_slavery", "freedom_of_movement"],
    "undocumented": ["right_to_legal_aid", "right_to_liberty"],
    "detention": ["right_to_liberty", "right_to_fair_trial"],
    "repatriation": ["freedom_of_movement"],
}
PERPETRATORS = ["placement_agency", "employer", "recruiter", "foreign_agency"]


def _document_case(actor_for, case: Case, issue: str, country: str, city: str, fake, rng):
    """People, the placement abroad, events with coded acts and, for some accompanied cases, a
    proceeding: recorded by whoever works on the case, as in an office."""
    mine = {a.role: a.user_id for a in case.assignments.filter(ended_at__isnull=True)}
    worker = actor_for(Role.CONSULTATION_LAWYER) if mine else actor_for(Role.DIVISION_HEAD)
    client = case.roles.filter(role__in=["complainant", "applicant"]).first()
    victim_ids: tuple[int, ...] = ()
    if client is not None:
        person_add_to_case(
            actor=worker,
            case_id=case.pk,
            link=CaseRoleData(role="victim", legal_status=rng.choice(["", "", "witness"])),
            person_id=client.person_id,
        )
        victim_ids = (client.person_id,)
        agency = f"PT {fake.last_name()} Jaya Abadi"
        placement_add(
            actor=worker,
            person_id=client.person_id,
            data=PlacementData(
                destination_country=country,
                destination_city=city,
                employer_name=fake.name(),
                agency_name=agency,
                procedural=rng.random() < 0.6,
                departed_on=fake.date_between(start_date="-4y", end_date="-1y"),
                document_status=rng.choice(["documented", "undocumented", "overstaying"]),
            ),
        )
    known = rng.random() < 0.6
    perpetrator = person_add_to_case(
        actor=worker,
        case_id=case.pk,
        link=CaseRoleData(
            role="perpetrator",
            perpetrator_type=rng.choice(PERPETRATORS),
            willingness=rng.choice(["unwilling", ""]),
        ),
        person=PersonData(display_name=f"PT {fake.last_name()} Sukses Mandiri" if known else ""),
    )
    for _ in range(rng.randint(1, 3)):
        event = event_record(
            actor=worker,
            case=case,
            data=EventData(
                occurred_on=fake.date_between(start_date="-2y", end_date="-1d"),
                date_precision=rng.choice(["day", "day", "month"]),
                place=city,
                country=country,
                description=rng.choice(EVENTS).format(
                    city=city, agency=f"PT {fake.last_name()} Jaya Abadi"
                ),
            ),
        )
        act_record(
            actor=worker,
            case_id=case.pk,
            event_id=event.pk,
            data=ActData(
                rights_violated=tuple(RIGHTS.get(issue, ["other"])),
                legal_basis=("uu_18_2017_ppmi",)
                + (("uu_21_2007_tppo",) if issue == "trafficking" else ()),
                victim_ids=victim_ids,
                perpetrator_ids=(perpetrator.person_id,) if known else (),
            ),
        )
    if case.stage == "accompaniment" and rng.random() < 0.5:
        proceeding = proceeding_record(
            actor=actor_for(Role.CASE_LAWYER),
            case_id=case.pk,
            data=ProceedingData(
                kind=rng.choice(["police_report", "labour_court", "mediation"]),
                body=rng.choice(["Bareskrim Polri", "PHI PN Jakarta Pusat", "BP2MI"]),
                register_number=f"LP/B/{rng.randint(100, 999)}/2026",
                stage=rng.choice(["report", "investigation", "mediation"]),
                started_on=fake.date_between(start_date="-1y", end_date="-1d"),
            ),
        )
        hearing_add(
            actor=actor_for(Role.CASE_LAWYER),
            case_id=case.pk,
            proceeding_id=proceeding.pk,
            held_on=fake.date_between(start_date="-6m", end_date="-1d"),
            agenda="Pemeriksaan saksi korban",
        )


def _walk_case(actor_for, case: Case, rng: random.Random) -> None:
    """Walk a case as an office does: take it from the queue, ask for decisions, discuss,
    approve, appoint; stop anywhere along the way, as real cases do."""
    lawyer, head = actor_for(Role.CONSULTATION_LAWYER), actor_for(Role.DIVISION_HEAD)
    path = rng.choice(
        [
            "queue",
            "consultation",
            "asked",
            "meeting",
            "accompanied",
            "accompanied",
            "closed",
            "rejected",
            "consulted",
            "referred",
        ]
    )
    if path == "queue":
        return
    case_take(actor=lawyer, case_id=case.pk)
    if path == "consultation":
        return
    if path in ("rejected", "consulted", "referred"):
        move, code, reason = {
            "rejected": ("reject", "outside_mandate", "Kasus di luar wilayah kerja kantor."),
            "consulted": ("terminate", "consultation_sufficient", "Klien cukup dengan konsultasi."),
            "referred": ("refer", "", "Dirujuk ke UPTD PPA untuk layanan psikologis."),
        }[path]
        asked = decision_request_create(
            actor=lawyer, case_id=case.pk, move=move, reason=reason, reason_code=code
        )
        decision_settle(actor=head, request_id=asked.pk, outcome="approved", comment="Setuju.")
        return
    asked = decision_request_create(
        actor=lawyer,
        case_id=case.pk,
        move="case_meeting",
        reason="Ada dugaan pelanggaran berat; perlu dibahas di rapat kasus.",
    )
    decision_comment_add(
        actor=head, request_id=asked.pk, body="Apakah klien sudah membawa salinan kontrak kerja?"
    )
    decision_comment_add(
        actor=lawyer, request_id=asked.pk, body="Sudah, kontrak dan bukti transfer gaji terlampir."
    )
    if path == "asked":
        return  # waits on the Kabid's list of pending decisions
    decision_settle(
        actor=head, request_id=asked.pk, outcome="approved", comment="Jadwalkan rapat kasus Senin."
    )
    if path == "meeting":
        return
    for role, instruction in (
        (Role.CASE_LAWYER, "Dampingi klien membuat laporan dan pantau perkembangannya."),
        (Role.CASE_ASSISTANT, "Siapkan kronologi dan berkas bukti dalam 1 hari."),
    ):
        assignment_appoint(
            actor=head,
            case_id=case.pk,
            user_id=actor_for(role).user_id,
            role=role,
            instruction=instruction,
        )
    if path == "closed":
        asked = decision_request_create(
            actor=actor_for(Role.CASE_LAWYER),
            case_id=case.pk,
            move="terminate",
            reason_code="goals_met",
            reason="Tujuan pendampingan tercapai: gaji dibayar penuh.",
        )
        decision_settle(actor=head, request_id=asked.pk, outcome="approved")


def _seed_organisation(
    spec: dict, fake: Faker, rng: random.Random, users: list[dict]
) -> Organisation:
    organisation = organisation_provision(**spec)
    mailbox_domain = f"{spec['slug']}.demo"
    for role in sorted(ORGANISATION_ROLES):
        users.append(
            _user(f"{ROLE_MAILBOX[role]}@{mailbox_domain}", role, organisation, fake.name())
        )

    def actor_for(role: str) -> Actor:
        user = User.objects.get(email=f"{ROLE_MAILBOX[role]}@{mailbox_domain}")
        return Actor(
            label=user.email,
            roles=frozenset({role}),
            organisation=organisation,
            user_id=user.pk,
            display_name=user.full_name,
        )

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
            _walk_case(actor_for, case, rng)
            _document_case(actor_for, case, issue, country, city, fake, rng)
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
    _share_some(organisations)
    return DemoResult(
        organisations=[
            {"slug": o.slug, "name": o.name, "url": f"http://127.0.0.1:8000/org/{o.slug}/"}
            for o in organisations
        ],
        users=users,
        applications=applications,
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
