"""Organisation API for the services to the client: the care record of a case, and one
endpoint per thing staff record (assessment, plan revision, goal, step, the client's answer,
review, conference, termination report and its request)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.care.assessments import AssessmentData, assessment_record
from tenants.care.models import GoalTerm, RiskLevel, Urgency
from tenants.care.plans import (
    goal_add,
    goal_remove,
    goal_step_add,
    plan_agreement_record,
    plan_draft,
)
from tenants.care.reviews import conference_record, review_record
from tenants.care.selectors import care_record, case_for_care
from tenants.care.serializers import (
    AssessmentOutput,
    CareRecordOutput,
    ConferenceOutput,
    GoalOutput,
    PlanOutput,
    ReviewOutput,
    StepOutput,
    TerminationOutput,
)
from tenants.care.termination import TerminationData, termination_request, termination_write
from tenants.cases.api_decisions import DecisionRequestOutput

_WRITE_ERRORS = error_responses(400, 403, 409, 415)


class CareRecordApi(OrganisationApiView):
    @extend_schema(responses={200: CareRecordOutput, **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_care(actor=self.actor, case_id=case_id)
        return Response(CareRecordOutput(care_record(case=case)).data)


class AssessmentInput(serializers.Serializer):
    assessed_on = serializers.DateField()
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices)
    problem = Text(max_length=20000)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    needs = serializers.ListField(
        child=serializers.SlugField(max_length=50),
        max_length=20,
        required=False,
        default=list,
        help_text="`service_type` vocabulary codes.",
    )
    needs_note = Text(max_length=20000, required=False, allow_blank=True, default="")
    risks = Text(max_length=20000, required=False, allow_blank=True, default="")
    strengths = Text(max_length=20000, required=False, allow_blank=True, default="")
    resources = Text(max_length=20000, required=False, allow_blank=True, default="")


class AssessmentsApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=AssessmentInput,
        responses={201: AssessmentOutput, **_WRITE_ERRORS},
        examples=[
            OpenApiExample(
                "A domestic worker beaten by her employer",
                request_only=True,
                value={
                    "assessed_on": "2026-11-02",
                    "risk_level": "high",
                    "urgency": "urgent",
                    "problem": "Dipukul majikan, paspor ditahan, gaji 4 bulan belum dibayar.",
                    "needs": ["shelter", "legal", "health"],
                },
            )
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        serializer = AssessmentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        data = AssessmentData(**{**values, "needs": tuple(values["needs"])})
        assessment = assessment_record(actor=self.actor, case_id=case_id, data=data)
        return Response(AssessmentOutput(assessment).data, status=status.HTTP_201_CREATED)


class PlanInput(serializers.Serializer):
    note = Text(max_length=4000, required=False, allow_blank=True, default="")


class PlansApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=PlanInput, responses={201: PlanOutput, **_WRITE_ERRORS})
    def post(self, request, case_id: int, **kwargs):
        """Draft the next revision of the plan (starting from the goals of the latest)."""
        serializer = PlanInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = plan_draft(actor=self.actor, case_id=case_id, **serializer.validated_data)
        return Response(PlanOutput(plan).data, status=status.HTTP_201_CREATED)


class GoalInput(serializers.Serializer):
    term = serializers.ChoiceField(choices=GoalTerm.choices)
    description = Text(max_length=4000)
    barriers = Text(max_length=4000, required=False, allow_blank=True, default="")


class GoalsApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=GoalInput, responses={201: GoalOutput, **_WRITE_ERRORS})
    def post(self, request, case_id: int, plan_id: int, **kwargs):
        serializer = GoalInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        goal = goal_add(
            actor=self.actor, case_id=case_id, plan_id=plan_id, **serializer.validated_data
        )
        return Response(GoalOutput(goal).data, status=status.HTTP_201_CREATED)


class StepInput(serializers.Serializer):
    who = Text(max_length=200)
    what = Text(max_length=4000)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class GoalStepsApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=StepInput, responses={201: StepOutput, **_WRITE_ERRORS})
    def post(self, request, case_id: int, goal_id: int, **kwargs):
        serializer = StepInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        step = goal_step_add(
            actor=self.actor, case_id=case_id, goal_id=goal_id, **serializer.validated_data
        )
        return Response(StepOutput(step).data, status=status.HTTP_201_CREATED)


class GoalApi(OrganisationApiView):
    @extend_schema(request=None, responses={204: None, **error_responses(403, 409)})
    def delete(self, request, case_id: int, goal_id: int, **kwargs):
        """Remove a goal from a draft revision (an answered revision is never edited)."""
        goal_remove(actor=self.actor, case_id=case_id, goal_id=goal_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgreementInput(serializers.Serializer):
    agreed = serializers.BooleanField(help_text="True: the client agreed; false: refused.")
    document_id = serializers.IntegerField(
        min_value=1, help_text="The case document holding the form the client signed."
    )
    note = Text(max_length=4000, required=False, allow_blank=True, default="")


class PlanAgreementApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=AgreementInput, responses={200: PlanOutput, **_WRITE_ERRORS})
    def post(self, request, case_id: int, plan_id: int, **kwargs):
        """Record the client's answer to a drafted revision, given in person. (An answer
        through a client link is recorded when the client answers the link.)"""
        serializer = AgreementInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        plan = plan_agreement_record(actor=self.actor, case_id=case_id, plan_id=plan_id, **values)
        return Response(PlanOutput(plan).data)


class ReviewInput(serializers.Serializer):
    held_on = serializers.DateField()
    progress = Text(max_length=20000)
    findings = Text(max_length=20000, required=False, allow_blank=True, default="")
    revise_plan = serializers.BooleanField(required=False, default=False)


class ReviewsApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=ReviewInput, responses={201: ReviewOutput, **_WRITE_ERRORS})
    def post(self, request, case_id: int, **kwargs):
        serializer = ReviewInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = review_record(actor=self.actor, case_id=case_id, **serializer.validated_data)
        return Response(ReviewOutput(review).data, status=status.HTTP_201_CREATED)


class ConferenceInput(serializers.Serializer):
    held_on = serializers.DateField()
    participants = Text(max_length=4000, help_text="One per line: name, role or agency.")
    decisions = Text(max_length=20000)
    agenda = Text(max_length=4000, required=False, allow_blank=True, default="")


class ConferencesApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=ConferenceInput, responses={201: ConferenceOutput, **_WRITE_ERRORS})
    def post(self, request, case_id: int, **kwargs):
        serializer = ConferenceInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        conference = conference_record(
            actor=self.actor, case_id=case_id, **serializer.validated_data
        )
        return Response(ConferenceOutput(conference).data, status=status.HTTP_201_CREATED)


class TerminationInput(serializers.Serializer):
    reason = serializers.SlugField(max_length=50, help_text="`termination_reason` code.")
    report = Text(max_length=20000)
    client_feedback = Text(max_length=20000, required=False, allow_blank=True, default="")
    satisfaction = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True, default=None
    )
    version = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="To rewrite: the version read."
    )


class TerminationApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=TerminationInput, responses={200: TerminationOutput, **_WRITE_ERRORS})
    def put(self, request, case_id: int, **kwargs):
        serializer = TerminationInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        version = values.pop("version")
        termination = termination_write(
            actor=self.actor, case_id=case_id, data=TerminationData(**values), version=version
        )
        return Response(TerminationOutput(termination).data)


class TerminationRequestApi(OrganisationApiView):
    @extend_schema(
        request=None, responses={201: DecisionRequestOutput, **error_responses(403, 409)}
    )
    def post(self, request, case_id: int, **kwargs):
        """Ask the division head to terminate, with the report's reason and text."""
        decision = termination_request(actor=self.actor, case_id=case_id)
        return Response(DecisionRequestOutput(decision).data, status=status.HTTP_201_CREATED)
