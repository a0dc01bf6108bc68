"""Organisation API for decision requests: ask, discuss, approve, decline, withdraw."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.cases.decisions import (
    SETTLEMENTS,
    decision_comment_add,
    decision_request_create,
    decision_request_for_actor,
    decision_requests_of,
    decision_requests_pending,
    decision_settle,
)
from tenants.cases.lifecycle import Move
from tenants.cases.models import DecisionRequest
from tenants.cases.selectors import case_for_actor


class DecisionCommentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    author_label = serializers.CharField()
    body = serializers.CharField()
    at = serializers.DateTimeField()


class DecisionRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    case_id = serializers.IntegerField()
    case_number = serializers.CharField(source="case.number")
    move = serializers.ChoiceField(choices=Move.choices)
    reason_code = serializers.CharField()
    reason = serializers.CharField()
    state = serializers.ChoiceField(choices=DecisionRequest.State.choices)
    requested_by_label = serializers.CharField()
    requested_at = serializers.DateTimeField()
    decided_by_label = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_comment = serializers.CharField()
    comments = DecisionCommentOutput(many=True)


class DecisionRequestInput(serializers.Serializer):
    move = serializers.ChoiceField(
        choices=Move.choices,
        help_text="case_meeting, reject, refer, transfer or terminate, as the stage allows.",
    )
    reason = Text(max_length=4000, help_text="The lawyer's reasons, for the division head.")
    reason_code = serializers.SlugField(
        max_length=50,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for reject and terminate: a code of the move's reason vocabulary.",
    )


class CommentInput(serializers.Serializer):
    body = Text(max_length=4000)


class SettleInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=sorted(SETTLEMENTS))
    comment = Text(
        max_length=4000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required to decline: the lawyer reads why.",
    )


def _requests(queryset):
    return queryset.select_related("case").prefetch_related("comments")


class PendingDecisionsApi(OrganisationApiView):
    @extend_schema(responses={200: DecisionRequestOutput(many=True), **error_responses(403)})
    def get(self, request, **kwargs):
        pending = _requests(decision_requests_pending(actor=self.actor))[:200]
        return Response(DecisionRequestOutput(pending, many=True).data)


class CaseDecisionRequestsApi(OrganisationApiView):
    @extend_schema(responses={200: DecisionRequestOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        requests = _requests(decision_requests_of(case=case))
        return Response(DecisionRequestOutput(requests, many=True).data)

    @extend_schema(
        request=DecisionRequestInput,
        responses={201: DecisionRequestOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "Ask for a case meeting",
                request_only=True,
                value={
                    "move": "case_meeting",
                    "reason": "Ada dugaan TPPO; perlu pendampingan pelaporan ke polisi.",
                },
            )
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        serializer = DecisionRequestInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = decision_request_create(
            actor=self.actor, case_id=case.pk, **serializer.validated_data
        )
        return Response(DecisionRequestOutput(created).data, status=status.HTTP_201_CREATED)


class DecisionRequestDetailApi(OrganisationApiView):
    @extend_schema(responses={200: DecisionRequestOutput, **error_responses(403)})
    def get(self, request, request_id: int, **kwargs):
        found = decision_request_for_actor(actor=self.actor, request_id=request_id)
        return Response(DecisionRequestOutput(found).data)


class DecisionCommentApi(OrganisationApiView):
    @extend_schema(
        request=CommentInput,
        responses={201: DecisionCommentOutput, **error_responses(400, 403, 415)},
    )
    def post(self, request, request_id: int, **kwargs):
        serializer = CommentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = decision_comment_add(
            actor=self.actor, request_id=request_id, body=serializer.validated_data["body"]
        )
        return Response(DecisionCommentOutput(comment).data, status=status.HTTP_201_CREATED)


class DecisionSettleApi(OrganisationApiView):
    @extend_schema(
        request=SettleInput,
        responses={200: DecisionRequestOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "Approve",
                request_only=True,
                value={"outcome": "approved", "comment": "Setuju, jadwalkan rapat kasus Senin."},
            )
        ],
    )
    def post(self, request, request_id: int, **kwargs):
        serializer = SettleInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        settled = decision_settle(
            actor=self.actor, request_id=request_id, **serializer.validated_data
        )
        return Response(DecisionRequestOutput(settled).data)
