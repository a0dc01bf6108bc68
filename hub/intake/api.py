"""Public complaint API: file a complaint, follow it with the receipt code."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.consent.serializers import ConsentInput
from hub.consent.services import ConsentChoices
from hub.core.api import error_responses
from hub.core.errors import NotFound
from hub.core.fields import Text
from hub.core.ids import RECEIPT_PATTERN, normalise_receipt_code
from hub.intake.models import ComplaintStatus, ContactChannel, ReporterType
from hub.intake.rules import COUNTRY_CODES, MAX_ISSUE_TYPES, language_codes
from hub.intake.selectors import complaint_public_status
from hub.intake.services import ComplaintInput, MemberInput, complaint_submit
from hub.intake.vocabularies import public_vocabularies
from hub.organisations.selectors import organisation_directory
from hub.throttle.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent_api
from hub.throttle.ratelimit import api_refuse, rate_limited

VOCABULARIES_PATH = "/api/v1/public/vocabularies/"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[A-Z]{2}$",
        "enum": list(COUNTRY_CODES),
        "example": "MY",
        "description": "ISO 3166-1 alpha-2 code of a country the network takes complaints "
        f"from; the `country` vocabulary of `GET {VOCABULARIES_PATH}` labels them.",
    }
)
class CountryCode(serializers.RegexField):
    """Two letters, any case, stored upper-case; which countries is the service's rule."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages", {"invalid": _("Use a two-letter country code, e.g. HK.")}
        )
        super().__init__(r"^[A-Za-z]{2}$", **kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data).upper()


@extend_schema_field(
    {
        "type": "array",
        "minItems": 1,
        "maxItems": MAX_ISSUE_TYPES,
        "uniqueItems": True,
        "items": {"type": "string", "maxLength": 50, "pattern": SLUG_PATTERN},
        "x-vocabulary": "issue_type",
        "example": ["unpaid_wages"],
        "description": "Codes of the active terms of the `issue_type` vocabulary, listed with "
        f"their labels by `GET {VOCABULARIES_PATH}` and `GET {VOCABULARIES_PATH}issue_type/`. "
        "An unknown or retired code is refused (400).",
    }
)
class IssueTypeCodes(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.SlugField(max_length=50),
            min_length=1,
            max_length=MAX_ISSUE_TYPES,
            **kwargs,
        )


PHONE_PATTERN = r"^\+?[0-9 ()-]{6,30}$"
PHONE_MESSAGE = _("Enter a phone number of digits, e.g. +62 812 3456 7890.")
MAX_MEMBERS = 30


def _phone(help_text: str) -> serializers.RegexField:
    return serializers.RegexField(
        PHONE_PATTERN,
        required=False,
        allow_blank=True,
        max_length=40,
        error_messages={"invalid": PHONE_MESSAGE},
        help_text=help_text,
    )


class MemberCreateInput(serializers.Serializer):
    """Another worker of a group complaint. The filer's consent does not cover them: each is
    asked for their own consent before their data is shared or counted."""

    name = Text(max_length=200, help_text="The worker's name.")
    contact_phone = _phone("WhatsApp or phone number, if known.")
    contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    home_region = Text(
        required=False, allow_blank=True, max_length=100, help_text="Home region in Indonesia."
    )
    note = Text(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="What is different for this worker.",
    )


class ComplaintCreateInput(serializers.Serializer):
    """Shapes (types, lengths) are checked here; what codes mean, by the service, the same
    rules as the portal form (hub.intake.services.complaint_input_errors)."""

    reporter_type = serializers.ChoiceField(choices=ReporterType.choices)
    reporter_name = Text(max_length=200, help_text="The worker's name.")
    filer_name = Text(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Who files the complaint, when not the worker themself (family member, "
        "paralegal, organisation). Required when `contact_channel` is `paralegal` and the "
        "worker files.",
    )
    filer_relation = Text(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="The filer's relation to the worker, or their organisation "
        "(e.g. `kakak`, `SBMI Wonosobo`).",
    )
    contact_channel = serializers.ChoiceField(
        choices=ContactChannel.choices,
        required=False,
        help_text="How the worker may be reached. `whatsapp` and `phone` need `contact_phone`, "
        "`email` needs `contact_email`; `none` (do not contact me) is acceptable. Absent: "
        "`whatsapp` if a phone number is given, else `email` if an address is, else `none`.",
    )
    contact_phone = _phone("WhatsApp or phone number.")
    contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    contact_safety = Text(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="When and how it is safe to contact the worker, in their words "
        "(e.g. `never call; WhatsApp only after 9 pm`).",
    )
    country_of_work = CountryCode()
    work_city = Text(required=False, allow_blank=True, max_length=100)
    home_region = Text(
        required=False, allow_blank=True, max_length=100, help_text="Home region in Indonesia."
    )
    employer_name = Text(required=False, allow_blank=True, max_length=200)
    agency_name = Text(
        required=False, allow_blank=True, max_length=200, help_text="Placement agency (P3MI)."
    )
    issue_types = IssueTypeCodes()
    narrative = Text(max_length=20000, help_text="What happened, in the reporter's words.")
    happened_from = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When it started (or happened): ISO 8601 date, not in the future, "
        "not before 1970-01-01.",
    )
    happened_until = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When it ended, if it has: not in the future, not before `happened_from`.",
    )
    members = serializers.ListField(
        child=MemberCreateInput(),
        required=False,
        max_length=MAX_MEMBERS,
        help_text="A group complaint: other workers of the same employer or agency in the same "
        f"situation, at most {MAX_MEMBERS}, names not repeated. Each is asked for their own "
        "consent; the `consent` below is the filer's only.",
    )
    language = serializers.ChoiceField(
        choices=list(language_codes()),
        required=False,
        default="id",
        help_text="Language to answer in (the `language` vocabulary).",
    )
    organisation = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        max_length=50,
        help_text="Slug of the chosen organisation, from `GET /api/v1/public/organisations/`; "
        "null or absent to let the network choose.",
    )
    consent = ConsentInput(help_text="What the reporter allows; all four answers are required.")

    def validate_organisation(self, slug):
        if slug is None:
            return None
        organisation = organisation_directory().filter(slug=slug).first()
        if organisation is None:
            raise serializers.ValidationError(_("No member organisation with this identifier."))
        return organisation


class ComplaintCreatedOutput(serializers.Serializer):
    receipt_code = serializers.RegexField(
        RECEIPT_PATTERN.pattern, help_text="Keep it: it is the only way to follow the complaint."
    )
    status_url = serializers.URLField(help_text="`GET` it to follow the complaint.")
    status = serializers.ChoiceField(choices=ComplaintStatus.choices)


class ComplaintStatusOutput(serializers.Serializer):
    receipt_code = serializers.RegexField(RECEIPT_PATTERN.pattern)
    status = serializers.ChoiceField(choices=ComplaintStatus.choices)
    status_label = serializers.CharField(help_text="The status in the request's language.")
    next_step = serializers.CharField(help_text="What happens next, for the reporter.")
    organisation_name = serializers.CharField(
        allow_blank=True, help_text="Empty while the network is placing the complaint."
    )
    submitted_on = serializers.DateField()
    updated_at = serializers.DateTimeField()
    case_stage = serializers.CharField(
        allow_blank=True, help_text="Once accepted: the case's stage code; else empty."
    )
    case_stage_label = serializers.CharField(
        allow_blank=True, help_text="The case's stage in the request's language."
    )


COMPLAINT_EXAMPLE = {
    "reporter_type": "worker",
    "reporter_name": "Siti Rahayu",
    "contact_phone": "+62 812 3456 7890",
    "contact_email": "siti@example.org",
    "contact_channel": "whatsapp",
    "contact_safety": "Jangan telepon; WhatsApp hanya setelah jam 9 malam.",
    "filer_name": "",
    "filer_relation": "",
    "country_of_work": "MY",
    "work_city": "Johor Bahru",
    "home_region": "Jawa Timur",
    "employer_name": "Tan Family",
    "agency_name": "PT Maju Jaya",
    "issue_types": ["unpaid_wages"],
    "narrative": "Gaji saya tidak dibayar selama tiga bulan dan paspor saya ditahan majikan.",
    "happened_from": "2025-11-01",
    "happened_until": None,
    "members": [
        {
            "name": "Dewi Lestari",
            "contact_phone": "+60 12 345 6789",
            "contact_email": "",
            "home_region": "Jawa Tengah",
            "note": "Bekerja di rumah yang sama sejak 2024.",
        }
    ],
    "language": "id",
    "organisation": None,
    "consent": {"contact": True, "share": True, "refer": False, "statistics": True},
}
RECEIPT_EXAMPLE = {
    "receipt_code": "RP-7KQ2-M9TX",
    "status_url": "https://hub.example.org/api/v1/public/complaints/RP-7KQ2-M9TX/",
    "status": "inbox",
}
STATUS_EXAMPLE = {
    "receipt_code": "RP-7KQ2-M9TX",
    "status": "inbox",
    "status_label": "Menunggu organisasi",
    "next_step": "Pengaduan Anda menunggu ditinjau oleh organisasi.",
    "organisation_name": "Serikat Buruh Migran Indonesia",
    "submitted_on": "2026-03-02",
    "updated_at": "2026-03-02T09:15:00+07:00",
    "case_stage": "",
    "case_stage_label": "",
}
INVALID_EXAMPLE = {
    "error": {
        "code": "invalid",
        "message": "Some fields are missing or invalid.",
        "fields": {"issue_types": ["Unknown code: no_such_issue."]},
    }
}


class ComplaintCreateApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        summary="File a complaint",
        description="Build the body from this document: coded fields list their codes here or "
        f"in `GET {VOCABULARIES_PATH}`. The answer's receipt code follows the complaint. "
        "Attachments (photos, PDF) cannot be sent through this API: the portal's form takes "
        "them, or the organisation adds them to the case once it accepts the complaint.",
        request=ComplaintCreateInput,
        responses={
            201: ComplaintCreatedOutput,
            **error_responses(400, 409, 413, 415, 429, member=False),
        },
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        examples=[
            OpenApiExample("A complaint", value=COMPLAINT_EXAMPLE, request_only=True),
            OpenApiExample(
                "Receipt", value=RECEIPT_EXAMPLE, response_only=True, status_codes=["201"]
            ),
            OpenApiExample(
                "Invalid input", value=INVALID_EXAMPLE, response_only=True, status_codes=["400"]
            ),
        ],
    )
    @rate_limited("submit", refuse=api_refuse, methods=("POST",))
    @idempotent_api("complaint-api")
    def post(self, request):
        serializer = ComplaintCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        consent = ConsentChoices(**data.pop("consent"))
        data["issue_types"] = tuple(data["issue_types"])
        data["members"] = tuple(MemberInput(**member) for member in data.get("members", ()))
        complaint = complaint_submit(data=ComplaintInput(consent=consent, **data))
        path = reverse("intake-api:complaint-status", args=[complaint.receipt_code])
        body = {
            "receipt_code": complaint.receipt_code,
            "status_url": request.build_absolute_uri(path),
            "status": complaint.status,
        }
        return Response(ComplaintCreatedOutput(body).data, status=status.HTTP_201_CREATED)


class ComplaintStatusApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Follow a complaint by its receipt code",
        responses={200: ComplaintStatusOutput, **error_responses(404, 429, member=False)},
        examples=[OpenApiExample("Status", value=STATUS_EXAMPLE, response_only=True)],
    )
    @rate_limited("lookup", refuse=api_refuse, failures_only=True)
    def get(self, request, receipt_code: str):
        code = normalise_receipt_code(receipt_code)
        public_status = complaint_public_status(receipt_code=code) if code else None
        if public_status is None:
            raise NotFound(str(_("No complaint with this receipt code.")))
        return Response(ComplaintStatusOutput(public_status).data)


class CodeOutput(serializers.Serializer):
    code = serializers.CharField(help_text="Stable: what the API fields carry.")
    label_id = serializers.CharField(help_text="Label in Indonesian.")
    label_en = serializers.CharField(help_text="Label in English.")


class CodeListOutput(serializers.Serializer):
    name = serializers.CharField(help_text="e.g. `issue_type`, `country`, `language`.")
    label_id = serializers.CharField()
    label_en = serializers.CharField()
    fields = serializers.ListField(
        child=serializers.CharField(),
        help_text="The complaint fields that take these codes (empty: used by members' APIs).",
    )
    url = serializers.SerializerMethodField(
        help_text="The same terms from the per-vocabulary endpoint; null for the fixed lists."
    )
    terms = CodeOutput(many=True, help_text="Active codes, in display order.")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, code_list) -> str | None:
        if not code_list.shared:
            return None
        path = reverse("intake-api:vocabulary-terms", args=[code_list.name])
        return self.context["request"].build_absolute_uri(path)


class VocabularyListApi(APIView):
    """Every code list a client needs to fill coded fields, with Indonesian and English labels.
    Public: code lists hold no personal data."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="List the vocabularies and their codes",
        operation_id="api_v1_public_vocabularies_index",
        responses={200: CodeListOutput(many=True)},
        examples=[
            OpenApiExample(
                "Issue types",
                response_only=True,
                value=[
                    {
                        "name": "issue_type",
                        "label_id": "Jenis masalah",
                        "label_en": "Issue type",
                        "fields": ["issue_types"],
                        "url": "https://hub.example.org/api/v1/public/vocabularies/issue_type/",
                        "terms": [
                            {
                                "code": "unpaid_wages",
                                "label_id": "Gaji tidak dibayar",
                                "label_en": "Unpaid wages",
                            }
                        ],
                    }
                ],
            )
        ],
    )
    def get(self, request):
        lists = public_vocabularies()
        return Response(CodeListOutput(lists, many=True, context={"request": request}).data)
