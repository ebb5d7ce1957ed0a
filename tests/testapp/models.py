"""A concrete case-bearing row, to test the ScopedModel mechanism on its own."""

from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.common.models import ScopedModel


class Note(ScopedModel):
    text = models.CharField(max_length=100)

    scope_roles = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}

    def __str__(self) -> str:
        return self.text
