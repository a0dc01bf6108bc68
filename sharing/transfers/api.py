"""Organisation API for transfers: list both sides, decide (the division head), accept,
decline, withdraw; each transfer with its working-day clock."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses
from hub.core.errors import DomainError
from sharing.transfers.clock import transfer_clock
from sharing.transfers.models import TransferStatus
from sharing.transfers.selectors import (
    transfer_for_actor,
    transfers_incoming,
    transfers_outgoing,
    with_clocks,
)
from sharing.transfers.services import (
    NOTE_LENGTH,
    transfer_answer,
    transfer_decide,
    transfer_withdraw,
)


class TransferDecideInput(serializers.Serializer):
    case_id = serializers.IntegerField(min_value=1)
    receiver = serializers.SlugField(help_text="The receiving member's slug.")
    note = serializers.CharField(max_length=NOTE_LENGTH, help_text="Why (the client's reason).")


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=NOTE_LENGTH)


class TransferClockOutput(serializers.Serializer):
    state = serializers.CharField(
        help_text="running | due_soon | overdue | met | missed | not_applicable"
    )
    due_on = serializers.DateField(help_text="Last working day, in the receiver's calendar.")
    days_left = serializers.IntegerField(help_text="Working days left; negative: overdue.")


class TransferOutput(serializers.Serializer):
    id = serializers.IntegerField()
    direction = serializers.SerializerMethodField()
    sender = serializers.CharField(source="sender.slug")
    sender_name = serializers.CharField(source="sender.name")
    receiver = serializers.CharField(source="receiver.slug")
    receiver_name = serializers.CharField(source="receiver.name")
    case_id = serializers.SerializerMethodField()
    case_number = serializers.CharField()
    status = serializers.ChoiceField(choices=TransferStatus.choices)
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField()
    decision_request_id = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()
    delivered_at = serializers.DateTimeField(allow_null=True)
    package_sha256 = serializers.CharField()
    answered_by = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    decline_reason = serializers.CharField()
    receiver_case_id = serializers.SerializerMethodField()
    receiver_case_number = serializers.CharField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawal_reason = serializers.CharField()
    clock = serializers.SerializerMethodField()

    def get_direction(self, transfer) -> str:
        return "incoming" if transfer.receiver_id == self.context["organisation_id"] else "outgoing"

    def get_case_id(self, transfer) -> int | None:
        """The sender's case id: only the sender's own (an id of another schema means
        nothing to the receiver)."""
        return None if self.get_direction(transfer) == "incoming" else transfer.case_id

    def get_receiver_case_id(self, transfer) -> int | None:
        return transfer.receiver_case_id if self.get_direction(transfer) == "incoming" else None

    @extend_schema_field(TransferClockOutput)
    def get_clock(self, transfer) -> dict:
        clock = self.context.get("clocks", {}).get(transfer.pk) or transfer_clock(
            transfer, now=timezone.now()
        )
        return TransferClockOutput(clock).data


def _context(request, rows=()) -> dict:
    return {
        "organisation_id": request.organisation.pk,
        "clocks": {row.transfer.pk: row.clock for row in rows},
    }


class TransferListApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "direction", str, enum=["incoming", "outgoing"], description="Default: both."
            )
        ],
        responses={200: TransferOutput(many=True), **error_responses(400, 403)},
    )
    def get(self, request, **kwargs):
        direction = request.query_params.get("direction", "")
        if direction not in ("", "incoming", "outgoing"):
            message = _("Choose incoming or outgoing.")
            raise DomainError(message, fields={"direction": [message]})
        transfers = []
        if direction in ("", "incoming"):
            transfers += list(transfers_incoming(actor=self.actor)[:200])
        if direction in ("", "outgoing"):
            transfers += list(transfers_outgoing(actor=self.actor)[:200])
        rows = with_clocks(transfers)
        return Response(TransferOutput(transfers, many=True, context=_context(request, rows)).data)

    @extend_schema(
        request=TransferDecideInput,
        responses={201: TransferOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, **kwargs):
        serializer = TransferDecideInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        transfer = transfer_decide(actor=self.actor, **serializer.validated_data)
        return Response(
            TransferOutput(transfer, context=_context(request)).data,
            status=status.HTTP_201_CREATED,
        )


class TransferDetailApi(OrganisationApiView):
    @extend_schema(responses={200: TransferOutput, **error_responses(403)})
    def get(self, request, transfer_id: int, **kwargs):
        transfer = transfer_for_actor(actor=self.actor, transfer_id=transfer_id)
        return Response(TransferOutput(transfer, context=_context(request)).data)


class TransferAcceptApi(OrganisationApiView):
    @extend_schema(request=None, responses={200: TransferOutput, **error_responses(403, 409)})
    def post(self, request, transfer_id: int, **kwargs):
        transfer = transfer_answer(actor=self.actor, transfer_id=transfer_id, outcome="accept")
        return Response(TransferOutput(transfer, context=_context(request)).data)


class TransferDeclineApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=ReasonInput, responses={200: TransferOutput, **error_responses(400, 403, 409, 415)}
    )
    def post(self, request, transfer_id: int, **kwargs):
        serializer = ReasonInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        transfer = transfer_answer(
            actor=self.actor,
            transfer_id=transfer_id,
            outcome="decline",
            **serializer.validated_data,
        )
        return Response(TransferOutput(transfer, context=_context(request)).data)


class TransferWithdrawApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=ReasonInput, responses={200: TransferOutput, **error_responses(400, 403, 409, 415)}
    )
    def post(self, request, transfer_id: int, **kwargs):
        serializer = ReasonInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        transfer = transfer_withdraw(
            actor=self.actor, transfer_id=transfer_id, **serializer.validated_data
        )
        return Response(TransferOutput(transfer, context=_context(request)).data)
