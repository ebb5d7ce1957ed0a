"""One exception handler: a service's Django errors become the API's JSON errors.

- ``ConcurrentEditError`` (a stale ``version``) → 412 with its zh-Hant message;
- Django ``ValidationError`` → 400 ``{"field": ["message", …]}``, ``__all__`` →
  ``non_field_errors`` (the service's field names are the API's field names);
- Django ``PermissionDenied`` → 403 with the service's message; ``Http404`` → 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from jobdesk.common.versioning import ConcurrentEditError


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "這筆資料已被其他人修改，您的變更未儲存。請重新讀取，確認最新內容後再修改。"
    default_code = "stale_version"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "請以 If-Match 標頭（讀取時的 ETag）或 version 欄位提供您讀取時的版本，以免覆寫他人的修改。"
    )
    default_code = "version_required"


class ReasonRequired(exceptions.PermissionDenied):
    default_detail = (
        "此求職者不在您承辦的個案中：請以 X-Access-Reason 標頭說明查閱理由（將記錄並通知督導）。"
    )
    default_code = "reason_required"


def _as_drf(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail: dict[str, list[str]] = {}
        for name, errors in exc.message_dict.items():
            detail["non_field_errors" if name == "__all__" else name] = list(errors)
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({"non_field_errors": list(exc.messages)})


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ConcurrentEditError):
        exc = PreconditionFailed(" ".join(exc.messages))
    elif isinstance(exc, DjangoValidationError):
        exc = _as_drf(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "您沒有權限執行此動作。")
    return exception_handler(exc, context)
