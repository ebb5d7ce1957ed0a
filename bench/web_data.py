"""Data for ``bench.web_bench``: job seekers, cases and vacancies at national scale.

Rows are made with the real models (``bulk_create`` in batches, so encrypted fields are
encrypted, keyed hashes and search terms computed by the product's own functions), over a branch
of ``--offices`` employment centres with a supervisor and ``COUNSELLORS`` counsellors each.
Resumable and idempotent: each stage counts what is there and makes only the rest (a national
ID is the serial number of its seeker), each batch in its own transaction, and stops cleanly when
the time budget is spent (run again to go on).
"""

from __future__ import annotations

import csv
import datetime
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BRANCH_CODE = "BW"
COUNSELLORS = 30
PASSWORD = "bench-web-password-0"  # noqa: S105 - a throwaway account of the benchmark database
SEEKER_BATCH = 5_000
VACANCY_BATCH = 2_000
SURNAMES = (
    "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯"
)
GIVEN = (
    "志明俊傑家豪建宏冠宇承恩宗翰雅婷怡君淑芬美玲佳穎欣怡詩涵雅雯惠如家瑋柏翰思妤品妍"
    "子涵宥廷育誠信宏偉銘麗華秀英玉蘭雅惠淑娟文雄國華"
)
OPEN_STATUSES = [  # (status, share of the open cases)
    ("open", 10),
    ("assessing", 10),
    ("planning", 10),
    ("active", 40),
    ("placed", 10),
    ("follow_up", 15),
    ("closure_requested", 5),
]


@dataclass
class Staff:
    offices: list[Any]
    supervisors: list[Any]
    counsellors: dict[int, list[Any]]  # office pk → counsellors
    officer: Any
    log: list[str] = field(default_factory=list)


def _national_id(serial: int) -> str:
    from jobdesk.domain.identifiers import LETTER_VALUES

    letters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
    letter = letters[serial // 10**7 % len(letters)]
    body = f"{1 + serial // (10**7 * len(letters)) % 2}{serial % 10**7:07d}"
    first = LETTER_VALUES[letter]
    digits = [first // 10, first % 10] + [int(c) for c in body]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1)
    check = (10 - sum(w * d for w, d in zip(weights, digits, strict=True)) % 10) % 10
    return f"{letter}{body}{check}"


def ensure_staff(n_offices: int) -> Staff:
    from jobdesk.accounts.models import Office, OfficeKind
    from jobdesk.accounts.roles import Role

    branch, _ = Office.objects.get_or_create(
        code=BRANCH_CODE, defaults={"name": "壓力測試分署", "kind": OfficeKind.BRANCH}
    )
    offices, supervisors, counsellors = [], [], {}
    for i in range(n_offices):
        office, _ = Office.objects.get_or_create(
            code=f"{BRANCH_CODE}-{i}",
            defaults={"name": f"壓測就業中心{i}", "kind": OfficeKind.CENTRE, "parent": branch},
        )
        offices.append(office)
        supervisors.append(_user(f"bw_sup{i}", Role.SUPERVISOR, office))
        counsellors[office.pk] = [
            _user(f"bw_c{i}_{j:02d}", Role.COUNSELLOR, office) for j in range(COUNSELLORS)
        ]
    officer = _user("bw_officer", Role.EMPLOYER_OFFICER, offices[0])
    return Staff(offices, supervisors, counsellors, officer)


def _user(username: str, role: str, office: Any) -> Any:
    from jobdesk.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, role=role, office=office, display_name=username)
        user.set_password(PASSWORD)
        user.save()
    return user


def make_seekers(staff: Staff, target: int, deadline: float, say: Any) -> bool:
    """Seekers up to ``target`` (over the offices in turn); False when the budget ran out."""
    from django.db import transaction

    from jobdesk.cases.models import JobSeeker
    from jobdesk.cases.search import seeker_search_text
    from jobdesk.cases.services.seekers import ID_HASH_PURPOSE
    from jobdesk.common.crypto import lookup_hash
    from jobdesk.domain.identifiers import mask_personal_id
    from jobdesk.taxonomy.models import Township

    have = JobSeeker.objects.filter(office__in=staff.offices).count()
    towns = list(Township.objects.filter(county__in=["新北市", "臺北市", "基隆市"]))
    started = time.perf_counter()
    made = 0
    while have < target:
        if time.perf_counter() > deadline:
            return False
        batch = []
        for serial in range(have, min(target, have + SEEKER_BATCH)):
            rng = random.Random(serial)
            nid = _national_id(serial)
            office = staff.offices[serial % len(staff.offices)]
            seeker = JobSeeker(
                office=office,
                name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                national_id_encrypted=nid,
                national_id_hash=lookup_hash(nid, purpose=ID_HASH_PURPOSE),
                national_id_masked=mask_personal_id(nid),
                id_kind="national_id",
                phone=f"09{rng.randrange(10**8):08d}",
                township=rng.choice(towns),
                pay_basis="monthly",
                expected_pay_min=rng.randrange(27000, 45000, 1000),
                shifts=["day"],
                skills=rng.choice(
                    ["倉儲管理、堆高機", "會計、Excel", "餐飲服務", "客服、電話行銷"]
                ),
            )
            seeker.search_text = seeker_search_text(seeker)
            batch.append(seeker)
        with transaction.atomic():
            JobSeeker.objects.bulk_create(batch, batch_size=1000)
        have += len(batch)
        made += len(batch)
        if have % 50_000 < SEEKER_BATCH:
            rate = made / max(time.perf_counter() - started, 1e-9)
            say(f"  seekers {have:,}/{target:,} ({rate:,.0f}/s)")
    return True


def _open_status(serial: int, open_per_mille: int) -> str | None:
    if serial % 1000 >= open_per_mille:
        return None
    slot = (serial // 1000 * 7 + serial) % 100
    for status, share in OPEN_STATUSES:
        if slot < share:
            return status
        slot -= share
    return "active"


def make_cases(staff: Staff, open_per_mille: int, deadline: float, say: Any) -> bool:
    """One case per seeker (closed, or open for ``open_per_mille`` of them) with what is due:
    plans with steps for active cases, placements with follow-ups for placed ones."""
    from django.db import transaction
    from django.utils import timezone

    from jobdesk.cases.due import due_items
    from jobdesk.cases.models import (
        Case,
        EmploymentPlan,
        FollowUp,
        JobSeeker,
        Placement,
        PlanStep,
    )

    today = timezone.localdate()
    now = timezone.now()
    from django.db.models import Max

    mine = Case.objects.filter(office__in=staff.offices)
    done = mine.count()
    # Cases are made in the order of their seekers: go on after the last seeker with a case.
    last = mine.aggregate(m=Max("seeker_id"))["m"] or 0
    while True:
        if time.perf_counter() > deadline:
            return False
        rows = list(
            JobSeeker.objects.filter(office__in=staff.offices, pk__gt=last)
            .order_by("pk")
            .values_list("pk", "office_id")[:SEEKER_BATCH]
        )
        if not rows:
            return True
        cases, extra = [], []
        for seeker_id, office_id in rows:
            serial = seeker_id
            rng = random.Random(serial * 31)
            status = _open_status(serial, open_per_mille)
            opened = now - datetime.timedelta(days=rng.randrange(1, 900), minutes=serial % 1440)
            case = Case(
                office_id=office_id,
                seeker_id=seeker_id,
                counsellor=staff.counsellors[office_id][serial // len(staff.offices) % COUNSELLORS],
                status=status or "closed",
                opened_at=opened,
                closed_at=None if status else opened + datetime.timedelta(days=120),
            )
            step_on = follow_on = None
            if status in ("active", "follow_up"):
                case.next_review_on = today + datetime.timedelta(days=rng.randrange(-20, 60))
            if status == "active":
                step_on = today + datetime.timedelta(days=rng.randrange(-10, 40))
            if status in ("placed", "follow_up"):
                follow_on = today + datetime.timedelta(days=rng.randrange(-15, 90))
            if status:
                items = due_items(
                    status=case.status,
                    next_review_on=case.next_review_on,
                    opened_at=case.opened_at,
                    next_step_on=step_on,
                    next_follow_up_on=follow_on,
                )
                case.next_due_on = min((i.on for i in items), default=None)
            cases.append(case)
            extra.append((step_on, follow_on))
        with transaction.atomic():
            Case.objects.bulk_create(cases, batch_size=1000)
            plans, steps, placements, follow_ups = [], [], [], []
            for case, (step_on, follow_on) in zip(cases, extra, strict=True):
                if step_on:
                    plans.append(
                        EmploymentPlan(
                            case=case,
                            office_id=case.office_id,
                            strategy="每週投遞履歷",
                            agreed_on=step_on - datetime.timedelta(days=30),
                        )
                    )
                if follow_on:
                    placements.append(
                        Placement(
                            case=case,
                            office_id=case.office_id,
                            employer_label="壓測物流股份有限公司",
                            vacancy_label="理貨員",
                            start_date=follow_on - datetime.timedelta(days=30),
                            pay=32000,
                            pay_basis="monthly",
                        )
                    )
            EmploymentPlan.objects.bulk_create(plans, batch_size=1000)
            Placement.objects.bulk_create(placements, batch_size=1000)
            step_of = {c.pk: s for c, (s, _) in zip(cases, extra, strict=True) if s}
            follow_of = {c.pk: f for c, (_, f) in zip(cases, extra, strict=True) if f}
            for plan in plans:
                on = step_of[plan.case_id]
                steps += [
                    PlanStep(
                        case_id=plan.case_id,
                        plan=plan,
                        office_id=plan.office_id,
                        description="投遞履歷",
                        owner="求職者",
                        due_on=on,
                    ),
                    PlanStep(
                        case_id=plan.case_id,
                        plan=plan,
                        office_id=plan.office_id,
                        description="參加面試",
                        owner="求職者",
                        due_on=on + datetime.timedelta(days=14),
                    ),
                ]
            for placement in placements:
                on = follow_of[placement.case_id]
                follow_ups += [
                    FollowUp(
                        case_id=placement.case_id,
                        placement=placement,
                        office_id=placement.office_id,
                        months_after=m,
                        due_on=on + datetime.timedelta(days=30 * i),
                    )
                    for i, m in enumerate((1, 3, 6))
                ]
            PlanStep.objects.bulk_create(steps, batch_size=1000)
            FollowUp.objects.bulk_create(follow_ups, batch_size=1000)
        done += len(cases)
        last = rows[-1][0]
        if done % 50_000 < SEEKER_BATCH:
            say(f"  cases {done:,}")


def _ads(shared: Path) -> list[dict[str, str]]:
    path = shared / "data" / "ads" / "taiwanjobs_ads_sample_1040.csv"
    if not path.exists():
        return [
            {"title": t, "company": f"壓測{t}公司", "description": d}
            for t, d in [
                ("倉儲理貨員", "倉儲區揀貨、出貨與盤點，需堆高機證照。"),
                ("會計助理", "帳務處理、會計傳票與報表。"),
                ("門市人員", "門市銷售與顧客服務。"),
                ("廚房助手", "備料、清潔與餐點製作。"),
            ]
        ]
    with path.open(encoding="utf-8") as fh:
        return [
            {"title": r["title"], "company": r["company"], "description": r["description"]}
            for r in csv.DictReader(fh)
        ]


def make_vacancies(staff: Staff, target: int, shared: Path, deadline: float, say: Any) -> bool:
    """Vacancies up to ``target`` from the real ads sample (title, company, description),
    spread over the offices, one employer per company and office."""
    from django.db import transaction

    from jobdesk.employers.models import Employer, Vacancy
    from jobdesk.employers.models.employer import name_key
    from jobdesk.employers.search import vacancy_search_text
    from jobdesk.taxonomy.models import Occupation, Township

    ads = _ads(shared)
    employers: dict[tuple[int, str], Any] = {
        (e.office_id, e.name): e for e in Employer.objects.filter(office__in=staff.offices)
    }
    missing = [
        Employer(office=o, name=ad["company"][:200], name_key=name_key(ad["company"]))
        for o in staff.offices
        for ad in {a["company"]: a for a in ads}.values()
        if (o.pk, ad["company"][:200]) not in employers
    ]
    for e in Employer.objects.bulk_create(missing, batch_size=1000):
        employers[(e.office_id, e.name)] = e
    occupations = list(Occupation.objects.filter(level=4).values_list("code", flat=True))
    towns = list(Township.objects.filter(county__in=["新北市", "臺北市", "基隆市"]))
    today = datetime.date.today()
    have = Vacancy.objects.filter(office__in=staff.offices).count()
    while have < target:
        if time.perf_counter() > deadline:
            return False
        batch = []
        for serial in range(have, min(target, have + VACANCY_BATCH)):
            rng = random.Random(serial)
            ad = ads[serial % len(ads)]
            office = staff.offices[serial % len(staff.offices)]
            employer = employers[(office.pk, ad["company"][:200])]
            town = rng.choice(towns)
            low = rng.randrange(28000, 60000, 500)
            vacancy = Vacancy(
                office=office,
                employer=employer,
                title=ad["title"][:200],
                description=ad["description"],
                occupation_id=rng.choice(occupations),
                county=town.county,
                township=town,
                pay_basis="monthly",
                pay_min=low,
                pay_max=low + 5000,
                shifts=["day"],
                shift_keys=",day,",
                status=rng.choice(["open", "open", "open", "draft", "closed", "filled"]),
                opens_on=today - datetime.timedelta(days=rng.randrange(365)),
                closes_on=today + datetime.timedelta(days=rng.randrange(-30, 90)),
            )
            vacancy.search_text = vacancy_search_text(vacancy, employer.name)
            batch.append(vacancy)
        with transaction.atomic():
            Vacancy.objects.bulk_create(batch, batch_size=1000)
        have += len(batch)
        if have % 20_000 < VACANCY_BATCH:
            say(f"  vacancies {have:,}/{target:,}")
    return True
