"""Refusing NUL at the edge: no request parameter may carry a NUL character.

PostgreSQL cannot store or compare text holding NUL (``A string literal cannot contain NUL``):
a query string such as ``?q=%00`` reached a ``LIKE`` and answered HTTP 500. Forms already refuse
NUL per field (Django's ``ProhibitNullCharactersValidator``); this middleware covers every view,
including those that read ``request.GET`` directly, with one zh-Hant answer (HTTP 400). Uploaded
files are not inspected here: the import readers strip control characters from every cell.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

MESSAGE = "送出的內容含有不允許的控制字元（NUL，\\0），無法處理。請刪除該字元後再送出一次。"


def carries_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    for data in (request.GET, request.POST if request.method == "POST" else None):
        if data is None:
            continue
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if carries_nul(request):
            response = TemplateResponse(
                request, "common/bad_input.html", {"message": MESSAGE}, status=400
            )
            return response.render()
        return self.get_response(request)
