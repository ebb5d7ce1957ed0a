from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "jobdesk.privacy"
    verbose_name = "個人資料保護"
