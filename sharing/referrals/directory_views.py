"""The network's service directory (/network/directory/): coordinators and analysts read it,
network admins add, edit and deactivate agencies. Anyone else gets the 404 of a missing page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.network_pages import network_page
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.forms import form_refused
from sharing.referrals.directory import (
    agencies_by_region,
    agencies_for,
    agency_create,
    agency_deactivate,
    agency_update,
)
from sharing.referrals.forms import AgencyForm, DirectoryFilterForm
from sharing.referrals.models import ServiceAgency

network_directory_page = network_page(Action.DIRECTORY_READ)


def _agency_or_404(agency_id: int) -> ServiceAgency:
    agency = ServiceAgency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


@network_directory_page
def network_directory(request):
    may_manage = policy.allows(request.actor, Action.DIRECTORY_MANAGE)
    form = DirectoryFilterForm(request.GET or None)
    service = region = ""
    if form.is_valid():
        service = form.cleaned_data["service"]
        region = form.cleaned_data["region"]
    agencies = agencies_for(
        actor=request.actor, service=service, region=region, include_inactive=may_manage
    )
    return render(
        request,
        "referrals/directory.html",
        {
            "form": form,
            "groups": agencies_by_region(agencies),
            "filtered": bool(service or region),
            "may_manage": may_manage,
        },
    )


def _agency_form(request, agency: ServiceAgency | None):
    policy.require(request.actor, Action.DIRECTORY_MANAGE)
    form = AgencyForm(request.POST or None, agency=agency)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if agency is None:
                    agency_create(actor=request.actor, data=form.agency_input())
                else:
                    agency_update(
                        actor=request.actor, agency_id=agency.pk, data=form.agency_input()
                    )
            except DomainError as exc:
                if exc.status != 400:
                    raise
                form_refused(form, exc)
            else:
                messages.success(request, _("The agency is saved."))
                return redirect("network-directory")
    return render(
        request, "referrals/agency_form.html", {"form": form, "agency": agency}, status=status
    )


@network_directory_page
def network_agency_new(request):
    return _agency_form(request, None)


@network_directory_page
def network_agency_edit(request, agency_id: int):
    return _agency_form(request, _agency_or_404(agency_id))


@network_directory_page
@require_POST
def network_agency_deactivate(request, agency_id: int):
    agency = agency_deactivate(actor=request.actor, agency_id=_agency_or_404(agency_id).pk)
    messages.success(
        request, _("%(name)s is no longer offered for referrals.") % {"name": agency.name}
    )
    return redirect("network-directory")
