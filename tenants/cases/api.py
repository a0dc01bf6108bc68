"""Organisation API for cases: list, register, read, transition, audit, package and dossier."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.consent.serializers import ConsentInput
from hub.consent.services import ConsentChoices
from hub.core.api import CursorPage, error_responses, versioned_changes
from hub.core.errors import Conflict
from hub.core.fields import Text
from interchange.xml import PackageError, package_to_xml
from tenants.cases.dossier import case_dossier_pdf
from tenants.cases.lifecycle import Move, Stage, Status
from tenants.cases.models import CaseSection, ReceivedVia
from tenants.cases.projection import ALL_SECTIONS, case_projection
from tenants.cases.registration import CLIENT_ROLES, Intake, case_register
from tenants.cases.renderers import PdfFileRenderer, XmlFileRenderer
from tenants.cases.selectors import (
    case_audit_trail,
    case_consent_pending,
    case_for_actor,
    case_group,
    case_hidden_sections,
    case_subject,
    cases_filtered,
)
from tenants.cases.services import case_restrict, case_transition, case_update
from tenants.people.api import PersonFields, person_data


class CaseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    uid = serializers.UUIDField(
        help_text="Stable across organisations: travels in case packages and survives "
        "renumbering on transfer."
    )
    number = serializers.CharField(help_text="`<ORGANISATION>/<year>/<sequence>`, gap-free.")
    title = serializers.CharField()
    summary = serializers.CharField()
    stage = serializers.ChoiceField(choices=Stage.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    status_reason = serializers.CharField(
        help_text="Code of the reason vocabulary of the move that set the status, or empty."
    )
    status_note = serializers.CharField()
    case_types = serializers.ListField(child=serializers.CharField())
    restricted = serializers.BooleanField()
    restricted_sections = serializers.ListField(
        child=serializers.ChoiceField(choices=CaseSection.choices)
    )
    version = serializers.IntegerField(help_text="Send it back with an edit; stale edits get 409.")
    complaint_receipt_code = serializers.CharField()
    group_code = serializers.CharField(
        help_text="The receipt code of the group complaint this case came from, shared by the "
        "filer's case and each listed worker's case; empty for a case of its own."
    )
    arrival_channel = serializers.CharField()
    arrived_at = serializers.DateTimeField(allow_null=True)
    legal_aid_eligible = serializers.BooleanField(allow_null=True)
    eligibility_document = serializers.CharField()
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    received_from = serializers.CharField(
        help_text="The organisation (slug) an imported, referred or transferred case came from."
    )
    received_via = serializers.ChoiceField(choices=ReceivedVia.choices)
    received_at = serializers.DateTimeField(allow_null=True)


class GroupCaseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    client_name = serializers.CharField(allow_null=True)


class CaseDetailOutput(CaseOutput):
    group_cases = GroupCaseOutput(
        many=True,
        help_text="Related cases (group complaint): the other cases with this `group_code` "
        "that the caller may open.",
    )
    consent_pending = serializers.BooleanField(
        help_text="A worker listed in a group complaint has not yet answered for themself: "
        "the case is not shared or counted until they do (send them a consent link)."
    )


def case_detail_data(actor, case) -> dict:
    """CaseDetailOutput of a case the actor may open."""
    return {
        **CaseOutput(case).data,
        "group_cases": GroupCaseOutput(case_group(actor=actor, case=case), many=True).data,
        "consent_pending": case_consent_pending(organisation=actor.organisation, case=case),
    }


class CasePageOutput(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CaseOutput(many=True)


class CaseGeneralFields(serializers.Serializer):
    """The general data the consultation owner may edit."""

    title = Text(max_length=200)
    summary = Text(max_length=20000, required=False, allow_blank=True, help_text="The problem.")
    case_types = serializers.ListField(
        child=serializers.SlugField(max_length=50),
        required=False,
        max_length=20,
        help_text="Codes of the `case_type` vocabulary.",
    )
    arrival_channel = serializers.SlugField(
        max_length=50,
        required=False,
        allow_blank=True,
        help_text="How the client came: `arrival_channel` vocabulary code.",
    )
    arrived_at = serializers.DateTimeField(required=False, allow_null=True)
    legal_aid_eligible = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="Eligible for free legal aid under UU 16/2011 (null: not assessed).",
    )
    eligibility_document = Text(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="The proof noted, e.g. 'SKTM Kelurahan Kampung Melayu No. 12/2026'.",
    )


class CaseCreateInput(CaseGeneralFields):
    complainant = PersonFields(required=False, help_text="The client.")
    client_role = serializers.ChoiceField(
        choices=[(r.value, r.label) for r in CLIENT_ROLES], required=False
    )
    opposing_parties = serializers.ListField(
        child=Text(max_length=200),
        required=False,
        max_length=20,
        help_text="Names of the other side; recorded as perpetrators and checked for a "
        "conflict of interest with the office's clients.",
    )
    acknowledge_conflicts = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Register even though an opposing party resembles a client (after a 409).",
    )
    restricted = serializers.BooleanField(required=False, default=False)
    consent = ConsentInput(required=False, help_text="What the client consented to, if recorded.")


class CaseUpdateInput(CaseGeneralFields):
    version = serializers.IntegerField(help_text="The case's version the edit was made on.")


class RestrictionInput(serializers.Serializer):
    restricted = serializers.BooleanField(help_text="The whole case.")
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=CaseSection.choices),
        required=False,
        max_length=len(CaseSection.values),
        help_text="Or only these parts; omitted: left as they are.",
    )


class TransitionInput(serializers.Serializer):
    move = serializers.ChoiceField(choices=Move.choices)
    reason_code = serializers.SlugField(
        max_length=50,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for reject (`rejection_reason` vocabulary) and terminate "
        "(`not_accompanied_reason` before accompaniment, `termination_reason` after).",
    )
    note = Text(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for refer and transfer: to whom, and why.",
    )


class CaseFilterInput(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    case_type = serializers.SlugField(max_length=50, required=False)
    q = Text(max_length=100, required=False, help_text="Words of the number or title.")


class AuditEventOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    actor_label = serializers.CharField()
    actor_organisation = serializers.CharField()
    detail = serializers.DictField()


class CasePage(CursorPage):
    orderings = {
        "newest": ("-opened_at", "-id"),
        "oldest": ("opened_at", "id"),
        "number": ("number",),
        "updated": ("-updated_at", "-id"),
    }
    default_ordering = "newest"


PAGE_PARAMETERS = [
    OpenApiParameter("cursor", str, description="From `next` or `previous` of a page."),
    OpenApiParameter("page_size", int, description="1 to 200; 50 by default."),
    OpenApiParameter("ordering", str, enum=list(CasePage.orderings), default="newest"),
]


def case_page(view, cases, *, default_ordering: str = "newest") -> Response:
    """One page of cases; `default_ordering` when the client names none."""
    paginator = CasePage()
    paginator.default_ordering = default_ordering
    page = paginator.paginate_queryset(cases, view.request, view=view)
    return paginator.get_paginated_response(CaseOutput(page, many=True).data)


class CaseListApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        operation_id="org_api_v1_cases_list",
        parameters=[CaseFilterInput, *PAGE_PARAMETERS],
        responses={200: CasePageOutput, **error_responses(400, 403)},
    )
    def get(self, request, **kwargs):
        filters = CaseFilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        return case_page(self, cases_filtered(actor=self.actor, **filters.validated_data))

    @extend_schema(
        request=CaseCreateInput,
        responses={201: CaseOutput, **error_responses(400, 403, 413, 415)},
        examples=[
            OpenApiExample(
                "Walk-in client",
                request_only=True,
                value={
                    "title": "Gaji tidak dibayar, Kuala Lumpur",
                    "summary": "Klien datang ke kantor; gaji 5 bulan tidak dibayar majikan.",
                    "case_types": ["unpaid_wages"],
                    "complainant": {"display_name": "Siti Aminah", "gender": "female"},
                    "consent": {"contact": True, "share": True, "refer": False, "statistics": True},
                },
            )
        ],
    )
    def post(self, request, **kwargs):
        serializer = CaseCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        complainant = data.pop("complainant", None)
        consent = data.pop("consent", None)
        case = case_register(
            actor=self.actor,
            title=data.pop("title"),
            summary=data.pop("summary", ""),
            case_types=data.pop("case_types", []),
            complainant=person_data(complainant) if complainant is not None else None,
            consent=ConsentChoices(**consent) if consent else None,
            intake=Intake(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}),
        )
        return Response(CaseOutput(case).data, status=status.HTTP_201_CREATED)


class CaseDetailApi(JsonOnly, OrganisationApiView):
    @extend_schema(responses={200: CaseDetailOutput, **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        return Response(case_detail_data(self.actor, case))

    @extend_schema(
        request=CaseUpdateInput,
        responses={200: CaseOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "Correct the title",
                request_only=True,
                value={"version": 3, "title": "Gaji tidak dibayar, Johor Bahru"},
            )
        ],
    )
    def patch(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        version, changes = versioned_changes(CaseUpdateInput, request.data)
        case = case_update(actor=self.actor, case_id=case.pk, version=version, changes=changes)
        return Response(CaseOutput(case).data)


class CaseRestrictionApi(OrganisationApiView):
    @extend_schema(
        request=RestrictionInput, responses={200: CaseOutput, **error_responses(400, 403, 415)}
    )
    def post(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        serializer = RestrictionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = case_restrict(actor=self.actor, case_id=case.pk, **serializer.validated_data)
        return Response(CaseOutput(case).data)


class CaseTransitionApi(OrganisationApiView):
    @extend_schema(
        request=TransitionInput,
        responses={200: CaseOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "Reject with a reason",
                request_only=True,
                value={"move": "reject", "reason_code": "outside_mandate", "note": ""},
            )
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        serializer = TransitionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = case_transition(actor=self.actor, case_id=case.pk, **serializer.validated_data)
        return Response(CaseOutput(case).data)


class CaseAuditApi(OrganisationApiView):
    @extend_schema(responses={200: AuditEventOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        return Response(AuditEventOutput(case_audit_trail(case=case)[:500], many=True).data)


class CasePackageApi(OrganisationApiView):
    # Asked for as application/xml or */*; errors still answer in JSON.
    renderer_classes = [XmlFileRenderer, JSONRenderer]

    @extend_schema(
        responses={(200, "application/xml"): OpenApiTypes.BINARY, **error_responses(403, 409)}
    )
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        package = _package(self.actor, case, request.organisation)
        try:
            document = package_to_xml(package)
        except PackageError as exc:
            raise Conflict(
                _("This case cannot be exported yet: %(problem)s") % {"problem": exc}
            ) from None
        response = HttpResponse(document, content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{_filename(case)}.xml"'
        return response


class CaseDossierApi(OrganisationApiView):
    renderer_classes = [PdfFileRenderer, JSONRenderer]

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(403)}
    )
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        package = _package(self.actor, case, request.organisation)
        response = HttpResponse(case_dossier_pdf(package=package), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{_filename(case)}.pdf"'
        return response


def _package(actor, case, organisation):
    """The whole case as the actor may have it: without the sections restricted from them."""
    hidden = case_hidden_sections(actor=actor, subject=case_subject(case))
    return case_projection(
        case=case, organisation=organisation, sections=ALL_SECTIONS, hidden_sections=hidden
    )


def _filename(case) -> str:
    return case.number.replace("/", "-")
