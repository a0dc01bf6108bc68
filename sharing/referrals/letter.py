"""The printable referral letter: a referral → interchange's frozen ReferralLetter, every label
through gettext in the sender organisation's language (Indonesian unless it works in another
language the site speaks)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hub.organisations.models import Organisation
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import vocabulary_labels
from interchange.letters import LetterParty, ReferralLetter, referral_letter_pdf
from sharing.referrals.models import Referral, ReferralStatus
from sharing.referrals.selectors import referral_sent_package
from tenants.cases.projection import Section, organisation_zone

CLIENT_ROLES = ("complainant", "victim")


def letter_language(organisation: Organisation) -> str:
    spoken = {code for code, _name in settings.LANGUAGES}
    return next((code for code in organisation.languages if code in spoken), "id")


def _party(organisation: Organisation) -> LetterParty:
    return LetterParty(
        name=organisation.name,
        address=organisation.address,
        phone=organisation.contact_phone,
        email=organisation.contact_email,
    )


def _client(referral: Referral) -> str:
    """The client's name as the package sent it; nothing when no people section was sent."""
    package = referral_sent_package(referral)
    for person in package.people if package is not None else ():
        if any(role in CLIENT_ROLES for role in person.roles):
            return person.display_name
    return ""


def _labels() -> dict[str, str]:
    return {
        "title": _("Referral letter"),
        "reference": _("Letter number"),
        "subject": _("Subject"),
        "case_number": _("Case number"),
        "to": _("To:"),
        "greeting": _("Dear Sir or Madam,"),
        "opening": _(
            "With the consent of the client named below, we refer them to you and ask for the "
            "service described here. The parts of the case listed as attached are sent with "
            "this referral."
        ),
        "client": _("Client"),
        "service": _("Service requested"),
        "reason": _("Reason for the referral"),
        "attached": _("Attached (parts of the case)"),
        "status": _("Status of the referral"),
        "closing": _(
            "Please let us know through the contact below whether you can give this service, "
            "and later its outcome. Thank you for your cooperation."
        ),
        "regards": _("Yours sincerely,"),
        "page": _("Page"),
        "confidential": _(
            "Confidential: this letter and what is attached to it hold personal data shared "
            "with the client's consent for this referral only. Do not pass them on."
        ),
    }


def referral_letter(*, referral: Referral) -> ReferralLetter:
    sender = referral.sender
    language = letter_language(sender)
    with translation.override(language):
        if referral.agency_id:
            agency = referral.agency
            addressee = LetterParty(
                name=agency.name,
                address=agency.address,
                phone=agency.phone,
                email=agency.email,
                hours=agency.hours,
            )
        else:
            addressee = _party(referral.receiver)
        # The sender's calendar day, as on its dossier and packages (not the site's zone).
        day = date_format(
            timezone.localtime(referral.created_at, organisation_zone(sender)), "j F Y"
        )
        place = sender.regions[0] if sender.regions else ""
        return ReferralLetter(
            sender=_party(sender),
            addressee=addressee,
            reference=f"{referral.case_number}/R-{referral.pk}",
            place_and_date=f"{place}, {day}" if place else day,
            case_number=referral.case_number,
            client=_client(referral),
            service=vocabulary_labels(Vocabulary.SERVICE_TYPE).get(
                referral.service, referral.service
            ),
            reason=referral.reason,
            sections=tuple(
                str(Section(code).label) for code in referral.sections if code in Section.values
            ),
            contact_name=referral.created_by_name or referral.created_by,
            status=str(ReferralStatus(referral.status).label),
            labels=_labels(),
            language=language,
            created_at=referral.created_at,
        )


def referral_letter_render(*, referral: Referral) -> bytes:
    return referral_letter_pdf(referral_letter(referral=referral))
