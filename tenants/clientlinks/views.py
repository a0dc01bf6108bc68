"""Staff pages for a case's client links: make one (verification or consent), show it as a URL
and a QR code or e-mail it, issue it again, revoke it, review the answer; and record consent
given in person on a signed form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.consent.links import CODE as CONSENT
from hub.consent.models import GivenBy, Purpose
from hub.consent.services import GivenByWhom
from hub.core.errors import DomainError
from hub.core.forms import form_refused, submit
from hub.links.services import IssuedLink
from tenants.care.links import PLAN, TERMINATION
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.clientlinks.forms import (
    ConsentLinkForm,
    LinkEmailForm,
    LinkTokenForm,
    NoteLinkForm,
    ReviewForm,
    SignedConsentForm,
    VerificationLinkForm,
)
from tenants.clientlinks.qr import qr_svg
from tenants.clientlinks.selectors import (
    case_clients,
    case_consent,
    case_link_rows,
    consent_members,
)
from tenants.clientlinks.services import (
    case_consent_signed_form,
    case_link_check,
    case_link_create,
    case_link_email,
    case_link_reissue,
    case_link_revoke,
)
from tenants.contributions.links import CODE as CONTRIBUTION
from tenants.people.link_verification import CODE as VERIFICATION
from tenants.people.link_verification import verification_review

# Links the services page sends (their content is the drafted plan, the termination report).
CARE_PURPOSES = (PLAN, TERMINATION)


def _link_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("portal:link", kwargs={"token": token}))


def _page(request, case, *, issued: IssuedLink | None = None, status: int = 200, **bound):
    actor = request.actor
    can = policy.permitted(actor, case_subject(case))
    clients = case_clients(case=case)
    consent = case_consent(actor=actor, case=case)
    context = {
        "organisation": request.organisation,
        "case": case,
        "can": can,
        "rows": case_link_rows(actor=actor, case=case),
        "clients": clients,
        "consent": consent,
        "consent_rows": [
            (label, bool(consent and getattr(consent, code))) for code, label in Purpose.choices
        ],
        "verification_form": bound.get("verification_form")
        or VerificationLinkForm(clients=clients),
        "consent_form": bound.get("consent_form")
        or ConsentLinkForm(members=consent_members(organisation=request.organisation)),
        "signed_form": SignedConsentForm(
            members=consent_members(organisation=request.organisation)
        ),
    }
    if issued is not None:
        url = _link_url(request, issued.token)
        context["issued"] = {
            "link": issued.link,
            "token": issued.token,
            "url": url,
            # Drawn here from our own URL: no user text goes into the SVG.
            "qr": mark_safe(qr_svg(url)),  # noqa: S308
            "email_form": bound.get("email_form") or LinkEmailForm(),
        }
    response = render(request, "clientlinks/links.html", context, status=status)
    if issued is not None:
        add_never_cache_headers(response)  # the page holds a working link
    return response


def _back(request, case_id: int):
    return redirect("org:case-links", org_slug=request.organisation.slug, case_id=case_id)


def _refused_here(exc: DomainError) -> bool:
    """Refusals that belong next to the form (bad input, a state conflict); a forbidden or
    missing case gets its own page."""
    return exc.status not in (403, 404)


@organisation_member_required
def links_page(request, case_id: int):
    actor = request.actor
    case = case_for_actor(actor=actor, case_id=case_id)
    if request.method != "POST":
        return _page(request, case)
    purpose = request.POST.get("purpose", "")
    if purpose not in (VERIFICATION, CONSENT, CONTRIBUTION, *CARE_PURPOSES):
        messages.error(request, _("Choose what the link is for."))
        return _page(request, case, status=400)
    if purpose == VERIFICATION:
        form = VerificationLinkForm(request.POST, clients=case_clients(case=case))
        bound = {"verification_form": form}
    elif purpose == CONSENT:
        form = ConsentLinkForm(
            request.POST, members=consent_members(organisation=request.organisation)
        )
        bound = {"consent_form": form}
    else:
        form, bound = NoteLinkForm(request.POST), {}
    if form.is_valid():
        data = form.cleaned_data
        try:
            issued = case_link_create(
                actor=actor,
                case_id=case.pk,
                purpose=purpose,
                person_id=data.get("person_id"),
                asked={
                    "fields": data.get("fields") or [],
                    "purposes": data.get("purposes") or [],
                    "explanation": data.get("explanation", ""),
                    "share_with": data.get("share_with") or [],
                },
            )
        except DomainError as exc:
            if not _refused_here(exc):
                raise
            form_refused(form, exc)
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "The link is ready. Copy it, show its QR code or send it by e-mail now: "
                    "it is shown only this once."
                ),
            )
            return _page(request, case, issued=issued)
    else:
        messages.error(request, _("Check the link's form."))
    return _page(request, case, status=400, **bound)


@organisation_member_required
@require_POST
def link_reissue_view(request, case_id: int, link_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    try:
        issued = case_link_reissue(actor=request.actor, case_id=case.pk, link_id=link_id)
    except DomainError as exc:
        if not _refused_here(exc):
            raise
        messages.error(request, exc.message)
        return _back(request, case.pk)
    messages.success(request, _("A new link is ready; the previous one no longer works."))
    return _page(request, case, issued=issued)


@organisation_member_required
@require_POST
def link_revoke_view(request, case_id: int, link_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        None,
        lambda: case_link_revoke(actor=request.actor, case_id=case.pk, link_id=link_id),
        _("The link is revoked: it no longer opens."),
        "",
    )
    return _back(request, case.pk)


@organisation_member_required
@require_POST
def link_email_view(request, case_id: int, link_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = LinkEmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give an e-mail address."))
        return _back(request, case.pk)
    token = form.cleaned_data["token"]
    try:
        link = case_link_email(
            actor=request.actor,
            case_id=case.pk,
            link_id=link_id,
            token=token,
            url=_link_url(request, token),
            to=form.cleaned_data["to"],
        )
    except DomainError as exc:
        if not _refused_here(exc):
            raise
        messages.error(request, exc.message)
        return _back(request, case.pk)
    messages.success(request, _("Sent to %(address)s.") % {"address": form.cleaned_data["to"]})
    return _page(request, case, issued=IssuedLink(link=link, token=token), email_form=form)


@organisation_member_required
@require_POST
def link_qr_view(request, case_id: int, link_id: int):
    """The link's QR code as an SVG file (to print); the token comes in the POST body, never
    in a URL that logs would keep."""
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = LinkTokenForm(request.POST)
    if not form.is_valid():
        return _back(request, case.pk)
    token = form.cleaned_data["token"]
    link = case_link_check(actor=request.actor, case_id=case.pk, link_id=link_id, token=token)
    response = HttpResponse(qr_svg(_link_url(request, token)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="link-{link.pk}.svg"'
    add_never_cache_headers(response)
    return response


@organisation_member_required
@require_POST
def link_review_view(request, case_id: int, link_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = ReviewForm(request.POST)

    submit(
        request,
        form,
        lambda accept, version: verification_review(
            actor=request.actor, case_id=case.pk, link_id=link_id, accept=accept, version=version
        ),
        _("Reviewed: the corrections you ticked are applied."),
        _("Check the review."),
    )
    return _back(request, case.pk)


@organisation_member_required
@require_POST
def consent_signed_form_view(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = SignedConsentForm(
        request.POST, request.FILES, members=consent_members(organisation=request.organisation)
    )

    def record(file, title, given_by_kind, given_by_name, share_with, **answers):
        case_consent_signed_form(
            actor=request.actor,
            case_id=case.pk,
            file=file,
            title=title,
            answers=answers,
            who=GivenByWhom(kind=given_by_kind or GivenBy.CLIENT, name=given_by_name),
            share_with=share_with,
        )

    submit(
        request,
        form,
        record,
        _("Consent recorded with the signed form."),
        _("Choose the signed form's file."),
    )
    return _back(request, case.pk)
