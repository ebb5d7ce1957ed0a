"""失業給付 (就業保險法 §§ 11, 25–30): the claim, its 再認定 appointments and 求職紀錄, and the
推介就業情形回覆卡 of each recommendation (§27), with the seeker's lawful refusal ground (§13)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES, Role
from jobdesk.common.models import ScopedModel

_SCOPE: dict[str, frozenset[str]] = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}
_USER = settings.AUTH_USER_MODEL


class ClaimStatus(models.TextChoices):
    REGISTERED = "registered", "已求職登記，14日內推介或安排職訓"
    CERTIFIED = "certified", "已失業認定，按月再認定"
    ENDED = "ended", "已結束"
    REFUSED = "refused", "不予受理（就業保險法第15條）"


class InitialAction(models.TextChoices):
    NONE = "", "尚未處理"
    RECOMMENDED = "recommended", "已推介就業"
    TRAINING = "training", "已安排職業訓練"


class EndReason(models.TextChoices):
    EMPLOYED = "employed", "再就業"
    EXHAUSTED = "exhausted", "給付期滿"
    STOPPED = "stopped", "停止發給（未再認定等）"
    TRAINING = "training", "參加職業訓練（改領職業訓練生活津貼）"
    WITHDRAWN = "withdrawn", "申請人撤回"


class BenefitClaim(ScopedModel):
    """A 失業給付 claim: 求職登記 + 失業認定 application at the public employment office."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    case = models.ForeignKey(
        "cases.Case", verbose_name="個案", on_delete=models.PROTECT, related_name="benefit_claims"
    )
    seeker = models.ForeignKey(
        "cases.JobSeeker", verbose_name="求職者", on_delete=models.PROTECT, related_name="+"
    )
    counsellor = models.ForeignKey(
        _USER, verbose_name="承辦人員", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "狀態", max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.REGISTERED
    )
    registered_at = models.DateTimeField("求職登記時間")
    registered_on = models.DateField("求職登記日（臺北日期）")
    separated_on = models.DateField("離職退保日")
    employer_name = models.CharField("原投保單位", max_length=120)
    separation_reason = models.CharField("非自願離職原因", max_length=200)
    avg_insured_salary = models.PositiveIntegerField("離職前六個月平均月投保薪資（元）")
    dependants = models.PositiveSmallIntegerField("扶養眷屬人數（加給）", default=0)
    extended_duration = models.BooleanField(
        "最長給付九個月（年滿45歲或領有身心障礙證明）", default=False
    )
    monthly_benefit = models.PositiveIntegerField("每月失業給付（元）")
    months_entitled = models.PositiveSmallIntegerField("最長給付月數")
    benefit_basis = models.TextField("給付計算依據", max_length=2000)
    initial_action = models.CharField(
        "14日內處理", max_length=12, choices=InitialAction.choices, blank=True
    )
    initial_action_on = models.DateField("處理日期", null=True, blank=True)
    initial_note = models.TextField("處理說明", max_length=2000, blank=True)
    certified_on = models.DateField("失業認定日", null=True, blank=True)
    ended_on = models.DateField("結束日", null=True, blank=True)
    end_reason = models.CharField("結束原因", max_length=12, choices=EndReason.choices, blank=True)
    end_note = models.TextField("結束說明", max_length=2000, blank=True)

    class Meta:
        verbose_name = "失業給付申請"
        verbose_name_plural = "失業給付申請"
        ordering = ["-registered_at"]
        indexes = [models.Index(fields=["office", "status"], name="claim_office_status")]

    def __str__(self) -> str:
        return f"失業給付申請 {self.registered_on}（{self.get_status_display()}）"

    @property
    def is_open(self) -> bool:
        return self.status in (ClaimStatus.REGISTERED, ClaimStatus.CERTIFIED)


class RecertStatus(models.TextChoices):
    SCHEDULED = "scheduled", "待再認定"
    CURING = "curing", "求職紀錄待補正"
    DONE = "done", "已再認定"
    STOPPED = "stopped", "未再認定，停止發給"


class Recertification(ScopedModel):
    """One monthly 失業再認定 appointment (§29) with its 求職紀錄 (§30)."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    claim = models.ForeignKey(
        BenefitClaim, verbose_name="失業給付申請", on_delete=models.CASCADE, related_name="recerts"
    )
    number = models.PositiveSmallIntegerField("第幾次再認定")
    due_on = models.DateField("再認定日")
    status = models.CharField(
        "狀態", max_length=10, choices=RecertStatus.choices, default=RecertStatus.SCHEDULED
    )
    attended_on = models.DateField("親自辦理日", null=True, blank=True)
    cure_due_on = models.DateField("補正期限", null=True, blank=True)
    completed_on = models.DateField("完成再認定日", null=True, blank=True)
    note = models.TextField("說明", max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "失業再認定"
        verbose_name_plural = "失業再認定"
        ordering = ["claim", "number"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "number"], name="recert_claim_number")
        ]

    def __str__(self) -> str:
        return f"第 {self.number} 次失業再認定（{self.due_on}）"


class SearchMethod(models.TextChoices):
    IN_PERSON = "in_person", "親自應徵"
    PHONE = "phone", "電話應徵"
    ONLINE = "online", "網路投遞"
    MAIL = "mail", "郵寄履歷"
    FAIR = "fair", "徵才活動"


class SearchResult(models.TextChoices):
    WAITING = "waiting", "等待通知"
    INTERVIEW = "interview", "已約面試"
    NOT_HIRED = "not_hired", "未錄取"
    NO_VACANCY = "no_vacancy", "已無職缺"
    DECLINED = "declined", "求職者未接受"


class JobSearchRecord(ScopedModel):
    """A 求職紀錄: the seeker's own job search, as the seeker reported it, entered by staff."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    recert = models.ForeignKey(
        Recertification,
        verbose_name="再認定",
        on_delete=models.CASCADE,
        related_name="search_records",
    )
    searched_on = models.DateField("求職日期")
    employer_name = models.CharField("求職單位名稱", max_length=120)
    employer_address = models.CharField("地址", max_length=200)
    employer_phone = models.CharField("電話", max_length=30)
    contact_person = models.CharField("聯絡人", max_length=60, blank=True)
    job_title = models.CharField("應徵職務", max_length=120, blank=True)
    method = models.CharField("求職方式", max_length=10, choices=SearchMethod.choices)
    result = models.CharField("結果", max_length=10, choices=SearchResult.choices)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "求職紀錄"
        verbose_name_plural = "求職紀錄"
        ordering = ["searched_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.searched_on} {self.employer_name}"


class ReplyResult(models.TextChoices):
    EMPLOYED = "employed", "錄取就業"
    NOT_HIRED = "not_hired", "未錄取"
    REFUSED_LAWFUL = "refused_lawful", "求職者不接受（有就業保險法第13條情事）"
    REFUSED = "refused", "求職者不接受（無法定正當理由）"


REPLY_ROLES = frozenset({Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER})


class ReplyCard(ScopedModel):
    """推介就業情形回覆卡 of one recommendation (就業保險法 §27; 就業促進津貼實施辦法 §9)."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": REPLY_ROLES,
        "change": REPLY_ROLES,
    }

    recommendation = models.OneToOneField(
        "matching.Recommendation",
        verbose_name="推介",
        on_delete=models.CASCADE,
        related_name="reply_card",
    )
    received_on = models.DateField("回覆卡送達日")
    result = models.CharField("推介結果", max_length=16, choices=ReplyResult.choices)
    refusal_ground = models.CharField("不接受之法定理由", max_length=40, blank=True)
    refusal_basis = models.CharField("法源", max_length=200, blank=True)
    facts = models.JSONField("查核事實", default=dict, blank=True)
    note = models.TextField("說明", max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "推介就業情形回覆卡"
        verbose_name_plural = "推介就業情形回覆卡"

    def __str__(self) -> str:
        return f"回覆卡 {self.received_on}（{self.get_result_display()}）"
