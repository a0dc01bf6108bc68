"""App configuration for sharing.referrals."""

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "sharing.referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from sharing.referrals import handlers, notices

        subscribe("consent.withdrawn", handlers.referrals_after_consent_withdrawn)
        subscribe("referral.", notices.notify_referrals)
