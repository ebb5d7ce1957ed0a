"""Who is calling: a bearer token (machines, scripts) or the browser session (with CSRF)."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions
from rest_framework.request import Request

from jobdesk.api import services


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer jdk_…``: the token's user, with the token as ``request.auth``."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _, raw = header.partition(" ")
        if scheme.lower() not in {"bearer", "token"}:
            return None
        token = services.find_token(raw)
        if token is None:
            raise exceptions.AuthenticationFailed("API 權杖無效、已撤銷或已過期。")
        services.record_use(token, method=request.method or "", path=request.path)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class SessionAuthentication(authentication.SessionAuthentication):
    """The signed-in browser (the UI's session; unsafe methods need the CSRF token)."""
