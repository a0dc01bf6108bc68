"""What the API shows of the services to the client."""

from __future__ import annotations

from rest_framework import serializers


class StepOutput(serializers.Serializer):
    id = serializers.IntegerField()
    who = serializers.CharField()
    what = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)


class GoalOutput(serializers.Serializer):
    id = serializers.IntegerField()
    term = serializers.CharField()
    description = serializers.CharField()
    barriers = serializers.CharField()
    steps = StepOutput(many=True, source="steps.all")


class PlanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    revision = serializers.IntegerField()
    state = serializers.CharField()
    note = serializers.CharField()
    drawn_up_by = serializers.CharField()
    created_at = serializers.DateTimeField()
    agreement_method = serializers.CharField()
    agreement_document_id = serializers.IntegerField(allow_null=True)
    agreement_link_id = serializers.IntegerField(allow_null=True)
    agreement_note = serializers.CharField()
    agreed_at = serializers.DateTimeField(allow_null=True, help_text="Agreed or refused at.")
    goals = GoalOutput(many=True, source="goals.all")


class AssessmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    assessed_on = serializers.DateField()
    needs = serializers.ListField(child=serializers.CharField())
    needs_note = serializers.CharField()
    risk_level = serializers.CharField()
    risks = serializers.CharField()
    problem = serializers.CharField()
    urgency = serializers.CharField()
    strengths = serializers.CharField()
    resources = serializers.CharField()
    assessed_by = serializers.CharField()
    created_at = serializers.DateTimeField()


class InterventionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    service = serializers.CharField()
    goal_id = serializers.IntegerField(allow_null=True)
    provider = serializers.CharField()
    partner = serializers.CharField()
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    outcome = serializers.CharField()
    document_ids = serializers.SerializerMethodField()

    def get_document_ids(self, intervention) -> list[int]:
        return [document.pk for document in intervention.documents.all()]


class ContactOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    at = serializers.DateTimeField()
    with_whom = serializers.CharField()
    progress = serializers.CharField()
    obstacles = serializers.CharField()
    intervention_id = serializers.IntegerField(allow_null=True)
    recorded_by = serializers.CharField()


class ReviewOutput(serializers.Serializer):
    id = serializers.IntegerField()
    held_on = serializers.DateField()
    progress = serializers.CharField()
    findings = serializers.CharField()
    revised_plan_id = serializers.IntegerField(allow_null=True)
    reviewed_by = serializers.CharField()


class ConferenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    held_on = serializers.DateField()
    participants = serializers.CharField()
    agenda = serializers.CharField()
    decisions = serializers.CharField()
    recorded_by = serializers.CharField()


class TerminationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reason = serializers.CharField()
    report = serializers.CharField()
    client_feedback = serializers.CharField()
    satisfaction = serializers.IntegerField(allow_null=True)
    signed_form_id = serializers.IntegerField(allow_null=True)
    written_by = serializers.CharField()
    written_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class CareRecordOutput(serializers.Serializer):
    assessments = AssessmentOutput(many=True)
    plans = PlanOutput(many=True)
    interventions = InterventionOutput(many=True)
    contacts = ContactOutput(many=True)
    reviews = ReviewOutput(many=True)
    conferences = ConferenceOutput(many=True)
    termination = TerminationOutput(allow_null=True)
