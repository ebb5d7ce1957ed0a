from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "jobdesk.demo"
    verbose_name = "示範資料"
