"""Who a report is about: an office subtree, and optionally one counsellor.

Supervisors choose any office of their own subtree and any counsellor in it; counsellors see
their own figures only. Anything outside the reader's scope is a 404 (never a 403 that confirms
that an office or a person exists). Every reader's querysets go through ``for_user`` as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from jobdesk.accounts.models import Office, User
from jobdesk.accounts.roles import Role
from jobdesk.common.scoping import office_subtree

REPORT_ROLES = frozenset({Role.SUPERVISOR, Role.COUNSELLOR})


@dataclass(frozen=True)
class ReportScope:
    user: Any
    office: Office
    counsellor: User | None = None

    @property
    def offices(self) -> QuerySet[Office]:
        return office_subtree(self.office)

    def office_ids(self) -> Any:
        return self.offices.values("pk")

    def q(self, office_field: str = "office", counsellor_field: str | None = None) -> Q:
        """The rows of this scope: office in the subtree, and the counsellor when one is chosen."""
        where = Q(**{f"{office_field}__in": self.office_ids()})
        if self.counsellor is not None and counsellor_field is not None:
            where &= Q(**{counsellor_field: self.counsellor})
        return where

    @property
    def label(self) -> str:
        who = f" · {self.counsellor}" if self.counsellor is not None else ""
        return f"{self.office.name}{who}"

    def query(self) -> dict[str, str]:
        """The URL parameters that name this scope."""
        out = {"office": self.office.code}
        if self.counsellor is not None:
            out["counsellor"] = self.counsellor.username
        return out

    def counsellors(self) -> QuerySet[User]:
        """The counsellors of the subtree (the chosen one only, when one is chosen)."""
        if self.counsellor is not None:
            return User.objects.filter(pk=self.counsellor.pk).select_related("office")
        return (
            User.objects.filter(role=Role.COUNSELLOR, office__in=self.office_ids())
            .select_related("office")
            .order_by("office__path", "username")
        )


def require_report_reader(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or user.role not in REPORT_ROLES:
        raise PermissionDenied
    if user.office_id is None:
        raise PermissionDenied


def scope_for(user: Any, params: Any) -> ReportScope:
    """The scope named by ``params`` (``office`` code, ``counsellor`` username), checked."""
    require_report_reader(user)
    office_code = (params.get("office") or "").strip()
    username = (params.get("counsellor") or "").strip()
    if user.role == Role.COUNSELLOR:
        # a counsellor's own figures, at their own office
        if office_code not in ("", user.office.code) or username not in ("", user.username):
            raise Http404
        return ReportScope(user, user.office, user)
    office = user.office
    if office_code:
        office = Office.objects.filter(code=office_code).first()
        if office is None or not office.is_within(user.office):
            raise Http404
    counsellor = None
    if username:
        counsellor = User.objects.filter(username=username, role=Role.COUNSELLOR).first()
        if counsellor is None or counsellor.office is None:
            raise Http404
        if not counsellor.office.is_within(user.office):
            raise Http404
    return ReportScope(user, office, counsellor)
