from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jobdesk.audit"
    verbose_name = "稽核紀錄"
