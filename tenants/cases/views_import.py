"""Staff page to import a case package (XML) as a case of this organisation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.forms import form_refused
from interchange.xml import MAX_PACKAGE_BYTES, PackageError, package_from_xml
from tenants.cases.imports import case_import_result


class PackageUploadForm(forms.Form):
    package = forms.FileField(
        label=gettext_lazy("Case package (XML)"),
        help_text=gettext_lazy(
            "A case package from another member or system, at most 20 MB. The same package "
            "imported again updates the case it made. Files of documents do not travel in a "
            "package: they are listed as not received."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )


@organisation_member_required
def case_import_page(request):
    actor = request.actor
    policy.require(actor, Action.CASE_REGISTER)
    form = PackageUploadForm(request.POST or None, request.FILES or None)
    issues: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["package"]
            if upload.size > MAX_PACKAGE_BYTES:
                form.add_error(
                    "package",
                    _("The package is larger than %(limit)d MB.")
                    % {"limit": MAX_PACKAGE_BYTES // (1024 * 1024)},
                )
            else:
                try:
                    result = case_import_result(
                        actor=actor, package=package_from_xml(upload.read())
                    )
                except PackageError as exc:
                    form.add_error(None, _("The package is not a valid case package."))
                    issues = [str(issue) for issue in exc.issues]
                except DomainError as exc:
                    form_refused(form, exc)
                    issues = [m for said in exc.fields.values() for m in said]
                else:
                    done = (
                        _("Case %(number)s imported.")
                        if result.created
                        else _("Case %(number)s updated from the package.")
                    )
                    messages.success(request, done % {"number": result.case.number})
                    return redirect(
                        "org:case", org_slug=request.organisation.slug, case_id=result.case.pk
                    )
        status = 400
    else:
        status = 200
    return render(
        request,
        "cases/import.html",
        {"organisation": request.organisation, "form": form, "issues": issues},
        status=status,
    )
