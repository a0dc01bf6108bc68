"""The audit trail: one table per schema, so each organisation keeps its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "case.registered": _("Case registered"),
    "complaint.submitted": _("Complaint submitted"),
    "complaint.accepted": _("Complaint accepted"),
    "complaint.declined": _("Complaint declined"),
    "complaint.escalated": _("Complaint escalated"),
    "complaint.assigned": _("Complaint assigned to an organisation"),
    "complaint.closed": _("Complaint closed as out of scope"),
    "complaint.merged": _("Complaint merged as a duplicate"),
    "routing_rule.created": _("Routing rule added"),
    "routing_rule.updated": _("Routing rule changed"),
    "routing_rule.deactivated": _("Routing rule deactivated"),
    "consent.withdrawn": _("Consent withdrawn"),
    "case.transition": _("Stage changed"),
    "case.read_by_member": _("Read by another member through a share"),
    "event.recorded": _("Event recorded"),
    "share.granted": _("Shared with another member"),
    "share.revoked": _("Share revoked"),
    "case.assigned": _("Assigned"),
    "case.assignment_ended": _("Assignment ended"),
    "case.person_added": _("Person added"),
    "case.updated": _("General data changed"),
    "case.restriction_changed": _("Access restriction changed"),
    "case.proceeding_recorded": _("Proceeding recorded"),
    "case.proceeding_updated": _("Proceeding changed"),
    "case.hearing_added": _("Hearing added"),
    "event.act_recorded": _("Act of violation recorded"),
    "person.updated": _("Person's data changed"),
    "person.placement_added": _("Placement abroad recorded"),
    "person.relation_added": _("Relation recorded"),
    "decision.requested": _("Decision requested"),
    "decision.commented": _("Decision discussed"),
    "decision.approved": _("Request approved"),
    "decision.declined": _("Request declined"),
    "decision.withdrawn": _("Request withdrawn"),
    "decision.lapsed": _("Request lapsed: the case moved on"),
    "case.document_added": _("Document added"),
    "document.downloaded": _("Document downloaded"),
    "care.assessed": _("Client assessed"),
    "care.plan_drafted": _("Service plan drafted"),
    "care.plan_changed": _("Draft service plan changed"),
    "care.plan_agreed": _("Client agreed to the service plan"),
    "care.plan_refused": _("Client refused the service plan"),
    "care.intervention_logged": _("Service given"),
    "care.intervention_updated": _("Service updated"),
    "care.contact_logged": _("Contact with the client"),
    "care.reviewed": _("Monitoring review"),
    "care.conference_held": _("Case conference"),
    "care.termination_written": _("Termination report written"),
    "care.termination_signed": _("Signed termination form added"),
    "care.termination_answered": _("Client answered the termination report"),
    "link.created": _("Link sent to the client"),
    "link.reissued": _("Link to the client issued again"),
    "link.emailed": _("Link e-mailed to the client"),
    "link.revoked": _("Link to the client revoked"),
    "link.answered": _("Answered by the client through a link"),
    "link.reviewed": _("Client's answer reviewed"),
    "contribution.added": _("Contribution added from outside"),
    "contribution.hidden": _("Contribution hidden"),
    "contribution.accepted": _("Contribution accepted into the record"),
    "contribution.rejected": _("Contribution rejected"),
    "complaint.verification_sent": _("Link to check the complaint's data e-mailed"),
    "complaint.verified": _("The worker confirmed the complaint's data"),
    "complaint.correction_received": _("The worker said the complaint's data is wrong"),
    "complaint.pin_set": _("PIN set by the worker"),
    "complaint.pin_changed": _("PIN changed by the worker"),
    "complaint.codes_sent": _("Receipt code e-mailed again"),
    "case.consent_recorded": _("Consent recorded"),
    "case.consent_withdrawn": _("The client withdrew consent"),
    "complaint.consent_withdrawn": _("The worker withdrew consent on the portal"),
    "share.consent_carried": _("Share kept: the client's newer consent still covers it"),
    "staff.invited": _("Added to the office"),
    "staff.roles_changed": _("Roles changed"),
    "staff.deactivated": _("Removed from the office"),
    "organisation.service_levels_changed": _("Service-level clock settings changed"),
    "case.imported": _("Case imported from a case package"),
    "referral.sent": _("Case referred to another member or an agency"),
    "referral.received": _("Referral received from another member"),
    "referral.accepted": _("Referral accepted"),
    "referral.declined": _("Referral declined"),
    "referral.completed": _("Referral completed, with its outcome"),
    "referral.withdrawn": _("Referral withdrawn"),
    "referral.read_by_receiver": _("Referral read by the member it was sent to"),
    "transfer.decided": _("Transfer to another member decided"),
    "transfer.delivered": _("Transfer: complete file delivered to the receiving member"),
    "transfer.accepted": _("Transfer accepted: the receiving member now owns the case"),
    "transfer.declined": _("Transfer declined by the receiving member"),
    "transfer.withdrawn": _("Transfer withdrawn"),
    "transfer.package_read": _("Transferred file read"),
    "access.requested": _("National office asked for access to a case"),
    "access.approved": _("Access request approved: the case is shared with the national office"),
    "access.declined": _("Access request declined"),
    "access.withdrawn": _("Access request withdrawn by the national office"),
    "identity.matches_read": _("Checked whether other members may be helping the same worker"),
    "identity.match_seen_by_member": _(
        "Another member was put in touch: it may be helping the same worker"
    ),
}


class AuditEvent(models.Model):
    """Something a person or system did, kept in the schema of the data it touched."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=64)
    actor_label = models.CharField(max_length=200)
    actor_user_id = models.BigIntegerField(null=True, blank=True)
    actor_organisation = models.CharField(max_length=63, blank=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.object_type}:{self.object_id}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class OutboxEvent(models.Model):
    """A domain event, written in the transaction of the change it describes; dispatched after
    commit to whatever reacts to it (rollups now; notifications, clocks and webhooks later)."""

    name = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    payload = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["id"],
                condition=models.Q(dispatched_at__isnull=True),
                name="outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.object_type}:{self.object_id}"
