"""Who does a clause restrict? The lexicon-driven pass of the §5 ¶1 checker.

An ad is a list of clauses. A clause that sets a condition on applicants has a *marker* — a
limit (限, 僅錄取), a need (需, 須, 具備), an exclusion (勿試, 恕不錄用, 謝絕), a preference (優先,
尤佳), a declaration (切結書, 聲明) or a question (註明, 詢問) — or is a bare item of a list of
conditions (「女性，28歲以下」). When such a clause names a protected ground (the lexicon in
``lexicon.json``: words, synonyms and proxies per ground, each entry with its severity per kind
of marker and its legal basis), it restricts the applicant on that ground, unless

* a lifting marker governs it (不限, 不拘, 皆可, 無…限制, 皆歡迎);
* the words are about the job's clients or its work (服務原住民族部落遊客, 協助新住民家庭,
  照顧身心障礙者, 執行政治傾向調查), or the language is the job's medium (客語主播);
* the ad is a lawful programme or shows a genuine occupational requirement (ad markers of
  `context.AdContext`: 原住民族工作權保障法, 婦女再就業, 定額進用, 女湯, 教會, 黨部 …).

``非``/``無``/``不`` right before the words flips a limit into an exclusion (限非身障者 excludes
disabled people; 非基督徒勿試 asks for Christians). Plain module: no Django.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .context import AdContext, is_about_clients, mentions_clients
from .model import Ground, Severity

# Where a clause ends. 、 and ： stay inside: 「新住民、外配勿試」 is one clause, 「血型：A型」 too.
# 「(含)」 stays inside: 「35歲(含)以下」 is one clause.
_CLAUSE_END = re.compile(
    r"[。\n;!?，,；|\[\]【】「」『』《》<>◆•★※➤✅■□●○◎]|\((?!含\))|(?<!\(含)\)"
    r"|(?<![\d.])\d{1,2}[.、)](?!\d)"
    r"|(?<=\s)\d{1,2}[.、](?=\d)"
)
_LABEL = re.compile(r"^\s*(?:條件|資格|要求|限制|應徵條件|需求條件|其他條件|其他)?\s*[:]?\s*")
_SURNAMES = set(
    "林王陳李張黃吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余趙盧梁顏柯"
    "孫魏翁戴范宋方鄧杜傅侯曹薛丁卓馬阮董唐溫藍蔣石古紀姚連馮歐程湯田康姜汪白鄒尤巫鐘黎涂龔嚴韓袁"
    "金童陸夏柳凃邵錢伍倪譚駱熊任甘秦顧毛章史官萬俞雷粘饒闕凌崔尹孔辛武辜陶段龍韋葛池孟褚殷麥賀賈"
    "莫管關向包丘梅利裴樊房全佘左花常蒲查翟安齊易喬湛車"
)
_CONTACT_BEFORE = re.compile(
    r"(?:洽|聯絡人?|聯繫|找|給|電話|請洽|窗口|負責人|Line|LINE)\s*[:]?\s*\S?$"
)
_FEMALE = re.compile(r"女|小姐|美眉|阿姨|大姐|少婦|媽媽|妹妹|姐姐|姊姊|正妹|辣妹|美女|歐巴桑|大嬸")
_MALE = re.compile(r"男|先生|帥哥|大哥|哥哥|型男|小鮮肉|歐吉桑|阿伯")
_ADDRESS_TERMS = frozenset(
    re.split(
        r"\s+",
        "小姐 先生 美眉 帥哥 阿姨 大姐 大哥 少婦 媽媽 妹妹 姐姐 姊姊 哥哥 型男 正妹 辣妹 美女"
        " 小鮮肉 歐巴桑 歐吉桑 阿伯 大嬸 女郎 女孩 男孩",
    )
)

#: What a clause with a ground word in it is doing, in the order it is decided.
KINDS = (
    "exclude",
    "limit",
    "declare",
    "ask",
    "ask_after",
    "need",
    "need_after",
    "skill_after",
    "prefer",
    "welcome",
)
# Markers read after the words, and the kind they count as. 流利/溝通 after a word speak of a
# language skill only (「台語溝通」), not of 「工會溝通」.
_AFTER_KIND = {"need_after": "need", "skill_after": "need", "ask_after": "ask"}


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: the words of a ground and what each kind of clause makes of them."""

    ground: Ground
    basis: str
    pattern: re.Pattern[str]
    severity: dict[str, Severity]
    stops: dict[str, bool]
    lawful_if: tuple[str, ...]
    warn_if: tuple[str, ...]
    language_is_the_work: bool


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    markers: dict[str, re.Pattern[str]]
    lift: re.Pattern[str]
    flip: re.Pattern[str]
    task: re.Pattern[str]
    task_or_knowledge: re.Pattern[str]

    def work_verbs(self, entry: Entry) -> re.Pattern[str]:
        """Verbs whose object is the job's work. Knowing a language is the skill itself, so
        熟悉/了解 count for every ground but language (需熟悉星座 is a skill; 需熟悉台語 is not)."""
        return self.task if entry.ground is Ground.LANGUAGE else self.task_or_knowledge


@dataclass(frozen=True)
class Condition:
    """A restriction found in one field (normalised offsets)."""

    ground: Ground
    severity: Severity
    basis: str
    start: int
    end: int
    kind: str


def _alternation(words: list[str]) -> str:
    return "|".join(f"(?:{w})" for w in sorted(words, key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    """The lexicon of ``lexicon.json``, compiled (once per process)."""
    raw = json.loads(resources.files(__package__).joinpath("lexicon.json").read_text("utf-8"))
    entries = []
    for ground_item in raw["grounds"]:
        ground = Ground(ground_item["ground"])
        for item in ground_item["entries"]:
            entries.append(
                Entry(
                    ground=ground,
                    basis=item.get("basis", ground_item["basis"]),
                    pattern=re.compile(_alternation(item["terms"])),
                    severity={k: Severity(v) for k, v in item["severity"].items() if v != "none"},
                    stops={k: True for k, v in item["severity"].items() if v == "none"},
                    lawful_if=tuple(item.get("lawful_if", ())),
                    warn_if=tuple(item.get("warn_if", ())),
                    language_is_the_work=bool(item.get("language_is_the_work")),
                )
            )
    markers = raw["markers"]
    return Lexicon(
        entries=tuple(entries),
        markers={
            kind: re.compile(_alternation(markers[kind]))
            for kind in (
                "limit",
                "need",
                "need_after",
                "skill_after",
                "ask_after",
                "exclude",
                "prefer",
                "ask",
                "declare",
                "welcome",
            )
        },
        lift=re.compile(_alternation(markers["lift"])),
        flip=re.compile(r"(?:" + _alternation(markers["flip"]) + r")\s*$"),
        task=re.compile(raw["task_verbs"]),
        task_or_knowledge=re.compile(raw["task_verbs"] + "|" + raw["knowledge_verbs"]),
    )


def clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of a text as (start, end) spans."""
    spans = []
    cursor = 0
    for match in _CLAUSE_END.finditer(text):
        if match.start() > cursor:
            spans.append((cursor, match.start()))
        cursor = match.end()
    if cursor < len(text):
        spans.append((cursor, len(text)))
    return spans


# How far a marker may stand from the ground words, before and after (characters).
_BEFORE = {"limit": 8, "need": 8, "declare": 16, "ask": 10, "welcome": 8, "exclude": 8, "prefer": 8}
_AFTER = {"exclude": 10, "prefer": 8, "need_after": 2, "skill_after": 2, "ask_after": 3}


def _nearest_before(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    found = None
    for match in pattern.finditer(text, lo, hi):
        found = match
    return found


def _markers(
    lex: Lexicon, text: str, clause: tuple[int, int], start: int, end: int, entry: Entry
) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every marker around the words, nearest first within a kind."""
    found: list[tuple[str, int, int]] = []
    for kind in KINDS:
        if kind == "skill_after" and entry.ground is not Ground.LANGUAGE:
            continue
        pattern = lex.markers[kind]
        reach = _BEFORE.get(kind, 0)
        if reach:
            match = _nearest_before(pattern, text, max(clause[0], start - reach), start)
            if match:
                found.append((kind, match.start(), match.end()))
        reach = _AFTER.get(kind, 0)
        if reach:
            after = pattern.search(text, end, min(clause[1], end + reach + 4))
            if after and after.start() - end <= reach:
                found.append((_AFTER_KIND.get(kind, kind), after.start(), after.end()))
    return found


_BARE_TAILS = frozenset({"", "者", "為限", "尤佳", "優先"})


def _is_bare_item(text: str, clause: tuple[int, int], start: int, end: int) -> bool:
    """「女性」「未婚」 alone as an item of a list of conditions (items split by 、 too), or a
    description of the person ending in 之/的 (「體格壯碩之男性」); not in a list of clients."""
    lo = text.rfind("、", clause[0], start) + 1 or clause[0]
    hi = text.find("、", end, clause[1])
    hi = clause[1] if hi < 0 else hi
    head = text[lo:start]
    label = _LABEL.match(head)
    head = (head[label.end() :] if label else head).strip()
    tail = text[end:hi].strip()
    if mentions_clients(text[clause[0] : start]):
        return False
    head_ok = not head or (len(head) <= 8 and head[-1] in "之的") or _is_ground_word(head)
    return head_ok and (tail in _BARE_TAILS or _is_ground_word(tail))


def _is_ground_word(words: str) -> bool:
    """「未婚女性」「40歲以下女性」: the rest of a list item is itself a ground word or an age."""
    if _AGE_WORDS.fullmatch(words):
        return True
    return any(entry.pattern.fullmatch(words) for entry in lexicon().entries)


_AGE_WORDS = re.compile(
    r"\d{1,2}\s*(?:~|-|至|到)?\s*(?:\d{1,2})?\s*歲\s*(?:以下|以上|以內|之間)?(?:的|之)?"
)


def _is_contact_person(text: str, start: int) -> bool:
    """陳小姐, 請洽王先生: a contact person, not the job."""
    before = text[max(0, start - 6) : start]
    if before and before[-1] in _SURNAMES:
        prior = before[:-1]
        if not prior or not ("\u4e00" <= prior[-1] <= "\u9fff") or _CONTACT_BEFORE.search(before):
            return True
        if prior.endswith(("洽", "找", "給", "聯絡", "詢", "致")):
            return True
    return bool(_CONTACT_BEFORE.search(before) and before[-1:] in _SURNAMES)


def _about_the_work(
    verbs: re.Pattern[str], text: str, clause: tuple[int, int], start: int, marker_start: int
) -> bool:
    """需照顧身障者, 需能聽懂各地口音: a task verb between the marker and the words (not a
    purpose: 需附大頭照以審核五官 asks for the applicant's face)."""
    lo = max(clause[0], marker_start - 2, start - 10)
    return any(
        text[max(0, m.start() - 1) : m.start()] not in _PURPOSE
        for m in verbs.finditer(text, lo, start)
    )


_PURPOSE = frozenset({"以", "供", "便"})


# An exclusion that names applying (請勿應徵, 恕不錄用) is about applicants even next to 族群.
_APPLICANT_VERB = re.compile(r"應徵|投遞|投|試|錄用|錄取|考慮|面試|報名|來")


# Kinds of marker that restrict by themselves: one of them between the clients and the words
# makes the words the applicant's again (照顧長者限女性); a question does not (為顧客說明五官).
_RESTRICTING = frozenset({"limit", "need", "exclude"})
# A language's community named in the title makes the language the job's medium
# (原住民族電視台記者 … 具族語能力者佳, 客家電視台 … 客語).
_LANGUAGE_COMMUNITY = {"族語": "原住民", "原住民語": "原住民", "客語": "客家", "客家話": "客家"}
_LANGUAGE_COMMUNITY |= {"客家語": "客家", "台語": "台語", "閩南語": "閩南"}

_FLIPPED = {"limit": "exclude", "need": "exclude", "prefer": "exclude", "exclude": "need"}

# A dialect the job uses with the people it serves or in its medium (需能以台語與長輩溝通,
# 台語本土劇編劇, 客語廣播): a need for it is a job requirement, not a condition on origin. Read
# in the clause that asks for the language (or the title), never the whole ad: nearly every
# ad names 客戶 or 民眾 somewhere, and that says nothing about why the language is asked.
_LANGUAGE_SERVES = re.compile(
    r"顧客|客戶|客人|長輩|長者|老人|民眾|住民|個案|病患|病人|家屬|攤商|消費者|旅客|遊客|學員|聽眾|觀眾"
    r"|居民|鄉親|阿公|阿嬤|劇|節目|主持|播報|廣播|電台|電視|配音|導覽|解說|翻譯|口譯|通譯|教學|講師"
    r"|老師|編劇|字幕|讀寫|認證|民調|訪員|電訪|客服|導遊|遊程|部落"
)

# Conduct at work, not a belief of the applicant: 上班時間不得從事政治活動, 執勤時不得傳教 (and
# 行政中立法 for public servants). Read for the grounds of belief only.
_AT_WORK = re.compile(
    r"上班(?:時間|期間|時)|工作(?:時間|期間|時)|執勤|值勤|勤務中|於?(?:職場|公司內|辦公室內|店內|廠內)"
    r"|行政中立"
)
_BELIEF_GROUNDS = frozenset({Ground.THOUGHT, Ground.RELIGION, Ground.PARTY})


def _severity_of(entry: Entry, kind: str) -> Severity | None:
    if kind in entry.severity:
        return entry.severity[kind]
    if kind == "need":
        return entry.severity.get("require")
    return None


def _decide(
    entry: Entry, markers: list[tuple[str, int, int]], flipped: bool
) -> tuple[str, Severity, int, int] | None:
    """The first marker that makes the words a restriction worth a finding."""
    for kind, m_start, m_end in markers:
        effective = _FLIPPED.get(kind, kind) if flipped else kind
        if entry.severity.get(effective) is None and entry.stops.get(effective):
            return None  # e.g. asking about pregnancy plans is private_data, not sex
        severity = _severity_of(entry, effective)
        if severity is not None:
            return effective, severity, m_start, m_end
    return None


_SUBJECT_END = re.compile(r"(?:者|人士|之人|的人|員工)\s*$")


def _verdict_after(
    lex: Lexicon, text: str, clause: tuple[int, int], end: int, following: tuple[int, int]
) -> list[tuple[str, int, int]]:
    """「曾任工會理監事者，本公司不予考慮」: a clause naming who, the next one saying no."""
    if end - clause[0] > 40 or not _SUBJECT_END.search(text, end, clause[1]):
        return []
    if clause[1] - end > 8 or following[0] - clause[1] > 1:
        return []
    for kind in ("exclude", "limit", "prefer"):
        match = lex.markers[kind].search(text, following[0], min(following[1], following[0] + 10))
        if match:
            return [(kind, match.start(), match.end())]
    return []


def _extend_left(lex: Lexicon, text: str, clause: tuple[int, int], left: int) -> int:
    """Quote a chain of markers whole: 需會台語, not 會台語."""
    for _ in range(3):
        best = left
        for pattern in lex.markers.values():
            for match in pattern.finditer(text, max(clause[0], left - 4), left):
                if match.end() == left:
                    best = min(best, match.start())
        if best == left:
            return left
        left = best
    return left


def find_conditions(text: str, field: str, ad: AdContext, title: str = "") -> list[Condition]:
    """Every restriction on a protected ground in one normalised field."""
    lex = lexicon()
    found: list[Condition] = []
    spans = clauses(text)
    for index, clause in enumerate(spans):
        following = spans[index + 1] if index + 1 < len(spans) else None
        for entry in lex.entries:
            for match in entry.pattern.finditer(text, *clause):
                condition = _judge(lex, entry, match, text, clause, field, ad, title, following)
                if condition is not None:
                    found.append(condition)
    return found


def _judge(
    lex: Lexicon,
    entry: Entry,
    match: re.Match[str],
    text: str,
    clause: tuple[int, int],
    field: str,
    ad: AdContext,
    title: str,
    following: tuple[int, int] | None = None,
) -> Condition | None:
    start, end = match.span()
    if start == end:
        return None
    words = match.group(0)
    if lex.lift.search(text, max(clause[0], start - 8), min(clause[1], end + 8)):
        return None
    if words in _ADDRESS_TERMS and _is_contact_person(text, start):
        return None
    clause_text = text[clause[0] : clause[1]]
    about_clients = is_about_clients(clause_text, start - clause[0], end - clause[0], strict=True)
    if entry.language_is_the_work and (
        field == "title" or words in title or _LANGUAGE_COMMUNITY.get(words, words) in title
    ):
        return None
    if entry.ground in _BELIEF_GROUNDS and _AT_WORK.search(text, clause[0], start):
        return None
    flip = lex.flip.search(text, max(clause[0], start - 3), start)
    flipped = flip is not None
    lead = flip.start() if flip else start
    span = (lead, end)
    markers = [
        m for m in _markers(lex, text, clause, start, end, entry) if m[2] <= lead or m[1] >= end
    ]
    if not markers and following is not None:
        markers = _verdict_after(lex, text, clause, end, following)
    decided = _decide(entry, markers, flipped)
    if about_clients and decided is not None and decided[3] <= start and decided[0] in _RESTRICTING:
        # 「照顧長者限女性」: the marker stands between the clients and the words
        tail = text[decided[3] : clause[1]]
        about_clients = is_about_clients(tail, start - decided[3], end - decided[3], strict=True)
    verbs = lex.work_verbs(entry)
    severity: Severity | None = None
    if about_clients and not (
        decided is not None
        and decided[0] == "exclude"
        and _APPLICANT_VERB.search(text, decided[2], min(clause[1], decided[3] + 4))
    ):
        return None
    if decided is not None:
        kind, severity, m_start, m_end = decided
        if m_end <= start and _about_the_work(verbs, text, clause, start, m_start):
            return None
        if m_start >= end and verbs.search(text, max(clause[0], start - 4), start):
            return None  # 負責工會溝通: the words are the object of the work
        span = (_extend_left(lex, text, clause, min(lead, m_start)), max(end, m_end))
    else:
        if verbs.search(text, max(clause[0], start - 4), start):
            return None  # 教授阿美族語, 服務女性: the words are the work
        if flipped and "absence" in entry.severity:
            kind = "absence"
        elif field == "title" and "title" in entry.severity:
            kind = "title"
            span = (start, end)
        elif "standalone" in entry.severity:
            kind = "standalone"
        elif _is_bare_item(text, clause, start, end):
            kind = "need"
        else:
            return None
        severity = _severity_of(entry, kind)
    if severity is None:
        return None
    if (
        entry.language_is_the_work
        and severity is Severity.WARNING
        and (_LANGUAGE_SERVES.search(text, clause[0], clause[1]) or _LANGUAGE_SERVES.search(title))
    ):
        return None
    female_only = bool(_FEMALE.search(words)) and not _MALE.search(words)
    if "women" in entry.lawful_if and ad.has("women") and female_only:
        return None  # 婦女再就業專案: a lawful programme for women
    if any(ad.has(marker) for marker in entry.lawful_if if marker != "women"):
        return None
    if any(ad.has(marker) for marker in entry.warn_if):
        severity = Severity.WARNING
    return Condition(entry.ground, severity, entry.basis, span[0], span[1], kind)
