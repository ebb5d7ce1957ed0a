"""Administrators keep the retention setting and can reset a lost authenticator (no case data)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jobdesk.audit.admin_site import AuditedModelAdmin, site
from jobdesk.privacy.models import RetentionPolicy, RetentionRun, StaffOTPDevice


@admin.register(RetentionPolicy, site=site)
class RetentionPolicyAdmin(AuditedModelAdmin):
    list_display = ["months_after_closure", "action", "enabled", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not RetentionPolicy.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RetentionRun, site=site)
class RetentionRunAdmin(AuditedModelAdmin):
    list_display = ["started_at", "action", "seekers_processed", "seekers_on_hold", "rows_changed"]
    readonly_fields = [f.name for f in RetentionRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(StaffOTPDevice, site=site)
class StaffOTPDeviceAdmin(AuditedModelAdmin):
    """Deleting a device resets it (lost phone): the user enrols again at the next login."""

    list_display = ["user", "confirmed_at", "created_at"]
    fields = ["user", "confirmed_at", "created_at"]
    readonly_fields = ["user", "confirmed_at", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
