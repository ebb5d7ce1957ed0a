"""Cases (個案) and what is recorded in them, one path through BHR3333-004v2 (T1.2 … T3.4).

Every record is a ``ScopedModel`` with the office of its case (copied by the services).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.cases.models.seekers import PayBasis
from jobdesk.common.models import ScopedModel

_CASE_SCOPE: dict[str, frozenset[str]] = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}
_USER = settings.AUTH_USER_MODEL


class CaseStatus(models.TextChoices):
    OPEN = "open", "開案"
    ASSESSING = "assessing", "需求評估"
    PLANNING = "planning", "就業計畫"
    ACTIVE = "active", "求職中"
    PLACED = "placed", "已就業"
    FOLLOW_UP = "follow_up", "就業追蹤"
    CLOSURE_REQUESTED = "closure_requested", "結案待核"
    CLOSED = "closed", "已結案"


# Cases on a caseload: every status but closed (the predicate of the caseload's partial indexes).
OPEN_CASES = ~models.Q(status=CaseStatus.CLOSED.value)
# The caseload's "status" sort: the order of the workflow, not of the codes.
STATUS_RANK = models.Case(
    *[
        models.When(status=value, then=models.Value(rank))
        for rank, value in enumerate(CaseStatus.values)
    ],
    output_field=models.SmallIntegerField(),
)


def _caseload_index(name: str, *parts: Any) -> models.Index:
    if all(isinstance(p, str) for p in parts):
        return models.Index(fields=list(parts), name=name, condition=OPEN_CASES)
    return models.Index(*parts, name=name, condition=OPEN_CASES)


class Case(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = _CASE_SCOPE

    seeker = models.ForeignKey(
        "cases.JobSeeker", verbose_name="求職者", on_delete=models.PROTECT, related_name="cases"
    )
    counsellor = models.ForeignKey(
        _USER, verbose_name="個案管理員", on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        "狀態", max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    lead = models.ForeignKey(
        "cases.Lead", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    opened_at = models.DateTimeField("開案時間")
    closed_at = models.DateTimeField("結案時間", null=True, blank=True)
    next_review_on = models.DateField("下次定期評估", null=True, blank=True)
    # The earliest of what is due (review, plan step, follow-up, the assessment of a new case):
    # derived, kept by jobdesk.cases.due.refresh_next_due, so that the caseload sorts and
    # filters by it in the database.
    next_due_on = models.DateField("下一個到期日", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "個案"
        verbose_name_plural = "個案"
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["counsellor", "status"]),
            models.Index(fields=["office", "opened_at"], name="case_office_opened"),  # reports
            # the drill-down of 新登記求職人數 lists a month's cases in (opened_at, id) order: an
            # index scan cut at 100 rows instead of a sort of the month (reports/indicators.py)
            models.Index(fields=["opened_at", "id"], name="case_opened_id"),
            # The caseload (jobdesk.cases.selectors.caseload_page): open cases only, one index per
            # sort for the office's view and one for a counsellor's own, so a page is read in order.
            _caseload_index("case_open_office", "office", "next_due_on"),
            _caseload_index("case_open_due", "next_due_on", "id"),
            _caseload_index("case_open_c_due", "counsellor", "next_due_on", "id"),
            _caseload_index("case_open_opened", "-opened_at", "-id"),
            _caseload_index("case_open_c_opened", "counsellor", "-opened_at", "-id"),
            _caseload_index("case_open_status", STATUS_RANK, models.F("opened_at").desc()),
            _caseload_index(
                "case_open_c_status", "counsellor", STATUS_RANK, models.F("opened_at").desc()
            ),
        ]

    def __str__(self) -> str:
        return f"個案 {self.seeker.name}（{self.get_status_display()}）"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseRecord(ScopedModel):
    """Base of everything recorded in a case."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _CASE_SCOPE

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True


class NeedsAssessment(CaseRecord):
    """O1.2.1 就業服務需求表 (P1.2.1–P1.2.5).

    Signed versions never change; an edit is a new version.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    number = models.PositiveSmallIntegerField("版次")
    interviewed_on = models.DateField("晤談日期")
    help_requested = models.TextField("需要協助項目（P1.2.1）")
    service_explained = models.TextField("已說明之服務內容與方式（P1.2.2）")
    skills_background = models.TextField("專長與技能（P1.2.3）", blank=True)
    economic_situation = models.TextField("經濟狀況（P1.2.3）", blank=True)
    work_situation = models.TextField("工作狀況（P1.2.3）", blank=True)
    personal_situation = models.TextField("遭遇狀況（P1.2.3）", blank=True)
    competency_vs_market = models.TextField("職能與就業市場需求評估（P1.2.4）")
    signed_at = models.DateTimeField("簽核時間", null=True, blank=True)
    signed_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "就業服務需求表"
        verbose_name_plural = "就業服務需求表"
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="cases_assessment_number")
        ]

    def __str__(self) -> str:
        return f"就業服務需求表 第{self.number}版"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class NeedsConfirmation(CaseRecord):
    """T1.3: agreed employment goal(s), training, job-search activities and resources."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="confirmation")
    employment_goals = models.TextField("就業目標（P1.3.1）")
    training_needed = models.TextField("所需訓練（P1.3.2）", blank=True)
    job_search_activities = models.TextField("求職活動（P1.3.2）", blank=True)
    resources_needed = models.TextField("所需資源（P1.3.2）", blank=True)
    confirmed_on = models.DateField("確認日期")

    class Meta:
        verbose_name = "就業服務需求確認"
        verbose_name_plural = "就業服務需求確認"

    def __str__(self) -> str:
        return "就業服務需求確認"


class EmploymentPlan(CaseRecord):
    """T2.1 就業計畫: where and what to look for, the strategy and dated steps."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    target_industries = models.ManyToManyField(
        "taxonomy.Industry", verbose_name="目標行業", blank=True, related_name="+"
    )
    target_occupations = models.ManyToManyField(
        "taxonomy.Occupation", verbose_name="目標職業", blank=True, related_name="+"
    )
    target_townships = models.ManyToManyField(
        "taxonomy.Township", verbose_name="目標地點", blank=True, related_name="+"
    )
    personal_constraints = models.TextField("個人狀況考量（P2.1.1）", blank=True)
    strategy = models.TextField("接觸求職市場的策略（P2.1.2）")
    agreed_on = models.DateField("訂定日期")

    class Meta:
        verbose_name = "就業計畫"
        verbose_name_plural = "就業計畫"

    def __str__(self) -> str:
        return "就業計畫"


class PlanStepStatus(models.TextChoices):
    TODO = "todo", "待辦"
    DONE = "done", "完成"
    DROPPED = "dropped", "取消"


class PlanStep(CaseRecord):
    plan = models.ForeignKey(EmploymentPlan, on_delete=models.CASCADE, related_name="steps")
    description = models.CharField("步驟", max_length=300)
    due_on = models.DateField("預定完成日")
    owner = models.CharField("負責人", max_length=60)
    status = models.CharField(
        "狀態", max_length=10, choices=PlanStepStatus.choices, default=PlanStepStatus.TODO
    )
    done_on = models.DateField("完成日", null=True, blank=True)

    class Meta:
        verbose_name = "計畫步驟"
        verbose_name_plural = "計畫步驟"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


SKILL_RATINGS = [(1, "1 待加強"), (2, "2"), (3, "3 尚可"), (4, "4"), (5, "5 良好")]


class SkillsAssessment(CaseRecord):
    """T2.2 (P2.2.1): the job seeker's job-search skills and resources."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="skills_assessment")
    resume = models.PositiveSmallIntegerField("履歷撰寫", choices=SKILL_RATINGS)
    interview = models.PositiveSmallIntegerField("面試技巧", choices=SKILL_RATINGS)
    channels = models.PositiveSmallIntegerField("求職管道運用", choices=SKILL_RATINGS)
    self_marketing = models.PositiveSmallIntegerField("自我行銷", choices=SKILL_RATINGS)
    networking = models.PositiveSmallIntegerField("人脈經營", choices=SKILL_RATINGS)
    areas_to_develop = models.TextField("可發展及改善範圍", blank=True)
    assessed_on = models.DateField("評估日期")

    class Meta:
        verbose_name = "求職技能評估"
        verbose_name_plural = "求職技能評估"

    def __str__(self) -> str:
        return "求職技能評估"


class DevelopmentActivity(CaseRecord):
    """T2.2 (P2.2.2): a formal or informal activity to improve job-search skills."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="development_activities")
    title = models.CharField("活動", max_length=200)
    formal = models.BooleanField("正式活動（課程、工作坊）", default=True)
    held_on = models.DateField("日期")
    attended = models.BooleanField("出席", default=False)
    notes = models.TextField("說明", blank=True)

    class Meta:
        verbose_name = "求職技能發展活動"
        verbose_name_plural = "求職技能發展活動"
        ordering = ["held_on"]

    def __str__(self) -> str:
        return self.title


class Review(CaseRecord):
    """T2.3 定期評估, with the competency development plan O2.3.1 (P2.3.1–P2.3.3)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField("評估日期")
    strategy_assessment = models.TextField("求職策略及職能評估（P2.3.1）")
    effectiveness = models.TextField("服務效益評估（P2.3.2）")
    assistance_adequate = models.BooleanField("目前協助適當", default=True)
    development_plan = models.TextField("職能發展計畫（P2.3.3）")
    agreed_with_seeker = models.BooleanField("已與求職者共同確認", default=False)
    next_review_on = models.DateField("下次評估日")

    class Meta:
        verbose_name = "定期評估"
        verbose_name_plural = "定期評估"
        ordering = ["-reviewed_on"]

    def __str__(self) -> str:
        return f"定期評估 {self.reviewed_on}"


class ActivityKind(models.TextChoices):
    INTERVIEW = "interview", "面談"
    PHONE = "phone", "電話"
    MESSAGE = "message", "訊息／電子郵件"
    HOME_VISIT = "home_visit", "家訪"
    GROUP = "group", "團體活動"
    OTHER = "other", "其他"


class Activity(CaseRecord):
    """服務紀錄: one contact, with the standard's task and indicators it performs."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField("方式", max_length=20, choices=ActivityKind.choices)
    task_code = models.CharField("工作任務", max_length=8)
    indicator_codes = models.JSONField("行為指標", default=list, blank=True)
    occurred_at = models.DateTimeField("時間")
    duration_minutes = models.PositiveSmallIntegerField("時間長度（分鐘）")
    notes = models.TextField("紀錄")

    class Meta:
        verbose_name = "服務紀錄"
        verbose_name_plural = "服務紀錄"
        ordering = ["-occurred_at"]
        indexes = [  # the reports' months (workload, practice)
            models.Index(fields=["office", "occurred_at"], name="activity_office_at"),
            models.Index(fields=["recorded_by", "occurred_at"], name="activity_who_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"


class Placement(CaseRecord):
    """A job found (推介或自行就業); starts the follow-up schedule."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placements")
    employer_label = models.CharField("雇主", max_length=200)
    vacancy_label = models.CharField("職缺", max_length=200)
    start_date = models.DateField("到職日")
    pay = models.PositiveIntegerField("薪資（元）")
    pay_basis = models.CharField("計薪方式", max_length=10, choices=PayBasis.choices)

    class Meta:
        verbose_name = "就業紀錄"
        verbose_name_plural = "就業紀錄"
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["office", "start_date"], name="placement_office_start")]

    def __str__(self) -> str:
        return f"{self.employer_label} {self.vacancy_label}"


class FollowUp(CaseRecord):
    """T3.4 就業追蹤 at a scheduled date after placement."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    months_after = models.PositiveSmallIntegerField("到職後月數")
    due_on = models.DateField("預定追蹤日")
    done_on = models.DateField("追蹤日", null=True, blank=True)
    still_employed = models.BooleanField("仍在職", null=True)
    pay = models.PositiveIntegerField("目前薪資（元）", null=True, blank=True)
    leaving_reason = models.CharField("離職原因", max_length=200, blank=True)
    notes = models.TextField("說明", blank=True)

    class Meta:
        verbose_name = "就業追蹤"
        verbose_name_plural = "就業追蹤"
        ordering = ["due_on"]
        indexes = [models.Index(fields=["office", "done_on"], name="followup_office_done")]

    def __str__(self) -> str:
        return f"到職後{self.months_after}個月追蹤"


class ClosureReason(models.TextChoices):
    PLACED_BY_REFERRAL = "placed_by_referral", "推介就業"
    SELF_EMPLOYED = "self_found", "自行就業"
    TRAINING = "training", "參加職訓"
    REFERRED = "referred", "轉介"
    LOST_CONTACT = "lost_contact", "失聯"
    NO_SERVICE_NEEDED = "no_service_needed", "不需服務"
    STUDY_OR_SERVICE = "study_or_service", "就學或服役"
    MOVED_AWAY = "moved_away", "遷出轄區"
    DECEASED = "deceased", "死亡"
    OTHER = "other", "其他"


class ClosureStatus(models.TextChoices):
    PENDING = "pending", "待督導核定"
    APPROVED = "approved", "已核定"
    REJECTED = "rejected", "退回"


class ClosureRecord(CaseRecord):
    """O3.4.1 結案紀錄 (P3.4.1). One per closure request; approved by a supervisor."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    reason = models.CharField("結案原因", max_length=30, choices=ClosureReason.choices)
    outcome = models.TextField("服務成效")
    improvement_strategy = models.TextField("改善策略")
    status = models.CharField(
        "核定狀態", max_length=10, choices=ClosureStatus.choices, default=ClosureStatus.PENDING
    )
    previous_status = models.CharField("申請前狀態", max_length=20, choices=CaseStatus.choices)
    decided_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("核定時間", null=True, blank=True)
    decision_comment = models.TextField("督導意見", blank=True)
    reopened_at = models.DateTimeField("重新開案時間", null=True, blank=True)
    reopen_reason = models.TextField("重新開案原因", blank=True)

    class Meta:
        verbose_name = "結案紀錄"
        verbose_name_plural = "結案紀錄"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"結案紀錄（{self.get_reason_display()}）"
