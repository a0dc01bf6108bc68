"""Referrals: a request for a service to a member or an outside agency; the service directory.

Both live in the public schema: an agency belongs to the network, and a referral is seen by
its sender and its receiver alike. The case itself stays in the sender's schema; what the
receiver gets is the package written when the referral was sent.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hub.consent.models import ConsentRecord
from hub.organisations.models import Organisation


class Authority(models.TextChoices):
    """Whose cases an agency may take: its own region's, or any (a ministry, a national body)."""

    REGIONAL = "regional", _("Regional")
    CENTRAL = "central", _("Central")


class ServiceAgency(models.Model):
    """An outside agency (government or not) that gives services to migrant workers.

    Its services are codes of the `service_type` vocabulary; its regions are provinces or
    regencies as people write them, and for a post abroad the countries it covers."""

    name = models.CharField(max_length=200)
    services = ArrayField(models.CharField(max_length=50), default=list)
    regions = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    authority = models.CharField(max_length=16, choices=Authority.choices)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    hours = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Referral(models.Model):
    """One case of the sender referred for one service, to a member or to an agency."""

    sender = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="referrals_sent"
    )
    case_id = models.BigIntegerField()
    case_number = models.CharField(max_length=60)
    receiver = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="referrals_received",
    )
    agency = models.ForeignKey(
        ServiceAgency, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    service = models.CharField(max_length=50)  # a code of the service_type vocabulary
    reason = models.TextField()
    sections = ArrayField(models.CharField(max_length=20))
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="referrals")
    # The case as it was sent (case-package XML of the chosen sections): what the receiver
    # imports on acceptance, whatever the sender's case became since.
    package = models.BinaryField()
    status = models.CharField(
        max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    created_by = models.CharField(max_length=200)
    created_by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    # The case the receiving member made of it (in the receiver's schema).
    receiver_case_id = models.BigIntegerField(null=True, blank=True)
    receiver_case_number = models.CharField(max_length=60, blank=True)
    outcome = models.TextField(blank=True)
    completed_by = models.CharField(max_length=200, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["receiver", "status"]),
            models.Index(fields=["sender", "case_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(receiver__isnull=False, agency__isnull=True)
                    | Q(receiver__isnull=True, agency__isnull=False)
                ),
                name="referral_one_receiver",
            ),
            models.CheckConstraint(
                condition=~Q(receiver=models.F("sender")), name="referral_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} → {self.receiver_name}"

    @property
    def to_agency(self) -> bool:
        return self.agency_id is not None

    @property
    def receiver_name(self) -> str:
        return self.agency.name if self.agency_id else self.receiver.name
