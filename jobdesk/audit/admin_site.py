"""The administrators' console: Django's admin, open to the 系統管理者 role only.

Administrators keep reference data here (offices, accounts, taxonomies); case content is never
registered on this site. Every save and delete made here is written to the change log.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from jobdesk.audit.services import record_event, snapshot
from jobdesk.common.actors import Actor
from jobdesk.common.roles import Role


class JobdeskAdminSite(admin.AdminSite):
    site_header = "jobdesk 系統管理"
    site_title = "jobdesk 系統管理"
    index_title = "參考資料與帳號"

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(user.is_active and user.is_authenticated and user.role == Role.ADMINISTRATOR)


site = JobdeskAdminSite(name="jobdesk_admin")


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Administrator-only model admin whose saves and deletes are audited."""

    def _is_admin(self, request: HttpRequest) -> bool:
        return site.has_permission(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_admin(request)

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = None
            if change and obj.pk:
                old = type(obj)._default_manager.get(pk=obj.pk)
                before = snapshot(old)
            super().save_model(request, obj, form, change)
            event = "admin.changed" if change else "admin.created"
            record_event(
                f"{event}.{obj._meta.model_name}",
                actor=cast(Actor, request.user),  # the admin site lets only staff in
                subject=obj,
                office=getattr(request.user, "office", None),
                before=before,
                after=snapshot(obj),
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            record_event(
                f"admin.deleted.{obj._meta.model_name}",
                actor=cast(Actor, request.user),  # the admin site lets only staff in
                subject=obj,
                office=getattr(request.user, "office", None),
                before=snapshot(obj),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
