"""The demo's consent: a portal worker with a PIN whose case is shared with the union branch
(withdrawing on the portal ends the share), a guardian's consent limited to one member, and a
withdrawal of statistics recorded at the office."""

from __future__ import annotations

from django.test import Client

from hub.consent.models import ConsentRecord
from hub.demo.seed import seed_demo
from hub.demo.seed_consent import PORTAL_EMAIL, PORTAL_PIN
from hub.intake.models import Complaint
from hub.organisations.models import Organisation
from sharing.models import ShareGrant


def test_the_demo_worker_withdraws_on_the_portal_and_the_share_ends(
    world, db, django_capture_on_commit_callbacks
):
    seed_demo(seed=7)
    owner = Organisation.objects.get(slug="lbh-jakarta")
    filed = Complaint.objects.get(contact_email=PORTAL_EMAIL)
    grant = ShareGrant.objects.get(owner=owner, case_id=filed.accepted_case_id)
    assert grant.is_live and grant.recipient.slug == "sbmi-indramayu"
    guardian = ConsentRecord.objects.get(organisation=owner, given_by_kind="guardian")
    assert guardian.share_with == ["sbmi-indramayu"] and guardian.given_by_name
    assert ConsentRecord.objects.filter(organisation=owner, withdrawn_via="organisation").exists()
    body = {"purposes": ["share"], "pin": PORTAL_PIN, "confirm": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(f"/tanda-terima/{filed.receipt_code}/tarik-persetujuan/", body)
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
