"""Staff forms: running the service a form asks for, and showing a refusal on the form."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages

from hub.core.errors import DomainError
from hub.core.fields import validate_plain_text


class PlainTextForm(forms.Form):
    """Every text field refuses invisible control characters and direction overrides, as the
    API's text fields do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(validate_plain_text)


def submit(request, form: forms.Form | None, work: Callable, done: str, invalid: str) -> bool:
    """Validate `form` (if any), call `work(**cleaned_data)`, and say what happened in a
    message: `done`, the service's refusal, or `invalid` when the form itself is wrong."""
    if form is not None and not form.is_valid():
        errors = [
            f"{form[k].label}: {' '.join(v)}" for k, v in form.errors.items() if k in form.fields
        ]
        messages.error(request, " ".join([invalid, *errors]))
        return False
    try:
        work(**(form.cleaned_data if form is not None else {}))
    except DomainError as exc:
        details = [m for msgs in exc.fields.values() for m in msgs if m != exc.message]
        messages.error(request, " ".join([exc.message, *details]))
        return False
    messages.success(request, done)
    return True


def form_refused(form: forms.Form, exc: DomainError) -> None:
    """Put the service's field messages next to the fields, the rest at the top."""
    form.add_error(None, exc.message)
    for name, said in exc.fields.items():
        field = name.split(".")[-1]
        if field in form.fields:
            for message in said:
                form.add_error(field, message)
