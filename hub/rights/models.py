"""Rights information for workers: one page per topic, in Indonesian and English, written and
kept up to date by the network's admins (Django admin), read on the public portal."""

from django.db import models
from django.utils.translation import get_language


class RightsTopic(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True)
    title_id = models.CharField(max_length=120)
    title_en = models.CharField(max_length=120)
    summary_id = models.CharField(max_length=300)
    summary_en = models.CharField(max_length=300)
    # Plain text: paragraphs separated by blank lines, "- " starts a list item. No HTML, so an
    # admin's page can never carry a script.
    body_id = models.TextField()
    body_en = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.title_id

    def _in_language(self, field: str) -> str:
        english = (get_language() or "id").startswith("en")
        return getattr(self, f"{field}_en" if english else f"{field}_id")

    @property
    def title(self) -> str:
        return self._in_language("title")

    @property
    def summary(self) -> str:
        return self._in_language("summary")

    @property
    def body(self) -> str:
        return self._in_language("body")
