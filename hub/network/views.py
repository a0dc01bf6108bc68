"""The coordinators' page: where to work (triage, routing rules), and network figures as
tables with server-drawn bar charts."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import network_actor
from hub.accounts.policy import Action
from hub.intake.selectors import complaints_in_triage
from hub.network.charts import bar_chart
from hub.network.selectors import network_stats


def network_home(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    actor = network_actor(user=request.user)
    if actor is None or not policy.allows(actor, Action.NETWORK_STATS):
        raise Http404
    stats = network_stats()
    charts = [
        (_("Cases by stage"), bar_chart(stats["cases_by_stage"], labels="stage")),
        (_("Cases by status"), bar_chart(stats["cases_by_status"], labels="status")),
        (_("Cases by organisation"), bar_chart(stats["cases_by_organisation"])),
    ]
    may_triage = policy.allows(actor, Action.COMPLAINT_TRIAGE)
    return render(
        request,
        "network/home.html",
        {
            "stats": stats,
            "charts": charts,
            "may_triage": may_triage,
            "waiting": complaints_in_triage().count() if may_triage else 0,
            "may_see_routing": policy.allows(actor, Action.ROUTING_VIEW),
        },
    )
