"""The office admin's page of the office's users: invite, change roles, deactivate."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.accounts.services import member_deactivate, member_invite, member_set_roles, staff_of
from hub.core.errors import DomainError
from hub.core.forms import PlainTextForm, form_refused, submit

ROLE_CHOICES = [(role.value, role.label) for role in Role if role in ORGANISATION_ROLES]


class InviteForm(PlainTextForm):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("Email"), max_length=254)
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


class RolesForm(PlainTextForm):
    roles = forms.MultipleChoiceField(
        choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )


def _page(request, form, status=200):
    return render(
        request,
        "accounts/staff.html",
        {
            "organisation": request.organisation,
            "staff": staff_of(actor=request.actor),
            "form": form,
            "role_choices": ROLE_CHOICES,
        },
        status=status,
    )


@organisation_member_required
def staff_page(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = member_invite(
                actor=request.actor,
                email=data["email"],
                full_name=data["full_name"],
                roles=set(data["roles"]),
            )
        except DomainError as exc:
            form_refused(form, exc)
        else:
            if invitation.set_password_path:
                link = request.build_absolute_uri(invitation.set_password_path)
                messages.success(
                    request,
                    _("%(email)s was added. Give them this link to set their password: %(link)s")
                    % {"email": invitation.user.email, "link": link},
                )
            else:
                messages.success(
                    request,
                    _("%(email)s already has an account: they log in with their own password.")
                    % {"email": invitation.user.email},
                )
            return redirect("org:staff", org_slug=request.organisation.slug)
    return _page(request, form, status=400 if request.method == "POST" else 200)


@organisation_member_required
@require_POST
def staff_roles(request, user_id: int):
    form = RolesForm(request.POST)
    submit(
        request,
        form,
        lambda roles: member_set_roles(actor=request.actor, user_id=user_id, roles=set(roles)),
        _("Roles saved."),
        _("Choose the roles."),
    )
    return redirect("org:staff", org_slug=request.organisation.slug)


@organisation_member_required
@require_POST
def staff_deactivate(request, user_id: int):
    submit(
        request,
        None,
        lambda: member_deactivate(actor=request.actor, user_id=user_id),
        _("The person no longer has access to the office."),
        "",
    )
    return redirect("org:staff", org_slug=request.organisation.slug)
