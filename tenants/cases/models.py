"""Case and its people, in one organisation's schema."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.cases.lifecycle import Stage, Status
from tenants.people.models import Person


class Case(models.Model):
    number = models.CharField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    # Written only by tenants.cases.services.case_transition (and creation).
    stage = models.CharField(max_length=32, choices=Stage.choices, default=Stage.REGISTRATION)
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.OPEN)
    case_types = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    complaint_receipt_code = models.CharField(max_length=12, blank=True, db_index=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    people = models.ManyToManyField(Person, through="CasePerson", related_name="cases")

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.number


class PersonRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    APPLICANT = "applicant", _("Applicant")
    VICTIM = "victim", _("Victim")
    PERPETRATOR = "perpetrator", _("Perpetrator")
    WITNESS = "witness", _("Witness")
    GROUP_REPRESENTATIVE = "group_representative", _("Group representative")


class CasePerson(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(max_length=32, choices=PersonRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "role"], name="caseperson_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} as {self.role} in {self.case_id}"


class CaseNumberCounter(models.Model):
    """One row per year; locked while a number is taken, so numbers are gap-free."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
