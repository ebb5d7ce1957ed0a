"""Conditions written in English (「Female only.」「Blood type O preferred.」「No union members.」).

An English stretch of an ad (a run of Latin letters, digits and spaces, which a full stop, a
Chinese character or a line break ends) restricts applicants when it names a protected ground
and carries a restricting cue (only, preferred, required, must, need not apply, no …), and no
lifting cue (regardless of, all genders, equal opportunity …) or client cue (customers,
students, products …) that makes the ground someone else's. One finding per ground per stretch,
quoting the stretch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Ground, Severity

_I = re.IGNORECASE

# A stretch of English: starts with a letter, runs over letters, digits and inner punctuation.
_STRETCH = re.compile(r"[A-Za-z][A-Za-z0-9 ,'’\-/+&:%()]*[A-Za-z0-9%)]")

_GROUND_TERMS: dict[Ground, re.Pattern[str]] = {
    Ground.SEX: re.compile(
        r"\b(?:fe)?males?\b|\bwom[ae]n\b|\bm[ae]n\b|\bladies\b|\bgentlemen\b|\bgirls?\b|\bboys?\b"
        r"|\bguys\b",
        _I,
    ),
    Ground.AGE: re.compile(
        r"\b(?:under|below|over|above|younger than|older than|at least|no older than"
        r"|not older than)\s+\d{2}\b"
        r"|\baged?\s*\d{2}|\b\d{2}\s*(?:-|to)\s*\d{2}\s*(?:years|y/?o)|\byoung(?:er)?\b|\bage\b"
        r"|\bborn\s+(?:after|before|in)\s+(?:19|20)\d{2}|\b(?:millennials?|gen\s*z)\b",
        _I,
    ),
    Ground.MARITAL_STATUS: re.compile(
        r"\b(?:single|married|unmarried|divorced)\b(?=\s+(?:applicants?|candidates?|persons?|people"
        r"|women|men|ladies|females?|males?|only|preferred|status)\b|\s*(?:[.,;]|$))"
        r"|\b(?:be|are|is)\s+(?:single|married|unmarried)\b|\bmarital\b"
        r"|\bno (?:kids|children)\b|\bpregnan\w*",
        _I,
    ),
    Ground.APPEARANCE: re.compile(
        r"\bslim\b|\bslender\b|\btall\b|\battractive\b|\bgood[- ]looking\b|\bpretty\b"
        r"|\bhandsome\b|\bbeautiful\b|\boverweight\b|\bBMI\b|\btattoos?\b|\bphysique\b"
        r"|\b(?:good|attractive|pleasant|nice)\s+(?:appearance|looks|figure)\b"
        r"|\bheight\s*(?:of|above|over|at least|min\w*)?\s*[:>]?\s*\d{3}"
        r"|\b(?:body\s+)?weight\s*(?:under|below|less than|max\w*)?\s*[:<]?\s*\d{2}\s*kg\b"
        r"(?!\s*(?:of|loads?|goods|boxes|items))",
        _I,
    ),
    Ground.FACIAL_FEATURES: re.compile(r"\bfaces?\b|\bfacial features\b", _I),
    Ground.RACE: re.compile(
        r"\bcaucasian\b|\b(?:white|black|asian)\b(?=\s+(?:people|persons?|applicants?|candidates?"
        r"|only|skin|race|men|women|descent)\b)|\b(?:be|are)\s+(?:white|black|asian)\b"
        r"|\bdescent\b|\bethnic\w*|\brac(?:e|ial)\b|\bskin colou?r\b|\bhan chinese\b",
        _I,
    ),
    Ground.CLASS: re.compile(
        r"\b(?:upper|middle|working|lower)[- ](?:middle[- ])?class\b|\bwealthy\b|\brich famil\w*"
        r"|\bfamily background\b|\bsocial (?:class|status)\b",
        _I,
    ),
    Ground.LANGUAGE: re.compile(
        r"\bnative(?:[- ]\w+)?\s+speakers?\b|\bnative (?:mandarin|english|chinese|taiwanese)\b"
        r"|\bmother tongue\b|\baccents?\b|\bfirst language\b",
        _I,
    ),
    Ground.THOUGHT: re.compile(
        r"\bliberal\b|\bconservative\b|\b(?:left|right)[- ]wing\b|\bleftists?\b|\bfeminis\w*"
        r"|\bcommunis\w*|\bpolitical (?:views?|opinions?|beliefs?|stance|leaning)"
        r"|\bpro[- ](?:independence|unification|china)\b|\bactivis\w*",
        _I,
    ),
    Ground.RELIGION: re.compile(
        r"\bchristians?\b|\bcatholics?\b|\bbuddhists?\b|\bmuslims?\b|\btaoists?\b|\bjews?\b"
        r"|\bjewish\b|\bhindus?\b|\batheists?\b|\breligio\w*|\bchurch[- ]?goers?\b|\bfaith\b",
        _I,
    ),
    Ground.PARTY: re.compile(
        r"\bKMT\b|\bDPP\b|\bTPP\b|\bNPP\b|\bkuomintang\b|\bdemocratic progressive\b"
        r"|\bcommunist party\b|\bparty members?\b|\bpolitical part(?:y|ies)\b"
        r"|\bparty affiliation\b",
        _I,
    ),
    Ground.NATIVE_PLACE: re.compile(
        r"\blocals\b|\blocal (?:residents|people|applicants|candidates|only)\b|\bhometown\b", _I
    ),
    Ground.BIRTHPLACE: re.compile(
        r"\b[a-z]+-born\b|\bborn in\b|\bplace of birth\b|\bbirthplace\b|\bforeign[- ]born\b", _I
    ),
    Ground.SEXUAL_ORIENTATION: re.compile(
        r"\bstraight\b(?=\s+(?:applicants?|candidates?|people|persons?|only|men|women)\b)"
        r"|\bheterosexual\b|\bgay\b|\blesbian\b|\bLGBT\w*|\bhomosexual\b|\bbisexual\b"
        r"|\btransgender\b|\bsexual orientation\b|\bqueer\b",
        _I,
    ),
    Ground.UNION_MEMBERSHIP: re.compile(r"\bunions?\b|\bunioni[sz]\w*|\bstrikes?\b", _I),
    Ground.DISABILITY: re.compile(
        r"\bdisabled\b|\bdisabilit\w*|\bhandicapped\b|\bwheelchairs?\b|\bimpair\w*"
        r"|\bmental(?:ly)? ill\w*|\bHIV\b",
        _I,
    ),
    Ground.ZODIAC: re.compile(
        r"\baries\b|\btaurus\b|\bgemini\b|\bleos?\b|\bvirgos?\b|\blibras?\b|\bscorpios?\b"
        r"|\bsagittarius\b|\bcapricorns?\b|\baquarius\b|\bpisces\b|\bzodiac\b|\bstar signs?\b"
        r"|\bhoroscope\b",
        _I,
    ),
    Ground.BLOOD_TYPE: re.compile(r"\bblood\s*type\b|\b(?:AB|A|B|O)[- ]?type blood\b", _I),
    Ground.PRIVATE_DATA: re.compile(
        r"\bcredit (?:report|history|record|score|check)s?\b|\bcriminal record\b|\bpolice record\b"
        r"|\bmedical (?:records?|history)\b|\bbank statements?\b|\bfamily members?'?\b"
        r"|\bparents'? (?:occupations?|jobs?|income)\b|\b(?:photo|picture|selfie)s?\b"
        r"|\bsocial media (?:accounts?|passwords?)\b|\bDNA\b|\bgenetic test\w*|\bdrug test\w*"
        r"|\blie detector\b|\bpolygraph\b|\bfingerprints?\b",
        _I,
    ),
}

_RESTRICT = re.compile(
    r"\bonly\b|\bprefer\w*|\brequire\w*|\bmust\b|\bshould\b|\bneed not apply\b|\bneeds? to be\b"
    r"|\b(?:has|have) to be\b|\bnot (?:be )?(?:accepted|considered|hired|eligible|welcome)\b"
    r"|\bwill not\b|\bwon'?t\b|\bno\b|\bexclud\w*|\bexclusively\b|\ba plus\b|\badvantage\w*"
    r"|\bwe (?:want|seek|need)\b|\blooking for\b|\bseeking\b|\bdo(?:n'?t| not) apply\b"
    r"|\bunder \d|\bover \d|\bbelow \d|\babove \d|\bcome from\b|\bfrom an?\b",
    _I,
)
# asking for something restricts only on what an applicant can be asked about (a blood type,
# a credit report), not on a name that happens to be a sign (「Please send your CV to Leo」)
_ASK_CUE = re.compile(
    r"\b(?:attach|submit|provide|send|include|state|indicate|list|disclose|tell us)\b", _I
)
_ASKABLE = frozenset(
    {
        Ground.PRIVATE_DATA,
        Ground.BLOOD_TYPE,
        Ground.MARITAL_STATUS,
        Ground.RELIGION,
        Ground.PARTY,
        Ground.SEXUAL_ORIENTATION,
        Ground.THOUGHT,
        Ground.BIRTHPLACE,
        Ground.AGE,
    }
)
_ZODIAC_ASKED = re.compile(r"\bzodiac\b|\bstar signs?\b", _I)
# the legal minimum age (over 18, at least 16, 18+) is no bound on age
_LEGAL_MINIMUM = re.compile(
    r"\b(?:over|above|at least|older than)\s+1[5-8]\b"
    r"|\b1[5-8]\s*(?:\+|or older|and (?:over|above))",
    _I,
)
_LIFT = re.compile(
    r"\bregardless\b|\birrespective\b"
    r"|\ball (?:genders|ages|backgrounds|races|religions|nationalities)\b"
    r"|\bany (?:gender|age|background|nationality|religion|race)\b|\bequal opportunit\w*"
    r"|\bdiscriminat\w*|\bwelcome (?:all|everyone|applicants of all)\b|\bopen to (?:all|everyone)\b"
    r"|\binclusive\b|\bdiversity\b|\bdiverse\b|\bno matter\b|\bnot required\b|\bnot necessary\b",
    _I,
)
_CLIENTS = re.compile(
    r"\bcustomers?\b|\bclients?\b|\bguests?\b|\bpatients?\b|\bstudents?\b|\bpupils?\b|\blearners?\b"
    r"|\bvisitors?\b|\btourists?\b|\bpassengers?\b|\baudiences?\b|\bserv(?:e|ing)\b|\bproducts?\b"
    r"|\bbrand\b|\bmarket\b|\bportfolio\b",
    _I,
)
# looks that a face term makes facial (「Good-looking face required.」 is 五官, not 容貌 as well)
_LOOKS_ONLY = re.compile(
    r"\battractive\b|\bgood[- ]looking\b|\bpretty\b|\bhandsome\b|\bbeautiful\b", _I
)
# a photo is private data only when asked for
_ASKED = re.compile(r"\b(?:attach|submit|provide|send|include|upload|disclose)\b", _I)
_PHOTO = re.compile(r"\b(?:photo|picture|selfie)s?\b", _I)
_RECORDS = re.compile(
    r"credit|criminal|police|medical|bank|family|parents|social|DNA|genetic|drug|lie|polygraph"
    r"|fingerprint",
    _I,
)


@dataclass(frozen=True)
class EnglishCondition:
    ground: Ground
    severity: Severity
    start: int
    end: int


def english_conditions(text: str) -> list[EnglishCondition]:
    """Every restriction written in English in one normalised field."""
    found: list[EnglishCondition] = []
    for stretch in _STRETCH.finditer(text):
        words = stretch.group(0)
        if len(re.findall(r"[A-Za-z]{2,}", words)) < 2:
            continue
        restricts, asks = bool(_RESTRICT.search(words)), bool(_ASK_CUE.search(words))
        if not (restricts or asks) or _LIFT.search(words) or _CLIENTS.search(words):
            continue
        grounds = {ground for ground, pattern in _GROUND_TERMS.items() if pattern.search(words)}
        if not restricts:
            grounds = {g for g in grounds if g in _ASKABLE}
            if _ZODIAC_ASKED.search(words):
                grounds.add(Ground.ZODIAC)
        if Ground.AGE in grounds and _LEGAL_MINIMUM.search(words):
            grounds.discard(Ground.AGE)
        if Ground.FACIAL_FEATURES in grounds and Ground.APPEARANCE in grounds:
            looks = _GROUND_TERMS[Ground.APPEARANCE].findall(words)
            if all(_LOOKS_ONLY.fullmatch(look) for look in looks):
                grounds.discard(Ground.APPEARANCE)
        if (
            Ground.PRIVATE_DATA in grounds
            and not _ASKED.search(words)
            and _PHOTO.search(words)
            and not _RECORDS.search(words)
        ):
            grounds.discard(Ground.PRIVATE_DATA)  # a photo mentioned, not asked for
        if (
            Ground.AGE in grounds
            and re.fullmatch(r"(?i).*\bage\b.*", words)
            and not re.search(r"(?i)\d|young|born|millennial|gen\s*z", words)
        ):
            grounds.discard(Ground.AGE)  # 「age」 alone with no number or description is no bound
        for ground in sorted(grounds, key=lambda g: g.value):
            found.append(
                EnglishCondition(ground, Severity.VIOLATION, stretch.start(), stretch.end())
            )
    return found
