"""Adding documents to a case (checked by content, stored under a random name, previewed),
and opening one, which is audited."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import audit_record
from hub.core.errors import DomainError, NotFound
from hub.core.outbox import domain_event_record
from hub.core.uploads import upload_check, upload_thumbnail
from tenants.cases.models import CaseSection
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.documents.models import Document


@transaction.atomic
def document_upload(
    *, actor: Actor, case_id: object, file, title: str = "", event_id: int | None = None
) -> Document:
    """Check the file by its content first (nothing is stored when it is refused), then store
    it and its preview, then record it."""
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.DOCUMENT_ADD, case_subject(case))
    event = None
    if event_id is not None:
        event = case.events.filter(pk=event_id).first()
        if event is None:
            message = _("Choose an event of this case.")
            raise DomainError(message, fields={"event_id": [message]})
    checked = upload_check(file)
    preview = upload_thumbnail(file, checked)
    original = (getattr(file, "name", "") or "")[-255:]
    document = Document(
        case=case,
        event=event,
        title=(title.strip() or original or _("Document"))[:200],
        original_name=original,
        kind=checked.kind,
        mime=checked.mime,
        size=checked.size,
        sha256=checked.sha256,
        pages=checked.pages,
        storage_folder=connection.schema_name,
        uploaded_by=actor.name,
    )
    file.seek(0)
    document.file.save("upload", file, save=False)
    try:
        document.thumbnail.save("preview.png", ContentFile(preview), save=False)
        document.save()
    except Exception:
        _discard(document)
        raise
    domain_event_record(
        actor=actor.audit,
        name="case.document_added",
        object_type="case",
        object_id=case.pk,
        detail={"document": document.pk, "sha256": checked.sha256, "size": checked.size},
    )
    return document


def document_orphans_sweep(*, older_than: timedelta = timedelta(hours=1)) -> list[str]:
    """Delete stored files of this organisation that no document refers to: a file is stored
    before its transaction commits, so a rollback later in a longer transaction (a refused
    termination, a crash) leaves it behind. Young files are kept: their transaction may still
    be running. Returns the names deleted."""
    folder = f"documents/{connection.schema_name}"
    try:
        _dirs, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    known = set()
    for file_name, thumbnail in Document.objects.values_list("file", "thumbnail"):
        known.update({file_name, thumbnail})
    cutoff = timezone.now() - older_than
    deleted = []
    for name in names:
        path = f"{folder}/{name}"
        if path not in known and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            deleted.append(path)
    return deleted


def _discard(document: Document) -> None:
    for stored in (document.file, document.thumbnail):
        if stored:
            stored.delete(save=False)


def document_open(
    *, actor: Actor, case_id: object, document_id: object, preview: bool = False
) -> Document:
    """The document, if the actor may open its case; the download goes into the trail."""
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require_section(actor, case_subject(case), CaseSection.DOCUMENTS)
    try:
        document = case.documents.get(pk=int(document_id))
    except (TypeError, ValueError, Document.DoesNotExist):
        raise NotFound(_("Not found.")) from None
    if not (document.thumbnail if preview else document.file):
        # Imported from a package (XML carries no files): the metadata came, the file did not.
        raise NotFound(_("The file of this document was not received."))
    if not preview:
        audit_record(
            actor=actor.audit,
            action="document.downloaded",
            object_type="case",
            object_id=case.pk,
            detail={"document": document.pk, "title": document.title},
        )
    return document
