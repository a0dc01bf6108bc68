"""How the demo crisis centre serves its clients (seeds 002-004): a case conference, an
assessment, a plan the client signs, services by two providers, contacts, the six-month
review and termination with the client's feedback; through the same services as people."""

from __future__ import annotations

import random
from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from hub.accounts.roles import Role
from hub.demo.casework import appoint
from tenants.care.assessments import AssessmentData, assessment_record
from tenants.care.interventions import (
    ContactData,
    InterventionData,
    contact_log,
    intervention_document_add,
    intervention_log,
    intervention_update,
)
from tenants.care.models import ServicePlan
from tenants.care.plans import goal_add, goal_step_add, plan_agreement_record, plan_draft
from tenants.care.reviews import conference_record, review_record
from tenants.care.termination import (
    TerminationData,
    termination_form_add,
    termination_request,
    termination_write,
)
from tenants.cases.decisions import decision_settle
from tenants.cases.models import Case
from tenants.documents.services import document_upload


def paper(title: str, lines: list[str]) -> SimpleUploadedFile:
    """A photographed sheet of paper: what staff upload from a phone camera."""
    image = Image.new("RGB", (900, 1200), (246, 244, 236))
    draw = ImageDraw.Draw(image)
    heading, text = ImageFont.load_default(size=44), ImageFont.load_default(size=30)
    draw.rectangle((40, 40, 860, 1160), outline=(60, 60, 60), width=3)
    draw.text((80, 90), title, fill=(20, 20, 20), font=heading)
    draw.line((80, 160, 820, 160), fill=(60, 60, 60), width=2)
    for row, line in enumerate(lines):
        draw.text((80, 200 + row * 60), line, fill=(40, 40, 40), font=text)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile(f"{title.lower().replace(' ', '-')}.jpg", buffer.getvalue())


def payslip(actor, case: Case, employer: str, months: int) -> None:
    """The payslip photo a worker brings: a document of the case with its preview."""
    lines = [
        f"Majikan: {employer}",
        "Gaji pokok: RM 1.500 / bulan",
        "Potongan agensi: RM 450",
        f"Gaji tertunggak: {months} bulan",
        "",
        "Tanda tangan majikan: ________",
    ]
    document_upload(
        actor=actor, case_id=case.pk, file=paper("SLIP GAJI", lines), title="Foto slip gaji"
    )


def serve_case(actor_for, case: Case, rng: random.Random, *, finish: bool) -> None:
    """A case in accompaniment served from the case conference on; `finish` ends it."""
    head = actor_for(Role.DIVISION_HEAD)
    appoint(
        actor_for,
        case,
        (Role.COUNSELLOR, "Konseling trauma mingguan; nilai risiko setiap sesi."),
        (Role.COMPANION, "Dampingi ke rumah aman dan ke layanan kesehatan."),
    )
    counsellor, companion = actor_for(Role.COUNSELLOR), actor_for(Role.COMPANION)
    manager = actor_for(Role.CASE_LAWYER)
    today = timezone.localdate()
    began = today - timedelta(days=rng.randint(190, 230))
    # The demo's cases were opened at random dates; this one opened just before its services.
    Case.objects.filter(pk=case.pk).update(
        opened_at=timezone.now() - timedelta(days=(today - began).days + 2)
    )
    conference_record(
        actor=head,
        case_id=case.pk,
        held_on=began,
        participants="Kepala Bidang\nAdvokat pendamping\nKonselor\nPendamping\nDinas Sosial",
        agenda="Rencana layanan awal dan keamanan klien",
        decisions="Klien ditempatkan di rumah aman; visum dan konseling minggu ini.",
    )
    assessment_record(
        actor=manager,
        case_id=case.pk,
        data=AssessmentData(
            assessed_on=began,
            risk_level="high",
            urgency="urgent",
            problem="Klien mengalami kekerasan fisik oleh majikan dan gajinya tidak dibayar.",
            needs=("shelter", "health", "psychosocial", "legal"),
            risks="Majikan dan agensi mengetahui alamat keluarga klien.",
            strengths="Klien berani bersaksi dan menyimpan salinan kontrak.",
            resources="Ibu dan kakak di kampung; serikat pekerja migran cabang.",
        ),
    )
    plan = plan_draft(actor=manager, case_id=case.pk, note="Rencana awal setelah rapat kasus")
    safe = goal_add(
        actor=manager,
        case_id=case.pk,
        plan_id=plan.pk,
        term="short",
        description="Klien aman dan pulih secara fisik",
        barriers="Klien takut keluar rumah aman",
    )
    goal_step_add(
        actor=manager,
        case_id=case.pk,
        goal_id=safe.pk,
        who="Pendamping",
        what="Antar ke rumah aman dan ke RSUD untuk visum",
        due_on=began + timedelta(days=3),
    )
    rights = goal_add(
        actor=manager,
        case_id=case.pk,
        plan_id=plan.pk,
        term="long",
        description="Hak atas gaji dipulihkan dan klien kembali bekerja",
        barriers="Agensi sulit dihubungi",
    )
    goal_step_add(
        actor=manager,
        case_id=case.pk,
        goal_id=rights.pk,
        who="Advokat",
        what="Somasi ke agensi dan pengaduan ke BP2MI",
        due_on=began + timedelta(days=30),
    )
    form = document_upload(
        actor=manager,
        case_id=case.pk,
        file=paper("PERSETUJUAN RENCANA LAYANAN", ["Saya setuju.", "Tanda tangan klien: ____"]),
        title="Persetujuan rencana layanan (ditandatangani)",
    )
    plan_agreement_record(
        actor=manager,
        case_id=case.pk,
        plan_id=plan.pk,
        agreed=True,
        document_id=form.pk,
    )
    # Agreed the day the services began, not the moment the demo was seeded.
    ServicePlan.objects.filter(pk=plan.pk).update(
        agreed_at=timezone.now() - timedelta(days=(today - began).days)
    )
    health = intervention_log(
        actor=companion,
        case_id=case.pk,
        data=InterventionData(
            service="health",
            started_on=began + timedelta(days=1),
            description="Mengantar klien ke RSUD untuk visum et repertum dan perawatan luka.",
            partner="RSUD Kabupaten Tangerang",
            goal_id=plan.goals.get(term="short").pk,
        ),
    )
    intervention_update(
        actor=companion,
        case_id=case.pk,
        intervention_id=health.pk,
        changes={"ended_on": began + timedelta(days=2), "outcome": "Visum keluar; luka membaik."},
    )
    intervention_document_add(
        actor=companion,
        case_id=case.pk,
        intervention_id=health.pk,
        file=paper("VISUM ET REPERTUM", ["RSUD Kabupaten Tangerang", "No. 445/VER/2026"]),
        title="Visum et repertum",
    )
    counselling = intervention_log(
        actor=counsellor,
        case_id=case.pk,
        data=InterventionData(
            service="psychosocial",
            started_on=began + timedelta(days=2),
            description="Konseling trauma mingguan di rumah aman.",
            goal_id=plan.goals.get(term="short").pk,
        ),
    )
    for week, (progress, obstacles) in enumerate(
        [
            ("Klien mulai bisa tidur.", "Masih takut bertemu orang asing."),
            ("Klien mau bercerita tentang kejadian.", ""),
            ("Klien menelepon ibunya setiap hari.", "Keluarga didatangi calo agensi."),
        ]
    ):
        contact_log(
            actor=counsellor,
            case_id=case.pk,
            data=ContactData(
                kind="office_meeting" if week % 2 else "home_visit",
                at=timezone.now() - timedelta(days=(today - began).days - 7 * (week + 1)),
                with_whom="Klien",
                progress=progress,
                obstacles=obstacles,
                intervention_id=counselling.pk,
            ),
        )
    review_record(
        actor=manager,
        case_id=case.pk,
        held_on=began + timedelta(days=183),
        progress="Klien pulih, sudah keluar dari rumah aman; gaji dibayar sebagian lewat mediasi.",
        findings="Konseling cukup dua minggu sekali.",
        revise_plan=False,
    )
    if not finish:
        return
    intervention_update(
        actor=counsellor,
        case_id=case.pk,
        intervention_id=counselling.pk,
        changes={
            "ended_on": today - timedelta(days=5),
            "outcome": "Klien pulih; konseling selesai.",
        },
    )
    termination_write(
        actor=manager,
        case_id=case.pk,
        data=TerminationData(
            reason="goals_met",
            report="Klien aman dan pulih; gaji dibayar lewat mediasi BP2MI; klien bekerja di desa.",
            client_feedback="Terima kasih, saya didampingi sampai selesai dan merasa dihargai.",
            satisfaction=5,
        ),
    )
    termination_form_add(
        actor=manager,
        case_id=case.pk,
        file=paper("FORMULIR TERMINASI", ["Layanan selesai.", "Tanda tangan klien: ____"]),
    )
    asked = termination_request(actor=manager, case_id=case.pk)
    decision_settle(actor=head, request_id=asked.pk, outcome="approved", comment="Setuju, tutup.")
