"""Strict input fields: a number where text belongs is a mistake, not something to coerce."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class Text(serializers.CharField):
    default_error_messages = {"not_text": _("Must be text, not a number, list or object.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)
