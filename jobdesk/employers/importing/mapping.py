"""From a row of strings to vacancy values, or zh-Hant reasons to reject the row."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from jobdesk.domain.identifiers import check_ubn
from jobdesk.employers.importing.readers import ADS_CSV, TAIWANJOBS, TEMPLATE, RawRow
from jobdesk.employers.models import PayBasis, Shift, VacancySource
from jobdesk.taxonomy.models import EducationLevel, Occupation, Township
from jobdesk.taxonomy.places import normalise_place

PAY_WORDS: dict[str, str] = {
    "m": PayBasis.MONTHLY,
    "月": PayBasis.MONTHLY,
    "月薪": PayBasis.MONTHLY,
    "monthly": PayBasis.MONTHLY,
    "h": PayBasis.HOURLY,
    "時": PayBasis.HOURLY,
    "時薪": PayBasis.HOURLY,
    "hourly": PayBasis.HOURLY,
    "d": PayBasis.DAILY,
    "日": PayBasis.DAILY,
    "日薪": PayBasis.DAILY,
    "daily": PayBasis.DAILY,
    "p": PayBasis.PIECE,
    "件": PayBasis.PIECE,
    "論件": PayBasis.PIECE,
    "論件計酬": PayBasis.PIECE,
    "piece": PayBasis.PIECE,
    "n": PayBasis.NEGOTIABLE,
    "面議": PayBasis.NEGOTIABLE,
    "negotiable": PayBasis.NEGOTIABLE,
}
SHIFT_WORDS: tuple[tuple[str, str], ...] = (
    ("日班", Shift.DAY),
    ("早班", Shift.DAY),
    ("中班", Shift.EVENING),
    ("晚班", Shift.EVENING),
    ("夜班", Shift.NIGHT),
    ("大夜", Shift.NIGHT),
    ("輪班", Shift.ROTATING),
    ("兼職", Shift.PART_TIME),
    ("部分工時", Shift.PART_TIME),
    ("part_time", Shift.PART_TIME),
    ("rotating", Shift.ROTATING),
    ("evening", Shift.EVENING),
    ("night", Shift.NIGHT),
    ("day", Shift.DAY),
)
EDUCATION_ALIASES = {"高中職": "senior_high", "高中(職)": "senior_high", "研究所": "master"}
HIRE_ID_RE = re.compile(r"HIRE_ID=(\d+)", re.IGNORECASE)
AMOUNT_RE = re.compile(r"\d[\d,]*")


@dataclass
class Candidate:
    """A row ready to become a vacancy (``errors`` empty) or rejected with reasons."""

    line: int
    source: str
    source_id: str = ""
    employer_name: str = ""
    employer_ubn: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    suggest_occupation: bool = False

    @property
    def title(self) -> str:
        return str(self.values.get("title", ""))


class Lookups:
    """The code lists an import needs, read once per file."""

    def __init__(self) -> None:
        self.townships = {t.full_name: t for t in Township.objects.all()}
        self.districts: dict[str, list[Township]] = {}
        for t in self.townships.values():
            self.districts.setdefault(t.district, []).append(t)
        self.counties = {t.county for t in self.townships.values()}
        self.education = {e.name: e for e in EducationLevel.objects.all()}
        self.education_by_code = {e.code: e for e in self.education.values()}
        self.occupations = {o.code: o for o in Occupation.objects.filter(level=4)}

    def place(self, text: str) -> tuple[str, Township | None, str]:
        """(county, township, error) for a place as feeds write it."""
        name = normalise_place(text)
        if not name:
            return "", None, "缺少工作地點。"
        if name.endswith("不限"):
            name = name[: -len("不限")]
        if name in self.counties:
            return name, None, ""
        if name in self.townships:
            town = self.townships[name]
            return town.county, town, ""
        found = self.districts.get(name, [])
        if len(found) == 1:
            return found[0].county, found[0], ""
        return "", None, f"無法辨識的工作地點「{text}」。"

    def education_level(self, text: str) -> tuple[Any, str]:
        name = text.strip().removesuffix("以上").strip()
        if not name:
            return None, ""
        code = EDUCATION_ALIASES.get(name)
        found = self.education_by_code.get(code or name) or self.education.get(name)
        if found is None:
            return None, f"無法辨識的學歷「{text}」。"
        return found, ""


def parse_date(text: str) -> datetime.date | None:
    """2025-03-31, 2025/03/31, 20250331, and 民國 114/03/31 or 1140331; raises ValueError."""
    value = text.strip()
    if not value:
        return None
    value = value.split(" ")[0].split("T")[0]
    parts = re.split(r"[-/.]", value)
    if len(parts) == 1:
        digits = parts[0]
        if not digits.isdigit() or len(digits) not in (7, 8):
            raise ValueError(value)
        parts = [digits[:-4], digits[-4:-2], digits[-2:]]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(value)
    year, month, day = (int(p) for p in parts)
    if year < 1911:
        year += 1911
    return datetime.date(year, month, day)


def parse_amount(text: str) -> int | None:
    """An NT$ amount; "" and 0 mean not given; raises ValueError on anything else."""
    value = text.replace(",", "").replace("元", "").strip()
    if not value:
        return None
    amount = int(float(value))
    if amount < 0:
        raise ValueError(text)
    return amount or None


def fix_mislabelled_pay(basis: str, low: int | None, high: int | None) -> str:
    """Feeds label hourly and daily wages as monthly: under 1,000 is hourly, up to 4,000 daily."""
    top = max(low or 0, high or 0)
    if basis != PayBasis.MONTHLY or not top:
        return basis
    if top < 1000:
        return PayBasis.HOURLY
    if top <= 4000:
        return PayBasis.DAILY
    return basis


def parse_shifts(text: str, *, strict: bool) -> tuple[list[str], str]:
    found: list[str] = []
    rest = text
    for word, key in SHIFT_WORDS:
        if word in rest:
            rest = rest.replace(word, " ")
            if key not in found:
                found.append(key)
    if strict and re.sub(r"[\s、,，/;；]+", "", rest):
        return found, f"無法辨識的班別「{text}」（可填：日班、中班、夜班、輪班、兼職）。"
    order = list(Shift.values)
    return sorted(found, key=order.index), ""


def parse_experience(text: str) -> int:
    value = text.strip()
    if not value or value in {"不拘", "無限制", "無經驗可"}:
        return 0
    match = re.search(r"(\d+)\s*年", value) or re.fullmatch(r"(\d+)", value)
    if match is None:
        raise ValueError(value)
    return 0 if "內" in value or "以下" in value else int(match.group(1))


def _common(candidate: Candidate, row: dict[str, str], look: Lookups, keys: dict[str, str]) -> None:
    """The fields every format shares, named through ``keys``."""
    errors = candidate.errors
    values = candidate.values

    def get(key: str) -> str:
        return row.get(keys[key], "").strip() if key in keys else ""

    values["title"] = get("title")[:200]
    values["description"] = get("description")
    if not values["title"]:
        errors.append("缺少職缺名稱。")
    candidate.employer_name = get("employer_name")[:200]
    if not candidate.employer_name:
        errors.append("缺少雇主名稱。")
    county, town, error = look.place(get("place"))
    values["county"], values["township"] = county, town
    if error:
        errors.append(error)
    education, error = look.education_level(get("education"))
    values["education"] = education
    if error:
        errors.append(error)
    try:
        values["experience_years"] = parse_experience(get("experience"))
    except ValueError:
        errors.append(f"無法辨識的工作經驗「{get('experience')}」。")
    for name, label in (("opens_on", "開始日期"), ("closes_on", "截止日期")):
        try:
            values[name] = parse_date(get(name))
        except ValueError:
            errors.append(f"{label}「{get(name)}」不是有效的日期。")
    headcount = get("headcount")
    if not headcount:
        values["headcount"] = 1
    elif headcount.isdigit() and 0 < int(headcount) < 10000:
        values["headcount"] = int(headcount)
    else:
        errors.append(f"需求人數「{headcount}」須為 1 以上的整數。")
    pay_text = get("pay_basis")
    low_high: list[int | None] = []
    for name, label in (("pay_min", "薪資下限"), ("pay_max", "薪資上限")):
        try:
            low_high.append(parse_amount(get(name)))
        except ValueError:
            low_high.append(None)
            errors.append(f"{label}「{get(name)}」不是金額。")
    low, high = low_high
    basis = PAY_WORDS.get(pay_text.lower()) if pay_text else None
    if pay_text and basis is None:
        errors.append(f"無法辨識的薪資方式「{pay_text}」（可填：月薪、時薪、日薪、論件、面議）。")
    if basis is None:
        basis = PayBasis.MONTHLY if (low or high) else PayBasis.NEGOTIABLE
    if low and high and low > high:
        errors.append(f"薪資下限 {low:,} 高於上限 {high:,}。")
    values["pay_basis"] = fix_mislabelled_pay(basis, low, high)
    values["pay_min"], values["pay_max"] = low, high


TAIWANJOBS_KEYS = {
    "title": "OCCU_DESC",
    "description": "JOB_DETAIL",
    "employer_name": "COMPNAME",
    "place": "CITYNAME",
    "education": "EDGRDESC",
    "experience": "EXPERIENCE",
    "opens_on": "TRANDATE",
    "closes_on": "STOP_DATE",
    "headcount": "JOB_PERSON",
    "pay_basis": "SALARYCD",
    "pay_min": "NT_L",
    "pay_max": "NT_U",
}


def map_taiwanjobs(raw: RawRow, look: Lookups) -> Candidate:
    row = raw.fields
    c = Candidate(raw.line, VacancySource.TAIWANJOBS, suggest_occupation=True)
    match = HIRE_ID_RE.search(row.get("URL_QUERY", ""))
    if match is None:
        c.errors.append("URL_QUERY 中找不到職缺編號（HIRE_ID）。")
    else:
        c.source_id = match.group(1)
    _common(c, row, look, TAIWANJOBS_KEYS)
    wk = " ".join(row.get(k, "") for k in ("WKTIME", "WK_TYPE"))
    c.values["shifts"], _ = parse_shifts(wk, strict=False)
    c.values["hours"] = row.get("WKTIME", "")[:200]
    categories = [row.get("CJOB_NAME1", ""), row.get("CJOB_NAME2", "")]
    c.values["skills"] = "、".join(x for x in categories if x)
    if match is not None:
        c.values["source_url"] = (
            "https://job.taiwanjobs.gov.tw/Internet/jobwanted/JobDetail.aspx?"
            + row.get("URL_QUERY", "").split("?")[-1]
        )[:400]
    return c


ADS_KEYS = {
    "title": "title",
    "description": "description",
    "employer_name": "company",
    "place": "location",
    "education": "education",
    "experience": "experience",
    "opens_on": "published_date",
    "pay_min": "salary_min",
    "pay_max": "salary_max",
}


def map_ads_csv(raw: RawRow, look: Lookups) -> Candidate:
    row = raw.fields
    c = Candidate(raw.line, VacancySource.TAIWANJOBS, suggest_occupation=True)
    c.source_id = row.get("hire_id", "").strip()
    if not c.source_id.isdigit():
        c.errors.append(f"職缺編號（hire_id）「{c.source_id}」須為數字。")
    _common(c, row, look, ADS_KEYS)
    text = row.get("salary_text", "")
    basis = c.values["pay_basis"]
    if "面議" in text and not (c.values["pay_min"] or c.values["pay_max"]):
        basis = PayBasis.NEGOTIABLE
    elif text.startswith("時薪"):
        basis = PayBasis.HOURLY
    elif "日" in text and "元/日" in text:
        basis = PayBasis.DAILY
    c.values["pay_basis"] = fix_mislabelled_pay(basis, c.values["pay_min"], c.values["pay_max"])
    c.values["shifts"], _ = parse_shifts(text, strict=False)
    c.values["source_url"] = row.get("source_url", "")[:400]
    return c


def map_template(raw: RawRow, look: Lookups) -> Candidate:
    row = raw.fields
    c = Candidate(raw.line, VacancySource.FILE)
    c.source_id = row.get("source_id", "").strip()[:40]
    if not c.source_id:
        c.errors.append("缺少來源編號（用於重複匯入時更新同一職缺）。")
    c.employer_ubn = row.get("employer_ubn", "").strip()
    if c.employer_ubn and (error := check_ubn(c.employer_ubn)):
        c.errors.append(error)
    keys = {
        "title": "title",
        "description": "description",
        "employer_name": "employer_name",
        "place": "place",
        "education": "education",
        "experience": "experience_years",
        "opens_on": "opens_on",
        "closes_on": "closes_on",
        "headcount": "headcount",
        "pay_basis": "pay_basis",
        "pay_min": "pay_min",
        "pay_max": "pay_max",
    }
    _common(c, row, look, keys)
    code = row.get("occupation", "").strip()
    if code:
        occupation = look.occupations.get(code)
        if occupation is None:
            c.errors.append(f"職業代碼「{code}」不是職業標準分類（第6次修正）的4位數細類代碼。")
        c.values["occupation"] = occupation
    else:
        c.suggest_occupation = True
    c.values["shifts"], error = parse_shifts(row.get("shifts", ""), strict=True)
    if error:
        c.errors.append(error)
    for name, size in (("hours", 200), ("licences", 300), ("languages", 200)):
        c.values[name] = row.get(name, "").strip()[:size]
    c.values["skills"] = row.get("skills", "").strip()
    return c


MAPPERS = {TAIWANJOBS: map_taiwanjobs, ADS_CSV: map_ads_csv, TEMPLATE: map_template}


def map_rows(fmt: str, rows: list[RawRow]) -> list[Candidate]:
    """Every row as a candidate; a source id repeated within the file rejects the repeats."""
    look = Lookups()
    mapper = MAPPERS[fmt]
    seen: dict[str, int] = {}
    out: list[Candidate] = []
    for raw in rows:
        candidate = mapper(raw, look)
        if candidate.source_id:
            first = seen.setdefault(candidate.source_id, candidate.line)
            if first != candidate.line:
                candidate.errors.append(
                    f"來源編號 {candidate.source_id} 與第 {first} 列重複（同一檔案只能出現一次）。"
                )
        out.append(candidate)
    return out
