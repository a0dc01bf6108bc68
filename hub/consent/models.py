"""ConsentRecord: given at intake (or later by form or link), followed by every share."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.organisations.models import Organisation


class ConsentSource(models.TextChoices):
    PORTAL = "portal", _("Portal checkbox")
    SIGNED_FORM = "signed_form", _("Signed form")
    LINK = "link", _("Consent link")
    # What stays allowed after the client withdrew some purposes (portal or organisation).
    WITHDRAWAL = "withdrawal", _("Partial withdrawal")


class GivenBy(models.TextChoices):
    """Who gave the consent: the client, or someone entitled to answer for them."""

    CLIENT = "client", _("The client")
    GUARDIAN = "guardian", _("A guardian (for a child or a person who cannot decide)")
    REPRESENTATIVE = "representative", _("A representative with the client's authority")


class WithdrawnVia(models.TextChoices):
    """How a record stopped being live."""

    PORTAL = "portal", _("By the client on the portal (receipt code and PIN)")
    ORGANISATION = "organisation", _("Recorded by the organisation")
    SUPERSEDED = "superseded", _("Replaced by a newer consent that refuses some of it")


class Purpose(models.TextChoices):
    CONTACT = "contact", _("Contact me")
    SHARE = "share", _("Share with other members")
    REFER = "refer", _("Refer to government agencies")
    STATISTICS = "statistics", _("Anonymised network statistics")


class ConsentRecord(models.Model):
    given_by = models.CharField(max_length=20)  # worker | family | paralegal | organisation
    # Who answered, when it was not the client: a guardian or a representative, by name.
    given_by_kind = models.CharField(max_length=20, choices=GivenBy.choices, default=GivenBy.CLIENT)
    given_by_name = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=20, choices=ConsentSource.choices)
    contact = models.BooleanField(default=False)
    share = models.BooleanField(default=False)
    refer = models.BooleanField(default=False)
    statistics = models.BooleanField(default=False)
    # Sharing with named members only (organisation slugs); empty means any member.
    share_with = ArrayField(models.SlugField(max_length=50), default=list, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # portal (receipt code + PIN) | organisation (recorded by staff) | superseded (a newer
    # record refused a purpose this one allowed)
    withdrawn_via = models.CharField(max_length=20, choices=WithdrawnVia.choices, blank=True)
    withdrawn_by = models.CharField(max_length=200, blank=True)
    # The newer record that keeps what this one allowed less what the client withdrew or
    # refused (None when everything was withdrawn): shares carry over to it when it still
    # covers them.
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes"
    )
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

    @property
    def purposes(self) -> list[str]:
        """The purposes this record allows (withdrawn or not), in the vocabulary's order."""
        return [purpose for purpose in Purpose.values if getattr(self, purpose)]

    def covers(self, purpose: str, *, recipient_slug: str = "") -> bool:
        """Does this live record allow the purpose (sharing: with this member, when named)?"""
        if self.withdrawn_at is not None or not getattr(self, Purpose(purpose).value):
            return False
        if purpose == Purpose.SHARE and recipient_slug and self.share_with:
            return recipient_slug in self.share_with
        return True
