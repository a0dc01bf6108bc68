"""Transfers (pengalihan): the whole case moves to another member; the sender keeps a stub.

A transfer lives in the public schema: its sender and its receiver both read it. The case
stays in the sender's schema (closed, at termination/transferred) until the receiver accepts;
the receiver's case is then made from the package delivered with the transfer.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hub.consent.models import ConsentRecord
from hub.organisations.models import Organisation


class TransferStatus(models.TextChoices):
    DECIDED = "decided", _("Decided")
    DELIVERED = "delivered", _("Delivered, waiting for the receiver")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A transfer in one of these still holds the case: no second one may be decided beside it.
LIVE_STATUSES = (TransferStatus.DECIDED, TransferStatus.DELIVERED, TransferStatus.ACCEPTED)
# Waiting for the receiver's answer: the working-day clock runs.
OPEN_STATUSES = (TransferStatus.DECIDED, TransferStatus.DELIVERED)


class Transfer(models.Model):
    """One case of the sender moved, by the division head's decision, to one receiver."""

    sender = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="transfers_sent"
    )
    case_id = models.BigIntegerField()
    case_number = models.CharField(max_length=60)
    receiver = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="transfers_received"
    )
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="transfers")
    # The decision: the lawyer's approved request (in the sender's schema), or none when the
    # division head decided directly.
    decision_request_id = models.BigIntegerField(null=True, blank=True)
    decided_by = models.CharField(max_length=200)
    decided_by_user_id = models.BigIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField()
    note = models.TextField()  # to whom and why, as the division head wrote it
    status = models.CharField(
        max_length=16, choices=TransferStatus.choices, default=TransferStatus.DECIDED
    )
    # The complete file as delivered (case-package XML of every section of the projection):
    # what the receiver reads and imports, whatever the sender's stub becomes since.
    package = models.BinaryField(default=bytes)
    package_sha256 = models.CharField(max_length=64, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # The last working day, in the receiver's calendar, on which the complete file must be
    # accepted (10 working days after the decision's day: seed 003).
    due_on = models.DateField()
    answered_by = models.CharField(max_length=200, blank=True)
    answered_by_user_id = models.BigIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    receiver_case_id = models.BigIntegerField(null=True, blank=True)
    receiver_case_number = models.CharField(max_length=60, blank=True)
    withdrawn_by = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [
            models.Index(fields=["receiver", "status"]),
            models.Index(fields=["sender", "case_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(receiver=models.F("sender")), name="transfer_not_to_itself"
            ),
            # One transfer under way per case: a second decision waits until the first is
            # declined or withdrawn. (An accepted one holds the case while it is our closed
            # stub, checked under the case's row lock: a case that came back to us by a later
            # transfer can be transferred again.)
            models.UniqueConstraint(
                fields=["sender", "case_id"],
                condition=Q(status__in=["decided", "delivered"]),
                name="transfer_one_live_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} → {self.receiver.slug} ({self.status})"

    @property
    def accepted_at(self):
        return self.answered_at if self.status == TransferStatus.ACCEPTED else None

    @property
    def open(self) -> bool:
        return self.status in OPEN_STATUSES
