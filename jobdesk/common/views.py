from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobdesk.common.context_processors import visible_navigation
from jobdesk.common.navigation import AREA_BY_SLUG
from jobdesk.common.roles import Role
from jobdesk.standard.loader import read_standard


def _tasks_by_code() -> dict[str, dict[str, Any]]:
    return {task["code"]: task for duty in read_standard()["duties"] for task in duty["tasks"]}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(
        request,
        "common/home.html",
        {
            "areas": [a for a in visible_navigation(user) if a["entries"]],
            "is_admin": user.role == Role.ADMINISTRATOR,
            "is_auditor": user.role == Role.AUDITOR,
        },
    )


@login_required
def area(request: HttpRequest, slug: str) -> HttpResponse:
    found = AREA_BY_SLUG.get(slug)
    if found is None:
        raise Http404
    tasks = _tasks_by_code()
    entries = next(a for a in visible_navigation(request.user) if a["slug"] == slug)["entries"]
    return render(
        request,
        "common/area.html",
        {"area": found, "entries": entries, "tasks": [tasks[c] for c in found.tasks]},
    )


@login_required
def standard(request: HttpRequest) -> HttpResponse:
    return render(request, "common/standard.html", {"standard": read_standard()})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, for clients that ask before reading the page's ``<link rel=icon>``."""
    content = (Path(__file__).parent / "static" / "jobdesk" / "favicon.ico").read_bytes()
    response = HttpResponse(content, content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers (no personal data, no login)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
