"""Organisation API for search: `GET /org/<slug>/api/v1/search/`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.cases.api import CaseFilterInput
from tenants.cases.lifecycle import Stage, Status
from tenants.search.selectors import (
    MOST_PER_PAGE,
    PAGE_SIZE,
    SearchFilters,
    SearchKind,
    search,
    search_people_cases,
)

BIGINT_MAX = 2**63 - 1


class SearchInput(CaseFilterInput):
    kind = serializers.ChoiceField(
        choices=SearchKind.choices, required=False, default=SearchKind.CASES
    )
    q = Text(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Cases: words of the title or summary (Indonesian stemming: `gajinya` finds "
        '`gaji`; `"exact phrase"`, `or` and `-word` work), or any part of the number. People: '
        "a name, misspelt or not, a name variant, or the domicile. Without it: newest first.",
    )
    assignee = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=BIGINT_MAX,
        help_text="User id of a member of staff working on the case now.",
    )
    opened_from = serializers.DateField(required=False, help_text="Opened on or after this day.")
    opened_to = serializers.DateField(required=False, help_text="Opened on or before this day.")
    cursor = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default="", help_text="From `next`."
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MOST_PER_PAGE, default=PAGE_SIZE
    )

    def validate(self, data):
        start, end = data.get("opened_from"), data.get("opened_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"opened_to": [_("The end date is before the start date.")]}
            )
        return data


class CaseHitOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    stage = serializers.ChoiceField(choices=Stage.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    case_types = serializers.ListField(child=serializers.CharField())
    restricted = serializers.BooleanField()
    opened_at = serializers.DateTimeField()
    rank = serializers.FloatField(
        required=False, help_text="Relevance to `q` (higher first); absent without `q`."
    )


class CaseLinkOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()


class PersonHitOutput(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()
    name_variants = serializers.ListField(child=serializers.CharField())
    is_group = serializers.BooleanField()
    gender = serializers.CharField()
    domicile = serializers.CharField()
    rank = serializers.FloatField(
        required=False, help_text="Similarity of the name to `q`, 0 to 1; absent without `q`."
    )
    cases = CaseLinkOutput(
        many=True, source="visible_cases", help_text="Their cases the caller may open."
    )


class SearchPageOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SearchKind.choices)
    next = serializers.URLField(
        allow_null=True, help_text="The next page (paged by key; no total is counted)."
    )
    results = PolymorphicProxySerializer(
        component_name="SearchHit",
        serializers=[CaseHitOutput, PersonHitOutput],
        resource_type_field_name=None,
        many=True,
    )


class SearchApi(OrganisationApiView):
    @extend_schema(
        operation_id="org_api_v1_search",
        parameters=[SearchInput],
        responses={200: SearchPageOutput, **error_responses(400, 403)},
    )
    def get(self, request, **kwargs):
        """Cases or people of the organisation the caller may open, ranked when `q` is given."""
        params = SearchInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        page = search(
            actor=self.actor,
            kind=data["kind"],
            q=data["q"],
            filters=SearchFilters.from_data(data),
            cursor=data["cursor"],
            page_size=data["page_size"],
        )
        if page.kind == SearchKind.PEOPLE:
            cases = search_people_cases(actor=self.actor, people=page.results)
            for person in page.results:
                person.visible_cases = cases.get(person.pk, [])
            results = PersonHitOutput(page.results, many=True).data
        else:
            results = CaseHitOutput(page.results, many=True).data
        url = request.build_absolute_uri()
        return Response(
            {
                "kind": page.kind,
                "next": replace_query_param(url, "cursor", page.next_cursor)
                if page.next_cursor
                else None,
                "results": results,
            }
        )
