"""A term of a shared vocabulary: a stable code with an Indonesian and an English label."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.TextChoices):
    ISSUE_TYPE = "issue_type", _("Issue type")


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
