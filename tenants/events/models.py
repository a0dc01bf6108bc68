"""Events and acts (HURIDOCS event model, seed 000): a case holds events that happened; an
event holds acts of violation, each with its victims, its perpetrators (none: unknown), the
rights violated and the legal basis, coded with the shared vocabularies."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of the date is known: witnesses often remember only the month or the year."""

    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")
    UNKNOWN = "unknown", _("Date unknown")


class Event(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=200, blank=True)
    occurred_on = models.DateField(null=True, blank=True)  # the start of the event
    occurred_until = models.DateField(null=True, blank=True)  # for an event lasting a while
    date_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True)
    description = models.TextField()
    recorded_by = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on or '?'}: {self.description[:40]}"


class Act(models.Model):
    """One act of violation within an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="acts")
    description = models.TextField(blank=True)
    rights_violated = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    legal_basis = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    victims = models.ManyToManyField("people.Person", related_name="acts_suffered", blank=True)
    perpetrators = models.ManyToManyField(
        "people.Person", related_name="acts_committed", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"act {self.pk} of event {self.event_id}"
