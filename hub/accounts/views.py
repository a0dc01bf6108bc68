"""After login: go to your organisation's space (or choose, if you belong to several)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from hub.accounts.models import Membership


@login_required
def home(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )
    organisations = {m.organisation for m in memberships if m.organisation}
    network_roles = [m for m in memberships if m.organisation is None]
    if len(organisations) == 1 and not network_roles:
        return redirect("org:home", org_slug=next(iter(organisations)).slug)
    if network_roles and not organisations:
        return redirect("network-home")
    return render(request, "accounts/home.html", {"memberships": memberships})
