"""Organisation API for a case's chronology: events and the acts within them."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts import policy
from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.cases.models import CaseSection
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.events.models import DatePrecision
from tenants.events.selectors import case_chronology
from tenants.events.services import ActData, EventData, act_record, event_record


class ActPersonOutput(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class ActOutput(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    rights_violated = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.ListField(child=serializers.CharField())
    victims = ActPersonOutput(many=True, source="victims.all")
    perpetrators = ActPersonOutput(
        many=True, source="perpetrators.all", help_text="Empty: the perpetrator is unknown."
    )


class EventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    occurred_on = serializers.DateField(allow_null=True)
    occurred_until = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    place = serializers.CharField()
    country = serializers.CharField()
    description = serializers.CharField()
    recorded_by = serializers.CharField()
    acts = ActOutput(many=True, source="acts.all")


class EventInput(serializers.Serializer):
    description = Text(max_length=20000)
    title = Text(max_length=200, required=False, allow_blank=True)
    occurred_on = serializers.DateField(required=False, allow_null=True)
    occurred_until = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    place = Text(max_length=200, required=False, allow_blank=True)
    country = serializers.RegexField(r"^[A-Z]{2}$", required=False, allow_blank=True)


class ActInput(serializers.Serializer):
    description = Text(max_length=20000, required=False, allow_blank=True)
    rights_violated = serializers.ListField(
        child=serializers.SlugField(max_length=50),
        required=False,
        max_length=20,
        help_text="`right_violated` vocabulary codes.",
    )
    legal_basis = serializers.ListField(
        child=serializers.SlugField(max_length=50),
        required=False,
        max_length=20,
        help_text="`legal_basis` vocabulary codes.",
    )
    victim_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=50
    )
    perpetrator_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=50,
        help_text="People of the case in the perpetrator role; leave empty when unknown.",
    )


class CaseEventsApi(JsonOnly, OrganisationApiView):
    @extend_schema(responses={200: EventOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        policy.require_section(self.actor, case_subject(case), CaseSection.CHRONOLOGY)
        return Response(EventOutput(case_chronology(case=case), many=True).data)

    @extend_schema(
        request=EventInput,
        responses={201: EventOutput, **error_responses(400, 403, 415)},
        examples=[
            OpenApiExample(
                "Passport withheld",
                request_only=True,
                value={
                    "title": "Paspor ditahan majikan",
                    "occurred_on": "2026-03-01",
                    "date_precision": "month",
                    "place": "Kuala Lumpur",
                    "country": "MY",
                    "description": "Majikan menyimpan paspor sejak hari pertama bekerja.",
                },
            )
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        serializer = EventInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = event_record(
            actor=self.actor, case=case, data=EventData(**serializer.validated_data)
        )
        return Response(EventOutput(event).data, status=status.HTTP_201_CREATED)


class EventActsApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=ActInput,
        responses={201: ActOutput, **error_responses(400, 403, 415)},
        examples=[
            OpenApiExample(
                "Withheld passport, unknown perpetrator",
                request_only=True,
                value={
                    "rights_violated": ["freedom_of_movement"],
                    "legal_basis": ["uu_18_2017_ppmi"],
                    "victim_ids": [42],
                    "perpetrator_ids": [],
                },
            )
        ],
    )
    def post(self, request, case_id: int, event_id: int, **kwargs):
        serializer = ActInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {
            k: tuple(v) if isinstance(v, list) else v for k, v in serializer.validated_data.items()
        }
        act = act_record(actor=self.actor, case_id=case_id, event_id=event_id, data=ActData(**data))
        return Response(ActOutput(act).data, status=status.HTTP_201_CREATED)
