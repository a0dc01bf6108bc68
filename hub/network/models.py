"""CaseRollup: counts of cases per organisation, stage and status; never a person."""

from django.db import models

from hub.organisations.models import Organisation


class CaseRollup(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=32)
    status = models.CharField(max_length=32)
    cases = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "stage", "status"], name="caserollup_unique_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.stage}:{self.status}={self.cases}"
