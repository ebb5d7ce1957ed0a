from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "jobdesk.referrals"
    verbose_name = "轉介"
