from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from jobdesk.accounts.models import Office, User
from jobdesk.audit.admin_site import AuditedModelAdmin, site


@admin.register(Office, site=site)
class OfficeAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]
    autocomplete_fields = ["township"]


@admin.register(User, site=site)
class JobdeskUserAdmin(UserAdmin, AuditedModelAdmin):  # type: ignore[type-arg]
    list_display = ["username", "display_name", "office", "role", "is_active", "locked_until"]
    list_filter = ["role", "is_active", "office"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("基本資料", {"fields": ("display_name", "email", "office", "role")}),
        ("狀態", {"fields": ("is_active", "failed_login_count", "locked_until", "last_login")}),
    )
    add_fieldsets = (
        (
            None,
            {"fields": ("username", "display_name", "office", "role", "password1", "password2")},
        ),
    )
    readonly_fields = ["last_login"]
    actions = ["unlock"]

    def unlock(self, request: HttpRequest, queryset: Any) -> None:
        from jobdesk.accounts.current import acting_user
        from jobdesk.accounts.services import unlock_user

        for user in queryset:
            unlock_user(user, actor=acting_user(request))
        self.message_user(request, "已解除所選帳號的鎖定。")

    unlock.short_description = "解除鎖定"  # type: ignore[attr-defined]
