"""The referral letter: dated on the sender's own calendar day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.utils import translation
from django.utils.formats import date_format

from hub.accounts.roles import Role
from hub.organisations.models import ServiceLevelSettings
from sharing.referrals.letter import referral_letter
from sharing.referrals.models import Referral
from sharing.referrals.services import referral_send
from tests.builders import in_schema, member
from tests.sharing.referrals.conftest import consented_case


def test_the_letter_is_dated_in_the_senders_time_zone(org_a, agency):
    """Sent at 00:30 in Hong Kong (23:30 the day before in Jakarta, the site's zone): a Hong
    Kong office's letter carries its own day, as its dossier and packages do."""
    ServiceLevelSettings.objects.update_or_create(
        organisation=org_a.organisation, defaults={"timezone": "Asia/Hong_Kong"}
    )
    case = consented_case(org_a, refer=True)
    with in_schema(org_a.organisation):
        referral = referral_send(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            service="psychosocial",
            reason="Trauma",
            sections=["summary"],
            agency=agency,
        )
    Referral.objects.filter(pk=referral.pk).update(
        created_at=datetime(2026, 11, 24, 16, 30, tzinfo=UTC)
    )
    letter = referral_letter(referral=Referral.objects.get(pk=referral.pk))
    with translation.override(letter.language):
        assert letter.place_and_date.endswith(date_format(date(2026, 11, 25), "j F Y"))
