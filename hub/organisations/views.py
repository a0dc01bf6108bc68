"""The office's settings page: its working calendar and service-level clock targets."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.forms import form_refused
from hub.organisations.forms import CalendarForm, TargetForm
from hub.organisations.service_levels import (
    TARGETS,
    ServiceLevelInput,
    service_levels_of,
    service_levels_settings_of,
    service_levels_update,
)


def _initial(organisation) -> tuple[dict, dict]:
    row = service_levels_settings_of(organisation)
    levels = service_levels_of(organisation)
    calendar = {
        "timezone": row.timezone,
        "holiday_country": row.holiday_country,
        "optional_holidays": row.optional_holidays,
        "workdays": [str(day) for day in row.workdays],
        "opens": row.opens,
        "closes": row.closes,
        "closed_days": "\n".join(day.isoformat() for day in sorted(row.closed_days)),
    }
    return calendar, {spec.code: asdict(levels.target(spec.code)) for spec in TARGETS}


def _refused(calendar_form: CalendarForm, target_forms: dict, exc: DomainError) -> None:
    target_errors = {k: v for k, v in exc.fields.items() if k.startswith("targets.")}
    form_refused(
        calendar_form,
        DomainError(
            exc.message, fields={k: v for k, v in exc.fields.items() if k not in target_errors}
        ),
    )
    for key, said in target_errors.items():
        _prefix, code, *field = key.split(".")
        form = target_forms.get(code)
        if form is not None and field and field[0] in form.fields:
            for message in said:
                form.add_error(field[0], message)


@organisation_member_required
def clock_settings_page(request):
    actor = request.actor
    policy.require(actor, Action.SETTINGS_MANAGE)
    organisation = request.organisation
    calendar_initial, targets_initial = _initial(organisation)
    data = request.POST if request.method == "POST" else None
    calendar_form = CalendarForm(data, initial=calendar_initial)
    target_forms = {
        spec.code: TargetForm(data, prefix=spec.code, initial=targets_initial[spec.code])
        for spec in TARGETS
    }
    status = 200
    if request.method == "POST":
        valid = calendar_form.is_valid() & all([f.is_valid() for f in target_forms.values()])
        if valid:
            cleaned = calendar_form.cleaned_data
            try:
                service_levels_update(
                    actor=actor,
                    data=ServiceLevelInput(
                        **cleaned,
                        targets={code: f.target() for code, f in target_forms.items()},
                    ),
                )
            except DomainError as exc:
                _refused(calendar_form, target_forms, exc)
            else:
                messages.success(request, _("The clock settings are saved."))
                return redirect("org:clock-settings", org_slug=organisation.slug)
        status = 400
    return render(
        request,
        "organisations/clock_settings.html",
        {
            "organisation": organisation,
            "form": calendar_form,
            "targets": [(spec, target_forms[spec.code]) for spec in TARGETS],
            "invalid": status == 400,
        },
        status=status,
    )
