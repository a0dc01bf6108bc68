"""Organisation API: the work queue (GET /org/<slug>/api/v1/work-queue/)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from sharing.queues.selectors import KIND_LABELS, work_queue


class QueueItemOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(KIND_LABELS))
    ours_to_answer = serializers.BooleanField()
    counterpart = serializers.CharField(help_text="The other organisation.")
    case_number = serializers.CharField()
    detail = serializers.CharField()
    since = serializers.DateTimeField(help_text="Waiting since.")
    age_days = serializers.SerializerMethodField()
    due_on = serializers.DateField(allow_null=True)
    days_left = serializers.IntegerField(
        allow_null=True, help_text="Until the deadline; negative when overdue."
    )
    working_days = serializers.BooleanField(help_text="days_left counts working days.")
    state = serializers.CharField(
        source="tone", help_text="danger (overdue), soon, run, or empty (no deadline)."
    )
    url = serializers.CharField()

    def get_age_days(self, item) -> int:
        return item.age_days(self.context["now"])


class WorkQueueOutput(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField())
    overdue = serializers.IntegerField()
    kind = serializers.CharField(help_text="The kind the items are limited to, or empty.")
    items = QueueItemOutput(many=True, help_text="Most urgent first.")


class WorkQueueQuery(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(KIND_LABELS), required=False, default="")


class WorkQueueApi(OrganisationApiView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind",
                str,
                enum=list(KIND_LABELS),
                required=False,
                description="Only the items of this kind (the counts stay those of every kind).",
            )
        ],
        responses={200: WorkQueueOutput, **error_responses(400, 403)},
    )
    def get(self, request, **kwargs):
        query = WorkQueueQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        queue = work_queue(actor=self.actor, kind=query.validated_data["kind"])
        return Response(WorkQueueOutput(queue, context={"now": queue.now}).data)
