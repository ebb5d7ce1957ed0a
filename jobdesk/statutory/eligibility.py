"""Subsidy eligibility from the dated rules: each check with its result, facts and legal basis.

The only reader of ``TargetGroupRecord`` (就業服務法 §24 status): eligibility, never matching.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.utils import timezone

from jobdesk.common.dates import local_date
from jobdesk.statutory.models import (
    BenefitClaim,
    ClaimStatus,
    ReplyCard,
    ReplyResult,
    SubsidyApplication,
    SubsidyKind,
    SubsidyStatus,
    TargetGroupRecord,
)
from jobdesk.statutory.rules import rule, value

INVOLUNTARY = "involuntary_unemployed"


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    ok: bool
    detail: str
    basis: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def groups_of(seeker: Any, on: datetime.date) -> set[str]:
    """The seeker's verified 特定對象 on ``on`` (consent not withdrawn, proof valid), plus
    ``involuntary_unemployed`` while a 失業給付 claim (非自願離職) is registered."""
    found = {
        r.group_encrypted
        for r in TargetGroupRecord.objects.filter(
            seeker=seeker, withdrawn_at__isnull=True, verified_on__lte=on
        )
        if r.valid_until is None or r.valid_until >= on
    }
    if (
        BenefitClaim.objects.filter(seeker=seeker, registered_on__lte=on)
        .exclude(status=ClaimStatus.REFUSED)
        .exists()
    ):
        found.add(INVOLUNTARY)
    return found


def _person(seeker: Any, on: datetime.date) -> tuple[Check, set[str]]:
    allowed = rule("subsidy.eligible_groups", on)
    groups = groups_of(seeker, on)
    hit = groups & set(allowed.value)
    return (
        Check(
            "person",
            "申請人為非自願離職者或就業服務法第24條特定對象",
            bool(hit),
            f"已查驗 {len(hit)} 項身分" if hit else "無已查驗之特定對象身分或非自願離職紀錄",
            allowed.basis,
        ),
        groups,
    )


def _others(seeker: Any, kind: str, exclude_pk: int | None) -> Any:
    qs = SubsidyApplication.objects.filter(seeker=seeker, kind=kind)
    return qs.exclude(pk=exclude_pk) if exclude_pk else qs


def late_reply_this_year(seeker: Any, year: int, exclude_pk: int | None = None) -> bool:
    """就業促進津貼實施辦法 §9: a subsidised recommendation whose 回覆卡 came late or never."""
    from jobdesk.statutory.services.benefit import reply_card_due

    today = timezone.localdate()
    for app in (
        _others(seeker, SubsidyKind.TRANSPORT, exclude_pk)
        .filter(status=SubsidyStatus.APPROVED, applied_on__year=year)
        .select_related("recommendation")
    ):
        rec = app.recommendation
        if rec is None:
            continue
        due = reply_card_due(rec)
        card = ReplyCard.objects.filter(recommendation=rec).first()
        if (card is None and today > due) or (card is not None and card.received_on > due):
            return True
    return False


def transport_checks(
    seeker: Any,
    rec: Any,
    on: datetime.date,
    amount: int,
    special_reason: str,
    exclude_pk: int | None = None,
) -> list[Check]:
    from jobdesk.statutory.services.replies import commute_km

    person, groups = _person(seeker, on)
    checks = [person]
    card_ok = rec is not None and rec.seeker_id == seeker.pk and rec.card_printed_at is not None
    checks.append(
        Check(
            "card",
            "經諮詢並開立介紹卡推介就業",
            card_ok,
            (
                f"介紹卡 {local_date(rec.card_printed_at)}：{rec.vacancy.title}"
                if card_ok
                else "沒有已交付之介紹卡"
            ),
            rule("transport.distance_km", on).basis.split("：")[0] + "（第6條）",
        )
    )
    distance, special = rule("transport.distance_km", on), rule("transport.groups", on)
    km = commute_km(rec) if rec is not None else None
    by_distance = km is not None and km >= float(distance.value)
    by_group = bool(groups & set(special.value))
    checks.append(
        Check(
            "distance_or_group",
            f"推介地點距日常居住處所 {distance.value} 公里以上，"
            "或為低收入戶、中低收入戶、家庭暴力被害人",
            by_distance or by_group,
            (f"距離約 {km} 公里（鄉鎮市區中心點）" if km is not None else "無法計算距離")
            + ("；具第6條第2款身分" if by_group else ""),
            f"{distance.basis}；{special.basis}",
        )
    )
    times = rule("transport.times_per_year", on)
    used = (
        _others(seeker, SubsidyKind.TRANSPORT, exclude_pk)
        .filter(status=SubsidyStatus.APPROVED, applied_on__year=on.year)
        .count()
    )
    checks.append(
        Check(
            "times",
            f"本年度核發未滿 {times.value} 次",
            used < int(times.value),
            f"本年度已核發 {used} 次",
            times.basis,
        )
    )
    per_time, special_max = (
        rule("transport.amount_per_time", on),
        rule("transport.amount_special_max", on),
    )
    limit = int(special_max.value) if special_reason.strip() else int(per_time.value)
    checks.append(
        Check(
            "amount",
            "金額在每次上限內（情形特殊者核實發給）",
            0 < amount <= limit,
            f"申請 {amount:,} 元，上限 {limit:,} 元",
            f"{per_time.basis}；{special_max.basis}",
        )
    )
    reply = rule("transport.reply_days", on)
    checks.append(
        Check(
            "reply",
            "本年度無逾期未通知之推介就業情形回覆卡",
            not late_reply_this_year(seeker, on.year, exclude_pk),
            "",
            reply.basis,
        )
    )
    if rec is not None:
        dup = (
            _others(seeker, SubsidyKind.TRANSPORT, exclude_pk)
            .filter(recommendation=rec)
            .exclude(status__in=[SubsidyStatus.REJECTED, SubsidyStatus.WITHDRAWN])
            .exists()
        )
        checks.append(Check("once", "同一介紹卡僅申請一次", not dup, "已有申請" if dup else "", ""))
    return checks


def _months_used(seeker: Any, kind: str, since: datetime.date, exclude_pk: int | None) -> int:
    rows = _others(seeker, kind, exclude_pk).filter(
        status=SubsidyStatus.APPROVED, applied_on__gte=since
    )
    return sum(r.months or 0 for r in rows)


def first_registration(seeker: Any) -> datetime.date | None:
    claim = BenefitClaim.objects.filter(seeker=seeker).order_by("registered_at").first()
    dates = [claim.registered_on] if claim else []
    case = seeker.cases.order_by("opened_at").first()
    if case is not None:
        dates.append(local_date(case.opened_at))
    return min(dates) if dates else None


def temp_work_checks(
    seeker: Any, on: datetime.date, hours: int, months: int, amount: int, exclude_pk: int | None
) -> list[Check]:
    from jobdesk.statutory.clocks import add_days, add_months

    person, _ = _person(seeker, on)
    wait, hourly = rule("temp_work.wait_days", on), rule("wage.minimum_hourly", on)
    max_hours, max_months = (
        rule("temp_work.max_hours_per_month", on),
        rule("temp_work.max_months", on),
    )
    years = int(value("temp_work.window_years", on))
    registered = first_registration(seeker)
    waited = registered is not None and on > add_days(registered, int(wait.value))
    used = _months_used(seeker, SubsidyKind.TEMP_WORK, add_months(on, -12 * years), exclude_pk)
    monthly = int(hourly.value) * hours
    return [
        person,
        Check(
            "wait",
            f"求職登記 {wait.value} 日內未能推介就業",
            waited,
            f"求職登記 {registered}" if registered else "無求職登記",
            wait.basis,
        ),
        Check(
            "hours",
            f"每月工作時數不超過 {max_hours.value} 小時",
            0 < hours <= int(max_hours.value),
            f"每月 {hours} 小時",
            max_hours.basis,
        ),
        Check(
            "months",
            f"{years} 年內合併最長 {max_months.value} 個月",
            months > 0 and used + months <= int(max_months.value),
            f"已核 {used} 個月，申請 {months} 個月",
            max_months.basis,
        ),
        Check(
            "amount",
            "金額按每小時最低工資核給",
            0 < amount <= monthly * months,
            f"{hourly.value} 元 × {hours} 小時 × {months} 個月 ＝ {monthly * months:,} 元",
            hourly.basis,
        ),
    ]


def training_checks(
    seeker: Any,
    on: datetime.date,
    course_hours: int,
    months: int,
    amount: int,
    exclude_pk: int | None,
) -> list[Check]:
    person, groups = _person(seeker, on)
    min_hours = rule("training.min_hours_per_month", on)
    claim = (
        BenefitClaim.objects.filter(seeker=seeker)
        .exclude(status=ClaimStatus.REFUSED)
        .order_by("-registered_at")
        .first()
    )
    if claim is not None:
        rate = rule("training.insured_rate", on)
        monthly = round(claim.avg_insured_salary * float(rate.value))
        basis_text = f"平均月投保薪資 {claim.avg_insured_salary:,} 元 × {float(rate.value):.0%}"
        max_months = rule("benefit.max_months", on)
        basis = rate.basis
    else:
        rate = rule("training.rate_of_minimum_wage", on)
        wage = rule("wage.minimum_monthly", on)
        monthly = round(int(wage.value) * float(rate.value))
        basis_text = f"每月最低工資 {int(wage.value):,} 元 × {float(rate.value):.0%}"
        disabled = "disabled" in groups
        max_months = rule("training.max_months_disabled" if disabled else "training.max_months", on)
        basis = f"{rate.basis}；{wage.basis}"
    from jobdesk.statutory.clocks import add_months

    used = _months_used(seeker, SubsidyKind.TRAINING, add_months(on, -24), exclude_pk)
    return [
        person,
        Check(
            "full_time",
            f"全日制職業訓練（每月 {min_hours.value} 小時以上）",
            course_hours >= int(min_hours.value),
            f"每月 {course_hours} 小時",
            min_hours.basis,
        ),
        Check(
            "months",
            f"最長 {max_months.value} 個月",
            months > 0 and used + months <= int(max_months.value),
            f"已核 {used} 個月，申請 {months} 個月",
            max_months.basis,
        ),
        Check(
            "amount",
            "每月金額依法定標準",
            0 < amount <= monthly * months,
            f"{basis_text} ＝ {monthly:,} 元／月 × {months} 個月",
            basis,
        ),
        Check(
            "not_employed",
            "未經推介錄取就業",
            not ReplyCard.objects.filter(
                recommendation__seeker=seeker, result=ReplyResult.EMPLOYED, received_on__lte=on
            ).exists(),
            "",
            "",
        ),
    ]


def checks_for(app: SubsidyApplication) -> list[Check]:
    seeker, on, pk = app.seeker, app.applied_on, app.pk
    if app.kind == SubsidyKind.TRANSPORT:
        return transport_checks(
            seeker, app.recommendation, on, app.amount_requested, app.special_reason, pk
        )
    if app.kind == SubsidyKind.TEMP_WORK:
        return temp_work_checks(
            seeker, on, app.hours_per_month or 0, app.months or 0, app.amount_requested, pk
        )
    return training_checks(
        seeker, on, app.course_hours_per_month or 0, app.months or 0, app.amount_requested, pk
    )


def required_documents(kind: str, on: datetime.date) -> list[dict[str, str]]:
    return list(rule(f"{_doc_key(kind)}.documents", on).value)


def _doc_key(kind: str) -> str:
    return {"transport": "transport", "temp_work": "temp_work", "training": "training"}[kind]
