"""Configure bare Django settings when the project's settings are not in use."""

import os

import django
from django.apps import apps
from django.conf import settings

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure()
if not apps.ready:
    django.setup()
