"""Demo referrals: the service directory with the kinds of agencies migrant workers are
referred to (the protection agency and its provincial units, manpower offices of regencies,
women's and children's protection units, hospitals, missions abroad, national bodies; plain
names, no real phone numbers), and referrals between the demo members: LBH Jakarta asks the
Tangerang crisis centre for psychosocial support (waiting for its answer, for the demo's
walk), SBMI Indramayu referred a case to the crisis centre for a safe house (accepted, so the
centre has the case "Referral from sbmi-indramayu", and completed with its outcome, which SBMI
sees), and LBH Jakarta referred one to an agency."""

from __future__ import annotations

from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, Purpose
from hub.demo.actors import demo_actor, demo_staff
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.referrals.directory import AgencyInput, agency_create
from sharing.referrals.models import Authority, ServiceAgency
from sharing.referrals.services import referral_answer, referral_complete, referral_send
from tenants.cases.models import Case
from tenants.cases.projection import Section

HOURS = "Senin-Jumat 08.00-16.00"
CENTRAL, REGIONAL = Authority.CENTRAL, Authority.REGIONAL

AGENCIES = [
    AgencyInput(
        name="Kementerian Pelindungan Pekerja Migran Indonesia (KP2MI/BP2MI)",
        services=("repatriation", "reintegration", "legal", "documents"),
        authority=CENTRAL,
        address="Jakarta Selatan",
        email="pengaduan@kp2mi.example",
        hours="Pengaduan 24 jam",
        note="Pengaduan nasional; kasus daerah diteruskan ke UPT BP3MI provinsi.",
    ),
    AgencyInput(
        name="UPT BP3MI Jawa Barat",
        services=("repatriation", "reintegration", "documents", "legal"),
        authority=REGIONAL,
        regions=("Jawa Barat", "Indramayu", "Cirebon"),
        address="Bandung",
        email="bp3mi.jabar@example.org",
        hours=HOURS,
    ),
    AgencyInput(
        name="UPT BP3MI DKI Jakarta",
        services=("repatriation", "reintegration", "documents"),
        authority=REGIONAL,
        regions=("DKI Jakarta",),
        address="Jakarta Timur",
        hours=HOURS,
    ),
    AgencyInput(
        name="Dinas Tenaga Kerja Kabupaten Indramayu",
        services=("mediation", "documents"),
        authority=REGIONAL,
        regions=("Indramayu",),
        address="Indramayu",
        hours=HOURS,
        note="Mediasi perselisihan dengan P3MI (perusahaan penempatan) di kabupaten.",
    ),
    AgencyInput(
        name="Dinas Tenaga Kerja Kabupaten Tangerang",
        services=("mediation", "documents"),
        authority=REGIONAL,
        regions=("Kabupaten Tangerang", "Banten"),
        address="Tigaraksa, Kabupaten Tangerang",
        hours=HOURS,
    ),
    AgencyInput(
        name="UPTD PPA Provinsi Jawa Barat",
        services=("psychosocial", "shelter", "legal", "accompaniment"),
        authority=REGIONAL,
        regions=("Jawa Barat",),
        address="Bandung",
        hours="Layanan darurat 24 jam",
    ),
    AgencyInput(
        name="RSUD Indramayu",
        services=("health",),
        authority=REGIONAL,
        regions=("Indramayu",),
        address="Indramayu",
        hours="IGD 24 jam",
    ),
    AgencyInput(
        name="RSUD Tarakan Jakarta",
        services=("health", "psychosocial"),
        authority=REGIONAL,
        regions=("DKI Jakarta",),
        address="Jakarta Pusat",
        hours="IGD 24 jam",
    ),
    AgencyInput(
        name="KBRI Kuala Lumpur (Satgas Pelindungan WNI)",
        services=("legal", "shelter", "repatriation", "documents"),
        authority=REGIONAL,
        countries=("MY",),
        address="Kuala Lumpur, Malaysia",
        hours="Hotline pelindungan 24 jam",
    ),
    AgencyInput(
        name="KJRI Hong Kong",
        services=("legal", "shelter", "repatriation", "documents"),
        authority=REGIONAL,
        countries=("HK", "MO"),
        address="Causeway Bay, Hong Kong",
        hours=HOURS,
    ),
    AgencyInput(
        name="KDEI Taipei",
        services=("legal", "repatriation", "documents"),
        authority=REGIONAL,
        countries=("TW",),
        address="Taipei, Taiwan",
        hours=HOURS,
    ),
    AgencyInput(
        name="Lembaga Perlindungan Saksi dan Korban (LPSK)",
        services=("legal", "psychosocial", "shelter", "health"),
        authority=CENTRAL,
        address="Jakarta Timur",
        note="Korban TPPO: perlindungan, restitusi, rehabilitasi medis dan psikososial.",
    ),
    AgencyInput(
        name="Rumah Perlindungan dan Trauma Center (RPTC) Kementerian Sosial",
        services=("shelter", "psychosocial", "reintegration"),
        authority=CENTRAL,
        address="Jakarta Timur",
        hours="24 jam",
    ),
]


def _consented(sender: Organisation, *, receiver: Organisation | None, skip=()) -> int | None:
    """A case of `sender` whose client's consent covers this referral (not restricted)."""
    records = ConsentRecord.objects.filter(
        organisation=sender, case_id__isnull=False, withdrawn_at__isnull=True
    ).order_by("-case_id")
    for record in records:
        covered = (
            record.covers(Purpose.SHARE, recipient_slug=receiver.slug)
            if receiver is not None
            else record.covers(Purpose.REFER)
        )
        if covered and record.case_id not in skip:
            with organisation_context(sender):
                if Case.objects.filter(pk=record.case_id, restricted=False).exists():
                    return record.case_id
    return None


def seed(*, organisations: list[Organisation]) -> None:
    admin = User.objects.get(email="admin-jaringan@jaringan.demo")
    network_admin = demo_actor(email=admin.email, role=Role.NETWORK_ADMIN, organisation=None)
    for data in AGENCIES:
        agency_create(actor=network_admin, data=data)
    by_slug = {o.slug: o for o in organisations}
    lbh = by_slug.get("lbh-jakarta")
    sbmi = by_slug.get("sbmi-indramayu")
    crisis = by_slug.get("uptd-ppa-tangerang")
    if lbh is None or sbmi is None or crisis is None:
        return
    used: list[int] = []
    if case_id := _consented(lbh, receiver=crisis, skip=used):
        used.append(case_id)
        with organisation_context(lbh):
            referral_send(
                actor=demo_staff(lbh, Role.DIVISION_HEAD),
                case_id=case_id,
                receiver=crisis,
                service="psychosocial",
                reason=(
                    "Klien pulang dari Arab Saudi setelah kekerasan fisik oleh majikan; sulit "
                    "tidur dan menolak keluar rumah. Mohon asesmen dan konseling trauma di "
                    "dekat domisili keluarganya di Kabupaten Tangerang."
                ),
                sections=[Section.SUMMARY, Section.EVENTS, Section.PEOPLE],
            )
    if case_id := _consented(sbmi, receiver=crisis):
        with organisation_context(sbmi):
            referral = referral_send(
                actor=demo_staff(sbmi, Role.DIVISION_HEAD),
                case_id=case_id,
                receiver=crisis,
                service="shelter",
                reason=(
                    "Klien dipulangkan dari Taiwan dan tidak bisa kembali ke rumah suami di "
                    "Indramayu karena kekerasan; kakaknya tinggal di Kabupaten Tangerang. Mohon "
                    "rumah aman sementara dan pendampingan; SBMI tetap menangani hak gajinya."
                ),
                sections=[Section.SUMMARY, Section.EVENTS, Section.PEOPLE],
            )
        with organisation_context(crisis):
            head = demo_staff(crisis, Role.DIVISION_HEAD)
            referral_answer(actor=head, referral_id=referral.pk, accept=True)
            referral_complete(
                actor=head,
                referral_id=referral.pk,
                outcome=(
                    "Klien tinggal 3 minggu di rumah aman UPTD PPA, menerima konseling 4 sesi; "
                    "kini tinggal bersama kakaknya dan dipantau pendamping."
                ),
            )
    bp3mi = ServiceAgency.objects.filter(name="UPT BP3MI DKI Jakarta").first()
    if bp3mi is not None and (case_id := _consented(lbh, receiver=None, skip=used)):
        with organisation_context(lbh):
            referral_send(
                actor=demo_staff(lbh, Role.DIVISION_HEAD),
                case_id=case_id,
                agency=bp3mi,
                service="repatriation",
                reason="Klien masih di penampungan KBRI; mohon fasilitasi kepulangan ke Jakarta.",
                sections=[Section.SUMMARY],
            )
