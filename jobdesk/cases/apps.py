from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "jobdesk.cases"
    verbose_name = "求職者與個案"
