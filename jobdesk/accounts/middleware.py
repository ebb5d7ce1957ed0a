"""Log a member of staff out after a period without activity."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


class SessionTimeoutMiddleware:
    SESSION_KEY = "jobdesk_last_seen"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(self.SESSION_KEY)
            limit = settings.JOBDESK_SESSION_IDLE_MINUTES * 60
            if last is not None and now - float(last) > limit:
                logout(request)
                messages.info(
                    request,
                    f"您已超過 {settings.JOBDESK_SESSION_IDLE_MINUTES} 分鐘未操作，"
                    "為保護個人資料已自動登出，請重新登入。",
                )
                return redirect(settings.LOGIN_URL)
            request.session[self.SESSION_KEY] = now
        return self.get_response(request)
