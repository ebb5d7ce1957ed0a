"""Administrators keep the workload baseline (dated reference data, no personal data)."""

from django.contrib import admin

from jobdesk.audit.admin_site import AuditedModelAdmin, site
from jobdesk.reports.models import WorkloadBaseline


@admin.register(WorkloadBaseline, site=site)
class WorkloadBaselineAdmin(AuditedModelAdmin):
    list_display = ["measure", "monthly_per_staff", "valid_from", "source"]
    list_filter = ["measure"]
