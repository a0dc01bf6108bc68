"""Strict input text: a number where text belongs is a mistake, and control characters
(which no XML package or PDF can carry) are refused at the door, not at export time."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Everything XML 1.0 cannot hold (C0 controls except tab, newline and carriage return,
# surrogates, U+FFFE/U+FFFF), C1 controls, and the bidirectional embeddings, overrides and
# isolates that make a name or a narrative display differently from what it says.
_NOT_XML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def validate_plain_text(value: str) -> None:
    if isinstance(value, str) and _NOT_XML.search(value):
        raise ValidationError(
            _("Contains invisible control characters; please retype the text."), code="control"
        )


class Text(serializers.CharField):
    default_error_messages = {"not_text": _("Must be text, not a number, list or object.")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_plain_text)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)
