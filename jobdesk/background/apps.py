from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "jobdesk.background"
    label = "background"
    verbose_name = "背景工作"
    default_auto_field = "django.db.models.BigAutoField"
