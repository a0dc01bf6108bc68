"""The work queue page: /org/<slug>/queue/ ("Antrean kerja")."""

from __future__ import annotations

from django.shortcuts import render

from hub.accounts.access import organisation_member_required
from sharing.queues.selectors import work_queue


@organisation_member_required
def work_queue_page(request):
    return render(
        request,
        "queues/work_queue.html",
        {
            "organisation": request.organisation,
            "queue": work_queue(actor=request.actor, kind=request.GET.get("kind", "")),
        },
    )
