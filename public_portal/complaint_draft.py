"""The complaint form's steps and the answers carried between them: a signed blob in each
step's POST (no session, no cookie), so every answer survives a failed step and going back."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django import forms
from django.core import signing
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.intake.attachments import DRAFT_KEEP
from public_portal import forms as steps
from public_portal.forms import MEMBER_ROWS_MAX, MEMBER_ROWS_STEP

SALT = "portal.complaint-draft"


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    title: str
    form: type[steps.StepForm] | None  # None: the last step, checking every answer

    @property
    def template(self) -> str:
        return f"public_portal/complaint_step_{self.name}.html"


STEPS = (
    Step(1, "who", gettext_lazy("Who is reporting"), steps.WhoStep),
    Step(2, "contact", gettext_lazy("How to reach you"), steps.ContactStep),
    Step(3, "work", gettext_lazy("Where you work or worked"), steps.WorkStep),
    Step(4, "what", gettext_lazy("What happened"), steps.WhatStep),
    Step(5, "group", gettext_lazy("Other workers in the same situation"), steps.MembersStep),
    Step(6, "organisation", gettext_lazy("Who handles it"), steps.OrganisationStep),
    Step(7, "consent", gettext_lazy("Your consent"), steps.ConsentStep),
    Step(8, "check", gettext_lazy("Check your answers"), None),
)
WHAT = 4
GROUP = 5
CHECK = len(STEPS)
NOT_ANSWERS = ("website", "attachments")  # the honeypot, and files (stored at once instead)


class DraftUnreadable(Exception):
    """The carried answers were changed, cut short or are too old: nothing can be trusted."""


@dataclass
class Draft:
    token: str  # the submission token: one complaint per form, and the attachments' key
    answers: dict[str, list[str]] = field(default_factory=dict)
    rows: int = MEMBER_ROWS_STEP  # member rows shown at step 5
    checked: bool = False  # the worker has seen the check page: Next returns there

    @classmethod
    def new(cls) -> Draft:
        return cls(token=secrets.token_urlsafe(24))

    @classmethod
    def load(cls, blob: str) -> Draft:
        try:
            raw = signing.loads(blob, salt=SALT, max_age=DRAFT_KEEP)
        except signing.BadSignature as exc:  # SignatureExpired included
            raise DraftUnreadable(str(exc)) from None
        try:
            token, answers, rows, checked = raw["t"], raw["a"], raw["r"], raw["c"]
        except (KeyError, TypeError):
            raise DraftUnreadable("shape") from None
        valid = (
            isinstance(token, str)
            and steps.SUBMISSION_TOKEN.fullmatch(token)
            and isinstance(answers, dict)
            and all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(s, str) for s in v)
                for k, v in answers.items()
            )
            and isinstance(rows, int)
            and isinstance(checked, bool)
        )
        if not valid:
            raise DraftUnreadable("shape")
        return cls(token, answers, max(MEMBER_ROWS_STEP, min(rows, MEMBER_ROWS_MAX)), checked)

    def dumps(self) -> str:
        raw = {"t": self.token, "a": self.answers, "r": self.rows, "c": self.checked}
        return signing.dumps(raw, salt=SALT, compress=True)

    def keep(self, step: Step, posted: QueryDict) -> None:
        """The step's answers as posted, valid or not: nothing typed is lost."""
        for name in self.form(step).fields:
            if name not in NOT_ANSWERS:
                self.answers[name] = [v[:20000] for v in posted.getlist(name)]

    def data(self) -> QueryDict:
        data = QueryDict(mutable=True)
        for name, values in self.answers.items():
            data.setlist(name, values)
        return data

    def form(self, step: Step, *, bound: bool = False, files=None) -> forms.Form:
        """The step's form: bound to the answers (to check them), or showing them unchecked."""
        kwargs = {"rows": self.rows} if step.number == GROUP else {}
        if bound:
            return step.form(data=self.data(), files=files, **kwargs)
        form = step.form(**kwargs)
        for name, form_field in form.fields.items():
            if name in self.answers and name not in NOT_ANSWERS:
                values = self.answers[name]
                if isinstance(form_field, forms.MultipleChoiceField):
                    form.initial[name] = values
                elif isinstance(form_field, forms.BooleanField):
                    form.initial[name] = bool(values)
                else:
                    form.initial[name] = values[0] if values else ""
        return form


def step_of(number: object) -> Step:
    try:
        return STEPS[int(str(number)) - 1] if 1 <= int(str(number)) <= CHECK else _no_step()
    except ValueError:
        return _no_step()


def _no_step() -> Step:
    raise DraftUnreadable("step")


def step_with_field(name: str) -> Step:
    """The step that asks for `name` (the service's field names); the check page if none."""
    if name == "members" or name.startswith("members."):
        return STEPS[GROUP - 1]
    for step in STEPS[:-1]:
        if name in step.form.base_fields:
            return step
    return STEPS[-1]


def error_links(form: forms.Form) -> list[tuple[str, str]]:
    """(anchor, text) for the error summary: each links to the field's real input."""
    links = []
    for name, errors in form.errors.items():
        if name not in form.fields:
            continue
        bound = form[name]
        anchor = bound.id_for_label or f"{bound.auto_id}_0"  # radios: the first option
        label = str(bound.label).rstrip("?")
        row = getattr(form.fields[name], "row", None)
        if row:
            label = _("Worker %(number)s: %(label)s") % {"number": row, "label": label}
        links += [(anchor, f"{label}: {error}") for error in errors]
    return links


def summary(draft: Draft) -> list[tuple[Step, list[tuple[str, str]]]]:
    """Every step's answers as a person reads them (choice labels, dates), unchecked."""
    sections = []
    for step in STEPS[:-1]:
        if step.number == GROUP:
            continue
        form = step.form()
        shown = []
        for name, form_field in form.fields.items():
            if name in NOT_ANSWERS:
                continue
            shown.append((str(form_field.label), _shown(form_field, answered(draft, name))))
        sections.append((step, shown))
    return sections


def answered(draft: Draft, name: str) -> list[str]:
    return [v for v in draft.answers.get(name, []) if v.strip()]


def _shown(form_field: forms.Field, values: list[str]) -> str:
    if isinstance(form_field, forms.BooleanField):
        return _("Yes") if values else _("No")
    if isinstance(form_field, forms.ChoiceField):
        labels = dict(form_field.choices)
        return ", ".join(str(labels.get(v, v)) for v in values) or "-"
    if isinstance(form_field, forms.DateField) and values:
        try:
            return date_format(form_field.clean(values[0]), "j F Y")
        except forms.ValidationError:
            return values[0]
    return " ".join(values) or "-"


def member_rows(draft: Draft) -> list[str]:
    """The group's other workers as one line each, for the check page."""
    lines = []
    for row in range(draft.rows):
        parts = [
            value for name in steps.MEMBER_FIELDS for value in answered(draft, f"m{row}_{name}")[:1]
        ]
        if parts:
            lines.append(" · ".join(parts))
    return lines
