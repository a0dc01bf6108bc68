"""ConsentRecord: given at intake (or later by form or link), followed by every share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.organisations.models import Organisation


class ConsentSource(models.TextChoices):
    PORTAL = "portal", _("Portal checkbox")
    SIGNED_FORM = "signed_form", _("Signed form")
    LINK = "link", _("Consent link")


class Purpose(models.TextChoices):
    CONTACT = "contact", _("Contact me")
    SHARE = "share", _("Share with other members")
    REFER = "refer", _("Refer to government agencies")
    STATISTICS = "statistics", _("Anonymised network statistics")


class ConsentRecord(models.Model):
    given_by = models.CharField(max_length=20)  # worker | family | paralegal | organisation
    source = models.CharField(max_length=20, choices=ConsentSource.choices)
    contact = models.BooleanField(default=False)
    share = models.BooleanField(default=False)
    refer = models.BooleanField(default=False)
    statistics = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Set when an organisation accepts the complaint: the case the consent now covers.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="consents"
    )
    case_id = models.BigIntegerField(null=True, blank=True)
    # Where it was given, besides the portal: the signed form (a document of the case, in the
    # organisation's schema) or the consent link the client answered.
    document_id = models.BigIntegerField(null=True, blank=True)
    link_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "case_id"])]

    def __str__(self) -> str:
        return f"Consent #{self.pk}"

    def covers(self, purpose: str) -> bool:
        return self.withdrawn_at is None and bool(getattr(self, Purpose(purpose).value))
