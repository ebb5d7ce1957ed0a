"""失業給付: every change of state of a claim, its 再認定 and 求職紀錄 — atomic, validated, audited.

``register_claim`` (求職登記 + 失業認定 application, §25 ¶1), ``arrange_training`` (§25 ¶2),
``certify`` (失業認定, §25 ¶2, refused under §27 and §15), ``add_search_record`` and
``complete_recert`` (§29, §30), ``stop_recert`` (§29 ¶2), ``end_claim``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.accounts.roles import CASE_CHANGE_ROLES
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.cases.models import Case
from jobdesk.cases.transitions import CASE
from jobdesk.common.dates import local_date
from jobdesk.common.transitions import role_of
from jobdesk.common.versioning import lock_current, save_versioned
from jobdesk.statutory import clocks
from jobdesk.statutory.models import (
    BenefitClaim,
    ClaimStatus,
    EndReason,
    InitialAction,
    JobSearchRecord,
    Recertification,
    RecertStatus,
    ReplyResult,
    SearchMethod,
    SearchResult,
)
from jobdesk.statutory.rules import rule, value
from jobdesk.statutory.services.common import count_start_day, require_change
from jobdesk.statutory.transitions import CLAIM

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

MAX_SALARY = 500_000


def _require_casework(actor: User) -> None:
    if getattr(actor, "role", None) not in CASE_CHANGE_ROLES:
        raise PermissionDenied("失業給付業務限就業服務員或督導辦理。")


def benefit_amount(
    avg_insured_salary: int, dependants: int, extended: bool, on: datetime.date
) -> tuple[int, int, str]:
    """(monthly benefit, months, the basis as text) from the rules in force on ``on``."""
    rate, dep_rate = rule("benefit.rate", on), rule("benefit.dependant_rate", on)
    dep_max = int(value("benefit.dependant_max", on))
    counted = min(max(dependants, 0), dep_max)
    monthly = round(avg_insured_salary * (float(rate.value) + counted * float(dep_rate.value)))
    months_rule = rule("benefit.max_months_extended" if extended else "benefit.max_months", on)
    basis = (
        f"{avg_insured_salary:,} 元 × {float(rate.value):.0%}"
        + (f" ＋ 眷屬 {counted} 人 × {float(dep_rate.value):.0%}" if counted else "")
        + f" ＝ {monthly:,} 元／月，最長 {months_rule.value} 個月。"
        + f"依據：{rate.basis}；{dep_rate.basis if counted else ''}{months_rule.basis}"
    )
    return monthly, int(months_rule.value), basis


def window(claim: BenefitClaim) -> tuple[datetime.date, datetime.date]:
    """(the last of the 14 days, the day the 失業認定 is due) — §25 ¶2."""
    on = claim.registered_on
    days = int(value("benefit.initial_window_days", on))
    start_day = count_start_day(on)
    end = clocks.initial_window_end(on, days, count_start_day=start_day)
    certify = clocks.certification_day(
        on, days, int(value("benefit.certify_next_day", on)), count_start_day=start_day
    )
    return end, certify


@transaction.atomic
def register_claim(
    case: Case,
    *,
    actor: User,
    separated_on: datetime.date,
    employer_name: str,
    separation_reason: str,
    avg_insured_salary: int,
    dependants: int = 0,
    extended_duration: bool = False,
    registered_at: datetime.datetime | None = None,
) -> BenefitClaim:
    """求職登記 and the 失業認定 application (就業保險法 §25 ¶1)."""
    _require_casework(actor)
    require_change(case, actor, "您沒有權限處理這個個案。")
    CASE.require(case.status, "benefit", role_of(actor))
    now = timezone.now()
    registered_at = registered_at or now
    registered_on = local_date(registered_at)
    errors: dict[str, str] = {}
    if registered_at > now + datetime.timedelta(minutes=5):
        errors["registered_at"] = "求職登記時間不可晚於現在。"
    if separated_on > registered_on:
        errors["separated_on"] = "離職退保日不可晚於求職登記日。"
    else:
        years = rule("benefit.claim_within_years", registered_on)
        if registered_on > clocks.add_months(separated_on, 12 * int(years.value)):
            errors["separated_on"] = (
                f"離職退保已逾 {years.value} 年，不得申請失業給付（{years.basis}）。"
            )
    employer_name, separation_reason = employer_name.strip(), separation_reason.strip()
    if not employer_name:
        errors["employer_name"] = "請填寫原投保單位。"
    if not separation_reason:
        errors["separation_reason"] = "請填寫非自願離職原因（依離職證明文件）。"
    if not 1 <= avg_insured_salary <= MAX_SALARY:
        errors["avg_insured_salary"] = "平均月投保薪資不正確。"
    if not 0 <= dependants <= 20:
        errors["dependants"] = "扶養眷屬人數不正確。"
    if BenefitClaim.objects.filter(
        seeker=case.seeker, status__in=[ClaimStatus.REGISTERED, ClaimStatus.CERTIFIED]
    ).exists():
        errors["__all__"] = "這位求職者已有進行中的失業給付申請。"
    if errors:
        raise ValidationError(errors)
    monthly, months, basis = benefit_amount(
        avg_insured_salary, dependants, extended_duration, registered_on
    )
    claim: BenefitClaim = BenefitClaim.objects.create(
        office=case.office,
        case=case,
        seeker=case.seeker,
        counsellor=actor,
        registered_at=registered_at,
        registered_on=registered_on,
        separated_on=separated_on,
        employer_name=employer_name,
        separation_reason=separation_reason,
        avg_insured_salary=avg_insured_salary,
        dependants=dependants,
        extended_duration=extended_duration,
        monthly_benefit=monthly,
        months_entitled=months,
        benefit_basis=basis,
    )
    record_event(
        Event.STATUTORY_CLAIM_REGISTERED,
        actor=actor,
        subject=claim,
        after=snapshot(
            claim, ["registered_on", "separated_on", "monthly_benefit", "months_entitled"]
        ),
    )
    return claim


def _lock_claim(claim: BenefitClaim, actor: User, version: int | None) -> BenefitClaim:
    _require_casework(actor)
    require_change(claim, actor)
    return lock_current(claim, version)


@transaction.atomic
def arrange_training(
    claim: BenefitClaim, *, actor: User, expected_version: int, on: datetime.date, note: str
) -> BenefitClaim:
    """§25 ¶2: training arranged within the 14 days (the claimant then applies for the 職業訓練
    生活津貼, §28, instead of the 失業給付)."""
    locked = _lock_claim(claim, actor, expected_version)
    CLAIM.require(locked.status, "training")
    errors: dict[str, str] = {}
    if on < locked.registered_on or on > timezone.localdate():
        errors["on"] = "安排日期須在求職登記日與今天之間。"
    note = note.strip()
    if not note:
        errors["note"] = "請填寫安排之訓練課程。"
    if errors:
        raise ValidationError(errors)
    locked.initial_action, locked.initial_action_on, locked.initial_note = (
        InitialAction.TRAINING,
        on,
        note[:2000],
    )
    save_versioned(
        locked, expected_version, ["initial_action", "initial_action_on", "initial_note"]
    )
    record_event(
        Event.STATUTORY_TRAINING_ARRANGED,
        actor=actor,
        subject=locked,
        after=snapshot(locked, ["initial_action", "initial_action_on"]),
    )
    return locked


def claim_recommendations(claim: BenefitClaim, since: datetime.date | None = None) -> list[Any]:
    """The seeker's recommendations made during the claim (from its registration, or ``since``)."""
    from jobdesk.matching.models import Recommendation

    rows = Recommendation.objects.filter(
        seeker_id=claim.seeker_id, recommended_at__gte=claim.registered_at
    ).select_related("vacancy", "reply_card")
    start = since or claim.registered_on
    return [r for r in rows if local_date(r.recommended_at) >= start]


def reply_card_due(rec: Any) -> datetime.date:
    day = local_date(rec.recommended_at)
    return clocks.reply_due(
        day, int(value("benefit.reply_card_days", day)), count_start_day=count_start_day(day)
    )


def missing_reply_cards(
    claim: BenefitClaim, today: datetime.date, since: datetime.date | None = None
) -> list[Any]:
    """Recommendations of the period whose 回覆卡 was not returned within the 7 days (§27)."""
    late = []
    for rec in claim_recommendations(claim, since):
        card = getattr(rec, "reply_card", None)
        due = reply_card_due(rec)
        if (card is None and today > due) or (card is not None and card.received_on > due):
            late.append(rec)
    return late


def _section_27_block(
    claim: BenefitClaim, today: datetime.date, since: datetime.date | None
) -> None:
    late = missing_reply_cards(claim, today, since)
    if late:
        basis = rule("benefit.reply_card_days", today).basis
        names = "、".join(r.vacancy.title for r in late)
        raise ValidationError(
            f"推介（{names}）的就業與否回覆卡未於期限內檢送，應停止辦理當次失業認定或再認定"
            f"（{basis}）。",
            code="reply_card_missing",
        )


@transaction.atomic
def certify(
    claim: BenefitClaim,
    *,
    actor: User,
    expected_version: int,
    certified_on: datetime.date | None = None,
) -> BenefitClaim:
    """失業認定 (§25 ¶2) and the monthly 再認定 appointments (§29)."""
    locked = _lock_claim(claim, actor, expected_version)
    today = timezone.localdate()
    day = certified_on or today
    CLAIM.require(locked.status, "certify")
    if locked.initial_action == InitialAction.TRAINING:
        raise ValidationError(
            "已於14日內安排職業訓練，不辦理失業認定；請改申請職業訓練生活津貼（就業保險法第28條）。",
            code="training",
        )
    if day > today or day < locked.registered_on:
        raise ValidationError({"certified_on": "認定日須在求職登記日與今天之間。"})
    recs = claim_recommendations(locked)
    cards = [getattr(r, "reply_card", None) for r in recs]
    refused = [c for c in cards if c is not None and c.result == ReplyResult.REFUSED]
    if refused:
        raise ValidationError(
            "求職者無就業保險法第13條情事而不接受推介之工作，應拒絕受理失業給付之申請"
            "（就業保險法第15條）。",
            code="refused",
        )
    if any(c is not None and c.result == ReplyResult.EMPLOYED for c in cards):
        raise ValidationError("推介已錄取就業，不辦理失業認定；請結束申請（再就業）。")
    _, certify_day = window(locked)
    concluded = any(
        c is not None and c.result in (ReplyResult.NOT_HIRED, ReplyResult.REFUSED_LAWFUL)
        for c in cards
    )
    if day < certify_day and not concluded:
        basis = rule("benefit.initial_window_days", locked.registered_on).basis
        raise ValidationError(
            {
                "certified_on": f"求職登記後14日內仍應推介就業或安排職業訓練；最早 {certify_day} "
                f"辦理失業認定（{basis}）。"
            }
        )
    _section_27_block(locked, today, None)
    locked.status, locked.certified_on = ClaimStatus.CERTIFIED, day
    save_versioned(locked, expected_version, ["status", "certified_on"])
    interval = int(value("benefit.recert_interval_months", day))
    Recertification.objects.bulk_create(
        Recertification(
            office=locked.office,
            claim=locked,
            number=n,
            due_on=clocks.recert_due(day, n, interval),
        )
        for n in range(1, locked.months_entitled)
    )
    record_event(
        Event.STATUTORY_CLAIM_CERTIFIED,
        actor=actor,
        subject=locked,
        after=snapshot(locked, ["status", "certified_on"]),
    )
    return locked


def _lock_recert(recert: Recertification, actor: User, version: int | None) -> Recertification:
    _require_casework(actor)
    require_change(recert, actor)
    locked = lock_current(recert, version)
    if locked.status not in (RecertStatus.SCHEDULED, RecertStatus.CURING):
        raise ValidationError(f"此次再認定為「{locked.get_status_display()}」，無法再辦理。")
    return locked


def period_start(recert: Recertification) -> datetime.date:
    """The first day whose job searches count for this 再認定 (the day after the previous one)."""
    previous = (
        Recertification.objects.filter(claim_id=recert.claim_id, number=recert.number - 1)
        .values_list("completed_on", "due_on")
        .first()
    )
    if previous is None:
        certified = recert.claim.certified_on
        assert certified is not None
        return certified
    return previous[0] or previous[1]


@transaction.atomic
def add_search_record(
    recert: Recertification,
    *,
    actor: User,
    searched_on: datetime.date,
    employer_name: str,
    employer_address: str,
    employer_phone: str,
    contact_person: str = "",
    job_title: str = "",
    method: str,
    result: str,
) -> JobSearchRecord:
    """A 求職紀錄 the seeker reports for this 再認定 (§30), entered by staff."""
    locked = _lock_recert(recert, actor, None)
    errors: dict[str, str] = {}
    start = period_start(locked)
    if searched_on > timezone.localdate():
        errors["searched_on"] = "求職日期不可晚於今天。"
    elif searched_on < start:
        errors["searched_on"] = f"求職日期須在本次再認定期間內（{start} 以後）。"
    fields = {
        "employer_name": (employer_name, "求職單位名稱", 120),
        "employer_address": (employer_address, "地址", 200),
        "employer_phone": (employer_phone, "電話", 30),
    }
    for name, (text, label, limit) in fields.items():
        if not text.strip():
            errors[name] = f"請填寫{label}。"
        elif len(text) > limit:
            errors[name] = f"{label}最多 {limit} 字。"
    if method not in SearchMethod.values:
        errors["method"] = "請選擇求職方式。"
    if result not in SearchResult.values:
        errors["result"] = "請選擇求職結果。"
    if errors:
        raise ValidationError(errors)
    record: JobSearchRecord = JobSearchRecord.objects.create(
        office=locked.office,
        recert=locked,
        searched_on=searched_on,
        employer_name=employer_name.strip(),
        employer_address=employer_address.strip(),
        employer_phone=employer_phone.strip(),
        contact_person=contact_person.strip()[:60],
        job_title=job_title.strip()[:120],
        method=method,
        result=result,
        recorded_by=actor,
    )
    record_event(
        Event.STATUTORY_JOB_SEARCH_RECORDED,
        actor=actor,
        subject=locked,
        after=snapshot(record, ["searched_on", "employer_name", "method", "result"]),
        label=str(locked),
    )
    return record


@transaction.atomic
def complete_recert(
    recert: Recertification, *, actor: User, expected_version: int, attended_on: datetime.date
) -> Recertification:
    """失業再認定 (§29) with at least two 求職紀錄 (§30); fewer → 補正 within the cure days."""
    locked = _lock_recert(recert, actor, expected_version)
    claim = locked.claim
    if claim.status != ClaimStatus.CERTIFIED:
        raise ValidationError("失業給付申請不在給付期間，無法辦理再認定。", code="bad_status")
    earlier = Recertification.objects.filter(claim=claim, number__lt=locked.number).exclude(
        status=RecertStatus.DONE
    )
    if earlier.exists():
        raise ValidationError("請先完成前一次再認定。", code="order")
    today = timezone.localdate()
    start = period_start(locked)
    if attended_on > today or attended_on < start:
        raise ValidationError({"attended_on": f"辦理日須在 {start} 與今天之間。"})
    _section_27_block(claim, today, start)
    needed = rule("benefit.min_job_search_records", attended_on)
    have = locked.search_records.count()
    fields = ["status", "attended_on", "recorded_by"]
    locked.recorded_by = actor
    if locked.attended_on is None:
        locked.attended_on = attended_on
    if have >= int(needed.value):
        locked.status, locked.completed_on = RecertStatus.DONE, attended_on
        fields += ["completed_on"]
        event = Event.STATUTORY_RECERT_DONE
    elif locked.status == RecertStatus.SCHEDULED:
        cure = rule("benefit.job_search_cure_days", attended_on)
        locked.status = RecertStatus.CURING
        locked.cure_due_on = clocks.add_days(
            attended_on, int(cure.value), count_start_day=count_start_day(attended_on)
        )
        fields += ["cure_due_on"]
        event = Event.STATUTORY_RECERT_CURING
    else:
        raise ValidationError(
            f"求職紀錄 {have} 筆，仍不足 {needed.value} 筆（{needed.basis}）。", code="records"
        )
    save_versioned(locked, expected_version, fields)
    record_event(event, actor=actor, subject=locked, after=snapshot(locked, [*fields, "number"]))
    return locked


@transaction.atomic
def stop_recert(
    recert: Recertification, *, actor: User, expected_version: int, note: str
) -> Recertification:
    """No 再認定 (missed, or the 求職紀錄 not supplied in time): the benefit stops (§29 ¶2)."""
    locked = _lock_recert(recert, actor, expected_version)
    today = timezone.localdate()
    deadline = locked.cure_due_on or locked.due_on
    if today <= deadline:
        raise ValidationError(f"期限（{deadline}）未到，尚不能停止發給。", code="early")
    locked.status, locked.note, locked.recorded_by = (
        RecertStatus.STOPPED,
        note.strip()[:2000],
        actor,
    )
    save_versioned(locked, expected_version, ["status", "note", "recorded_by"])
    record_event(Event.STATUTORY_RECERT_STOPPED, actor=actor, subject=locked)
    claim = lock_current(locked.claim)
    _end(claim, actor=actor, reason=EndReason.STOPPED, note=f"{locked}未辦理：{note}", on=today)
    return locked


def _end(claim: BenefitClaim, *, actor: User, reason: str, note: str, on: datetime.date) -> None:
    claim.status = ClaimStatus.REFUSED if reason == "refused" else ClaimStatus.ENDED
    claim.ended_on, claim.end_reason, claim.end_note = (
        on,
        "" if reason == "refused" else reason,
        note,
    )
    save_versioned(claim, claim.version, ["status", "ended_on", "end_reason", "end_note"])
    Recertification.objects.filter(
        claim=claim, status=RecertStatus.SCHEDULED, search_records__isnull=True
    ).delete()
    record_event(
        Event.STATUTORY_CLAIM_ENDED,
        actor=actor,
        subject=claim,
        after=snapshot(claim, ["status", "ended_on", "end_reason"]),
    )


@transaction.atomic
def end_claim(
    claim: BenefitClaim,
    *,
    actor: User,
    expected_version: int,
    reason: str,
    note: str,
    ended_on: datetime.date | None = None,
) -> BenefitClaim:
    """The claim ends (再就業, 期滿, 撤回 …) or is refused (reason ``refused``, §15)."""
    locked = _lock_claim(claim, actor, expected_version)
    CLAIM.require(locked.status, "end")
    if reason not in [*EndReason.values, "refused"]:
        raise ValidationError({"reason": "請選擇結束原因。"})
    day = ended_on or timezone.localdate()
    if day > timezone.localdate() or day < locked.registered_on:
        raise ValidationError({"ended_on": "結束日須在求職登記日與今天之間。"})
    if reason == "refused" and not note.strip():
        raise ValidationError({"note": "不予受理時請記載理由。"})
    _end(locked, actor=actor, reason=reason, note=note.strip()[:2000], on=day)
    return locked
