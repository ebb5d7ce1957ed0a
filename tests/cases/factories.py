"""Data for cases tests, made through the services (never by writing rows directly)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from jobdesk.cases import services
from jobdesk.cases.models import Case, ClosureReason
from jobdesk.domain.identifiers import LETTER_VALUES
from jobdesk.taxonomy.models import Occupation, Township

_WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)


def national_id(n: int, letter: str = "N", second: int = 2) -> str:
    """A valid 身分證字號 built from a serial number (the check digit computed)."""
    body = f"{second}{n % 10**7:07d}"
    first = LETTER_VALUES[letter]
    digits = [first // 10, first % 10] + [int(c) for c in body]
    total = sum(w * d for w, d in zip(_WEIGHTS[:10], digits, strict=True))
    check = (10 - total % 10) % 10
    return f"{letter}{body}{check}"


def seeker_data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "王小明",
        "birth_date": datetime.date(1980, 5, 1),
        "phone": "0912345678",
        "township": Township.objects.get(full_name="新北市三重區"),
        "desired_occupations": list(Occupation.objects.filter(code__in=["4110", "9330"])),
        "desired_townships": [Township.objects.get(full_name="新北市三重區")],
        "pay_basis": "monthly",
        "expected_pay_min": 30000,
        "shifts": ["day"],
        "skills": "Excel、倉儲管理",
    }
    return data | extra


_serial = iter(range(1, 10**6))


def make_seeker(actor: Any, n: int | None = None, **extra: Any) -> Any:
    return services.register_seeker(
        actor=actor,
        office=actor.office,
        national_id=national_id(n if n is not None else next(_serial)),
        data=seeker_data(**extra),
        sensitive={"economic_situation": "家中主要收入來源", "disability": "", "health": ""},
    )


def make_case(actor: Any, **extra: Any) -> Case:
    return services.open_case(make_seeker(actor, **extra), actor=actor)


ASSESSMENT = {
    "help_requested": "希望找到倉儲相關工作",
    "service_explained": "說明就業諮詢、推介與職訓資源",
    "skills_background": "堆高機證照",
    "economic_situation": "失業三個月",
    "work_situation": "前職物流理貨員五年",
    "personal_situation": "需照顧家人，僅能日班",
    "competency_vs_market": "三重區倉儲職缺多，薪資 30,000–36,000",
}


def assessed(actor: Any, case: Case | None = None) -> Case:
    case = case or make_case(actor)
    a = services.record_needs_assessment(
        case, actor=actor, data=ASSESSMENT | {"interviewed_on": timezone.localdate()}
    )
    services.sign_needs_assessment(a, actor=actor)
    case.refresh_from_db()
    return case


def confirmed(actor: Any, case: Case | None = None) -> Case:
    case = assessed(actor, case)
    services.confirm_needs(
        case,
        actor=actor,
        data={"employment_goals": "三個月內找到倉儲理貨工作", "confirmed_on": timezone.localdate()},
    )
    case.refresh_from_db()
    return case


def planned(actor: Any, case: Case | None = None) -> Case:
    case = confirmed(actor, case)
    services.save_plan(
        case,
        actor=actor,
        data={
            "target_occupations": list(Occupation.objects.filter(code="9330")),
            "target_townships": [Township.objects.get(full_name="新北市三重區")],
            "strategy": "每週投遞 5 份履歷，參加徵才活動",
            "agreed_on": timezone.localdate(),
        },
    )
    case.refresh_from_db()
    return case


def placed(actor: Any, case: Case | None = None) -> Case:
    return place(actor, planned(actor, case))


def place(actor: Any, case: Case, follow_up_months: Iterable[int] | None = None) -> Case:
    """A planned ``case`` placed in a job, with follow-ups after ``follow_up_months`` (the
    service's default when ``None``)."""
    extra = {} if follow_up_months is None else {"follow_up_months": follow_up_months}
    services.place_case(
        case,
        actor=actor,
        vacancy_label="理貨員",
        employer_label="大同物流股份有限公司",
        start_date=timezone.localdate(),
        pay=32000,
        pay_basis="monthly",
        **extra,
    )
    case.refresh_from_db()
    return case


def closure_requested(actor: Any, case: Case | None = None) -> Any:
    case = planned(actor, case)
    return services.request_closure(
        case,
        actor=actor,
        reason=ClosureReason.SELF_EMPLOYED,
        outcome="已自行就業",
        improvement_strategy="提早提供職缺資訊",
    )
