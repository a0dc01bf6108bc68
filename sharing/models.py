"""ShareGrant: access of one member to another's case, under a consent record.

What a share shows is named by the projection's sections (tenants.cases.projection.Section),
the one place that decides what a case looks like outside its organisation.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.consent.models import ConsentRecord
from hub.organisations.models import Organisation
from tenants.cases.projection import Section


class SharePermission(models.TextChoices):
    READ = "read", _("Read only")
    CONTRIBUTE = "contribute", _("Read and contribute")


class ShareStatus(models.TextChoices):
    """Derived from the grant and its consent, never stored."""

    PENDING = "pending", _("Not started yet")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")


class RevokeReason(models.TextChoices):
    OWNER = "owner", _("Revoked by the owner")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    TRANSFERRED = "transferred", _("The case was transferred to another member")
    RESTRICTED = "restricted", _("The case was restricted to the staff assigned to it")


class ShareGrant(models.Model):
    owner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="shares_granted")
    case_id = models.BigIntegerField()
    case_number = models.CharField(max_length=60)
    recipient = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="shares_received"
    )
    sections = ArrayField(models.CharField(max_length=20, choices=Section.choices))
    permission = models.CharField(
        max_length=20, choices=SharePermission.choices, default=SharePermission.READ
    )
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="shares")
    granted_by = models.CharField(max_length=200)
    granted_at = models.DateTimeField(auto_now_add=True)
    # The time window: from starts_at (None: at once) until expires_at (None: until revoked).
    starts_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=200, blank=True)
    revoked_reason = models.CharField(max_length=20, choices=RevokeReason.choices, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "revoked_at"]),
            models.Index(fields=["owner", "case_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} → {self.recipient.slug}"

    @property
    def can_contribute(self) -> bool:
        return self.permission == SharePermission.CONTRIBUTE

    @property
    def status(self) -> str:
        """Where the grant stands now (the consent is read through the loaded relation)."""
        now = timezone.now()
        if self.revoked_at is not None:
            if self.revoked_reason == RevokeReason.CONSENT_WITHDRAWN:
                return ShareStatus.CONSENT_WITHDRAWN
            return ShareStatus.REVOKED
        if self.consent.withdrawn_at is not None or not self.consent.share:
            return ShareStatus.CONSENT_WITHDRAWN
        if self.expires_at is not None and self.expires_at <= now:
            return ShareStatus.EXPIRED
        if self.starts_at is not None and self.starts_at > now:
            return ShareStatus.PENDING
        return ShareStatus.ACTIVE

    @property
    def is_live(self) -> bool:
        return self.status == ShareStatus.ACTIVE

    def get_status_display(self) -> str:
        return ShareStatus(self.status).label
