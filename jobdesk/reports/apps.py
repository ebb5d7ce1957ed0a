from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jobdesk.reports"
    verbose_name = "報表"
