"""Administrators keep the referral resource directory (reference data, no personal data)."""

from django.contrib import admin

from jobdesk.audit.admin_site import AuditedModelAdmin, site
from jobdesk.referrals.models import ReferralResource


@admin.register(ReferralResource, site=site)
class ReferralResourceAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "provider", "counties", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "provider", "offers", "eligibility", "counties"]
