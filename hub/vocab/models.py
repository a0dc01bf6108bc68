"""A term of a shared vocabulary: a stable code with an Indonesian and an English label."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.TextChoices):
    """The network's thesauri; codes are stable because terms and records refer to them."""

    ISSUE_TYPE = "issue_type", _("Issue type")
    CASE_TYPE = "case_type", _("Case type")
    RIGHT_VIOLATED = "right_violated", _("Right violated")
    PERPETRATOR_TYPE = "perpetrator_type", _("Perpetrator type")
    OCCUPATION = "occupation", _("Occupation")
    REJECTION_REASON = "rejection_reason", _("Reason for rejection")
    NOT_ACCOMPANIED_REASON = "not_accompanied_reason", _("Reason for not accompanying")
    TERMINATION_REASON = "termination_reason", _("Reason for termination")
    LEGAL_BASIS = "legal_basis", _("Legal basis")
    EDUCATION = "education", _("Education")
    DISABILITY = "disability", _("Disability")
    INCOME_BAND = "income_band", _("Income band")
    ARRIVAL_CHANNEL = "arrival_channel", _("Arrival channel")
    PROCEEDING_TYPE = "proceeding_type", _("Proceeding type")
    PROCEEDING_STAGE = "proceeding_stage", _("Proceeding stage")
    LEGAL_STATUS = "legal_status", _("Legal status")
    RELATION_TYPE = "relation_type", _("Relation type")
    SERVICE_TYPE = "service_type", _("Service")
    CONTACT_KIND = "contact_kind", _("Kind of contact")


class Term(models.Model):
    vocabulary = models.CharField(max_length=40, choices=Vocabulary.choices)
    code = models.SlugField(max_length=50)
    label_id = models.CharField(max_length=200)
    label_en = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["vocabulary", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "id").startswith("en") else self.label_id
