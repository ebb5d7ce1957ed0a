"""Demo data of this app, loaded by `jobdesk load-demo` (idempotent).

About 40 Faker (zh_TW) job seekers in NB-SC and CT-TC (and NB-KL when it has a counsellor), with
valid generated national IDs, desired occupations from the taxonomy and townships near their office;
cases at every stage (assessed, planned with steps and activities, reviewed, one placed with
follow-ups, one awaiting closure approval, one closed), and an outreach event with leads per office.
Everything is made through the services, so the audit log tells the same story.
"""

from __future__ import annotations

import datetime
import random
from typing import Any, TextIO

from django.utils import timezone

from jobdesk.accounts.models import Office, User
from jobdesk.accounts.roles import Role
from jobdesk.cases import services
from jobdesk.cases.models import ClosureReason, EmploymentPlan, FollowUp, JobSeeker
from jobdesk.domain.identifiers import LETTER_VALUES
from jobdesk.taxonomy.models import EducationLevel, Occupation, TargetGroup, Township

# (office code, counsellor usernames, how many seekers)
PLAN = [
    ("NB-SC", ["counsellor", "counsellor2"], 24),
    ("NB-KL", [], 6),
    ("CT-TC", ["tc_counsellor"], 16),
]
OCCUPATIONS = ["5220", "5120", "9330", "4110", "4311", "5320", "7223", "9112", "7411", "4222"]
SKILLS = [
    "Excel",
    "堆高機",
    "收銀",
    "客服",
    "烹飪",
    "駕駛",
    "電腦文書",
    "清潔",
    "照顧服務",
    "倉儲管理",
]
LICENCES = [
    "堆高機操作技術士",
    "照顧服務員單一級",
    "職業大貨車駕照",
    "丙級中餐烹調",
    "電腦軟體應用乙級",
]
_WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1)


def generate_national_id(rng: random.Random) -> str:
    """A random 身分證字號 with a correct check digit."""
    letter = rng.choice("ABCDEFGHJKLMNPQRSTUVXYWZIO")
    body = f"{rng.choice('12')}{rng.randrange(10**7):07d}"
    first = LETTER_VALUES[letter]
    digits = [first // 10, first % 10] + [int(c) for c in body]
    total = sum(w * d for w, d in zip(_WEIGHTS, digits, strict=True))
    return f"{letter}{body}{(10 - total % 10) % 10}"


def _seeker(rng: random.Random, fake: Any, actor: User, office: Office) -> JobSeeker:
    county = office.township.county if office.township else "新北市"
    near = list(Township.objects.filter(county=county))
    occupations = list(Occupation.objects.filter(code__in=rng.sample(OCCUPATIONS, 2)))
    today = timezone.localdate()
    birth = today - datetime.timedelta(days=rng.randint(18 * 365, 63 * 365))
    groups = []
    if (today - birth).days > 45 * 365:
        groups = list(TargetGroup.objects.filter(code="middle_aged_elderly"))
    hourly = rng.random() < 0.25
    for _ in range(5):  # a generated ID may, rarely, already exist
        national_id = generate_national_id(rng)
        if not JobSeeker.objects.filter(
            national_id_hash=services.seekers.national_id_hash(national_id)
        ).exists():
            break
    return services.register_seeker(
        actor=actor,
        office=office,
        national_id=national_id,
        data={
            "name": fake.name(),
            "birth_date": birth,
            "phone": fake.phone_number(),
            "address": fake.street_address(),
            "township": rng.choice(near),
            "education": rng.choice(list(EducationLevel.objects.filter(rank__gte=2))),
            "experience_years": rng.randint(0, 25),
            "work_history": f"{fake.company()} {rng.randint(1, 8)} 年",
            "skills": "、".join(rng.sample(SKILLS, 2)),
            "licences": rng.choice(LICENCES) if rng.random() < 0.5 else "",
            "desired_occupations": occupations,
            "desired_townships": rng.sample(near, min(2, len(near))),
            "max_commute_km": rng.choice([5, 10, 15, 20]),
            "pay_basis": "hourly" if hourly else "monthly",
            "expected_pay_min": rng.choice([190, 200, 220])
            if hourly
            else rng.choice([28000, 30000, 33000, 36000]),
            "shifts": rng.sample(["day", "evening", "rotating", "part_time"], 2),
            "available_from": today + datetime.timedelta(days=rng.randint(0, 30)),
            "target_groups": groups,
        },
        sensitive={
            "economic_situation": rng.choice(["", "失業給付中", "家中主要經濟來源"]),
            "disability": "",
            "health": "",
        },
    )


def _advance(
    case: Any, stage: int, actor: User, supervisor: User | None, rng: random.Random
) -> None:
    """Walk a case through the standard up to ``stage`` (0 open … 7 closed)."""
    today = timezone.localdate()
    if stage >= 1:
        a = services.record_needs_assessment(
            case,
            actor=actor,
            data={
                "interviewed_on": today,
                "help_requested": "希望找到穩定的全職工作",
                "service_explained": "說明求職登記、推介就業、職業訓練與就業促進津貼",
                "skills_background": case.seeker.skills,
                "economic_situation": "目前無收入，靠積蓄生活",
                "work_situation": case.seeker.work_history,
                "personal_situation": "可配合日班",
                "competency_vs_market": "目標職類在轄區內職缺充足，薪資符合期待",
            },
        )
        if stage >= 2:
            services.sign_needs_assessment(a, actor=actor)
    if stage >= 3:
        services.confirm_needs(
            case,
            actor=actor,
            data={
                "employment_goals": "三個月內找到目標職類的全職工作",
                "job_search_activities": "每週投遞履歷 5 份",
                "confirmed_on": today,
            },
        )
    if stage >= 4:
        plan = services.save_plan(
            case,
            actor=actor,
            data={
                "target_occupations": list(case.seeker.desired_occupations.all()),
                "target_townships": list(case.seeker.desired_townships.all()),
                "personal_constraints": "需日班，通勤 30 分鐘內",
                "strategy": "更新履歷、參加就業博覽會、每週一次電話追蹤",
                "agreed_on": today,
            },
        )
        for days, text in ((-3, "更新履歷"), (7, "參加就業博覽會"), (14, "完成 3 次面試")):
            step = services.add_plan_step(
                plan,
                actor=actor,
                description=text,
                owner="求職者",
                due_on=today + datetime.timedelta(days=max(days, 0)),
            )
            if days < 0:
                services.set_plan_step_status(
                    step, actor=actor, status="done", expected_version=step.version
                )
        services.record_activity(
            case,
            actor=actor,
            kind="interview",
            task_code="T2.1",
            indicator_codes=["P2.1.1", "P2.1.2"],
            occurred_at=timezone.now(),
            duration_minutes=45,
            notes="與求職者討論就業計畫",
        )
        services.record_activity(
            case,
            actor=actor,
            kind="phone",
            task_code="T3.1",
            indicator_codes=["P3.1.1"],
            occurred_at=timezone.now(),
            duration_minutes=10,
            notes="提供目標職類職缺資訊",
        )
        case.refresh_from_db()
    if stage >= 5:
        services.record_review(
            case,
            actor=actor,
            data={
                "reviewed_on": today,
                "strategy_assessment": "履歷已更新，投遞 6 份",
                "effectiveness": "獲 2 次面試邀約",
                "assistance_adequate": True,
                "development_plan": "參加面試技巧工作坊",
                "agreed_with_seeker": True,
            },
        )
        case.refresh_from_db()
    if stage == 6:
        services.place_case(
            case,
            actor=actor,
            vacancy_label="理貨員",
            employer_label="大同物流股份有限公司",
            start_date=today,
            pay=32000,
            pay_basis="monthly",
        )
        first = FollowUp.objects.filter(case=case).order_by("due_on").first()
        if first is not None:
            # the demo's placement starts today: its first follow-up is recorded early, on purpose
            services.record_follow_up(
                first, actor=actor, done_on=today, still_employed=True, pay=32000, confirmed=True
            )
    if stage >= 7:
        closure = services.request_closure(
            case,
            actor=actor,
            reason=ClosureReason.SELF_EMPLOYED,
            outcome="求職者自行找到工作，已穩定就業",
            improvement_strategy="及早提供職缺資訊",
        )
        if stage >= 8 and supervisor is not None:
            services.approve_closure(closure, actor=supervisor, comment="同意結案")


# stage per seeker index: 0 open, 1 assessing, 2 signed, 3 confirmed, 4 planned, 5 reviewed,
# 6 placed with a follow-up, 7 closure requested, 8 closed; None = registered only
STAGES = [None, 0, 1, 2, 3, 4, 4, 5, 5, 6, 7, 8]


def load_demo(out: TextIO) -> None:
    """Create this app's demo rows if missing; write one zh-Hant summary line to ``out``."""
    from faker import Faker

    fake = Faker("zh_TW")
    rng = random.Random(3333)  # noqa: S311  (reproducible demo data, not secrets)
    Faker.seed(3333)
    made = 0
    for code, usernames, count in PLAN:
        office = Office.objects.filter(code=code).first()
        if office is None or JobSeeker.objects.filter(office=office).exists():
            continue
        counsellors = list(User.objects.filter(username__in=usernames)) or list(
            User.objects.filter(role=Role.COUNSELLOR, office=office)
        )
        if not counsellors:
            continue
        supervisor = User.objects.filter(role=Role.SUPERVISOR, office=office).first()
        event = services.create_outreach_event(
            actor=counsellors[0],
            office=office,
            title=f"{office.name}就業博覽會",
            kind="job_fair",
            place=f"{office.name}大廳",
            held_on=timezone.localdate(),
            township=office.township,
        )
        for _lead in range(4):
            services.capture_lead(
                actor=counsellors[0],
                event=event,
                name=fake.name(),
                phone=fake.phone_number(),
                interest=rng.choice(["門市", "倉儲", "餐飲", "照顧服務"]),
            )
        for i in range(count):
            actor = counsellors[i % len(counsellors)]
            seeker = _seeker(rng, fake, actor, office)
            made += 1
            stage = STAGES[i % len(STAGES)]
            if stage is None:
                continue
            case = services.open_case(seeker, actor=actor)
            _advance(case, stage, actor, supervisor, rng)
    total = JobSeeker.objects.count()
    plans = EmploymentPlan.objects.count()
    out.write(f"求職者與個案：新增求職者 {made} 位（共 {total} 位，就業計畫 {plans} 份）。\n")
