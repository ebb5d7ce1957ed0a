"""Roles and what each may do: the one place that says who sees what (see docs/ARCHITECTURE.md).

An app declares, on each scoped model, which roles may ``view`` and ``change`` its rows with the
sets below; ``ScopedQuerySet.for_user`` applies them together with the user's office subtree.
Roles are part of the foundation (``jobdesk.common``): every app may import them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("就業服務員／個案管理員")
    SUPERVISOR = "supervisor", _("督導")
    EMPLOYER_OFFICER = "employer_officer", _("雇主服務專員")
    ADMINISTRATOR = "administrator", _("系統管理者")
    AUDITOR = "auditor", _("稽核")


# Case content (job seekers, cases and everything recorded in them).
CASE_VIEW_ROLES = frozenset({Role.COUNSELLOR, Role.SUPERVISOR})
CASE_CHANGE_ROLES = frozenset({Role.COUNSELLOR, Role.SUPERVISOR})
# Employers and vacancies.
EMPLOYER_VIEW_ROLES = frozenset({Role.EMPLOYER_OFFICER, Role.SUPERVISOR, Role.COUNSELLOR})
EMPLOYER_CHANGE_ROLES = frozenset({Role.EMPLOYER_OFFICER, Role.SUPERVISOR})
# Staff who work with job seekers or employers (a seeker proposed for a vacancy: action "match").
STAFF_ROLES = frozenset({Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER})
# Logs: the auditor reads them; supervisors read their office's.
LOG_VIEW_ROLES = frozenset({Role.AUDITOR, Role.SUPERVISOR})
# Reference data (offices, accounts, taxonomies, resource directory, retention settings).
ADMIN_ROLES = frozenset({Role.ADMINISTRATOR})
