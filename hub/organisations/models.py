"""Organisation: a member of the coalition, with its own PostgreSQL schema."""

from datetime import time

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin


class OrganisationKind(models.TextChoices):
    LEGAL_AID = "legal_aid", _("Legal aid office")
    UNION = "union", _("Migrant workers' union")
    SERVICE = "service", _("Migrant worker services")
    CRISIS_CENTRE = "crisis_centre", _("Women's and children's crisis centre")
    NETWORK = "network", _("Network secretariat")
    TEMPLATE = "template", _("Schema template (internal)")


class OrganisationQuerySet(models.QuerySet):
    def members(self):
        """Real member organisations: not the internal template schema."""
        return self.exclude(kind=OrganisationKind.TEMPLATE)


class Organisation(TenantMixin):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    regions = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    issue_types = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    languages = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=300, blank=True)
    accepts_complaints = models.BooleanField(default=True)
    monthly_capacity = models.PositiveIntegerField(default=30)
    # A national office (YLBHI for its LBH offices, seed 000) may ask its offices for access to
    # a case; the office's division head decides. An organisation setting, not a network role.
    is_national_office = models.BooleanField(
        _("national office"),
        default=False,
        help_text=_("May ask its offices for access to their cases."),
    )
    national_office = models.ForeignKey(
        "self",
        verbose_name=_("national office"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offices",
        limit_choices_to={"is_national_office": True},
        help_text=_("The national office this organisation is an office of, if any."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Schemas are made by hub.organisations.provisioning, not on save().
    auto_create_schema = False
    auto_drop_schema = False

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        office = self.national_office
        if office is None:
            return
        if office.pk == self.pk or not office.is_national_office:
            raise ValidationError(
                {"national_office": _("Choose another organisation marked as a national office.")}
            )
        if self.is_national_office:
            raise ValidationError(
                {"national_office": _("A national office is not an office of another one.")}
            )


class Domain(DomainMixin):
    """Kept for django-tenants; routing is by path (/org/<slug>/), not by host."""


def _monday_to_friday() -> list[int]:
    return [0, 1, 2, 3, 4]


class ServiceLevelSettings(models.Model):
    """An organisation's service-level clocks: its working calendar and each clock's target.
    No row yet means the defaults of hub.organisations.service_levels (seed 004)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="service_levels"
    )
    timezone = models.CharField(max_length=64, default="Asia/Jakarta")
    holiday_country = models.CharField(max_length=2, default="ID", blank=True)
    optional_holidays = models.BooleanField(default=True)  # cuti bersama, HK general holidays
    workdays = ArrayField(models.PositiveSmallIntegerField(), default=_monday_to_friday)
    opens = models.TimeField(default=time(8, 0))
    closes = models.TimeField(default=time(16, 0))
    closed_days = ArrayField(models.DateField(), default=list, blank=True)  # the office's own
    # Clock code -> {"on", "amount", "unit", "working", "soon_percent"}; a missing clock keeps
    # its default, so a clock added later needs no migration.
    targets = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"service levels of {self.organisation_id}"
