"""Services to the client (seeds 002-004's social-work case management): assessment, a service
plan the client agrees to, interventions by several providers, contacts, monitoring reviews,
case conferences and termination with the client's feedback."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High: the client's safety is at risk")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent: within days")
    EMERGENCY = "emergency", _("Emergency: today")


class Assessment(models.Model):
    """One assessment of the client's situation. A reassessment is a new row with the next
    number: earlier ones stay as they were written."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assessments")
    number = models.PositiveIntegerField()
    assessed_on = models.DateField()
    needs = ArrayField(models.CharField(max_length=50), default=list, blank=True)  # service_type
    needs_note = models.TextField(blank=True)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    risks = models.TextField(blank=True)  # safety, health, debt, threats from the employer...
    problem = models.TextField()  # the problem as formulated with the client
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    strengths = models.TextField(blank=True)
    resources = models.TextField(blank=True)  # family, community, union branch, savings...
    assessed_by = models.CharField(max_length=200)
    assessed_by_user_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="assessment_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/A{self.number}"


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft: waiting for the client's agreement")
    AGREED = "agreed", _("Agreed with the client")
    REFUSED = "refused", _("Refused by the client")
    SUPERSEDED = "superseded", _("Replaced by a later revision")


class AgreementMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person, with the signed form uploaded")
    LINK = "link", _("Through a client link")


class ServicePlan(models.Model):
    """A revision of the service plan. The client agrees to each revision; a change to an
    agreed plan is a new revision, so what the client agreed to is never rewritten."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="service_plans")
    revision = models.PositiveIntegerField()
    state = models.CharField(max_length=12, choices=PlanState.choices, default=PlanState.DRAFT)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    note = models.TextField(blank=True)  # why this revision (e.g. after the 6-month review)
    drawn_up_by = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    agreement_method = models.CharField(max_length=12, choices=AgreementMethod.choices, blank=True)
    agreement_document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreement_link_id = models.BigIntegerField(null=True, blank=True)  # hub.links ClientLink
    agreement_note = models.TextField(blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)  # or refused at
    recorded_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["case", "revision"], name="plan_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/P{self.revision}"


class GoalTerm(models.TextChoices):
    SHORT = "short", _("Short term")
    LONG = "long", _("Long term")


class Goal(models.Model):
    plan = models.ForeignKey(ServicePlan, on_delete=models.CASCADE, related_name="goals")
    term = models.CharField(max_length=8, choices=GoalTerm.choices)
    description = models.TextField()
    barriers = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-term", "position", "id"]  # "short" before "long": the near goals first

    def __str__(self) -> str:
        return self.description[:60]


class GoalStep(models.Model):
    """Who does what by when, towards a goal."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    who = models.CharField(max_length=200)  # a member of staff, the client, a partner agency
    what = models.TextField()
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.who}: {self.what[:40]}"


class Intervention(models.Model):
    """A follow-up service given to the client by one provider (staff of the organisation,
    possibly with a partner agency)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="interventions")
    service = models.CharField(max_length=50)  # vocabulary: service_type
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="interventions"
    )
    provider = models.CharField(max_length=200)  # the staff member who gives or arranges it
    provider_user_id = models.BigIntegerField(null=True, blank=True)
    partner = models.CharField(max_length=200, blank=True)  # e.g. "RSUD Kabupaten Tangerang"
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    description = models.TextField()
    outcome = models.TextField(blank=True)
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.service} {self.started_on}"


class Contact(models.Model):
    """A contact with the client: progress and obstacles (seed 003's guidance record)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="contacts")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    kind = models.CharField(max_length=50)  # vocabulary: contact_kind
    at = models.DateTimeField()
    with_whom = models.CharField(max_length=200, blank=True)  # the client, their mother, ...
    progress = models.TextField(blank=True)
    obstacles = models.TextField(blank=True)
    recorded_by = models.CharField(max_length=200)
    recorded_by_user_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"


class Review(models.Model):
    """A monitoring review (at least every six months, seed 003); it may open a plan revision."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    progress = models.TextField()
    findings = models.TextField(blank=True)
    revised_plan = models.ForeignKey(
        ServicePlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} review {self.held_on}"


class Conference(models.Model):
    """A case conference: who met, what they decided (before intervention, seed 003)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="conferences")
    held_on = models.DateField()
    participants = models.TextField()  # one per line: name, role or agency
    agenda = models.TextField(blank=True)
    decisions = models.TextField()
    recorded_by = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} conference {self.held_on}"


class Termination(models.Model):
    """The termination report: why the services end, what they achieved, and what the client
    says of them. The move itself is the division head's decision (a terminate request)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="termination")
    reason = models.CharField(max_length=50)  # vocabulary: termination_reason
    report = models.TextField()
    client_feedback = models.TextField(blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5; None: no answer
    signed_form = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_link_id = models.BigIntegerField(null=True, blank=True)  # hub.links ClientLink
    written_by = models.CharField(max_length=200)
    written_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.case_id} termination"
