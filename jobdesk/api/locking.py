"""Optimistic locking over HTTP: ``ETag`` on reads, ``If-Match`` or ``version`` on writes."""

from __future__ import annotations

import re
from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from jobdesk.api.exceptions import PreconditionFailed, PreconditionRequired

_ETAG_RE = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')


def etag(obj: Any) -> str:
    return f'"{obj.version}"'


def with_etag(response: Response, obj: Any) -> Response:
    response["ETag"] = etag(obj)
    return response


def expected_version(request: Request, obj: Any) -> int:
    """The version the caller read: ``If-Match`` first, else ``version`` in the body.

    Neither → 428; one that is not the row's current version → 412 (the service checks again,
    atomically, and refuses a write that raced past this check).
    """
    header = request.headers.get("If-Match", "").strip()
    version: int | None = None
    if header:
        match = _ETAG_RE.match(header)
        if match is None:
            raise PreconditionFailed("If-Match 的版本格式不正確，請使用讀取時回傳的 ETag。")
        version = int(match.group(1))
    else:
        raw = request.data.get("version") if hasattr(request.data, "get") else None
        if raw is not None and str(raw).isdigit() and len(str(raw)) < 10:
            version = int(str(raw))
        elif raw is not None:
            raise PreconditionFailed("version 須為讀取時回傳的整數版本。")
    if version is None:
        raise PreconditionRequired()
    if version != obj.version:
        raise PreconditionFailed()
    return version
