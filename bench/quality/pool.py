"""Pooling the ads to judge, and the rules that propose a grade before a person reads each one.

Protocol (docs/matching-quality.md): for every query the pool is the union of the top 20 of
each system plus ``RANDOM_PER_QUERY`` random ads. The worksheet lists the pool sorted by
hire_id with no trace of which system retrieved an ad, and a grade proposed by ``propose``
from the job family patterns below (written from the profiles, before any pool was seen),
distance, pay and shifts. The judge reads every row (title, place, pay, description) and
corrects the grade; the corrected grades are the shipped judgements.
"""

from __future__ import annotations

import random
import re

from jobdesk.domain.matching import Taxonomy

from .data import Ad, Query, distance_km

DEPTH = 20
RANDOM_PER_QUERY = 5
SEED = 20260205

# query → (the job itself, a related job a counsellor would still show).
FAMILIES: dict[str, tuple[str, str]] = {
    "q01": (r"居服|居家服務員|居家照顧|照顧服務員|照服員", r"照顧|督導"),
    "q02": (r"照顧服務員|照服員|居服|居家服務員|居家照顧", r"照顧|看護"),
    "q03": (r"督導|社工", r"照顧服務|長照|個管"),
    "q04": (r"護理", r"照顧|長照|居家督導"),
    "q05": (r"廚師|爐|熱炒|中餐|內場料理", r"內場|廚房|備料|廚"),
    "q06": (r"日式.*廚|日本料理|壽司|割烹|文字燒|廚師", r"內場|廚房|備料|料理"),
    "q07": (r"內場|廚房助手|備料|洗碗|外場|餐飲|計時社員|工讀", r"兼職|計時|服務員"),
    "q08": (r"外場|服務員|服務人員", r"餐飲|餐廳|店員|領班"),
    "q09": (r"門市|店員|銷售人員|藥妝|康是美", r"收銀|商店|超市|服務"),
    "q10": (r"超商|便利商店|收銀|門市.*(兼職|工讀)|統一超商", r"兼職|工讀|計時|門市"),
    "q11": (r"店長|副店長|儲備店|店經理|儲備幹部|襄理", r"幹部|主管|組長|領班"),
    "q12": (r"司機|貨車|配送|宅配", r"駕駛|物流|安裝"),
    "q13": (r"大客車|大巴|客運|駕駛長|交通車|校車|公務車", r"司機|駕駛"),
    "q14": (r"司機|駕駛|交通車|校車", r"配送|宅配"),
    "q15": (r"java|後端|軟體.*工程師|程式設計", r"工程師|資訊|系統"),
    "q16": (r"前端|react|軟體.*工程師|網頁", r"工程師|程式|資訊"),
    "q17": (r"資訊|mis|電腦維修|系統工程師|網路", r"工程師|維修"),
    "q18": (r"會計|帳務|財務|出納|記帳", r"稽核|審計|行政"),
    "q19": (r"會計|帳務|記帳|出納", r"財務|行政"),
    "q20": (r"清潔", r"房務|打蠟|工友"),
    "q21": (r"清潔", r"房務|打蠟|工友"),
    "q22": (r"保全|警衛|安管|安全員", r"管理員|巡邏|停車場"),
    "q23": (r"保全|警衛|安管|管理員", r"巡邏|停車場"),
    "q24": (r"工讀|兼職|計時|時薪", r"門市|外場|服務員|收銀"),
    "q25": (r"工讀|兼職|計時|時薪", r"門市|外場|服務員|內場"),
    "q26": (r"行政|總務|助理|文書|櫃檯", r"客服|秘書|會務"),
    "q27": (r"照顧服務員|照服員|居服|居家服務員|居家照顧", r"照顧|廚工|廚師"),
    "q28": (r"行銷|企劃|社群|小編", r"編輯|記者|執行製作|公關"),
    "q29": (r"保全|警衛|司機|安管", r"駕駛|作業員|操作工|管理員"),
    "q30": (r"客服|電話專員|電話", r"服務|櫃檯"),
    "q31": (r"房務", r"清潔"),
    "q32": (r"櫃檯|櫃台|接待|前台|客務", r"行李員|服務|行政"),
    "q33": (r"設計|美編|美術", r"企劃|剪輯|編輯"),
    "q34": (r"數位行銷|行銷|廣告|社群|電商", r"企劃|會員經營|營運"),
    "q35": (r"記者|編輯", r"執行製作|企劃|編譯"),
    "q36": (r"教保|幼兒|托育", r"老師|教師|保母"),
    "q37": (r"水電|空調|機電|電機|維修技", r"技術員|工務|維護|技師"),
    "q38": (r"業務", r"銷售|客戶|營業"),
    "q39": (r"人資|人力資源|招募|人事|教育訓練", r"行政|管理部"),
    "q40": (r"倉儲|理貨|倉管|倉庫|出貨|物流", r"配送|作業員|存貨"),
    "q41": (r"藥師", r"藥局|藥"),
    "q42": (r"傳送", r"照顧服務員|清潔員\(醫院\)|醫院"),
    "q43": (r"美容|spa", r"美髮|保養|諮詢"),
    "q44": (r"調度", r"維護|排班|物流"),
    "q45": (r"秘書|行政|助理", r"總機|會務|櫃檯"),
    "q46": (r"土木|土建|工地|工務|監造|營建|施工", r"工程師|測量|bim|繪圖"),
}


def pool(
    queries: list[Query], runs: dict[str, dict[str, list[str]]], ads: list[Ad]
) -> dict[str, list[str]]:
    """query → pooled hire_ids (sorted): top ``DEPTH`` of every system + random ads."""
    ids = sorted(a.record.id for a in ads)
    out: dict[str, list[str]] = {}
    for query in queries:
        picked: set[str] = set()
        for ranked in runs.values():
            picked.update(ranked[query.id][:DEPTH])
        rng = random.Random(f"{SEED}:{query.id}")
        rest = [i for i in ids if i not in picked]
        picked.update(rng.sample(rest, RANDOM_PER_QUERY))
        out[query.id] = sorted(picked)
    return out


def propose(query: Query, ad: Ad, taxonomy: Taxonomy) -> tuple[int, str]:
    """A grade to start from and why; the judge reads the ad and overrides it."""
    if query.id not in FAMILIES:  # a set written by someone else: no proposal, the judge grades
        return 0, ""
    strong, related = FAMILIES[query.id]
    title = ad.record.title.lower()
    text = f"{title}\n{ad.record.description.lower()}"
    if re.search(strong, title):
        grade, why = 3, "job"
    elif re.search(strong, text) or re.search(related, title):
        grade, why = 2, "related"
    elif re.search(related, text):
        grade, why = 1, "weak"
    else:
        return 0, "other"
    p, v = query.profile, ad.record
    d = distance_km(taxonomy, p.township, v.township)
    if d is None and ad.county != query.county:
        grade, why = grade - 1, why + ",county"
    elif d is not None and p.max_commute_km and d > p.max_commute_km:
        grade, why = grade - 1, why + f",{d:.0f}km"
    if p.shifts == frozenset({"part_time"}) or ("part_time" in p.shifts and len(p.shifts) <= 2):
        if p.pay_basis == "hourly" and v.pay_basis == "monthly":
            # a student who can only work part-time cannot take a full-time job
            grade, why = grade - (1 if "day" in p.shifts else 2), why + ",full-time"
    elif p.pay_basis == "monthly" and v.pay_basis == "hourly":
        grade, why = grade - 1, why + ",hourly"
    if (
        p.expected_pay_min
        and v.pay_basis == p.pay_basis
        and (v.pay_max or v.pay_min or 0) < 0.9 * p.expected_pay_min
    ):
        grade, why = grade - 1, why + ",pay"
    return max(grade, 0), why
