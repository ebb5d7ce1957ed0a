"""Roles live in the foundation (``jobdesk.common.roles``); this name stays for existing imports."""

from jobdesk.common.roles import (
    ADMIN_ROLES,
    CASE_CHANGE_ROLES,
    CASE_VIEW_ROLES,
    EMPLOYER_CHANGE_ROLES,
    EMPLOYER_VIEW_ROLES,
    LOG_VIEW_ROLES,
    STAFF_ROLES,
    Role,
)

__all__ = [
    "ADMIN_ROLES",
    "CASE_CHANGE_ROLES",
    "CASE_VIEW_ROLES",
    "EMPLOYER_CHANGE_ROLES",
    "EMPLOYER_VIEW_ROLES",
    "LOG_VIEW_ROLES",
    "STAFF_ROLES",
    "Role",
]
