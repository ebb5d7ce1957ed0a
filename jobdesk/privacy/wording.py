"""The wording of the notices and consent forms, versioned: the signed text is kept as proof."""

from __future__ import annotations

import datetime

from jobdesk.privacy.data_items import labels_of

NOTICE_VERSION = "2025.1"
REFERRAL_CONSENT_VERSION = "2025.1"

# PDPA Art. 8 ¶1: the six items of the notice at collection.
NOTICE_ITEMS: tuple[tuple[str, str], ...] = (
    (
        "蒐集機關名稱",
        "勞動部勞動力發展署所屬就業服務機構（您辦理求職登記之就業中心或就業服務台）。",
    ),
    (
        "蒐集之目的",
        "就業服務（含求職登記、就業諮詢、職業媒合與推介、轉介、就業追蹤）、"
        "就業促進津貼與職業訓練之辦理，以及統計研究（去識別化）。",
    ),
    (
        "個人資料之類別",
        "識別類（姓名、身分證字號、聯絡方式）、特徵類（出生日期）、家庭情形、"
        "教育與技能、受僱情形、經您同意提供之健康、身心障礙或經濟狀況等資料。",
    ),
    (
        "利用之期間、地區、對象及方式",
        "期間：至特定目的消失（結案）後依機關保存期限屆滿為止；地區：中華民國境內；"
        "對象：本機構、經您同意之推介雇主或轉介單位、依法令得調閱之機關；"
        "方式：書面、電子或其他適當方式。",
    ),
    (
        "當事人依第 3 條得行使之權利及方式",
        "您得請求查詢或閱覽、製給複製本、補充或更正、停止蒐集處理或利用、刪除；"
        "請向承辦人員或服務櫃台提出，機構於 15 日（查詢、閱覽、複製）或 30 日（其他）內處理。",
    ),
    (
        "不提供對其權益之影響",
        "您得自由選擇是否提供；若不提供必要資料，本機構將無法為您辦理求職登記、"
        "推介就業或相關津貼申請。",
    ),
)


def referral_consent_text(
    *,
    seeker_name: str,
    recipient: str,
    purpose: str,
    data_items: list[str],
    valid_until: datetime.date,
) -> str:
    """The full text of O3.3.2 轉介同意書 as signed; stored with the consent as proof."""
    items = "、".join(labels_of(data_items)) or "（未勾選）"
    return "\n".join(
        [
            f"轉介同意書（版本 {REFERRAL_CONSENT_VERSION}）",
            f"本人 {seeker_name} 經就業服務人員說明轉介流程後，同意：",
            f"一、資料接收單位：{recipient}。",
            f"二、轉介目的：{purpose}",
            f"三、提供之資料項目（僅限以下項目，依就業服務法第 9 條不提供其他資料）：{items}。",
            f"四、同意有效期間：自簽署日起至 {valid_until:%Y 年 %m 月 %d 日}止。",
            "五、本人得依個人資料保護法第 3 條請求查詢、閱覽、製給複製本、補充或更正、"
            "停止蒐集處理利用或刪除，並得隨時撤回本同意；撤回後將停止轉介，"
            "但不影響撤回前已依同意提供之效力。",
            "六、本人得拒絕簽署本同意書；拒絕不影響本人接受其他就業服務之權益，"
            "惟本項轉介將無法進行。",
        ]
    )
