"""Demo data of this app, loaded by `jobdesk load-demo` (idempotent).

About 25 Faker employers in NB-SC, NB-KL and CT-TC with valid generated 統一編號, a labour
dispute on one of them, Faker vacancies for each office, and — when ../shared is present — the
1,040 real 台灣就業通 ads imported into NB-SC (they are 臺北市 vacancies).
"""

from __future__ import annotations

import datetime
import random
from typing import Any, TextIO

from django.conf import settings
from django.utils import timezone

from jobdesk.accounts.models import Office, User
from jobdesk.accounts.roles import Role
from jobdesk.common.scoping import office_subtree
from jobdesk.domain.identifiers import check_ubn
from jobdesk.employers.models import DisputeKind, Employer, PayBasis, Vacancy, VacancyStatus
from jobdesk.employers.selectors import open_violation_exists
from jobdesk.employers.services import (
    change_vacancy_status,
    create_vacancy,
    import_file,
    register_employer,
    set_labour_dispute,
)
from jobdesk.taxonomy.models import Industry, Occupation, Township

ADS = "data/ads/taiwanjobs_ads_sample_1040.csv"
# (office code, county of its employers, how many)
PLAN = [("NB-SC", "新北市", 10), ("NB-KL", "基隆市", 7), ("CT-TC", "臺中市", 8)]
JOBS = [
    ("門市人員", "5220", "商品陳列、收銀結帳與顧客服務。", PayBasis.MONTHLY, 30000, 34000),
    ("餐廳外場服務員", "5139", "帶位、點餐、送餐與桌面整理。", PayBasis.HOURLY, 196, 210),
    ("倉儲理貨員", "9330", "進出貨點收、理貨與堆高機作業。", PayBasis.MONTHLY, 32000, 36000),
    ("會計助理", "4311", "帳務登錄、發票整理與月結報表。", PayBasis.MONTHLY, 33000, 38000),
    ("居家照顧服務員", "5320", "協助沐浴、翻身拍背與陪同就醫。", PayBasis.HOURLY, 220, 260),
    ("機械操作員", "7223", "操作CNC機台，依圖面加工零件。", PayBasis.MONTHLY, 35000, 42000),
    ("清潔人員", "9112", "辦公室與公共區域清潔維護。", PayBasis.DAILY, 1600, 1800),
    ("軟體工程師", "2512", "開發與維護內部系統，Python、SQL。", PayBasis.MONTHLY, 50000, 70000),
]


def _ubn(rng: random.Random) -> str:
    while True:
        candidate = "".join(str(rng.randrange(10)) for _ in range(8))
        if not check_ubn(candidate):
            return candidate


def _officer(office: Office) -> Any:
    return (
        User.objects.filter(office=office, role=Role.EMPLOYER_OFFICER).first()
        or User.objects.filter(office__in=office_subtree(office)).first()
    )


def load_demo(out: TextIO) -> None:
    """Create this app's demo rows if missing; write one zh-Hant summary line to ``out``."""
    from faker import Faker

    if not Occupation.objects.exists() or not Township.objects.exists():
        out.write("雇主與職缺示範資料：略過（請先載入分類代碼）。\n")
        return
    fake = Faker("zh_TW")
    fake.seed_instance(20260204)
    rng = random.Random(20260204)  # noqa: S311 (demo data, not secrets)
    industries = list(Industry.objects.filter(level=4).order_by("code")[:400])
    today = timezone.localdate()
    created_employers = created_vacancies = 0
    for code, county, count in PLAN:
        office = Office.objects.filter(code=code).first()
        if office is None:
            continue
        actor = _officer(office)
        towns = list(Township.objects.filter(county=county).order_by("zip3"))
        for i in range(count):
            name = fake.company()
            ubn = _ubn(rng)
            town = rng.choice(towns)
            industry = rng.choice(industries) if industries else None
            details = {
                "address": fake.street_address(),
                "contact_name": fake.name(),
                "contact_phone": fake.phone_number(),
            }
            employer = Employer.objects.filter(name=name, office=office).first()
            if employer is None:
                if Employer.objects.filter(ubn=ubn).exists():
                    continue
                employer = register_employer(
                    actor=actor,
                    office=office,
                    name=name,
                    ubn=ubn,
                    industry=industry,
                    township=town,
                    notes="示範資料",
                    **details,
                )
                created_employers += 1
                if code == "NB-KL" and i == 0:
                    set_labour_dispute(
                        employer,
                        actor=actor,
                        kind=DisputeKind.STRIKE,
                        started_on=today - datetime.timedelta(days=5),
                        note="工會依法罷工（示範資料）",
                    )
            for j in range(2):
                title, occ, text, basis, low, high = JOBS[(i + j) % len(JOBS)]
                source_id = f"demo-{code}-{i}-{j}"
                headcount, shifts = (
                    rng.randint(1, 5),
                    rng.choice([["day"], ["day", "evening"], ["rotating"]]),
                )
                opens, closes = rng.randint(0, 300), rng.randint(10, 90)
                if Vacancy.objects.filter(source="file", source_id=source_id).exists():
                    continue
                vacancy = create_vacancy(
                    actor=actor,
                    employer=employer,
                    office=office,
                    source="file",
                    source_id=source_id,
                    values={
                        "title": title,
                        "description": text,
                        "occupation": Occupation.objects.filter(code=occ).first(),
                        "headcount": headcount,
                        "township": town,
                        "pay_basis": basis,
                        "pay_min": low,
                        "pay_max": high,
                        "shifts": shifts,
                        "opens_on": today - datetime.timedelta(days=opens),
                        "closes_on": today + datetime.timedelta(days=closes),
                    },
                )
                if not vacancy.has_open_violation():
                    change_vacancy_status(vacancy, actor=actor, status=VacancyStatus.OPEN)
                created_vacancies += 1
    imported = ""
    ads = settings.JOBDESK_SHARED_DIR / ADS
    office = Office.objects.filter(code="NB-SC").first()
    if ads.is_file() and office is not None:
        if Vacancy.objects.filter(source="taiwanjobs").exists():
            imported = "；台灣就業通職缺已匯入"
        else:
            officer = _officer(office)
            result = import_file(ads.name, ads.read_bytes(), actor=officer, office=office)
            opened = 0
            drafts = Vacancy.objects.filter(source="taiwanjobs", status=VacancyStatus.DRAFT)
            for vacancy in drafts.exclude(open_violation_exists()):
                if vacancy.closes_on is None or vacancy.closes_on >= today:
                    change_vacancy_status(vacancy, actor=officer, status=VacancyStatus.OPEN)
                    opened += 1
            imported = (
                f"；匯入台灣就業通職缺 {result.created} 筆（開放 {opened} 筆，"
                f"未匯入 {result.rejected} 筆）"
            )
    else:
        imported = "；找不到 ../shared 的職缺樣本，略過匯入"
    counts = f"新增雇主 {created_employers} 家、職缺 {created_vacancies} 筆"
    out.write(f"雇主與職缺示範資料：{counts}{imported}。\n")
