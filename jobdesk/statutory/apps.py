from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "jobdesk.statutory"
    verbose_name = "法定期限與津貼"
