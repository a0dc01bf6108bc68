"""GET /api/v1/public/vocabularies/<vocabulary>/: the codes every coded field accepts."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.core.api import error_responses
from hub.core.errors import NotFound
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import active_terms


class TermOutput(serializers.Serializer):
    code = serializers.CharField(help_text="Stable: what API fields and case packages carry.")
    label_id = serializers.CharField()
    label_en = serializers.CharField()


class VocabularyTermsApi(APIView):
    """The active terms of one shared vocabulary, in display order. Public: thesauri hold no
    personal data, and a partner's system needs them to fill coded fields."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("vocabulary", str, OpenApiParameter.PATH, enum=Vocabulary.values)
        ],
        responses={200: TermOutput(many=True), **error_responses(404, member=False)},
    )
    def get(self, request, vocabulary: str):
        if vocabulary not in Vocabulary.values:
            raise NotFound(_("No vocabulary with this name."))
        return Response(TermOutput(active_terms(vocabulary), many=True).data)
