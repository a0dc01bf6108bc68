"""Staff pages for people: add one to a case (picked or new), a person's page, and edits."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.forms import form_refused, submit
from tenants.cases.selectors import case_for_actor
from tenants.people.forms import CasePersonForm, PersonEditForm, PlacementForm, RelationForm
from tenants.people.selectors import (
    person_case_links,
    person_for_actor,
    person_picker,
    person_relations,
    person_subject,
)
from tenants.people.services import (
    EDITABLE,
    CaseRoleData,
    PersonData,
    PlacementData,
    person_add_to_case,
    person_update,
    placement_add,
    relation_add,
)


@organisation_member_required
@require_POST
def case_person_add(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = CasePersonForm(request.POST)

    def add(person_id, display_name, is_group, gender, age, occupation, domicile, **link):
        described = PersonData(
            display_name=display_name,
            is_group=is_group,
            gender=gender,
            age=age,
            occupation=occupation,
            domicile=domicile,
        )
        person_add_to_case(
            actor=request.actor,
            case_id=case.pk,
            link=CaseRoleData(**link),
            person=None if person_id else described,
            person_id=person_id,
        )

    submit(request, form, add, _("Person added to the case."), _("Check the person's data."))
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)


@organisation_member_required
def person_page(request, person_id: int):
    actor = request.actor
    person = person_for_actor(actor=actor, person_id=person_id)
    can = policy.permitted(actor, person_subject(person))
    initial = {name: getattr(person, name) for name in EDITABLE}
    initial["name_variants"] = "\n".join(person.name_variants)
    initial["version"] = person.version
    form = PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        policy.require(actor, Action.PERSON_ADD, person_subject(person))
        if form.is_valid():
            changes = {k: form.cleaned_data[k] for k in form.changed_data if k in EDITABLE}
            if "name_variants" in changes:
                changes["name_variants"] = [
                    v.strip() for v in changes["name_variants"].splitlines() if v.strip()
                ]
            try:
                person_update(
                    actor=actor,
                    person_id=person.pk,
                    version=form.cleaned_data["version"],
                    changes=changes,
                )
            except DomainError as exc:
                form_refused(form, exc)
            else:
                return redirect(
                    "org:person", org_slug=request.organisation.slug, person_id=person.pk
                )
    return render(
        request,
        "people/person.html",
        {
            "organisation": request.organisation,
            "person": person,
            "can": can,
            "form": form,
            "links": person_case_links(actor=actor, person=person),
            "placements": person.placements.all(),
            "relations": person_relations(actor=actor, person=person),
            "placement_form": PlacementForm(),
            "relation_form": RelationForm(),
            # People of the same cases first: a relation is usually to someone in the case.
            "others": person_picker(actor=actor).exclude(pk=person.pk)[:50],
        },
        status=400 if request.method == "POST" else 200,
    )


@organisation_member_required
@require_POST
def person_placement_add(request, person_id: int):
    person = person_for_actor(actor=request.actor, person_id=person_id)
    submit(
        request,
        PlacementForm(request.POST),
        lambda **data: placement_add(
            actor=request.actor, person_id=person.pk, data=PlacementData(**data)
        ),
        _("Placement recorded."),
        _("Check the placement."),
    )
    return redirect("org:person", org_slug=request.organisation.slug, person_id=person.pk)


@organisation_member_required
@require_POST
def person_relation_add(request, person_id: int):
    person = person_for_actor(actor=request.actor, person_id=person_id)
    submit(
        request,
        RelationForm(request.POST),
        lambda **data: relation_add(actor=request.actor, person_id=person.pk, **data),
        _("Relation recorded."),
        _("Check the relation."),
    )
    return redirect("org:person", org_slug=request.organisation.slug, person_id=person.pk)
