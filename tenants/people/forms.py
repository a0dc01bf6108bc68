"""Forms of the people pages: add a person to a case, edit a person, record a placement."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from hub.vocab.forms import TermField, TermsField, VocabularyForm
from hub.vocab.models import Vocabulary
from tenants.cases.models import PersonRole, Willingness
from tenants.people.models import Gender, PassportHolder
from tenants.people.services import MOST_MONTHLY_INCOME, MOST_PEOPLE_IN_A_GROUP


class CasePersonForm(VocabularyForm):
    """Pick someone already recorded, or describe a new person (a perpetrator may stay blank)."""

    person_id = forms.IntegerField(required=False, min_value=1)
    display_name = forms.CharField(max_length=200, required=False)
    is_group = forms.BooleanField(required=False)
    gender = forms.ChoiceField(choices=Gender.choices, required=False)
    age = forms.IntegerField(required=False, min_value=0, max_value=120)
    occupation = TermField(Vocabulary.OCCUPATION)
    domicile = forms.CharField(max_length=200, required=False)
    role = forms.ChoiceField(choices=PersonRole.choices)
    perpetrator_type = TermField(Vocabulary.PERPETRATOR_TYPE)
    legal_status = TermField(Vocabulary.LEGAL_STATUS)
    willingness = forms.ChoiceField(choices=Willingness.choices, required=False)


class PersonEditForm(VocabularyForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    display_name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)
    is_group = forms.BooleanField(
        label=gettext_lazy("A group (community, union), not one person"), required=False
    )
    group_size = forms.IntegerField(
        label=gettext_lazy("Number of people in the group"),
        required=False,
        min_value=1,
        max_value=MOST_PEOPLE_IN_A_GROUP,
    )
    name_variants = forms.CharField(
        label=gettext_lazy("Other names used (one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    gender = forms.ChoiceField(label=gettext_lazy("Gender"), choices=Gender.choices, required=False)
    birth_date = forms.DateField(
        label=gettext_lazy("Birth date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    age = forms.IntegerField(label=gettext_lazy("Age"), required=False, min_value=0, max_value=120)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)
    safe_contact = forms.CharField(
        label=gettext_lazy("How to contact safely"), max_length=500, required=False
    )
    domicile = forms.CharField(label=gettext_lazy("Domicile"), max_length=200, required=False)
    occupation = TermField(Vocabulary.OCCUPATION, label=gettext_lazy("Occupation"))
    education = TermField(Vocabulary.EDUCATION, label=gettext_lazy("Education"))
    income_amount = forms.IntegerField(
        label=gettext_lazy("Monthly income (rupiah), if known"),
        required=False,
        min_value=0,
        max_value=MOST_MONTHLY_INCOME,
    )
    income_band = TermField(Vocabulary.INCOME_BAND, label=gettext_lazy("Income"))
    disabilities = TermsField(Vocabulary.DISABILITY, label=gettext_lazy("Disability"))
    language = forms.CharField(label=gettext_lazy("Language"), max_length=50, required=False)
    needs_interpreter = forms.BooleanField(
        label=gettext_lazy("Needs an interpreter"), required=False
    )
    nik = forms.RegexField(
        label=gettext_lazy("NIK"), regex=r"^[0-9]{16}$", required=False, max_length=16
    )
    passport_number = forms.CharField(
        label=gettext_lazy("Passport number"), max_length=20, required=False
    )
    passport_holder = forms.ChoiceField(
        label=gettext_lazy("Who holds the passport"),
        choices=PassportHolder.choices,
        required=False,
    )


class PlacementForm(VocabularyForm):
    destination_country = forms.RegexField(regex=r"^[A-Z]{2}$", max_length=2)
    destination_city = forms.CharField(max_length=100, required=False)
    employer_name = forms.CharField(max_length=200, required=False)
    agency_name = forms.CharField(max_length=200, required=False)
    procedural = forms.NullBooleanField(required=False)
    departed_on = forms.DateField(required=False)
    returned_on = forms.DateField(required=False)
    document_status = TermField(Vocabulary.LEGAL_STATUS)


class RelationForm(VocabularyForm):
    kind = TermField(Vocabulary.RELATION_TYPE, required=True)
    other_id = forms.IntegerField(min_value=1)
    note = forms.CharField(max_length=500, required=False)
