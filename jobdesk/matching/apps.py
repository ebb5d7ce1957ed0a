from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "jobdesk.matching"
    verbose_name = "媒合與推介"
