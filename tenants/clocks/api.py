"""Organisation API for the service-level clocks: a case's clocks and one's dashboard."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from tenants.cases.lifecycle import Move, Stage
from tenants.cases.selectors import case_for_actor, case_hidden_sections, case_subject
from tenants.clocks.dashboard import my_dashboard
from tenants.clocks.definitions import CLOCKS, ClockState
from tenants.clocks.selectors import case_clocks


class ZonedDateTime(serializers.DateTimeField):
    """A moment as the clock holds it: in the organisation's own time zone (not the server's)."""

    def to_representation(self, value):
        return value.isoformat() if value is not None else None


class ClockOutput(serializers.Serializer):
    code = serializers.ChoiceField(choices=[(d.code, str(d.label)) for d in CLOCKS])
    label = serializers.CharField()
    state = serializers.ChoiceField(
        choices=ClockState.choices,
        help_text="`met`, `missed` (met late), `running`, `due_soon`, `overdue`, `waiting` "
        "(its starting fact is not recorded yet) or `not_applicable`.",
    )
    started_at = ZonedDateTime(allow_null=True)
    due_at = ZonedDateTime(allow_null=True)
    soon_at = ZonedDateTime(allow_null=True, help_text="When it turns `due_soon`.")
    stopped_at = ZonedDateTime(allow_null=True)
    working = serializers.BooleanField(help_text="Counted in the office's working time.")
    target = serializers.CharField(help_text="What the target allows, for people.")
    zone = serializers.CharField(help_text="The organisation's time zone; times are in it.")


class CaseRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    stage = serializers.ChoiceField(choices=Stage.choices)
    restricted = serializers.BooleanField()


class CaseClocksOutput(serializers.Serializer):
    case = CaseRefOutput()
    clocks = ClockOutput(many=True)


class ClockRowOutput(serializers.Serializer):
    case = CaseRefOutput()
    clock = ClockOutput()


class DecisionWaitingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    case = CaseRefOutput()
    move = serializers.ChoiceField(choices=Move.choices)
    requested_by_label = serializers.CharField()
    requested_at = serializers.DateTimeField()


class AnswerWaitingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    case_id = serializers.IntegerField()
    purpose = serializers.CharField()
    used_at = serializers.DateTimeField(help_text="When the client answered.")


class WaitingOutput(serializers.Serializer):
    decisions = DecisionWaitingOutput(
        many=True, allow_null=True, help_text="Requests to decide; null: not one's role."
    )
    queue = CaseClocksOutput(
        many=True, allow_null=True, help_text="Cases to take; null: not one's role."
    )
    answers = AnswerWaitingOutput(many=True, help_text="Client answers waiting for review.")


class DashboardOutput(serializers.Serializer):
    attention = ClockRowOutput(many=True, help_text="My cases' clocks due soon or overdue.")
    mine = CaseClocksOutput(many=True, help_text="My open cases, most urgent first.")
    waiting = WaitingOutput(help_text="What waits on me.")
    office_overdue = ClockRowOutput(
        many=True,
        allow_null=True,
        help_text="Every overdue clock of the office (the division head); null otherwise.",
    )
    office_overdue_count = serializers.IntegerField()


class CaseClocksApi(OrganisationApiView):
    @extend_schema(responses={200: ClockOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        hidden = case_hidden_sections(actor=self.actor, subject=case_subject(case))
        return Response(ClockOutput(case_clocks(case=case, hidden_sections=hidden), many=True).data)


class MyDashboardApi(OrganisationApiView):
    @extend_schema(responses={200: DashboardOutput, **error_responses(403)})
    def get(self, request, **kwargs):
        board = my_dashboard(actor=self.actor)
        data = {
            "attention": board.attention,
            "mine": board.mine,
            "waiting": {
                "decisions": board.decisions,
                "queue": board.queue,
                "answers": board.answers,
            },
            "office_overdue": board.office_overdue,
            "office_overdue_count": board.office_overdue_count,
        }
        return Response(DashboardOutput(data).data)
