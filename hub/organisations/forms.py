"""The office's settings form: its working calendar and each service-level clock's target."""

from __future__ import annotations

from datetime import date
from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.core.forms import PlainTextForm
from hub.organisations.service_levels import (
    MAX_CLOSED_DAYS,
    UNIT_LIMITS,
    WEEKDAYS,
    ClockTarget,
    Unit,
    holiday_countries,
)


class CalendarForm(PlainTextForm):
    timezone = forms.ChoiceField(label=gettext_lazy("Time zone"))
    holiday_country = forms.ChoiceField(label=gettext_lazy("Public holidays of"), required=False)
    optional_holidays = forms.BooleanField(
        label=gettext_lazy(
            "Also closed on the joint leave days (cuti bersama) or general holidays of that "
            "country's calendar"
        ),
        required=False,
    )
    workdays = forms.MultipleChoiceField(
        label=gettext_lazy("Working days"),
        choices=[(str(day), label) for day, label in enumerate(WEEKDAYS)],
        widget=forms.CheckboxSelectMultiple,
    )
    opens = forms.TimeField(
        label=gettext_lazy("Opens at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes = forms.TimeField(
        label=gettext_lazy("Closes at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    closed_days = forms.CharField(
        label=gettext_lazy("Other days the office is closed"),
        help_text=gettext_lazy("One date a line, as 2026-12-24."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_CLOSED_DAYS * 12,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [(z, z) for z in sorted(available_timezones())]
        self.fields["holiday_country"].choices = [("", _("None")), *holiday_countries()]

    def clean_workdays(self) -> frozenset[int]:
        return frozenset(int(day) for day in self.cleaned_data["workdays"])

    def clean_closed_days(self) -> tuple[date, ...]:
        days = []
        for line in self.cleaned_data["closed_days"].split():
            try:
                days.append(date.fromisoformat(line.strip()))
            except ValueError:
                raise forms.ValidationError(
                    _("%(value)s is not a date like 2026-12-24.") % {"value": line[:20]}
                ) from None
        return tuple(days)


class TargetForm(forms.Form):
    """One clock's target; the page shows one a row, each with the clock's code as prefix."""

    on = forms.BooleanField(label=gettext_lazy("On"), required=False)
    amount = forms.IntegerField(
        label=gettext_lazy("Within"), min_value=1, max_value=max(UNIT_LIMITS.values())
    )
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), choices=Unit.choices)
    working = forms.BooleanField(label=gettext_lazy("Working time"), required=False)
    soon_percent = forms.IntegerField(
        label=gettext_lazy("Due soon after (%)"), min_value=1, max_value=100
    )

    def target(self) -> ClockTarget:
        return ClockTarget(**self.cleaned_data)
