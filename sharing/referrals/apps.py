"""App configuration for sharing.referrals."""

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "sharing.referrals"
    label = "referrals"
    verbose_name = "Referrals"
