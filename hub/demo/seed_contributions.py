"""Demo contributions: on the case LBH Jakarta shares with SBMI Indramayu to contribute, the
union branch records a family visit in the worker's home village and a call from the agency;
a village paralegal answers a contribution link (waiting for LBH Jakarta's review); and one
note the union sent to the wrong case is hidden by LBH Jakarta, saying why."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hub.accounts.roles import Role
from hub.demo.actors import demo_staff
from hub.links.services import link_answer
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.contribute import shared_case_contribute
from sharing.models import ShareGrant, SharePermission
from sharing.selectors import live_grants
from tenants.cases.models import Case
from tenants.clientlinks.services import case_link_create
from tenants.contributions.services import ContributionInput, contribution_hide


def seed(*, organisations: list[Organisation]) -> None:
    by_slug = {o.slug: o for o in organisations}
    owner, union = by_slug.get("lbh-jakarta"), by_slug.get("sbmi-indramayu")
    if owner is None or union is None:
        return
    grant = (
        live_grants(
            ShareGrant.objects.filter(
                owner=owner, recipient=union, permission=SharePermission.CONTRIBUTE
            )
        )
        .order_by("pk")
        .first()
    )
    if grant is None:
        return
    today = timezone.localdate()
    paralegal = demo_staff(union, Role.PARALEGAL)
    with organisation_context(union):
        shared_case_contribute(
            actor=paralegal,
            grant_id=grant.pk,
            data=ContributionInput(
                kind="activity",
                body=(
                    "Kunjungan ke rumah orang tua klien di Desa Juntinyuat. Ibu klien "
                    "menyampaikan bahwa kiriman gaji terakhir diterima empat bulan lalu dan "
                    "keluarga kesulitan membayar cicilan utang kepada sponsor. Keluarga "
                    "bersedia menjadi saksi dan menyimpan fotokopi perjanjian kerja."
                ),
                occurred_on=today - timedelta(days=6),
                place="Desa Juntinyuat, Indramayu",
            ),
        )
        shared_case_contribute(
            actor=paralegal,
            grant_id=grant.pk,
            data=ContributionInput(
                kind="event",
                body=(
                    "Petugas P3MI menelepon keluarga dan meminta agar pengaduan dicabut, "
                    "dengan janji gaji akan dibayar bulan depan."
                ),
                occurred_on=today - timedelta(days=3),
                place="Indramayu",
            ),
        )
        misplaced = shared_case_contribute(
            actor=paralegal,
            grant_id=grant.pk,
            data=ContributionInput(
                kind="note",
                body="Catatan kunjungan untuk Ibu Sri (Taiwan): paspor masih ditahan agensi.",
            ),
        )
    head = demo_staff(owner, Role.DIVISION_HEAD)
    with organisation_context(owner):
        contribution_hide(
            actor=head,
            case_id=grant.case_id,
            contribution_id=misplaced.pk,
            reason="Salah kasus: catatan ini tentang klien lain SBMI, bukan klien kasus ini.",
        )
        if Case.objects.filter(pk=grant.case_id, closed_at__isnull=False).exists():
            return  # a closed case gets no new links
        issued = case_link_create(
            actor=head,
            case_id=grant.case_id,
            purpose="contribution",
            asked={"explanation": "Mohon tuliskan hasil pendampingan Bapak di desa."},
        )
    link_answer(
        token=issued.token,
        data={
            "author": "Darto",
            "relation": "Paralegal desa Juntinyuat",
            "kind": "activity",
            "occurred_on": (today - timedelta(days=2)).isoformat(),
            "place": "Balai Desa Juntinyuat",
            "body": (
                "Mendampingi ayah klien melapor ke kepala desa. Kepala desa bersedia membuat "
                "surat keterangan bahwa keluarga tidak menerima gaji klien sejak Juli."
            ),
        },
    )
