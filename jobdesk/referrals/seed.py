"""Realistic starting entries for the referral resource directory (idempotent by ``code``).

Programmes of 勞動部勞動力發展署 and common local services; the wording summarises the public
programme rules. Administrators keep the directory up to date on the admin console.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jobdesk.referrals.models import ReferralResource, ResourceKind

RESOURCES: list[dict[str, Any]] = [
    {
        "code": "pre-employment-training",
        "name": "失業者職前訓練",
        "kind": ResourceKind.TRAINING,
        "provider": "勞動部勞動力發展署各分署及委託訓練單位",
        "offers": "針對失業者開辦之職業訓練課程（自辦、委外、補助辦理），結訓後協助就業。",
        "eligibility": (
            "具工作能力及意願之失業者；特定對象（§24）及非自願離職者可全額補助訓練費用。"
        ),
        "counties": "",
        "contact": "台灣就業通職訓課程查詢；各分署訓練課 0800-777-888",
        "how_to_refer": "就業服務員經職業訓練諮詢後開立推介參訓單，求職者依課程甄試日期報名。",
        "legal_basis": "職業訓練法、就業保險法第 12 條",
    },
    {
        "code": "industry-talent-investment",
        "name": "產業人才投資方案",
        "kind": ResourceKind.TRAINING,
        "provider": "勞動部勞動力發展署",
        "offers": "在職勞工進修課程，補助 80% 至 100% 訓練費用，三年最高 10 萬元。",
        "eligibility": "15 歲以上具勞保、就保、職災保險或農保身分之在職勞工。",
        "counties": "",
        "contact": "產業人才投資方案網站、各分署",
        "how_to_refer": "求職者於台灣就業通自行報名；就業服務員協助確認資格與課程。",
        "legal_basis": "產業人才投資方案",
    },
    {
        "code": "job-search-transport",
        "name": "求職交通補助金",
        "kind": ResourceKind.ALLOWANCE,
        "provider": "公立就業服務機構",
        "offers": "推介地點與日常居住處所距離 30 公里以上者，每次最高 500 元，每人每年 4 次。",
        "eligibility": "就業促進津貼實施辦法之特定對象或非自願離職者，經公立就業服務機構推介就業。",
        "counties": "",
        "contact": "各就業中心櫃台",
        "how_to_refer": "於推介時由就業服務員受理申請，檢附推介單及領據。",
        "legal_basis": "就業促進津貼實施辦法第 9 條",
    },
    {
        "code": "temporary-work-allowance",
        "name": "臨時工作津貼",
        "kind": ResourceKind.ALLOWANCE,
        "provider": "公立就業服務機構／用人單位",
        "offers": "經推介至用人單位從事臨時性工作，按基本工資時薪核給，每月不超過 80 小時。",
        "eligibility": "特定對象或非自願離職者，經就業諮詢無法推介就業者。",
        "counties": "",
        "contact": "各就業中心",
        "how_to_refer": "就業服務員評估後開立推介單至核定之用人單位。",
        "legal_basis": "就業促進津貼實施辦法第 10 條",
    },
    {
        "code": "training-living-allowance",
        "name": "職業訓練生活津貼",
        "kind": ResourceKind.ALLOWANCE,
        "provider": "公立就業服務機構",
        "offers": "參加全日制職業訓練期間，按基本工資 60% 按月發給，最長 6 個月（身障者 1 年）。",
        "eligibility": "特定對象或非自願離職者，經推介參加全日制職業訓練。",
        "counties": "",
        "contact": "各就業中心、訓練單位",
        "how_to_refer": "於推介參訓時一併申請，檢附推介參訓單。",
        "legal_basis": "就業促進津貼實施辦法第 18 條、就業保險法第 11 條",
    },
    {
        "code": "employment-incentive",
        "name": "僱用獎助",
        "kind": ResourceKind.ALLOWANCE,
        "provider": "公立就業服務機構",
        "offers": "雇主僱用經推介之失業者連續滿 30 日，按月核發僱用獎助，最長 12 個月。",
        "eligibility": "失業期間連續達 30 日以上之特定對象或長期失業者，經公立就業服務機構推介。",
        "counties": "",
        "contact": "各就業中心雇主服務",
        "how_to_refer": "就業服務員開立僱用獎助推介卡，雇主於僱用後 90 日內申請。",
        "legal_basis": "就業保險促進就業實施辦法、就業服務法第 23 條",
    },
    {
        "code": "vr-window-new-taipei",
        "name": "身心障礙者職業重建服務窗口（新北市）",
        "kind": ResourceKind.REHABILITATION,
        "provider": "新北市政府勞工局",
        "offers": "職業重建個案管理：職業輔導評量、職務再設計、支持性或庇護性就業服務。",
        "eligibility": "領有身心障礙證明（手冊），有就業意願者。",
        "counties": "新北市",
        "contact": "新北市職業重建服務窗口 02-2960-3456 轉 職重窗口",
        "how_to_refer": "填具轉介單並經求職者書面同意，傳送轉介單與評估摘要予窗口個管員。",
        "legal_basis": "身心障礙者權益保障法第 33 條",
    },
    {
        "code": "vr-window-taichung",
        "name": "身心障礙者職業重建服務窗口（臺中市）",
        "kind": ResourceKind.REHABILITATION,
        "provider": "臺中市政府勞工局",
        "offers": "職業重建個案管理、職業輔導評量、支持性就業服務。",
        "eligibility": "領有身心障礙證明，有就業意願者。",
        "counties": "臺中市",
        "contact": "臺中市職業重建服務窗口",
        "how_to_refer": "轉介單加書面同意書，以公文或安全管道傳送。",
        "legal_basis": "身心障礙者權益保障法第 33 條",
    },
    {
        "code": "social-welfare-new-taipei",
        "name": "新北市社會局社會福利服務中心",
        "kind": ResourceKind.WELFARE,
        "provider": "新北市政府社會局",
        "offers": "低收入戶與中低收入戶審核、急難救助、脆弱家庭支持服務。",
        "eligibility": "設籍或居住新北市，經濟或家庭遭遇困難者。",
        "counties": "新北市",
        "contact": "1957 福利諮詢專線；各區社福中心",
        "how_to_refer": "以轉介單傳送社福中心，並告知求職者將由社工聯繫。",
        "legal_basis": "社會救助法",
    },
    {
        "code": "domestic-violence-centre",
        "name": "家庭暴力及性侵害防治中心",
        "kind": ResourceKind.WELFARE,
        "provider": "各直轄市、縣（市）政府",
        "offers": "家庭暴力被害人保護扶助、安置、經濟扶助及就業協助轉銜。",
        "eligibility": "家庭暴力被害人。",
        "counties": "",
        "contact": "113 保護專線",
        "how_to_refer": "經被害人同意後以轉介單轉介；緊急危險時逕行通報 113。",
        "legal_basis": "家庭暴力防治法",
    },
    {
        "code": "mental-health-counselling",
        "name": "社區心理衛生中心心理諮商",
        "kind": ResourceKind.COUNSELLING,
        "provider": "各縣市衛生局社區心理衛生中心",
        "offers": "免費或低收費心理諮商（每人最多數次）、自殺防治關懷。",
        "eligibility": "設籍或居住該縣市，有心理困擾之民眾。",
        "counties": "",
        "contact": "1925 安心專線；各縣市社區心理衛生中心",
        "how_to_refer": "求職者同意後以轉介單轉介，或協助其自行預約。",
        "legal_basis": "精神衛生法",
    },
    {
        "code": "legal-aid-foundation",
        "name": "法律扶助基金會",
        "kind": ResourceKind.LEGAL_AID,
        "provider": "財團法人法律扶助基金會",
        "offers": "勞資爭議等法律諮詢、訴訟代理與辯護之律師費用扶助。",
        "eligibility": "資力符合標準或屬特定案件類型（如勞工訴訟）者。",
        "counties": "",
        "contact": "法扶全國專線 412-8518",
        "how_to_refer": "協助預約法扶分會諮詢，轉介單經求職者同意後提供。",
        "legal_basis": "法律扶助法",
    },
    {
        "code": "labour-dispute-mediation",
        "name": "勞資爭議調解",
        "kind": ResourceKind.LEGAL_AID,
        "provider": "各地方政府勞工局",
        "offers": "積欠工資、資遣費等勞資爭議之調解。",
        "eligibility": "與雇主發生勞資爭議之勞工。",
        "counties": "",
        "contact": "1955 勞工諮詢申訴專線",
        "how_to_refer": "協助求職者向勞工局申請調解。",
        "legal_basis": "勞資爭議處理法",
    },
]


@transaction.atomic
def seed_resources() -> int:
    """Create the directory's starting entries that are missing; returns how many were created."""
    created = 0
    for entry in RESOURCES:
        _, was_created = ReferralResource.objects.get_or_create(
            code=entry["code"], defaults={k: v for k, v in entry.items() if k != "code"}
        )
        created += int(was_created)
    return created
