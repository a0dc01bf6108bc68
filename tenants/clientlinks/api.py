"""Organisation API for a case's client links: list, make, issue again, revoke."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.consent.links import CODE as CONSENT
from hub.consent.models import Purpose
from hub.core.api import error_responses
from hub.core.fields import Text
from hub.links.models import LinkState
from hub.links.services import IssuedLink
from tenants.cases.selectors import case_for_actor
from tenants.clientlinks.selectors import case_link_rows
from tenants.clientlinks.services import case_link_create, case_link_reissue, case_link_revoke
from tenants.contributions.links import CODE as CONTRIBUTION
from tenants.people.link_verification import CODE as VERIFICATION
from tenants.people.link_verification import FIELDS


class LinkOutput(serializers.Serializer):
    id = serializers.IntegerField()
    purpose = serializers.ChoiceField(choices=[VERIFICATION, CONSENT, CONTRIBUTION])
    person_id = serializers.IntegerField(allow_null=True)
    state = serializers.ChoiceField(choices=LinkState.choices)
    request = serializers.DictField(help_text="What the client is asked, frozen at creation.")
    created_by = serializers.CharField(source="created_by_label")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    used_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField(help_text="confirmed, corrected, agreed, refused or mixed.")
    answer = serializers.DictField(
        help_text="Verification: `corrections` {field: {shown, value}} and `note`; consent: "
        "`answers` {purpose: true|false} and the `consent` record's id."
    )
    needs_review = serializers.BooleanField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class IssuedLinkOutput(LinkOutput):
    url = serializers.URLField(
        help_text="The link to give the client. Returned only now: the hub keeps no copy."
    )


class LinkInput(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=[VERIFICATION, CONSENT, CONTRIBUTION])
    person_id = serializers.IntegerField(
        min_value=1, required=False, help_text="Verification: the person of the case it is for."
    )
    fields = serializers.ListField(
        child=serializers.ChoiceField(choices=list(FIELDS)),
        required=False,
        max_length=len(FIELDS),
        help_text="Verification: the data the client checks (default: all).",
    )
    purposes = serializers.ListField(
        child=serializers.ChoiceField(choices=Purpose.values),
        required=False,
        max_length=len(Purpose.values),
        help_text="Consent: what the client is asked to agree to.",
    )
    share_with = serializers.ListField(
        child=serializers.SlugField(max_length=50),
        required=False,
        max_length=50,
        help_text="Consent: sharing only with these members (slugs; empty: any member).",
    )
    explanation = Text(
        max_length=4000,
        required=False,
        allow_blank=True,
        default="",
        help_text="What the client reads first: why the organisation asks (a contribution "
        "link: at most 2000 characters).",
    )


def _issued(request, issued: IssuedLink) -> dict:
    """The link with its URL (IssuedLinkOutput): the one time the token leaves the hub."""
    url = request.build_absolute_uri(reverse("portal:link", kwargs={"token": issued.token}))
    return {**LinkOutput(issued.link).data, "url": url}


class CaseLinksApi(JsonOnly, OrganisationApiView):
    @extend_schema(responses={200: LinkOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        rows = case_link_rows(actor=self.actor, case=case)
        return Response(LinkOutput([row.link for row in rows], many=True).data)

    @extend_schema(
        request=LinkInput,
        responses={201: IssuedLinkOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "Ask for consent to share and refer",
                value={
                    "purpose": "consent",
                    "purposes": ["share", "refer"],
                    "explanation": "Kami ingin merujuk kasus Anda ke BP2MI.",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Ask the client to check their data",
                value={"purpose": "verification", "person_id": 12, "fields": ["phone"]},
                request_only=True,
            ),
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        serializer = LinkInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        issued = case_link_create(
            actor=self.actor,
            case_id=case_id,
            purpose=data["purpose"],
            person_id=data.get("person_id"),
            asked={
                "fields": data.get("fields") or [],
                "purposes": data.get("purposes") or [],
                "explanation": data["explanation"],
                "share_with": data.get("share_with") or [],
            },
        )
        return Response(_issued(request, issued), status=status.HTTP_201_CREATED)


class LinkReissueApi(OrganisationApiView):
    @extend_schema(request=None, responses={200: IssuedLinkOutput, **error_responses(403, 409)})
    def post(self, request, case_id: int, link_id: int, **kwargs):
        issued = case_link_reissue(actor=self.actor, case_id=case_id, link_id=link_id)
        return Response(_issued(request, issued))


class LinkRevokeApi(OrganisationApiView):
    @extend_schema(request=None, responses={200: LinkOutput, **error_responses(403, 409)})
    def post(self, request, case_id: int, link_id: int, **kwargs):
        link = case_link_revoke(actor=self.actor, case_id=case_id, link_id=link_id)
        return Response(LinkOutput(link).data)
