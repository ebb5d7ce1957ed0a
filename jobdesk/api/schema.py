"""OpenAPI extensions: the token scheme, and the error answers every operation may give."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "錯誤：`detail`（訊息），或欄位名稱對應訊息清單（`non_field_errors` 為整體）。",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ERRORS = {
    "400": "欄位驗證錯誤（繁體中文訊息，以欄位名稱為鍵）",
    "401": "未提供或無效的權杖",
    "403": "權杖範圍或角色不允許，或需說明調閱理由",
    "404": "不存在，或不在您的據點範圍內",
    "412": "版本已過期：資料已被他人修改",
    "428": "修改須提供 If-Match 或 version",
    "429": "超過此權杖的請求頻率限制",
}


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "jobdesk.api.authentication.TokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "系統管理者建立的 API 權杖（jdk_…），只顯示一次。",
        }


class SessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "jobdesk.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "已登入的瀏覽器工作階段；POST/PATCH 須附 X-CSRFToken。",
        }


def add_error_responses(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: the error body on every operation, so clients (and schemathesis)
    know each status the API may answer."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if path.startswith("/api/schema"):
                continue
            body = operation.get("requestBody", {}).get("content", {})
            for media in [m for m in body if m != "application/json"]:
                del body[media]  # form posts are accepted (browsers), JSON is the API's
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code in {"412", "428"} and method not in {"post", "patch", "put"}:
                    continue
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result
