"""Proceedings on a case (court or other body, register number, type, stage, outcome) and
their hearings: the data of seed 000's litigation report."""

from django.db import models


class Proceeding(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="proceedings")
    kind = models.CharField(max_length=50)  # vocabulary: proceeding_type
    body = models.CharField(max_length=200)  # e.g. "PN Jakarta Pusat", "Polda Metro Jaya"
    register_number = models.CharField(max_length=100, blank=True)  # e.g. 123/Pid.B/2026/PN Jkt.Pst
    stage = models.CharField(max_length=50, blank=True)  # vocabulary: proceeding_stage
    outcome = models.TextField(blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.register_number or self.body}"


class Hearing(models.Model):
    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField()
    agenda = models.CharField(max_length=300, blank=True)  # e.g. "pembacaan dakwaan"
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on}: {self.agenda}"
