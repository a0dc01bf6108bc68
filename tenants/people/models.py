"""People: individuals and groups recorded once in an organisation's schema, linked to cases
in roles (tenants.cases.CasePerson); their migration abroad and their relations to each other.

Every coded field holds a code of a shared vocabulary (hub.vocab), checked by the services.
Nothing about a person is required but a name, and a perpetrator may not even have that.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "", _("Unknown")


class PassportHolder(models.TextChoices):
    """Who holds the passport: withheld passports are common (seed 001)."""

    SELF = "self", _("The person")
    EMPLOYER = "employer", _("Employer")
    AGENCY = "agency", _("Placement agency")
    AUTHORITY = "authority", _("Police or immigration")
    OTHER = "other", _("Someone else")
    UNKNOWN = "", _("Unknown")


class Person(models.Model):
    display_name = models.CharField(max_length=200, blank=True)  # blank: an unknown perpetrator
    name_variants = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    is_group = models.BooleanField(default=False)
    group_size = models.PositiveIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)  # when no birth date is known
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    # How to reach the person without putting them at risk (e.g. "only WhatsApp after 21:00").
    safe_contact = models.CharField(max_length=500, blank=True)
    domicile = models.CharField(max_length=200, blank=True)
    occupation = models.CharField(max_length=100, blank=True)  # vocabulary: occupation
    education = models.CharField(max_length=50, blank=True)  # vocabulary: education
    income_amount = models.PositiveBigIntegerField(null=True, blank=True)  # rupiah a month
    income_band = models.CharField(max_length=50, blank=True)  # vocabulary: income_band
    disabilities = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    language = models.CharField(max_length=50, blank=True)
    needs_interpreter = models.BooleanField(default=False)
    nik = models.CharField(max_length=16, blank=True)  # national identity number
    passport_number = models.CharField(max_length=20, blank=True)
    passport_holder = models.CharField(max_length=20, choices=PassportHolder.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]  # the person picker shows newest first
        indexes = [
            GinIndex(name="person_name_trgm", fields=["display_name"], opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self) -> str:
        return self.display_name or str(_("Unknown"))


class Placement(models.Model):
    """A migrant worker's work abroad: where, for whom, through which agency, how they left."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="placements")
    destination_country = models.CharField(max_length=2)
    destination_city = models.CharField(max_length=100, blank=True)
    employer_name = models.CharField(max_length=200, blank=True)
    agency_name = models.CharField(max_length=200, blank=True)  # P3MI
    procedural = models.BooleanField(null=True)  # left through the official procedure?
    departed_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    document_status = models.CharField(max_length=50, blank=True)  # vocabulary: legal_status
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-departed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.destination_country}"


class PersonRelation(models.Model):
    """`person` is `kind` of `other`: e.g. the perpetrator is the victim's parent (seed 001);
    a child's guardian is the relation `guardian`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=50)  # vocabulary: relation_type
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_to")
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "other"], name="relation_unique"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other")), name="relation_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.other_id}"
