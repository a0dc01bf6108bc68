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


__all__ = ["Complaint", "ComplaintDecision", "ComplaintStatus", "ReporterType"]


class Complaint(models.Model):
    receipt_code = models.CharField(max_length=12, unique=True)
    reporter_type = models.CharField(max_length=20, choices=ReporterType.choices)
    reporter_name = models.CharField(max_length=200)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    country_of_work = models.CharField(max_length=2)
    work_city = models.CharField(max_length=100, blank=True)
    home_region = models.CharField(max_length=100, blank=True)
    employer_name = models.CharField(max_length=200, blank=True)
    agency_name = models.CharField(max_length=200, blank=True)
    issue_types = ArrayField(models.CharField(max_length=50), default=list)
    narrative = models.TextField()
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
