from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jobdesk.api"
    label = "api"
    verbose_name = "應用程式介面（API）"

    def ready(self) -> None:
        from jobdesk.api import schema  # noqa: F401  (registers the OpenAPI extensions)
