"""Network figures from the rollups: totals by stage, status and organisation."""

from __future__ import annotations

from django.db.models import Count, Sum

from hub.intake.models import Complaint
from hub.network.models import CaseRollup


def network_stats() -> dict:
    rollups = CaseRollup.objects.all()
    total = rollups.aggregate(total=Sum("cases"))["total"] or 0

    def by(field: str) -> dict[str, int]:
        rows = rollups.values(field).annotate(n=Sum("cases")).order_by(field)
        return {row[field]: row["n"] for row in rows}

    return {
        "cases_total": total,
        "cases_by_stage": by("stage"),
        "cases_by_status": by("status"),
        "cases_by_organisation": by("organisation__slug"),
        "complaints_by_status": {
            row["status"]: row["n"]
            for row in Complaint.objects.filter(
                consent__statistics=True, consent__withdrawn_at=None
            )
            .values("status")
            .annotate(n=Count("id"))
            .order_by("status")
        },
    }
