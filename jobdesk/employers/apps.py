from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "jobdesk.employers"
    verbose_name = "雇主與職缺"
