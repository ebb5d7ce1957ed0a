"""``jobdesk match-profile PROFILE.json --top K``: rank the open vacancies for a seeker profile.

The profile is JSON with these keys (all optional; any other key is an error)::

    {"desired_occupations": ["9330", "小客車及小貨車駕駛人員"], "township": "新北市三重區",
     (an occupation may also be {"code": "9330", "name": "運輸及倉儲勞力工"})
     "max_commute_km": 20, "expected_pay_min": 32000, "pay_basis": "monthly",
     "shifts": ["day"], "education": "高中", "experience_years": 2,
     "experience_text": "物流理貨三年", "skills": ["堆高機"], "licences": ["堆高機操作證"],
     "available_from": "2025-01-01", "job_titles": ["理貨員"]}

The ``name`` of an occupation object is the seeker's own word for the job and is read, with the
past ``job_titles``, against each vacancy's title.

Prints JSON: for each vacancy its public id, source id (e.g. the 就業通 hire id), title,
employer, score, per-factor explanation and whether it is relevant (its occupation, title and
text points reach ``RELEVANT_POINTS``). Only relevant vacancies are listed unless ``--widen``;
``relevant_count`` says how many of the top K are, and ``message`` 「符合條件的職缺只有 N 筆」
when fewer than K are (null otherwise). Every key of the former output is kept.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

KEYS = {
    "desired_occupations",
    "township",
    "max_commute_km",
    "expected_pay_min",
    "pay_basis",
    "shifts",
    "education",
    "experience_years",
    "experience_text",
    "skills",
    "licences",
    "available_from",
    "job_titles",
}


def _terms(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        from jobdesk.matching.adapters import split_terms

        return split_terms(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise CommandError(f"「{key}」須為字串或字串清單。")


def profile_from_json(data: Any) -> Any:
    """A ``SeekerProfile`` from the JSON object; CommandError with a zh-Hant message if invalid."""
    from jobdesk.domain.matching import SeekerProfile
    from jobdesk.matching.adapters import EDUCATION_ORDINAL, township_key
    from jobdesk.taxonomy.models import EducationLevel, Occupation
    from jobdesk.taxonomy.places import resolve_township

    if not isinstance(data, dict):
        raise CommandError("求職條件檔須為 JSON 物件（{ ... }）。")
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise CommandError(
            f"不認得的欄位：{'、'.join(unknown)}。可用欄位：{'、'.join(sorted(KEYS))}。"
        )
    codes = []
    wanted = data.get("desired_occupations")
    own_names: list[str] = []
    if isinstance(wanted, list):  # {"code": "5120", "name": "廚師"} objects: the code decides
        own_names = [
            str(v["name"]).strip()
            for v in wanted
            if isinstance(v, dict) and v.get("code") and isinstance(v.get("name"), str)
        ]
        wanted = [
            str(v.get("code") or v.get("name") or "") if isinstance(v, dict) else v for v in wanted
        ]
    for item in _terms(wanted, "desired_occupations"):
        if item.isdigit() and Occupation.objects.filter(code=item).exists():
            codes.append(item)
            continue
        found = Occupation.objects.filter(name=item).first()
        if found is None:
            raise CommandError(f"找不到職業「{item}」：請用職業標準分類第6次修訂的代碼或名稱。")
        codes.append(found.code)
    township = None
    if data.get("township"):
        found_town = resolve_township(str(data["township"]))
        if found_town is None:
            raise CommandError(f"找不到鄉鎮市區「{data['township']}」。")
        township = township_key(found_town.pk)
    education = None
    if data.get("education"):
        level = EducationLevel.objects.filter(code=data["education"]).first() or (
            EducationLevel.objects.filter(name=data["education"]).first()
        )
        if level is None:
            raise CommandError(f"不認得的教育程度「{data['education']}」。")
        education = EDUCATION_ORDINAL.get(level.code)
    available = None
    if data.get("available_from"):
        try:
            available = datetime.date.fromisoformat(str(data["available_from"]))
        except ValueError as exc:
            raise CommandError("available_from 須為 YYYY-MM-DD 日期。") from exc
    try:
        return SeekerProfile(
            id="profile",
            desired_occupations=tuple(codes),
            township=township,
            max_commute_km=_number(data, "max_commute_km"),
            pay_basis=data.get("pay_basis")
            or ("monthly" if data.get("expected_pay_min") else None),
            expected_pay_min=int(data["expected_pay_min"])
            if data.get("expected_pay_min")
            else None,
            shifts=frozenset(_terms(data.get("shifts"), "shifts")),
            education=education,
            experience_years=_number(data, "experience_years"),
            experience_text=str(data.get("experience_text") or ""),
            skills=_terms(data.get("skills"), "skills"),
            licences=_terms(data.get("licences"), "licences"),
            available_from=available,
            desired_names=tuple(n for n in own_names if n),
            job_titles=_terms(data.get("job_titles"), "job_titles"),
        )
    except (TypeError, ValueError) as exc:
        raise CommandError(f"求職條件不正確：{exc}") from exc


def _number(data: dict[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise CommandError(f"「{key}」須為數字。") from exc


class Command(BaseCommand):
    help = "依 JSON 求職條件，排序資料庫中的開放職缺並輸出 JSON（含每個因素的媒合理由）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("profile", type=Path, help="求職條件 JSON 檔")
        parser.add_argument("--top", type=int, default=10, help="輸出幾筆（1–500）")
        parser.add_argument(
            "--widen", action="store_true", help="也列出職類、職稱不相關的職缺（預設只列相關者）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from jobdesk.employers.models import Vacancy
        from jobdesk.matching.index_service import get_index

        if not 1 <= options["top"] <= 500:
            raise CommandError("--top 須為 1 到 500。")
        try:
            data = json.loads(Path(options["profile"]).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(f"找不到檔案：{options['profile']}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"JSON 格式錯誤（第 {exc.lineno} 行）：{exc.msg}") from exc
        profile = profile_from_json(data)
        top = get_index().index.top_vacancies(profile, options["top"])
        relevant = [m for m in top if m.relevant]
        matches = top if options["widen"] else relevant
        rows = {
            str(v.public_id): v
            for v in Vacancy.objects.filter(public_id__in=[m.id for m in matches]).select_related(
                "employer"
            )
        }
        out = [
            {
                "public_id": m.id,
                "source_id": rows[m.id].source_id or None if m.id in rows else None,
                "title": rows[m.id].title if m.id in rows else "",
                "employer": rows[m.id].employer.name if m.id in rows else "",
                "score": m.score,
                "explanation": [
                    {"factor": c.factor, "label": c.label, "points": c.points}
                    for c in m.contributions
                ],
                "relevant": m.relevant,
            }
            for m in matches
        ]
        fewer = len(relevant) < options["top"]
        message = None
        if fewer:
            message = f"符合條件的職缺只有 {len(relevant)} 筆。"
            if not options["widen"] and len(top) > len(relevant):
                message += "加上 --widen 可列出職類、職稱不相關的職缺。"
        payload = {"results": out, "relevant_count": len(relevant), "message": message}
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
