"""Complaint: what a worker filed, where it is now (an inbox, triage, or accepted)."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.consent.models import ConsentRecord
from hub.organisations.models import Organisation


class ReporterType(models.TextChoices):
    WORKER = "worker", _("The worker themself")
    FAMILY = "family", _("A family member")
    PARALEGAL = "paralegal", _("A paralegal or organisation on their behalf")


class ComplaintStatus(models.TextChoices):
    INBOX = "inbox", _("Waiting for an organisation")
    TRIAGE = "triage", _("Being placed by the network")
    ACCEPTED = "accepted", _("Accepted")


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
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status="triage", handling_organisation__isnull=True)
                    | models.Q(
                        status__in=["inbox", "accepted"], handling_organisation__isnull=False
                    )
                ),
                name="complaint_always_in_one_place",
            )
        ]

    def __str__(self) -> str:
        return self.receipt_code


class ComplaintDecision(models.Model):
    """Every accept and decline, with its reason: the complaint's own history."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ROUTED = "routed", _("Routed")

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
