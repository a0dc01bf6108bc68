"""Documents on a case: PDFs and images checked by content, stored once, previewed, and read
only by those who may open the case (every download audited)."""

import uuid

from django.db import models


def _stored_name(document: "Document", filename: str) -> str:
    # Never the uploader's name on disk: a random name under the organisation's folder.
    return f"documents/{document.storage_folder}/{uuid.uuid4().hex}"


def _thumbnail_name(document: "Document", filename: str) -> str:
    return f"documents/{document.storage_folder}/{uuid.uuid4().hex}.png"


class Document(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(max_length=200)
    original_name = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=10)  # pdf | image
    mime = models.CharField(max_length=50)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to=_stored_name, max_length=300)
    thumbnail = models.FileField(upload_to=_thumbnail_name, max_length=300, blank=True)
    storage_folder = models.CharField(max_length=63)  # the organisation's schema
    uploaded_by = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title
