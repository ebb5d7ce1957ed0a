from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jobdesk.accounts"
    verbose_name = "據點與帳號"
