"""The network admins' form for one routing rule: vocabulary-backed choices, regions as a
comma-separated list; works with JavaScript off."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.intake.countries import DESTINATION_COUNTRIES
from hub.intake.models import RoutingRule
from hub.intake.routing_rules import (
    MAX_PRIORITY,
    MAX_REGIONS,
    NOTE_LENGTH,
    REGION_LENGTH,
    RoutingRuleInput,
)
from hub.organisations.models import Organisation
from hub.vocab.forms import TermsField, VocabularyForm
from hub.vocab.models import Vocabulary


class RoutingRuleForm(VocabularyForm):
    organisation = forms.ChoiceField(label=gettext_lazy("Organisation"))
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries of work"),
        choices=DESTINATION_COUNTRIES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("None ticked: any country."),
    )
    home_regions = forms.CharField(
        label=gettext_lazy("Home regions of the worker"),
        required=False,
        max_length=MAX_REGIONS * (REGION_LENGTH + 2),
        help_text=gettext_lazy(
            "Separate with commas, e.g. Jawa Barat, Indramayu. Capital letters and extra spaces "
            "do not matter. Empty: any region. A rule with regions misses complaints that give "
            "no region."
        ),
    )
    issue_types = TermsField(
        Vocabulary.ISSUE_TYPE,
        label=gettext_lazy("Issue types"),
        help_text=gettext_lazy("One in common is enough. None ticked: any issue."),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Language of the complaint"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("None ticked: any language."),
    )
    priority = forms.IntegerField(
        label=gettext_lazy("Priority"),
        min_value=0,
        max_value=MAX_PRIORITY,
        initial=0,
        help_text=gettext_lazy(
            "Between rules that match a complaint on as many criteria, the higher number wins; "
            "then the organisation with more free capacity."
        ),
    )
    active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)
    note = forms.CharField(
        label=gettext_lazy("Note for the network"), required=False, max_length=NOTE_LENGTH
    )

    def __init__(self, *args, rule: RoutingRule | None = None, **kwargs):
        if rule is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "organisation": rule.organisation.slug,
                "countries": rule.countries,
                "home_regions": ", ".join(rule.home_regions),
                "issue_types": rule.issue_types,
                "languages": rule.languages,
                "priority": rule.priority,
                "active": rule.active,
                "note": rule.note,
            }
        super().__init__(*args, **kwargs)
        self.organisations = {
            o.slug: o for o in Organisation.objects.members().order_by("name", "pk")
        }
        self.fields["organisation"].choices = [("", _("Choose an organisation"))] + [
            (
                slug,
                o.name
                if o.accepts_complaints
                else _("%(name)s (takes no complaints)") % {"name": o.name},
            )
            for slug, o in self.organisations.items()
        ]
        self.fields["languages"].choices = list(settings.LANGUAGES)

    def clean_home_regions(self) -> tuple[str, ...]:
        text = self.cleaned_data["home_regions"].replace("\n", ",")
        return tuple(part.strip() for part in text.split(",") if part.strip())

    def error_summary(self) -> list[tuple[str, str]]:
        """(link to the field, message) for every error, for the summary above the form."""
        summary = [("#rule-form", str(message)) for message in self.non_field_errors()]
        for name, field in self.fields.items():
            boxes = isinstance(field.widget, forms.CheckboxSelectMultiple)
            anchor = f"#id_{name}_0" if boxes else f"#id_{name}"
            summary += [
                (anchor, f"{field.label}: {message}") for message in self.errors.get(name, [])
            ]
        return summary

    def rule_input(self) -> RoutingRuleInput:
        data = self.cleaned_data
        return RoutingRuleInput(
            organisation=self.organisations[data["organisation"]],
            countries=tuple(data["countries"]),
            home_regions=data["home_regions"],
            issue_types=tuple(data["issue_types"]),
            languages=tuple(data["languages"]),
            priority=data["priority"],
            active=data["active"],
            note=data["note"],
        )
