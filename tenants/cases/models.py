"""Case and its people, in one organisation's schema."""

import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.accounts.roles import CASE_WORKER_ROLES, Role
from tenants.cases.lifecycle import Move, Stage, Status
from tenants.people.models import Person


class CaseSection(models.TextChoices):
    """Parts of a case that can be restricted on their own."""

    CHRONOLOGY = "chronology", _("Chronology: events and acts")
    PROCEEDINGS = "proceedings", _("Proceedings")
    DOCUMENTS = "documents", _("Documents")
    CARE = "care", _("Services: assessment, plan, interventions, counselling notes")


class ReceivedVia(models.TextChoices):
    """How a case reached this organisation from another one ("" when it began here)."""

    NONE = "", _("Opened here")
    IMPORT = "import", _("Received as an imported package")
    REFERRAL = "referral", _("Received by referral")
    TRANSFER = "transfer", _("Received by transfer")


class Case(models.Model):
    # Stable across organisations: travels in the package and survives renumbering on transfer.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    # Written only by tenants.cases.services.case_transition (and creation).
    stage = models.CharField(max_length=32, choices=Stage.choices, default=Stage.REGISTRATION)
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.OPEN)
    # Why the case reached its status (a code of the move's reason vocabulary) and a note.
    status_reason = models.CharField(max_length=50, blank=True)
    status_note = models.TextField(blank=True)
    # Sexual violence, children: only the staff assigned to it and the Kabid may open it.
    restricted = models.BooleanField(default=False)
    # Or only some sections of it (the case stays in lists; those sections do not).
    restricted_sections = ArrayField(
        models.CharField(max_length=20, choices=CaseSection.choices), default=list, blank=True
    )
    # Optimistic concurrency: every write bumps it; an edit made on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    case_types = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    complaint_receipt_code = models.CharField(max_length=12, blank=True, db_index=True)
    # A group complaint's cases (the filer's and one per listed worker) share its receipt
    # code here: the cases linked as one group. Empty for a case of its own.
    group_code = models.CharField(max_length=12, blank=True, db_index=True)
    # Intake at the office (seeds 000, 002, 004): how the client came and when.
    arrival_channel = models.CharField(max_length=50, blank=True)  # vocabulary
    arrived_at = models.DateTimeField(null=True, blank=True)
    # Free legal aid under UU 16/2011: eligible (None: not assessed) and the proof noted,
    # e.g. "SKTM Kelurahan Kampung Melayu No. 12/2026".
    legal_aid_eligible = models.BooleanField(null=True)
    eligibility_document = models.CharField(max_length=300, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Where an imported, referred or transferred case came from (tenants.cases.imports).
    received_from = models.CharField(max_length=200, blank=True)  # organisation slug or name
    received_via = models.CharField(
        max_length=16, choices=ReceivedVia.choices, blank=True, default=ReceivedVia.NONE
    )
    received_at = models.DateTimeField(null=True, blank=True)
    people = models.ManyToManyField(Person, through="CasePerson", related_name="cases")

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.number


class PersonRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    APPLICANT = "applicant", _("Applicant")
    VICTIM = "victim", _("Victim")
    PERPETRATOR = "perpetrator", _("Perpetrator")
    WITNESS = "witness", _("Witness")
    GROUP_REPRESENTATIVE = "group_representative", _("Group representative")
    FAMILY_MEMBER = "family_member", _("Family member")


class Willingness(models.TextChoices):
    """Whether an actor of the case is willing to cooperate (seed 001)."""

    WILLING = "willing", _("Willing to cooperate")
    UNWILLING = "unwilling", _("Not willing to cooperate")
    UNKNOWN = "", _("Not known")


class CasePerson(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(max_length=32, choices=PersonRole.choices)
    legal_status = models.CharField(max_length=50, blank=True)  # vocabulary: legal_status
    perpetrator_type = models.CharField(max_length=50, blank=True)  # vocabulary
    willingness = models.CharField(max_length=16, choices=Willingness.choices, blank=True)
    note = models.CharField(max_length=500, blank=True)
    added_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "role"], name="caseperson_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} as {self.role} in {self.case_id}"


class CaseNumberCounter(models.Model):
    """One row per year; locked while a number is taken, so numbers are gap-free."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


ASSIGNABLE_ROLES = CASE_WORKER_ROLES
ASSIGNABLE_ROLE_CHOICES = [(role.value, role.label) for role in ASSIGNABLE_ROLES]


class Assignment(models.Model):
    """Who works on a case, in which role: also the disposition sheet of seed 004 (from whom,
    to whom, when, with which instruction). Ended, never deleted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user_id = models.BigIntegerField()  # hub.accounts.User, in the public schema
    user_label = models.CharField(max_length=200)
    role = models.CharField(max_length=32, choices=ASSIGNABLE_ROLE_CHOICES)
    instruction = models.TextField(blank=True)
    assigned_by_user_id = models.BigIntegerField(null=True, blank=True)
    assigned_by_label = models.CharField(max_length=200)
    assigned_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user_id", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="assignment_active_unique",
            ),
            # One case lawyer (case owner) and one consultation lawyer at a time.
            models.UniqueConstraint(
                fields=["case", "role"],
                condition=models.Q(
                    ended_at__isnull=True,
                    role__in=[Role.CONSULTATION_LAWYER.value, Role.CASE_LAWYER.value],
                ),
                name="assignment_one_owner",
            ),
        ]
        indexes = [models.Index(fields=["user_id", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.user_label} as {self.role} on {self.case_id}"


class DecisionRequest(models.Model):
    """A lawyer asks the division head for a decision (case meeting, rejection, referral,
    transfer, termination); approving it carries the move out through `case_transition`."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LAPSED = "lapsed", _("Lapsed: the case moved on")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decision_requests")
    # The stage the request was asked at: it lapses when the case leaves it.
    stage = models.CharField(max_length=32, choices=Stage.choices, blank=True)
    move = models.CharField(max_length=32, choices=Move.choices)
    reason_code = models.CharField(max_length=50, blank=True)
    reason = models.TextField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    requested_by_user_id = models.BigIntegerField(null=True, blank=True)
    requested_by_label = models.CharField(max_length=200)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by_label = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(state="pending"),
                name="decision_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.move} on {self.case_id} ({self.state})"


class DecisionComment(models.Model):
    """The short thread in which the lawyer and the Kabid talk a decision through (seed 000)."""

    request = models.ForeignKey(DecisionRequest, on_delete=models.CASCADE, related_name="comments")
    author_user_id = models.BigIntegerField(null=True, blank=True)
    author_label = models.CharField(max_length=200)
    body = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.author_label} on request {self.request_id}"


class CaseImportRef(models.Model):
    """Which local record a package's reference became, so a re-import updates, not duplicates.

    Kinds are the package's: person, event, service, document. Export writes the same
    reference back, so export → import → export keeps every reference.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="import_refs")
    kind = models.CharField(max_length=16)
    ref = models.CharField(max_length=200)
    object_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "ref"], name="caseimportref_unique"),
            models.UniqueConstraint(
                fields=["case", "kind", "object_id"], name="caseimportref_object_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref} → {self.object_id}"
