"""Statutory test data, made through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from jobdesk.statutory.services.benefit import register_claim


def make_claim(
    case: Any, actor: Any, registered_at: datetime.datetime | None = None, **overrides: Any
) -> Any:
    values: dict[str, Any] = {
        "separated_on": (
            timezone.localdate(registered_at) if registered_at else timezone.localdate()
        )
        - datetime.timedelta(days=10),
        "employer_name": "三重紙器股份有限公司",
        "separation_reason": "歇業（勞動基準法第11條第1款）",
        "avg_insured_salary": 40100,
        "dependants": 0,
    }
    values.update(overrides)
    return register_claim(case, actor=actor, registered_at=registered_at, **values)


def recommend(actor: Any, seeker: Any, vacancy: Any, *, print_card: bool = True) -> Any:
    from jobdesk.matching.services import recommend as do_recommend
    from jobdesk.matching.services import record_card_printed

    rec = do_recommend(actor=actor, seeker=seeker, vacancy=vacancy, consent=True)
    if print_card:
        rec = record_card_printed(rec, actor=actor)
    return rec


def search(recert: Any, actor: Any, day: datetime.date, name: str = "新北紙業有限公司") -> Any:
    from jobdesk.statutory.services.benefit import add_search_record

    return add_search_record(
        recert,
        actor=actor,
        searched_on=day,
        employer_name=name,
        employer_address="新北市三重區中正北路 100 號",
        employer_phone="02-2980-0000",
        contact_person="王小姐",
        job_title="包裝作業員",
        method="in_person",
        result="not_hired",
    )
