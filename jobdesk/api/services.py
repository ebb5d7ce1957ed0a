"""Issuing, revoking and using API tokens; creating service accounts. Atomic and audited."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.accounts.models import User
from jobdesk.accounts.roles import ADMIN_ROLES, Role
from jobdesk.api.models import ApiToken, ServiceAccount, TokenKind, TokenUse
from jobdesk.api.scopes import ALL_SCOPES
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.common.request_context import client_ip

TOKEN_PREFIX = "jdk_"  # noqa: S105  (the public marker of a token, not a secret)
TOKEN_RE = re.compile(r"^jdk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
MAX_DAYS = 366
#: Roles a service account may act in: the staff roles that have API areas.
SERVICE_ROLES = (Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER)
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{2,40}$")


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token: shown once, never stored


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _require_admin(actor: User) -> None:
    if getattr(actor, "role", None) not in ADMIN_ROLES:
        raise PermissionDenied("只有系統管理者可以建立或撤銷 API 權杖。")


@transaction.atomic
def create_service_account(
    *, actor: User, username: str, display_name: str, office: Any, role: str, description: str = ""
) -> ServiceAccount:
    """A user that is a system: bound to ``office`` and ``role``, no password (tokens only)."""
    _require_admin(actor)
    errors: dict[str, str] = {}
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        errors["username"] = "帳號名稱須為 3–41 個小寫英數字、底線或連字號，並以英數字開頭。"
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = "此帳號名稱已被使用。"
    if role not in SERVICE_ROLES:
        errors["role"] = "服務帳號的角色須為就業服務員、督導或雇主服務專員。"
    if office is None:
        errors["office"] = "請選擇服務帳號所屬的據點。"
    if len(description) > 300:
        errors["description"] = "用途說明最多 300 字。"
    if errors:
        raise ValidationError(errors)
    user = User(
        username=username,
        display_name=display_name.strip()[:60] or username,
        office=office,
        role=role,
    )
    user.set_unusable_password()
    user.save()
    account = ServiceAccount.objects.create(
        user=user, description=description.strip(), created_by=actor
    )
    record_event(
        Event.API_SERVICE_ACCOUNT_CREATED,
        actor=actor,
        subject=user,
        office=office,
        after={"username": username, "role": role, "office": office.code},
        label=f"服務帳號 {username}",
    )
    return account


@transaction.atomic
def issue_token(*, actor: User, user: Any, name: str, scopes: list[str], days: int) -> IssuedToken:
    """A new token acting as ``user`` (a person or a service account) with ``scopes``."""
    _require_admin(actor)
    errors: dict[str, str] = {}
    name = name.strip()
    if not name or len(name) > 100:
        errors["name"] = "請填寫權杖名稱（100 字以內），說明由誰、在哪個系統使用。"
    unknown = sorted(set(scopes) - set(ALL_SCOPES))
    if unknown:
        errors["scopes"] = "不認得的權限範圍：" + "、".join(unknown)
    elif not scopes:
        errors["scopes"] = "請至少選擇一項權限範圍。"
    if not 1 <= days <= MAX_DAYS:
        errors["days"] = f"有效天數須為 1 到 {MAX_DAYS} 天。"
    if user is None or not user.is_active:
        errors["user"] = "請選擇在職的帳號。"
    elif user.office_id is None or user.role in ADMIN_ROLES:
        errors["user"] = "權杖代表的帳號須隸屬據點，且不能是系統管理者。"
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(6)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    kind = TokenKind.SERVICE if hasattr(user, "service_account") else TokenKind.PERSONAL
    token = ApiToken.objects.create(
        name=name,
        kind=kind,
        user=user,
        prefix=prefix,
        digest=digest_of(raw),
        scopes=[s for s in ALL_SCOPES if s in set(scopes)],
        expires_at=timezone.now() + datetime.timedelta(days=days),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record_event(
        Event.API_TOKEN_ISSUED,
        actor=actor,
        subject=token,
        office=user.office,
        after={"user": user.username, "scopes": token.scopes, "expires_at": token.expires_at},
        label=f"API 權杖 {name}",
    )
    return IssuedToken(token, raw)


@transaction.atomic
def revoke_token(token: ApiToken, *, actor: User) -> ApiToken:
    _require_admin(actor)
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ValidationError("此權杖已撤銷。")
    locked.revoked_at, locked.revoked_by = timezone.now(), actor
    locked.save(update_fields=["revoked_at", "revoked_by"])
    record_event(
        Event.API_TOKEN_REVOKED,
        actor=actor,
        subject=locked,
        office=locked.user.office,
        label=f"API 權杖 {locked.name}",
    )
    return locked


def find_token(raw: str) -> ApiToken | None:
    """The usable token ``raw`` names, or None (unknown, wrong secret, revoked, expired)."""
    match = TOKEN_RE.match(raw.strip())
    if match is None:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__office")
        .filter(prefix=match.group(1))
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest_of(raw.strip())):
        return None
    if not token.is_usable or not token.user.is_active:
        return None
    return token


def record_use(token: ApiToken, *, method: str, path: str) -> None:
    """Every request made with a token: ``last_used_at`` and one TokenUse row."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    TokenUse.objects.create(
        token=token, method=method[:10], path=path[:300], ip_address=client_ip.get()
    )
