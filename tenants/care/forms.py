"""Staff forms for the services to the client."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from hub.vocab.forms import TermField, TermsField, VocabularyForm
from hub.vocab.models import Vocabulary
from tenants.care.models import GoalTerm, RiskLevel, Urgency

LONG = 20000
TEXT = forms.Textarea(attrs={"rows": 3})
SHORT_TEXT = forms.Textarea(attrs={"rows": 2})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AssessmentForm(VocabularyForm):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)
    needs = TermsField(Vocabulary.SERVICE_TYPE, label=_("Needs"))
    needs_note = forms.CharField(
        label=_("Needs, in words"), max_length=LONG, required=False, widget=TEXT
    )
    risk_level = forms.ChoiceField(label=_("Risk"), choices=RiskLevel.choices)
    risks = forms.CharField(label=_("Risk factors"), max_length=LONG, required=False, widget=TEXT)
    problem = forms.CharField(
        label=_("Problem, as formulated with the client"), max_length=LONG, widget=TEXT
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    strengths = forms.CharField(label=_("Strengths"), max_length=LONG, required=False, widget=TEXT)
    resources = forms.CharField(label=_("Resources"), max_length=LONG, required=False, widget=TEXT)


class PlanForm(PlainTextForm):
    note = forms.CharField(
        label=_("Why this revision"), max_length=4000, required=False, widget=SHORT_TEXT
    )


class GoalForm(PlainTextForm):
    term = forms.ChoiceField(label=_("Term"), choices=GoalTerm.choices)
    description = forms.CharField(label=_("Goal"), max_length=4000, widget=SHORT_TEXT)
    barriers = forms.CharField(
        label=_("Barriers"), max_length=4000, required=False, widget=SHORT_TEXT
    )


class StepForm(PlainTextForm):
    who = forms.CharField(label=_("Who"), max_length=200)
    what = forms.CharField(label=_("Does what"), max_length=4000, widget=SHORT_TEXT)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DATE)


class AgreementForm(forms.Form):
    agreed = forms.TypedChoiceField(
        label=_("The client's answer"),
        choices=[("1", _("Agreed")), ("0", _("Refused"))],
        coerce=lambda value: value == "1",
    )
    document_id = forms.IntegerField(label=_("Signed form"), min_value=1)
    note = forms.CharField(label=_("Note"), max_length=4000, required=False)


class InterventionForm(VocabularyForm):
    service = TermField(Vocabulary.SERVICE_TYPE, required=True, label=_("Service"))
    started_on = forms.DateField(label=_("Started on"), widget=DATE)
    description = forms.CharField(label=_("What was done"), max_length=LONG, widget=TEXT)
    partner = forms.CharField(label=_("Partner agency"), max_length=200, required=False)
    goal_id = forms.TypedChoiceField(
        label=_("Towards the goal"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, goals=(), **kwargs):
        """`goals`: those of the plan in force, which a service may work towards."""
        super().__init__(*args, **kwargs)
        self.fields["goal_id"].choices = [
            ("", _("(none in particular)")),
            *[(goal.pk, goal.description[:80]) for goal in goals],
        ]


class InterventionEndForm(PlainTextForm):
    ended_on = forms.DateField(label=_("Ended on"), required=False, widget=DATE)
    outcome = forms.CharField(label=_("Outcome"), max_length=LONG, required=False, widget=TEXT)


class ContactForm(VocabularyForm):
    kind = TermField(Vocabulary.CONTACT_KIND, required=True, label=_("Kind of contact"))
    at = forms.DateTimeField(label=_("When"), widget=MOMENT)
    with_whom = forms.CharField(label=_("With whom"), max_length=200, required=False)
    progress = forms.CharField(label=_("Progress"), max_length=LONG, required=False, widget=TEXT)
    obstacles = forms.CharField(label=_("Obstacles"), max_length=LONG, required=False, widget=TEXT)
    intervention_id = forms.IntegerField(label=_("Service"), min_value=1, required=False)


class ReviewForm(PlainTextForm):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    progress = forms.CharField(label=_("Progress against the plan"), max_length=LONG, widget=TEXT)
    findings = forms.CharField(label=_("Findings"), max_length=LONG, required=False, widget=TEXT)
    revise_plan = forms.BooleanField(label=_("Revise the plan"), required=False)


class ConferenceForm(PlainTextForm):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    participants = forms.CharField(
        label=_("Participants (one per line)"), max_length=4000, widget=SHORT_TEXT
    )
    agenda = forms.CharField(label=_("Agenda"), max_length=4000, required=False, widget=SHORT_TEXT)
    decisions = forms.CharField(label=_("Decisions"), max_length=LONG, widget=TEXT)


class TerminationForm(VocabularyForm):
    reason = TermField(Vocabulary.TERMINATION_REASON, required=True, label=_("Reason"))
    report = forms.CharField(label=_("What the services achieved"), max_length=LONG, widget=TEXT)
    client_feedback = forms.CharField(
        label=_("The client's feedback"), max_length=LONG, required=False, widget=TEXT
    )
    satisfaction = forms.TypedChoiceField(
        label=_("The client's satisfaction"),
        choices=[("", _("(did not answer)")), *[(str(n), str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class UploadForm(PlainTextForm):
    file = forms.FileField(label=_("File (PDF or photo, at most 30 MB)"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
