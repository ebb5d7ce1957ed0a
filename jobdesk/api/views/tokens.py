"""The administrator's screens for API tokens: list, create (shown once), revoke."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import ADMIN_ROLES
from jobdesk.api import services
from jobdesk.api.forms import TokenForm
from jobdesk.api.models import ApiToken
from jobdesk.common.forms import attach_service_errors


def _require_admin(user: Any) -> None:
    if user.role not in ADMIN_ROLES:
        raise PermissionDenied


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    qs = ApiToken.objects.select_related("user", "user__office", "created_by")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "api/token_list.html", {"page": page, "query": ""})


@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with transaction.atomic():
                user = d["user"]
                if d["holder"] == TokenForm.FOR_SERVICE:
                    user = services.create_service_account(
                        actor=acting_user(request),
                        username=d["username"],
                        display_name=d["display_name"],
                        office=d["office"],
                        role=d["role"],
                        description=d["description"],
                    ).user
                issued = services.issue_token(
                    actor=acting_user(request),
                    user=user,
                    name=d["name"],
                    scopes=d["scopes"],
                    days=d["days"],
                )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            # Shown once: the page is not cached and the secret is never stored.
            response = render(
                request, "api/token_created.html", {"token": issued.token, "secret": issued.secret}
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "api/token_form.html", {"form": form, "title": "建立 API 權杖"})


@login_required
@require_POST
def token_revoke(request: HttpRequest, public_id: str) -> HttpResponse:
    _require_admin(request.user)
    token = get_object_or_404(ApiToken, public_id=public_id)
    try:
        services.revoke_token(token, actor=acting_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"已撤銷權杖「{token.name}」。")
    return redirect("api_tokens:token_list")
