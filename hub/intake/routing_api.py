"""GET /api/v1/network/routing-rules/: the routing rules, read-only, for coordinators and
network admins (they are changed on the /network/routing/ page)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.accounts import policy
from hub.accounts.authentication import IsNetworkMember
from hub.accounts.policy import Action
from hub.core.api import error_responses
from hub.intake.models import RoutingRule


class RoutingRuleOutput(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.slug", help_text="Its slug.")
    countries = serializers.ListField(child=serializers.CharField(), help_text="Empty: any.")
    home_regions = serializers.ListField(child=serializers.CharField(), help_text="Empty: any.")
    issue_types = serializers.ListField(child=serializers.CharField(), help_text="Empty: any.")
    languages = serializers.ListField(child=serializers.CharField(), help_text="Empty: any.")
    priority = serializers.IntegerField()
    active = serializers.BooleanField()
    note = serializers.CharField()
    updated_by = serializers.CharField()
    updated_at = serializers.DateTimeField()


class RoutingRuleListApi(APIView):
    """Every rule, active ones first. An anonymous caller gets 401 with a Bearer challenge; an
    organisation's member or client, and a network analyst, 403."""

    permission_classes = [IsNetworkMember]

    @extend_schema(
        responses={200: RoutingRuleOutput(many=True), **error_responses(401, 403, member=False)}
    )
    def get(self, request):
        policy.require(request.actor, Action.ROUTING_VIEW)
        rules = RoutingRule.objects.select_related("organisation").order_by(
            "-active", "-priority", "organisation__name", "id"
        )
        return Response(RoutingRuleOutput(rules, many=True).data)
