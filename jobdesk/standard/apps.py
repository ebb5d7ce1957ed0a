from django.apps import AppConfig


class StandardConfig(AppConfig):
    name = "jobdesk.standard"
    verbose_name = "職能基準 BHR3333-004v2"
