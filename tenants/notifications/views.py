"""Staff pages: my notifications, open one, mark all read."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.core.forms import submit
from tenants.notifications.selectors import notifications_for
from tenants.notifications.services import notification_open, notifications_mark_read

PAGE = 100


@organisation_member_required
def notifications_page(request):
    return render(
        request,
        "notifications/list.html",
        {
            "organisation": request.organisation,
            "notifications": notifications_for(actor=request.actor)[:PAGE],
        },
    )


@organisation_member_required
def notification_open_view(request, notification_id: int):
    notification = notification_open(actor=request.actor, notification_id=notification_id)
    # Our own paths only: a stored URL never sends anyone off the site.
    if notification.url.startswith("/") and not notification.url.startswith("//"):
        return redirect(notification.url)
    return redirect("org:notifications", org_slug=request.organisation.slug)


class MarkReadForm(forms.Form):
    up_to = forms.IntegerField(label=gettext_lazy("Newest shown"), min_value=1, max_value=2**63 - 1)


@organisation_member_required
@require_POST
def notifications_read_view(request):
    submit(
        request,
        MarkReadForm(request.POST),
        lambda up_to: notifications_mark_read(actor=request.actor, up_to=up_to),
        _("Marked read."),
        _("Reload the page and try again."),
    )
    return redirect("org:notifications", org_slug=request.organisation.slug)
