"""How the demo works its cases: as an office does, through the same services as people."""

from __future__ import annotations

import random

from hub.accounts.roles import Role
from tenants.cases.assignments import assignment_appoint, case_take
from tenants.cases.decisions import decision_comment_add, decision_request_create, decision_settle
from tenants.cases.models import Case
from tenants.events.services import ActData, EventData, act_record, event_record
from tenants.litigation.services import ProceedingData, hearing_add, proceeding_record
from tenants.people.services import (
    CaseRoleData,
    PersonData,
    PlacementData,
    person_add_to_case,
    placement_add,
)

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


def document_case(actor_for, case: Case, issue: str, country: str, city: str, fake, rng):
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


def appoint(actor_for, case: Case, *appointments: tuple[str, str]) -> None:
    """The division head appoints the demo office's member in each role, with an instruction."""
    for role, instruction in appointments:
        assignment_appoint(
            actor=actor_for(Role.DIVISION_HEAD),
            case_id=case.pk,
            user_id=actor_for(role).user_id,
            role=role,
            instruction=instruction,
        )


def walk_case(actor_for, case: Case, rng: random.Random) -> None:
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
    appoint(
        actor_for,
        case,
        (Role.CASE_LAWYER, "Dampingi klien membuat laporan dan pantau perkembangannya."),
        (Role.CASE_ASSISTANT, "Siapkan kronologi dan berkas bukti dalam 1 hari."),
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
