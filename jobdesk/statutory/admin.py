"""Administrators correct the statutory rules (dated reference data, no personal data)."""

from django.contrib import admin

from jobdesk.audit.admin_site import AuditedModelAdmin, site
from jobdesk.statutory.models import StatutoryRule


@admin.register(StatutoryRule, site=site)
class StatutoryRuleAdmin(AuditedModelAdmin):
    list_display = ["key", "effective_from", "effective_to", "status", "legal_basis"]
    list_filter = ["status"]
    search_fields = ["key", "legal_basis", "note"]
