"""Scoped reads: every statutory deadline that is due, for the home panel, the case page, the
supervisor's overdue list and the daily reminders — computed from the rows and the dated rules.

The 推介就業情形回覆卡 clock is a selector over ``matching.Recommendation`` (matching is not
changed): the window runs from the recommendation's Taipei date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from jobdesk.accounts.roles import Role
from jobdesk.common.dates import local_date
from jobdesk.statutory import clocks
from jobdesk.statutory.models import (
    BenefitClaim,
    ClaimStatus,
    InitialAction,
    Recertification,
    RecertStatus,
    ReplyCard,
    ReplyResult,
    SubsidyApplication,
    SubsidyKind,
    SubsidyStatus,
)
from jobdesk.statutory.rules import rule
from jobdesk.statutory.services.benefit import claim_recommendations, reply_card_due, window

#: How far back open reply windows are looked for (a card later than this is long overdue).
REPLY_LOOKBACK_DAYS = 60


@dataclass
class Deadline:
    kind: str
    label: str
    due_on: datetime.date
    basis: str
    seeker: Any
    case: Any
    url: str
    today: datetime.date
    consequences: list[str] = field(default_factory=list)

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def state_label(self) -> str:
        if self.days_left < 0:
            return f"逾期 {-self.days_left} 日"
        if self.days_left == 0:
            return "今日到期"
        return f"尚餘 {self.days_left} 日"


def _claim_url(claim: BenefitClaim) -> str:
    return reverse("statutory:claim_detail", kwargs={"public_id": claim.public_id})


def claim_deadlines(claim: BenefitClaim, today: datetime.date) -> list[Deadline]:
    """The open clocks of one claim (§25 ¶2 window and 認定; §29/§30 再認定 and 補正)."""
    out: list[Deadline] = []
    base: dict[str, Any] = {
        "seeker": claim.seeker,
        "case": claim.case,
        "url": _claim_url(claim),
        "today": today,
    }
    if claim.status == ClaimStatus.REGISTERED:
        end, certify_on = window(claim)
        basis = rule("benefit.initial_window_days", claim.registered_on).basis
        if claim.initial_action == InitialAction.TRAINING:
            return out
        recs = claim_recommendations(claim)
        in_window = [r for r in recs if local_date(r.recommended_at) <= end]
        if not in_window and today <= end:
            out.append(Deadline("initial", "14日內推介就業或安排職業訓練", end, basis, **base))
        elif not in_window:
            out.append(
                Deadline("certify", "未能於14日內推介：應完成失業認定", certify_on, basis, **base)
            )
        else:
            due = max([certify_on, *(reply_card_due(r) for r in in_window)])
            out.append(Deadline("certify", "依推介結果辦理失業認定", due, basis, **base))
    elif claim.status == ClaimStatus.CERTIFIED:
        nxt = (
            Recertification.objects.filter(
                claim=claim, status__in=[RecertStatus.SCHEDULED, RecertStatus.CURING]
            )
            .order_by("number")
            .first()
        )
        if nxt is not None:
            url = reverse("statutory:recert_detail", kwargs={"public_id": nxt.public_id})
            base["url"] = url
            if nxt.status == RecertStatus.CURING and nxt.cure_due_on is not None:
                cure = rule("benefit.job_search_cure_days", nxt.due_on)
                out.append(
                    Deadline(
                        "cure",
                        f"第 {nxt.number} 次再認定：補正求職紀錄",
                        nxt.cure_due_on,
                        cure.basis,
                        **base,
                        consequences=["屆期未補正者，停止發給失業給付。"],
                    )
                )
            else:
                out.append(
                    Deadline(
                        "recert",
                        f"第 {nxt.number} 次失業再認定（須提供求職紀錄 "
                        f"{rule('benefit.min_job_search_records', nxt.due_on).value} 次以上）",
                        nxt.due_on,
                        rule("benefit.recert_interval_months", nxt.due_on).basis,
                        **base,
                        consequences=["未經再認定者，應停止發給失業給付（就業保險法第29條）。"],
                    )
                )
    return out


@dataclass
class ReplyWindow:
    recommendation: Any
    recommended_on: datetime.date
    due_on: datetime.date
    card: ReplyCard | None
    claimant: bool
    subsidised: bool
    basis: str
    today: datetime.date

    @property
    def late(self) -> bool:
        if self.card is not None:
            return self.card.received_on > self.due_on
        return self.today > self.due_on

    @property
    def state(self) -> clocks.ClockState:
        return clocks.state(self.due_on, self.today)

    @property
    def consequences(self) -> list[str]:
        """What the law attaches to a card not returned within the window."""
        out = []
        if self.claimant:
            out.append(
                "失業給付申請人：未於推介之日起七日內檢送回覆卡者，應停止辦理當次失業認定或"
                "再認定；已辦理認定者，應撤銷其認定（就業保險法第27條）。"
            )
        if self.subsidised:
            out.append(
                "已申領求職交通補助金：逾期未通知者，當年度不再發給（就業促進津貼實施辦法第9條）。"
            )
        if not out:
            out.append("此推介無法定效果；請追蹤推介結果並登錄回覆。")
        return out


def reply_window(rec: Any, today: datetime.date | None = None) -> ReplyWindow:
    from jobdesk.statutory.services.replies import open_claim_of

    day = today or timezone.localdate()
    recommended_on = local_date(rec.recommended_at)
    claimant = open_claim_of(rec.seeker_id, rec.recommended_at) is not None
    subsidised = (
        SubsidyApplication.objects.filter(recommendation=rec, kind=SubsidyKind.TRANSPORT)
        .exclude(status__in=[SubsidyStatus.REJECTED, SubsidyStatus.WITHDRAWN])
        .exists()
    )
    card = ReplyCard.objects.filter(recommendation=rec).first()
    key = "benefit.reply_card_days" if claimant or not subsidised else "transport.reply_days"
    return ReplyWindow(
        recommendation=rec,
        recommended_on=recommended_on,
        due_on=reply_card_due(rec),
        card=card,
        claimant=claimant,
        subsidised=subsidised,
        basis=rule(key, recommended_on).basis,
        today=day,
    )


def awaited_recommendations(user: Any, today: datetime.date, seeker: Any = None) -> Any:
    from jobdesk.matching.models import Recommendation

    since = timezone.now() - datetime.timedelta(days=REPLY_LOOKBACK_DAYS)
    qs = (
        Recommendation.objects.for_user(user)
        .filter(recommended_at__gte=since, reply_card__isnull=True)
        .select_related("seeker", "case", "vacancy")
    )
    if seeker is not None:
        qs = qs.filter(seeker=seeker)
    elif user.role == Role.COUNSELLOR:
        qs = qs.filter(Q(counsellor=user) | Q(case__counsellor=user))
    return qs.order_by("recommended_at")


def reply_deadlines(recs: Iterable[Any], today: datetime.date) -> list[Deadline]:
    out = []
    for rec in recs:
        w = reply_window(rec, today)
        out.append(
            Deadline(
                "reply",
                f"推介就業情形回覆卡：{rec.vacancy.title}",
                w.due_on,
                w.basis,
                rec.seeker,
                rec.case,
                reverse("statutory:reply_card", kwargs={"public_id": rec.public_id}),
                today,
                consequences=w.consequences,
            )
        )
    return out


def _claims(user: Any) -> Any:
    qs = (
        BenefitClaim.objects.for_user(user)
        .filter(status__in=[ClaimStatus.REGISTERED, ClaimStatus.CERTIFIED])
        .select_related("seeker", "case")
    )
    if user.role == Role.COUNSELLOR:
        qs = qs.filter(case__counsellor=user)
    return qs


def deadlines_for(
    user: Any, today: datetime.date | None = None, *, overdue_only: bool = False
) -> list[Deadline]:
    """Every open statutory deadline the user keeps: a counsellor's own cases and
    recommendations, a supervisor's whole office subtree. Sorted by due date."""
    day = today or timezone.localdate()
    out: list[Deadline] = []
    for claim in _claims(user):
        out.extend(claim_deadlines(claim, day))
    out.extend(reply_deadlines(awaited_recommendations(user, day), day))
    if overdue_only:
        out = [d for d in out if d.overdue]
    return sorted(out, key=lambda d: (d.due_on, d.label))


def case_deadlines(case: Any, user: Any, today: datetime.date | None = None) -> list[Deadline]:
    day = today or timezone.localdate()
    out: list[Deadline] = []
    for claim in BenefitClaim.objects.for_user(user).filter(
        case=case, status__in=[ClaimStatus.REGISTERED, ClaimStatus.CERTIFIED]
    ):
        out.extend(claim_deadlines(claim, day))
    out.extend(reply_deadlines(awaited_recommendations(user, day, seeker=case.seeker), day))
    return sorted(out, key=lambda d: (d.due_on, d.label))


def refused_without_ground(claim: BenefitClaim) -> list[ReplyCard]:
    return [
        r.reply_card
        for r in claim_recommendations(claim)
        if getattr(r, "reply_card", None) is not None and r.reply_card.result == ReplyResult.REFUSED
    ]
