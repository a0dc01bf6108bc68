"""Staff pages to register a walk-in client and to edit a case's general data."""

from __future__ import annotations

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.consent.services import ConsentChoices
from hub.core.errors import DomainError
from hub.core.forms import form_refused
from tenants.cases.forms import ELIGIBLE, EditForm, RegistrationForm
from tenants.cases.registration import Intake, case_register
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.cases.services import CASE_EDITABLE, case_update
from tenants.people.selectors import person_duplicates
from tenants.people.services import PersonData

CLIENT_CHOICE = re.compile(r"new|[0-9]{1,18}")


@organisation_member_required
def case_register_page(request):
    actor = request.actor
    policy.require(actor, Action.CASE_REGISTER)
    initial = {"arrival_channel": "walk_in", "arrived_at": timezone.localtime()}
    form = RegistrationForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # After the duplicate hints: "new", or the id of the person already recorded.
        choice = request.POST.get("client_choice", "")
        if not CLIENT_CHOICE.fullmatch(choice):
            hints = list(
                person_duplicates(
                    actor=actor,
                    name=data["client_name"],
                    birth_date=data["birth_date"],
                    phone=data["phone"],
                    nik=data["nik"],
                )
            )
            if hints:  # staff look first: the same person, or someone new?
                return render(
                    request,
                    "cases/register.html",
                    {"organisation": request.organisation, "form": form, "hints": hints},
                )
            choice = "new"
        try:
            case = case_register(
                actor=actor,
                title=data["title"],
                summary=data["summary"],
                case_types=data["case_types"],
                client_person_id=None if choice == "new" else int(choice),
                complainant=None
                if choice != "new"
                else PersonData(
                    display_name=data["client_name"],
                    gender=data["gender"],
                    birth_date=data["birth_date"],
                    phone=data["phone"],
                    safe_contact=data["safe_contact"],
                    domicile=data["domicile"],
                    occupation=data["occupation"],
                    nik=data["nik"],
                ),
                consent=ConsentChoices(
                    contact=data["consent_contact"],
                    share=data["consent_share"],
                    refer=data["consent_refer"],
                    statistics=data["consent_statistics"],
                ),
                intake=Intake(
                    arrival_channel=data["arrival_channel"],
                    arrived_at=data["arrived_at"],
                    legal_aid_eligible=ELIGIBLE[data["legal_aid_eligible"]],
                    eligibility_document=data["eligibility_document"],
                    client_role=data["client_role"],
                    opposing_parties=tuple(
                        line.strip() for line in data["opposing_parties"].splitlines()
                    ),
                    restricted=data["restricted"],
                    acknowledge_conflicts=data["acknowledge_conflicts"],
                ),
            )
        except DomainError as exc:
            conflict = exc.code == "conflict_of_interest"
            form_refused(form, exc)
            if conflict:
                for message in exc.fields.get("opposing_parties", []):
                    messages.warning(request, message)
        else:
            messages.success(
                request,
                _("Registered as case %(number)s; it waits in the consultation queue.")
                % {"number": case.number},
            )
            if not policy.allows(actor, Action.CASE_READ, case_subject(case)):
                # Restricted: reception registered it but may not open it.
                messages.info(
                    request,
                    _(
                        "The case is restricted: only the staff assigned to it and the "
                        "division head open it."
                    ),
                )
                return redirect("org:home", org_slug=request.organisation.slug)
            return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)
    return render(
        request,
        "cases/register.html",
        {"organisation": request.organisation, "form": form, "conflict": conflict},
        status=400 if request.method == "POST" else 200,
    )


@organisation_member_required
def case_edit_page(request, case_id: int):
    actor = request.actor
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.CASE_EDIT, case_subject(case))
    initial = {name: getattr(case, name) for name in CASE_EDITABLE}
    initial["legal_aid_eligible"] = {None: "", True: "yes", False: "no"}[case.legal_aid_eligible]
    initial["version"] = case.version
    if case.arrived_at:
        # The form shows minutes; an untouched field must not count as a change.
        initial["arrived_at"] = case.arrived_at.replace(second=0, microsecond=0)
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {
            name: value
            for name, value in form.general().items()
            if name in form.changed_data or name == "legal_aid_eligible"
        }
        try:
            case_update(
                actor=actor, case_id=case.pk, version=form.cleaned_data["version"], changes=changes
            )
        except DomainError as exc:
            form_refused(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)
    return render(
        request,
        "cases/edit.html",
        {"organisation": request.organisation, "case": case, "form": form},
        status=400 if request.method == "POST" else 200,
    )
