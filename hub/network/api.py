"""GET /api/v1/network/stats/: de-identified aggregates for coordinators."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.accounts import policy
from hub.accounts.authentication import IsNetworkMember
from hub.accounts.policy import Action
from hub.core.api import error_responses
from hub.network.selectors import network_stats


class NetworkStatsOutput(serializers.Serializer):
    cases_total = serializers.IntegerField()
    cases_by_stage = serializers.DictField(child=serializers.IntegerField())
    cases_by_status = serializers.DictField(child=serializers.IntegerField())
    cases_by_organisation = serializers.DictField(child=serializers.IntegerField())
    complaints_by_status = serializers.DictField(child=serializers.IntegerField())


class NetworkStatsApi(APIView):
    """The default authentication (bearer or session): an anonymous caller gets 401 with a
    Bearer challenge; an organisation's client token, 403."""

    permission_classes = [IsNetworkMember]

    @extend_schema(responses={200: NetworkStatsOutput, **error_responses(401, 403, member=False)})
    def get(self, request):
        policy.require(request.actor, Action.NETWORK_STATS)
        return Response(NetworkStatsOutput(network_stats()).data)
