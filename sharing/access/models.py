"""Access requests: a national office asks an office for access to one of its cases."""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.organisations.models import Organisation
from sharing.models import ShareGrant
from tenants.cases.projection import Section

DEFAULT_DAYS = 30
MAX_DAYS = 180


class AccessStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the office")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AccessRequest(models.Model):
    """Kept in the public schema: both sides read it. The case is named by its number only;
    the id is filled in when the office approves (the national office never learns whether a
    number exists before that)."""

    requester = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="access_requests_sent"
    )
    owner = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="access_requests_received"
    )
    case_number = models.CharField(max_length=60)
    case_id = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField()
    sections = ArrayField(models.CharField(max_length=20, choices=Section.choices))
    duration_days = models.PositiveSmallIntegerField(
        default=DEFAULT_DAYS, validators=[MinValueValidator(1), MaxValueValidator(MAX_DAYS)]
    )
    status = models.CharField(
        max_length=20, choices=AccessStatus.choices, default=AccessStatus.PENDING
    )
    created_by = models.CharField(max_length=200)
    created_by_user_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who settled it: the office's division head (approved, declined) or the requester
    # (withdrawn), with their note.
    decided_by = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    share = models.ForeignKey(
        ShareGrant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_requests",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["requester", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_days__gte=1, duration_days__lte=MAX_DAYS),
                name="access_request_duration_range",
            ),
            # One open question per case at a time: a second one would only confuse the office.
            models.UniqueConstraint(
                fields=["requester", "owner", "case_number"],
                condition=models.Q(status="pending"),
                name="access_request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester.slug} → {self.owner.slug}: {self.case_number}"

    def section_labels(self) -> list[str]:
        return [str(Section(s).label) for s in self.sections if s in Section.values]
