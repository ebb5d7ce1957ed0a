"""/api/v1/indicators/: the official indicators (統計指標) of an office, or a counsellor, for a
month — the reports' registry (jobdesk.reports.indicators), read as the report page reads it."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from jobdesk.api.serializers.reports import IndicatorReportOut
from jobdesk.api.views.base import ApiView
from jobdesk.reports import figures, freshness
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import REPORT_ROLES, scope_for

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month(text: str) -> Period:
    if not text:
        return Period.this_month()
    found = MONTH.match(text)
    if found and 2000 <= int(found[1]) <= 2100 and 1 <= int(found[2]) <= 12:
        return Period.month(int(found[1]), int(found[2]))
    raise ValidationError({"month": "月份請以 YYYY-MM 表示，例如 2026-11。"})


def _number(value: Any) -> float | int | None:
    return float(value) if isinstance(value, Decimal) else value


class IndicatorList(ApiView):
    area = "reports"
    read_roles = REPORT_ROLES
    write_roles = frozenset()
    serializer_class = IndicatorReportOut

    @extend_schema(
        summary="統計指標：據點（或本人）某月的官方指標，含定義與出處",
        parameters=[
            OpenApiParameter(
                "office", str, description="據點代碼（督導：本據點或下轄據點；預設本據點）"
            ),
            OpenApiParameter(
                "counsellor", str, description="就業服務員帳號（督導可選；就業服務員只能是本人）"
            ),
            OpenApiParameter("month", str, description="月份 YYYY-MM（預設本月）"),
        ],
        responses=IndicatorReportOut,
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        for name in ("office", "counsellor", "month"):
            if "\x00" in params.get(name, "") or len(params.get(name, "")) > 150:
                raise ValidationError({name: "參數不正確。"})
        period = _month(params.get("month", "").strip())
        scope = scope_for(request.user, params)  # outside the reader's scope: 404
        values, as_of = figures.month_values(scope, period)
        return Response(
            {
                "office": scope.office.code,
                "office_name": scope.office.name,
                "counsellor": scope.counsellor.username if scope.counsellor else None,
                "month": period.key,
                "start": period.start,
                "end": period.last,
                "figures_as_of": as_of,
                "figures_running": freshness.split(period, as_of)[1] is not None,
                "results": [
                    {
                        "key": v.indicator.key,
                        "name": v.indicator.name,
                        "section": v.indicator.section,
                        "definition": v.indicator.definition,
                        "source": v.indicator.source,
                        "confirmed": v.indicator.confirmed,
                        "caveat": v.indicator.caveat,
                        "unit": v.indicator.unit,
                        "kind": v.indicator.kind,
                        "applicable": v.applicable,
                        "value": _number(v.value),
                        "display": v.display,
                        "rows": v.rows,
                        "groups": [
                            {"code": c, "label": label, "count": n} for c, label, n in v.groups
                        ],
                    }
                    for v in values
                ],
            }
        )
