"""Organisation API: my notifications, and marking them read."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import CursorPage, error_responses
from tenants.notifications.selectors import notifications_for
from tenants.notifications.services import notifications_mark_read


class NotificationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="e.g. `case.assigned`, `decision.requested`.")
    case_id = serializers.IntegerField(allow_null=True)
    subject = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField(help_text="The page to open, a path on this site.")
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    sent_at = serializers.DateTimeField(allow_null=True, help_text="When the e-mail went out.")


class NotificationPageOutput(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = NotificationOutput(many=True)


class NotificationFilterInput(serializers.Serializer):
    unread = serializers.BooleanField(required=False, help_text="Only the unread ones.")


class MarkReadInput(serializers.Serializer):
    up_to = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        help_text="The id of the newest notification the person was shown: it and older "
        "ones are marked read, one that arrived since stays unread.",
    )


class MarkedOutput(serializers.Serializer):
    marked = serializers.IntegerField()


class NotificationPage(CursorPage):
    orderings = {"newest": ("-created_at", "-id")}
    default_ordering = "newest"


class NotificationListApi(OrganisationApiView):
    @extend_schema(
        parameters=[
            NotificationFilterInput,
            OpenApiParameter("cursor", str, description="From `next` or `previous` of a page."),
            OpenApiParameter("page_size", int, description="1 to 200; 50 by default."),
        ],
        responses={200: NotificationPageOutput, **error_responses(400)},
    )
    def get(self, request, **kwargs):
        """The signed-in person's notifications, newest first (none for a client acting
        without a person)."""
        filters = NotificationFilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        rows = notifications_for(actor=self.actor)
        if filters.validated_data.get("unread"):
            rows = rows.filter(read_at__isnull=True)
        paginator = NotificationPage()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(NotificationOutput(page, many=True).data)


class NotificationsReadApi(OrganisationApiView):
    @extend_schema(
        request=MarkReadInput, responses={200: MarkedOutput, **error_responses(400, 415)}
    )
    def post(self, request, **kwargs):
        """Mark the signed-in person's notifications read, up to the newest they were shown."""
        data = MarkReadInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            {"marked": notifications_mark_read(actor=self.actor, **data.validated_data)}
        )
