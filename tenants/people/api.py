"""Organisation API for people: the picker, duplicate hints, a person, edits, placements,
relations, and a case's people (link an existing person or a new one in a role)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import CursorPage, error_responses, versioned_changes
from hub.core.fields import Text
from tenants.cases.models import PersonRole, Willingness
from tenants.cases.selectors import case_for_actor
from tenants.people.models import Gender, PassportHolder
from tenants.people.selectors import (
    person_duplicates,
    person_for_actor,
    person_picker,
    person_relations,
)
from tenants.people.services import (
    MOST_MONTHLY_INCOME,
    MOST_PEOPLE_IN_A_GROUP,
    CaseRoleData,
    PersonData,
    PlacementData,
    person_add_to_case,
    person_update,
    placement_add,
    relation_add,
)

CODE = {"max_length": 50, "required": False, "allow_blank": True}


class PersonFields(serializers.Serializer):
    """Everything about a person is optional; codes come from the shared vocabularies."""

    display_name = Text(max_length=200, required=False, allow_blank=True)
    name_variants = serializers.ListField(child=Text(max_length=200), required=False, max_length=20)
    is_group = serializers.BooleanField(required=False)
    group_size = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MOST_PEOPLE_IN_A_GROUP
    )
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    phone = Text(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    safe_contact = Text(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="How to reach the person safely, e.g. 'only WhatsApp after 21:00'.",
    )
    domicile = Text(max_length=200, required=False, allow_blank=True)
    occupation = serializers.SlugField(**CODE, help_text="`occupation` vocabulary code.")
    education = serializers.SlugField(**CODE, help_text="`education` vocabulary code.")
    income_amount = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MOST_MONTHLY_INCOME
    )
    income_band = serializers.SlugField(**CODE, help_text="`income_band` vocabulary code.")
    disabilities = serializers.ListField(
        child=serializers.SlugField(max_length=50),
        required=False,
        max_length=10,
        help_text="`disability` vocabulary codes.",
    )
    language = Text(max_length=50, required=False, allow_blank=True)
    needs_interpreter = serializers.BooleanField(required=False)
    nik = serializers.RegexField(
        r"^[0-9]{16}$", required=False, allow_blank=True, help_text="16-digit NIK."
    )
    passport_number = Text(max_length=20, required=False, allow_blank=True)
    passport_holder = serializers.ChoiceField(
        choices=PassportHolder.choices, required=False, allow_blank=True
    )


def person_data(values: dict) -> PersonData:
    return PersonData(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


class PlacementOutput(serializers.Serializer):
    id = serializers.IntegerField()
    destination_country = serializers.CharField()
    destination_city = serializers.CharField()
    employer_name = serializers.CharField()
    agency_name = serializers.CharField()
    procedural = serializers.BooleanField(allow_null=True)
    departed_on = serializers.DateField(allow_null=True)
    returned_on = serializers.DateField(allow_null=True)
    document_status = serializers.CharField()


class RelationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="`relation_type` vocabulary code.")
    other_id = serializers.IntegerField()
    other_name = serializers.CharField(source="other.display_name")
    note = serializers.CharField()


class PersonSummaryOutput(serializers.Serializer):
    """One line of the person picker: newest first, with occupation, gender and domicile."""

    id = serializers.IntegerField()
    display_name = serializers.CharField()
    gender = serializers.CharField()
    occupation = serializers.CharField()
    domicile = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()


class PersonOutput(PersonFields):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    placements = PlacementOutput(many=True, source="placements.all")
    relations = RelationOutput(
        many=True, source="visible_relations", help_text="Only to people the caller may see."
    )


class PersonPageOutput(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PersonSummaryOutput(many=True)


class PersonUpdateInput(PersonFields):
    version = serializers.IntegerField(help_text="The version the edit was made on.")


class PlacementInput(serializers.Serializer):
    destination_country = serializers.RegexField(r"^[A-Z]{2}$", help_text="ISO code, e.g. MY.")
    destination_city = Text(max_length=100, required=False, allow_blank=True)
    employer_name = Text(max_length=200, required=False, allow_blank=True)
    agency_name = Text(max_length=200, required=False, allow_blank=True, help_text="P3MI.")
    procedural = serializers.BooleanField(required=False, allow_null=True, default=None)
    departed_on = serializers.DateField(required=False, allow_null=True)
    returned_on = serializers.DateField(required=False, allow_null=True)
    document_status = serializers.SlugField(
        **CODE, help_text="`legal_status` code: documented, undocumented, overstaying."
    )


class RelationInput(serializers.Serializer):
    kind = serializers.SlugField(max_length=50, help_text="`relation_type` vocabulary code.")
    other_id = serializers.IntegerField(min_value=1)
    note = Text(max_length=500, required=False, allow_blank=True, default="")


class CasePersonInput(serializers.Serializer):
    person_id = serializers.IntegerField(
        min_value=1, required=False, help_text="An existing person, from the picker."
    )
    person = PersonFields(required=False, help_text="Or a new person.")
    role = serializers.ChoiceField(choices=PersonRole.choices)
    legal_status = serializers.SlugField(**CODE, help_text="`legal_status` vocabulary code.")
    perpetrator_type = serializers.SlugField(**CODE, help_text="Perpetrators only.")
    willingness = serializers.ChoiceField(
        choices=Willingness.choices, required=False, allow_blank=True
    )
    note = Text(max_length=500, required=False, allow_blank=True)


class CasePersonOutput(serializers.Serializer):
    person = PersonSummaryOutput()
    role = serializers.ChoiceField(choices=PersonRole.choices)
    legal_status = serializers.CharField()
    perpetrator_type = serializers.CharField()
    willingness = serializers.CharField()
    note = serializers.CharField()


class PersonPage(CursorPage):
    orderings = {"newest": ("-created_at", "-id"), "oldest": ("created_at", "id")}
    default_ordering = "newest"


class PersonListApi(OrganisationApiView):
    @extend_schema(
        operation_id="org_api_v1_people_list",
        parameters=[
            OpenApiParameter("q", str, description="Words of a name or a name variant."),
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int),
            OpenApiParameter("ordering", str, enum=list(PersonPage.orderings), default="newest"),
        ],
        responses={200: PersonPageOutput, **error_responses(400, 403)},
    )
    def get(self, request, **kwargs):
        q = Text(max_length=100, required=False, allow_blank=True).run_validation(
            request.query_params.get("q", "")
        )
        paginator = PersonPage()
        page = paginator.paginate_queryset(
            person_picker(actor=self.actor, q=q or ""), request, view=self
        )
        return paginator.get_paginated_response(PersonSummaryOutput(page, many=True).data)


class DuplicateQuery(serializers.Serializer):
    name = Text(max_length=200, required=False, allow_blank=True, default="")
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    phone = Text(max_length=40, required=False, allow_blank=True, default="")
    nik = serializers.RegexField(r"^[0-9]{16}$", required=False, allow_blank=True, default="")


class PersonDuplicatesApi(OrganisationApiView):
    @extend_schema(
        parameters=[DuplicateQuery],
        responses={200: PersonSummaryOutput(many=True), **error_responses(400, 403)},
    )
    def get(self, request, **kwargs):
        query = DuplicateQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        hints = person_duplicates(actor=self.actor, **query.validated_data)
        return Response(PersonSummaryOutput(hints, many=True).data)


class PersonDetailApi(JsonOnly, OrganisationApiView):
    @extend_schema(responses={200: PersonOutput, **error_responses(403)})
    def get(self, request, person_id: int, **kwargs):
        person = person_for_actor(actor=self.actor, person_id=person_id)
        return Response(_person_output(self.actor, person))

    @extend_schema(
        request=PersonUpdateInput,
        responses={200: PersonOutput, **error_responses(400, 403, 409, 415)},
    )
    def patch(self, request, person_id: int, **kwargs):
        version, changes = versioned_changes(PersonUpdateInput, request.data)
        person = person_update(
            actor=self.actor, person_id=person_id, version=version, changes=changes
        )
        return Response(_person_output(self.actor, person))


def _person_output(actor, person) -> dict:
    person.visible_relations = person_relations(actor=actor, person=person)
    return PersonOutput(person).data


class PlacementApi(OrganisationApiView):
    @extend_schema(
        request=PlacementInput,
        responses={201: PlacementOutput, **error_responses(400, 403, 415)},
    )
    def post(self, request, person_id: int, **kwargs):
        serializer = PlacementInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        placement = placement_add(
            actor=self.actor,
            person_id=person_id,
            data=PlacementData(**serializer.validated_data),
        )
        return Response(PlacementOutput(placement).data, status=status.HTTP_201_CREATED)


class RelationApi(OrganisationApiView):
    @extend_schema(
        request=RelationInput,
        responses={201: RelationOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, person_id: int, **kwargs):
        serializer = RelationInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        relation = relation_add(actor=self.actor, person_id=person_id, **serializer.validated_data)
        return Response(RelationOutput(relation).data, status=status.HTTP_201_CREATED)


class CasePeopleApi(JsonOnly, OrganisationApiView):
    @extend_schema(responses={200: CasePersonOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        links = case.roles.select_related("person").order_by("added_at", "id")
        return Response(CasePersonOutput(links, many=True).data)

    @extend_schema(
        request=CasePersonInput,
        responses={201: CasePersonOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "An unknown perpetrator",
                request_only=True,
                value={"person": {}, "role": "perpetrator", "perpetrator_type": "recruiter"},
            ),
            OpenApiExample(
                "A victim picked from the list",
                request_only=True,
                value={"person_id": 42, "role": "victim", "legal_status": "undocumented"},
            ),
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        serializer = CasePersonInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        person = data.pop("person", None)
        person_id = data.pop("person_id", None)
        link = person_add_to_case(
            actor=self.actor,
            case_id=case.pk,
            link=CaseRoleData(**data),
            person=person_data(person) if person is not None else None,
            person_id=person_id,
        )
        return Response(CasePersonOutput(link).data, status=status.HTTP_201_CREATED)
