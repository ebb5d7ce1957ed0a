"""推介就業情形回覆卡: the reply of one recommendation (就業保險法 §27; 就業促進津貼實施辦法 §9),
with the seeker's refusal ground checked against 就業保險法 §13 and the facts it rests on."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.common.dates import local_date
from jobdesk.statutory.models import REPLY_ROLES, BenefitClaim, ClaimStatus, ReplyCard, ReplyResult
from jobdesk.statutory.rules import rule
from jobdesk.statutory.services.benefit import reply_card_due
from jobdesk.statutory.services.common import require_change

if TYPE_CHECKING:
    from jobdesk.accounts.models import User


def open_claim_of(seeker_id: int, on: datetime.datetime) -> BenefitClaim | None:
    """The seeker's claim in progress when a recommendation was made."""
    return (
        BenefitClaim.objects.filter(
            seeker_id=seeker_id,
            registered_at__lte=on,
            status__in=[ClaimStatus.REGISTERED, ClaimStatus.CERTIFIED],
        )
        .order_by("-registered_at")
        .first()
    )


def commute_km(rec: Any) -> float | None:
    from jobdesk.taxonomy.places import distance_km

    home, work = rec.seeker.township, rec.vacancy.township
    if home is None or work is None:
        return None
    return round(distance_km(home, work), 1)


def offered_monthly_pay(rec: Any) -> int | None:
    vacancy = rec.vacancy
    if vacancy.pay_basis != "monthly":
        return None
    pay = vacancy.pay_max or vacancy.pay_min
    return int(pay) if pay is not None else None


def grounds(on: datetime.date) -> list[dict[str, str]]:
    return list(rule("benefit.refusal_grounds", on).value)


def _check_ground(
    rec: Any,
    ground: str,
    day: datetime.date,
    *,
    offered_wage: int | None,
    measured_km: float | None,
    note: str,
) -> tuple[str, dict[str, Any]]:
    """(the ground's legal basis, the facts) — or a ValidationError when the facts contradict it."""
    listed = {g["code"]: g for g in grounds(day)}
    if ground not in listed:
        raise ValidationError({"refusal_ground": "請選擇就業保險法第13條所列之情事。"})
    claim = open_claim_of(rec.seeker_id, rec.recommended_at)
    if claim is None:
        raise ValidationError(
            {
                "result": "求職者推介時沒有進行中的失業給付申請，不適用就業保險法第13條；"
                "請登錄「求職者不接受（無法定正當理由）」並於說明記載理由。"
            }
        )
    facts: dict[str, Any] = {"monthly_benefit": claim.monthly_benefit}
    if ground == "pay_below_benefit":
        wage = offered_wage if offered_wage is not None else offered_monthly_pay(rec)
        if wage is None:
            raise ValidationError({"offered_wage": "職缺非月薪制，請填寫雇主提供之月工資。"})
        facts |= {"offered_wage": wage, "wage_source": "回覆卡" if offered_wage else "職缺"}
        if wage >= claim.monthly_benefit:
            raise ValidationError(
                {
                    "refusal_ground": f"工資 {wage:,} 元不低於每月失業給付 "
                    f"{claim.monthly_benefit:,} 元，不符{listed[ground]['basis']}。"
                }
            )
    elif ground == "distance":
        limit = float(rule("benefit.refusal_distance_km", day).value)
        km = measured_km if measured_km is not None else commute_km(rec)
        if km is None:
            raise ValidationError({"measured_km": "無法計算距離，請填寫實測距離（公里）。"})
        facts |= {"km": km, "km_source": "實測" if measured_km is not None else "鄉鎮市區中心點"}
        if km < limit:
            raise ValidationError(
                {
                    "refusal_ground": f"工作地點距離約 {km} 公里，未達 {limit:g} 公里，"
                    f"不符{listed[ground]['basis']}。"
                }
            )
    elif not note.strip():
        raise ValidationError({"note": "此款情事系統無法自動查核，請於說明記載事實。"})
    return listed[ground]["basis"], facts


@transaction.atomic
def record_reply_card(
    rec: Any,
    *,
    actor: User,
    received_on: datetime.date,
    result: str,
    refusal_ground: str = "",
    offered_wage: int | None = None,
    measured_km: float | None = None,
    note: str = "",
) -> ReplyCard:
    """The 回覆卡 was returned: its date (the 7-day clock) and what became of the recommendation."""
    from jobdesk.matching.models import Recommendation

    if getattr(actor, "role", None) not in REPLY_ROLES:
        raise PermissionDenied("您沒有權限登錄回覆卡。")
    require_change(rec, actor, "您沒有權限處理這筆推介。")
    rec = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("seeker__township", "vacancy__township")
        .get(pk=rec.pk)
    )
    if ReplyCard.objects.filter(recommendation=rec).exists():
        raise ValidationError("這筆推介的回覆卡已登錄。", code="duplicate")
    errors: dict[str, str] = {}
    start = local_date(rec.recommended_at)
    if received_on < start or received_on > timezone.localdate():
        errors["received_on"] = f"送達日須在推介日（{start}）與今天之間。"
    if result not in ReplyResult.values:
        errors["result"] = "請選擇推介結果。"
    if len(note) > 2000:
        errors["note"] = "說明最多 2000 字。"
    if result == ReplyResult.REFUSED and not note.strip():
        errors["note"] = "求職者不接受推介時，請記載其理由。"
    if result != ReplyResult.REFUSED_LAWFUL and refusal_ground:
        errors["refusal_ground"] = "只有「有第13條情事」時才選擇法定理由。"
    if errors:
        raise ValidationError(errors)
    basis, facts = "", dict[str, Any]()
    if result == ReplyResult.REFUSED_LAWFUL:
        basis, facts = _check_ground(
            rec,
            refusal_ground,
            received_on,
            offered_wage=offered_wage,
            measured_km=measured_km,
            note=note,
        )
    due = reply_card_due(rec)
    facts["due_on"] = due.isoformat()
    facts["late"] = received_on > due
    card: ReplyCard = ReplyCard.objects.create(
        office=rec.office,
        recommendation=rec,
        received_on=received_on,
        result=result,
        refusal_ground=refusal_ground if result == ReplyResult.REFUSED_LAWFUL else "",
        refusal_basis=basis,
        facts=facts,
        note=note.strip(),
        recorded_by=actor,
    )
    record_event(
        Event.STATUTORY_REPLY_CARD,
        actor=actor,
        subject=card,
        after=snapshot(card, ["received_on", "result", "refusal_ground", "facts"]),
        label=f"回覆卡：{rec.vacancy.title}",
    )
    return card
