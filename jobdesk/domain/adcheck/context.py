"""Context around a match: whose attribute is it, is it negated, welcomed, or lawful?

A rule finds wording such as 「65歲以上」; whether that is a requirement on the applicant
depends on the words around it (照顧65歲以上長者 speaks of the job's clients) and on the ad
as a whole (a 中高齡就業專案 or a 原住民族工作權保障法 quota makes a preference lawful).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that end a clause: a client noun beyond them speaks of something else.
_CLAUSE_END = re.compile(r"[。\n;!?|，,、:()\[\]【】「」『』《》<>/◆•★※➤✅■□●○◎]")

# Nouns that, just before a match in the same clause, make it about the job's clients.
_CLIENT_NOUN_BEFORE = re.compile(
    r"服務對象|對象|個案|案主|案家|長者|長輩|老人|學員|學生|兒童|幼兒|病患|患者|病人|住民|客戶"
    r"|客群|顧客|客人|消費者|會員|招收|就讀|收托|收案|年齡層|族群|家長|子女|孩子|小孩|民眾|專為"
    r"|旅客|乘客|讀者|觀眾|閱聽|用戶|使用者|針對"
)
# Verbs of care and service: weaker, used only for numbers and population words.
_CLIENT_VERB_BEFORE = re.compile(
    r"照顧|照護|看護|陪伴|陪同|協助|輔導|教導|教學|課程|班級|接送|服務|提供|關懷|居家|安養|托育"
    r"|日照|社區|聯誼|講座"
)
# Words that, just after a match, make it about the job's clients.
_CLIENT_AFTER = re.compile(
    r"^(?:之|的|以上之|以上的|以下之|以下的)?\s*(?:長者|老人|長輩|老年|兒童|幼兒|嬰幼兒|學童|孩童"
    r"|學生|青少年|少年|患者|病患|病人|民眾|族群|客群|客戶|顧客|客人|住民|個案|失能|失智|女童|男童"
    r"|婦女|孕婦|產婦|會員|學員|人口|消費者|孩子|小朋友|身障|乘客|旅客|讀者|使用者|用戶|市場"
    r"|聯誼|男女|交友|婚友)"
)
# Negations: 不限男女, 無年齡限制 (before) and 年齡不拘, 性別不限 (after).
_NEGATION_BEFORE = re.compile(r"(?:不|無|非|不分|不論|不問|無關)\s*$")
_NEGATION_AFTER = re.compile(r"^\s*(?:皆?不拘|皆?不限|皆可|均可|都可|無限制|沒有限制|不設限|無妨)")
_WELCOME_BEFORE = re.compile(r"(?:歡迎|鼓勵|也歡迎|亦歡迎|非常歡迎)[^。\n;!?]{0,6}$")

# Ad-level markers of a lawful programme or a genuine occupational requirement.
_PROGRAMMES: dict[str, re.Pattern[str]] = {
    "women": re.compile(r"婦女再就業|二度就業|婦女就業|重返職場"),
    "senior": re.compile(r"中高齡|高齡者|銀髮|樂齡|熟齡就業|退休(?:人員|族)?再就業"),
    "youth": re.compile(r"青年就業|青年職場|青年(?:旗艦|領航|體驗)|產學訓|青年(?:專案|計畫)"),
    "disability": re.compile(
        r"身(?:心)?障(?:礙)?(?:者)?(?:專案|保障|定額|進用|職缺|就業|優先|朋友優先)|定額進用|職務再設計"
        r"|保障名額|支持性就業|庇護"
    ),
    "indigenous": re.compile(
        r"原住民族工作權保障法|原住民(?:族)?(?:身分|保障|定額|進用|職缺)|定額(?:僱用|雇用|進用)"
    ),
    "sex_gor": re.compile(
        r"內衣|泳裝|泳衣|女性專屬|女子(?:學校|宿舍|監獄)|女湯|男湯|更衣室|哺乳|婦產|產後|月子|陪產"
        r"|女宿|男宿|舍監|宿舍管理|女性(?:顧客|客人|會員|患者|病患|長者|住民)|男性(?:顧客|客人|患者|病患|長者|住民)"
        r"|女子?(?:SPA|spa|美容|護膚|健身)|(?:女|男)(?:性)?(?:浴|廁)|三溫暖|男賓|女賓|澡堂|浴池"
    ),
    "religious_org": re.compile(
        r"教會(?!計)|牧師|傳道|宣教|神學|佛寺|寺院|教堂|禪寺|修道|神職|法師|宮廟|佛堂|道場|精舍"
        r"|本(?:寺|宮|廟|堂|教會)"
        r"|清真寺|天主堂|基督教(?:會(?!計)|團體|機構)|佛教(?:團體|機構|基金會)"
        r"|本(?:店|公司|會|單位|機構|園)為[^,。\n]{0,6}(?:一貫道|基督教|天主教|佛教|道教|伊斯蘭)"
    ),
    "party_org": re.compile(
        r"黨團|黨部|競選總部|競選辦公室|議員服務處|立委服務處|本服務處|議員辦公室|立委辦公室"
    ),
}


# Markers read in the title only: the job itself is a religious office (教會牧師, 佛寺法會誦經師),
# so a faith requirement is a genuine occupational requirement there.
_TITLE_MARKERS: dict[str, re.Pattern[str]] = {
    # being seen is the work (模特兒, 演員, 主播): a photo or a look at the body is job-related
    "seen_work": re.compile(r"模特|演員|藝人|主播|主持|網紅|直播主|試鏡|平面拍攝|(?i:model)"),
    "religious_duty": re.compile(
        r"牧師|傳道|神父|修女|神職|誦經|法師|住持|宣教|佈道|傳教士|經師|主日學|法會|廟公|廟祝"
    ),
}
# Ad-level markers that need the whole text: the law itself sets the check or the condition
# (保全業法 §10-1, 幼兒教育及照顧法 §21, 道路交通管理處罰條例 §37, 性別工作平等法 §7 但書 …).
_PROGRAMMES |= {
    "statute": re.compile(
        r"保全業法|兒童及少年福利|兒少(?:權益|福利)?法|幼兒教育及照顧法|幼照法|長期照顧服務法|長照法"
        r"|道路交通管理處罰條例|汽車運輸業管理規則|教師法|教育人員任用條例|公務人員任用法|醫療法"
        r"|性侵害犯罪防治法|依法(?:查核|辦理|規定)|依(?:規定|法令|法規)查核|法定(?:查核|要件)"
        r"|第\d+條(?:之\d+)?(?:規定|但書)?"
    ),
    # the ad states the exception of 性別工作平等法 §7 (the nature of the work): lawful
    "sex_gor_strong": re.compile(
        r"但書|隱私(?:空間|部位)|因工作性質|工作性質(?:需|須|限|特殊)|試穿模特|(?:內衣|泳裝|泳衣)(?:版型)?試穿"
    ),
    "registration_programme": re.compile(
        r"(?:在地|青年|地方)就業補助|就業補助計畫|申請補助者|依計畫"
    ),
}


@dataclass(frozen=True)
class AdContext:
    """What is known about the whole ad (title + description) before rules look at a field."""

    markers: frozenset[str]

    @classmethod
    def of(cls, title: str, description: str) -> AdContext:
        text = f"{title}\n{description}"
        found = {name for name, pat in _PROGRAMMES.items() if pat.search(text)}
        found |= {name for name, pat in _TITLE_MARKERS.items() if pat.search(title)}
        return cls(frozenset(found))

    def has(self, marker: str) -> bool:
        return marker in self.markers


def clause_before(text: str, start: int, limit: int = 12) -> str:
    """Up to `limit` characters before `start`, stopping at the start of the clause."""
    window = text[max(0, start - limit) : start]
    cut = None
    for cut_match in _CLAUSE_END.finditer(window):
        cut = cut_match.end()
    return window[cut:] if cut is not None else window


def clause_after(text: str, end: int, limit: int = 10) -> str:
    """Up to `limit` characters after `end`, stopping at the end of the clause."""
    window = text[end : end + limit]
    stop = _CLAUSE_END.search(window)
    return window[: stop.start()] if stop else window


# 「有小孩的媽媽」: children the applicant has are not the job's clients.
_HAVING = re.compile(r"(?:有|育有|帶)\s*$")


def is_about_clients(text: str, start: int, end: int, *, strict: bool = False) -> bool:
    """照顧65歲以上長者, 服務對象為女性, 客群以女性為主: the words describe whom the job serves.

    With `strict`, only client nouns count (for explicit requirements such as 限女性, where
    a care verb before them — 照顧工作限女性 — does not make them about clients).
    """
    before = clause_before(text, start)
    if any(not _HAVING.search(before, 0, m.start()) for m in _CLIENT_NOUN_BEFORE.finditer(before)):
        return True
    if not strict and _CLIENT_VERB_BEFORE.search(before):
        return True
    return bool(_CLIENT_AFTER.search(clause_after(text, end)))


def mentions_clients(text: str) -> bool:
    """Whether a stretch of text names the job's clients (服務對象, 長者, 學生 …)."""
    return bool(_CLIENT_NOUN_BEFORE.search(text))


def is_negated(text: str, start: int, end: int) -> bool:
    """不限男女, 年齡不拘: the words lift a restriction instead of setting one."""
    before = text[max(0, start - 3) : start]
    return bool(_NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(text[end : end + 6]))


def is_welcome(text: str, start: int) -> bool:
    """歡迎女性加入: an invitation, not an exclusion (at most a warning)."""
    return bool(_WELCOME_BEFORE.search(clause_before(text, start, 10)))
