"""Complaint: what a worker filed, where it is now (an inbox, triage, accepted, closed as out
of scope, or merged into another complaint: hub.intake.lifecycle), and its history."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.consent.models import ConsentRecord
from hub.intake.lifecycle import WITH_ORGANISATION, WITHOUT_ORGANISATION, ComplaintStatus
from hub.organisations.models import Organisation


class ReporterType(models.TextChoices):
    WORKER = "worker", _("The worker themself")
    FAMILY = "family", _("A family member")
    PARALEGAL = "paralegal", _("A paralegal or organisation on their behalf")


class ContactChannel(models.TextChoices):
    """How the worker wants to be reached; "none" is an acceptable answer."""

    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "phone", _("Phone call or SMS")
    EMAIL = "email", _("E-mail")
    PARALEGAL = "paralegal", _("Through the paralegal or organisation that reports")
    NONE = "none", _("Do not contact me; I will check the status myself")


__all__ = [
    "Complaint",
    "ComplaintAttachment",
    "ComplaintDecision",
    "ComplaintMember",
    "ComplaintStatus",
    "ContactChannel",
    "ReporterType",
    "RoutingRule",
]


class Complaint(models.Model):
    receipt_code = models.CharField(max_length=12, unique=True)
    reporter_type = models.CharField(max_length=20, choices=ReporterType.choices)
    reporter_name = models.CharField(max_length=200)  # the worker the complaint is about
    # Who filed it, when not the worker themself (family member, paralegal, organisation).
    filer_name = models.CharField(max_length=200, blank=True)
    filer_relation = models.CharField(max_length=100, blank=True)  # "sister", "SBMI Wonosobo"
    contact_channel = models.CharField(
        max_length=20, choices=ContactChannel.choices, default=ContactChannel.WHATSAPP
    )
    # When and how it is safe to reach them, in their words ("never call; WhatsApp after 9 pm").
    contact_safety = models.CharField(max_length=300, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    country_of_work = models.CharField(max_length=2)
    work_city = models.CharField(max_length=100, blank=True)
    home_region = models.CharField(max_length=100, blank=True)
    employer_name = models.CharField(max_length=200, blank=True)
    agency_name = models.CharField(max_length=200, blank=True)
    issue_types = ArrayField(models.CharField(max_length=50), default=list)
    narrative = models.TextField()
    happened_from = models.DateField(null=True, blank=True)  # when it started (or happened)
    happened_until = models.DateField(null=True, blank=True)  # when it ended, if it has
    language = models.CharField(max_length=10, default="id")
    chosen_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handling_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="inbox"
    )
    status = models.CharField(max_length=20, choices=ComplaintStatus.choices)
    consent = models.OneToOneField(
        ConsentRecord, on_delete=models.PROTECT, related_name="complaint"
    )
    accepted_case_id = models.BigIntegerField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    closed_reason = models.TextField(blank=True)  # out of scope: the worker reads it
    placed_at = models.DateTimeField(null=True, blank=True)  # when it came where it is
    # The accepted case's stage and handling status, as its organisation's events report them
    # (hub.intake.handlers): the status page reads these, never the case.
    case_stage = models.CharField(max_length=20, blank=True)
    case_status = models.CharField(max_length=20, blank=True)
    case_updated_at = models.DateTimeField(null=True, blank=True)
    # The worker's PIN (hashed like a password), set on the receipt page: with the receipt code
    # it lets them withdraw consent later from the portal.
    pin_hash = models.CharField(max_length=128, blank=True)
    pin_set_at = models.DateTimeField(null=True, blank=True)
    # Confirmed through the verification link sent to the e-mail given; unconfirmed complaints
    # are handled all the same, just marked.
    verified_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        status__in=[str(s) for s in WITHOUT_ORGANISATION],
                        handling_organisation__isnull=True,
                    )
                    | models.Q(
                        status__in=[str(s) for s in WITH_ORGANISATION],
                        handling_organisation__isnull=False,
                    )
                ),
                name="complaint_always_in_one_place",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="accepted", accepted_case_id__isnull=False)
                    | ~models.Q(status="accepted")
                ),
                name="complaint_accepted_has_a_case",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="merged", merged_into__isnull=False)
                    & ~models.Q(merged_into=models.F("pk"))
                )
                | models.Q(~models.Q(status="merged"), merged_into__isnull=True),
                name="complaint_merged_into_another",
            ),
        ]
        indexes = [models.Index(fields=["status", "placed_at"], name="complaint_status_placed")]

    def __str__(self) -> str:
        return self.receipt_code


class ComplaintDecision(models.Model):
    """Every move (routing, accept, decline, escalate, assign, close, merge), with its reason:
    the complaint's own history. `organisation` is the one the move concerns."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ROUTED = "routed", _("Routed")
        ESCALATED = "escalated", _("Escalated")
        ASSIGNED = "assigned", _("Assigned")
        CLOSED = "closed", _("Closed as out of scope")
        MERGED = "merged", _("Merged as a duplicate")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="decisions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.TextField(blank=True)
    actor_label = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"


class ComplaintMember(models.Model):
    """One more worker of a group complaint (same employer or agency), listed by the filer.
    On acceptance each member becomes a linked case of their own; the filer's consent covers
    only the filer: a member's own consent is recorded separately (a consent link) before
    their data is shared or counted."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="members")
    position = models.PositiveSmallIntegerField()  # order in which the filer listed them
    name = models.CharField(max_length=200)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    home_region = models.CharField(max_length=100, blank=True)
    note = models.CharField(max_length=500, blank=True)  # what is different for this member
    # Empty (nothing consented) until the member answers for themself.
    consent = models.OneToOneField(
        ConsentRecord, on_delete=models.PROTECT, related_name="complaint_member"
    )
    case_id = models.BigIntegerField(null=True, blank=True)  # the member's case, once accepted

    class Meta:
        ordering = ["complaint", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "position"], name="complaint_member_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} member {self.position}"


class ComplaintAttachment(models.Model):
    """A photo or PDF the worker attached (contract, passport page, payslip), checked by
    content (hub.core.uploads). Uploaded during the form's steps before the complaint exists
    (complaint null, found again by `draft_key`); unclaimed ones are swept. On acceptance the
    organisation copies them into the case's documents."""

    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    draft_key = models.CharField(max_length=64, db_index=True)  # the form's submission token
    file = models.FileField(upload_to="complaints/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=10)  # pdf | image
    mime = models.CharField(max_length=50)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name or f"attachment {self.pk}"


class RoutingRule(models.Model):
    """One routing rule, kept as data and edited by network admins: a complaint that lets the
    network choose goes to the organisation of the best-matching active rule (more matched
    criteria first, then priority, then free declared capacity); an empty list matches
    anything. A complaint no rule places goes to triage."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="routing_rules"
    )
    countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    home_regions = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    issue_types = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    languages = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    priority = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)
    updated_by = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-priority", "organisation__name", "id"]

    def __str__(self) -> str:
        return f"rule {self.pk} → {self.organisation_id}"
