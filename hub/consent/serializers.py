"""The consent choices as API input, shared by the complaint and case APIs."""

from rest_framework import serializers


class ConsentInput(serializers.Serializer):
    contact = serializers.BooleanField(required=True)
    share = serializers.BooleanField(required=True)
    refer = serializers.BooleanField(required=True)
    statistics = serializers.BooleanField(required=True)
