"""Event: something that happened in a case; acts of violation come with the case-work issue."""

from django.db import models


class Event(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="events")
    occurred_on = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    description = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on or '?'}: {self.description[:40]}"
