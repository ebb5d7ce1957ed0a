from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "jobdesk.common"
    verbose_name = "共用元件"
