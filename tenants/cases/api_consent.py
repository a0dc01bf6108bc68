"""Organisation API for a case's consent: its records (newest first) and the client's
withdrawal recorded by staff."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.consent.models import ConsentSource, GivenBy, Purpose, WithdrawnVia
from hub.consent.services import MOST_NOTE_CHARS
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.cases.consent import case_consent, case_consent_withdraw
from tenants.cases.selectors import case_for_actor


class ConsentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    given_by_kind = serializers.ChoiceField(choices=GivenBy.choices)
    given_by_name = serializers.CharField(help_text="The guardian or representative, by name.")
    source = serializers.ChoiceField(choices=ConsentSource.choices)
    purposes = serializers.ListField(
        child=serializers.ChoiceField(choices=Purpose.values), help_text="What it allows."
    )
    share_with = serializers.ListField(
        child=serializers.SlugField(), help_text="Sharing only with these members (empty: any)."
    )
    recorded_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawn_via = serializers.ChoiceField(choices=WithdrawnVia.choices, allow_blank=True)
    withdrawn_by = serializers.CharField(allow_blank=True)
    superseded_by = serializers.IntegerField(source="superseded_by_id", allow_null=True)
    document_id = serializers.IntegerField(allow_null=True)
    link_id = serializers.IntegerField(allow_null=True)


class WithdrawalInput(serializers.Serializer):
    purposes = serializers.ListField(
        child=serializers.ChoiceField(choices=Purpose.values),
        min_length=1,
        max_length=len(Purpose.values),
        help_text="What the client withdraws (among what the consent allows now).",
    )
    note = Text(
        max_length=MOST_NOTE_CHARS,
        required=False,
        allow_blank=True,
        default="",
        help_text="How and when the client said so (goes into the case's trail).",
    )


class WithdrawalOutput(serializers.Serializer):
    purposes = serializers.ListField(
        child=serializers.ChoiceField(choices=Purpose.values), help_text="What was withdrawn."
    )
    consent = ConsentOutput(
        allow_null=True, help_text="What stands now (null: everything was withdrawn)."
    )


class CaseConsentApi(OrganisationApiView):
    @extend_schema(responses={200: ConsentOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        rows = case_consent(actor=self.actor, case=case).rows
        return Response(ConsentOutput([row.record for row in rows], many=True).data)


class CaseConsentWithdrawApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=WithdrawalInput,
        responses={200: WithdrawalOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "The client no longer wants the case shared",
                value={"purposes": ["share"], "note": "Klien menelepon kantor, 3 Desember."},
                request_only=True,
            )
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        serializer = WithdrawalInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        withdrawal = case_consent_withdraw(
            actor=self.actor,
            case_id=case_id,
            purposes=serializer.validated_data["purposes"],
            note=serializer.validated_data["note"],
        )
        return Response(
            {
                "purposes": list(withdrawal.purposes),
                "consent": ConsentOutput(withdrawal.current).data if withdrawal.current else None,
            }
        )
