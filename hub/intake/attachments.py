"""A complaint's attachments while the form is being filled (drafts under the form's token),
their joining the complaint when it is filed, and the sweep of drafts never filed."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.errors import DomainError, NotFound
from hub.core.uploads import UploadRefused, upload_check
from hub.intake.models import Complaint, ComplaintAttachment

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_MAX_FILES = 5
# A draft not filed within this time is deleted with its files.
DRAFT_KEEP = timedelta(hours=24)
DRAFT_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def draft_attachments(*, draft_key: str) -> QuerySet[ComplaintAttachment]:
    """The files uploaded under this form's token and not yet part of a complaint."""
    if not DRAFT_KEY.fullmatch(draft_key or ""):
        return ComplaintAttachment.objects.none()
    return ComplaintAttachment.objects.filter(draft_key=draft_key, complaint__isnull=True)


def _refused(message: str) -> DomainError:
    return DomainError(message, code="not_allowed_type", fields={"attachments": [message]})


@transaction.atomic
def attachment_upload(*, draft_key: str, file) -> ComplaintAttachment:
    """Check the file by its content (a PDF or an image, at most 10 MB; nothing is stored when
    it is refused) and keep it as a draft of the form `draft_key` names, at most five."""
    if not DRAFT_KEY.fullmatch(draft_key or ""):
        raise _refused(_("The form has expired. Please start again."))
    with connection.cursor() as cursor:  # two uploads of one form at once count one by one
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"attachment:{draft_key}"])
    if draft_attachments(draft_key=draft_key).count() >= ATTACHMENT_MAX_FILES:
        raise _refused(
            _("At most %(count)d files can be attached. Remove one to add another.")
            % {"count": ATTACHMENT_MAX_FILES}
        )
    try:
        checked = upload_check(file, max_bytes=ATTACHMENT_MAX_BYTES)
    except UploadRefused as exc:
        raise _refused(exc.message) from None
    original = (getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    attachment = ComplaintAttachment(
        draft_key=draft_key,
        original_name=original[-255:],
        kind=checked.kind,
        mime=checked.mime,
        size=checked.size,
        sha256=checked.sha256,
    )
    file.seek(0)
    # A random stored name: the worker's file name says nothing on the disk.
    name = secrets.token_hex(16) + _EXTENSIONS.get(checked.mime, ".webp")
    attachment.file.save(name, file, save=False)
    stored = attachment.file.name
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, draft_key: str, attachment_id: object) -> None:
    """Remove a draft file of this form; any other id is the 404 of a missing one."""
    try:
        attachment = (
            draft_attachments(draft_key=draft_key)
            .select_for_update()
            .get(pk=int(str(attachment_id)))
        )
    except (TypeError, ValueError, ComplaintAttachment.DoesNotExist):
        raise NotFound(_("Not found.")) from None
    _delete(attachment)


def complaint_attachments_claim(*, complaint: Complaint, draft_key: str) -> int:
    """The form's draft files become the complaint's; returns how many."""
    if not draft_key:
        return 0
    return draft_attachments(draft_key=draft_key).update(complaint=complaint)


@transaction.atomic
def draft_attachments_sweep(*, older_than: timedelta = DRAFT_KEEP) -> int:
    """Delete the drafts of forms never sent (and their files); returns how many."""
    cutoff = timezone.now() - older_than
    old = list(
        ComplaintAttachment.objects.select_for_update(skip_locked=True).filter(
            complaint__isnull=True, uploaded_at__lt=cutoff
        )[:500]
    )
    for attachment in old:
        _delete(attachment)
    return len(old)


def _delete(attachment: ComplaintAttachment) -> None:
    """The row now; the file once the deletion is committed (a rollback keeps both)."""
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
