"""ClientLink: one question put to a client of one organisation's case, or to the worker who
filed a complaint with the network, answered once.

Kept in the public schema, because the client's page opens outside any organisation and must
find the organisation first; what it asks about (the case, the person) stays in the
organisation's schema and is read there, through the organisation's own services. A link
about a complaint (before any organisation holds it) has no organisation: it and what it asks
about live in the public schema.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.organisations.models import Organisation


class LinkState(models.TextChoices):
    OPEN = "open", _("Waiting for the client")
    ANSWERED = "answered", _("Answered")
    REVIEWED = "reviewed", _("Answered and reviewed")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class ClientLink(models.Model):
    # A case's link: its organisation and case. A complaint's link: the complaint, and neither.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="client_links", null=True, blank=True
    )
    case_id = models.BigIntegerField(null=True, blank=True)
    complaint_id = models.BigIntegerField(null=True, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True)  # whom it is for, when a person
    purpose = models.CharField(max_length=40)  # a registered purpose's code
    # What is asked, frozen when the link is made: the client reads what staff asked.
    request = models.JSONField(default=dict, blank=True)
    # The token carries a random nonce; only its hash is kept, so the database alone cannot
    # rebuild a working link. A new nonce (reissue) makes the previous link stop working.
    nonce_hash = models.CharField(max_length=64)
    created_by_label = models.CharField(max_length=200)
    created_by_user_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True)  # confirmed | corrected | agreed ...
    answer = models.JSONField(default=dict, blank=True)
    # The answer waits for staff (e.g. corrections to apply) until someone reviews it.
    needs_review = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by_label = models.CharField(max_length=200, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "case_id"]),
            models.Index(
                fields=["organisation", "case_id"],
                condition=models.Q(needs_review=True, reviewed_at__isnull=True),
                name="clientlink_to_review",
            ),
            models.Index(
                fields=["complaint_id"],
                condition=models.Q(complaint_id__isnull=False),
                name="clientlink_complaint",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        organisation__isnull=False,
                        case_id__isnull=False,
                        complaint_id__isnull=True,
                    )
                    | models.Q(
                        organisation__isnull=True, case_id__isnull=True, complaint_id__isnull=False
                    )
                ),
                name="clientlink_for_a_case_or_a_complaint",
            )
        ]

    def __str__(self) -> str:
        if self.complaint_id is not None:
            return f"{self.purpose} link #{self.pk} on complaint {self.complaint_id}"
        return f"{self.purpose} link #{self.pk} on case {self.case_id}"

    @property
    def state(self) -> LinkState:
        if self.used_at is not None:
            return LinkState.REVIEWED if self.reviewed_at else LinkState.ANSWERED
        if self.revoked_at is not None:
            return LinkState.REVOKED
        if self.expires_at <= timezone.now():
            return LinkState.EXPIRED
        return LinkState.OPEN

    @property
    def is_open(self) -> bool:
        return self.state == LinkState.OPEN

    @property
    def waits_for_review(self) -> bool:
        return self.used_at is not None and self.needs_review and self.reviewed_at is None
