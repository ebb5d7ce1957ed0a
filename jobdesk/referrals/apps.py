from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "jobdesk.referrals"
    verbose_name = "轉介"

    def ready(self) -> None:
        from jobdesk.common import hooks
        from jobdesk.referrals.services import open_referral_warnings, stop_for_withdrawn_consent

        # privacy sits below referrals: it announces a withdrawal, referrals stop.
        hooks.register(hooks.CONSENT_WITHDRAWN, stop_for_withdrawn_consent)
        # cases sits below referrals: before a closure it asks what is still open here.
        hooks.register(hooks.CLOSURE_WARNINGS, open_referral_warnings)
