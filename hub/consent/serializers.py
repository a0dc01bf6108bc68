"""The consent choices as API input, shared by the complaint and case APIs."""

from rest_framework import serializers


class ConsentInput(serializers.Serializer):
    contact = serializers.BooleanField(
        required=True, help_text="The organisation may contact the reporter."
    )
    share = serializers.BooleanField(
        required=True, help_text="The case may be shared with other member organisations."
    )
    refer = serializers.BooleanField(
        required=True, help_text="The case may be referred to government agencies."
    )
    statistics = serializers.BooleanField(
        required=True, help_text="The case may be counted, without identity, in statistics."
    )
