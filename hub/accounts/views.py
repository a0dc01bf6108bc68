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
    if len(organisations) == 1 and len(memberships) == len(
        [m for m in memberships if m.organisation]
    ):
        return redirect("org:home", org_slug=next(iter(organisations)).slug)
    return render(request, "accounts/home.html", {"memberships": memberships})
