"""Public-schema tables of the abuse protection (shared app only: one copy for the hub)."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """Requests (or failures) of one client in one fixed window. `client` is a keyed hash of
    the address, never the address itself; rows are deleted once their window has passed."""

    scope = models.CharField(max_length=30)
    client = models.CharField(max_length=64)
    window_start = models.BigIntegerField()  # Unix seconds
    expires_at = models.BigIntegerField(db_index=True)  # Unix seconds
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "client", "window_start"], name="throttle_counter_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.client[:8]}… {self.window_start}: {self.count}"


class SubmissionKey(models.Model):
    """A one-time submission token (portal form) or `Idempotency-Key` (API) and what its first
    use produced (a receipt code or an answer), written in the same transaction as that result."""

    scope = models.CharField(max_length=30)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    result = models.TextField(blank=True)  # a receipt code, or the first answer's JSON body
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="throttle_key_once")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]}…"
