"""Organisation API for the owner: a case's contributions, hiding one, reviewing a link's."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from hub.accounts import policy
from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.cases.models import CaseSection
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.contributions.models import ContributionKind, ContributionStatus, OriginKind
from tenants.contributions.selectors import contributions_of_case
from tenants.contributions.services import (
    MOST_REASON_CHARS,
    contribution_hide,
    contribution_review,
)


class ContributionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    case_id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    occurred_on = serializers.DateField(allow_null=True)
    place = serializers.CharField()
    body = serializers.CharField()
    origin_kind = serializers.ChoiceField(choices=OriginKind.choices)
    origin_slug = serializers.CharField(help_text="The member organisation's; empty for a link.")
    origin_name = serializers.CharField(
        help_text="The member organisation's name, or who the link's author said they are."
    )
    author = serializers.CharField(source="author_label")
    status = serializers.ChoiceField(choices=ContributionStatus.choices)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    reviewed_by = serializers.CharField()
    review_note = serializers.CharField()
    hidden_at = serializers.DateTimeField(allow_null=True)
    hidden_by = serializers.CharField()
    hidden_reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class ContributionHideInput(serializers.Serializer):
    reason = Text(max_length=MOST_REASON_CHARS)


class ContributionReviewInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "reject"])
    note = Text(
        max_length=MOST_REASON_CHARS,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required to reject.",
    )


class CaseContributionsApi(OrganisationApiView):
    @extend_schema(responses={200: ContributionOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        # Contributions go with the chronology: restricted with it to the assigned staff.
        policy.require_section(self.actor, case_subject(case), CaseSection.CHRONOLOGY)
        return Response(ContributionOutput(contributions_of_case(case=case), many=True).data)


class ContributionHideApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=ContributionHideInput,
        responses={200: ContributionOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, case_id: int, contribution_id: int, **kwargs):
        serializer = ContributionHideInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        hidden = contribution_hide(
            actor=self.actor,
            case_id=case_id,
            contribution_id=contribution_id,
            reason=serializer.validated_data["reason"],
        )
        return Response(ContributionOutput(hidden).data)


class ContributionReviewApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=ContributionReviewInput,
        responses={200: ContributionOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, case_id: int, contribution_id: int, **kwargs):
        serializer = ContributionReviewInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        reviewed = contribution_review(
            actor=self.actor,
            case_id=case_id,
            contribution_id=contribution_id,
            accept=serializer.validated_data["decision"] == "accept",
            note=serializer.validated_data["note"],
        )
        return Response(ContributionOutput(reviewed).data)
