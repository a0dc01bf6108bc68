"""Contribution: a note, event or activity added to a case from outside its organisation.

Kept in the owner's schema, beside the case. A member organisation's staff add one through a
share with contribute permission (accepted at once); a paralegal without an account, or the
worker, through a contribution link (pending until the owner accepts or rejects it). The body
is never edited: the owner may only hide a contribution, saying why, and the trail keeps who
did.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributionKind(models.TextChoices):
    NOTE = "note", _("Note")
    EVENT = "event", _("Event")
    ACTIVITY = "activity", _("Activity (e.g. a family visit)")


class ContributionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class OriginKind(models.TextChoices):
    MEMBER = "member", _("Member organisation")
    LINK = "link", _("Contribution link")


class Contribution(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=20, choices=ContributionKind.choices)
    occurred_on = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # Where it came from: a member organisation (slug and name, as they were then) through a
    # share, or a link (the name is what the person said they are, e.g. "paralegal desa").
    origin_kind = models.CharField(max_length=10, choices=OriginKind.choices)
    origin_slug = models.CharField(max_length=63, blank=True)
    origin_name = models.CharField(max_length=200, blank=True)
    author_label = models.CharField(max_length=200)
    author_user_id = models.BigIntegerField(null=True, blank=True)
    grant_id = models.BigIntegerField(null=True, blank=True)  # the share it came through
    link_id = models.BigIntegerField(null=True, blank=True)  # or the client link
    status = models.CharField(max_length=10, choices=ContributionStatus.choices)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=200, blank=True)
    review_note = models.CharField(max_length=1000, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.CharField(max_length=200, blank=True)
    hidden_reason = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "origin_slug"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(origin_kind="link", link_id__isnull=False)
                | models.Q(origin_kind="member", grant_id__isnull=False),
                name="contribution_has_its_origin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} on case {self.case_id}"

    @property
    def hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def from_link(self) -> bool:
        return self.origin_kind == OriginKind.LINK
