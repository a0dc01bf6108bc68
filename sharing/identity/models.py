"""Keyed hashes of identifiers: telling two members they may be helping the same worker.

Only the HMAC of a normalised identifier is kept here (public schema), tagged with the id of
the network key that made it; the identifier itself stays in the organisation's schema.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.organisations.models import Organisation


class IdentifierKind(models.TextChoices):
    PASSPORT = "passport", _("Passport number")
    NIK = "nik", _("NIK")
    PHONE = "phone", _("Phone number")


class IdentifierHash(models.Model):
    """One identifier of the client of one case of one member, as a keyed hash."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="identifier_hashes"
    )
    case_id = models.BigIntegerField()
    person_id = models.BigIntegerField()  # the client, in the organisation's schema
    kind = models.CharField(max_length=10, choices=IdentifierKind.choices)
    key_id = models.CharField(max_length=40)
    digest = models.CharField(max_length=64)  # hex HMAC-SHA256 of the normalised identifier
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "digest"]),
            models.Index(fields=["organisation", "case_id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "case_id", "person_id", "kind", "key_id", "digest"],
                name="identifier_hash_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.case_id} {self.kind}"
