"""ShareGrant: read-only access of one member to another's case, under a consent record."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.consent.models import ConsentRecord
from hub.organisations.models import Organisation


class Section(models.TextChoices):
    SUMMARY = "summary", _("Summary")
    PEOPLE = "people", _("People without contact details")
    EVENTS = "events", _("Events and acts")


class ShareGrant(models.Model):
    owner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="shares_granted")
    case_id = models.BigIntegerField()
    case_number = models.CharField(max_length=60)
    recipient = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="shares_received"
    )
    sections = ArrayField(models.CharField(max_length=20, choices=Section.choices))
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="shares")
    granted_by = models.CharField(max_length=200)
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [models.Index(fields=["recipient", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.case_number} → {self.recipient.slug}"
