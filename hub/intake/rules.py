"""The one set of rules for a complaint's input, whether it comes from the portal form or the
JSON API: both edges check shapes (types, lengths, the same limits), and these rules check
what the codes mean. The OpenAPI document and the vocabulary listing are built from the same
lists, so a client built from the document is refused only for what the document says."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.core.fields import validate_plain_text
from hub.intake.countries import DESTINATION_COUNTRIES
from hub.intake.models import ContactChannel, ReporterType
from hub.vocab.selectors import unknown_codes

if TYPE_CHECKING:
    from hub.intake.services import ComplaintInput, MemberInput

COUNTRY_CODES = tuple(code for code, _label in DESTINATION_COUNTRIES)
MAX_ISSUE_TYPES = 12
# A worker may remember the year they left; nothing before this is a date of this complaint.
EARLIEST_DATE = date(1970, 1, 1)
# A group complaint: the other workers of one employer or agency, listed by the filer.
MAX_MEMBERS = 30
PHONE_PATTERN = r"^\+?[0-9 ()-]{6,30}$"  # the reporter's number has the same shape
MEMBER_LIMITS = {"name": 200, "contact_email": 254, "home_region": 100, "note": 500}
MEMBER_FIELD_LABELS = {
    "name": gettext_lazy("the name"),
    "contact_email": gettext_lazy("the e-mail address"),
    "home_region": gettext_lazy("the home region"),
    "note": gettext_lazy("the note"),
}


def language_codes() -> tuple[str, ...]:
    """The languages complaints are taken in: the network's interface languages."""
    return tuple(code for code, _label in settings.LANGUAGES)


def reply_language(code: str) -> str:
    """The language to write to a complaint's worker in: the one they filed in, if the network
    speaks it, else Indonesian."""
    return code if code in language_codes() else "id"


def complaint_input_errors(data: ComplaintInput) -> dict[str, list[str]]:
    """Field → messages for everything wrong with the input; empty when it can be filed."""
    errors: dict[str, list[str]] = {}
    if data.reporter_type not in ReporterType.values:
        errors["reporter_type"] = [_("Choose who is reporting.")]
    for name in ("reporter_name", "narrative"):
        if not getattr(data, name).strip():
            errors[name] = [_("This field is required.")]
    if data.country_of_work not in COUNTRY_CODES:
        errors["country_of_work"] = [
            _("Choose one of: %(options)s.") % {"options": ", ".join(COUNTRY_CODES)}
        ]
    if data.language not in language_codes():
        errors["language"] = [
            _("Choose one of: %(options)s.") % {"options": ", ".join(language_codes())}
        ]
    codes = list(dict.fromkeys(data.issue_types))
    if not codes:
        errors["issue_types"] = [_("This field is required.")]
    elif len(codes) > MAX_ISSUE_TYPES:
        errors["issue_types"] = [_("Choose at most %(count)s.") % {"count": MAX_ISSUE_TYPES}]
    elif unknown := unknown_codes(codes):
        errors["issue_types"] = [_("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if data.organisation is not None and not data.organisation.accepts_complaints:
        errors["organisation"] = [_("Choose another organisation.")]
    errors.update(_contact_errors(data))
    errors.update(_date_errors(data))
    if member_errors := _members_errors(data):
        errors["members"] = member_errors
    return errors


def contact_channel_of(data: ComplaintInput) -> str:
    """The channel chosen, or (an API client that did not say) the first address given."""
    if data.contact_channel:
        return data.contact_channel
    if data.contact_phone.strip():
        return ContactChannel.WHATSAPP
    return ContactChannel.EMAIL if data.contact_email.strip() else ContactChannel.NONE


def _contact_errors(data: ComplaintInput) -> dict[str, list[str]]:
    """The way to reach them needs its address; "do not contact me" needs nothing."""
    channel = contact_channel_of(data)
    if channel not in ContactChannel.values:
        return {"contact_channel": [_("Choose how we may reach you.")]}
    phone_missing = not data.contact_phone.strip()
    if channel in (ContactChannel.WHATSAPP, ContactChannel.PHONE) and phone_missing:
        return {"contact_phone": [_("Give the number, or choose another way to reach you.")]}
    if channel == ContactChannel.EMAIL and not data.contact_email.strip():
        return {"contact_email": [_("Give the e-mail address, or choose another way.")]}
    if (
        channel == ContactChannel.PARALEGAL
        and data.reporter_type == ReporterType.WORKER
        and not data.filer_name.strip()
    ):
        return {"filer_name": [_("Give the name of the paralegal or organisation to contact.")]}
    return {}


def _name_key(name: str) -> str:
    """Names compared as a person would: case and spacing do not make another worker."""
    return " ".join(name.split()).casefold()


def _member_problems(member: MemberInput) -> list[str]:
    name = member.name if isinstance(member.name, str) else ""
    problems = []
    if not name.strip():
        problems.append(_("the name is required."))
    for field, most in MEMBER_LIMITS.items():
        value = getattr(member, field)
        label = MEMBER_FIELD_LABELS[field]
        if not isinstance(value, str):
            problems.append(_("%(field)s must be text.") % {"field": label})
            continue
        if len(value) > most:
            problems.append(
                _("%(field)s is at most %(count)s characters.") % {"field": label, "count": most}
            )
        try:
            validate_plain_text(value)
        except ValidationError as exc:
            problems.append(" ".join(exc.messages))
    phone = member.contact_phone
    if not isinstance(phone, str) or (phone.strip() and not re.match(PHONE_PATTERN, phone)):
        problems.append(_("enter a phone number of digits, e.g. +62 812 3456 7890."))
    email = member.contact_email
    if isinstance(email, str) and email.strip():
        try:
            validate_email(email.strip())
        except ValidationError:
            problems.append(_("enter a valid e-mail address."))
    return problems


def _members_errors(data: ComplaintInput) -> list[str]:
    """One message per row that is wrong ("Row 2: the name is required."), rows counted from 1
    as the filer listed them; a name listed twice (or the worker's own) is refused."""
    members = tuple(data.members)
    if len(members) > MAX_MEMBERS:
        return [
            _("A group complaint lists at most %(count)s other workers; file another for the rest.")
            % {"count": MAX_MEMBERS}
        ]
    errors: list[str] = []
    seen = {_name_key(data.reporter_name)} if isinstance(data.reporter_name, str) else set()
    for row, member in enumerate(members, start=1):
        problems = _member_problems(member)
        key = _name_key(member.name) if isinstance(member.name, str) else ""
        if key and key in seen:
            problems.append(_("this name is already listed in the complaint."))
        seen.add(key)
        errors += [
            _("Row %(row)s: %(problem)s") % {"row": row, "problem": problem} for problem in problems
        ]
    return errors


def _date_errors(data: ComplaintInput) -> dict[str, list[str]]:
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    for name in ("happened_from", "happened_until"):
        value = getattr(data, name)
        if value is not None and value > today:
            errors[name] = [_("This date is in the future.")]
        elif value is not None and value < EARLIEST_DATE:
            errors[name] = [_("This date is too long ago; check the year.")]
    if (
        not errors
        and data.happened_from is not None
        and data.happened_until is not None
        and data.happened_until < data.happened_from
    ):
        errors["happened_until"] = [_("The end is before the start.")]
    return errors


def complaint_input_message(data: ComplaintInput, errors: dict[str, list[str]]) -> str:
    """The one-line message for people that goes with the field errors."""
    if list(errors) == ["organisation"]:
        return _("This organisation does not take complaints.")
    if list(errors) == ["members"]:
        return _("Check the list of the other workers of the group complaint.")
    unknown = unknown_codes(list(data.issue_types)) if list(errors) == ["issue_types"] else []
    if unknown:
        return _("Unknown issue type: %(codes)s.") % {"codes": ", ".join(unknown)}
    return _("Some fields are missing or invalid.")
