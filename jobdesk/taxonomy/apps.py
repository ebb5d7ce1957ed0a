from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "jobdesk.taxonomy"
    verbose_name = "分類代碼"
