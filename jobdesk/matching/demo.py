"""Demo data of this app, loaded by `jobdesk load-demo` (idempotent).

A few recommendations in different states (推介, 面試, 錄取, 未錄取, 已報到), made through the
services from the best matches of the demo job seekers who have an open case.
"""

from __future__ import annotations

from typing import Any, TextIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

DEMO_NOTE = "（示範資料）"
PLAN = ("recommended", "interview", "hired", "not_hired", "started", "recommended")


def _officer_for(office: Any, fallback: Any) -> Any:
    from jobdesk.accounts.models import User
    from jobdesk.accounts.roles import Role

    officer = User.objects.filter(role=Role.EMPLOYER_OFFICER, office=office, is_active=True).first()
    return officer or fallback


def _advance(rec: Any, state: str, officer: Any, counsellor: Any) -> None:
    from jobdesk.matching import services

    today = timezone.localdate()
    if state in ("interview", "hired", "started", "not_hired"):
        rec = services.record_reply(
            rec,
            actor=officer,
            expected_version=rec.version,
            outcome="interview",
            interview_on=today,
        )
    if state == "not_hired":
        services.record_reply(
            rec, actor=officer, expected_version=rec.version, outcome="not_hired", reason="hours"
        )
        return
    if state in ("hired", "started"):
        rec = services.record_reply(
            rec, actor=officer, expected_version=rec.version, outcome="hired"
        )
    if state == "started":
        services.record_start(
            rec,
            actor=counsellor,
            expected_version=rec.version,
            start_date=today,
            pay=rec.vacancy.pay_min or rec.vacancy.pay_max or 30000,
            pay_basis="hourly" if rec.vacancy.pay_basis == "hourly" else "monthly",
        )


def load_demo(out: TextIO) -> None:
    """Create this app's demo rows if missing; write one zh-Hant summary line to ``out``."""
    from jobdesk.cases.models import Case, CaseStatus
    from jobdesk.matching import services
    from jobdesk.matching.models import Recommendation
    from jobdesk.matching.selectors import explain_pair, match_vacancies

    if Recommendation.objects.filter(note__endswith=DEMO_NOTE).exists():
        out.write("推介示範資料：已存在，未變更。\n")
        return
    cases = list(
        Case.objects.filter(status__in=[CaseStatus.ACTIVE, CaseStatus.PLANNING, CaseStatus.OPEN])
        .select_related("seeker", "counsellor", "office")
        .order_by("opened_at")[: len(PLAN)]
    )
    made = 0
    for state, case in zip(PLAN, cases, strict=False):
        counsellor = case.counsellor
        try:
            matches = match_vacancies(counsellor, case.seeker, k=3)
            if not matches:
                continue
            vacancy = matches[0].vacancy
            pair = explain_pair(case.seeker, vacancy)
            rec = services.recommend(
                actor=counsellor,
                seeker=case.seeker,
                vacancy=vacancy,
                consent=True,
                note=f"求職者已同意推介{DEMO_NOTE}",
                score=pair[0] if pair else None,
                explanation=pair[1] if pair else None,
            )
            _advance(rec, state, _officer_for(case.office, counsellor), counsellor)
            made += 1
        except (ValidationError, PermissionDenied) as exc:
            out.write(f"推介示範資料：略過一筆（{exc}）。\n")
    if made:
        out.write(f"推介示範資料：建立 {made} 筆推介（不同狀態）。\n")
    else:
        out.write("推介示範資料：略過（沒有可媒合的求職者個案或開放職缺）。\n")
