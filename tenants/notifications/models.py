"""Notification: one message to one person, recorded before it is sent, sent at most once in
the normal path (see tenants.notifications.delivery)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    recipient_user_id = models.BigIntegerField()  # hub.accounts.User, in the public schema
    kind = models.CharField(max_length=40)  # e.g. case.assigned, clock.overdue
    case_id = models.BigIntegerField(null=True, blank=True)
    # Rendered once, in the recipient's language, when the notification is recorded.
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)  # a path in this site
    # What makes a notification the same one again: a producer that runs twice (or an event
    # dispatched twice) inserts nothing the second time.
    dedupe_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    claimed_by = models.CharField(max_length=120, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient_user_id", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient_user_id"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["id"],
                condition=models.Q(state__in=["pending", "sending"]),
                name="notification_to_send",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_user_id} ({self.state})"
