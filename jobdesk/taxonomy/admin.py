from django.contrib import admin

from jobdesk.audit.admin_site import AuditedModelAdmin, site
from jobdesk.taxonomy.models import EducationLevel, Industry, Occupation, TargetGroup, Township


@admin.register(Occupation, site=site)
class OccupationAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Industry, site=site)
class IndustryAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Township, site=site)
class TownshipAdmin(AuditedModelAdmin):
    list_display = ["zip3", "full_name", "county", "latitude", "longitude"]
    list_filter = ["county"]
    search_fields = ["zip3", "full_name"]


@admin.register(EducationLevel, site=site)
class EducationLevelAdmin(AuditedModelAdmin):
    list_display = ["rank", "code", "name"]


@admin.register(TargetGroup, site=site)
class TargetGroupAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "legal_basis"]
