"""Staff page action: upload a document to a case from the case page."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.core.forms import PlainTextForm, submit
from tenants.cases.selectors import case_for_actor
from tenants.documents.services import document_upload


class DocumentForm(PlainTextForm):
    file = forms.FileField()
    title = forms.CharField(max_length=200, required=False)
    event_id = forms.IntegerField(min_value=1, required=False)


@organisation_member_required
@require_POST
def document_upload_view(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        DocumentForm(request.POST, request.FILES),
        lambda file, title, event_id: document_upload(
            actor=request.actor, case_id=case.pk, file=file, title=title, event_id=event_id
        ),
        _("Document added."),
        _("Choose a file."),
    )
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)
